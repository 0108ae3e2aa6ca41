// Issue 20, finding 3 (in part): on the embedded broker, only Nida's own link may subscribe, its
// client id is reserved, and the broker will not listen beyond loopback.
import { join } from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src-main/config/config';
import { useCleanup, useTempDirs } from '../support/cleanup';
import { createTestHost } from '../support/testHost';

const defer = useCleanup();
const tempDir = useTempDirs();

async function startHost() {
  const { host } = createTestHost(join(tempDir('nida-avl-access-'), 'data'), {
    avl: { embedded: { port: 0 }, reconnect: { minMs: 100, maxMs: 400 } },
  });
  defer(() => host.dispose());
  await host.avl.whenConnected();
  const brokerUrl = host.avl.brokerUrl();
  if (brokerUrl === null) throw new Error('no broker URL');
  const ownClientId = `nida-${host.config.center.code}-${host.config.consoleCode}`.toLowerCase();
  return { host, brokerUrl, ownClientId };
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
  it('given an anonymous local client, when it subscribes to # or a unit topic, then the broker refuses (granted 128)', async () => {
    const { brokerUrl } = await startHost();
    const client = await connect(brokerUrl, { clientId: 'curious-process' });
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
