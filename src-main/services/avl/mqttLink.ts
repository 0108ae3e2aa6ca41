import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import type { Logger } from '../runtime/logger';

/** What the link reports: the broker link in the header follows it. */
export type MqttLinkState = 'connecting' | 'up' | 'down';

export interface MqttLinkOptions {
  readonly url: string;
  readonly clientId: string;
  readonly username?: string;
  readonly password?: string;
  readonly ca?: Buffer;
  readonly cert?: Buffer;
  readonly key?: Buffer;
  /** 5 first; 3.1.1 (4) when the broker refuses 5. */
  readonly protocolVersion: 5 | 4;
  readonly sessionExpirySeconds: number;
  readonly keepaliveSeconds: number;
  /** Topic filters subscribed at QoS 1 on every connect. */
  readonly topics: readonly string[];
  readonly reconnect: { readonly minMs: number; readonly maxMs: number };
  readonly logger: Logger;
  /** Called for every message, synchronously; must not throw (the caller guards). */
  readonly onMessage: (topic: string, payload: Buffer) => void;
  readonly onState: (state: MqttLinkState, detail?: string) => void;
  /** Jitter source (tests pin it). */
  readonly random?: () => number;
}

export interface MqttLink {
  /** The protocol the last connection used (5, or 4 after a fallback). */
  readonly protocolVersion: () => 5 | 4;
  readonly connected: () => boolean;
  dispose(): Promise<void>;
}

/**
 * The wait before reconnect attempt `failures + 1`: exponential from `minMs` up to `maxMs`, with full
 * jitter (`jitter` in [0, 1)), never below `minMs` so a dropped link is not retried in a tight loop.
 */
export function reconnectDelay(
  failures: number,
  limits: { readonly minMs: number; readonly maxMs: number },
  jitter: number,
): number {
  const ceiling = Math.min(limits.maxMs, limits.minMs * 2 ** Math.min(failures, 20));
  return Math.max(limits.minMs, Math.round(ceiling * jitter));
}

/** CONNACK codes meaning "this broker does not speak that protocol version" (3.1.1: 1; 5: 0x84). */
const UNSUPPORTED_PROTOCOL = new Set([1, 0x84]);

/**
 * One persistent MQTT session: fixed client id, `clean: false` (MQTT 5 `cleanStart=false` with a
 * session expiry), QoS 1 subscriptions renewed on every connect. mqtt.js reconnects at a fixed
 * period, so reconnection is done here instead: exponential backoff with full jitter, reset after a
 * successful connect, so a restarted broker is not hit by every console at the same instant.
 */
export function startMqttLink(options: MqttLinkOptions): MqttLink {
  const { logger } = options;
  const random = options.random ?? Math.random;
  let version: 5 | 4 = options.protocolVersion;
  let client: MqttClient | null = null;
  let timer: NodeJS.Timeout | null = null;
  let failures = 0;
  let everConnected = false;
  let isConnected = false;
  let disposed = false;
  let lastError: string | undefined;

  const backoff = (): number => reconnectDelay(failures, options.reconnect, random());

  const clientOptions = (): IClientOptions => ({
    clientId: options.clientId,
    clean: false,
    protocolVersion: version,
    ...(version === 5 && { properties: { sessionExpiryInterval: options.sessionExpirySeconds } }),
    keepalive: options.keepaliveSeconds,
    connectTimeout: 10_000,
    reconnectPeriod: 0,
    resubscribe: false,
    queueQoSZero: false,
    ...(options.username !== undefined && { username: options.username }),
    ...(options.password !== undefined && { password: options.password }),
    ...(options.ca !== undefined && { ca: options.ca }),
    ...(options.cert !== undefined && { cert: options.cert }),
    ...(options.key !== undefined && { key: options.key }),
    rejectUnauthorized: true,
  });

  const subscribe = (current: MqttClient): void => {
    const filters = Object.fromEntries(options.topics.map((topic) => [topic, { qos: 1 as const }]));
    current.subscribe(filters, (error, granted) => {
      if (error) {
        logger.error({ err: error }, 'MQTT subscribe failed');
        return;
      }
      const refused = (granted ?? []).filter((grant) => grant.qos > 2).map((grant) => grant.topic);
      if (refused.length > 0) logger.error({ refused }, 'the broker refused some AVL topic subscriptions');
      else logger.info({ topics: options.topics, version }, 'subscribed to AVL topics');
    });
  };

  const scheduleReconnect = (): void => {
    if (disposed || timer !== null) return;
    const delay = backoff();
    failures++;
    options.onState(
      everConnected ? 'down' : 'connecting',
      `${lastError ?? 'connection closed'}; retrying in ${(delay / 1000).toFixed(1)} s`,
    );
    timer = setTimeout(() => {
      timer = null;
      connect();
    }, delay);
    timer.unref();
  };

  const connect = (): void => {
    if (disposed) return;
    const current = mqtt.connect(options.url, clientOptions());
    client = current;
    let fallback = false;
    current.on('connect', (connack) => {
      if (client !== current) return;
      failures = 0;
      everConnected = true;
      isConnected = true;
      lastError = undefined;
      logger.info({ url: options.url, version, sessionPresent: connack.sessionPresent }, 'MQTT connected');
      options.onState(
        'up',
        `MQTT ${version === 5 ? '5' : '3.1.1'}${connack.sessionPresent ? ', session resumed' : ''}`,
      );
      subscribe(current);
    });
    current.on('message', (topic, payload) => {
      options.onMessage(topic, payload);
    });
    current.on('error', (error: Error & { code?: number | string }) => {
      lastError = error.message;
      if (version === 5 && typeof error.code === 'number' && UNSUPPORTED_PROTOCOL.has(error.code)) fallback = true;
    });
    current.on('close', () => {
      if (client !== current || disposed) return;
      const wasConnected = isConnected;
      isConnected = false;
      current.removeAllListeners('message');
      current.end(true);
      if (wasConnected) logger.warn({ url: options.url, error: lastError }, 'MQTT connection lost');
      if (fallback) {
        logger.warn({ url: options.url }, 'the broker refused MQTT 5; using MQTT 3.1.1');
        version = 4;
        connect();
        return;
      }
      scheduleReconnect();
    });
  };

  options.onState('connecting');
  connect();

  return {
    protocolVersion: () => version,
    connected: () => isConnected,
    async dispose() {
      if (disposed) return;
      disposed = true;
      if (timer !== null) clearTimeout(timer);
      const current = client;
      client = null;
      isConnected = false;
      if (current) await new Promise<void>((resolve) => current.end(true, {}, () => resolve()));
    },
  };
}
