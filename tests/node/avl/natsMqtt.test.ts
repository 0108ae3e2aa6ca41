// NATS as the units' broker: nats-server's own MQTT 3.1.1 listener (2.9: QoS 0 and 1, no QoS 2).
// Nida's AVL client starts at MQTT 5 and must fall back to 3.1.1; a QoS 2 publish is refused by the
// server without disturbing Nida's link.
import mqtt from 'mqtt';
import { describe, expect, it } from 'vitest';
import { freeLoopbackPort, natsServerMissing, startNatsServer } from '../../support/natsServer';
import { prerequisite, requirePrerequisites } from '../../support/prerequisites';
import { waitUntil } from '../support/waitUntil';
import { MemoryRoster, START, connectDevice, fixAt, lastBatched, useAvlRigs } from './avlKit';

const missing = requirePrerequisites(prerequisite('nats-server', natsServerMissing()));
const { startRig, defer, tempDir } = useAvlRigs();

describe.skipIf(missing !== null)("AVL over nats-server's MQTT listener", () => {
  it('given a center whose units report to NATS over MQTT, when Nida connects, then it falls back to MQTT 3.1.1, QoS 1 fixes flow, and a QoS 2 publish is refused while the link stays up', async () => {
    const mqttPort = await freeLoopbackPort();
    const server = await startNatsServer(tempDir('nida-nats-mqtt-'), { mqttPort });
    defer(() => server.stop());
    const url = `mqtt://127.0.0.1:${String(mqttPort)}`;
    const roster = new MemoryRoster().add('p-1', 'dev-1');
    const rig = startRig({ roster, avl: { broker: { url, clientId: 'nida-bgd-c1' } } });

    await rig.avl.whenConnected();
    expect(rig.brokerLink()).toMatchObject({ state: 'up' });
    expect(rig.brokerLink()?.detail).toMatch(/^MQTT 3\.1\.1/);

    const device = await connectDevice(url, 'tracker-dev-1');
    defer(() => device.end());
    await device.report('dev-1', fixAt(START));
    await waitUntil(() => lastBatched(rig.batches, 'p-1') !== undefined, 'the position through NATS');

    // A tracker configured for QoS 2: nats-server 2.9 closes its connection; Nida is not affected.
    const qos2 = await mqtt.connectAsync(url, { clientId: 'tracker-qos2', reconnectPeriod: 0, protocolVersion: 4 });
    defer(() => qos2.endAsync(true));
    const closed = new Promise<void>((resolve) => qos2.once('close', () => resolve()));
    qos2.publish('nida/avl/dev-1', 'x', { qos: 2 });
    await closed;
    await device.report('dev-1', fixAt(START + 1_000, 10));
    await waitUntil(() => rig.avl.status().accepted === 2, 'the next QoS 1 fix');
    expect(rig.brokerLink()).toMatchObject({ state: 'up' });
  });
});
