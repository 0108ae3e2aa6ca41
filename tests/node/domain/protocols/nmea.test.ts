import { describe, expect, it } from 'vitest';
import {
  createNmeaParser,
  parseNmeaLog,
  parseNmeaSentence,
  type NmeaEvent,
  type NmeaFix,
  type NmeaParserOptions,
  type NmeaSentence,
} from '../../../../src-shared/domain/protocols/nmea';
import type { Frame } from '../../../../src-shared/domain/protocols/framing';

/** `$body*hh` with a correct checksum. */
function sentence(body: string): string {
  let sum = 0;
  for (const char of body) sum ^= char.charCodeAt(0);
  return `$${body}*${sum.toString(16).toUpperCase().padStart(2, '0')}`;
}

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

function decode(line: string, options?: NmeaParserOptions): NmeaSentence {
  const result = parseNmeaSentence(bytes(line.slice(1)), options);
  if (!result.ok) throw new Error(result.error);
  if (result.value.kind !== 'sentence') throw new Error(`not decoded: ${JSON.stringify(result.value)}`);
  return result.value.sentence;
}

function errorOf(line: string, options?: NmeaParserOptions): string {
  const result = parseNmeaSentence(bytes(line.slice(1)), options);
  return result.ok ? 'ok' : result.error;
}

function fixesOf(frames: Frame<NmeaEvent>[]): NmeaFix[] {
  return frames.flatMap((frame) =>
    frame.result.ok && frame.result.value.kind === 'fix' ? [frame.result.value.fix] : [],
  );
}

