import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { UnitPosition } from '../../../src-shared/domain/unit';
import { createTestHost, testContext } from '../support/testHost';
import { MemoryRoster, START, connectDevice, fixAt, lastBatched, useAvlRigs } from './avlKit';
import { requirePrerequisites } from '../../support/prerequisites';
import { inProcessApi } from '../../support/remoteClient';
import { mosquitto as mosquittoPrerequisite, startMosquitto, type Mosquitto } from '../support/mosquitto';
import { waitUntil } from '../support/waitUntil';

const missing = requirePrerequisites(mosquittoPrerequisite());
const { startRig, defer, tempDir } = useAvlRigs();

async function mosquitto(): Promise<Mosquitto> {
  const broker = await startMosquitto(tempDir('nida-mosquitto-'));
  defer(() => broker.stop());
  return broker;
}

describe.skipIf(missing !== null)(`AVL service on Debian mosquitto${missing ? ` (${missing})` : ''}`, () => {
  it('given a configured broker, when Nida connects, then it uses MQTT 5 with a persistent session and positions flow', async () => {
    const broker = await mosquitto();
    const roster = new MemoryRoster().add('p-1', 'dev-1');
    const rig = startRig({ roster, avl: { broker: { url: broker.url, clientId: 'nida-test-c3' } } });
    await rig.avl.whenConnected();
    expect(rig.brokerLink()).toMatchObject({ label: `127.0.0.1:${String(broker.port)}`, state: 'up' });
    expect(rig.brokerLink()?.detail).toMatch(/^MQTT 5/);
    expect(rig.avl.status().broker).toEqual({ url: broker.url, embedded: false });
    const device = await connectDevice(broker.url);
    defer(() => device.end());
    await device.report('dev-1', fixAt(START));
    await waitUntil(() => lastBatched(rig.batches, 'p-1') !== undefined, 'the position');
  });

  it('given the broker stops mid-stream, when it comes back, then the link shows the outage, Nida resubscribes, and QoS 1 fixes published while it was away are delivered', async () => {
    const broker = await mosquitto();
    const roster = new MemoryRoster().add('p-1', 'dev-1');
    const rig = startRig({
      roster,
      // A slow first retry leaves a window in which Nida is surely disconnected while the broker is back.
      avl: { broker: { url: broker.url, clientId: 'nida-test-c3' }, reconnect: { minMs: 2_500, maxMs: 2_500 } },
    });
    await rig.avl.whenConnected();
    const status = () => rig.avl.status();
    let device = await connectDevice(broker.url, 'unit-dev-1');
    for (let second = 0; second < 3; second++) await device.report('dev-1', fixAt(START + second * 1000, second * 10));
    await waitUntil(() => status().accepted === 3, 'three fixes before the outage');
    await device.end();

    await broker.stop();
    await waitUntil(() => rig.brokerLink()?.state === 'down', 'the link reported down');
    expect(status().connected).toBe(false);
    // The console keeps working: the last known positions are still served.
    expect(rig.avl.positions()).toHaveLength(1);

    await broker.start();
    device = await connectDevice(broker.url, 'unit-dev-1');
    defer(() => device.end());
    for (let second = 3; second < 8; second++) await device.report('dev-1', fixAt(START + second * 1000, second * 10));
    // Published and acknowledged by the broker while Nida was still disconnected: queued in its session.
    expect(status().connected).toBe(false);
    expect(status().accepted).toBe(3);

    await waitUntil(() => rig.brokerLink()?.state === 'up', 'reconnected', 15_000);
    await waitUntil(() => status().accepted === 8, 'the queued fixes delivered', 10_000);
    expect(rig.brokerLink()?.detail).toContain('session resumed');
    // And the subscription works for new fixes too.
    await device.report('dev-1', fixAt(START + 8000, 80));
    await waitUntil(() => lastBatched(rig.batches, 'p-1')?.at === START + 8000, 'positions resume');
    // QoS 1 is at-least-once: a redelivered fix is dropped as a duplicate, or as out of order when it
    // arrives after a newer one; nothing else is refused.
    expect(
      Object.keys(status().rejected).filter((reason) => reason !== 'duplicate' && reason !== 'out-of-order'),
    ).toEqual([]);
    const states = rig.linkChanges.filter((link) => link.id === 'broker').map((link) => link.state);
    expect(states).toEqual(expect.arrayContaining(['connecting', 'up', 'down']));
  });

  it('given Nida restarts while units keep reporting, when it comes back with the same client id, then the fixes queued meanwhile arrive', async () => {
    const broker = await mosquitto();
    const roster = new MemoryRoster().add('p-1', 'dev-1');
    const config = { broker: { url: broker.url, clientId: 'nida-restart-c3' } };
    const first = startRig({ roster, avl: config });
    await first.avl.whenConnected();
    await first.dispose();
    const device = await connectDevice(broker.url);
    defer(() => device.end());
    for (let second = 0; second < 4; second++) await device.report('dev-1', fixAt(START + second * 1000, second * 10));
    const second = startRig({ roster, avl: config });
    await waitUntil(() => second.avl.status().accepted === 4, 'the fixes published while Nida was stopped');
  });

  it('given a broker that needs a password, when the credentials are wrong, then the link is not up, says why, and keeps retrying', async () => {
    const directory = tempDir('nida-mosquitto-auth-');
    const { writeFileSync } = await import('node:fs');
    const { spawnSync } = await import('node:child_process');
    writeFileSync(`${directory}/passwd`, 'nida:secret\n');
    spawnSync('/usr/bin/mosquitto_passwd', ['-U', `${directory}/passwd`]);
    const broker = await startMosquitto(directory, { extraConfig: [`password_file ${directory}/passwd`] });
    defer(() => broker.stop());
    // With a password file, mosquitto refuses a known user with the wrong password even when anonymous access is on.
    const rig = startRig({ avl: { broker: { url: broker.url, username: 'nida', password: 'wrong' } } });
    await waitUntil(() => (rig.brokerLink()?.detail ?? '').includes('retrying'), 'a refused connection');
    expect(rig.brokerLink()?.state).toBe('connecting');
    expect(rig.brokerLink()?.detail).toMatch(/not authorized|bad user name or password/i);
    const good = startRig({
      avl: { broker: { url: broker.url, username: 'nida', password: 'secret', clientId: 'ok' } },
    });
    await good.avl.whenConnected();
  });
});

