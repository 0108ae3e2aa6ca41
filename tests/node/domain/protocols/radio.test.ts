import { describe, expect, it } from 'vitest';
import statusMapJson from '../../../../resources/radio/status-map.json';
import {
  createEmergencyDeduplicator,
  createRadioParser,
  encodeRadioLine,
  mapRadioStatus,
  parseRadioLine,
  parseRadioText,
  radioChecksum,
  radioStatusMapSchema,
  type RadioFrame,
} from '../../../../src-shared/domain/protocols/radio';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const line = (body: string): string => encodeRadioLine(body).replace(/\r\n$/, '');

function parseOk(body: string): RadioFrame {
  const result = parseRadioLine(line(body));
  if (!result.ok) throw new Error(`expected ${body} to parse: ${result.error}`);
  return result.value;
}

function parseError(text: string): string {
  const result = parseRadioLine(text);
  if (result.ok) throw new Error(`expected ${text} to be rejected`);
  return result.error;
}

describe('radio gateway line: opcodes', () => {
  it('STS carries the status code', () => {
    expect(parseOk('RDG,17,134501,1A2F,STS,4')).toEqual({
      kind: 'status',
      seq: 17,
      gatewayTime: '13:45:01',
      unitId: '1A2F',
      statusCode: 4,
    });
  });

  it('EMR is an emergency, with the position when the radio sent one', () => {
    expect(parseOk('RDG,18,134502,1A2F,EMR,,33.312806,44.361488')).toEqual({
      kind: 'emergency',
      seq: 18,
      gatewayTime: '13:45:02',
      unitId: '1A2F',
      position: { lat: 33.312806, lon: 44.361488 },
    });
    expect(parseOk('RDG,18,134502,1A2F,EMR,')).toEqual({
      kind: 'emergency',
      seq: 18,
      gatewayTime: '13:45:02',
      unitId: '1A2F',
    });
  });

  it.each([
    ['EAK', 'emergencyAck'],
    ['PTT', 'pttId'],
    ['SRQ', 'statusRequest'],
    ['RCK', 'radioCheck'],
  ] as const)('%s is %s', (opcode, kind) => {
    expect(parseOk(`RDG,65535,000000,00ff,${opcode},`)).toEqual({
      kind,
      seq: 65535,
      gatewayTime: '00:00:00',
      unitId: '00FF',
    });
  });

  it('MSG carries the two-digit message code', () => {
    expect(parseOk('RDG,0,235959,BEEF,MSG,2A')).toMatchObject({ kind: 'message', messageCode: 0x2a, unitId: 'BEEF' });
  });

  it('checksum is the NMEA XOR between $ and *', () => {
    // A published NMEA 0183 sentence: same checksum rule.
    expect(radioChecksum('GPRMC,092750.000,A,5321.6802,N,00630.3372,W,0.02,31.66,280511,,,A')).toBe('43');
  });
});

