// `npm run bench -- center`: a center on one machine. A three-server nats-server cluster on loopback,
// ten `nida serve` consoles (real processes, own data directories), each with a window on its
// WebSocket. Figures: an event committed at one console → shown in the windows of the others, with
// 50 events/s center-wide; the exclusive dispatch's latency against a standalone console's; the rate
// at which a console that missed 10,000 events catches up, against a bare JetStream consumer reading
// the same stream in the same run.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeliverPolicy, jetstream } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { centerNames } from '../src-main/services/center/centerConfig';
import { initCenter } from '../src-main/services/center/centerConnection';
import type { RemoteApi } from '../src-shared/contract/api';
import { startNatsCluster } from '../tests/support/natsServer';
import { serveConsole, type NidaProcess, type ServeLine } from '../tests/support/nidaProcess';
import { importDemoRoster } from '../tests/support/scenario';
import { connectRemote, type RemoteConnection } from '../tests/support/wsClient';
import { summarize, type BenchFigure, type Benchmark } from './harness';

const CONSOLES = 10;
const EVENTS_PER_SECOND = 50;
const LOAD_SECONDS = 20;
const DISPATCHES = 200;
const MISSED = 10_000;
/** `npm run bench -- center --only catchup`: only the catch-up figure, with three consoles (two write, one is late). */
const onlyCatchUp = process.argv.some((arg, index) => arg === '--only' && process.argv[index + 1] === 'catchup');
const CATCH_UP_ONLY_CONSOLES = 3;

interface Position {
  readonly code: string;
  readonly dataDir: string;
  process: NidaProcess;
  address: ServeLine;
  window: RemoteConnection;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(
  condition: () => Promise<boolean>,
  what: string,
  timeoutMs = 120_000,
  explain: () => string = () => '',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`bench center: timed out waiting for ${what} ${explain()}`);
    await sleep(50);
  }
}

async function startPosition(code: string, urls: readonly string[], dataDir: string): Promise<Position> {
  writeFileSync(
    join(dataDir, 'nida.config.json'),
    JSON.stringify({ operator: { name: `bench-${code}`, role: 'shift-lead' }, avl: { embedded: { port: 0 } } }),
  );
  const { process, address } = await serveConsole(['--center', urls.join(','), '--console', code, '--data', dataDir]);
  const window = await connectRemote(address);
  await until(async () => (await window.api.center.status({})).link === 'connected', `${code} connected`);
  return { code, dataDir, process, address, window };
}

async function caughtUp(api: RemoteApi): Promise<boolean> {
  const status = await api.center.status({});
  return status.stream !== null && status.appliedSeq >= status.stream.lastSeq && status.outbox === 0;
}

/**
 * 1. Commit at one console → shown in every other console's window; 2. the exclusive dispatch's
 * latency against a standalone console's.
 */
