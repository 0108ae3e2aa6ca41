import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { requirePrerequisites, sharedFile } from '../../../support/prerequisites';
import {
  createTopicMatcher,
  defaultTopicPatterns,
  encodeNidaPayload,
  isValidTopicFilter,
  KNOT_MPS,
  parseAvlMessage,
  parseIsoTime,
  type PayloadResult,
} from '../../../../src-shared/domain/avl/payloads';

const match = createTopicMatcher(defaultTopicPatterns);
const parse = (topic: string, payload: string | Uint8Array): PayloadResult =>
  parseAvlMessage(topic, typeof payload === 'string' ? new TextEncoder().encode(payload) : payload, match);

const AT = Date.UTC(2026, 10, 29, 9, 0, 0);

describe('topic filters', () => {
  it('given the default filters, when topics arrive, then the format and device id come from the topic', () => {
    expect(match('nida/avl/sim-0001')).toEqual({ format: 'nida', wildcard: 'sim-0001' });
    expect(match('owntracks/jane/nokia')).toEqual({ format: 'owntracks', wildcard: 'jane/nokia' });
    expect(match('positions')).toEqual({ format: 'traccar', wildcard: '' });
    expect(match('owntracks/jane/nokia/event')).toBeNull();
    expect(match('nida/avl')).toBeNull();
    expect(match('other/topic')).toBeNull();
  });

  it('given custom filters with # and an empty OwnTracks base, when matched, then the wildcard levels are the device id', () => {
    const custom = createTopicMatcher({ nida: ['center/bgd/#'], owntracks: ['+/+'], traccar: ['traccar/out'] });
    expect(custom('center/bgd/police/p-7')).toEqual({ format: 'nida', wildcard: 'police/p-7' });
    expect(custom('ali/phone')).toEqual({ format: 'owntracks', wildcard: 'ali/phone' });
    expect(custom('traccar/out')).toEqual({ format: 'traccar', wildcard: '' });
  });

  it('given filter text, when validated, then wildcards must fill a level and # must be last', () => {
    expect(['nida/avl/+', 'a/#', '#', '+/+', 'positions'].every(isValidTopicFilter)).toBe(true);
    expect(['a/#/b', 'a/b+', 'a#', ''].some(isValidTopicFilter)).toBe(false);
  });
});

