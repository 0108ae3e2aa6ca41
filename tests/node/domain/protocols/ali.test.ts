import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { callEventPayloads } from '../../../../src-shared/domain/call';
import {
  parseAliTemplate,
  parseAliText,
  toCallReceived,
  type AliRecord,
  type AliTemplate,
} from '../../../../src-shared/domain/protocols/ali';

const ROOT = join(import.meta.dirname, '..', '..', '..', '..');
// 14:10 on 29 Nov 2026 in Baghdad (UTC+3): a few minutes after the fixture records.
const RECEIVED = Date.UTC(2026, 10, 29, 11, 10, 0);

function rawTemplate(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(ROOT, 'resources', 'ali-templates', `${name}.json`), 'utf8')) as Record<
    string,
    unknown
  >;
}

function template(name: string): AliTemplate {
  const result = parseAliTemplate(rawTemplate(name));
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.value;
}

function fixture(name: string): Buffer {
  return readFileSync(join(ROOT, 'tests', 'fixtures', 'ali', name));
}

function records(templateName: string, bytes: Uint8Array | string, now = RECEIVED): AliRecord[] {
  return parseAliText(template(templateName), bytes, { now: () => now }).map((frame) => {
    if (!frame.result.ok) throw new Error(frame.result.error);
    return frame.result.value;
  });
}

const LABELLED_LINES = [
  'ALI 911 BGD-UNIFIED          SEQ 0099',
  'CALLBACK: 07701234567        TIME: 12/31 23:59',
  'NAME: TEST CALLER',
  'HOUSE:          SFX:      DIR: ',
  'ADDRESS: SHARIA AL-RASHEED',
  'LOCATION: ',
  'COMMUNITY: BAGHDAD                         STATE: BG',
  'ESN: 101   CLASS: RESD POS: 07',
  'LAT:            LON:            UNC:       CONF: ',
  'POLICE: ',
  'FIRE: ',
  'EMS: ',
  'CARRIER: ITPC',
  'TRUNK: 01',
  'END',
];

function labelled(lines: readonly string[]): string {
  return `\x02\r\n${lines.map((line) => `${line}\r\n`).join('')}\x03`;
}

describe('aliTemplateSchema', () => {
  it.each(['labelled-15', 'fixed-wireless'])(
    'given the shipped template %s, when validated, then it passes',
    (name) => {
      expect(parseAliTemplate(rawTemplate(name)).ok).toBe(true);
    },
  );

  const broken: [string, (raw: Record<string, unknown>) => void, string][] = [
    [
      'no callback number field',
      (raw) => {
        delete (raw.fields as Record<string, unknown>).callbackNumber;
      },
      'fields.callbackNumber:',
    ],
    [
      'a fixed-column field without width',
      (raw) => {
        delete ((raw.fields as Record<string, Record<string, unknown>>).street ?? {}).width;
      },
      'fields.street.width:',
    ],
    [
      'a datetime field without format',
      (raw) => {
        delete ((raw.fields as Record<string, Record<string, unknown>>).time ?? {}).format;
      },
      'fields.time.format:',
    ],
    [
      'a datetime format without minutes',
      (raw) => {
        ((raw.fields as Record<string, Record<string, unknown>>).time ?? {}).format = 'MM/DD HH';
      },
      'fields.time.format: format lacks mm',
    ],
    [
      'latitude typed as text',
      (raw) => {
        ((raw.fields as Record<string, Record<string, unknown>>).latitude ?? {}).type = 'text';
      },
      'fields.latitude.type:',
    ],
    [
      'an unknown framing kind',
      (raw) => {
        raw.framing = { kind: 'xmodem' };
      },
      'framing.kind:',
    ],
    [
      'an unknown class of service kind',
      (raw) => {
        raw.classesOfService = { WPH3: 'teleport' };
      },
      'classesOfService.WPH3:',
    ],
    [
      'an agency line with a column but no line',
      (raw) => {
        raw.agencies = [{ column: 1, width: 20 }];
      },
      'agencies[0].line:',
    ],
    [
      'an unknown field name',
      (raw) => {
        (raw.fields as Record<string, unknown>).altitude = { line: 1, column: 1, width: 3 };
      },
      'fields: Unrecognized key',
    ],
    [
      'a tiny maximum record length',
      (raw) => {
        raw.maxRecordLength = 10;
      },
      'maxRecordLength:',
    ],
  ];

  it.each(broken)('given %s, when validated, then the error names its path', (_what, breakIt, expected) => {
    const raw = rawTemplate('fixed-wireless');
    breakIt(raw);

    const result = parseAliTemplate(raw);

    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.join('\n')).toContain(expected);
  });
});

