import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../../src-main/config/config';
import { reconnectDelay } from '../../../src-main/services/avl/mqttLink';

const parse = (avl: Record<string, unknown>) => parseConfig({ avl }, '/nonexistent', 'test').avl;

describe('avl configuration', () => {
  it('given no avl section, when parsed, then the embedded broker on 127.0.0.1:1883 and the documented defaults apply', () => {
    expect(parseConfig({}, '/nonexistent', 'test').avl).toEqual({
      broker: null,
      embedded: { port: 1883, bindAddress: '127.0.0.1' },
      topics: { nida: ['nida/avl/+'], owntracks: ['owntracks/+/+'], traccar: ['positions'] },
      region: { minLat: 29.0, maxLat: 37.4, minLon: 38.7, maxLon: 48.8 },
      maxSpeedMps: 100,
      staleAfterSeconds: 60,
      lostAfterSeconds: 300,
      publishIntervalMs: 250,
      trail: { minIntervalSeconds: 15, minDistanceM: 50, retentionDays: 30 },
      reconnect: { minMs: 1000, maxMs: 30_000 },
    });
  });

  it('given a production broker, when parsed, then MQTT 5 with a one-hour session is the default', () => {
    expect(
      parse({ broker: { url: 'mqtts://broker.bgd911.local:8883', username: 'c3', password: 'x', ca: 'ca.pem' } })
        .broker,
    ).toEqual({
      url: 'mqtts://broker.bgd911.local:8883',
      username: 'c3',
      password: 'x',
      ca: 'ca.pem',
      protocolVersion: 5,
      sessionExpirySeconds: 3600,
      keepaliveSeconds: 30,
    });
  });

  it.each([
    ['an http URL', { broker: { url: 'http://broker:1883' } }, 'avl.broker.url'],
    ['an unknown field', { broker: { url: 'mqtt://broker', qos: 2 } }, 'avl.broker'],
    ['a bad topic filter', { topics: { nida: ['nida/#/x'] } }, 'avl.topics.nida.0'],
    ['lost before stale', { staleAfterSeconds: 300, lostAfterSeconds: 60 }, 'avl.lostAfterSeconds'],
    ['an upside-down region', { region: { minLat: 37, maxLat: 29, minLon: 38, maxLon: 48 } }, 'avl.region'],
    ['protocol 3', { broker: { url: 'mqtt://broker', protocolVersion: 3 } }, 'avl.broker.protocolVersion'],
  ])('given %s, when parsed, then the config error names the field', (_what, avl, field) => {
    expect(() => parse(avl)).toThrow(ConfigError);
    expect(() => parse(avl)).toThrow(field);
  });
});

describe('reconnect backoff', () => {
  const limits = { minMs: 1000, maxMs: 30_000 };
  it('given repeated failures, when the delay is drawn, then its ceiling doubles up to the maximum and jitter spreads it', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map((failures) => reconnectDelay(failures, limits, 0.999_999))).toEqual([
      1000, 2000, 4000, 8000, 16_000, 30_000, 30_000,
    ]);
    expect(reconnectDelay(4, limits, 0.5)).toBe(8000);
    // Never below the minimum, however small the draw.
    expect(reconnectDelay(4, limits, 0)).toBe(1000);
    expect(reconnectDelay(1_000, limits, 0.999_999)).toBe(30_000);
  });
});
