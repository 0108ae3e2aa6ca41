import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { AvlApi, AvlStatus, Handlers, UnknownDevice } from '../../../src-shared/contract/api';
import { AppError, assertNever } from '../../../src-shared/contract/errors';
import {
  createTopicMatcher,
  MAX_PAYLOAD_BYTES,
  parseAvlMessage,
  type AvlFormat,
  type DeviceFix,
  type TopicPatterns,
} from '../../../src-shared/domain/avl/payloads';
import type { FixRejection } from '../../../src-shared/domain/avl/plausibility';
import type { PositionSource, UnitPosition, UnitStatus } from '../../../src-shared/domain/unit';
import type { Clock } from '../runtime/clock';
import type { LinkRegistry } from '../runtime/linkRegistry';
import type { Logger } from '../runtime/logger';
import type { Store } from '../store/store';
import type { AvlConfig, BrokerConfig } from './avlConfig';
import { startEmbeddedBroker, type EmbeddedBroker } from './embeddedBroker';
import { loadOrCreateTrackerAccount, type TrackerAccount } from './trackerAccount';
import { startMqttLink, type MqttLink, type MqttLinkState } from './mqttLink';
import { PositionHub } from './positionHub';
import { RejectionLog } from './rejectionLog';
import { TrailStore } from './trailStore';
import type { AvlUnitDirectory } from './unitDirectory';
import type { Publish } from '../runtime/publish';

/** What `ingest` answers: accepted, or why the fix was refused. */
export type IngestOutcome = { readonly accepted: true } | { readonly accepted: false; readonly reason: FixRejection };

/** The AVL service as the host holds it. */
export interface AvlService {
  readonly handlers: Handlers<AvlApi>;
  /**
   * A fix for a unit from another source (an NMEA receiver or the radio gateway bound to the unit):
   * same plausibility rules, same fan-out, same trail as MQTT positions.
   */
  readonly ingest: (unitId: string, fix: DeviceFix, source: Exclude<PositionSource, 'mqtt'>) => IngestOutcome;
  /** The same answers as the `avl.*` channels, typed for the host's own callers (demo, tests). */
  readonly status: () => AvlStatus;
  readonly positions: () => UnitPosition[];
  /** A unit's latest position, or null (the recommendation ranks from it). */
  readonly positionOf: (unitId: string) => UnitPosition | null;
  readonly unknownDevices: () => UnknownDevice[];
  /** The broker URL Nida's client uses (the embedded broker's once it listens); null until known. */
  readonly brokerUrl: () => string | null;
  /**
   * The account trackers sign in to the embedded broker with (the demo fleet, tests); null with a
   * center broker, or while the embedded one has not started. Never sent to a window.
   */
  readonly trackerAccount: () => TrackerAccount | null;
  /** Resolves once the first connection to the broker is up (tests, demo, simulator). */
  readonly whenConnected: () => Promise<void>;
  dispose(): Promise<void>;
}

export interface AvlServiceDependencies {
  readonly config: AvlConfig;
  readonly dataDir: string;
  /** For the default client id: `nida-<center>-<console>`. */
  readonly centerCode: string;
  readonly consoleCode: string;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly links: LinkRegistry;
  readonly store: Store;
  readonly units: AvlUnitDirectory;
  /** Merged position changes for every window, every 250 ms (the map, the board). */
  readonly publish: Publish<'onUnitPositions'>;
}

/** Devices remembered for the administrator; beyond this the longest silent is forgotten. */
const MAX_UNKNOWN_DEVICES = 1_000;
/** Refused payloads kept raw for audit, at most this many per minute (a flood must not fill the disk). */
const RAW_REJECTS_PER_MINUTE = 60;
const SWEEP_INTERVAL_MS = 1_000;
const TRAIL_FLUSH_INTERVAL_MS = 2_000;
const TRAIL_FLUSH_ROWS = 2_000;
const PRUNE_INTERVAL_MS = 60 * 60_000;
const DAY_MS = 24 * 60 * 60_000;

interface UnknownEntry {
  deviceId: string;
  format: AvlFormat;
  topic: string;
  firstSeenAt: number;
  lastSeenAt: number;
  messages: number;
  lastPosition: { lat: number; lon: number } | null;
}

function readPem(dataDir: string, path: string | undefined): Buffer | undefined {
  if (path === undefined) return undefined;
  return readFileSync(isAbsolute(path) ? path : join(dataDir, path));
}

/** The URL without credentials, for the header, the status view and the log. */
function displayUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return url;
  }
}

function hostPortOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/**
 * Unit positions (AVL): subscribes to the center's MQTT broker (or runs an embedded one), decodes
 * Nida/OwnTracks/Traccar payloads, checks plausibility, keeps every unit's latest position in
 * memory, sends windows merged batches a few times per second, writes a downsampled trail.
 * Bad input is counted and logged, never thrown.
 */