describe('radio gateway line: rejected', () => {
  it('a bad checksum', () => {
    const good = line('RDG,17,134501,1A2F,STS,4');
    const wrong = ((Number.parseInt(good.slice(-2), 16) + 1) % 256).toString(16).toUpperCase().padStart(2, '0');
    expect(parseError(good.slice(0, -2) + wrong)).toMatch(/checksum mismatch/);
    expect(parseError(good.slice(0, -2) + good.slice(-2).toLowerCase().replace(/[0-9]/g, 'a'))).toMatch(/checksum/);
    expect(parseError('$RDG,17,134501,1A2F,STS,4')).toMatch(/missing "\*"/);
    expect(parseError(`${good}0`)).toMatch(/two upper-case hex digits/);
  });

  it.each([
    ['RDG,17,134501,1A2F,STS', /expected 6 or 8 fields/],
    ['RDG,17,134501,1A2F,STS,4,33.3', /expected 6 or 8 fields/],
    ['RDG,17,134501,1A2F,STS,4,33.3,44.3,1', /expected 6 or 8 fields/],
    ['RDG,17,134501,1G2F,STS,4', /unit id must be four hex digits/],
    ['RDG,17,134501,1A2,STS,4', /unit id must be four hex digits/],
    ['RDG,17,134501,1A2F0,STS,4', /unit id must be four hex digits/],
    ['RDG,65536,134501,1A2F,STS,4', /sequence/],
    ['RDG,17,246000,1A2F,STS,4', /time out of range/],
    ['RDG,17,1345,1A2F,STS,4', /hhmmss/],
    ['RDG,17,134501,1A2F,XYZ,4', /unknown opcode/],
    ['RDG,17,134501,1A2F,STS,', /STS needs one upper-case hex digit/],
    ['RDG,17,134501,1A2F,STS,10', /STS needs/],
    ['RDG,17,134501,1A2F,MSG,7', /MSG needs two/],
    ['RDG,17,134501,1A2F,EMR,1', /EMR takes no argument/],
    ['RDG,17,134501,1A2F,EMR,,91.0,44.0', /position out of range/],
    ['RDG,17,134501,1A2F,EMR,,33.3,', /decimal degrees/],
    ['RDG,17,134501,1A2F,EMR,,1e1,44', /decimal degrees/],
    ['GPS,17,134501,1A2F,EMR,', /unknown sentence "GPS"/],
  ])('%s', (body, error) => {
    expect(parseError(line(body))).toMatch(error);
  });

  it('a line that does not start with $, or with control bytes', () => {
    expect(parseError(line('RDG,17,134501,1A2F,STS,4').slice(1))).toMatch(/does not start with "\$"/);
    expect(parseError(`$RDG,1\u0000,134501`)).toMatch(/non-printable byte 0x00 at column 7/);
  });

  it('0,0 is "no fix", not a position', () => {
    expect(parseOk('RDG,18,134502,1A2F,EMR,,0.000000,0.000000')).not.toHaveProperty('position');
  });
});

describe('createRadioParser', () => {
  it('frames a stream with noise and keeps the raw bytes of every line', () => {
    const parser = createRadioParser();
    const text = `${encodeRadioLine('RDG,1,120000,0001,STS,1')}garbage\r\n${encodeRadioLine('RDG,2,120001,0002,EMR,')}`;
    const frames = [...parser.push(bytes(text.slice(0, 20))), ...parser.push(bytes(text.slice(20))), ...parser.flush()];
    expect(frames.map((frame) => (frame.result.ok ? frame.result.value.kind : frame.result.error))).toEqual([
      'status',
      'line does not start with "$"',
      'emergency',
    ]);
    expect(new TextDecoder().decode(frames[1]?.raw)).toBe('garbage');
  });

  it('reports a line cut off by the end of the link, and an over-long line', () => {
    const parser = createRadioParser({ maxLineLength: 40 });
    const long = parser.push(bytes(`$${'A'.repeat(100)}\n`));
    expect(long).toHaveLength(1);
    expect(long[0]?.result).toEqual({ ok: false, error: 'line longer than 40 bytes: cut off' });
    expect(long[0]?.raw).toHaveLength(40);
    expect(parser.push(bytes('$RDG,1,12'))).toEqual([]);
    expect(parser.flush()[0]?.result).toEqual({
      ok: false,
      error: 'line cut off: the link closed before its end of line',
    });
  });
});

