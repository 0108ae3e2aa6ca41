import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtCli, requirePrerequisites } from '../../support/prerequisites';
import { encodeRadioLine } from '../../../src-shared/domain/protocols/radio';
import { useTempDirs } from '../support/cleanup';

const REPO_ROOT = resolve(import.meta.dirname, '../../..');
const NIDA = join(REPO_ROOT, 'bin', 'nida.js');
const notBuilt = requirePrerequisites(builtCli());
const ALI_FIXTURES = join(REPO_ROOT, 'tests', 'fixtures', 'ali');

/** `nida parse …` exactly as an operator runs it, with optional standard input. */
function nidaParse(args: readonly string[], input?: string): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [NIDA, 'parse', ...args], {
    cwd: REPO_ROOT,
    input: input ?? '',
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const jsonLines = (text: string): unknown[] =>
  text
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as unknown);

function nmea(body: string): string {
  let checksum = 0;
  for (const char of body) checksum ^= char.charCodeAt(0);
  return `$${body}*${checksum.toString(16).toUpperCase().padStart(2, '0')}\r\n`;
}

// Two reporting cycles of a receiver in Baghdad, and a sentence whose checksum was damaged on the line.
const cycle1 =
  nmea('GPGGA,103000.00,3318.7680,N,04421.6900,E,1,08,0.9,34.2,M,-25.0,M,,') +
  nmea('GPRMC,103000.00,A,3318.7680,N,04421.6900,E,10.0,90.0,291126,,,A');
const cycle2 =
  nmea('GPGGA,103001.00,3318.7690,N,04421.6960,E,1,08,0.9,34.4,M,-25.0,M,,') +
  nmea('GPRMC,103001.00,A,3318.7690,N,04421.6960,E,10.0,90.0,291126,,,A');
const damaged = nmea('GPGGA,103002.00,3318.7700,N,04421.7020,E,1,08,0.9,34.5,M,-25.0,M,,').replace('*', '*0');

describe.skipIf(notBuilt !== null)('nida parse (the same parsers as the live ports)', () => {
  const tempDir = useTempDirs();

  it('given an NMEA log file, when parsed, then one fix per cycle is printed as JSON and the rejects are summarised', () => {
    const file = join(tempDir(), 'receiver.log');
    writeFileSync(file, cycle1 + damaged + cycle2);

    const { code, stdout, stderr } = nidaParse(['nmea', file]);

    expect(code).toBe(0);
    const fixes = jsonLines(stdout);
    expect(fixes).toHaveLength(2);
    expect(fixes[0]).toEqual({
      time: '2026-11-29T10:30:00.000Z',
      lat: expect.closeTo(33.3128, 6) as number,
      lon: expect.closeTo(44.3615, 6) as number,
      alt: 34.2,
      speed: expect.closeTo(5.144, 3) as number,
      track: 90,
      mode: 3,
    });
    expect(stderr).toMatch(/^2 accepted, 1 rejected: 1 × .*checksum/m);
  });

  it('given NMEA on standard input (`-`), when parsed, then it decodes the same as a file', () => {
    const { code, stdout } = nidaParse(['nmea', '-'], cycle1);

    expect(code).toBe(0);
    expect(jsonLines(stdout)).toHaveLength(1);
  });

  it('given a telephony capture and its template, when parsed, then every record matches the expected decode', () => {
    for (const template of ['labelled-15', 'fixed-wireless']) {
      const expected = (
        JSON.parse(readFileSync(join(ALI_FIXTURES, `${template}.expected.json`), 'utf8')) as {
          ok: boolean;
          value?: unknown;
        }[]
      ).flatMap((frame) => (frame.ok ? [frame.value] : []));

      const { code, stdout, stderr } = nidaParse([
        'ali',
        '--template',
        template,
        join(ALI_FIXTURES, `${template}.ali`),
      ]);

      expect(code, stderr).toBe(0);
      expect(jsonLines(stdout)).toEqual(expected);
      expect(stderr).toContain(`${String(expected.length)} accepted`);
    }
  });

  it('given a radio capture with a repeated emergency, when parsed, then statuses print and the repeats are marked duplicates', () => {
    const emergency = encodeRadioLine('RDG,17,140501,1A2F,EMR,,33.31280,44.36150');
    const input = encodeRadioLine('RDG,17,140455,0B12,STS,4') + emergency + emergency + emergency + 'line noise\n';

    const { code, stdout, stderr } = nidaParse(['radio', '-'], input);

    expect(code).toBe(0);
    const frames = jsonLines(stdout) as { kind?: string; unitId?: string; alarm?: string }[];
    expect(frames.map((frame) => frame.kind)).toEqual(['status', 'emergency', 'emergency', 'emergency']);
    expect(frames.filter((frame) => frame.kind === 'emergency').map((frame) => frame.alarm)).toEqual([
      'alarm',
      'duplicate',
      'duplicate',
    ]);
    expect(stderr).toMatch(/^4 accepted, 1 rejected/m);
  });

  it('given a file that does not exist, when parsed, then it exits non-zero with the reason', () => {
    const { code, stderr } = nidaParse(['radio', join(tempDir(), 'missing.log')]);

    expect(code).not.toBe(0);
    expect(stderr).toMatch(/ENOENT.*missing\.log/);
  });
});