describe('Nida payloads', () => {
  it('given a full payload with an ISO time, when parsed, then every field is kept in Nida units', () => {
    const result = parse(
      'nida/avl/sim-0001',
      JSON.stringify({
        lat: 33.3128,
        lon: 44.3615,
        time: '2026-11-29T12:00:00.250+03:00',
        speed: 13.9,
        heading: 275,
        accuracy: 4,
        status: 'en-route',
      }),
    );
    expect(result).toEqual({
      kind: 'fix',
      format: 'nida',
      deviceId: 'sim-0001',
      fix: { lat: 33.3128, lon: 44.3615, at: AT + 250, speed: 13.9, heading: 275, accuracyM: 4 },
      status: 'en-route',
      destination: null,
    });
  });

  it('given the minimum payload with epoch ms and integer coordinates, when parsed, then optional fields are null', () => {
    expect(parse('nida/avl/d1', JSON.stringify({ lat: 33, lon: 44, time: AT, extra: 'ignored' }))).toMatchObject({
      kind: 'fix',
      fix: { lat: 33, lon: 44, at: AT, speed: null, heading: null, accuracyM: null },
      status: null,
    });
  });

  it('given what the simulator encodes, when parsed, then the same fix comes back', () => {
    const fix = { lat: 33.3, lon: 44.4, at: AT, speed: 8.5, heading: 90, accuracyM: null };
    expect(parse('nida/avl/sim-0002', encodeNidaPayload(fix, 'available'))).toEqual({
      kind: 'fix',
      format: 'nida',
      deviceId: 'sim-0002',
      fix,
      status: 'available',
      destination: null,
    });
  });

  it('given a transport with its hospital, when encoded and parsed, then the destination comes back', () => {
    const fix = { lat: 33.3, lon: 44.4, at: AT, speed: null, heading: null, accuracyM: null };
    expect(parse('nida/avl/sim-0003', encodeNidaPayload(fix, 'transporting', 'مستشفى اليرموك'))).toMatchObject({
      kind: 'fix',
      status: 'transporting',
      destination: 'مستشفى اليرموك',
    });
  });

  it('given a destination with bidi controls and spaces, when parsed, then it is stripped and trimmed', () => {
    const body = {
      lat: 33.3,
      lon: 44.4,
      time: AT,
      status: 'transporting',
      destination: '  \u202eمستشفى\u2066 الكندي\u2069 ',
    };
    expect(parse('nida/avl/d1', JSON.stringify(body))).toMatchObject({ destination: 'مستشفى الكندي' });
  });

  it('given an empty or blank destination, when parsed, then there is none', () => {
    const body = { lat: 33.3, lon: 44.4, time: AT, status: 'transporting', destination: ' \u200f ' };
    expect(parse('nida/avl/d1', JSON.stringify(body))).toMatchObject({ kind: 'fix', destination: null });
  });

  it.each([
    ['a string latitude', { lat: '33.3', lon: 44.4, time: AT }],
    ['no time', { lat: 33.3, lon: 44.4 }],
    ['a time without offset', { lat: 33.3, lon: 44.4, time: '2026-11-29T09:00:00' }],
    ['epoch seconds instead of ms', { lat: 33.3, lon: 44.4, time: 1_795_000_000 }],
    ['an unknown status', { lat: 33.3, lon: 44.4, time: AT, status: 'lunch' }],
    ['a latitude beyond 90', { lat: 133.3, lon: 44.4, time: AT }],
    ['a negative speed', { lat: 33.3, lon: 44.4, time: AT, speed: -1 }],
    ['a destination beyond 120 characters', { lat: 33.3, lon: 44.4, time: AT, destination: 'x'.repeat(121) }],
    ['a destination that is not text', { lat: 33.3, lon: 44.4, time: AT, destination: 7 }],
    ['an array', [33.3, 44.4]],
  ])('given %s, when parsed, then it is refused as invalid fields', (_what, body) => {
    expect(parse('nida/avl/d1', JSON.stringify(body))).toMatchObject({ kind: 'rejected', reason: 'invalid-fields' });
  });

  it('given broken bytes, when parsed, then they are malformed, too large, or an unknown topic — never thrown', () => {
    expect(parse('nida/avl/d1', '{"lat":')).toMatchObject({ kind: 'rejected', reason: 'malformed' });
    expect(parse('nida/avl/d1', new Uint8Array([0xc3, 0x28]))).toMatchObject({ kind: 'rejected', reason: 'malformed' });
    expect(parse('nida/avl/d1', new Uint8Array(64 * 1024 + 1))).toMatchObject({
      kind: 'rejected',
      reason: 'too-large',
    });
    expect(parse('elsewhere', '{}')).toMatchObject({ kind: 'rejected', reason: 'unknown-topic', format: null });
    expect(parse('nida/avl/', '{}')).toMatchObject({ kind: 'rejected', reason: 'invalid-fields' });
    expect(parse('nida/avl/d1', '')).toEqual({ kind: 'ignored', format: 'nida', what: 'empty payload' });
  });
});

