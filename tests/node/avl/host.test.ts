// AVL through the real host: the embedded broker by default, the roster binding devices, positions
// read with `avl.positions` and pushed as `onUnitPositions` batches to every subscriber.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { UnitPosition } from '../../../src-shared/domain/unit';
import type { Host } from '../../../src-main/host/createHost';
import { simulatedDeviceId, startUnitSimulator } from '../../../src-main/services/avl/simulator';
import { BAGHDAD_BOX } from '../../../src-shared/domain/geo';
import { seededRandom } from '../../../src-shared/domain/random';
import type { RemoteApi, UnknownDevice } from '../../../src-shared/contract/api';
import { refusal } from '../../support/remoteClient';
import { AMAL } from '../../support/scenario';
import { useCleanup, useTempDirs } from '../support/cleanup';
import { createTestHost, signedInApi } from '../support/testHost';
import { waitUntil } from '../support/waitUntil';
import { connectDevice, fixAt, START, trackerLogin, type BrokerLogin } from './avlKit';

const defer = useCleanup();
const tempDir = useTempDirs();

interface AvlHost {
  readonly host: Host;
  /** Every onUnitPositions batch, in order. */
  readonly batches: UnitPosition[][];
  /** An administrator's window (a dispatcher's with role `dispatcher`). */
  readonly api: RemoteApi;
  readonly brokerUrl: string;
  /** The trackers' account on the embedded broker. */
  readonly login: BrokerLogin;
}

async function startHost(role: 'administrator' | 'dispatcher' = 'administrator'): Promise<AvlHost> {
  const { host } = createTestHost(join(tempDir('nida-avl-host-'), 'data'), {
    avl: { embedded: { port: 0 }, reconnect: { minMs: 100, maxMs: 400 }, publishIntervalMs: 100 },
  });
  defer(() => host.dispose());
  const batches: UnitPosition[][] = [];
  host.subscribe((event) => {
    if (event.name === 'onUnitPositions') batches.push([...event.payload.positions]);
  });
  await host.avl.whenConnected();
  const brokerUrl = host.avl.brokerUrl();
  if (brokerUrl === null) throw new Error('no broker URL');
  return { host, batches, api: signedInApi(host, AMAL, [role]), brokerUrl, login: trackerLogin(host.avl) };
}

function unit(id: string, deviceId: string | null) {
  return { id, callsign: id.toUpperCase(), agency: 'police-patrols', kind: 'patrol', deviceId };
}

describe('unit positions through the host', () => {
  it('given a fresh install, when the host starts, then the header shows the embedded broker up', async () => {
    const { host, api } = await startHost();
    expect(host.links.list().find((link) => link.id === 'broker')).toMatchObject({
      kind: 'broker',
      label: 'embedded',
      state: 'up',
    });
    expect(await api.avl.status({})).toMatchObject({ connected: true, broker: { embedded: true }, accepted: 0 });
  });

  it('given simulated units in the roster, when the simulator drives them, then avl.positions and onUnitPositions show them moving in Baghdad', async () => {
    const { host, api, batches, brokerUrl, login } = await startHost();
    for (let index = 0; index < 3; index++) {
      await api.unit.save({ unit: unit(`p-${String(index + 1)}`, simulatedDeviceId(index)) });
    }
    const realStart = Date.now();
    const simulator = await startUnitSimulator({
      brokerUrl,
      ...login,
      count: 3,
      rateHz: 5,
      random: seededRandom(42),
      // Fix times on the host's (manual) clock.
      now: () => START + (Date.now() - realStart),
    });
    defer(() => simulator.stop());
    await waitUntil(() => batches.length >= 8, 'eight position batches');
    await simulator.stop();
    // The broker acknowledged every publish; its delivery to the host follows.
    await waitUntil(() => host.avl.status().accepted === simulator.published(), 'every published fix taken in');
    const positions = await api.avl.positions({});
    expect(positions.map((position) => position.unitId).sort()).toEqual(['p-1', 'p-2', 'p-3']);
    for (const position of positions) {
      expect(position.lat).toBeGreaterThanOrEqual(BAGHDAD_BOX.minLat);
      expect(position.lat).toBeLessThanOrEqual(BAGHDAD_BOX.maxLat);
      expect(position.lon).toBeGreaterThanOrEqual(BAGHDAD_BOX.minLon);
      expect(position.lon).toBeLessThanOrEqual(BAGHDAD_BOX.maxLon);
      expect(position).toMatchObject({ source: 'mqtt', freshness: 'live' });
    }
    const tracks = new Map<string, Set<string>>();
    for (const position of batches.flat()) {
      const seen = tracks.get(position.unitId) ?? new Set<string>();
      seen.add(`${String(position.lat)},${String(position.lon)}`);
      tracks.set(position.unitId, seen);
    }
    expect([...tracks.values()].some((seen) => seen.size >= 3)).toBe(true);
    // Batches are merged per unit: never more than one position of a unit in a batch.
    for (const batch of batches) expect(new Set(batch.map((position) => position.unitId)).size).toBe(batch.length);
    const status = await api.avl.status({});
    expect(status.accepted).toBe(simulator.published());
    expect(status.rejected).toEqual({});
  });

  it('given a device no unit has, when it reports, then avl.unknownDevices lists it, and after avl.bindDevice its fixes move the unit', async () => {
    const { api, batches, brokerUrl, login } = await startHost();
    await api.unit.save({ unit: unit('amb-7', null) });
    const device = await connectDevice(brokerUrl, undefined, login);
    defer(() => device.end());
    await device.report('phone-42', fixAt(START));
    let unknown: readonly UnknownDevice[] = [];
    await waitUntil(() => {
      void api.avl.unknownDevices({}).then((value) => (unknown = value));
      return unknown.length === 1;
    }, 'the device listed');
    expect(unknown[0]).toMatchObject({ deviceId: 'phone-42', format: 'nida', messages: 1 });
    expect(batches).toEqual([]);
    expect(await api.avl.bindDevice({ deviceId: 'phone-42', unitId: 'amb-7' })).toMatchObject({
      id: 'amb-7',
      deviceId: 'phone-42',
    });
    expect(await api.avl.unknownDevices({})).toEqual([]);
    expect(await api.unit.list({})).toEqual([expect.objectContaining({ id: 'amb-7', deviceId: 'phone-42' })]);
    await device.report('phone-42', fixAt(START + 1000, 20));
    await waitUntil(() => batches.flat().some((position) => position.unitId === 'amb-7'), 'the unit moved');
  });

  it('given a dispatcher console, when it tries to bind a device, then it is refused', async () => {
    const { api } = await startHost('dispatcher');
    expect(await refusal(api.avl.bindDevice({ deviceId: 'phone-42', unitId: 'amb-7' }))).toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('given an NMEA receiver bound to a unit, when the serial side calls host.avl.ingest, then the fix reaches windows', async () => {
    const { host, batches, api } = await startHost();
    expect(host.avl.ingest('fire-3', fixAt(START), 'nmea')).toEqual({ accepted: true });
    await waitUntil(() => batches.flat().some((position) => position.unitId === 'fire-3'), 'the NMEA fix batched');
    expect(await api.avl.positions({})).toEqual([expect.objectContaining({ unitId: 'fire-3', source: 'nmea' })]);
  });
});