describe('createEmergencyDeduplicator', () => {
  it('the three silent repeats of one emergency raise one alarm', () => {
    const dedup = createEmergencyDeduplicator(10_000);
    expect([dedup.check('1A2F', 0), dedup.check('1A2F', 400), dedup.check('1A2F', 900)]).toEqual([
      'alarm',
      'duplicate',
      'duplicate',
    ]);
  });

  it('an emergency after the window is a new alarm', () => {
    const dedup = createEmergencyDeduplicator(10_000);
    expect(dedup.check('1A2F', 0)).toBe('alarm');
    expect(dedup.check('1A2F', 9_999)).toBe('duplicate');
    expect(dedup.check('1A2F', 10_000)).toBe('alarm');
    expect(dedup.check('1A2F', 12_000)).toBe('duplicate');
  });

  it('two units raise two alarms', () => {
    const dedup = createEmergencyDeduplicator(10_000);
    expect([
      dedup.check('1A2F', 0),
      dedup.check('0B01', 100),
      dedup.check('1A2F', 200),
      dedup.check('0B01', 300),
    ]).toEqual(['alarm', 'alarm', 'duplicate', 'duplicate']);
  });
});

describe('status map', () => {
  const map = radioStatusMapSchema.parse(statusMapJson);

  it('the shipped table is valid and maps codes to console statuses', () => {
    expect(mapRadioStatus(map, 4)).toBe('en-route');
    expect(mapRadioStatus(map, 2)).toBe('available-on-radio');
    expect(mapRadioStatus(map, 9)).toBeNull();
    expect(mapRadioStatus(map, 16)).toBeNull();
  });

  it('rejects unknown statuses and non-hex codes', () => {
    expect(radioStatusMapSchema.safeParse({ version: 1, codes: { '1': 'enroute' } }).success).toBe(false);
    expect(radioStatusMapSchema.safeParse({ version: 1, codes: { '10': 'available' } }).success).toBe(false);
    expect(radioStatusMapSchema.safeParse({ version: 1, codes: { a: 'available' } }).success).toBe(false);
    expect(radioStatusMapSchema.safeParse({ version: 1, codes: { A: 'available' } }).success).toBe(true);
  });
});

describe('parseRadioText', () => {
  it('one JSON object per frame, emergencies de-duplicated by gateway time, then a rejected summary', () => {
    const text = [
      encodeRadioLine('RDG,1,120000,1A2F,EMR,,33.3,44.4'),
      encodeRadioLine('RDG,2,120001,1A2F,EMR,,33.3,44.4'),
      encodeRadioLine('RDG,3,120002,1A2F,EMR,,33.3,44.4'),
      'noise\n',
      encodeRadioLine('RDG,4,120003,0B01,STS,5'),
    ].join('');
    const report = parseRadioText(text);
    expect(report.frames.map((frame) => frame.alarm ?? frame.kind)).toEqual([
      'alarm',
      'duplicate',
      'duplicate',
      'status',
    ]);
    expect(report.rejected).toEqual([{ line: 4, raw: 'noise', error: 'line does not start with "$"' }]);
    expect(report.jsonLines).toHaveLength(5);
    expect(JSON.parse(report.jsonLines[4] ?? '')).toMatchObject({ accepted: 4, rejected: 1 });
  });
});

describe('docs/protocols/radio.md examples', () => {
  it('parse as documented', () => {
    const report = parseRadioText(
      [
        '$RDG,17,134501,1A2F,STS,4*1D',
        '$RDG,18,134502,1A2F,EMR,,33.312806,44.361488*25',
        '$RDG,19,134502,1A2F,EMR,,33.312806,44.361488*24',
        '$RDG,20,134502,1A2F,EMR,,33.312806,44.361488*2E',
        '$RDG,21,134530,1A2F,EAK,*35',
        '$RDG,22,134540,0B01,PTT,*59',
        '$RDG,23,134541,0B01,MSG,2A*23',
        '$RDG,24,134600,0B01,SRQ,*58',
        '$RDG,25,134601,0B01,RCK,*52',
      ].join('\r\n'),
    );
    expect(report.rejected).toEqual([]);
    expect(report.frames.map((frame) => frame.alarm ?? frame.kind)).toEqual([
      'status',
      'alarm',
      'duplicate',
      'duplicate',
      'emergencyAck',
      'pttId',
      'message',
      'statusRequest',
      'radioCheck',
    ]);
  });
});
