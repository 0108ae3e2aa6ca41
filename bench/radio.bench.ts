// Radio gateway line parsing (framer + checksum + fields) on a realistic mix of lines fed in
// serial-sized chunks, against a bare LF split of the same bytes in the same run, and against
// what a 9600-baud RS-232 line can deliver at most (960 B/s with 8N1 framing).
import { createRadioParser, encodeRadioLine } from '../src-shared/domain/protocols/radio';
import type { Benchmark } from './harness';

const TARGET_BYTES = 8 * 1024 * 1024;
const CHUNK = 256;
const ROUNDS = 5;
const LINE_RATE_9600_BAUD = 960;

function sampleStream(): Uint8Array {
  const lines: string[] = [];
  let length = 0;
  for (let seq = 0; length < TARGET_BYTES; seq++) {
    const unit = (seq * 7919) % 0xffff;
    const unitHex = unit.toString(16).toUpperCase().padStart(4, '0');
    const time = `12${String(Math.floor(seq / 60) % 60).padStart(2, '0')}${String(seq % 60).padStart(2, '0')}`;
    const kind = seq % 10;
    const body =
      kind < 6
        ? `RDG,${seq % 65536},${time},${unitHex},STS,${(seq % 8).toString()}`
        : kind < 8
          ? `RDG,${seq % 65536},${time},${unitHex},PTT,`
          : kind === 8
            ? `RDG,${seq % 65536},${time},${unitHex},EMR,,33.${String(seq % 999999).padStart(6, '0')},44.361488`
            : `RDG,${seq % 65536},${time},${unitHex},MSG,2A`;
    const line = encodeRadioLine(body);
    lines.push(line);
    length += line.length;
  }
  return new TextEncoder().encode(lines.join(''));
}

/** Best of ROUNDS, in MB/s (1 MB = 10^6 bytes). */
function measure(stream: Uint8Array, run: (chunk: Uint8Array) => number): { mbps: number; count: number } {
  let best = Infinity;
  let count = 0;
  for (let round = 0; round < ROUNDS; round++) {
    count = 0;
    const started = performance.now();
    for (let offset = 0; offset < stream.length; offset += CHUNK) count += run(stream.subarray(offset, offset + CHUNK));
    best = Math.min(best, performance.now() - started);
  }
  return { mbps: stream.length / 1e6 / (best / 1000), count };
}

/** The floor: find LF bytes and copy each line out, nothing else. */
function bareSplit(): (chunk: Uint8Array) => number {
  let pending: number[] = [];
  return (chunk) => {
    let lines = 0;
    for (const byte of chunk) {
      if (byte === 0x0a) {
        Uint8Array.from(pending);
        pending = [];
        lines++;
      } else pending.push(byte);
    }
    return lines;
  };
}

const benchmark: Benchmark = {
  name: 'radio',
  description: `${TARGET_BYTES / 2 ** 20} MiB of gateway lines in ${CHUNK}-byte chunks, best of ${ROUNDS}`,
  async run() {
    const stream = sampleStream();
    await Promise.resolve();
    const bare = measure(stream, bareSplit());
    let accepted = 0;
    const parsed = measure(
      stream,
      (() => {
        const parser = createRadioParser();
        return (chunk: Uint8Array) => {
          const frames = parser.push(chunk);
          for (const frame of frames) if (frame.result.ok) accepted++;
          return frames.length;
        };
      })(),
    );
    if (parsed.count !== bare.count || accepted !== parsed.count * ROUNDS) {
      throw new Error(`radio bench: ${parsed.count} frames (${accepted / ROUNDS} accepted) vs ${bare.count} lines`);
    }
    const bytesPerSecond = parsed.mbps * 1e6;
    return [
      {
        name: 'radio lines parsed',
        value: parsed.mbps,
        unit: 'MB/s',
        baseline: { name: 'bare LF split', value: bare.mbps },
        better: 'higher',
      },
      {
        name: 'radio lines vs 9600 baud',
        value: bytesPerSecond,
        unit: 'B/s',
        baseline: { name: '9600-baud line, 8N1', value: LINE_RATE_9600_BAUD },
        better: 'higher',
        target: '≫ 1× (one gateway per port)',
      },
      {
        name: 'radio frames/s',
        value: (parsed.count / stream.length) * bytesPerSecond,
        unit: 'frames/s',
        better: 'higher',
      },
    ];
  },
};

export default benchmark;
