import type { Database } from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src-shared/contract/errors';
import type { IncidentRecord } from '../../../src-shared/domain/incident';
import {
  countRows,
  createHistory,
  dumpProjections,
  newIncident,
  sampleIncident,
  storeConnection,
  storeCounts,
  useStores,
} from '../support/store';
import { seededRandom } from '../../../src-shared/domain/random';

function failureOf(work: () => unknown): AppError {
  try {
    work();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the write to fail');
}

/** Every projection agrees with the event log: one incident per created event, versions = event counts. */
function projectionProblems(db: Database): string[] {
  const problems: string[] = [];
  const created = countRows(db, 'events', "type = 'incident.created'");
  if (countRows(db, 'incidents') !== created)
    problems.push(`incidents ${countRows(db, 'incidents')} != created ${created}`);
  const wrongVersions = db
    .prepare(
      `SELECT i.number FROM incidents i
        WHERE i.version <> (SELECT count(*) FROM events e WHERE e.incident_id = i.id)`,
    )
    .all();
  if (wrongVersions.length > 0) problems.push(`versions differ from the log: ${JSON.stringify(wrongVersions)}`);
  const notes = countRows(db, 'events', "type = 'incident.noteAdded'");
  if (countRows(db, 'incident_notes') !== notes) problems.push('notes differ from the log');
  if (countRows(db, 'incident_search') !== countRows(db, 'incidents')) problems.push('search index differs');
  if (countRows(db, 'note_search') !== notes) problems.push('note index differs');
  const unnumbered = db.prepare('SELECT coalesce(sum(last), 0) AS n FROM incident_numbers').get() as { n: number };
  if (unnumbered.n !== created) problems.push(`numbers handed out ${unnumbered.n} != incidents ${created}`);
  return problems;
}

describe('store write failures', () => {
  const { openStore, rawConnection, readConnection } = useStores();

  it('given a full disk, when incidents are created until it fails, then STORAGE says the disk is full, nothing is half-written and reads still work', () => {
    const { store, clock } = openStore();
    createHistory(store, clock, 20, { seed: 5 });
    const db = storeConnection(store);
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.pragma(`max_page_count = ${pages + 8}`);
    const random = seededRandom(9);

    let failure: AppError | undefined;
    let last: IncidentRecord | undefined;
    for (let index = 0; index < 5_000 && failure === undefined; index++) {
      clock.advance(1_000);
      const input = { ...sampleIncident(random, index), note: 'ملاحظة طويلة '.repeat(200) };
      try {
        last = store.createIncident(input, 'dispatcher');
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        failure = error;
      }
    }

    expect(failure?.code).toBe('STORAGE');
    expect(failure?.message).toMatch(/disk is full/);
    expect(failure?.message).toMatch(/nothing was saved/);
    expect(countRows(db, 'events')).toBe(countRows(db, 'audit', "action LIKE 'event:%'"));
    expect(projectionProblems(db)).toEqual([]);
    expect(store.verifyAudit().ok).toBe(true);
    // Reads keep working on the full disk.
    expect(last && store.getIncident(last.id)).toEqual(last);
    expect(store.listOpen({ limit: 5_000 }).length).toBeGreaterThan(0);
    expect(store.search('ملاحظة', 5).length).toBeGreaterThan(0);
    expect(last && store.timeline(last.id)).toHaveLength(2);

    // Space freed: the store writes again, and what it wrote matches a rebuild from the log.
    db.pragma('max_page_count = 1073741823');
    store.createIncident(newIncident(), 'dispatcher');
    const live = dumpProjections(db);
    store.rebuildProjections();
    expect(dumpProjections(db)).toBe(live);
  });

  it('given a full disk, when a change is appended to an existing incident, then STORAGE and the incident is as it was', () => {
    const { store, clock } = openStore();
    const incident = store.createIncident(newIncident({ note: 'first' }), 'dispatcher');
    const db = storeConnection(store);
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);

    let failure: AppError | undefined;
    for (let index = 0; index < 200 && failure === undefined; index++) {
      clock.advance(1_000);
      try {
        store.appendIncidentEvent(
          incident.id,
          { type: 'incident.noteAdded', payload: { noteId: `n${index}`, text: 'x'.repeat(3_000) } },
          'dispatcher',
        );
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        failure = error;
      }
    }

    expect(failure?.code).toBe('STORAGE');
    expect(failure?.message).toMatch(/disk is full/);
    expect(projectionProblems(db)).toEqual([]);
    expect(store.getIncident(incident.id)?.version).toBe(countRows(db, 'events'));
    expect(store.verifyAudit().ok).toBe(true);
  });

  it('given another program holding an exclusive lock, when the store writes, then STORAGE says it is locked after the busy timeout, reads still work, and writes work again once the lock is gone', () => {
    const { store, path } = openStore({ busyTimeoutMs: 100 });
    const existing = store.createIncident(newIncident(), 'dispatcher');
    const other = rawConnection(path);
    other.exec('BEGIN EXCLUSIVE');
    const before = storeCounts(readConnection(store));

    const startedAt = Date.now();
    const failure = failureOf(() => store.createIncident(newIncident(), 'dispatcher'));
    const waited = Date.now() - startedAt;

    expect(failure.code).toBe('STORAGE');
    expect(failure.message).toMatch(/locked/);
    expect(waited).toBeGreaterThanOrEqual(90);
    expect(waited).toBeLessThan(4_000);
    expect(store.getIncident(existing.id)).toEqual(existing);
    expect(storeCounts(readConnection(store))).toEqual(before);

    other.exec('COMMIT');
    expect(store.createIncident(newIncident(), 'dispatcher').number).toBe('BGD-261129-C3-0002');
    expect(store.verifyAudit().ok).toBe(true);
  });
});
