import { describe, expect, it } from 'vitest';
import { Store } from '../../../src-main/services/store/store';
import { waitUntil } from '../support/waitUntil';
import { captureLogger } from '../support/captureLogger';
import {
  ADMIN,
  MemoryRoster,
  START,
  TAHRIR,
  connectDevice,
  fixAt,
  lastBatched,
  offset,
  trackerLogin,
  useAvlRigs,
} from './avlKit';

const { startRig, defer } = useAvlRigs();

async function connectedRig(options: Parameters<typeof startRig>[0] = {}) {
  const rig = startRig(options);
  await rig.avl.whenConnected();
  const url = rig.avl.brokerUrl();
  if (url === null) throw new Error('no broker URL once connected');
  const device = await connectDevice(url, undefined, trackerLogin(rig.avl));
  defer(() => device.end());
  return { ...rig, device, url };
}

describe('AVL service on the embedded broker', () => {
  it('given no broker configured, when the service starts, then it runs aedes on loopback and reports the broker link up', async () => {
    const rig = startRig();
    expect(rig.brokerLink()?.state).toBe('connecting');
    await rig.avl.whenConnected();
    expect(rig.avl.brokerUrl()).toMatch(/^mqtt:\/\/127\.0\.0\.1:\d+$/);
    const link = rig.brokerLink();
    expect(link).toMatchObject({ id: 'broker', kind: 'broker', label: 'embedded', state: 'up' });
    // aedes speaks 3.1.1 only: the client's MQTT 5 attempt was refused and it fell back.
    expect(link?.detail).toContain('3.1.1');
    expect(rig.avl.status()).toMatchObject({ connected: true, broker: { embedded: true } });
  });

  it('given a bound device, when it publishes fixes faster than the batch interval, then windows get one merged position per unit', async () => {
    const roster = new MemoryRoster().add('p-101', 'sim-0001').add('p-102', 'sim-0002');
    const { device, batches, avl } = await connectedRig({ roster, avl: { publishIntervalMs: 1000 } });
    for (let second = 0; second < 5; second++)
      await device.report('sim-0001', fixAt(START + second * 1000, second * 10));
    await device.report('sim-0002', fixAt(START, 500));
    await waitUntil(() => batches.length > 0, 'a position batch');
    await waitUntil(() => avl.status().accepted === 6, 'six accepted fixes');
    await waitUntil(() => lastBatched(batches, 'p-101')?.at === START + 4000, 'the newest fix batched');
    const sent = batches.flat().filter((position) => position.unitId === 'p-101');
    // Five fixes inside one second: fewer positions sent than fixes received.
    expect(sent.length).toBeLessThan(5);
    const positions = avl.positions() as readonly { unitId: string; at: number }[];
    expect(positions.map((position) => position.unitId).sort()).toEqual(['p-101', 'p-102']);
    expect(lastBatched(batches, 'p-101')).toMatchObject({ source: 'mqtt', freshness: 'live', speed: 10, accuracyM: 5 });
  });

  it('given a device bound to no unit, when it reports, then it is listed (not dropped) and after binding its next fix moves the unit', async () => {
    const roster = new MemoryRoster().add('amb-7', null);
    const { device, avl, batches } = await connectedRig({ roster });
    await device.report('phone-42', fixAt(START));
    await waitUntil(() => (avl.unknownDevices() as readonly unknown[]).length === 1, 'the device listed');
    expect(avl.unknownDevices()).toEqual([
      {
        deviceId: 'phone-42',
        format: 'nida',
        topic: 'nida/avl/phone-42',
        firstSeenAt: START,
        lastSeenAt: START,
        messages: 1,
        lastPosition: { lat: TAHRIR.lat, lon: TAHRIR.lon },
      },
    ]);
    expect(avl.positions()).toEqual([]);
    const bound = await avl.handlers.bindDevice({ deviceId: 'phone-42', unitId: 'amb-7' }, ADMIN);
    expect(bound.deviceId).toBe('phone-42');
    expect(avl.unknownDevices()).toEqual([]);
    await device.report('phone-42', fixAt(START + 1000, 20));
    await waitUntil(() => lastBatched(batches, 'amb-7') !== undefined, 'the unit moved');
    expect(lastBatched(batches, 'amb-7')).toMatchObject({ ...offset(TAHRIR, 20), at: START + 1000 });
  });

  it('given bad payloads, when they arrive, then each is counted by reason, kept raw, logged once a minute, and the feed goes on', async () => {
    const roster = new MemoryRoster().add('p-1', 'dev-1');
    const { logger, lines } = captureLogger();
    const { device, avl, dataDir } = await connectedRig({ roster, logger });
    await device.publish('nida/avl/dev-1', Buffer.alloc(70 * 1024, 0x20));
    await device.publish('nida/avl/dev-1', '{"lat": 33.3, "lon": ');
    await device.publish('nida/avl/dev-1', '{"lat": 33.3, "lon": ');
    await device.publish('nida/avl/dev-1', Buffer.from([0xff, 0xfe, 0x00]));
    await device.publish('nida/avl/dev-1', JSON.stringify({ lat: '33.3', lon: 44.4, time: START }));
    await device.publish('owntracks/ali/phone', JSON.stringify({ _type: 'location', lon: 44.4, tst: START / 1000 }));
    await device.publish('positions', JSON.stringify({ position: { latitude: 33.3 }, device: {} }));
    await device.report('dev-1', fixAt(START, 0, { lat: 0, lon: 0 }));
    await device.report('dev-1', fixAt(START, 0, { lat: 48.85, lon: 2.29 }));
    await device.report('dev-1', fixAt(START + 1000));
    await waitUntil(() => avl.status().accepted === 1, 'the good fix after the bad ones');
    expect(avl.status().rejected).toEqual({
      'too-large': 1,
      malformed: 3,
      'invalid-fields': 3,
      'zero-fix': 1,
      'outside-region': 1,
    });
    const warnings = lines.filter((line) => line.msg === 'AVL message refused');
    expect(warnings.filter((line) => line.reason === 'malformed')).toHaveLength(1);
    expect(warnings).toHaveLength(5);
    // The refused payloads are kept as received (the oversized one cut to 64 KB).
    await avl.dispose();
    const store = Store.open({
      path: `${dataDir}/live.db`,
      centerCode: 'BGD',
      consoleCode: 'C3',
      timeZone: 'Asia/Baghdad',
      clock: { now: () => START },
      logger: logger,
    });
    defer(() => store.close());
    const raw = store.rawInputs.recentFrom('mqtt:nida/avl/dev-1', 10);
    expect(raw.map((row) => row.error?.split(':')[0])).toEqual(
      expect.arrayContaining(['too-large', 'malformed', 'invalid-fields']),
    );
    expect(raw.find((row) => row.error?.startsWith('too-large'))?.bytes.byteLength).toBe(64 * 1024);
  });

  it("given an OwnTracks phone and a Traccar server, when they report, then both move their units, and the phone's last will marks it stale", async () => {
    const roster = new MemoryRoster().add('p-12', 'police/p12').add('amb-3', '356307042441013');
    const { device, avl, batches } = await connectedRig({ roster, avl: { publishIntervalMs: 50 } });
    await device.publish(
      'owntracks/police/p12',
      JSON.stringify({ _type: 'location', lat: 33.3128, lon: 44.3615, tst: START / 1000, vel: 36, cog: 90, acc: 8 }),
    );
    await device.publish(
      'positions',
      JSON.stringify({
        position: { latitude: 33.34, longitude: 44.4, fixTime: new Date(START).toISOString(), speed: 10, course: 0 },
        device: { uniqueId: '356307042441013', name: 'Ambulance 3' },
      }),
    );
    await waitUntil(() => avl.status().accepted === 2, 'both fixes');
    await waitUntil(() => lastBatched(batches, 'amb-3') !== undefined, 'the Traccar unit batched');
    expect(lastBatched(batches, 'p-12')).toMatchObject({ lat: 33.3128, lon: 44.3615, speed: 10, heading: 90 });
    expect(lastBatched(batches, 'amb-3')?.speed).toBeCloseTo(5.144, 3);
    await device.publish('owntracks/police/p12', JSON.stringify({ _type: 'lwt', tst: START / 1000 - 3600 }));
    await waitUntil(() => lastBatched(batches, 'p-12')?.freshness === 'stale', 'stale after the last will');
    expect(avl.status()).toMatchObject({ unitsLive: 1, unitsStale: 1 });
  });

  it('given fixes replayed or late (QoS 1 redelivery), when they arrive, then duplicates and out-of-order fixes are dropped by (unit, time)', async () => {
    const roster = new MemoryRoster().add('p-1', 'dev-1');
    const { device, avl } = await connectedRig({ roster });
    await device.report('dev-1', fixAt(START + 2000, 20));
    await device.report('dev-1', fixAt(START + 2000, 20));
    await device.report('dev-1', fixAt(START + 1000, 10));
    await device.report('dev-1', fixAt(START + 3000, 30));
    await waitUntil(() => avl.status().accepted === 2, 'two accepted');
    expect(avl.status().rejected).toEqual({ duplicate: 1, 'out-of-order': 1 });
  });

  it('given a unit falls silent, when the clock passes the stale and lost limits, then its freshness changes are sent as positions', async () => {
    const roster = new MemoryRoster().add('p-1', 'dev-1');
    const { device, avl, batches, clock } = await connectedRig({ roster, avl: { publishIntervalMs: 50 } });
    await device.report('dev-1', fixAt(START));
    await waitUntil(() => lastBatched(batches, 'p-1')?.freshness === 'live', 'live');
    clock.advance(61_000);
    await waitUntil(() => lastBatched(batches, 'p-1')?.freshness === 'stale', 'stale after 60 s', 3_000);
    expect(avl.status()).toMatchObject({ unitsLive: 0, unitsStale: 1, unitsLost: 0 });
    clock.advance(240_000);
    await waitUntil(() => lastBatched(batches, 'p-1')?.freshness === 'lost', 'lost after 300 s', 3_000);
    await device.report('dev-1', fixAt(START + 301_000, 100));
    await waitUntil(() => lastBatched(batches, 'p-1')?.freshness === 'live', 'live again');
  });

  it('given a unit reporting every second for two minutes, when the trail is read, then it is downsampled to ≥ 15 s or ≥ 50 m apart', async () => {
    const roster = new MemoryRoster().add('p-1', 'dev-1');
    const { device, avl } = await connectedRig({ roster });
    // Parked for 60 s, then driving at 11 m/s for 60 s.
    for (let second = 0; second < 120; second++) {
      const north = second < 60 ? 0 : (second - 60) * 11;
      await device.report('dev-1', fixAt(START + second * 1000, north));
    }
    await waitUntil(() => avl.status().accepted === 120, 'all fixes');
    const trail = await avl.handlers.trail({ unitId: 'p-1' }, ADMIN);
    const times = trail.map((point) => (point.at - START) / 1000);
    expect(times.slice(0, 4)).toEqual([0, 15, 30, 45]);
    // While driving, one point every 5 s (55 m; 4 s is only 44 m).
    expect(times.slice(4, 8)).toEqual([60, 65, 70, 75]);
    expect(trail.length).toBe(4 + 12);
    const since = await avl.handlers.trail({ unitId: 'p-1', since: START + 100_000, limit: 2 }, ADMIN);
    expect(since.map((point) => point.at - START)).toEqual([100_000, 105_000]);
  });

  it('given a device sends a status with its fix, when it changes, then the roster gets it once per change', async () => {
    const roster = new MemoryRoster().add('amb-1', 'dev-1');
    const { device, avl } = await connectedRig({ roster });
    await device.report('dev-1', fixAt(START), 'en-route');
    await device.report('dev-1', fixAt(START + 1000, 10), 'en-route');
    await device.report('dev-1', fixAt(START + 2000, 20), 'on-scene');
    await waitUntil(() => avl.status().accepted === 3, 'three fixes');
    expect(roster.statuses).toEqual([
      { unitId: 'amb-1', status: 'en-route', at: START },
      { unitId: 'amb-1', status: 'on-scene', at: START + 2000 },
    ]);
  });

  it('given a device reports transporting with its hospital, then the roster gets the destination with the status', async () => {
    const roster = new MemoryRoster().add('amb-1', 'dev-1');
    const { device, avl } = await connectedRig({ roster });
    await device.report('dev-1', fixAt(START), 'transporting', 'مستشفى الكندي');
    await waitUntil(() => avl.status().accepted === 1, 'one fix');
    expect(roster.statuses).toEqual([
      { unitId: 'amb-1', status: 'transporting', at: START, destination: 'مستشفى الكندي' },
    ]);
  });

  it('given an NMEA receiver bound to a unit, when the serial side ingests its fixes, then they take the same rules and fan-out', async () => {
    const { avl, batches } = startRig({ avl: { publishIntervalMs: 50 } });
    expect(avl.ingest('fire-3', fixAt(START), 'nmea')).toEqual({ accepted: true });
    expect(avl.ingest('fire-3', fixAt(START), 'nmea')).toEqual({ accepted: false, reason: 'duplicate' });
    expect(avl.ingest('fire-3', fixAt(START + 1000, 5_000), 'nmea')).toEqual({
      accepted: false,
      reason: 'impossible-speed',
    });
    await waitUntil(() => lastBatched(batches, 'fire-3') !== undefined, 'the NMEA position batched');
    expect(lastBatched(batches, 'fire-3')).toMatchObject({ source: 'nmea', at: START });
  });
});

describe('AVL trail retention', () => {
  it('given trail points older than the retention, when the service starts, then they are pruned and newer ones kept', async () => {
    const first = startRig({ avl: { trail: { retentionDays: 30 } } });
    const day = 24 * 60 * 60_000;
    expect(first.avl.ingest('p-1', fixAt(START - 31 * day), 'nmea')).toEqual({ accepted: true });
    expect(first.avl.ingest('p-1', fixAt(START - 29 * day, 100), 'nmea')).toEqual({ accepted: true });
    expect(first.avl.ingest('p-1', fixAt(START, 200), 'nmea')).toEqual({ accepted: true });
    await first.dispose();
    const second = startRig({ dataDir: first.dataDir, avl: { trail: { retentionDays: 30 } } });
    await waitUntil(() => second.avl.status().broker.url !== '', 'the service up');
    const trail = await second.avl.handlers.trail({ unitId: 'p-1' }, ADMIN);
    expect(trail.map((point) => (point.at - START) / day)).toEqual([-29, 0]);
  });
});
