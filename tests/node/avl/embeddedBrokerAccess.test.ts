// Issue 20, finding 3: on the embedded broker, anonymous clients are refused, trackers sign in with
// the generated account and publish positions only, only Nida's own link may subscribe, its client
// id is reserved, and the broker will not listen beyond loopback.
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src-main/config/config';
import { useCleanup, useTempDirs } from '../support/cleanup';
import { inProcessApi } from '../../support/remoteClient';
import { createTestHost, testContext } from '../support/testHost';
import { eventually, waitUntil } from '../support/waitUntil';
import { encodeNidaPayload } from '../../../src-shared/domain/avl/payloads';
import { TRACKER_ACCOUNT_FILE } from '../../../src-main/services/avl/trackerAccount';
import { fixAt, START, trackerLogin } from './avlKit';

const defer = useCleanup();
const tempDir = useTempDirs();

async function startHost(dataDir = join(tempDir('nida-avl-access-'), 'data')) {
  const { host } = createTestHost(dataDir, {
    avl: { embedded: { port: 0 }, reconnect: { minMs: 100, maxMs: 400 } },
  });
  defer(() => host.dispose());
  await host.avl.whenConnected();
  const brokerUrl = host.avl.brokerUrl();
  if (brokerUrl === null) throw new Error('no broker URL');
  const ownClientId = `nida-${host.config.center.code}-${host.config.consoleCode}`.toLowerCase();
  return { host, brokerUrl, ownClientId, dataDir };
}

/** Connects once (no reconnect); resolves with the client or the broker's refusal. */
function connect(url: string, options: mqtt.IClientOptions): Promise<MqttClient | Error> {
  return new Promise((resolve) => {
    const client = mqtt.connect(url, { protocolVersion: 4, reconnectPeriod: 0, connectTimeout: 5000, ...options });
    client.once('connect', () => resolve(client));
    client.once('error', (error) => {
      client.end(true);
      resolve(error);
    });
  });
}

describe('the embedded broker guards its fleet feed', () => {
  it('given an anonymous local client or a wrong password, when it connects, then it is refused', async () => {
    const { brokerUrl, host } = await startHost();
    const anonymous = await connect(brokerUrl, { clientId: 'curious-process' });
    const guessing = await connect(brokerUrl, { clientId: 'guesser', username: 'trackers', password: 'password123' });

    expect(anonymous).toBeInstanceOf(Error);
    expect((anonymous as Error).message).toMatch(/Not authorized/i);
    expect(guessing).toBeInstanceOf(Error);
    expect((guessing as Error).message).toMatch(/Bad username or password/i);
    expect(host.avl.status().accepted).toBe(0);
  });

  it('given the tracker account, when a tracker subscribes to # or a unit topic, then the broker refuses (granted 128)', async () => {
    const { brokerUrl, host } = await startHost();
    const client = await connect(brokerUrl, { clientId: 'curious-tracker', ...trackerLogin(host.avl) });
    if (client instanceof Error) throw client;
    defer(() => client.endAsync());

    // The SUBACK grants 128 (failure), which mqtt.js reports as an error.
    await expect(client.subscribeAsync('#', { qos: 1 })).rejects.toThrow(/Unspecified error/);
    await expect(client.subscribeAsync('nida/units/+/position', { qos: 1 })).rejects.toThrow(/Unspecified error/);
  });

  it("given a client reusing Nida's client id, when it connects, then it is refused and Nida's link stays up", async () => {
    const { host, brokerUrl, ownClientId } = await startHost();

    const intruder = await connect(brokerUrl, { clientId: ownClientId, clean: true });
    const withWrongPassword = await connect(brokerUrl, {
      clientId: ownClientId,
      username: 'nida',
      password: 'guess',
    });
    const posingAsNida = await connect(brokerUrl, { clientId: 'other', username: 'nida', password: 'guess' });

    expect(intruder).toBeInstanceOf(Error);
    expect((intruder as Error).message).toMatch(/Identifier rejected/i);
    expect(withWrongPassword).toBeInstanceOf(Error);
    expect(posingAsNida).toBeInstanceOf(Error);
    expect((posingAsNida as Error).message).toMatch(/Bad username or password/i);
    expect(host.links.list().find((link) => link.id === 'broker')?.state).toBe('up');
  });

  it("given the tracker account, when a tracker publishes a position, then it is taken; on another topic, then it is disconnected and Nida's link stays up", async () => {
    const { brokerUrl, host } = await startHost();
    const tracker = await connect(brokerUrl, { clientId: 'tracker-1', ...trackerLogin(host.avl) });
    if (tracker instanceof Error) throw tracker;
    defer(() => tracker.endAsync(true));

    await tracker.publishAsync('nida/avl/phone-1', encodeNidaPayload(fixAt(START)), { qos: 1 });
    const api = inProcessApi(host, testContext);
    await eventually(
      async () => (await api.avl.unknownDevices({})).some((device) => device.deviceId === 'phone-1'),
      'phone-1 among the unknown devices',
    );

    const closed = new Promise<void>((resolve) => tracker.once('close', () => resolve()));
    // Not a position topic: the broker closes the connection (MQTT 3.1.1 has no negative PUBACK).
    tracker.publish('nida/links/broker', 'down', { qos: 0 });
    await closed;
    expect(host.links.list().find((link) => link.id === 'broker')?.state).toBe('up');
  });

  it('given a first start, then the tracker account is written 0600 and kept across restarts; given a damaged account file, then the broker stays down with the reason', async () => {
    const first = await startHost();
    const account = first.host.avl.trackerAccount();
    expect(account?.username).toBe('trackers');
    expect(account?.password.length).toBeGreaterThanOrEqual(16);
    const path = join(first.dataDir, TRACKER_ACCOUNT_FILE);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    await first.host.dispose();

    const second = await startHost(first.dataDir);
    expect(second.host.avl.trackerAccount()).toEqual(account);
    await second.host.dispose();

    writeFileSync(path, '{"username":"trackers","password":"short"}');
    const { host } = createTestHost(first.dataDir, { avl: { embedded: { port: 0 } } });
    defer(() => host.dispose());
    await waitUntil(() => host.links.list().find((link) => link.id === 'broker')?.state === 'down', 'the broker down');
    expect(host.links.list().find((link) => link.id === 'broker')?.detail).toMatch(
      /embedded-broker-trackers\.json: not a tracker account \(password: at least 16 characters\)/,
    );
    expect(host.avl.trackerAccount()).toBeNull();
  });

  it('given a non-loopback bind address for the embedded broker, then the configuration is refused with the reason', () => {
    for (const bindAddress of ['0.0.0.0', '::', '192.168.1.20']) {
      expect(() => parseConfig({ avl: { embedded: { bindAddress } } }, tempDir(), 'test'), bindAddress).toThrow(
        /loopback only.*avl\.broker/s,
      );
    }
    for (const bindAddress of ['127.0.0.1', '::1', 'localhost']) {
      expect(() => parseConfig({ avl: { embedded: { bindAddress } } }, tempDir(), 'test')).not.toThrow();
    }
  });
});
