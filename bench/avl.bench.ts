// Unit positions over MQTT through the whole host: Debian mosquitto started here, 5,000 simulated
// units at 1 Hz for 10 s and then a burst of 50,000 fixes, published from a child process
// (bench/avl.load.ts). Host side: the real host subscribed to the broker, the real console server,
// and a WebSocket window receiving onUnitPositions; latency is fix time (= publish time) → the batch
// reaching that window. Baseline in the same run, same broker, same load: a bare mqtt.js subscriber
// that only counts messages.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { WebSocket } from 'ws';
import { parseConfig } from '../src-main/config/config';
import { createHost } from '../src-main/host/createHost';
import { startConsoleServer } from '../src-main/http/consoleServer';
import { simulatedDeviceId } from '../src-main/services/avl/simulator';
import { mosquittoMissing, startMosquitto } from '../tests/node/support/mosquitto';
import { summarize, type BenchFigure, type Benchmark } from './harness';

const UNITS = 5_000;
const RATE_HZ = 1;
const SECONDS = 10;
const BURST = 50_000;

type Mode = 'steady' | 'burst';

/** What consumes the feed: the bare counter or the host (+ its window). */
interface Consumer {
  /** Messages taken in so far (bare: received; host: accepted after parsing and plausibility). */
  readonly received: () => number;
  /** Publish → window latencies (ms), host only. */
  readonly latencies: number[];
  dispose(): Promise<void>;
}

interface Measured {
  readonly published: number;
  readonly received: number;
  /** First to last message taken in. */
  readonly rate: number;
  /** CPU time of this process over the phase, as % of one core. */
  readonly cpuPercent: number;
  readonly peakRssMiB: number;
  readonly latencies: number[];
}

function runLoad(url: string, mode: Mode): Promise<number> {
  const args = JSON.stringify({ url, mode, count: UNITS, rate: RATE_HZ, seconds: SECONDS, total: BURST });
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'avl.load.ts'), args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`load generator exited with ${String(code)}`));
      else resolve((JSON.parse(output.trim()) as { published: number }).published);
    });
  });
}

