import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { prerequisite, type Prerequisite } from '../../support/prerequisites';

/** A kernel pty pair made by socat: the console opens `console`, the test plays the device on `device`. */
export interface PtyPair {
  readonly console: string;
  readonly device: string;
  /** Unplugs the "cable": both ends disappear. */
  stop(): Promise<void>;
}

/** socat, which makes the kernel pty pairs the serial tests plug devices into. */
export function socat(): Prerequisite {
  const available = spawnSync('socat', ['-V']).status === 0;
  return prerequisite('socat', available ? null : 'socat is not installed (apt-get install socat)');
}

export async function startPtyPair(directory: string, name = 'port'): Promise<PtyPair> {
  const consoleEnd = join(directory, `${name}-console`);
  const deviceEnd = join(directory, `${name}-device`);
  const child: ChildProcess = spawn(
    'socat',
    [`pty,raw,echo=0,link=${consoleEnd}`, `pty,raw,echo=0,link=${deviceEnd}`],
    { stdio: 'ignore' },
  );
  const deadline = Date.now() + 5_000;
  while (!(existsSync(consoleEnd) && existsSync(deviceEnd))) {
    if (Date.now() > deadline) throw new Error('socat did not create the pty pair');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return {
    console: consoleEnd,
    device: deviceEnd,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) {
          resolve();
          return;
        }
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * Writes bytes to the device end from a child process (writing from the reading process can
 * deadlock on a pty), paced like a real line when `bytesPerSecond` is given.
 */
export function playDevice(devicePath: string, data: Uint8Array, bytesPerSecond?: number): Promise<void> {
  const script = `
    const fs = require('node:fs');
    const data = Buffer.from(process.argv[2], 'base64');
    const rate = Number(process.argv[3]);
    const fd = fs.openSync(process.argv[1], 'w');
    const chunk = rate > 0 ? Math.max(1, Math.round(rate / 50)) : data.length;
    let offset = 0;
    const next = () => {
      if (offset >= data.length) { fs.closeSync(fd); return; }
      fs.writeSync(fd, data.subarray(offset, offset + chunk));
      offset += chunk;
      if (rate > 0) setTimeout(next, 20); else next();
    };
    next();`;
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['-e', script, devicePath, Buffer.from(data).toString('base64'), String(bytesPerSecond ?? 0)],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`device writer failed: ${stderr}`))));
  });
}
