import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { Aedes, type AuthenticateError, type Client } from 'aedes';
import type { Logger } from '../runtime/logger';
import type { TrackerAccount } from './trackerAccount';

export interface EmbeddedBroker {
  /** The port it listens on (the configured one, or the one the OS picked for port 0). */
  readonly port: number;
  /** `mqtt://<address>:<port>`: what units, the simulator and Nida's own client connect to. */
  readonly url: string;
  /** What Nida's own link presents: generated per start, never written anywhere. */
  readonly ownCredentials: { readonly username: string; readonly password: string };
  close(): Promise<void>;
}

/** The user name of Nida's own link to its embedded broker. */
export const OWN_USERNAME = 'nida';

/** CONNACK return codes of MQTT 3.1.1 (aedes declares them as a const enum, which cannot be imported here). */
type ReturnCode = AuthenticateError['returnCode'];
// eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment -- the enum's values, see above
const IDENTIFIER_REJECTED = 2 as ReturnCode;
// eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment -- the enum's values, see above
const BAD_USERNAME_OR_PASSWORD = 4 as ReturnCode;
// eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment -- the enum's values, see above
const NOT_AUTHORIZED = 5 as ReturnCode;

function refusal(message: string, returnCode: ReturnCode): AuthenticateError {
  return Object.assign(new Error(message), { returnCode });
}

function sameSecret(expected: string, presented: Buffer | undefined): boolean {
  const wanted = Buffer.from(expected);
  return presented !== undefined && presented.length === wanted.length && timingSafeEqual(presented, wanted);
}

/**
 * The in-process MQTT broker (aedes, MQTT 3.1.1) that a fresh install runs when no broker is
 * configured: loopback only, sessions in memory. Nida's client connects to it exactly as it
 * connects to a production broker (its MQTT 5 attempt is refused, and it falls back to 3.1.1).
 *
 * Who may do what: Nida's own link (per-start password, reserved client id) subscribes; trackers
 * (the account in the data directory) publish on the configured position topics only; anyone
 * else is refused at CONNECT.
 */
export async function startEmbeddedBroker(options: {
  readonly port: number;
  readonly bindAddress: string;
  /** Nida's own link's client id: reserved, so another client cannot take the link over by reusing it. */
  readonly ownClientId: string;
  /** The account trackers sign in with. */
  readonly trackers: Pick<TrackerAccount, 'username' | 'password'>;
  /** Whether a tracker may publish on this topic (the configured position topics). */
  readonly isPositionTopic: (topic: string) => boolean;
  readonly logger: Logger;
}): Promise<EmbeddedBroker> {
  const ownCredentials = { username: OWN_USERNAME, password: randomBytes(24).toString('base64url') };
  const ownClients = new WeakSet<Client>();
  const trackerClients = new WeakSet<Client>();
  const broker = await Aedes.createBroker({
    // The reserved client id needs Nida's per-start password (a client reusing it would kick Nida's
    // link off); Nida's user name is refused to anyone else.
    authenticate: (client, username, password, done) => {
      const isOwn = username === OWN_USERNAME && sameSecret(ownCredentials.password, password);
      if (client.id === options.ownClientId && !isOwn) {
        options.logger.warn({ client: client.id }, 'embedded broker: reserved client id refused');
        done(refusal('this client id is reserved for Nida', IDENTIFIER_REJECTED), false);
        return;
      }
      if (isOwn) {
        ownClients.add(client);
        done(null, true);
        return;
      }
      if (username === options.trackers.username && sameSecret(options.trackers.password, password)) {
        trackerClients.add(client);
        done(null, true);
        return;
      }
      options.logger.warn(
        { client: client.id, username: username?.slice(0, 64) ?? null },
        username === undefined
          ? 'embedded broker: anonymous client refused'
          : 'embedded broker: bad user name or password',
      );
      done(
        username === undefined
          ? refusal('this broker needs a user name and password', NOT_AUTHORIZED)
          : refusal('bad user name or password', BAD_USERNAME_OR_PASSWORD),
        false,
      );
    },
    // Trackers publish positions, nothing else: not another topic, not a fake status for Nida's link.
    authorizePublish: (client, packet, callback) => {
      if (client === null || ownClients.has(client)) {
        callback(null);
        return;
      }
      if (trackerClients.has(client) && options.isPositionTopic(packet.topic)) {
        callback(null);
        return;
      }
      options.logger.warn({ client: client.id, topic: packet.topic.slice(0, 200) }, 'embedded broker: publish refused');
      // MQTT 3.1.1 has no negative PUBACK: the broker closes the connection.
      callback(new Error(`publishing on ${packet.topic} is not allowed`));
    },
    // Units only publish; reading the fleet (any subscription, `#` above all) is for Nida's link alone.
    authorizeSubscribe: (client, subscription, callback) => {
      if (ownClients.has(client)) callback(null, subscription);
      else {
        options.logger.warn({ client: client.id, topic: subscription.topic }, 'embedded broker: subscription refused');
        // A null subscription is refused in the SUBACK (granted 128); the client stays connected.
        callback(null, null);
      }
    },
  });
  broker.on('clientError', (client, error) => {
    options.logger.debug({ client: client.id, err: error }, 'embedded broker: client error');
  });
  broker.on('connectionError', (_client, error) => {
    options.logger.debug({ err: error }, 'embedded broker: connection error');
  });
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    broker.handle(socket);
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.bindAddress, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await new Promise<void>((resolve) => broker.close(() => resolve()));
    throw error;
  }
  server.on('error', (error) => options.logger.error({ err: error }, 'embedded broker: server error'));
  const { port, address } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  options.logger.info({ address, port }, 'embedded MQTT broker listening');
  let closing: Promise<void> | undefined;
  return {
    port,
    url: `mqtt://${host}:${String(port)}`,
    ownCredentials,
    close() {
      closing ??= (async () => {
        await new Promise<void>((resolve) => broker.close(() => resolve()));
        for (const socket of sockets) socket.destroy();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      })();
      return closing;
    },
  };
}