describe('OwnTracks payloads', () => {
  it('given a location with vel in km/h and tst in seconds, when parsed, then speed is m/s and time is ms', () => {
    const body = { _type: 'location', lat: 33.31, lon: 44.36, tst: AT / 1000, vel: 36, cog: 180, acc: 12, tid: 'p1' };
    expect(parse('owntracks/police/p1', JSON.stringify(body))).toEqual({
      kind: 'fix',
      format: 'owntracks',
      deviceId: 'police/p1',
      fix: { lat: 33.31, lon: 44.36, at: AT, speed: 10, heading: 180, accuracyM: 12 },
      status: null,
      destination: null,
    });
  });

  it('given vel, cog and acc left out (zero) or acc -1 from a tracker, when parsed, then speed is 0 and the rest unknown', () => {
    const body = { _type: 'location', lat: 33.31, lon: 44.36, tst: AT / 1000, acc: -1 };
    expect(parse('owntracks/a/b', JSON.stringify(body))).toMatchObject({
      fix: { speed: 0, heading: null, accuracyM: null },
    });
  });

  it('given a last will, a transition, a card or an encrypted message, when parsed, then none is a position', () => {
    expect(parse('owntracks/a/b', JSON.stringify({ _type: 'lwt', tst: AT / 1000 }))).toEqual({
      kind: 'offline',
      format: 'owntracks',
      deviceId: 'a/b',
    });
    for (const type of ['transition', 'card', 'encrypted', 'waypoint']) {
      expect(parse('owntracks/a/b', JSON.stringify({ _type: type, lat: 33, lon: 44 }))).toMatchObject({
        kind: 'ignored',
      });
    }
  });

  it('given a location without lat, or without _type, when parsed, then it is refused', () => {
    expect(parse('owntracks/a/b', JSON.stringify({ _type: 'location', lon: 44, tst: AT / 1000 }))).toMatchObject({
      reason: 'invalid-fields',
    });
    expect(parse('owntracks/a/b', JSON.stringify({ lat: 33, lon: 44, tst: AT / 1000 }))).toMatchObject({
      reason: 'invalid-fields',
    });
  });
});

describe('Traccar forwarded positions', () => {
  const forwarded = (
    position: Record<string, unknown>,
    device: Record<string, unknown> = { uniqueId: '356307042441013' },
  ) => JSON.stringify({ position, device });

  it('given a forwarded position, when parsed, then knots become m/s and the device is its uniqueId', () => {
    const result = parse(
      'positions',
      forwarded({
        id: 1,
        deviceId: 4,
        latitude: 33.3,
        longitude: 44.4,
        fixTime: '2026-11-29T09:00:00.000+0000',
        serverTime: '2026-11-29T09:00:01.000+0000',
        valid: true,
        speed: 20,
        course: 45,
        accuracy: 0,
        attributes: { batteryLevel: 80 },
      }),
    );
    expect(result).toMatchObject({ kind: 'fix', format: 'traccar', deviceId: '356307042441013' });
    if (result.kind !== 'fix') throw new Error('expected a fix');
    expect(result.fix.at).toBe(AT);
    expect(result.fix.speed).toBeCloseTo(20 * 0.514444, 4);
    expect(result.fix.speed).toBe(20 * KNOT_MPS);
    expect(result.fix).toMatchObject({ heading: 45, accuracyM: null });
  });

  it('given an invalid (no lock) or outdated position, when parsed, then it is refused as no fix', () => {
    expect(
      parse('positions', forwarded({ latitude: 33.3, longitude: 44.4, fixTime: '2026-11-29T09:00:00Z', valid: false })),
    ).toMatchObject({ reason: 'no-fix' });
    expect(
      parse(
        'positions',
        forwarded({ latitude: 33.3, longitude: 44.4, fixTime: '2026-11-29T09:00:00Z', outdated: true }),
      ),
    ).toMatchObject({ reason: 'no-fix' });
  });

  it('given a position without device uniqueId or without any time, when parsed, then it is refused', () => {
    expect(
      parse('positions', forwarded({ latitude: 33.3, longitude: 44.4, fixTime: '2026-11-29T09:00:00Z' }, {})),
    ).toMatchObject({
      reason: 'invalid-fields',
    });
    expect(parse('positions', forwarded({ latitude: 33.3, longitude: 44.4 }))).toMatchObject({
      reason: 'invalid-fields',
    });
  });
});

