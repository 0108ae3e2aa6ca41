import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDelimitedFramer, type StreamParser } from '../../../src-shared/domain/protocols/framing';
import { systemClock } from '../../../src-main/services/runtime/clock';
import { silentLogger } from '../../../src-main/services/runtime/logger';
import { openSerialPort } from '../../../src-main/services/serial/nodeSerial';
import {
  backoffDelay,
  startPortManager,
  type PortManager,
  type PortStatus,
  type SerialPortConfig,
} from '../../../src-main/services/serial/portManager';
import { requirePrerequisites } from '../../support/prerequisites';
import { playDevice, socat, startPtyPair, type PtyPair } from './ptyPair';

const withoutSocat = requirePrerequisites(socat());

const decoder = new TextDecoder();

/** A minimal line protocol: the manager is under test here, not a parser. Lines starting with `!` are "bad". */
function lineParser(): StreamParser<string> {
  const framer = createDelimitedFramer({ end: [0x0a], maxLength: 256 });
  const toFrames = (frames: ReturnType<typeof framer.push>) =>
    frames.map(({ raw, truncated }) => {
      const text = decoder.decode(raw).replace(/\r$/, '');
      return {
        raw,
        result:
          truncated || text.startsWith('!')
            ? ({ ok: false, error: truncated ? 'truncated' : 'bad line' } as const)
            : ({ ok: true, value: text } as const),
      };
    });
  return { push: (chunk) => toFrames(framer.push(chunk)), flush: () => toFrames(framer.flush()) };
}

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('reopen backoff', () => {
  it('grows exponentially to the cap, with jitter within ±25 %', () => {
    expect(backoffDelay(1, 500, 30_000, () => 0.5)).toBe(500);
    expect(backoffDelay(4, 500, 30_000, () => 0.5)).toBe(4_000);
    expect(backoffDelay(20, 500, 30_000, () => 0.5)).toBe(30_000);
    expect(backoffDelay(3, 500, 30_000, () => 0)).toBe(1_500);
    expect(backoffDelay(3, 500, 30_000, () => 1)).toBe(2_500);
  });
});

describe.skipIf(withoutSocat !== null)('serial port manager on real kernel ptys (socat)', () => {
  it('given a device sending lines, then every frame is stored raw and delivered, bad ones counted; when the port is unplugged and comes back, then it reopens by itself', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'nida-pty-'));
    cleanups.push(() => rmSync(directory, { recursive: true, force: true }));
    let pair: PtyPair = await startPtyPair(directory);
    cleanups.push(() => pair.stop());

    const raw: string[] = [];
    const accepted: string[] = [];
    const rejected: string[] = [];
    const statuses: PortStatus[] = [];
    const config: SerialPortConfig = {
      id: 'radio',
      path: pair.console,
      baudRate: 9600,
      dataBits: 8,
      parity: 'none',
      stopBits: 1,
      flowControl: 'none',
      protocol: 'line',
    };
    const manager: PortManager = startPortManager<string>({
      ports: [config],
      open: openSerialPort,
      parserFor: lineParser,
      sink: {
        storeRaw: (_port, bytes) => raw.push(decoder.decode(bytes)),
        accepted: (_port, _id, value) => accepted.push(value),
        rejected: (_port, _id, error) => rejected.push(error),
      },
      clock: systemClock,
      logger: silentLogger(),
      onStatus: (status) => statuses.push(status),
      backoff: { minMs: 100, maxMs: 400 },
    });
    cleanups.push(() => manager.dispose());
    await waitFor(() => manager.statuses()[0]?.state === 'open');

    // Given: a device at 9600-baud pacing, with one bad line and noise in between.
    await playDevice(pair.device, new TextEncoder().encode('U1 STATUS 2\r\n!garbage\r\nU2 EMERGENCY\r\n'), 960);
    await waitFor(() => accepted.length === 2 && rejected.length === 1);
    expect(accepted).toEqual(['U1 STATUS 2', 'U2 EMERGENCY']);
    expect(raw).toEqual(['U1 STATUS 2\r', '!garbage\r', 'U2 EMERGENCY\r']);
    expect(manager.statuses()[0]).toMatchObject({ frames: 2, errors: 1, lastError: 'bad line' });

    // When: the cable is pulled (the pty disappears)…
    await pair.stop();
    await waitFor(() => manager.statuses()[0]?.state === 'reconnecting');
    // …and plugged back in at the same path.
    pair = await startPtyPair(directory);
    await waitFor(() => manager.statuses()[0]?.state === 'open');
    await playDevice(pair.device, new TextEncoder().encode('U1 STATUS 3\n'));
    await waitFor(() => accepted.length === 3);

    // Then: the outage shows in the status history and reading resumed without anyone acting.
    expect(accepted.at(-1)).toBe('U1 STATUS 3');
    expect(statuses.map((status) => status.state)).toEqual(expect.arrayContaining(['opening', 'open', 'reconnecting']));
    expect(statuses.some((status) => status.state === 'reconnecting' && status.lastError !== null)).toBe(true);
  }, 30_000);

  it('given a port that does not exist yet, then the manager keeps trying and opens it when it appears', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'nida-pty-'));
    cleanups.push(() => rmSync(directory, { recursive: true, force: true }));
    const manager = startPortManager<string>({
      ports: [
        {
          id: 'ali',
          path: join(directory, 'late-console'),
          baudRate: 9600,
          dataBits: 8,
          parity: 'none',
          stopBits: 1,
          flowControl: 'none',
          protocol: 'line',
        },
      ],
      open: openSerialPort,
      parserFor: lineParser,
      sink: { storeRaw: () => 1, accepted: () => undefined, rejected: () => undefined },
      clock: systemClock,
      logger: silentLogger(),
      onStatus: () => undefined,
      backoff: { minMs: 100, maxMs: 300 },
    });
    cleanups.push(() => manager.dispose());
    await waitFor(() => (manager.statuses()[0]?.attempts ?? 0) >= 2);
    expect(manager.statuses()[0]?.state).toBe('reconnecting');
    const pair = await startPtyPair(directory, 'late');
    cleanups.push(() => pair.stop());
    await waitFor(() => manager.statuses()[0]?.state === 'open');
  }, 30_000);
});
