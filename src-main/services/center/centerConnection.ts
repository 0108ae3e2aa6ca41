import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { credsAuthenticator, type NatsConnection, type NodeConnectionOptions } from '@nats-io/transport-node';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager, RetentionPolicy, StorageType, DiscardPolicy } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { Objm } from '@nats-io/obj';
import type { CenterLinkConfig, CenterNames, streamSourcesOf } from './centerConfig';

const resolvePath = (dataDir: string, path: string): string => (isAbsolute(path) ? path : join(dataDir, path));

/**
 * How a console (or `nida center`) connects to the center's servers: every server listed for
 * fail-over, its own user or credentials file, TLS when configured, pings frequent enough to notice
 * a hung server within seconds, and reconnection without end.
 */
export function connectionOptions(
  config: CenterLinkConfig,
  dataDir: string,
  name: string,
  overrides: Partial<NodeConnectionOptions> = {},
): NodeConnectionOptions {
  const credentials = config.credentials;
  return {
    servers: [...config.servers],
    name,
    ...(credentials && 'user' in credentials && { user: credentials.user, pass: credentials.password }),
    ...(credentials &&
      'credsFile' in credentials && {
        authenticator: credsAuthenticator(readFileSync(resolvePath(dataDir, credentials.credsFile))),
      }),
    ...(config.tls && {
      tls: {
        ...(config.tls.ca && { caFile: resolvePath(dataDir, config.tls.ca) }),
        ...(config.tls.cert && { certFile: resolvePath(dataDir, config.tls.cert) }),
        ...(config.tls.key && { keyFile: resolvePath(dataDir, config.tls.key) }),
      },
    }),
    timeout: config.requestTimeoutMs,
    reconnect: true,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 500,
    reconnectJitter: 250,
    pingInterval: 2_000,
    maxPingOut: 2,
    ...overrides,
  };
}

export async function connectCenter(
  config: CenterLinkConfig,
  dataDir: string,
  name: string,
  overrides: Partial<NodeConnectionOptions> = {},
): Promise<NatsConnection> {
  if (config.servers.length === 0)
    throw new Error('no center servers are configured (center.servers, or --center URL)');
  return connect(connectionOptions(config, dataDir, name, overrides));
}

export interface InitReport {
  readonly stream: { readonly name: string; readonly created: boolean; readonly replicas: number };
  readonly buckets: readonly { readonly name: string; readonly created: boolean }[];
}

/** How long a console's presence stays listed after its last heartbeat. */
export const PRESENCE_TTL_MS = 15_000;

/**
 * Creates the center's stream and key-value buckets, or checks that they exist with the right
 * settings (idempotent; settings that can change are updated). The event stream keeps every event
 * (no age or count limit), in files, with the configured replicas and de-duplication window.
 */
export async function initCenter(
  nc: NatsConnection,
  names: CenterNames,
  options: {
    readonly replicas: 1 | 3;
    readonly duplicateWindowSeconds: number;
    /** The other logs this one sources (sub-stations, docs/center.md); none for a center of one log. */
    readonly sources?: ReturnType<typeof streamSourcesOf>;
  },
): Promise<InitReport> {
  const sources = options.sources ?? [];
  const jsm = await jetstreamManager(nc, { timeout: 10_000 });
  const streamConfig = {
    name: names.stream,
    subjects: [names.subjects],
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    discard: DiscardPolicy.Old,
    max_age: 0,
    max_msgs: -1,
    max_bytes: -1,
    max_msg_size: 1024 * 1024,
    num_replicas: options.replicas,
    duplicate_window: options.duplicateWindowSeconds * 1_000_000_000,
    allow_direct: true,
    deny_delete: true,
    deny_purge: true,
    ...(sources.length > 0 && { sources }),
  };
  let created = false;
  try {
    const info = await jsm.streams.info(names.stream);
    if (info.config.num_replicas !== options.replicas)
      throw new Error(
        `stream ${names.stream} has ${String(info.config.num_replicas)} replicas, not ${String(options.replicas)}: replicas cannot be changed here (see docs/center.md)`,
      );
    await jsm.streams.update(names.stream, {
      subjects: streamConfig.subjects,
      duplicate_window: streamConfig.duplicate_window,
      sources,
    });
  } catch (error) {
    if (!isNotFound(error)) throw error;
    await jsm.streams.add(streamConfig);
    created = true;
  }
  const kvm = new Kvm(nc);
  const buckets: { name: string; created: boolean }[] = [];
  const bucket = async (name: string, limits: { history: number; ttl: number }): Promise<void> => {
    const exists = await jsm.streams
      .info(`KV_${name}`)
      .then(() => true)
      .catch((error: unknown) => {
        if (isNotFound(error)) return false;
        throw error;
      });
    await kvm.create(name, { replicas: options.replicas, storage: StorageType.File, ...limits, timeout: 10_000 });
    buckets.push({ name, created: !exists });
  };
  // Claims are never deleted or purged: an epoch, once taken, stays taken (docs/center.md).
  await bucket(names.claimsBucket, { history: 1, ttl: 0 });
  await bucket(names.presenceBucket, { history: 1, ttl: PRESENCE_TTL_MS });
  // Snapshots for consoles that join (docs/center.md, "Joining"): an object store, the latest replacing the one before.
  const snapshotsExist = await jsm.streams
    .info(`OBJ_${names.snapshotsBucket}`)
    .then(() => true)
    .catch((error: unknown) => {
      if (isNotFound(error)) return false;
      throw error;
    });
  if (!snapshotsExist)
    await new Objm(nc).create(names.snapshotsBucket, { replicas: options.replicas, storage: StorageType.File });
  buckets.push({ name: names.snapshotsBucket, created: !snapshotsExist });
  return { stream: { name: names.stream, created, replicas: options.replicas }, buckets };
}

export function isNotFound(error: unknown): boolean {
  const text = error instanceof Error ? `${error.name} ${error.message}` : String(error);
  return /not found|StreamNotFound|10059/i.test(text);
}