async function measureLive(positions: Position[], first: Position, directory: string): Promise<BenchFigure[]> {
  // 1. Commit at one console → shown in every other console's window.
  const committed = new Map<string, { at: number; console: string }>();
  const arrivals = new Map<string, Map<string, number>>();
  const stopListening: (() => void)[] = [];
  let reloads = 0;
  const arrive = (id: string, console: string, at: number): void => {
    let seen = arrivals.get(id);
    if (!seen) arrivals.set(id, (seen = new Map<string, number>()));
    if (!seen.has(console)) seen.set(console, at);
  };
  for (const position of positions) {
    const socket = position.window.wire.socket;
    const listener = (data: Buffer): void => {
      const now = Date.now();
      const message = JSON.parse(data.toString('utf8')) as {
        type: string;
        name?: string;
        payload?: { id: string; version: number };
      };
      if (message.type !== 'event') return;
      // After a catch-up batch a window reloads its lists: what it then lists, it shows from then.
      if (message.name === 'onRecordsReloaded') {
        reloads += 1;
        void position.window.api.incident.listOpen({ limit: 5000 }).then((open) => {
          const listedAt = Date.now();
          for (const incident of open) arrive(incident.id, position.code, listedAt);
        });
        return;
      }
      if (message.name !== 'onIncidentChanged' || message.payload?.version !== 1) return;
      arrive(message.payload.id, position.code, now);
    };
    socket.on('message', listener);
    stopListening.push(() => socket.off('message', listener));
  }
  const total = EVENTS_PER_SECOND * LOAD_SECONDS;
  const started = Date.now();
  const writes: Promise<unknown>[] = [];
  for (let index = 0; index < total; index++) {
    const due = started + (index * 1000) / EVENTS_PER_SECOND;
    if (due > Date.now()) await sleep(due - Date.now());
    const position = positions[index % positions.length];
    if (!position) continue;
    writes.push(
      position.window.api.incident
        .create({ typeCode: 'theft', priority: 3, agencies: ['police-patrols'], address: `حي ${String(index)}` })
        .then((incident) => committed.set(incident.id, { at: Date.now(), console: position.code })),
    );
  }
  await Promise.all(writes);
  await until(
    () => Promise.resolve([...committed.keys()].every((id) => (arrivals.get(id)?.size ?? 0) >= CONSOLES)),
    'every window to show every incident',
    120_000,
    () => {
      const missing = positions.map(
        (position) =>
          `${position.code} ${String([...committed.keys()].filter((id) => !arrivals.get(id)?.has(position.code)).length)}`,
      );
      return `missing per window: ${missing.join(', ')}; ${String(reloads)} reloads`;
    },
  );
  // The commit is acknowledged to the writing window when its reply arrives: from then to another window.
  const latencies = [...committed].flatMap(([id, origin]) =>
    [...(arrivals.get(id) ?? new Map<string, number>())]
      .filter(([console]) => console !== origin.console)
      .map(([, at]) => Math.max(0, at - origin.at)),
  );
  const spread = summarize(latencies);
  for (const stop of stopListening) stop();
  // 2. The exclusive dispatch (claims on the cluster) against a standalone console's. Every console
  // still applies every event; the windows of the eight others are closed meanwhile, since in a
  // center they run on other workstations, not in the process that times the dispatching window.
  const dispatcher = positions[1] ?? first;
  const idle = positions.filter((position) => position !== first && position !== dispatcher);
  for (const position of idle) await position.window.close();
  const units = (await first.window.api.unit.list({})).filter((unit) => unit.agency === 'police-patrols');
  const dispatchTimes = async (api: RemoteApi, console: string): Promise<number[]> => {
    const times: number[] = [];
    const incident = await api.incident.create({ typeCode: 'theft', priority: 3, agencies: ['police-patrols'] });
    for (let index = 0; index < DISPATCHES; index++) {
      const unit = units[index % units.length];
      if (!unit) continue;
      const begin = performance.now();
      await api.dispatch.dispatch({ incidentId: incident.id, unitIds: [unit.id] });
      times.push(performance.now() - begin);
      await api.unit.setStatus({ unitId: unit.id, status: 'available', reason: `bench ${console}` });
    }
    return times;
  };
  const centerDispatch = summarize(await dispatchTimes(dispatcher.window.api, 'center'));
  // The exclusive part alone: the console's own timing of the cluster's answers to its claims.
  const claimTimes = (await dispatcher.window.api.center.status({})).claims;
  if (!claimTimes) throw new Error('bench center: the dispatching console made no claim');
  for (const position of idle) position.window = await connectRemote(position.address);
  const standaloneDir = mkdtempSync(join(directory, 'standalone-'));
  writeFileSync(
    join(standaloneDir, 'nida.config.json'),
    JSON.stringify({ operator: { name: 'bench', role: 'shift-lead' }, avl: { embedded: { port: 0 } } }),
  );
  const standalone = await serveConsole(['--data', standaloneDir]);
  const standaloneWindow = await connectRemote(standalone.address);
  await importDemoRoster(standaloneWindow.api);
  const standaloneDispatch = summarize(await dispatchTimes(standaloneWindow.api, 'standalone'));
  await standaloneWindow.close();
  await standalone.process.kill();

  return [
    {
      name: `commit at one console → shown in another's window p50 (${String(CONSOLES)} consoles, ${String(EVENTS_PER_SECOND)} events/s)`,
      value: spread.p50,
      unit: 'ms',
      better: 'lower',
    },
    {
      name: "commit at one console → shown in another's window p99",
      value: spread.p99,
      unit: 'ms',
      better: 'lower',
      target: 'p99 < 250 ms',
    },
    {
      name: `exclusive assignment: the unit's claim on the cluster, timed by the console p50 (${String(claimTimes.answered)} claims)`,
      value: claimTimes.p50Ms,
      unit: 'ms',
      better: 'lower',
    },
    {
      name: "exclusive assignment: the unit's claim on the cluster, timed by the console p99",
      value: claimTimes.p99Ms,
      unit: 'ms',
      better: 'lower',
      target: 'p99 < 50 ms',
    },
    {
      name: 'dispatch from a window, center mode (claim, commit, reply) p50',
      value: centerDispatch.p50,
      unit: 'ms',
      better: 'lower',
      baseline: { name: 'standalone console dispatch p50', value: standaloneDispatch.p50 },
    },
    {
      name: 'dispatch from a window, center mode (claim, commit, reply) p99',
      value: centerDispatch.p99,
      unit: 'ms',
      better: 'lower',
      baseline: { name: 'standalone console dispatch p99', value: standaloneDispatch.p99 },
    },
  ];
}

