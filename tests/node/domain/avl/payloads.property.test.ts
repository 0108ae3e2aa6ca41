import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  avlFormats,
  createTopicMatcher,
  defaultTopicPatterns,
  encodeNidaPayload,
  parseAvlMessage,
  payloadRejections,
} from '../../../../src-shared/domain/avl/payloads';

const match = createTopicMatcher(defaultTopicPatterns);
const encoder = new TextEncoder();

const topic = fc.oneof(
  fc.constantFrom('nida/avl/d1', 'owntracks/u/d', 'positions', 'nida/avl/', 'unknown/x'),
  fc.string({ maxLength: 40 }),
  fc
    .array(fc.constantFrom('nida', 'avl', 'owntracks', '+', '', 'x'), { maxLength: 4 })
    .map((levels) => levels.join('/')),
);

/** JSON built from the fields the parsers look at, with values of every type. */
const anyValue = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.string({ maxLength: 30 }),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom('2026-11-29T09:00:00Z', 'location', 'lwt', 'en-route', '2026-13-40T99:99:99+99:99'),
);
const fieldNames = [
  'lat',
  'lon',
  'time',
  'speed',
  'heading',
  'accuracy',
  'status',
  '_type',
  'tst',
  'vel',
  'cog',
  'acc',
  'latitude',
  'longitude',
  'fixTime',
  'valid',
  'course',
  'uniqueId',
  '__proto__',
  'constructor',
];
const object = fc.dictionary(fc.constantFrom(...fieldNames), anyValue, { maxKeys: 8 });
const nearlyValid = fc.oneof(
  object,
  fc.record({ position: object, device: object }),
  fc.record({
    lat: fc.double({ min: -100, max: 100 }),
    lon: fc.double({ min: -200, max: 200 }),
    time: fc.oneof(fc.integer(), fc.string()),
  }),
  fc.jsonValue(),
);
const payload = fc.oneof(
  fc.uint8Array({ maxLength: 200 }),
  nearlyValid.map((value) => encoder.encode(JSON.stringify(value))),
  fc.string({ maxLength: 200 }).map((text) => encoder.encode(text)),
);

describe('AVL payload parser properties', () => {
  it('given any topic and any bytes, when parsed, then it never throws and gives a fix or a known reason', () => {
    fc.assert(
      fc.property(topic, payload, (topicName, bytes) => {
        const result = parseAvlMessage(topicName, bytes, match);
        switch (result.kind) {
          case 'fix':
            expect(Number.isFinite(result.fix.lat) && Math.abs(result.fix.lat) <= 90).toBe(true);
            expect(Number.isFinite(result.fix.lon) && Math.abs(result.fix.lon) <= 180).toBe(true);
            expect(Number.isFinite(result.fix.at)).toBe(true);
            expect(result.fix.speed === null || (Number.isFinite(result.fix.speed) && result.fix.speed >= 0)).toBe(
              true,
            );
            expect(result.fix.heading === null || (result.fix.heading >= 0 && result.fix.heading < 360)).toBe(true);
            expect(result.deviceId.length).toBeGreaterThan(0);
            expect(avlFormats).toContain(result.format);
            break;
          case 'rejected':
            expect(payloadRejections).toContain(result.reason);
            expect(result.detail.length).toBeGreaterThan(0);
            break;
          case 'offline':
          case 'ignored':
            expect(avlFormats).toContain(result.format);
            break;
        }
      }),
      { numRuns: 3_000 },
    );
  });

  it('given any plausible fix, when encoded in Nida format and parsed, then the same fix comes back', () => {
    const fix = fc.record({
      lat: fc.double({ min: -90, max: 90, noNaN: true }),
      lon: fc.double({ min: -180, max: 180, noNaN: true }),
      at: fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) }),
      speed: fc.option(fc.double({ min: 0, max: 1000, noNaN: true }), { nil: null }),
      heading: fc.option(fc.double({ min: 0, max: 359.99, noNaN: true }), { nil: null }),
      accuracyM: fc.option(fc.double({ min: 0, max: 100_000, noNaN: true }), { nil: null }),
    });
    fc.assert(
      fc.property(fix, (value) => {
        const result = parseAvlMessage('nida/avl/dev', encoder.encode(encodeNidaPayload(value)), match);
        expect(result).toEqual({
          kind: 'fix',
          format: 'nida',
          deviceId: 'dev',
          fix: { ...value, lat: value.lat + 0, lon: value.lon + 0 },
          status: null,
          destination: null,
        });
      }),
      { numRuns: 1_000 },
    );
  });
});
