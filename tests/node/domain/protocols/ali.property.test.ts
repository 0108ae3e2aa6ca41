import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Frame } from '../../../../src-shared/domain/protocols/framing';
import {
  createAliParser,
  parseAliTemplate,
  type AliRecord,
  type AliTemplate,
} from '../../../../src-shared/domain/protocols/ali';

const ROOT = join(import.meta.dirname, '..', '..', '..', '..');
const RECEIVED = Date.UTC(2026, 10, 29, 11, 10, 0);
const NAMES = ['labelled-15', 'fixed-wireless'] as const;

function template(name: string): AliTemplate {
  const raw: unknown = JSON.parse(readFileSync(join(ROOT, 'resources', 'ali-templates', `${name}.json`), 'utf8'));
  const result = parseAliTemplate(raw);
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.value;
}

const capture = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(join(ROOT, 'tests', 'fixtures', 'ali', `${name}.ali`)));

/** Feeds the bytes cut at the given offsets; returns every frame, flush included. */
function feed(tpl: AliTemplate, bytes: Uint8Array, cuts: readonly number[] = []): Frame<AliRecord>[] {
  const parser = createAliParser(tpl, { now: () => RECEIVED });
  const frames: Frame<AliRecord>[] = [];
  let last = 0;
  for (const cut of [...new Set(cuts)].sort((a, b) => a - b)) {
    frames.push(...parser.push(bytes.subarray(last, cut)));
    last = cut;
  }
  frames.push(...parser.push(bytes.subarray(last)), ...parser.flush());
  return frames;
}

const results = (frames: readonly Frame<AliRecord>[]) => frames.map((frame) => frame.result);

describe.each(NAMES)('%s stream parser (properties)', (name) => {
  const tpl = template(name);
  const bytes = capture(name);
  const whole = feed(tpl, bytes);

  it('given arbitrary bytes in arbitrary chunks, when parsed, then it never throws and every frame is bounded', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 20 }), (chunks) => {
        const parser = createAliParser(tpl, { now: () => RECEIVED });
        const frames = [...chunks.flatMap((chunk) => parser.push(chunk)), ...parser.flush()];
        for (const frame of frames) expect(frame.raw.length).toBeLessThanOrEqual(tpl.maxRecordLength);
      }),
      { numRuns: 300 },
    );
  });

  it('given the capture cut at any offsets, when parsed, then the records are the same as in one piece', () => {
    expect(whole.filter((frame) => frame.result.ok)).toHaveLength(4);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: bytes.length }), { maxLength: 40 }), (cuts) => {
        expect(results(feed(tpl, bytes, cuts))).toEqual(results(whole));
      }),
      { numRuns: 200 },
    );
  });
});

describe('labelled-15 (STX/ETX) framing properties', () => {
  const tpl = template('labelled-15');
  const bytes = capture('labelled-15');
  const expected = results(feed(tpl, bytes));
  const records: Uint8Array[] = [];
  for (let start = bytes.indexOf(0x02); start >= 0; start = bytes.indexOf(0x02, start + 1)) {
    records.push(bytes.subarray(start, bytes.indexOf(0x03, start) + 1));
  }

  it('given binary noise (no STX) between records, when parsed, then the noise is skipped', () => {
    const noise = fc.uint8Array({ maxLength: 200 }).map((array) => array.filter((byte) => byte !== 0x02));
    fc.assert(
      fc.property(fc.array(noise, { minLength: records.length + 1, maxLength: records.length + 1 }), (gaps) => {
        const parts: Uint8Array[] = [];
        records.forEach((record, index) => parts.push(gaps[index] ?? new Uint8Array(), record));
        parts.push(gaps[records.length] ?? new Uint8Array());
        expect(results(feed(tpl, Buffer.concat(parts)))).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('given a 1 MB record without ETX, when parsed, then it is cut at the limit, reported, and the next record parses', () => {
    const endless = new Uint8Array(1024 * 1024).fill(0x41);
    endless[0] = 0x02;
    const stream = Buffer.concat([endless, records[1] ?? new Uint8Array()]);

    const frames = feed(tpl, stream, [65_536, 300_000, 999_999]);

    expect(frames).toHaveLength(2);
    expect(frames[0]?.raw.length).toBe(tpl.maxRecordLength);
    expect(frames[0]?.result.ok).toBe(false);
    expect(frames[0]?.result.ok === false && frames[0].result.error).toContain('record cut off');
    expect(frames[1]?.result).toEqual(expected[1]);
  });
});

describe('fixed-wireless (terminator line) framing properties', () => {
  const tpl = template('fixed-wireless');

  it('given 1 MB with no $$$ line, when parsed, then the frame is bounded and reported at the next terminator', () => {
    const junk = new Uint8Array(1024 * 1024).fill(0x41);
    for (let i = 80; i < junk.length; i += 81) junk[i] = 0x0a;
    const stream = Buffer.concat([junk, Buffer.from('\r\n$$$\r\n'), capture('fixed-wireless')]);

    const frames = feed(tpl, stream, [4096, 500_000]);

    expect(frames).toHaveLength(5);
    expect(frames[0]?.raw.length).toBe(tpl.maxRecordLength);
    expect(frames[0]?.result.ok).toBe(false);
    expect(frames.slice(1).every((frame) => frame.result.ok)).toBe(true);
  });
});
