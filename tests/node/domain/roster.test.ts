import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src-shared/domain/csv';
import { formatRosterCsv, parseRosterCsv, parseRosterJson } from '../../../src-shared/domain/roster';
import type { UnitDefinition } from '../../../src-shared/domain/unit';

const HEADER = 'id,callsign,agency,kind,capabilities,station,home_lat,home_lon,crew,radio_id,device_id';

describe('roster import and export', () => {
  it('given a CSV with good and bad rows, then good rows parse and each bad row is refused with its line', () => {
    const csv = [
      HEADER,
      'U-1,نجدة-1,police-patrols,patrol,patrol,"مركز شرطة الكرادة, بغداد",33.30,44.42,أحمد;علي,1a2f,sim-0001',
      'U-2,,police-patrols,patrol,patrol,,,,,,',
      'U-3,إسعاف-3,ambulance,ambulance-basic,ambulance-basic,,33.3,,,,',
      'U-4,إسعاف-4,ambulance,ambulance-basic,,,,,,ZZZZ,',
      'U-5,إسعاف-5,Ambulance,ambulance-basic,,,,,,,',
      'U-6,نجدة-1,police-patrols,patrol,,,,,,,',
      'too,few',
    ].join('\n');

    const result = parseRosterCsv(csv);

    expect(result.rows).toEqual([
      {
        line: 2,
        unit: {
          id: 'U-1',
          callsign: 'نجدة-1',
          agency: 'police-patrols',
          kind: 'patrol',
          capabilities: ['patrol'],
          station: 'مركز شرطة الكرادة, بغداد',
          home: { lat: 33.3, lon: 44.42 },
          crew: ['أحمد', 'علي'],
          radioId: '1A2F',
          deviceId: 'sim-0001',
        },
      },
    ]);
    expect(result.errors.map((error) => error.line).sort()).toEqual([3, 4, 5, 6, 7, 8]);
    expect(result.errors.find((error) => error.line === 4)?.message).toBe('home_lat and home_lon go together');
    expect(result.errors.find((error) => error.line === 5)?.message).toMatch(/radioId: 4 hex digits/);
    expect(result.errors.find((error) => error.line === 7)?.message).toBe('callsign نجدة-1 is also on line 2');
  });

  it('given a header with an unknown or missing column, then the whole file is refused on line 1', () => {
    expect(parseRosterCsv('id,callsign,agency,colour\n').errors).toEqual([
      { line: 1, message: expect.stringMatching(/missing column kind; unknown column "colour"/) as string },
    ]);
  });

  it('given quoted fields spanning lines, then records keep their starting line', () => {
    expect(parseCsv('a,b\n"x\ny",z\r\nq,"w ""quoted"""\n')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x\ny', 'z'] },
      { line: 4, fields: ['q', 'w "quoted"'] },
    ]);
  });

  it('given the demo roster, then it parses: 50 units, unique radio ids, devices sim-0001 … sim-0050', () => {
    const result = parseRosterJson(readFileSync('resources/demo/units.json', 'utf8'));
    expect(result.errors).toEqual([]);
    expect(result.rows).toHaveLength(50);
    expect(result.rows.map((row) => row.unit.deviceId)).toEqual(
      Array.from({ length: 50 }, (_, i) => `sim-${String(i + 1).padStart(4, '0')}`),
    );
    expect(new Set(result.rows.map((row) => row.unit.agency))).toEqual(
      new Set(['police-patrols', 'ambulance', 'civil-defence', 'traffic-police', 'forensics', 'explosives-disposal']),
    );
  });

  it('given any roster, then CSV export reads back to the same units', () => {
    // Texts that start like spreadsheet formulas (or like an export's guard of one) included.
    const text = fc
      .tuple(fc.constantFrom('', '=', '+', '-', '@', "'", "'=", "''-"), fc.string({ minLength: 1, maxLength: 20 }))
      .map(([start, rest]) => start + rest)
      .filter((value) => value.trim() === value && value.trim() !== '' && !value.includes(';'));
    const unit = fc.record({
      id: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_-]{0,10}$/),
      callsign: text,
      agency: fc.constantFrom('ambulance', 'civil-defence'),
      kind: fc.constantFrom('engine', 'ambulance-basic'),
      capabilities: fc.array(fc.constantFrom('rescue', 'ladder'), { maxLength: 2 }),
      station: fc.option(text, { nil: null }),
      home: fc.option(
        fc.record({
          // -0 is written as 0: the same point.
          lat: fc.double({ min: -90, max: 90, noNaN: true }).map((value) => value + 0),
          lon: fc.double({ min: -180, max: 180, noNaN: true }).map((value) => value + 0),
        }),
        { nil: null },
      ),
      crew: fc.array(text, { maxLength: 3 }),
      radioId: fc.option(fc.stringMatching(/^[0-9A-F]{4}$/), { nil: null }),
      deviceId: fc.option(text, { nil: null }),
    });
    fc.assert(
      fc.property(fc.uniqueArray(unit, { selector: (entry) => entry.id, maxLength: 5 }), (units: UnitDefinition[]) => {
        const unique = units.filter(
          (entry, i) =>
            units.findIndex((other) => other.callsign === entry.callsign) === i &&
            (entry.radioId === null || units.findIndex((other) => other.radioId === entry.radioId) === i) &&
            (entry.deviceId === null || units.findIndex((other) => other.deviceId === entry.deviceId) === i),
        );
        const back = parseRosterCsv(formatRosterCsv(unique));
        expect(back.errors).toEqual([]);
        expect(back.rows.map((row) => row.unit)).toEqual(
          unique.map((entry) => ({ ...entry, home: entry.home ? { lat: entry.home.lat, lon: entry.home.lon } : null })),
        );
      }),
      { numRuns: 200 },
    );
  });

  it('given callsigns and crews that start like formulas, then the CSV cells are guarded and read back unchanged', () => {
    const units: UnitDefinition[] = [
      {
        id: 'u-1',
        callsign: '-7 Alpha',
        agency: 'ambulance',
        kind: 'ambulance-basic',
        capabilities: [],
        station: '=HYPERLINK("http://example.invalid","x")',
        home: { lat: -33.25, lon: 44.4 },
        crew: ['@ali', '+hassan'],
        radioId: null,
        deviceId: "'=quoted",
      },
    ];

    const csv = formatRosterCsv(units);
    const back = parseRosterCsv(csv);

    expect(csv.split('\r\n')[1]).toBe(
      `u-1,'-7 Alpha,ambulance,ambulance-basic,,"'=HYPERLINK(""http://example.invalid"",""x"")",-33.25,44.4,"'@ali;+hassan",,''=quoted`,
    );
    expect(back.errors).toEqual([]);
    expect(back.rows.map((row) => row.unit)).toEqual(units);
  });
});
