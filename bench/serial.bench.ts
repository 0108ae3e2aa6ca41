// End-to-end serial intake: the last byte of an ALI record written to a real kernel pty (socat)
// until the call is in the host's queue (onCallChanged). Baseline in the same run: the same bytes
// through the same pty pair, timed to the moment the reading side has them (no parsing, no store).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseConfig } from '../src-main/config/config';
import { createHost } from '../src-main/host/createHost';
import { openSerialPort } from '../src-main/services/serial/nodeSerial';
import { summarize, type Benchmark } from './harness';

const RECORDS = 200;
const template = readFileSync(join(import.meta.dirname, '..', 'tests', 'fixtures', 'ali', 'labelled-15.ali'));

/** One STX…ETX record from the fixture, with its callback number changed so each is a new call. */
function records(): Buffer[] {
  const text = template.toString('utf8');
  const first = text.slice(text.indexOf('\u0002'), text.indexOf('\u0003') + 1);
  return Array.from({ length: RECORDS }, (_, index) =>
    Buffer.from(first.replace(/CALLBACK:\s*\S+/, `CALLBACK: 0770${String(1_000_000 + index)}`), 'utf8'),
  );
}

async function ptyPair(directory: string): Promise<{ consoleEnd: string; deviceEnd: string; socat: ChildProcess }> {
  const consoleEnd = join(directory, 'ali-console');
  const deviceEnd = join(directory, 'ali-device');
  const socat = spawn('socat', [`pty,raw,echo=0,link=${consoleEnd}`, `pty,raw,echo=0,link=${deviceEnd}`], {
    stdio: 'ignore',
  });
  while (!(existsSync(consoleEnd) && existsSync(deviceEnd))) await new Promise((resolve) => setTimeout(resolve, 20));
  return { consoleEnd, deviceEnd, socat };
}

/**
 * Plays the telephony equipment from a child process (a pty written from its own reader can
 * deadlock): writes one record, prints the monotonic time of its last byte, waits for `next`.
 */
function startDevice(deviceEnd: string): { writer: ChildProcess; lastByteAt: () => Promise<bigint> } {
  const script = `
    const fs = require('node:fs');
    const fd = fs.openSync(process.argv[1], 'w');
    require('node:readline').createInterface({ input: process.stdin }).on('line', (line) => {
      fs.writeSync(fd, Buffer.from(line, 'base64'));
      process.stdout.write(process.hrtime.bigint().toString() + '\\n');
    });`;
  const writer = spawn(process.execPath, ['-e', script, deviceEnd], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: writer.stdout as NodeJS.ReadableStream });
  const waiting: ((value: bigint) => void)[] = [];
  lines.on('line', (line) => waiting.shift()?.(BigInt(line)));
  return { writer, lastByteAt: () => new Promise((resolve) => waiting.push(resolve)) };
}

async function measure(mode: 'host' | 'bare'): Promise<number[]> {
  const directory = mkdtempSync(join(tmpdir(), 'nida-bench-serial-'));
  const { consoleEnd, deviceEnd, socat } = await ptyPair(directory);
  const samples: number[] = [];
  const arrived: ((at: bigint) => void)[] = [];
  let dispose: () => Promise<void>;
  if (mode === 'host') {
    const host = createHost(
      parseConfig(
        { serial: { ports: [{ id: 'ali', path: consoleEnd, protocol: 'ali', template: 'labelled-15' }] } },
        directory,
        'bench',
      ),
    );
    host.subscribe((event) => {
      if (event.name === 'onCallChanged') arrived.shift()?.(process.hrtime.bigint());
    });
    while (!host.links.list().some((link) => link.id === 'serial:ali' && link.state === 'up')) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    dispose = () => host.dispose();
  } else {
    const port = await openSerialPort({
      id: 'bare',
      path: consoleEnd,
      baudRate: 9600,
      dataBits: 8,
      parity: 'none',
      stopBits: 1,
      flowControl: 'none',
      protocol: 'ali',
    });
    port.onData((chunk) => {
      if (chunk.includes(0x03)) arrived.shift()?.(process.hrtime.bigint());
    });
    dispose = () => port.close();
  }
  const device = startDevice(deviceEnd);
  for (const record of records()) {
    const done = new Promise<bigint>((resolve) => arrived.push(resolve));
    device.writer.stdin?.write(`${record.toString('base64')}\n`);
    const [sentAt, receivedAt] = await Promise.all([device.lastByteAt(), done]);
    samples.push(Number(receivedAt - sentAt) / 1e6);
  }
  device.writer.kill();
  await dispose();
  socat.kill();
  rmSync(directory, { recursive: true, force: true });
  return samples;
}

const benchmark: Benchmark = {
  name: 'serial',
  description: `${String(RECORDS)} ALI records written to a real pty, last byte → call in the host queue`,
  async run() {
    if (spawnSync('socat', ['-V']).status !== 0) {
      process.stdout.write('serial: socat is not installed; skipped\n');
      return [];
    }
    const bare = summarize(await measure('bare'));
    const host = summarize(await measure('host'));
    return [
      {
        name: 'ALI last byte → call queued p50',
        value: host.p50,
        unit: 'ms',
        baseline: { name: 'pty read p50', value: bare.p50 },
        better: 'lower',
      },
      {
        name: 'ALI last byte → call queued p99',
        value: host.p99,
        unit: 'ms',
        baseline: { name: 'pty read p99', value: bare.p99 },
        better: 'lower',
      },
      {
        name: 'ALI last byte → call queued max',
        value: host.max,
        unit: 'ms',
        baseline: { name: 'pty read max', value: bare.max },
        better: 'lower',
      },
    ];
  },
};

export default benchmark;