describe('NMEA sentences', () => {
  it('decodes GGA, northern/eastern, with altitude and quality', () => {
    expect(decode('$GPGGA,092750.000,5321.6802,N,00630.3372,W,1,8,1.03,61.7,M,55.2,M,,*76')).toEqual({
      type: 'GGA',
      talker: 'GP',
      time: ((9 * 60 + 27) * 60 + 50) * 1000,
      lat: 53 + 21.6802 / 60,
      lon: -(6 + 30.3372 / 60),
      quality: 1,
      satellites: 8,
      hdop: 1.03,
      alt: 61.7,
      geoidSeparation: 55.2,
    });
  });

  it('decodes southern and western hemispheres as negative', () => {
    const gga = decode(sentence('GNGGA,000001.00,3342.1234,S,07030.5000,W,1,05,1.2,500.0,M,,M,,'));
    expect(gga.type === 'GGA' && [gga.lat, gga.lon]).toEqual([-(33 + 42.1234 / 60), -(70 + 30.5 / 60)]);
    const rmc = decode(sentence('GPRMC,120000,A,0000.0000,S,17959.9999,E,10,90,010125,,,A'));
    expect(rmc.type === 'RMC' && [rmc.lat, rmc.lon]).toEqual([-0, 179 + 59.9999 / 60]);
  });

  it('decodes RMC with knots to m/s, track, two-digit year and validity', () => {
    const rmc = decode('$GPRMC,202640.000,A,4404.1306,N,12118.8515,W,0.03,225.97,130415,,,D*73');
    expect(rmc).toMatchObject({ type: 'RMC', valid: true, track: 225.97, date: { year: 2015, month: 4, day: 13 } });
    expect(rmc.type === 'RMC' && rmc.speed).toBeCloseTo(0.03 * 0.514444, 6);
    expect(decode(sentence('GPRMC,120000,V,,,,,,,010199,,,N'))).toMatchObject({
      valid: false,
      lat: null,
      date: { year: 1999, month: 1, day: 1 },
    });
    // Status A but mode indicator N (not valid).
    expect(decode(sentence('GNRMC,120000,A,4404.1306,N,12118.8515,W,0,0,130415,,,N'))).toMatchObject({ valid: false });
  });

  it('decodes GLL, VTG (knots, else km/h), GSA, GNS and ZDA', () => {
    expect(decode('$GPGLL,5547.82107,N,02334.14132,E,152504.50,A,A*67')).toMatchObject({
      type: 'GLL',
      time: 55_504_500,
      valid: true,
      lat: 55 + 47.82107 / 60,
      lon: 23 + 34.14132 / 60,
    });
    const vtg = decode('$GPVTG,221.16,T,,M,30.324,N,56.191,K,A*37');
    expect(vtg.type === 'VTG' && [vtg.track, vtg.speed]).toEqual([221.16, 30.324 * (1852 / 3600)]);
    const kmh = decode(sentence('GPVTG,10.0,T,,M,,N,36.0,K,A'));
    expect(kmh.type === 'VTG' && kmh.speed).toBeCloseTo(10, 9);
    expect(decode('$GNGSA,A,3,18,21,26,27,16,20,22,29,,,,,1.3,0.7,1.1,1*31')).toEqual({
      type: 'GSA',
      talker: 'GN',
      fixType: 3,
      satellites: [18, 21, 26, 27, 16, 20, 22, 29],
      pdop: 1.3,
      hdop: 0.7,
      vdop: 1.1,
    });
    expect(decode(sentence('GNGNS,112257.00,3844.24011,N,00908.43828,W,AN,03,10.5,,,,'))).toMatchObject({
      type: 'GNS',
      valid: true,
      satellites: 3,
      alt: null,
      lat: 38 + 44.24011 / 60,
    });
    expect(decode(sentence('GNGNS,112257.00,,,,,NN,00,,,,,'))).toMatchObject({ valid: false, lat: null });
    expect(decode('$GPZDA,152504.50,09,12,2009,00,00*65')).toMatchObject({
      type: 'ZDA',
      date: { year: 2009, month: 12, day: 9 },
    });
  });

  it('reads empty fields as null', () => {
    expect(decode('$GPGGA,,,,,,0,00,99.99,,,,,,*48')).toMatchObject({
      time: null,
      lat: null,
      lon: null,
      quality: 0,
      alt: null,
    });
    expect(decode('$GPVTG,,,,,,,,,N*30')).toMatchObject({ track: null, speed: null });
    expect(decode('$GPZDA,,,,,00,00*48')).toMatchObject({ time: null, date: null });
    expect(decode('$GPGSA,A,1,,,,,,,,,,,,,99.99,99.99,99.99*30')).toMatchObject({ fixType: 1, satellites: [] });
  });

  it.each(['GP', 'GN', 'GL', 'GA', 'GB', 'BD', 'GQ', 'IN'])('accepts talker %s', (talker) => {
    expect(decode(sentence(`${talker}GLL,4916.45,N,12311.12,W,225444,A,`))).toMatchObject({ type: 'GLL', talker });
  });

  it('reports unknown and proprietary sentences as ignored, not errors', () => {
    for (const line of ['$GPGSV,1,1,00*79', sentence('GNTXT,01,01,02,hello'), sentence('PUBX,00,1,2')]) {
      const result = parseNmeaSentence(bytes(line.slice(1)));
      expect(result.ok && result.value.kind).toBe('ignored');
    }
  });

  it('rejects bad checksums, missing checksums unless allowed, and malformed fields', () => {
    expect(errorOf('$GPGLL,5547.82107,N,02334.14132,E,152504.50,A,A*68')).toMatch(/checksum mismatch/);
    expect(errorOf('$GPGLL,5547.82107,N,02334.14132,E,152504.50,A,A*6')).toMatch(/bad checksum field/);
    expect(errorOf('$GPGLL,4916.45,N,12311.12,W,225444,A')).toBe('missing checksum');
    expect(decode('$GPGLL,4916.45,N,12311.12,W,225444,A', { allowMissingChecksum: true })).toMatchObject({
      lat: 49 + 16.45 / 60,
    });
    expect(errorOf(sentence('GPGLL,4960.00,N,12311.12,W,225444,A'))).toMatch(/bad lat/);
    expect(errorOf(sentence('GPGLL,9100.00,N,12311.12,W,225444,A'))).toMatch(/bad lat/);
    expect(errorOf(sentence('GPGLL,4916.45,X,12311.12,W,225444,A'))).toMatch(/hemisphere/);
    expect(errorOf(sentence('GPGLL,4916.45,N,18100.00,W,225444,A'))).toMatch(/bad lon/);
    expect(errorOf(sentence('GPGGA,256000,,,,,0,00,,,,,,,'))).toMatch(/bad time/);
    expect(errorOf(sentence('GPRMC,120000,A,,,,,,,310215,,,A'))).toMatch(/bad date/);
    expect(errorOf(sentence('GPGGA,120000,,,,,x,00,,,,,,,'))).toMatch(/bad quality/);
    expect(errorOf(sentence('gpGGA,120000,,,,,0,00,,,,,,,'))).toMatch(/bad address/);
    expect(errorOf('$GPGLL,\u0001*00')).toMatch(/non-printable/);
  });
});

