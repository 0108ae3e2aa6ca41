import { readJsonFile } from '../services/runtime/jsonFile';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { parseAliTemplate, parseAliText } from '../../src-shared/domain/protocols/ali';
import { parseNmeaLog } from '../../src-shared/domain/protocols/nmea';
import { parseRadioText } from '../../src-shared/domain/protocols/radio';
import { resourcesDir } from '../config/appPaths';

/** FILE, or standard input for `-`. */
function readInput(file: string): Buffer {
  return readFileSync(file === '-' ? 0 : file);
}

function emit(lines: readonly string[], rejected: readonly { line?: number; error: string }[]): void {
  for (const line of lines) process.stdout.write(`${line}\n`);
  const reasons = new Map<string, number>();
  for (const entry of rejected) reasons.set(entry.error, (reasons.get(entry.error) ?? 0) + 1);
  process.stderr.write(
    `${String(lines.length)} accepted, ${String(rejected.length)} rejected${
      reasons.size > 0 ? `: ${[...reasons].map(([error, count]) => `${String(count)} × ${error}`).join('; ')}` : ''
    }\n`,
  );
}

/** `nida parse nmea|ali|radio FILE|-`: the same parsers as the live ports, one JSON object per record. */
export function registerParseCommands(program: Command): void {
  const parse = program
    .command('parse')
    .description('decode a capture with the same parsers the live serial ports use');

  parse
    .command('nmea <file>')
    .description('NMEA 0183 GPS log → one JSON fix per reporting cycle')
    .action((file: string) => {
      const result = parseNmeaLog(readInput(file).toString('latin1'));
      emit(
        result.fixes.map((fix) =>
          JSON.stringify({
            time: fix.time,
            lat: fix.lat,
            lon: fix.lon,
            alt: fix.alt,
            speed: fix.speed,
            track: fix.track,
            mode: fix.mode,
          }),
        ),
        result.rejected,
      );
    });

  parse
    .command('ali <file>')
    .description('ALI records from 911 telephony → one JSON record each')
    .option('-t, --template <name>', 'layout in resources/ali-templates (or a path to a template file)', 'labelled-15')
    .option('--time-zone <zone>', 'zone of the record times', 'Asia/Baghdad')
    .action((file: string, options: { template: string; timeZone: string }) => {
      const path = options.template.endsWith('.json')
        ? options.template
        : join(resourcesDir(), 'ali-templates', `${options.template}.json`);
      const template = parseAliTemplate(readJsonFile(path));
      if (!template.ok) throw new Error(`${path} is invalid: ${template.errors.join('; ')}`);
      const frames = parseAliText(template.value, readInput(file), { timeZone: options.timeZone });
      emit(
        frames.flatMap((frame) => (frame.result.ok ? [JSON.stringify(frame.result.value)] : [])),
        frames.flatMap((frame) => (frame.result.ok ? [] : [{ error: frame.result.error }])),
      );
    });

  parse
    .command('radio <file>')
    .description('radio gateway capture → one JSON frame each (emergencies marked alarm or duplicate)')
    .action((file: string) => {
      const report = parseRadioText(readInput(file).toString('latin1'));
      emit(report.jsonLines.slice(0, -1), report.rejected);
    });
}
