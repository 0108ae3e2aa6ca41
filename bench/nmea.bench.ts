// NMEA parser throughput (framing + checksum + fields + cycle merging) over ~20 MB of gpsd's sample
// logs, against a bare split-on-newline + checksum loop over the same bytes in the same run: the
// floor any NMEA reader pays. Also shown as a multiple of a 9600-baud GPS line (960 bytes/s).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createNmeaParser } from '../src-shared/domain/protocols/nmea';
import type { Benchmark } from './harness';

const TARGET_BYTES = 20 * 2 ** 20;
const CHUNK = 4096; // a serial read's worth
const BAUD_9600_BYTES_PER_SECOND = 960;
const dataDir = join(import.meta.dirname, '../../shared/testdata/nmea');

function checksummed(body: string): string {
  let sum = 0;
  for (const char of body) sum ^= char.charCodeAt(0);
  return `$${body}*${sum.toString(16).toUpperCase().padStart(2, '0')}`;
}

function sourceLog(): { text: string; source: string } {
  const files = ['bt451', 'nl2008u', 'mt3339'].map((name) => join(dataDir, `${name}.log`));
  if (files.every((file) => existsSync(file))) {
    const lines = files
      .flatMap((file) => readFileSync(file, 'latin1').split(/\r?\n/))
      .filter((line) => line.startsWith('$'));
    return { text: `${lines.join('\r\n')}\r\n`, source: 'gpsd sample logs' };
  }
  const lines: string[] = [];
  for (let second = 0; second < 60; second++) {
    const time = `1200${String(second).padStart(2, '0')}.00`;
    const minutes = (18.78 + second * 0.001).toFixed(4);
    lines.push(
      checksummed(`GNGGA,${time},33${minutes},N,044${minutes},E,1,09,0.9,34.0,M,-2.0,M,,`),
      checksummed('GNGSA,A,3,01,02,03,04,05,06,07,08,09,,,,1.5,0.9,1.2,1'),
      checksummed(`GNRMC,${time},A,33${minutes},N,044${minutes},E,12.5,90.0,291126,,,A,V`),
      checksummed('GNVTG,90.0,T,,M,12.5,N,23.2,K,A'),
      checksummed('GPGSV,3,1,12,07,06,336,17,08,05,281,25,10,51,291,39,16,70,279,37,0'),
      checksummed(`GNZDA,${time},29,11,2026,,`),
    );
  }
  return { text: `${lines.join('\r\n')}\r\n`, source: 'synthetic log (../shared absent)' };
}

function buildInput(): { bytes: Uint8Array; source: string } {
  const { text, source } = sourceLog();
  const unit = new TextEncoder().encode(text);
  const copies = Math.max(1, Math.round(TARGET_BYTES / unit.length));
  const bytes = new Uint8Array(unit.length * copies);
  for (let i = 0; i < copies; i++) bytes.set(unit, i * unit.length);
  return { bytes, source };
}

/** MB/s of `run` over `bytes`, best of three passes (the first warms the JIT). */
function throughput(bytes: Uint8Array, run: (bytes: Uint8Array) => number): { rate: number; count: number } {
  let best = 0;
  let count = 0;
  for (let pass = 0; pass < 3; pass++) {
    const started = performance.now();
    count = run(bytes);
    const seconds = (performance.now() - started) / 1000;
    best = Math.max(best, bytes.length / 2 ** 20 / seconds);
  }
  return { rate: best, count };
}

function parseAll(bytes: Uint8Array): number {
  const parser = createNmeaParser();
  let fixes = 0;
  for (let offset = 0; offset < bytes.length; offset += CHUNK) {
    for (const frame of parser.push(bytes.subarray(offset, offset + CHUNK))) {
      if (frame.result.ok && frame.result.value.kind === 'fix') fixes++;
    }
  }
  for (const frame of parser.flush()) if (frame.result.ok && frame.result.value.kind === 'fix') fixes++;
  return fixes;
}

/** The baseline: split on LF, XOR between $ and *, compare with the two hex digits. No fields. */
function splitAndChecksum(bytes: Uint8Array): number {
  let valid = 0;
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] !== 0x0a) continue;
    let sum = 0;
    let j = start + 1;
    for (; j < i && bytes[j] !== 0x2a; j++) sum ^= bytes[j] ?? 0;
    const hex = String.fromCharCode(bytes[j + 1] ?? 0, bytes[j + 2] ?? 0);
    if (bytes[start] === 0x24 && parseInt(hex, 16) === sum) valid++;
    start = i + 1;
  }
  return valid;
}

const benchmark: Benchmark = {
  name: 'nmea',
  description: `NMEA parser over ~${TARGET_BYTES / 2 ** 20} MB in ${CHUNK}-byte chunks vs a bare split + checksum loop`,
  run() {
    const { bytes, source } = buildInput();
    const bare = throughput(bytes, splitAndChecksum);
    const parsed = throughput(bytes, parseAll);
    const lineRate = BAUD_9600_BYTES_PER_SECOND / 2 ** 20;
    process.stdout.write(
      `  input: ${source}, ${(bytes.length / 2 ** 20).toFixed(1)} MB, ${bare.count} valid sentences, ${parsed.count} fixes\n`,
    );
    return Promise.resolve([
      {
        name: 'parser throughput',
        value: parsed.rate,
        unit: 'MB/s',
        baseline: { name: 'split + checksum', value: bare.rate },
        better: 'higher',
      },
      {
        name: 'parser vs 9600-baud line',
        value: parsed.rate / lineRate,
        unit: '× line rate',
        baseline: { name: 'split + checksum', value: bare.rate / lineRate },
        better: 'higher',
      },
    ]);
  },
};

export default benchmark;