describe.skipIf(missing !== null)('the host on Debian mosquitto', () => {
  it('given a host subscribed to mosquitto, when the broker stops and restarts mid-stream, then the header shows the outage, the host keeps answering, and positions (queued ones too) reach avl.positions and onUnitPositions', async () => {
    const broker = await mosquitto();
    const { host } = createTestHost(join(tempDir('nida-avl-host-mq-'), 'data'), {
      operator: { name: 'Test Operator', role: 'administrator' },
      avl: {
        broker: { url: broker.url, clientId: 'nida-host-c1' },
        reconnect: { minMs: 2_500, maxMs: 2_500 },
        publishIntervalMs: 100,
      },
    });
    defer(() => host.dispose());
    const batches: UnitPosition[][] = [];
    host.subscribe((event) => {
      if (event.name === 'onUnitPositions') batches.push([...event.payload.positions]);
    });
    const api = inProcessApi(host, testContext);
    await api.unit.save({
      unit: { id: 'p-1', callsign: 'P1', agency: 'police-patrols', kind: 'patrol', deviceId: 'dev-1' },
    });
    await host.avl.whenConnected();
    const brokerLink = () => host.links.list().find((link) => link.id === 'broker');
    expect(brokerLink()).toMatchObject({ label: `127.0.0.1:${String(broker.port)}`, state: 'up' });

    let device = await connectDevice(broker.url, 'unit-dev-1');
    await device.report('dev-1', fixAt(START));
    await waitUntil(() => batches.flat().some((position) => position.unitId === 'p-1'), 'the first batch');
    expect(await api.avl.positions({})).toEqual([expect.objectContaining({ unitId: 'p-1', at: START })]);
    await device.end();

    await broker.stop();
    await waitUntil(() => brokerLink()?.state === 'down', 'the outage shown');
    expect(await api.system.ping({ echo: 'still here' })).toMatchObject({ echo: 'still here' });
    expect(await api.avl.positions({})).toHaveLength(1);

    await broker.start();
    device = await connectDevice(broker.url, 'unit-dev-1');
    defer(() => device.end());
    await device.report('dev-1', fixAt(START + 1000, 10));
    await device.report('dev-1', fixAt(START + 2000, 20));
    expect(host.avl.status().connected).toBe(false);
    await waitUntil(() => brokerLink()?.state === 'up', 'reconnected', 15_000);
    await waitUntil(
      () => batches.flat().some((position) => position.unitId === 'p-1' && position.at === START + 2000),
      'the queued fixes delivered',
      10_000,
    );
    await device.report('dev-1', fixAt(START + 3000, 30));
    await waitUntil(() => batches.flat().some((position) => position.at === START + 3000), 'positions resume');
    expect(await api.avl.positions({})).toEqual([expect.objectContaining({ unitId: 'p-1', at: START + 3000 })]);
  });
});
