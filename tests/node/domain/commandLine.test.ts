import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  parseAndResolve,
  parseCommand,
  suggestCommand,
  type CommandContext,
} from '../../../src-shared/domain/commandLine';

const context: CommandContext = {
  units: [
    { id: 'U-101', callsign: 'نجدة-101', status: 'available', agency: 'police-patrols' },
    { id: 'U-102', callsign: 'نجدة-102', status: 'en-route', agency: 'police-patrols' },
    { id: 'U-301', callsign: 'دفاع-301', status: 'available-on-radio', agency: 'civil-defence' },
    { id: 'U-9', callsign: 'Rescue 9', status: 'available', agency: 'civil-defence' },
  ],
  incidents: [
    { id: 'I1', number: 'BGD-261129-C1-0042' },
    { id: 'I2', number: 'BGD-261129-C1-0043' },
    { id: 'I3', number: 'BGD-261129-C2-0043' },
  ],
};

describe('command line parser', () => {
  it.each([
    ['d نجدة-101 دفاع-301 42', { kind: 'dispatch', units: ['نجدة-101', 'دفاع-301'], incident: '42' }],
    ['dispatch U-101 to BGD-261129-C1-0042', { kind: 'dispatch', units: ['U-101'], incident: 'BGD-261129-C1-0042' }],
    ['ارسل "Rescue 9" الى ٤٢', { kind: 'dispatch', units: ['Rescue 9'], incident: '٤٢' }],
    ['s نجدة-102 os', { kind: 'status', unit: 'نجدة-102', status: 'on-scene' }],
    ['حالة نجدة-102 بالموقع', { kind: 'status', unit: 'نجدة-102', status: 'on-scene' }],
    ['S U-301 OOS', { kind: 'status', unit: 'U-301', status: 'out-of-service' }],
    ['n 42 المتصل يقول  الدخان ازداد', { kind: 'note', incident: '42', text: 'المتصل يقول  الدخان ازداد' }],
  ])('given "%s", then it parses', (text, expected) => {
    expect(parseCommand(text)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['', 'empty', ''],
    ['x U-101', 'unknownCommand', 'x'],
    ['d', 'missingUnit', ''],
    ['d U-101', 'missingIncident', ''],
    ['s U-101', 'missingStatus', ''],
    ['s U-101 flying', 'unknownStatus', 'flying'],
    ['s U-101 dispatched', 'unknownStatus', 'dispatched'],
    ['n 42', 'missingText', ''],
    ['d "Rescue 9 42', 'unclosedQuote', ''],
  ])('given "%s", then the error is %s', (text, code, detail) => {
    expect(parseCommand(text)).toEqual({ ok: false, error: { code, detail } });
  });

  it('given references, then callsigns, ids and incident number endings resolve; ambiguous and unknown ones are refused', () => {
    expect(parseAndResolve('d نجدة-101 u-301 42', context)).toEqual({
      ok: true,
      value: { kind: 'dispatch', unitIds: ['U-101', 'U-301'], incidentId: 'I1' },
    });
    expect(parseAndResolve('n bgd-261129-c2-0043 ok', context)).toEqual({
      ok: true,
      value: { kind: 'note', incidentId: 'I3', text: 'ok' },
    });
    expect(parseAndResolve('d U-101 43', context)).toEqual({
      ok: false,
      error: { code: 'ambiguousIncident', detail: '43' },
    });
    expect(parseAndResolve('d U-777 42', context)).toEqual({
      ok: false,
      error: { code: 'unknownUnit', detail: 'U-777' },
    });
    expect(parseAndResolve('s "rescue 9" av', context)).toEqual({
      ok: true,
      value: { kind: 'status', unitId: 'U-9', status: 'available' },
    });
  });

  it('given partial input, then the proposals complete the word being typed', () => {
    expect(suggestCommand('', context).map((entry) => entry.label)).toEqual(['d', 's', 'n']);
    // Only available units are proposed for a dispatch, without the one already named.
    expect(suggestCommand('d نج', context).map((entry) => entry.label)).toEqual(['نجدة-101']);
    expect(suggestCommand('d نجدة-101 ', context).map((entry) => entry.label)).toEqual([
      'Rescue 9',
      'دفاع-301',
      'BGD-261129-C1-0042',
      'BGD-261129-C1-0043',
      'BGD-261129-C2-0043',
    ]);
    expect(suggestCommand('s نجدة-102 o', context).map((entry) => entry.value)).toEqual(['on-scene', 'out-of-service']);
    expect(suggestCommand('d Res', context)[0]?.text).toBe('d "Rescue 9" ');
    expect(suggestCommand('n 00', context).map((entry) => entry.value)).toEqual(['I1', 'I2', 'I3']);
  });

  it('given any text, then parsing and suggesting never throw', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        const parsed = parseCommand(text);
        expect(typeof parsed.ok).toBe('boolean');
        expect(Array.isArray(suggestCommand(text, context))).toBe(true);
        parseAndResolve(text, context);
      }),
      { numRuns: 500 },
    );
  });
});
