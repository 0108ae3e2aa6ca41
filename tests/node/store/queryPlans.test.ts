import type { Database, Statement } from 'better-sqlite3';
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../../src-main/services/runtime/clock';
import { ftsQueryOf } from '../../../src-main/services/store/search';
import { Store } from '../../../src-main/services/store/store';
import { START, createHistory, storeConnection, storeOptions } from '../support/store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The plan's lines, e.g. `SEARCH incidents USING INDEX incidents_by_status (status=?)`. */
function planOf(db: Database, sql: string, params: readonly unknown[]): string[] {
  return db
    .prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
    .all(...params)
    .map((row) => row.detail);
}

/**
 * Lines that read a whole table: `SCAN x` without an index (a scan of a CTE or subquery the query
 * defines itself is fine: it is the short list that query built).
 */
function fullScans(plan: readonly string[], sql: string): string[] {
  const ctes = new Set([...sql.matchAll(/(\w+)\s+AS\s*\(/gi)].map((match) => match[1]));
  for (const match of sql.matchAll(/\b(?:FROM|JOIN)\s+(\w+)\s+(?:AS\s+)?(\w+)/gi)) {
    if (ctes.has(match[1])) ctes.add(match[2]);
  }
  return plan.filter((line) => {
    const scanned = /^SCAN (\w+)/.exec(line)?.[1];
    if (scanned === undefined || ctes.has(scanned)) return false;
    return !/USING (COVERING )?INDEX|USING INTEGER PRIMARY KEY|VIRTUAL TABLE INDEX \d+:M/.test(line);
  });
}

const sortsForOrderBy = (plan: readonly string[]): string[] =>
  plan.filter((line) => line.includes('USE TEMP B-TREE FOR ORDER BY'));

describe('query plans of the hot queries', () => {
  let directory: string;
  let store: Store;

  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'nida-plans-'));
    const clock = manualClock(START);
    store = Store.open(storeOptions(join(directory, 'live.db'), clock, { durability: 'NORMAL' }));
    // A realistic table: most incidents closed, a live queue of a few hundred, notes on many.
    createHistory(store, clock, 2_000, { seed: 11, closeShare: 0.85 });
    storeConnection(store).exec('ANALYZE');
  });

  afterAll(() => {
    store.close();
    rmSync(directory, { recursive: true, force: true });
  });

  /** The statement the store really runs (private by design; read here so the test follows the code). */
  function statementOf(path: readonly string[]): Statement {
    let value: unknown = store;
    for (const key of path) value = (value as Record<string, unknown>)[key];
    if (value === undefined) throw new Error(`the store has no statement at ${path.join('.')}`);
    return value as Statement;
  }

  const someIncident = (): { id: string } =>
    storeConnection(store).prepare('SELECT id FROM incidents ORDER BY seq DESC LIMIT 1').get() as { id: string };

  const queueQueries = [
    ['the open queue', ['queries', 'openQueue'], () => [500]],
    ['the queue by status', ['queries', 'queueByStatus'], () => ['dispatched', 500]],
    ['one agency queue', ['queries', 'queueByAgency'], () => ['police', 500]],
    ['one agency queue by status', ['queries', 'queueByAgencyAndStatus'], () => ['police', 'pending', 500]],
  ] as const;

  const lookups = [
    ['an incident by id', ['incidents', 'select'], () => [someIncident().id]],
    ['a timeline by incident id', ['queries', 'eventsOfIncident'], () => [someIncident().id, someIncident().id]],
    [
      'the search',
      ['searchIndex', 'query'],
      () => {
        const match = ftsQueryOf('شارع فلسطين');
        return [match, match];
      },
    ],
  ] as const;

  it('given a few thousand incidents, then the seeded history is realistic', () => {
    const counts = storeConnection(store)
      .prepare("SELECT count(*) AS total, sum(status <> 'closed') AS open FROM incidents")
      .get() as { total: number; open: number };

    expect(counts.total).toBe(2_000);
    expect(counts.open).toBeGreaterThan(150);
    expect(counts.open).toBeLessThan(1_000);
  });

  it.each([...queueQueries, ...lookups])(
    'given ANALYZE statistics, when %s is planned, then no table is scanned in full',
    (_name, path, params) => {
      const sql = statementOf(path).source;

      const plan = planOf(storeConnection(store), sql, params());

      expect(plan.length).toBeGreaterThan(0);
      expect(fullScans(plan, sql)).toEqual([]);
    },
  );

  it.each(queueQueries)(
    'given ANALYZE statistics, when %s is planned, then its order comes from an index, not a sort',
    (_name, path, params) => {
      const plan = planOf(storeConnection(store), statementOf(path).source, params());

      expect(sortsForOrderBy(plan)).toEqual([]);
    },
  );

  it('given the search, when planned, then both full-text indexes are used', () => {
    const [, path, params] = lookups[2];
    const plan = planOf(storeConnection(store), statementOf(path).source, params());

    expect(plan).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^SCAN incident_search VIRTUAL TABLE INDEX \d+:M/),
        expect.stringMatching(/^SCAN note_search VIRTUAL TABLE INDEX \d+:M/),
      ]),
    );
  });

  it('given queries that do scan or sort, when checked, then the checks catch them', () => {
    const unindexed = 'SELECT * FROM incidents WHERE address = ?';
    const sorted = "SELECT * FROM incidents WHERE status <> 'closed' ORDER BY updated_at LIMIT 10";

    expect(fullScans(planOf(storeConnection(store), unindexed, ['x']), unindexed)).toEqual(['SCAN incidents']);
    expect(sortsForOrderBy(planOf(storeConnection(store), sorted, []))).toHaveLength(1);
  });
});
