import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Database } from 'better-sqlite3';
import { AppError } from '../../../src-shared/contract/errors';
import { seededRandom } from '../../../src-shared/domain/random';
import { rebuildKpiFacts } from '../../../src-main/services/store/kpiFacts';
import { migrate, migrations } from '../../../src-main/services/store/migrations';
import type { Store } from '../../../src-main/services/store/store';
import { buildKpiFixtureStore, kpiReportCases } from './fixtures/kpiStore';
import { readDatabase } from '../support/readDatabase';
import { useStores, type ManualClock } from '../support/store';

const { tempDir, openStore, rawConnection } = useStores();

interface SavedReport {
  readonly name: string;
  readonly json: string;
  readonly csv: string;
}

/** The reports the KPI service gave before it read the side tables (fixtures/writeKpiReports.ts). */
const saved = JSON.parse(
  readFileSync(join(import.meta.dirname, 'fixtures', 'kpiReports.json'), 'utf8'),
) as SavedReport[];

describe('KPI reports from the side tables', () => {
  it('given the varied fixture store, when every saved report is asked again, then JSON and CSV are byte for byte the saved ones', () => {
    const { store, report } = buildKpiFixtureStore(join(tempDir(), 'live.db'));
    try {
      expect(kpiReportCases.map((entry) => entry.name)).toEqual(saved.map((entry) => entry.name));
      for (const [index, { args }] of kpiReportCases.entries()) {
        const expected = saved[index];
        const actual = report(args);
        expect({ name: expected?.name, json: actual.json }).toEqual({ name: expected?.name, json: expected?.json });
        expect(actual.csv).toBe(expected?.csv);
      }
    } finally {
      store.close();
    }
  });
});

/** The KPI side tables and the calls' answer column, in key order. */
function kpiTables(db: Database): unknown {
  return {
    incidents: db.prepare('SELECT * FROM kpi_incidents ORDER BY created_at, incident_id').all(),
    milestones: db.prepare('SELECT * FROM kpi_agency_milestones ORDER BY created_at, incident_id, agency').all(),
    calls: db.prepare('SELECT id, answered_at FROM calls ORDER BY id').all(),
  };
}

/** The side tables as the live upkeep left them, and as a fresh backfill from the projection rows makes them. */
function liveAndBackfilled(path: string): { live: unknown; backfilled: unknown } {
  const db = rawConnection(path);
  const live = kpiTables(db);
  db.transaction(() => rebuildKpiFacts(db))();
  const backfilled = kpiTables(db);
  db.close();
  return { live, backfilled };
}

const AGENCIES = ['ambulance', 'civil-defence', 'police-patrols', 'traffic-police'] as const;

/**
 * A random sequence of incident and call events (seeded): creations with and without agencies and a
 * location, units dispatched, undone, en route, on scene, cleared; status changes, closing, reopening,
 * merging, moving. Steps the domain refuses (a unit already on scene, a closed incident) are skipped.
 */
