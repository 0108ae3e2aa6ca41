// KPI report over a busy center's history: 100,000 incidents and their ~125,000 calls in a real
// SQLite file (60 days), through the host's KPI service (the same code the KPI view calls).
//
// Setup writes the projection rows (incidents with their milestones and unit assignments, calls
// with their ring and answer) in bulk with plain INSERTs on a store opened with the real migrations,
// then fills the KPI side tables the report reads from them (migration v8's backfill, timed); the
// report never reads the event log. Baselines, in the same run and
// on the same file: a bare `count(*)` over the window (the floor of any report that touches every
// incident), and one metric's p90 computed in SQL (ORDER BY … LIMIT 1 OFFSET ⌈0.9n⌉−1), which is
// what a report of one figure would cost.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { manualClock } from '../src-main/services/runtime/clock';
import { silentLogger } from '../src-main/services/runtime/logger';
import { createKpiService } from '../src-main/services/kpi/kpiService';
import { loadGovernoratePlaces } from '../src-main/services/kpi/governorates';
import { openDatabase } from '../src-main/services/store/database';
import { rebuildKpiFacts } from '../src-main/services/store/kpiFacts';
import { Store } from '../src-main/services/store/store';
import { resourcesDir } from '../src-main/config/appPaths';
import { DEFAULT_SHIFTS } from '../src-shared/domain/shifts';
import { summarize, type BenchFigure, type Benchmark } from './harness';
import { KPI_SAMPLE_CITIES, KPI_SAMPLE_TYPES } from '../tests/support/kpiSample';
// The same history on every run.
import { seededRandom as random } from '../src-shared/domain/random';

const INCIDENTS = Number(process.env['NIDA_BENCH_KPI_INCIDENTS'] ?? 100_000);
const DAYS = 60;
const RUNS = 7;
const DAY_MS = 86_400_000;
const START = Date.UTC(2026, 8, 1, 0, 0, 0);
const TYPES = KPI_SAMPLE_TYPES;
/** Where the calls come from. */
const PLACES = KPI_SAMPLE_CITIES;

function log(message: string): void {
  process.stdout.write(`  [kpi] ${message}\n`);
}

/** Writes the history straight into the projection tables, through a connection of its own beside the store's. */
function seed(path: string): { calls: number } {
  const db = openDatabase({ path, durability: 'NORMAL' });
  const next = random(8);
  const insertIncident = db.prepare(`
    INSERT INTO incidents (id, number, status, type_code, priority, agencies, lat, lon, call_ids, linked_ids,
      received_at, answered_at, created_at, routed_at, dispatched_at, en_route_at, on_scene_at, closed_at,
      disposition, updated_at, version, units)
    VALUES (?, ?, 'closed', ?, ?, ?, ?, ?, ?, '[]', ?, ?, ?, ?, ?, ?, ?, ?, 'resolved-on-scene', ?, 8, ?)`);
  const insertCall = db.prepare(
    "INSERT INTO calls (id, status, caller_number, received_at, incident_id, record, version) VALUES (?, 'linked', ?, ?, ?, ?, 3)",
  );
  let calls = 0;
  db.exec('BEGIN');
  for (let i = 0; i < INCIDENTS; i++) {
    const received = START + Math.floor(next() * DAYS * DAY_MS);
    const answered = received + 2_000 + Math.floor(next() * next() * 40_000);
    const created = answered + 20_000 + Math.floor(next() * 90_000);
    const dispatched = created + 5_000 + Math.floor(next() * 120_000);
    const onScene = dispatched + 120_000 + Math.floor(next() * 900_000);
    const [typeCode, agencies] = TYPES[i % TYPES.length] ?? TYPES[0] ?? ['theft', ['police-patrols']];
    const [lat, lon] = PLACES[Math.floor(next() * PLACES.length)] ?? [33.31, 44.36];
    const id = `I${String(i).padStart(8, '0')}`;
    const callIds = next() < 0.25 ? [`C${id}a`, `C${id}b`] : [`C${id}a`];
    const units = agencies.map((agency, index) => ({
      unitId: `U${String(i % 5000)}-${String(index)}`,
      callsign: `U-${String(i % 5000)}`,
      agency,
      status: 'cleared',
      dispatchedAt: dispatched + index * 10_000,
      enRouteAt: dispatched + index * 10_000 + 30_000,
      onSceneAt: onScene + index * 60_000,
      transportingAt: null,
      atHospitalAt: null,
      clearedAt: onScene + 1_800_000,
    }));
    insertIncident.run(
      id,
      `BGD-${String(i)}`,
      typeCode,
      1 + (i % 4),
      JSON.stringify(agencies.map((agency) => ({ agency, status: 'completed', since: onScene }))),
      lat + (next() - 0.5) * 0.1,
      lon + (next() - 0.5) * 0.1,
      JSON.stringify(callIds),
      received,
      answered,
      created,
      created,
      dispatched,
      dispatched + 30_000,
      onScene,
      onScene + 1_800_000,
      onScene + 1_800_000,
      JSON.stringify(units),
    );
    callIds.forEach((callId, index) => {
      const ring = received + index * 15_000;
      const answer = index === 0 ? answered : ring + Math.floor(next() * 30_000);
      insertCall.run(
        callId,
        '0770',
        ring,
        id,
        JSON.stringify({ id: callId, status: 'linked', receivedAt: ring, answeredAt: answer, incidentId: id }),
      );
      calls += 1;
    });
  }
  db.exec('COMMIT');
  // The rows were written past the projection: the KPI side tables are filled the way migration v8
  // fills them on an existing database (timed: the cost of that migration on 100,000 incidents).
  const backfill = performance.now();
  const { incidents } = db.transaction(() => rebuildKpiFacts(db))();
  log(
    `KPI side tables backfilled from ${String(incidents)} incidents in ${((performance.now() - backfill) / 1000).toFixed(2)} s (migration v8)`,
  );
  db.close();
  return { calls };
}