export function startAvlService(deps: AvlServiceDependencies): AvlService {
  const { config, clock, logger, links } = deps;
  const embedded = config.broker === null;
  const topics: TopicPatterns = config.topics;
  const matchTopic = createTopicMatcher(topics);
  const subscriptions = [...new Set([...topics.nida, ...topics.owntracks, ...topics.traccar])];
  const rejections = new RejectionLog(logger);
  const rawInputs = deps.store.status.writable ? deps.store.rawInputs : null;
  const trail = deps.store.status.writable ? new TrailStore(deps.store.trail) : null;
  const unknown = new Map<string, UnknownEntry>();
  const deviceStatus = new Map<string, UnitStatus>();
  const timers: NodeJS.Timeout[] = [];

  const hub = new PositionHub({
    plausibility: {
      region: config.region,
      maxSpeedMps: config.maxSpeedMps,
      maxFutureMs: 5 * 60_000,
    },
    freshness: { staleAfterMs: config.staleAfterSeconds * 1000, lostAfterMs: config.lostAfterSeconds * 1000 },
    trail: { minIntervalMs: config.trail.minIntervalSeconds * 1000, minDistanceM: config.trail.minDistanceM },
    keepTrailPoint: (unitId, fix) => {
      if (!trail) return;
      trail.add({ unitId, ...fix });
      if (trail.pendingCount >= TRAIL_FLUSH_ROWS) flushTrail();
    },
  });

  let connected = false;
  let since = clock.now();
  let lastMessageAt: number | null = null;
  let accepted = 0;
  let brokerUrl: string | null = embedded ? null : displayUrl((config.broker as BrokerConfig).url);
  let link: MqttLink | null = null;
  let broker: EmbeddedBroker | null = null;
  let trackerAccount: TrackerAccount | null = null;
  let disposed = false;
  let rawBudget = { minute: 0, used: 0 };
  const connectedWaiters: (() => void)[] = [];
  const label = embedded ? 'embedded' : hostPortOf((config.broker as BrokerConfig).url);

  // -------------------------------------------------------------------------------------------
  // Faults and raw inputs

  const keepRaw = (topic: string, payload: Uint8Array, error: string, now: number): void => {
    if (!rawInputs) return;
    const minute = Math.floor(now / 60_000);
    if (rawBudget.minute !== minute) rawBudget = { minute, used: 0 };
    if (rawBudget.used >= RAW_REJECTS_PER_MINUTE) return;
    rawBudget.used++;
    try {
      const bytes = payload.byteLength > MAX_PAYLOAD_BYTES ? payload.subarray(0, MAX_PAYLOAD_BYTES) : payload;
      const id = rawInputs.record(`mqtt:${topic.slice(0, 300)}`, 'mqtt', bytes, now);
      rawInputs.markRejected(id, payload.byteLength > MAX_PAYLOAD_BYTES ? `${error} (first 64 KB kept)` : error);
    } catch (storeError) {
      logger.error({ err: storeError }, 'could not keep a refused AVL payload');
    }
  };

  const refuse = (
    reason: string,
    now: number,
    context: { topic?: string; unitId?: string; deviceId?: string; detail?: string },
  ): void => {
    rejections.record(reason, now, context);
  };

  // -------------------------------------------------------------------------------------------
  // Positions

  const applyStatus = (
    unitId: string,
    status: UnitStatus,
    at: number,
    deviceId: string,
    destination: string | null,
  ): void => {
    if (deviceStatus.get(unitId) === status || !deps.units.applyDeviceStatus) return;
    deviceStatus.set(unitId, status);
    const failed = (error: unknown): void => {
      logger.warn({ err: error, unitId, status, deviceId }, 'status sent by a unit device was not applied');
    };
    try {
      const outcome = deps.units.applyDeviceStatus(unitId, status, at, destination);
      if (outcome instanceof Promise) outcome.catch(failed);
    } catch (error) {
      failed(error);
    }
  };

  const noteUnknown = (deviceId: string, format: AvlFormat, topic: string, fix: DeviceFix | null, now: number) => {
    let entry = unknown.get(deviceId);
    if (!entry) {
      if (unknown.size >= MAX_UNKNOWN_DEVICES) {
        let oldest: UnknownEntry | undefined;
        for (const candidate of unknown.values()) {
          if (!oldest || candidate.lastSeenAt < oldest.lastSeenAt) oldest = candidate;
        }
        if (oldest) unknown.delete(oldest.deviceId);
      }
      entry = { deviceId, format, topic, firstSeenAt: now, lastSeenAt: now, messages: 0, lastPosition: null };
      unknown.set(deviceId, entry);
      logger.info({ deviceId, format, topic }, 'AVL device bound to no unit: listed for binding');
    }
    entry.lastSeenAt = now;
    entry.messages++;
    entry.topic = topic;
    entry.format = format;
    if (fix) entry.lastPosition = { lat: fix.lat, lon: fix.lon };
  };

  const onMessage = (topic: string, payload: Buffer): void => {
    const now = clock.now();
    lastMessageAt = now;
    try {
      const result = parseAvlMessage(topic, payload, matchTopic);
      switch (result.kind) {
        case 'fix': {
          const unitId = deps.units.unitIdForDevice(result.deviceId);
          if (unitId === null) {
            noteUnknown(result.deviceId, result.format, topic, result.fix, now);
            refuse('unknown-device', now, { topic, deviceId: result.deviceId });
            return;
          }
          const refusal = hub.accept(unitId, result.fix, 'mqtt', now);
          if (refusal !== null) {
            refuse(refusal, now, { topic, unitId, deviceId: result.deviceId });
            return;
          }
          accepted++;
          if (result.status !== null)
            applyStatus(unitId, result.status, result.fix.at, result.deviceId, result.destination);
          return;
        }
        case 'offline': {
          const unitId = deps.units.unitIdForDevice(result.deviceId);
          if (unitId !== null) hub.markOffline(unitId, now);
          return;
        }
        case 'ignored':
          return;
        case 'rejected':
          refuse(result.reason, now, { topic, detail: result.detail });
          keepRaw(topic, payload, `${result.reason}: ${result.detail}`, now);
          return;
        default:
          assertNever(result);
      }
    } catch (error) {
      // A bug here must cost one message, never the feed.
      refuse('internal-error', now, { topic, detail: error instanceof Error ? error.message : String(error) });
      keepRaw(topic, payload, 'internal-error', now);
    }
  };

  // -------------------------------------------------------------------------------------------
  // Timers: fan-out, freshness, trail

  const flushPositions = (): void => {
    const positions = hub.takeChanges();
    if (positions.length > 0) deps.publish('onUnitPositions', { positions });
  };

  const flushTrail = (): void => {
    if (!trail || trail.pendingCount === 0) return;
    try {
      trail.flush();
    } catch (error) {
      logger.error({ err: error }, 'AVL trail points could not be written');
    }
  };

  const prune = (): void => {
    if (!trail) return;
    const before = clock.now() - config.trail.retentionDays * DAY_MS;
    const step = (): void => {
      if (disposed) return;
      try {
        if (trail.pruneStep(before) > 0) setImmediate(step);
      } catch (error) {
        logger.error({ err: error }, 'AVL trail pruning failed');
      }
    };
    step();
  };

  const every = (ms: number, task: () => void): void => {
    const timer = setInterval(() => {
      try {
        task();
      } catch (error) {
        logger.error({ err: error }, 'AVL periodic task failed');
      }
    }, ms);
    timer.unref();
    timers.push(timer);
  };
  every(config.publishIntervalMs, flushPositions);
  every(SWEEP_INTERVAL_MS, () => hub.sweep(clock.now()));
  every(TRAIL_FLUSH_INTERVAL_MS, flushTrail);
  every(PRUNE_INTERVAL_MS, prune);
  prune();

  // -------------------------------------------------------------------------------------------
  // Broker

  const reportLink = (state: MqttLinkState, detail?: string): void => {
    const nowConnected = state === 'up';
    if (nowConnected !== connected) {
      connected = nowConnected;
      since = clock.now();
    }
    links.report('broker', 'broker', label, state, detail);
    if (nowConnected) for (const resolve of connectedWaiters.splice(0)) resolve();
  };

  const ownClientId = `nida-${deps.centerCode}-${deps.consoleCode}`.toLowerCase();
  const connectTo = (
    url: string,
    settings: BrokerConfig | null,
    embeddedCredentials?: { readonly username: string; readonly password: string },
  ): void => {
    link = startMqttLink({
      url,
      clientId: settings?.clientId ?? ownClientId,
      ...(settings?.username !== undefined && { username: settings.username }),
      ...(settings?.password !== undefined && { password: settings.password }),
      ...embeddedCredentials,
      ...(settings?.ca !== undefined && { ca: readPem(deps.dataDir, settings.ca) }),
      ...(settings?.cert !== undefined && { cert: readPem(deps.dataDir, settings.cert) }),
      ...(settings?.key !== undefined && { key: readPem(deps.dataDir, settings.key) }),
      protocolVersion: settings?.protocolVersion ?? 5,
      sessionExpirySeconds: settings?.sessionExpirySeconds ?? 3600,
      keepaliveSeconds: settings?.keepaliveSeconds ?? 30,
      topics: subscriptions,
      reconnect: config.reconnect,
      logger,
      onMessage,
      onState: reportLink,
    });
  };

  if (config.broker !== null) {
    const brokerConfig = config.broker;
    try {
      connectTo(brokerConfig.url, brokerConfig);
    } catch (error) {
      // An unreadable certificate file: the console runs on, the header says why the broker is down.
      const detail = error instanceof Error ? error.message : String(error);
      logger.error({ err: error }, 'AVL broker connection could not be set up');
      links.report('broker', 'broker', label, 'down', detail);
    }
  } else {
    links.report('broker', 'broker', label, 'connecting', 'starting the embedded broker');
    let attempts = 0;
    const startEmbedded = (): void => {
      try {
        trackerAccount = loadOrCreateTrackerAccount(deps.dataDir, clock.now());
      } catch (error) {
        // Regenerating silently would lock out every configured tracker: the administrator decides.
        const detail = error instanceof Error ? error.message : String(error);
        logger.error({ err: error }, 'the embedded broker has no tracker account');
        links.report('broker', 'broker', label, 'down', detail);
        return;
      }
      const isPositionTopic = (topic: string): boolean => matchTopic(topic) !== null;
      startEmbeddedBroker({
        port: config.embedded.port,
        bindAddress: config.embedded.bindAddress,
        ownClientId,
        trackers: trackerAccount,
        isPositionTopic,
        logger,
      }).then(
        async (started) => {
          if (disposed) {
            await started.close();
            return;
          }
          broker = started;
          brokerUrl = started.url;
          connectTo(started.url, null, started.ownCredentials);
        },
        (error: unknown) => {
          if (disposed) return;
          const where = `${config.embedded.bindAddress}:${String(config.embedded.port)}`;
          const code = error instanceof Error && 'code' in error ? String(error.code) : '';
          const detail = `the embedded broker could not listen on ${where}${code === 'EADDRINUSE' ? ' (port in use)' : ''}: ${error instanceof Error ? error.message : String(error)}`;
          if (attempts === 0) logger.error({ err: error }, detail);
          const delay = Math.min(config.reconnect.maxMs, config.reconnect.minMs * 2 ** Math.min(attempts, 20));
          attempts++;
          links.report('broker', 'broker', label, 'down', detail);
          const timer = setTimeout(startEmbedded, delay);
          timer.unref();
          timers.push(timer);
        },
      );
    };
    startEmbedded();
  }

  // -------------------------------------------------------------------------------------------
  // The contract

  const status = (): AvlStatus => {
    const counts = hub.counts();
    return {
      broker: { url: brokerUrl ?? '', embedded },
      connected,
      since,
      lastMessageAt,
      accepted,
      rejected: rejections.snapshot(),
      unitsLive: counts.live,
      unitsStale: counts.stale,
      unitsLost: counts.lost,
    };
  };

  const unknownDevices = (): UnknownDevice[] =>
    [...unknown.values()]
      .sort((a, b) => b.lastSeenAt - a.lastSeenAt)
      .map((entry) => ({ ...entry, lastPosition: entry.lastPosition ? { ...entry.lastPosition } : null }));

  const handlers: Handlers<AvlApi> = {
    positions: () => hub.positions(),
    trail: ({ unitId, since: from, limit }) => {
      if (!trail) throw new AppError('STORAGE', 'the store refuses reads and writes; no trail');
      flushTrail();
      return trail.query(unitId, from, limit ?? 2_000);
    },
    status,
    unknownDevices,
    bindDevice: async ({ deviceId, unitId }, context) => {
      const unit = await deps.units.bindDevice(deviceId, unitId, context.actor);
      unknown.delete(deviceId);
      logger.info({ deviceId, unitId, actor: context.actor }, 'AVL device bound to a unit');
      return unit;
    },
  };

  return {
    handlers,
    status,
    positions: () => hub.positions(),
    positionOf: (unitId) => hub.position(unitId),
    unknownDevices,
    ingest(unitId, fix, source) {
      const now = clock.now();
      const refusal = hub.accept(unitId, fix, source, now);
      if (refusal !== null) {
        refuse(refusal, now, { unitId, detail: source });
        return { accepted: false, reason: refusal };
      }
      accepted++;
      return { accepted: true };
    },
    brokerUrl: () => brokerUrl,
    trackerAccount: () => (broker === null ? null : trackerAccount),
    whenConnected: () =>
      connected ? Promise.resolve() : new Promise<void>((resolve) => connectedWaiters.push(resolve)),
    async dispose() {
      if (disposed) return;
      disposed = true;
      for (const timer of timers) clearTimeout(timer);
      await link?.dispose();
      await broker?.close();
      flushPositions();
      flushTrail();
      if (connected) reportLink('down', 'stopped');
    },
  };
}
