// ALI record parsing: ~10 MB of the fixture captures (tests/fixtures/ali/*.ali repeated), fed in
// 4 KB chunks as a serial port would deliver them, through createAliParser with the shipped
// templates. Figures are MB/s and the same as a multiple of a 9600-baud line (960 B/s). Baselines,
// same run, same chunks: a bare STX/ETX split (labelled-15) and a bare split on `$$$` lines
// (fixed-wireless) that copy each frame out and do nothing else.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAliParser, parseAliTemplate, type AliTemplate } from '../src-shared/domain/protocols/ali';
import type { Benchmark, BenchFigure } from './harness';

const REPO_ROOT = join(import.meta.dirname, '..');
const TARGET_BYTES = 10 * 1024 * 1024;
const CHUNK = 4096;
const ROUNDS = 3;
const LINE_BYTES_PER_SECOND = 960;

function template(name: string): AliTemplate {
  const raw: unknown = JSON.parse(readFileSync(join(REPO_ROOT, 'resources', 'ali-templates', `${name}.json`), 'utf8'));
  const result = parseAliTemplate(raw);
  if (!result.ok) throw new Error(`${name}: ${result.errors.join('; ')}`);
  return result.value;
}

function corpus(name: string): { chunks: Uint8Array[]; bytes: number } {
  const one = readFileSync(join(REPO_ROOT, 'tests', 'fixtures', 'ali', `${name}.ali`));
  const copies = Math.ceil(TARGET_BYTES / one.length);
  const all = Buffer.concat(Array.from({ length: copies }, () => one));
  const chunks: Uint8Array[] = [];
  for (let offset = 0; offset < all.length; offset += CHUNK) chunks.push(all.subarray(offset, offset + CHUNK));
  return { chunks, bytes: all.length };
}

/** Best of ROUNDS, in MB/s (10^6 bytes). */
function throughput(bytes: number, run: () => number): { mbps: number; frames: number } {
  let best = Infinity;
  let frames = 0;
  for (let round = 0; round < ROUNDS; round += 1) {
    const started = performance.now();
    frames = run();
    best = Math.min(best, performance.now() - started);
  }
  return { mbps: bytes / 1e6 / (best / 1000), frames };
}

function bareStxEtx(chunks: readonly Uint8Array[]): number {
  let frames = 0;
  let buffer: number[] = [];
  let inFrame = false;
  const out: Uint8Array[] = [];
  for (const chunk of chunks) {
    for (const byte of chunk) {
      if (byte === 0x02) {
        buffer = [];
        inFrame = true;
      } else if (byte === 0x03 && inFrame) {
        out.push(Uint8Array.from(buffer));
        frames += 1;
        inFrame = false;
      } else if (inFrame) buffer.push(byte);
    }
    out.length = 0;
  }
  return frames;
}

function bareTerminator(chunks: readonly Uint8Array[]): number {
  let frames = 0;
  let buffer: number[] = [];
  let lineStart = 0;
  for (const chunk of chunks) {
    for (const byte of chunk) {
      buffer.push(byte);
      if (byte !== 0x0a) continue;
      const end = buffer.length - 1 - (buffer[buffer.length - 2] === 0x0d ? 1 : 0);
      if (
        end - lineStart === 3 &&
        buffer[lineStart] === 0x24 &&
        buffer[lineStart + 1] === 0x24 &&
        buffer[lineStart + 2] === 0x24
      ) {
        Uint8Array.from(buffer);
        frames += 1;
        buffer = [];
        lineStart = 0;
      } else lineStart = buffer.length;
    }
  }
  return frames;
}

function measure(
  name: string,
  baselineName: string,
  baseline: (chunks: readonly Uint8Array[]) => number,
): BenchFigure[] {
  const tpl = template(name);
  const { chunks, bytes } = corpus(name);
  const now = Date.UTC(2026, 10, 29, 11, 10, 0);
  const parsed = throughput(bytes, () => {
    const parser = createAliParser(tpl, { now: () => now });
    let ok = 0;
    for (const chunk of chunks) for (const frame of parser.push(chunk)) if (frame.result.ok) ok += 1;
    for (const frame of parser.flush()) if (frame.result.ok) ok += 1;
    return ok;
  });
  const bare = throughput(bytes, () => baseline(chunks));
  if (parsed.frames !== bare.frames) throw new Error(`${name}: parsed ${parsed.frames} records, split ${bare.frames}`);
  return [
    {
      name: `${name}: parse (${(bytes / 1e6).toFixed(1)} MB, ${parsed.frames} records)`,
      value: parsed.mbps,
      unit: 'MB/s',
      baseline: { name: baselineName, value: bare.mbps },
      better: 'higher',
    },
    {
      name: `${name}: parse vs a 9600-baud line`,
      value: (parsed.mbps * 1e6) / LINE_BYTES_PER_SECOND,
      unit: '× line',
      baseline: { name: '9600-baud line, 960 B/s', value: 1 },
      better: 'higher',
    },
  ];
}

const benchmark: Benchmark = {
  name: 'ali',
  description: 'ALI record parser throughput on ~10 MB of fixture records, 4 KB chunks',
  run() {
    return Promise.resolve([
      ...measure('labelled-15', 'bare STX/ETX split', bareStxEtx),
      ...measure('fixed-wireless', 'bare $$$-line split', bareTerminator),
    ]);
  },
};

export default benchmark;