async function measure(consumer: Consumer, url: string, mode: Mode): Promise<Measured> {
  const expected = mode === 'steady' ? UNITS * RATE_HZ * SECONDS : BURST;
  const before = consumer.received();
  const taken: { firstAt: number | null; lastAt: number } = { firstAt: null, lastAt: 0 };
  let lastCount = before;
  let peakRss = process.memoryUsage().rss;
  const poll = setInterval(() => {
    const count = consumer.received();
    if (count !== lastCount) {
      const now = performance.now();
      taken.firstAt ??= now;
      taken.lastAt = now;
      lastCount = count;
    }
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 10);
  const cpuBefore = process.cpuUsage();
  const wallBefore = performance.now();
  const latencyStart = consumer.latencies.length;
  const published = await runLoad(url, mode);
  const deadline = Date.now() + 60_000;
  while (consumer.received() - before < published && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  // Let the last position batch reach the window.
  await new Promise((resolve) => setTimeout(resolve, 600));
  clearInterval(poll);
  const cpu = process.cpuUsage(cpuBefore);
  const wall = performance.now() - wallBefore;
  const received = consumer.received() - before;
  if (published !== expected)
    process.stdout.write(`avl: ${mode} published ${String(published)} of ${String(expected)}\n`);
  const span = taken.firstAt === null ? Number.NaN : (taken.lastAt - taken.firstAt) / 1000;
  return {
    published,
    received,
    rate: received / span,
    cpuPercent: ((cpu.user + cpu.system) / 1000 / wall) * 100,
    peakRssMiB: peakRss / 2 ** 20,
    latencies: consumer.latencies.slice(latencyStart),
  };
}

async function bareSubscriber(url: string): Promise<Consumer> {
  const client = await mqtt.connectAsync(url, { clientId: 'nida-bench-bare', clean: true, protocolVersion: 5 });
  let count = 0;
  const latencies: number[] = [];
  client.on('message', (_topic, payload) => {
    count++;
    // One message in ten is timed (publish → here), so the counter stays a counter.
    if (count % 10 === 0)
      latencies.push(Date.now() - Date.parse((JSON.parse(payload.toString()) as { time: string }).time));
  });
  await client.subscribeAsync('nida/avl/+', { qos: 1 });
  return { received: () => count, latencies, dispose: () => client.endAsync() };
}

async function hostWithWindow(url: string, directory: string): Promise<Consumer> {
  const dataDir = join(directory, 'data');
  const rendererDir = join(directory, 'renderer');
  mkdirSync(rendererDir, { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html>');
  const host = createHost(
    parseConfig(
      { operator: { name: 'bench', role: 'administrator' }, avl: { broker: { url, clientId: 'nida-bench' } } },
      dataDir,
      'bench',
    ),
  );
  const context = { clientId: 'bench', transport: 'internal', actor: 'bench' } as const;
  const roster = Array.from({ length: UNITS }, (_, index) => ({
    id: `u-${String(index + 1)}`,
    callsign: `U${String(index + 1)}`,
    agency: 'police-patrols',
    kind: 'patrol',
    deviceId: simulatedDeviceId(index),
  }));
  const imported = await host.dispatch('unit.importRoster', { format: 'json', text: JSON.stringify(roster) }, context);
  if (!imported.ok) throw new Error(`roster import failed: ${imported.error.message}`);
  const server = await startConsoleServer({ host, rendererDir, port: 0, bindAddress: '127.0.0.1' });
  const socket = new WebSocket(`${server.origin.replace('http', 'ws')}/ws?token=${server.token}`, {
    origin: server.origin,
  });
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  const latencies: number[] = [];
  socket.on('message', (data: Buffer) => {
    const now = Date.now();
    const message = JSON.parse(data.toString('utf8')) as {
      type: string;
      name?: string;
      payload?: { positions?: { at: number; freshness: string }[] };
    };
    if (message.type !== 'event' || message.name !== 'onUnitPositions') return;
    // Freshness changes (live → stale after the steady phase) carry an old fix time: not deliveries.
    for (const position of message.payload?.positions ?? []) {
      if (position.freshness === 'live') latencies.push(now - position.at);
    }
  });
  await host.avl.whenConnected();
  return {
    // Every message the host took in: accepted, or refused by a plausibility rule.
    received: () => {
      const status = host.avl.status();
      return status.accepted + Object.values(status.rejected).reduce((sum, count) => sum + count, 0);
    },
    latencies,
    async dispose() {
      socket.close();
      await server.close();
      await host.dispose();
    },
  };
}

function figures(mode: Mode, host: Measured, bare: Measured): BenchFigure[] {
  const label = mode === 'steady' ? `${String(UNITS)} units @ ${String(RATE_HZ)} Hz` : `burst ${String(BURST)}`;
  const latency = summarize(host.latencies);
  const bareLatency = summarize(bare.latencies);
  return [
    {
      name: `${label}: messages/s taken in`,
      value: host.rate,
      unit: 'msg/s',
      baseline: { name: 'bare mqtt.js counter', value: bare.rate },
      better: 'higher',
      target: '≥ 0.8× bare',
    },
    {
      name: `${label}: messages lost`,
      value: host.published - host.received,
      unit: 'msg',
      baseline: { name: 'bare mqtt.js counter', value: bare.published - bare.received },
      better: 'lower',
    },
    {
      name: `${label}: publish → window p50`,
      value: latency.p50,
      unit: 'ms',
      baseline: { name: 'publish → bare subscriber p50', value: bareLatency.p50 },
      better: 'lower',
    },
    {
      name: `${label}: publish → window p99`,
      value: latency.p99,
      unit: 'ms',
      baseline: { name: 'publish → bare subscriber p99', value: bareLatency.p99 },
      better: 'lower',
      ...(mode === 'steady' && { target: '< 500 ms' }),
    },
    {
      name: `${label}: CPU (host + window client)`,
      value: host.cpuPercent,
      unit: '% core',
      baseline: { name: 'bare mqtt.js counter', value: bare.cpuPercent },
      better: 'lower',
    },
    {
      name: `${label}: peak RSS`,
      value: host.peakRssMiB,
      unit: 'MiB',
      baseline: { name: 'bare mqtt.js counter', value: bare.peakRssMiB },
      better: 'lower',
    },
  ];
}

const benchmark: Benchmark = {
  name: 'avl',
  description: `${String(UNITS)} units at ${String(RATE_HZ)} Hz for ${String(SECONDS)} s, then a burst of ${String(BURST)} fixes, through mosquitto into the host and a WebSocket window`,
  async run() {
    const missing = mosquittoMissing();
    if (missing !== null) {
      process.stdout.write(`avl: ${missing}; skipped\n`);
      return [];
    }
    const directory = mkdtempSync(join(tmpdir(), 'nida-bench-avl-'));
    const broker = await startMosquitto(directory);
    try {
      const bare = await bareSubscriber(broker.url);
      const bareSteady = await measure(bare, broker.url, 'steady');
      const bareBurst = await measure(bare, broker.url, 'burst');
      await bare.dispose();
      const host = await hostWithWindow(broker.url, directory);
      const hostSteady = await measure(host, broker.url, 'steady');
      const hostBurst = await measure(host, broker.url, 'burst');
      await host.dispose();
      return [...figures('steady', hostSteady, bareSteady), ...figures('burst', hostBurst, bareBurst)];
    } finally {
      await broker.stop();
      rmSync(directory, { recursive: true, force: true });
    }
  },
};

export default benchmark;