describe('ISO-8601 times', () => {
  it.each([
    ['2026-11-29T09:00:00Z', AT],
    ['2026-11-29T09:00:00.000+0000', AT],
    ['2026-11-29T12:00:00+03:00', AT],
    ['2026-11-29T12:00:00+03', AT],
    ['2026-11-29T04:30:00-04:30', AT],
    ['2026-11-29T09:00:00.5Z', AT + 500],
  ])('given %s, when parsed, then it is the same instant', (text, expected) => {
    expect(parseIsoTime(text)).toBe(expected);
  });

  it.each(['2026-11-29T09:00:00', '2026-02-31T09:00:00Z', '29/11/2026 09:00', '2026-11-29T25:00:00Z', ''])(
    'given %j, when parsed, then it is refused',
    (text) => {
      expect(parseIsoTime(text)).toBeNull();
    },
  );
});

// The upstream samples in ../shared/testdata/gps-formats.md (read from there, not copied into the repo).
const samples = sharedFile('testdata', 'gps-formats.md');
const samplesMissing = requirePrerequisites(samples);

describe.skipIf(samplesMissing !== null)(`upstream samples${samplesMissing ? ` (${samplesMissing})` : ''}`, () => {
  const text = samplesMissing === null ? readFileSync(samples.path, 'utf8') : '';
  /** Every one-line JSON object in the document with an OwnTracks `_type`. */
  const owntracksLines = text
    .split('\n')
    .map((line) => line.trim().replace(/^owntracks\/\S+ /, ''))
    .filter((line) => line.startsWith('{"') && line.includes('"_type"'));

  it('given the OwnTracks location samples, when parsed, then each is a fix with the quoted lat, lon and tst', () => {
    const locations = owntracksLines.filter((line) => line.includes('"_type":"location"'));
    expect(locations.length).toBeGreaterThanOrEqual(5);
    for (const line of locations) {
      const body = JSON.parse(line) as { lat: number; lon: number; tst: number };
      const result = parse('owntracks/jane/nokia', line);
      expect(result, line).toMatchObject({ kind: 'fix', fix: { lat: body.lat, lon: body.lon, at: body.tst * 1000 } });
    }
  });

  it('given the JSON blocks (l.json, the HTTP-mode sample, lwt, transition, integer coordinates), when parsed, then they decode as their types say', () => {
    const blocks = [...text.matchAll(/```json\n([\s\S]*?)```/g)].map((block) => (block[1] ?? '').trim());
    // A block of one-line objects (Traccar's OwnTracks decoder vectors) is one sample per line.
    const objects = blocks
      .flatMap((block) => (block.split('\n').every((line) => line.startsWith('{"')) ? block.split('\n') : [block]))
      .filter((block) => block.startsWith('{') && block.includes('"_type"'));
    const kinds = objects.map((block) => parse('owntracks/jane/phone', block).kind);
    expect(kinds).toContain('offline');
    expect(kinds.filter((kind) => kind === 'fix').length).toBeGreaterThanOrEqual(2);
    expect(kinds).not.toContain('rejected');
  });

  it('given the Traccar Position sample wrapped as the forwarder sends it, when parsed, then its fixTime and knots are read', () => {
    const block = [...text.matchAll(/```json\n([\s\S]*?)```/g)]
      .map((found) => (found[1] ?? '').trim())
      .find((candidate) => candidate.includes('"fixTime"'));
    expect(block).toBeDefined();
    const position = JSON.parse(block ?? '{}') as { speed: number; latitude: number; fixTime: string };
    const result = parse('positions', JSON.stringify({ position, device: { uniqueId: 'jj-iphone' } }));
    expect(result).toMatchObject({ kind: 'fix', deviceId: 'jj-iphone', fix: { lat: position.latitude } });
    if (result.kind !== 'fix') throw new Error('expected a fix');
    expect(result.fix.at).toBe(Date.parse(position.fixTime.replace('+0000', 'Z')));
    expect(result.fix.speed).toBeCloseTo(position.speed * 0.514444, 4);
  });
});