describe('shipped fixtures', () => {
  it.each(['labelled-15', 'fixed-wireless'])(
    'given the %s capture, when parsed, then each record is the expected one',
    (name) => {
      const expected = JSON.parse(fixture(`${name}.expected.json`).toString('utf8')) as unknown[];

      const frames = parseAliText(template(name), fixture(`${name}.ali`), { now: () => RECEIVED });

      expect(frames.map((frame) => frame.result)).toEqual(expected);
      expect(frames).toHaveLength(4);
    },
  );

  it('given each frame, when parsed, then its raw bytes are the record exactly as received', () => {
    const bytes = fixture('fixed-wireless.ali');
    const frames = parseAliText(template('fixed-wireless'), bytes);

    expect(Buffer.concat(frames.map((frame) => frame.raw)).equals(bytes)).toBe(true);
  });
});

describe('labelled-15', () => {
  const [wireline, phase1, phase2, voip] = records('labelled-15', fixture('labelled-15.ali'));

  it('given a wireline record with LAT/LON labels but no values, then there is no location (not 0,0)', () => {
    expect(wireline?.classOfService).toEqual({ code: 'RESD', kind: 'residence' });
    expect(wireline?.location).toBeUndefined();
    expect(wireline?.address.houseSuffix).toBeUndefined();
    expect(wireline?.address.direction).toBeUndefined();
    expect(wireline?.callbackNumber).toBe('+96417182233');
  });

  it('given a WPH1 record, then the sector text stays on the street and the cell is the location text', () => {
    expect(phase1?.classOfService.kind).toBe('wireless-phase1');
    expect(phase1?.address.street).toBe('SHARIA FALASTEEN SECTOR NE-045');
    expect(phase1?.locationText).toBe('ZAIN SITE BGD-0217 SEC 2');
    expect(phase1?.location).toBeUndefined();
  });

  it('given the WPH2 rebid, then it has the same callback number and the handset coordinates', () => {
    expect(phase2?.callbackNumber).toBe(phase1?.callbackNumber);
    expect(phase2?.location).toEqual({ lat: 33.3128, lon: 44.3615, uncertaintyM: 25, confidencePct: 90 });
    expect(phase2?.time).toBe('2026-11-29T11:06:00.000Z');
  });

  it('given an Arabic name longer than its field, then it is cut at 32 characters and a blank agency is left out', () => {
    expect(voip?.callerName).toHaveLength(32);
    expect(voip?.callerName?.startsWith('شركة الرافدين')).toBe(true);
    expect(voip?.agencies).toEqual(['مركز شرطة الكرادة', 'إسعاف بغداد - الرصافة']);
  });

  it('given an unknown class of service and an unreadable latitude, then the record parses with warnings', () => {
    const lines = [...LABELLED_LINES];
    lines[7] = 'ESN: 101   CLASS: ZZZZ POS: 07';
    lines[8] = 'LAT: +33.3X2 LON: +044.36150 UNC: 00025 CONF: 90';

    const [record] = records('labelled-15', labelled(lines));

    expect(record?.classOfService).toEqual({ code: 'ZZZZ', kind: 'unknown' });
    expect(record?.location).toBeUndefined();
    expect(record?.warnings).toEqual([
      'latitude "+33.3X2" is not a number',
      'unknown class of service "ZZZZ"',
      'record has only one of latitude and longitude',
    ]);
  });

  it('given a record without a callback number, then the frame is an error, not an exception', () => {
    const lines = [...LABELLED_LINES];
    lines[1] = 'CALLBACK:                    TIME: 11/29 14:05';

    const [frame] = parseAliText(template('labelled-15'), labelled(lines));

    expect(frame?.result).toEqual({ ok: false, error: 'record has no callback number' });
  });
});

