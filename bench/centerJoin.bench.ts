// `npm run bench -- center-join`: a console joining a center whose log holds a year of a busy center
// (100,000 incidents, NIDA_BENCH_JOIN_INCIDENTS to change) — from the center's snapshot plus the
// stream's tail, against replaying the whole stream (the baseline, same stream, same run). One
// nats-server on loopback; the consoles are real `nida serve` processes.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '@nats-io/transport-node';
import { centerNames } from '../src-main/services/center/centerConfig';
import { initCenter } from '../src-main/services/center/centerConnection';
import { manualClock } from '../src-main/services/runtime/clock';
import { silentLogger } from '../src-main/services/runtime/logger';
import { databasePath } from '../src-main/services/store/backups';
import { applyPlans, generatePlans } from '../src-main/services/store/seed';
import { Store } from '../src-main/services/store/store';
import type { CenterStatus } from '../src-shared/contract/api';
import { startNatsServer } from '../tests/support/natsServer';
import { runNida, serveConsole, type NidaProcess } from '../tests/support/nidaProcess';
import { connectRemote, type RemoteConnection } from '../tests/support/wsClient';
import type { BenchFigure, Benchmark } from './harness';

const INCIDENTS = Number(process.env['NIDA_BENCH_JOIN_INCIDENTS'] ?? 100_000);
const EVENTS_PER_INCIDENT = 4;
const DAY_MS = 86_400_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (message: string): void => {
  process.stdout.write(`  [center-join] ${message}\n`);
};

async function until(condition: () => Promise<boolean>, what: string, timeoutMs = 1_800_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`bench center-join: timed out waiting for ${what}`);
    await sleep(100);
  }
}

const caughtUp = (status: CenterStatus): boolean =>
  status.link === 'connected' &&
  status.stream !== null &&
  status.appliedSeq >= status.stream.lastSeq &&
  status.outbox === 0;

interface Joined {
  readonly process: NidaProcess;
  readonly window: RemoteConnection;
  readonly wallMs: number;
  readonly status: CenterStatus;
}

/** Starts a console on an empty data directory and waits until it has caught up with the stream. */
async function startConsoleAndCatchUp(
  url: string,
  code: string,
  dataDir: string,
  center: object,
  streamEvents = 0,
): Promise<Joined> {
  writeFileSync(
    join(dataDir, 'nida.config.json'),
    JSON.stringify({
      operator: { name: `bench-${code}`, role: 'shift-lead' },
      avl: { embedded: { port: 0 } },
      center: { code: 'BGD', ...center },
    }),
  );
  const started = performance.now();
  const { process, address } = await serveConsole(['--center', url, '--console', code, '--data', dataDir]);
  const window = await connectRemote(address);
  let status: CenterStatus | null = null;
  await until(async () => {
    status = await window.api.center.status({});
    return caughtUp(status) && (status.stream?.lastSeq ?? 0) >= streamEvents;
  }, `${code} caught up`);
  return { process, window, wallMs: performance.now() - started, status: status as unknown as CenterStatus };
}

const bench: Benchmark = {
  name: 'center-join',
  description: `a console joining a center of ${String(INCIDENTS)} incidents: snapshot + tail vs full replay`,
  async run(): Promise<BenchFigure[]> {
    const directory = mkdtempSync(join(tmpdir(), 'nida-bench-join-'));
    const server = await startNatsServer(join(directory, 'nats'));
    const running: Joined[] = [];
    try {
      const nc = await connect({ servers: [server.url] });
      await initCenter(nc, centerNames('BGD'), { replicas: 1, duplicateWindowSeconds: 120 });
      await nc.close();

      // The history: C1's database, seeded through the store's own path, joined to the center.
      const dataA = mkdtempSync(join(directory, 'c1-'));
      const end = Date.now() - DAY_MS;
      const clock = manualClock(end - 365 * DAY_MS);
      const store = Store.open({
        path: databasePath(dataA, 'live'),
        centerCode: 'BGD',
        consoleCode: 'C1',
        timeZone: 'Asia/Baghdad',
        clock,
        logger: silentLogger(),
        durability: 'NORMAL',
      });
      let seeded = performance.now();
      const result = applyPlans(
        store,
        generatePlans({
          count: INCIDENTS,
          seed: 'center-join',
          start: end - 365 * DAY_MS,
          end,
          eventsPerIncident: EVENTS_PER_INCIDENT,
        }),
        { clock, batchSize: 500 },
      );
      store.joinCenter('BGD');
      store.close();
      log(
        `seeded ${String(result.incidents)} incidents, ${String(result.events)} events in ${String(Math.round(performance.now() - seeded))} ms`,
      );

      seeded = performance.now();
      const c1 = await startConsoleAndCatchUp(server.url, 'C1', dataA, {}, result.events);
      running.push(c1);
      const publishMs = performance.now() - seeded;
      const events = c1.status.stream?.lastSeq ?? 0;
      log(`C1 published ${String(events)} events in ${String(Math.round(publishMs))} ms`);

      const snapshotRun = await runNida(['center', 'snapshot', '--servers', server.url, '--data', dataA, '--json'])
        .exited;
      if (snapshotRun.code !== 0) throw new Error(`nida center snapshot failed: ${snapshotRun.stderr}`);
      const snapshot = JSON.parse(snapshotRun.stdout) as { streamSeq: number; bytes: number; ms: number };
      log(
        `snapshot at ${String(snapshot.streamSeq)}: ${String(Math.round(snapshot.bytes / 1024))} KiB in ${String(snapshot.ms)} ms`,
      );

      const replayed = await startConsoleAndCatchUp(server.url, 'C2', mkdtempSync(join(directory, 'c2-')), {
        joinFromSnapshot: false,
      });
      running.push(replayed);
      log(`C2 replayed the stream in ${String(Math.round(replayed.wallMs))} ms`);
      const fromSnapshot = await startConsoleAndCatchUp(server.url, 'C3', mkdtempSync(join(directory, 'c3-')), {});
      running.push(fromSnapshot);
      const load = fromSnapshot.status.joinedFromSnapshot;
      if (load?.streamSeq !== snapshot.streamSeq) throw new Error('C3 did not join from the snapshot');
      log(`C3 joined from the snapshot in ${String(Math.round(fromSnapshot.wallMs))} ms (load ${String(load.ms)} ms)`);
      const places = new Set(
        await Promise.all(running.map(async (console) => (await console.window.api.center.status({})).appliedSeq)),
      );
      if (places.size !== 1) throw new Error('the consoles did not end at the same stream place');

      return [
        {
          name: `join from the snapshot + tail, start to caught up (${String(INCIDENTS)} incidents, ${String(events)} events)`,
          value: fromSnapshot.wallMs,
          unit: 'ms',
          better: 'lower',
          baseline: { name: 'replaying the whole stream, start to caught up', value: replayed.wallMs },
        },
        {
          name: 'loading the snapshot (fetch, unzip, validate, write, check digest)',
          value: load.ms,
          unit: 'ms',
          better: 'lower',
        },
        {
          name: `taking the snapshot (nida center snapshot, ${String(Math.round(snapshot.bytes / 1024 / 1024))} MiB gzip)`,
          value: snapshot.ms,
          unit: 'ms',
          better: 'lower',
        },
        {
          name: 'publishing a joining standalone history (outbox → stream)',
          value: (events / publishMs) * 1000,
          unit: 'events/s',
          better: 'higher',
        },
      ];
    } finally {
      for (const console of running) {
        await console.window.close().catch(() => undefined);
        await console.process.kill();
      }
      await server.stop();
      rmSync(directory, { recursive: true, force: true });
    }
  },
};

export default bench;