function median(samples: number[]): number {
  return summarize(samples).p50;
}

function time(work: () => unknown): number {
  const started = performance.now();
  work();
  return performance.now() - started;
}

const benchmark: Benchmark = {
  name: 'kpi',
  description: `KPI report over ${String(INCIDENTS)} incidents (${String(DAYS)} days) in a real SQLite file`,
  run(): Promise<BenchFigure[]> {
    return Promise.resolve().then(() => measure());
  },
};

function measure(): BenchFigure[] {
  const dir = mkdtempSync(join(tmpdir(), 'nida-bench-kpi-'));
  const clock = manualClock(START + DAYS * DAY_MS);
  const store = Store.open({
    path: join(dir, 'live.db'),
    centerCode: 'BGD',
    consoleCode: 'C1',
    timeZone: 'Asia/Baghdad',
    clock,
    logger: silentLogger(),
    durability: 'NORMAL',
  });
  const disposers: (() => void)[] = [];
  try {
    const seeded = performance.now();
    const { calls } = seed(store.status.path);
    log(
      `seeded ${String(INCIDENTS)} incidents and ${String(calls)} calls in ${((performance.now() - seeded) / 1000).toFixed(1)} s`,
    );
    const kpi = createKpiService({
      store,
      clock,
      logger: silentLogger(),
      timeZone: 'Asia/Baghdad',
      shifts: DEFAULT_SHIFTS,
      governorates: loadGovernoratePlaces(resourcesDir(), silentLogger()),
    });
    const window = { from: START, to: START + DAYS * DAY_MS };
    // The SQL baselines run on a connection of their own (the store keeps its handle to itself).
    const db = openDatabase({ path: store.status.path, readonly: true });
    disposers.push(() => db.close());
    const count = db.prepare<[number, number], { n: number }>(
      'SELECT count(*) AS n FROM incidents WHERE created_at >= ? AND created_at < ?',
    );
    const p90 = db.prepare<[number, number, number], { v: number }>(`
        SELECT dispatched_at - answered_at AS v FROM incidents
         WHERE created_at >= ? AND created_at < ? AND dispatched_at IS NOT NULL AND answered_at IS NOT NULL
         ORDER BY v LIMIT 1 OFFSET ?`);

    // Warm-up: statement caches, page cache, the governorate memo.
    const check = kpi.report({ ...window, groupBy: 'agency', filters: {} });
    const n = count.get(window.from, window.to)?.n ?? 0;
    if (check.total.incidents !== n) throw new Error(`report counted ${String(check.total.incidents)} of ${String(n)}`);
    const sqlP90 = p90.get(window.from, window.to, Math.ceil(0.9 * n) - 1)?.v;
    if (sqlP90 !== check.total.metrics.answerToDispatch.p90)
      throw new Error(
        `p90 differs: SQL ${String(sqlP90)} vs report ${String(check.total.metrics.answerToDispatch.p90)}`,
      );
    log(`self-check: report and SQL agree on answer→dispatch p90 = ${String(sqlP90)} ms over ${String(n)} incidents`);

    const samples = (work: () => unknown): number[] => Array.from({ length: RUNS }, () => time(work));
    const byAgency = samples(() => kpi.report({ ...window, groupBy: 'agency', filters: {} }));
    const byGovernorate = samples(() => kpi.report({ ...window, groupBy: 'governorate', filters: {} }));
    const csv = samples(() =>
      kpi.handlers.exportCsv(
        { ...window, groupBy: 'type', filters: {} },
        {
          clientId: 'bench',
          transport: 'internal',
          actor: 'bench',
        },
      ),
    );
    const shift = { from: START + 30 * DAY_MS + 4 * 3_600_000, to: START + 30 * DAY_MS + 12 * 3_600_000 };
    const shiftReport = samples(() => kpi.report({ ...shift, groupBy: 'agency', filters: {} }));
    const countScan = samples(() => count.get(window.from, window.to));
    const sqlPercentile = samples(() => p90.get(window.from, window.to, Math.ceil(0.9 * n) - 1));
    const shiftCount = samples(() => count.get(shift.from, shift.to));

    return [
      {
        name: `report by agency, ${String(INCIDENTS / 1000)}k incidents, median of ${String(RUNS)}`,
        value: median(byAgency),
        unit: 'ms',
        better: 'lower',
        baseline: { name: 'one metric p90 in SQL', value: median(sqlPercentile) },
      },
      {
        name: 'report by agency vs a bare count(*) of the window',
        value: median(byAgency),
        unit: 'ms',
        better: 'lower',
        baseline: { name: 'SELECT count(*)', value: median(countScan) },
      },
      {
        name: 'report by governorate (nearest gazetteer place)',
        value: median(byGovernorate),
        unit: 'ms',
        better: 'lower',
        baseline: { name: 'report by agency', value: median(byAgency) },
      },
      {
        name: 'CSV export by type',
        value: median(csv),
        unit: 'ms',
        better: 'lower',
        baseline: { name: 'report by agency', value: median(byAgency) },
      },
      {
        name: 'one shift (8 h, ~560 incidents)',
        value: median(shiftReport),
        unit: 'ms',
        better: 'lower',
        baseline: { name: 'SELECT count(*) of the shift', value: median(shiftCount) },
      },
    ];
  } finally {
    for (const dispose of disposers) dispose();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export default benchmark;