const bench: Benchmark = {
  name: 'center',
  description: onlyCatchUp
    ? `center mode, catch-up only: ${String(CATCH_UP_ONLY_CONSOLES)} nida serve consoles on a 3-server loopback cluster`
    : `center mode: ${String(CONSOLES)} nida serve consoles on a 3-server loopback cluster`,
  async run(): Promise<BenchFigure[]> {
    const directory = mkdtempSync(join(tmpdir(), 'nida-bench-center-'));
    const cluster = await startNatsCluster(join(directory, 'nats'));
    const positions: Position[] = [];
    const figures: BenchFigure[] = [];
    try {
      const nc = await connect({ servers: [...cluster.urls] });
      await initCenter(nc, centerNames('BGD'), { replicas: 3, duplicateWindowSeconds: 120 });
      for (let index = 0; index < (onlyCatchUp ? CATCH_UP_ONLY_CONSOLES : CONSOLES); index++) {
        const dataDir = mkdtempSync(join(directory, `c${String(index + 1)}-`));
        positions.push(await startPosition(`C${String(index + 1)}`, cluster.urls, dataDir));
      }
      const [first] = positions;
      if (!first) throw new Error('no console');
      await importDemoRoster(first.window.api);
      for (const position of positions) await until(() => caughtUp(position.window.api), `${position.code} caught up`);
      if (!onlyCatchUp) figures.push(...(await measureLive(positions, first, directory)));

      // A console that missed 10,000 events catches up; a bare consumer reads the same stream.
      const late = positions.at(-1);
      if (!late) throw new Error('no console');
      await late.window.close();
      await late.process.kill();
      const writers = positions.slice(0, -1);
      for (let index = 0; index < MISSED; index += 100) {
        await Promise.all(
          Array.from({ length: 100 }, (_, offset) => {
            const position = writers[(index + offset) % writers.length] ?? first;
            return position.window.api.incident.create({
              typeCode: 'theft',
              priority: 3,
              agencies: ['police-patrols'],
              address: `غياب ${String(index + offset)}`,
            });
          }),
        );
      }
      for (const position of writers) await until(() => caughtUp(position.window.api), `${position.code} published`);
      const restartAt = performance.now();
      const { process: restarted, address } = await serveConsole([
        '--center',
        cluster.urls.join(','),
        '--console',
        late.code,
        '--data',
        late.dataDir,
      ]);
      late.process = restarted;
      late.address = address;
      late.window = await connectRemote(address);
      await until(() => caughtUp(late.window.api), `${late.code} caught up`, 600_000);
      const wallMs = performance.now() - restartAt;
      // The console's own measure: from its consumer's start to the stream's end (process start excluded).
      const lateStatus = await late.window.api.center.status({});
      const catchUpMs = lateStatus.catchUp?.ms ?? wallMs;
      const missedEvents = lateStatus.catchUp?.events ?? lateStatus.stream?.lastSeq ?? 0;

      const bareStart = performance.now();
      const js = jetstream(nc);
      const consumer = await js.consumers.get(centerNames('BGD').stream, { deliver_policy: DeliverPolicy.All });
      const messages = await consumer.consume();
      let read = 0;
      for await (const message of messages) {
        read++;
        JSON.parse(message.string());
        if (message.info.pending === 0) break;
      }
      const bareMs = performance.now() - bareStart;
      await nc.close();

      figures.push({
        name: `catch-up of a console that missed ${String(MISSED)} events (${String(missedEvents)} applied in ${String(Math.round(catchUpMs))} ms; restart to caught up ${String(Math.round(wallMs))} ms)`,
        value: (missedEvents / catchUpMs) * 1000,
        unit: 'events/s',
        better: 'higher',
        baseline: { name: 'bare JetStream consumer, same stream', value: (read / bareMs) * 1000 },
        target: '≥ 0.5× the bare consumer',
      });
      return figures;
    } finally {
      for (const position of positions) {
        await position.window.close().catch(() => undefined);
        await position.process.kill();
      }
      await cluster.stop();
      rmSync(directory, { recursive: true, force: true });
    }
  },
};

export default bench;