describe('record time', () => {
  it('given 12/31 23:59 received just after New Year in Baghdad, then the year is the old one', () => {
    const justAfterNewYear = Date.UTC(2026, 11, 31, 21, 0, 30); // 00:00:30 on 1 Jan 2027 in Baghdad

    const [record] = records('labelled-15', labelled(LABELLED_LINES), justAfterNewYear);

    expect(record?.time).toBe('2026-12-31T20:59:00.000Z');
  });

  it('given 01/01 00:00 from a switch clock slightly ahead on 31 December, then the year is the new one', () => {
    const lines = [...LABELLED_LINES];
    lines[1] = 'CALLBACK: 07701234567        TIME: 01/01 00:00';
    const beforeNewYear = Date.UTC(2026, 11, 31, 20, 59, 40); // 23:59:40 on 31 Dec in Baghdad

    const [record] = records('labelled-15', labelled(lines), beforeNewYear);

    expect(record?.time).toBe('2026-12-31T21:00:00.000Z');
  });

  it('given a configured time zone, then the record time is read in that zone', () => {
    const frames = parseAliText(template('labelled-15'), fixture('labelled-15.ali'), {
      now: () => RECEIVED,
      timeZone: 'UTC',
    });

    expect(frames[0]?.result.ok && frames[0].result.value.time).toBe('2026-11-29T14:02:00.000Z');
  });

  it('given 02/30 in the record, then the time is left out with a warning', () => {
    const lines = [...LABELLED_LINES];
    lines[1] = 'CALLBACK: 07701234567        TIME: 02/30 10:00';

    const [record] = records('labelled-15', labelled(lines));

    expect(record?.time).toBeUndefined();
    expect(record?.warnings).toEqual(['time "02/30 10:00" is not a calendar date']);
  });
});

describe('fixed-wireless', () => {
  const [phase2, phase1, rebid, business] = records('fixed-wireless', fixture('fixed-wireless.ali'));

  it('given a WPH2 record, then the coordinates, uncertainty and confidence are read from their columns', () => {
    expect(phase2?.location).toEqual({ lat: 33.3128, lon: 44.3615, uncertaintyM: 50, confidencePct: 90 });
    expect(phase2?.time).toBe('2026-11-29T10:58:07.000Z');
  });

  it('given a WPH1 record and its rebid, then the rebid has the same number and implied-decimal coordinates', () => {
    expect(phase1?.location).toBeUndefined();
    expect(phase1?.address.street).toBe('ABU NUWAS ST SEC-SW 225');
    expect(rebid?.callbackNumber).toBe(phase1?.callbackNumber);
    expect(rebid?.location).toEqual({ lat: 33.30512, lon: 44.42287, uncertaintyM: 120, confidencePct: 67 });
  });

  it('given a wireline record with blank X/Y columns and a long street, then no location and the street is cut', () => {
    expect(business?.location).toBeUndefined();
    expect(business?.address.street).toBe('SHARIA AL-MUTANABBI QURB SUQ AL-');
    expect(business?.classOfService.kind).toBe('business');
  });

  it('given zeros in the X/Y columns, then that is no location', () => {
    const text = fixture('fixed-wireless.ali')
      .toString('latin1')
      .replace('+33.312800  +044.361500', '+00.000000  +000.000000');

    const [record] = records('fixed-wireless', text);

    expect(record?.location).toBeUndefined();
  });
});

describe('toCallReceived', () => {
  const all = [
    ...records('labelled-15', fixture('labelled-15.ali')),
    ...records('fixed-wireless', fixture('fixed-wireless.ali')),
  ];

  it.each(all.map((record, index) => [index, record] as const))(
    'given record %i, then the payload validates against call.received',
    (_index, record) => {
      expect(callEventPayloads['call.received'].safeParse(toCallReceived(record)).success).toBe(true);
    },
  );

  it('given a WPH2 record, then the payload carries location, address, class of service and position', () => {
    expect(toCallReceived(all[2] as AliRecord)).toEqual({
      source: 'ali',
      callerNumber: '+9647701234567',
      callerName: 'ZAIN IQ WIRELESS CALLER',
      line: '05',
      location: { lat: 33.3128, lon: 44.3615, accuracyM: 25, source: 'ali' },
      address: 'SHARIA FALASTEEN SECTOR NE-045, BAGHDAD/AL-RUSAFA, BG (ZAIN SITE BGD-0217 SEC 2)',
      classOfService: 'WPH2',
    });
  });

  it('given a wireline record, then the address joins house number, suffix, direction and street', () => {
    expect(toCallReceived(all[3] as AliRecord).address).toBe('221B N SHARIA AL-SAADOUN, BAGHDAD/AL-BATAWEEN, BG');
    expect(toCallReceived(all[0] as AliRecord).location).toBeUndefined();
  });
});
