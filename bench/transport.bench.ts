// Host calls over the WebSocket transport (validation + dispatch + JSON both ways), against a
// bare `ws` echo server on the same machine in the same run: the ceiling for any WebSocket RPC.
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket, WebSocketServer } from 'ws';
import { parseConfig } from '../src-main/config/config';
import { createHost } from '../src-main/host/createHost';
import { startConsoleServer } from '../src-main/http/consoleServer';
import { summarize, type Benchmark } from './harness';

const CALLS = 20_000;
const IN_FLIGHT = 32;

/** Sends CALLS requests keeping IN_FLIGHT outstanding; returns calls/s and per-call latency samples. */
async function drive(
  url: string,
  message: (id: number) => string,
  idOf: (data: string) => number | null,
): Promise<{ rate: number; latencies: number[] }> {
  const socket = new WebSocket(url);
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  const sentAt = new Map<number, number>();
  const latencies: number[] = [];
  let next = 1;
  const started = performance.now();
  await new Promise<void>((resolve) => {
    const send = (): void => {
      const id = next++;
      sentAt.set(id, performance.now());
      socket.send(message(id));
    };
    socket.on('message', (data: Buffer) => {
      const id = idOf(data.toString());
      if (id === null) return;
      const at = sentAt.get(id);
      if (at === undefined) return;
      sentAt.delete(id);
      latencies.push(performance.now() - at);
      if (latencies.length === CALLS) resolve();
      else if (next <= CALLS) send();
    });
    for (let i = 0; i < IN_FLIGHT; i++) send();
  });
  const seconds = (performance.now() - started) / 1000;
  socket.close();
  return { rate: CALLS / seconds, latencies };
}

async function bareEcho(): Promise<{ rate: number; latencies: number[] }> {
  const server = createServer();
  const wss = new WebSocketServer({ server });
  wss.on('connection', (ws) => ws.on('message', (data: Buffer) => ws.send(data.toString())));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const result = await drive(
    `ws://127.0.0.1:${port}`,
    (id) => JSON.stringify({ type: 'call', id, channel: 'system.ping', args: { echo: 'x' } }),
    (data) => (JSON.parse(data) as { id: number }).id,
  );
  for (const client of wss.clients) client.terminate();
  await new Promise<void>((resolve) => wss.close(() => resolve()));
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return result;
}

async function hostCalls(): Promise<{ rate: number; latencies: number[] }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'nida-bench-'));
  const rendererDir = join(dataDir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html>');
  const host = createHost(parseConfig({}, dataDir, 'bench'));
  const server = await startConsoleServer({ host, rendererDir, port: 0, bindAddress: '127.0.0.1' });
  try {
    return await drive(
      `${server.origin.replace('http', 'ws')}/ws?token=${server.token}`,
      (id) => JSON.stringify({ type: 'call', id, channel: 'system.ping', args: { echo: 'x' } }),
      (data) => {
        const message = JSON.parse(data) as { type: string; id?: number };
        return message.type === 'result' && message.id !== undefined ? message.id : null;
      },
    );
  } finally {
    await server.close();
    await host.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const benchmark: Benchmark = {
  name: 'transport',
  description: `${CALLS} system.ping calls over the WebSocket transport, ${IN_FLIGHT} in flight`,
  async run() {
    const bare = await bareEcho();
    const host = await hostCalls();
    const bareLatency = summarize(bare.latencies);
    const hostLatency = summarize(host.latencies);
    return [
      {
        name: 'host calls/s',
        value: host.rate,
        unit: 'calls/s',
        baseline: { name: 'bare ws echo', value: bare.rate },
        better: 'higher',
      },
      {
        name: 'call latency p50',
        value: hostLatency.p50,
        unit: 'ms',
        baseline: { name: 'bare ws echo p50', value: bareLatency.p50 },
        better: 'lower',
      },
      {
        name: 'call latency p99',
        value: hostLatency.p99,
        unit: 'ms',
        baseline: { name: 'bare ws echo p99', value: bareLatency.p99 },
        better: 'lower',
      },
    ];
  },
};

export default benchmark;
