import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Frame } from '../../../../src-shared/domain/protocols/framing';
import {
  createNmeaParser,
  parseNmeaSentence,
  type NmeaEvent,
  type NmeaFix,
} from '../../../../src-shared/domain/protocols/nmea';
import { requirePrerequisites, sharedFile } from '../../../support/prerequisites';

/** gpsd's regression logs: the valid-log properties run on them too when present. */
const sampleLogs = ['bt451', 'nl2008u', 'mt3339'].map((name) => sharedFile('testdata', 'nmea', `${name}.log`));
const samplesMissing = requirePrerequisites(...sampleLogs);

function checksummed(body: string): string {
  let sum = 0;
  for (const char of body) sum ^= char.charCodeAt(0);
  return `$${body}*${sum.toString(16).toUpperCase().padStart(2, '0')}`;
}

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

/** A valid log: a synthetic drive with every sentence type, then gpsd's samples when present. */
function validLog(): string {
  const samples =
    samplesMissing === null
      ? sampleLogs
          .map((file) => readFileSync(file.path, 'latin1'))
          .join('\n')
          .split(/\r?\n/)
          .filter((line) => line !== '' && !line.startsWith('#'))
      : [];
  const lines: string[] = [];
  for (let second = 0; second < 20; second++) {
    const time = `1200${String(second).padStart(2, '0')}.00`;
    const minutes = (18.78 + second * 0.001).toFixed(4);
    lines.push(
      checksummed(`GNGGA,${time},33${minutes},N,044${minutes},E,1,09,0.9,34.0,M,-2.0,M,,`),
      checksummed('GNGSA,A,3,01,02,03,04,05,06,07,08,09,,,,1.5,0.9,1.2,1'),
      checksummed(`GNRMC,${time},A,33${minutes},N,044${minutes},E,12.5,90.0,291126,,,A,V`),
      checksummed('GNVTG,90.0,T,,M,12.5,N,23.2,K,A'),
      checksummed(`GNGLL,33${minutes},N,044${minutes},E,${time},A,A`),
      checksummed(`GNZDA,${time},29,11,2026,,`),
    );
  }
  return [...lines, ...samples].join('\r\n');
}

function fixesOf(frames: Frame<NmeaEvent>[]): NmeaFix[] {
  return frames.flatMap((frame) =>
    frame.result.ok && frame.result.value.kind === 'fix' ? [frame.result.value.fix] : [],
  );
}

function sane(fix: NmeaFix): boolean {
  const finiteOrNull = (value: number | null): boolean => value === null || Number.isFinite(value);
  return (
    (fix.lat === null || (Number.isFinite(fix.lat) && Math.abs(fix.lat) <= 90)) &&
    (fix.lon === null || (Number.isFinite(fix.lon) && Math.abs(fix.lon) <= 180)) &&
    (fix.lat === null) === (fix.lon === null) &&
    [fix.alt, fix.speed, fix.track, fix.satellites, fix.hdop].every(finiteOrNull) &&
    (fix.speed === null || fix.speed >= 0) &&
    (fix.time === null || !Number.isNaN(Date.parse(fix.time))) &&
    [0, 1, 2, 3].includes(fix.mode)
  );
}

/** Sentence-shaped noise with a correct checksum, so field validation (not the checksum) is what is tested. */
const plausibleSentence = fc
  .tuple(
    fc.constantFrom('GP', 'GN', 'GL', 'BD', 'XX'),
    fc.constantFrom('GGA', 'RMC', 'GLL', 'VTG', 'GSA', 'GNS', 'ZDA', 'GSV'),
    fc.array(fc.stringMatching(/^[0-9.NSEWAVT+-]{0,12}$/), { maxLength: 20 }),
  )
  .map(([talker, type, fields]) => checksummed([`${talker}${type}`, ...fields].join(',')));

describe('NMEA parser properties', () => {
  it('never throws on arbitrary bytes and never emits an impossible fix', () => {
    const chunk = fc.oneof(
      fc.uint8Array({ maxLength: 200 }),
      plausibleSentence.map((line) => encode(`${line}\r\n`)),
    );
    fc.assert(
      fc.property(fc.array(chunk, { maxLength: 30 }), fc.boolean(), (chunks, allowMissingChecksum) => {
        const parser = createNmeaParser({ allowMissingChecksum });
        const frames = chunks.flatMap((bytes) => parser.push(bytes)).concat(parser.flush());
        expect(fixesOf(frames).every(sane)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('yields the same frames and fixes however the log is chunked', () => {
    const log = encode(validLog());
    const whole = createNmeaParser();
    // Raw bytes and results, as text: comparing thousands of Uint8Arrays structurally is slow.
    const summary = (frames: Frame<NmeaEvent>[]): string[] =>
      frames.map((frame) => `${new TextDecoder().decode(frame.raw)} ${JSON.stringify(frame.result)}`);
    const expected = summary(whole.push(log).concat(whole.flush()));
    expect(expected.filter((line) => line.includes('"kind":"fix"')).length).toBeGreaterThanOrEqual(20);
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: log.length - 1 }), { maxLength: 40 }), (cuts) => {
        const parser = createNmeaParser();
        const bounds = [0, ...cuts.sort((a, b) => a - b), log.length];
        const frames: Frame<NmeaEvent>[] = [];
        for (let i = 1; i < bounds.length; i++) frames.push(...parser.push(log.subarray(bounds[i - 1], bounds[i])));
        frames.push(...parser.flush());
        expect(summary(frames)).toEqual(expected);
      }),
      { numRuns: 100 },
    );
  });

  it('fails the checksum when any one character between $ and * changes', () => {
    const lines = validLog()
      .split(/\r?\n/)
      .filter((line) => line.startsWith('$'));
    const printable = fc.integer({ min: 0x20, max: 0x7e }).filter((code) => code !== 0x24);
    fc.assert(
      fc.property(fc.constantFrom(...lines), fc.nat(), printable, (line, at, code) => {
        const body = encode(line.slice(1));
        const star = body.lastIndexOf(0x2a);
        const index = at % star;
        fc.pre(body[index] !== code);
        expect(parseNmeaSentence(body).ok).toBe(true);
        const flipped = body.slice();
        flipped[index] = code;
        const result = parseNmeaSentence(flipped);
        expect(result.ok).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps a bounded buffer on 1 MB without a line end', () => {
    const maxLength = 160;
    const parser = createNmeaParser({ maxLength });
    const chunk = encode(`$GPGGA,${'7'.repeat(4089)}`); // 4 KiB, one '$' each
    const before = process.memoryUsage().heapUsed;
    let frames = 0;
    let longest = 0;
    for (let sent = 0; sent < 1 << 20; sent += chunk.length) {
      for (const frame of parser.push(chunk)) {
        frames++;
        longest = Math.max(longest, frame.raw.length);
        expect(frame.result.ok).toBe(false);
      }
    }
    const grown = process.memoryUsage().heapUsed - before;
    const last = parser.flush();
    // One cut-off frame per '$' (256 of them), each no longer than maxLength plus the '$'.
    expect(frames + last.length).toBe(256);
    expect(Math.max(longest, ...last.map((frame) => frame.raw.length))).toBe(maxLength + 1);
    expect(last[0]?.result).toEqual({ ok: false, error: `sentence longer than ${maxLength} bytes` });
    expect(grown).toBeLessThan(16 * 2 ** 20);
  });
});
