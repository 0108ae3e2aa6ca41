import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildKpiFixtureStore, kpiReportCases } from './fixtures/kpiStore';
import { useStores } from '../support/store';

const { tempDir } = useStores();

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
