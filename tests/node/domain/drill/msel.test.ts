// The MSEL sheet: an Arabic sheet imports and exports back byte for byte; a bad row is refused with
// its line and nothing is imported.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exportMsel, importMsel, MSEL_COLUMNS, parseDrillTime } from '../../../../src-shared/domain/drill/msel';
import { demoUnits, rawScenario, shippedScenarioFiles, taxonomy } from './support';
import { parseScenario } from '../../../../src-shared/domain/drill/scenario';

const FIXTURE = 'tests/fixtures/drills/arabic.msel.csv';
const context = { taxonomy, rosterUnits: demoUnits, seats: ['callTaker1', 'dispatcher1'] };

function sheet(...rows: string[]): string {
  return `\uFEFF${[MSEL_COLUMNS.join(','), ...rows].join('\r\n')}\r\n`;
}

describe('MSEL import and export', () => {
  it('given an Arabic sheet (BOM, CRLF, quotes, a line break and a formula guard in cells), when imported and exported, then the bytes are identical', () => {
    const bytes = readFileSync(FIXTURE);

    const imported = importMsel(bytes.toString('utf8'), context);
    if (!imported.ok) throw new Error(JSON.stringify(imported.errors));

    expect(imported.injects.map((inject) => inject.id)).toEqual([
      'call-1',
      'call-2-repeat',
      'radio-emergency',
      'serial-outage',
      'restore-note',
      'extra-call',
    ]);
    expect(imported.injects[0]).toMatchObject({ at: 10, controllerNote: 'إذا تردد المتدرب:\nقل "بسرعة!"' });
    expect(imported.injects[1]).toMatchObject({
      after: { inject: 'call-1', state: 'answered', delaySeconds: 150 },
      if: { ruleFailed: { rule: 'answer-time', inject: 'call-1' } },
      controllerNote: '-لا تُطلق إلا عند فشل زمن الرد',
    });
    expect(imported.injects[5]).toMatchObject({
      manual: true,
      if: { notDone: { inject: 'call-1', state: 'dispatched' } },
    });
    expect(Buffer.from(exportMsel(imported.injects), 'utf8').equals(bytes)).toBe(true);
  });

  it.each(shippedScenarioFiles)(
    'given %s, when its injects are exported and imported, then they are the same injects',
    (name) => {
      const parsed = parseScenario(rawScenario(name), { taxonomy, rosterUnits: demoUnits });
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
      const seats = parsed.value.seats.map((seat) => seat.id);

      const text = exportMsel(parsed.value.injects);
      const imported = importMsel(text, { taxonomy, rosterUnits: demoUnits, seats });

      expect(imported).toEqual({ ok: true, injects: parsed.value.injects });
      expect(
        text.startsWith('\uFEFFinject_id,time,after,if,seat,kind,summary,payload,expected_action,controller_note\r\n'),
      ).toBe(true);
    },
  );

  it('given bad rows, then each is refused with its line and no inject is imported', () => {
    const good = 'n1,0:00:05,,,,note,,"{""text"":""مرحبا""}",,';
    const result = importMsel(
      sheet(
        good,
        'n2,soon,,,,note,,"{""text"":""x""}",,',
        'c1,0:01:00,,,callTaker1,call,,"{""ali"":{}}",,',
        'n3,0:02:00,n9 fired +0:00:10,,,note,,"{""text"":""x""}",,',
        'n4,0:02:00,,,,note,,{not json,,',
        'n5,0:03:00,,,,note',
      ),
      context,
    );

    expect(result.ok).toBe(false);
    if (result.ok) return;
    // Line 5 names an unknown inject: cross-checks wait until every row reads (its target may be a bad row).
    expect([...new Set(result.errors.map((error) => error.line))]).toEqual([3, 4, 6, 7]);
    const messages = (line: number): string[] =>
      result.errors.filter((error) => error.line === line).map((error) => error.message);
    expect(messages(3)).toEqual(['time must be H:MM:SS, seconds or "manual", not "soon"']);
    expect(messages(4)).toEqual([
      expect.stringMatching(/^ali\.classOfService: /),
      expect.stringMatching(/^ali\.callback: /),
      expect.stringMatching(/^caller: /),
      expect.stringMatching(/^truth: /),
    ]);
    expect(messages(6)).toEqual([expect.stringMatching(/^payload is not JSON/)]);
    expect(messages(7)).toEqual(['6 fields, the header has 10']);
    expect('injects' in result).toBe(false);
  });

  it('given rows valid alone but wrong together, then the cross-check names the line', () => {
    const result = importMsel(
      sheet(
        'n1,0:00:05,,,,note,,"{""text"":""x""}",,',
        'n1,0:00:06,,,,note,,"{""text"":""y""}",,',
        'r1,0:00:07,,,dispatcherFire,radio,,"{""radioId"":""1A05"",""signal"":""emergency""}",,',
        'n2,,n3 fired +0:00:01,,,note,,"{""text"":""a""}",,',
        'n3,,n2 fired +0:00:01,,,note,,"{""text"":""b""}",,',
      ),
      context,
    );

    expect(result).toEqual({
      ok: false,
      errors: [
        { line: 3, message: 'id: duplicate inject id "n1"' },
        { line: 4, message: 'seat: seat "dispatcherFire" is not declared in seats' },
        { line: 5, message: 'after.inject: after chain loops: n2 → n3 → n2' },
      ],
    });
  });

  it('given a sheet with a missing or unknown column, then the header line is refused', () => {
    const result = importMsel('inject_id,time,kind,colour\r\nn1,0:00:01,note,red\r\n', { taxonomy, seats: null });

    expect(result.ok ? [] : result.errors.map((error) => `${String(error.line)}: ${error.message}`)).toEqual([
      '1: missing column after, if, seat, summary, payload, expected_action, controller_note; unknown column "colour" ' +
        `(columns: ${MSEL_COLUMNS.join(', ')})`,
    ]);
  });

  it('reads times as H:MM:SS, MM:SS or seconds', () => {
    expect(['0:01:30', '01:30', '90', '1:00:00', '1:75', 'x'].map(parseDrillTime)).toEqual([
      90,
      90,
      90,
      3600,
      null,
      null,
    ]);
  });
});