describe('NMEA stream and fixes', () => {
  const cycle1 = [
    sentence('GPGGA,235959.00,3318.7800,N,04424.1200,E,1,09,0.9,34.0,M,-2.0,M,,'),
    sentence('GPGSA,A,3,01,02,03,04,05,06,07,08,09,,,,1.5,0.9,1.2'),
    sentence('GPRMC,235959.00,A,3318.7800,N,04424.1200,E,19.4384,90.0,311226,,,A'),
  ];
  const cycle2 = [
    sentence('GPGGA,000000.00,3318.7810,N,04424.1300,E,1,09,0.9,35.0,M,-2.0,M,,'),
    sentence('GPVTG,91.0,T,,M,,N,36.0,K,A'),
  ];

  it('merges a cycle into one fix, dated from RMC, and carries the date over midnight', () => {
    const { fixes, rejected } = parseNmeaLog([...cycle1, ...cycle2].join('\r\n'));
    expect(rejected).toEqual([]);
    expect(fixes).toHaveLength(2);
    expect(fixes[0]).toEqual({
      time: '2026-12-31T23:59:59.000Z',
      lat: 33 + 18.78 / 60,
      lon: 44 + 24.12 / 60,
      alt: 34,
      speed: 19.4384 * (1852 / 3600),
      track: 90,
      mode: 3,
      satellites: 9,
      hdop: 0.9,
    });
    expect(fixes[1]).toMatchObject({ time: '2027-01-01T00:00:00.000Z', alt: 35, track: 91, mode: 3 });
    expect(fixes[1]?.speed).toBeCloseTo(10, 9);
  });

  it('emits the fix before the sentence that opened the next cycle, and on flush', () => {
    const parser = createNmeaParser();
    const kinds = [...cycle1, ...cycle2]
      .flatMap((line) => parser.push(bytes(`${line}\r\n`)))
      .concat(parser.flush())
      .map((frame) => (frame.result.ok ? frame.result.value.kind : 'error'));
    expect(kinds).toEqual(['sentence', 'sentence', 'sentence', 'fix', 'sentence', 'sentence', 'fix']);
  });

  it('ends a cycle on a configured sentence', () => {
    const parser = createNmeaParser({ cycleEnd: 'RMC' });
    const frames = cycle1.flatMap((line) => parser.push(bytes(`${line}\n`)));
    expect(fixesOf(frames)).toHaveLength(1);
    expect(frames.at(-1)?.result).toMatchObject({ ok: true, value: { kind: 'fix' } });
  });

  it('reports a receiver without fix as mode 1 with no position, and no time without a date', () => {
    const { fixes } = parseNmeaLog(
      ['$GPRMC,,V,,,,,,,,,,N*53', '$GPGGA,,,,,,0,00,99.99,,,,,,*48', '$GPRMC,,V,,,,,,,,,,N*53'].join('\n'),
    );
    expect(fixes).toEqual([
      expect.objectContaining({ time: null, lat: null, lon: null, mode: 1 }),
      expect.objectContaining({ time: null, lat: null, mode: 1 }),
    ]);
    const undated = parseNmeaLog(sentence('GPGGA,120000,3318.78,N,04424.12,E,1,05,1.0,,,,,,')).fixes;
    expect(undated).toEqual([expect.objectContaining({ time: null, mode: 2, alt: null })]);
  });

  it('cuts over-long and unterminated sentences, keeping the head raw', () => {
    const parser = createNmeaParser({ maxLength: 20 });
    const frames = [
      ...parser.push(bytes(`$GPGGA,${'1'.repeat(100)}\r\n$GPGLL,12`)),
      ...parser.push(bytes(`$GPZDA,1`)),
      ...parser.flush(),
    ];
    expect(frames.map((frame) => (frame.result.ok ? 'ok' : frame.result.error))).toEqual([
      'sentence longer than 20 bytes',
      'truncated sentence (no line end)',
      'truncated sentence (no line end)',
    ]);
    expect(frames[0]?.raw).toHaveLength(21);
    expect(new TextDecoder().decode(frames[1]?.raw)).toBe('$GPGLL,12');
  });

  it('lists rejected lines with their numbers and skips comments', () => {
    const log = ['# comment', cycle1[0], 'garbage', '$GPGGA,1*00', ''].join('\n');
    const { fixes, rejected } = parseNmeaLog(log);
    expect(fixes).toHaveLength(1);
    expect(rejected).toEqual([
      { line: 3, text: 'garbage', error: 'not an NMEA sentence (no leading $)' },
      { line: 4, text: '$GPGGA,1*00', error: expect.stringMatching(/checksum/) as string },
    ]);
  });
});