function randomHistory(store: Store, clock: ManualClock, seed: number): void {
  const next = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T | undefined => list[Math.floor(next() * list.length)];
  const incidents: string[] = [];
  const units = new Map<string, string[]>();
  let serial = 0;
  const steps: (() => void)[] = [
    () => {
      const call = store.receiveCall({ source: 'ali', callerNumber: '07701234567' }, 'op');
      if (next() < 0.2) return;
      clock.advance(Math.floor(next() * 20_000));
      store.appendCallEvent(call.id, { type: 'call.answered', payload: {} }, 'op');
      const target = pick(incidents);
      if (target && next() < 0.5)
        store.appendCallEvent(
          call.id,
          { type: 'call.linked', payload: { incidentId: target, asDuplicate: true } },
          'op',
        );
    },
    () => {
      const agencies = AGENCIES.filter(() => next() < 0.4);
      const incident = store.createIncident(
        {
          typeCode: pick(['fire', 'theft', 'cardiac-arrest']) ?? 'fire',
          priority: 1 + Math.floor(next() * 4),
          agencies,
          ...(next() < 0.8 && { location: { lat: 33 + next(), lon: 44 + next(), source: 'manual' as const } }),
          ...(next() < 0.7 && { receivedAt: clock.now() - 40_000, answeredAt: clock.now() - 30_000 }),
        },
        'op',
      );
      incidents.push(incident.id);
    },
    () => {
      const incidentId = pick(incidents);
      if (!incidentId) return;
      serial += 1;
      const unitId = `U${String(serial)}`;
      store.appendIncidentEvent(
        incidentId,
        {
          type: 'incident.unitsDispatched',
          payload: { units: [{ unitId, callsign: unitId, agency: pick(AGENCIES) ?? 'ambulance' }] },
        },
        'op',
      );
      units.set(incidentId, [...(units.get(incidentId) ?? []), unitId]);
    },
    () => {
      const incidentId = pick(incidents);
      const unitId = incidentId ? pick(units.get(incidentId) ?? []) : undefined;
      if (!incidentId || !unitId) return;
      const status = pick(['en-route', 'on-scene', 'cleared'] as const) ?? 'on-scene';
      store.appendIncidentEvent(
        incidentId,
        { type: 'incident.unitProgress', payload: { unitId, status, source: 'radio' } },
        'op',
      );
    },
    () => {
      const incidentId = pick(incidents);
      const unitId = incidentId ? pick(units.get(incidentId) ?? []) : undefined;
      if (!incidentId || !unitId) return;
      store.appendIncidentEvent(
        incidentId,
        { type: 'incident.dispatchUndone', payload: { unitId, reason: 'wrong unit' } },
        'op',
      );
    },
    () => {
      const incidentId = pick(incidents);
      if (!incidentId) return;
      const status = pick(['dispatched', 'en-route', 'on-scene'] as const) ?? 'dispatched';
      store.appendIncidentEvent(incidentId, { type: 'incident.statusChanged', payload: { status } }, 'op');
    },
    () => {
      const incidentId = pick(incidents);
      if (!incidentId) return;
      store.appendIncidentEvent(incidentId, { type: 'incident.closed', payload: { disposition: 'resolved' } }, 'op');
    },
    () => {
      const incidentId = pick(incidents);
      if (!incidentId) return;
      store.appendIncidentEvent(incidentId, { type: 'incident.reopened', payload: { reason: 'called again' } }, 'op');
    },
    () => {
      const [duplicate, target] = [pick(incidents), pick(incidents)];
      if (!duplicate || !target || duplicate === target) return;
      store.appendIncidentEvent(
        duplicate,
        { type: 'incident.mergedInto', payload: { targetIncidentId: target, reason: 'same' } },
        'op',
      );
    },
    () => {
      const incidentId = pick(incidents);
      if (!incidentId) return;
      store.appendIncidentEvent(
        incidentId,
        {
          type: 'incident.updated',
          payload: { typeCode: 'shooting', location: { lat: 36 + next(), lon: 43 + next(), source: 'map' } },
        },
        'op',
      );
    },
    () => {
      const incidentId = pick(incidents);
      if (!incidentId) return;
      store.appendIncidentEvent(incidentId, { type: 'incident.routed', payload: { agencies: ['forensics'] } }, 'op');
    },
  ];
  for (let index = 0; index < 400; index++) {
    clock.advance(1 + Math.floor(next() * 90_000));
    try {
      pick(steps)?.();
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
    }
  }
}

describe('the KPI side tables', () => {
  it.each([1, 2, 3])(
    'given a random sequence of events (seed %i), then the side tables the projection kept equal a fresh backfill, and a rebuild of the projections gives them again',
    (seed) => {
      const { store, clock, path } = openStore({ nameLocation: () => ({}) });
      randomHistory(store, clock, seed);
      const kept = readDatabase(store, kpiTables);
      store.rebuildProjections();
      const rebuilt = readDatabase(store, kpiTables);
      store.close();

      const { live, backfilled } = liveAndBackfilled(path);
      expect(live).toEqual(kept);
      expect(backfilled).toEqual(live);
      expect(rebuilt).toEqual(kept);
      const { incidents, milestones } = kept as { incidents: unknown[]; milestones: unknown[] };
      expect(incidents.length).toBeGreaterThan(20);
      expect(milestones.length).toBeGreaterThan(5);
    },
  );

  it('given the fixture store, when its projections are rebuilt, then the side tables and the reports are unchanged', () => {
    const { store, report } = buildKpiFixtureStore(join(tempDir(), 'live.db'));
    try {
      const before = readDatabase(store, kpiTables);
      const args = kpiReportCases[0]?.args;
      if (!args) throw new Error('no report case');
      const reportBefore = report(args);

      store.rebuildProjections();

      expect(readDatabase(store, kpiTables)).toEqual(before);
      expect(report(args)).toEqual(reportBefore);
    } finally {
      store.close();
    }
  });

  it('given a database of schema v7 with the fixture’s incidents and calls, when migrated to v8, then its side tables are those the projection keeps', () => {
    const dir = tempDir();
    const { store } = buildKpiFixtureStore(join(dir, 'live.db'));
    const expected = readDatabase(store, kpiTables);
    store.close();

    const old = rawConnection(join(dir, 'old.db'));
    migrate(
      old,
      migrations.filter((step) => step.version <= 7),
    );
    old.exec(`ATTACH DATABASE '${join(dir, 'live.db')}' AS live`);
    old.exec('INSERT INTO main.incidents SELECT * FROM live.incidents');
    old.exec(`INSERT INTO main.calls (id, status, caller_number, received_at, incident_id, record, version)
                SELECT id, status, caller_number, received_at, incident_id, record, version FROM live.calls`);
    old.exec('DETACH DATABASE live');

    expect(migrate(old)).toEqual([8]);
    expect(kpiTables(old)).toEqual(expected);
  });
});
