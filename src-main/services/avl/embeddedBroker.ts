import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { Aedes } from 'aedes';
import type { Logger } from '../runtime/logger';

export interface EmbeddedBroker {
  /** The port it listens on (the configured one, or the one the OS picked for port 0). */
  readonly port: number;
  /** `mqtt://<address>:<port>`: what units, the simulator and Nida's own client connect to. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * The in-process MQTT broker (aedes, MQTT 3.1.1) that a fresh install runs when no broker is
 * configured: loopback only, sessions in memory. Nida's client connects to it exactly as it
 * connects to a production broker (its MQTT 5 attempt is refused, and it falls back to 3.1.1).
 */
export async function startEmbeddedBroker(options: {
  readonly port: number;
  readonly bindAddress: string;
  readonly logger: Logger;
}): Promise<EmbeddedBroker> {
  const broker = await Aedes.createBroker();
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
