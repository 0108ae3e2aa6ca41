import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Frame } from '../../../../src-shared/domain/protocols/framing';
import {
  createRadioParser,
  encodeRadioLine,
  RADIO_MAX_LINE_LENGTH,
  type RadioFrame,
} from '../../../../src-shared/domain/protocols/radio';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

function parseAll(chunks: readonly Uint8Array[]): Frame<RadioFrame>[] {
  const parser = createRadioParser();
  return [...chunks.flatMap((chunk) => parser.push(chunk)), ...parser.flush()];
}

const hex = (value: number, digits: number): string => value.toString(16).toUpperCase().padStart(digits, '0');
const two = (value: number): string => String(value).padStart(2, '0');

/** A valid gateway line, with the frame it must parse to. */
const validLine = fc
  .record({
    seq: fc.integer({ min: 0, max: 65_535 }),
    hh: fc.integer({ min: 0, max: 23 }),
    mm: fc.integer({ min: 0, max: 59 }),
    ss: fc.integer({ min: 0, max: 59 }),
    unit: fc.integer({ min: 0, max: 0xffff }),
    lowerCaseUnit: fc.boolean(),
    op: fc.constantFrom('STS', 'EMR', 'EAK', 'PTT', 'MSG', 'SRQ', 'RCK'),
    code: fc.integer({ min: 0, max: 255 }),
    position: fc.option(
      fc.record({
        lat: fc.integer({ min: -90_000_000, max: 90_000_000 }),
        lon: fc.integer({ min: -180_000_000, max: 180_000_000 }),
      }),
      { nil: undefined },
    ),
  })
  .map((f) => {
    const unitHex = hex(f.unit, 4);
    const arg = f.op === 'STS' ? hex(f.code % 16, 1) : f.op === 'MSG' ? hex(f.code, 2) : '';
    const lat = f.position ? (f.position.lat / 1e6).toFixed(6) : undefined;
    const lon = f.position ? (f.position.lon / 1e6).toFixed(6) : undefined;
    const body = [
      'RDG',
      String(f.seq),
      `${two(f.hh)}${two(f.mm)}${two(f.ss)}`,
      f.lowerCaseUnit ? unitHex.toLowerCase() : unitHex,
      f.op,
      arg,
      ...(lat !== undefined && lon !== undefined ? [lat, lon] : []),
    ].join(',');
    return encodeRadioLine(body);
  });

const noiseLine = fc.string({ maxLength: 40 }).map((text) => `${text.replace(/[\r\n]/g, '')}\r\n`);

describe('radio parser properties', () => {
  it('arbitrary bytes never throw, and every kept line is bounded', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 10 }), (chunks) => {
        for (const frame of parseAll(chunks)) expect(frame.raw.length).toBeLessThanOrEqual(RADIO_MAX_LINE_LENGTH);
      }),
      { numRuns: 500 },
    );
  });

  it('every valid line parses', () => {
    fc.assert(
      fc.property(validLine, (line) => {
        const frames = parseAll([bytes(line)]);
        expect(frames).toHaveLength(1);
        expect(frames[0]?.result.ok).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('any chunking gives the same frames', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(validLine, validLine, noiseLine), { minLength: 1, maxLength: 12 }),
        fc.array(fc.nat(), { maxLength: 20 }),
        (lines, cutSeeds) => {
          const all = bytes(lines.join(''));
          const cuts = [...new Set(cutSeeds.map((seed) => seed % (all.length + 1)))].sort((a, b) => a - b);
          const chunks: Uint8Array[] = [];
          let from = 0;
          for (const cut of [...cuts, all.length]) {
            chunks.push(all.subarray(from, cut));
            from = cut;
          }
          expect(parseAll(chunks)).toEqual(parseAll([all]));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a line with one character changed is rejected', () => {
    fc.assert(
      fc.property(validLine, fc.nat(), fc.integer({ min: 1, max: 255 }), (line, at, delta) => {
        const original = bytes(line.replace(/\r\n$/, ''));
        const index = at % original.length;
        const flipped = Uint8Array.from(original);
        flipped[index] = ((original[index] ?? 0) + delta) % 256;
        const frames = parseAll([flipped, bytes('\r\n')]);
        expect(frames.length).toBeGreaterThan(0);
        for (const frame of frames) expect(frame.result.ok).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('1 MB without a newline stays bounded and the next line still parses', () => {
    const parser = createRadioParser();
    const chunk = new Uint8Array(64 * 1024).fill(0x41);
    const frames: Frame<RadioFrame>[] = [];
    for (let i = 0; i < 16; i++) frames.push(...parser.push(chunk));
    expect(frames).toEqual([]);
    frames.push(...parser.push(bytes(`\n${encodeRadioLine('RDG,1,120000,1A2F,EMR,')}`)));
    expect(frames).toHaveLength(2);
    expect(frames[0]?.raw.length).toBe(RADIO_MAX_LINE_LENGTH);
    expect(frames[0]?.result.ok).toBe(false);
    expect(frames[1]?.result).toMatchObject({ ok: true, value: { kind: 'emergency', unitId: '1A2F' } });
  });
});
