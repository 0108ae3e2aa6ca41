import type { NatsConnection } from '@nats-io/transport-node';
import { headers as natsHeaders } from '@nats-io/transport-node';
import { DeliverPolicy, jetstream, jetstreamManager, type JetStreamClient, type JsMsg } from '@nats-io/jetstream';
import { Kvm, type KV } from '@nats-io/kv';
import type { CenterApi, CenterPresence, CenterStatus, Handlers } from '../../../src-shared/contract/api';
import type { OperatorRole, Profile } from '../../../src-shared/contract/schemas';
import type { CallLanguage } from '../../../src-shared/domain/operator';
import {
  decodeReplicatedEvent,
  encodeReplicatedEvent,
  type ReplicatedRefusal,
} from '../../../src-shared/domain/logEvents';
import type { Clock } from '../runtime/clock';
import type { LinkRegistry } from '../runtime/linkRegistry';
import type { Logger } from '../runtime/logger';
import type { Publish } from '../runtime/publish';
import type { Store } from '../store/store';
import { centerNames, type CenterLinkConfig } from './centerConfig';
import { getSnapshot, putSnapshot, storedSnapshotSeq, type StoredSnapshot } from './centerSnapshots';
import { connectCenter, isNotFound, PRESENCE_TTL_MS } from './centerConnection';
import type { JetStreamManager } from '@nats-io/jetstream';
import { derivedEventId } from '../../../src-shared/contract/ids';
import type { ClaimHolder, ClaimOutcome, ExclusiveClaims } from './claims';

export const CENTER_LINK_ID = 'center';
const HEARTBEAT_MS = 5_000;
const PUBLISH_BATCH = 200;
/** Stream messages applied in one transaction while a console catches up: one pull of the consumer. */
const CATCH_UP_BATCH = 1_000;
/**
 * Catching up (the stream has more after the message), the longest a gathered message waits for the
 * rest of its pull before it is applied anyway: the pull arrives within it unless the link stalls.
 */
const CATCH_UP_WAIT_MS = 250;
/** Live, the longest a message waits for the ones just behind it (a burst) before it is applied. */
const LIVE_WAIT_MS = 20;
/** A batch at least this large is a catch-up: the windows reload their lists once instead of per record. */
const BULK_BATCH = 200;
/** What the JetStream client reports about the consumer that is worth a line in the log. */
const NOTEWORTHY_CONSUMER_NOTICES: ReadonlySet<string> = new Set([
  'heartbeats_missed',
  'reset',
  'ordered_consumer_recreated',
  'consumer_deleted',
  'consumer_not_found',
  'stream_not_found',
  'exceeded_limits',
  'no_responders',
]);
/** How often the console asks the servers whether they can confirm writes (a quorum). */
const PROBE_MS = 1_000;

export interface CenterServiceOptions {
  readonly config: CenterLinkConfig;
  readonly centerCode: string;
  readonly consoleCode: string;
  readonly profile: Profile;
  readonly dataDir: string;
  readonly store: Store;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly links: LinkRegistry;
  /** Who is signed in at this position now (the heartbeat announces it); null when nobody is. */
  readonly operator: () => {
    readonly name: string;
    readonly role: OperatorRole;
    readonly languages: readonly CallLanguage[];
    readonly locked: boolean;
  } | null;
  readonly publish: Publish<'onCenterStatus'>;
}

export interface CenterService {
  readonly handlers: Pick<Handlers<CenterApi>, 'status'>;
  /** Takes a snapshot now and stores it in the center (also done on its own, see `snapshotEvery`). */
  takeSnapshot(): Promise<{ readonly streamSeq: number; readonly bytes: number }>;
  readonly claims: ExclusiveClaims;
  status(): CenterStatus;
  /** Resolves once connected and every stream message up to now is applied (tests, `nida center`). */
  whenCaughtUp(timeoutMs?: number): Promise<void>;
  /** Publishes what the outbox holds now (also done on every commit). */
  flush(): Promise<void>;
  /** Announces this position's presence now (an operator signed in or out), not at the next heartbeat. */
  announcePresence(): void;
  /** The positions whose heartbeat is recent, this one included. */
  onlinePositions(): string[];
  /** True while the console reads up to the stream's end after (re)connecting: background work waits. */
  catchingUp(): boolean;
  dispose(): Promise<void>;
}

type LinkState = CenterStatus['link'];

/**
 * Center mode (docs/center.md): this console's events go to the center's JetStream stream (from the
 * outbox, in commit order, the event id as `Nats-Msg-Id`), every other console's events come back
 * through one ordered consumer and the store's own fold, exclusive actions are won by
 * create-if-absent, and a heartbeat tells the room which positions are online. The console never
 * waits on the network to commit: when the servers are out of reach it keeps working on its store.
 */
export function startCenterService(options: CenterServiceOptions): CenterService {
  const { config, store, clock, logger, links, centerCode, consoleCode } = options;
  const names = centerNames(centerCode, config.site);
  const subject = names.subjectOf(consoleCode);

  let nc: NatsConnection | null = null;
  let js: JetStreamClient | null = null;
  let claimsKv: KV | null = null;
  let presenceKv: KV | null = null;
  let link: LinkState = 'connecting';
  let jsm: JetStreamManager | null = null;
  /**
   * True once, after the link came (back) up, this console caught up with the stream, dropped from
   * its outbox what the stream already holds, and settled its provisional actions: only then does it
   * publish (docs/center.md, "When the network drops").
   */
  let synced = false;
  let syncing: Promise<void> | null = null;
  let since = clock.now();
  let problem: string | null = null;
  let disposed = false;
  // Read through a function: the checks run after awaits, when dispose may have happened meanwhile.
  const isDisposed = (): boolean => disposed;
  let streamSummary: CenterStatus['stream'] = null;
  let lastStreamSeq = 0;
  const refused: Record<string, number> = {};
  // A catch-up in progress (from the consumer's start to the stream's end as it was then), and the last one done.
  let catchingUp: { start: number; from: number; target: number } | null = null;
  let lastCatchUp: CenterStatus['catchUp'] = null;
  const presence = new Map<string, Omit<CenterPresence, 'online'>>();
  const timers: NodeJS.Timeout[] = [];
  const stops: (() => void | Promise<void>)[] = [];
  const caughtUpWaiters: { resolve: () => void; target: number }[] = [];

  const setLink = (next: LinkState, detail: string | null): void => {
    if (next === link && detail === problem) return;
    if (next !== link) since = clock.now();
    if (next !== 'connected') synced = false;
    if (next !== link && (next === 'lost' || next === 'reconnecting'))
      logger.warn({ link: next, detail }, 'center link lost: working on this console alone');
    link = next;
    problem = detail;
    // Only the first connection shows as "connecting": once cut off the console works alone, and the
    // dispatcher must see the link down while the client keeps trying in the background.
    const state = next === 'connected' ? 'up' : next === 'connecting' ? 'connecting' : 'down';
    links.report(CENTER_LINK_ID, 'center', config.servers.join(', '), state, detail ?? undefined);
    announceStatus();
  };

  // --- applying the stream ---------------------------------------------------------------------
  const pending: JsMsg[] = [];
  let flushScheduled: 'now' | 'soon' | null = null;
  let flushTimer: NodeJS.Timeout | null = null;
  const applyPending = (): void => {
    flushScheduled = null;
    if (flushTimer) clearTimeout(flushTimer);
    flushTimer = null;
    if (pending.length === 0) return;
    const applied = store.appliedStreamSeq();
    const batch = pending.splice(0).filter((message) => message.seq > applied);
    try {
      // One transaction for the batch: a console catching up on thousands of events commits once.
      store.applyReplicatedBatch(
        batch.map((message) => {
          const decoded = decodeReplicatedEvent(message.data, centerCode);
          if (decoded.ok) return { event: decoded.event, streamSeq: message.seq };
          refuse(decoded.reason, decoded.detail, message);
          return { event: null, streamSeq: message.seq };
        }),
        { bulk: batch.length >= BULK_BATCH },
      );
    } catch (error) {
      // Nothing of the batch is applied; the consumer is restarted from the last applied sequence.
      logger.error({ err: error }, 'could not apply center events; reading them again');
      pending.length = 0;
      restartConsumer();
      return;
    }
    lastStreamSeq = Math.max(lastStreamSeq, batch.at(-1)?.seq ?? 0);
    const now = store.appliedStreamSeq();
    if (catchingUp && now >= catchingUp.target) {
      lastCatchUp = { events: now - catchingUp.from, ms: Date.now() - catchingUp.start, at: clock.now() };
      if (lastCatchUp.events > 0) logger.info(lastCatchUp, 'caught up with the center');
      catchingUp = null;
    }
    for (const waiter of caughtUpWaiters.splice(0)) {
      if (now >= waiter.target) waiter.resolve();
      else caughtUpWaiters.push(waiter);
    }
  };
  const refuse = (reason: ReplicatedRefusal, detail: string, message: JsMsg): void => {
    refused[reason] = (refused[reason] ?? 0) + 1;
    logger.warn({ reason, detail, seq: message.seq, subject: message.subject }, 'center event refused');
    const raw = store.rawInputs.record(`center:${names.stream}`, 'center-event', message.data, clock.now());
    store.rawInputs.markRejected(raw, `${reason}: ${detail}`);
  };

  // One ordered consumer, supervised: restarted from the last applied sequence whenever it ends or
  // stalls while the stream has more.
  let consumerGeneration = 0;
  let stopConsumer: (() => void) | null = null;
  let lastDelivery = clock.now();
  const startConsumer = async (): Promise<void> => {
    const generation = ++consumerGeneration;
    stopConsumer?.();
    stopConsumer = null;
    const client = js;
    if (!client || disposed) return;
    const from = store.appliedStreamSeq() + 1;
    // A restart during a catch-up keeps measuring the same catch-up.
    catchingUp ??= { start: Date.now(), from: from - 1, target: lastStreamSeq };
    const consumer = await client.consumers.get(names.stream, {
      deliver_policy: DeliverPolicy.StartSequence,
      opt_start_seq: from,
    });
    // Frequent idle heartbeats: a pull the server lost (seen on nats-server 2.9 under load) is noticed
    // within about a second instead of the client's default ten. Long pulls: on 2.9, pulls that expired
    // every 2 s were lost now and then under load, each a second in which a window showed nothing new
    // (center bench, spread p99 513–860 ms with 2 s pulls, 84–132 ms with 30 s ones).
    const messages = await consumer.consume({ max_messages: CATCH_UP_BATCH, expires: 30_000, idle_heartbeat: 500 });
    if (generation !== consumerGeneration || isDisposed()) {
      await messages.close();
      return;
    }
    stopConsumer = () => messages.stop();
    lastDelivery = Date.now();
    // What the client does behind the iterator (missed heartbeats, resets, recreations) explains a lag.
    void (async () => {
      for await (const notification of messages.status()) {
        if (generation !== consumerGeneration) break;
        // Pulls expiring (408, discard) and heartbeats are the normal idle traffic.
        if (!NOTEWORTHY_CONSUMER_NOTICES.has(notification.type)) continue;
        logger.info({ notification }, 'center consumer notice');
      }
    })().catch(() => undefined);
    // The ordered consumer recreates itself when its server goes away (missed heartbeats); the
    // watchdog below restarts it only when it is stuck behind the stream for long.
    void (async () => {
      for await (const message of messages) {
        if (generation !== consumerGeneration) break;
        lastDelivery = Date.now();
        pending.push(message);
        lastStreamSeq = Math.max(lastStreamSeq, message.seq + message.info.pending);
        // Live traffic is applied at once; catching up, events are gathered into large batches
        // (one commit each) until the stream is read to its end.
        if (message.info.pending === 0 || pending.length >= CATCH_UP_BATCH) {
          if (flushScheduled !== 'now') {
            flushScheduled = 'now';
            setImmediate(applyPending);
          }
        } else if (flushScheduled === null) {
          flushScheduled = 'soon';
          // Catching up, the pull's other messages are on their way: a batch is one pull, one commit.
          flushTimer = setTimeout(applyPending, message.info.pending >= BULK_BATCH ? CATCH_UP_WAIT_MS : LIVE_WAIT_MS);
          flushTimer.unref();
        }
      }
    })()
      .catch((error: unknown) => logger.warn({ err: error }, 'center consumer ended'))
      .finally(() => {
        if (generation === consumerGeneration && !disposed) setTimeout(restartConsumer, 500).unref();
      });
  };
  const restartConsumer = (): void => {
    if (disposed) return;
    startConsumer().catch((error: unknown) => {
      logger.warn({ err: error }, 'could not start the center consumer; trying again');
      setTimeout(restartConsumer, 1_000).unref();
    });
  };
  const watchConsumer = (): void => {
    // The stream has more than this console applied and nothing came for a while: start over.
    if (link === 'connected' && lastStreamSeq > store.appliedStreamSeq() && Date.now() - lastDelivery > 10_000) {
      logger.warn({ lastStreamSeq, applied: store.appliedStreamSeq() }, 'center consumer stalled; restarting it');
      lastDelivery = Date.now();
      restartConsumer();
    }
  };

  // --- publishing the outbox --------------------------------------------------------------------
  let publishing: Promise<void> | null = null;
  let publishAgain = false;
  const publishOutbox = async (): Promise<void> => {
    for (;;) {
      const client = js;
      if (!client || link !== 'connected' || !synced) return;
      const batch = store.outbox(PUBLISH_BATCH);
      if (batch.length === 0) return;
      // Sent in commit order on one connection; the store re-folds a record if a retry lands out of order.
      const results = await Promise.allSettled(
        batch.map((event) => {
          const headers = natsHeaders();
          headers.set('Nida-Hlc', event.hlc);
          headers.set('Nida-Console', event.consoleId);
          headers.set('Nida-Actor', event.actor);
          return client.publish(subject, encodeReplicatedEvent(centerCode, event), {
            msgID: event.id,
            headers,
            timeout: config.requestTimeoutMs,
          });
        }),
      );
      const acknowledged = batch.flatMap((event, index) => {
        const result = results[index];
        return result?.status === 'fulfilled' ? [{ eventId: event.id, streamSeq: result.value.seq }] : [];
      });
      store.published(acknowledged);
      const failed = results.find((result) => result.status === 'rejected');
      if (failed) {
        const reason = failed.reason instanceof Error ? failed.reason.message : String(failed.reason);
        logger.warn({ reason, waiting: store.outboxSize() }, 'publishing to the center failed; kept in the outbox');
        probeSoon();
        return;
      }
    }
  };
  const kickPublisher = (): void => {
    if (publishing) {
      publishAgain = true;
      return;
    }
    publishing = publishOutbox()
      .catch((error: unknown) => logger.error({ err: error }, 'center publisher failed'))
      .finally(() => {
        publishing = null;
        if (publishAgain) {
          publishAgain = false;
          kickPublisher();
        }
      });
  };
  const stopKicking = store.onCommit(() => {
    kickPublisher();
    // Cut off, a commit may be a provisional action or a longer outbox: the windows show both.
    if (link !== 'connected') announceStatus();
  });

  // --- presence ---------------------------------------------------------------------------------
  const heartbeat = async (): Promise<void> => {
    const kv = presenceKv;
    if (!kv) return;
    const operator = options.operator();
    const entry: Omit<CenterPresence, 'online'> = {
      consoleCode,
      operator: operator?.name ?? '',
      role: operator?.role ?? 'wall',
      languages: operator?.languages ?? [],
      locked: operator?.locked ?? false,
      profile: options.profile,
      appliedSeq: store.appliedStreamSeq(),
      at: clock.now(),
    };
    presence.set(consoleCode, entry);
    await kv.put(`console.${consoleCode}`, JSON.stringify(entry));
  };
  const watchPresence = async (): Promise<void> => {
    const kv = presenceKv;
    if (!kv) return;
    const watch = await kv.watch({ key: 'console.*' });
    stops.push(() => watch.stop());
    void (async () => {
      for await (const entry of watch) {
        const code = entry.key.slice('console.'.length);
        if (entry.operation !== 'PUT') {
          presence.delete(code);
        } else {
          try {
            presence.set(code, JSON.parse(entry.string()) as Omit<CenterPresence, 'online'>);
          } catch {
            logger.warn({ key: entry.key }, 'unreadable presence entry');
          }
        }
        announceStatus();
      }
    })().catch((error: unknown) => logger.warn({ err: error }, 'presence watch stopped'));
  };

  // --- status -----------------------------------------------------------------------------------
  const status = (): CenterStatus => {
    const now = clock.now();
    const appliedSeq = store.appliedStreamSeq();
    return {
      mode: 'center',
      centerCode,
      consoleCode,
      link,
      since,
      servers: [...config.servers],
      server: link === 'connected' ? (nc?.getServer() ?? null) : null,
      stream: streamSummary,
      appliedSeq,
      lag: Math.max(0, lastStreamSeq - appliedSeq),
      outbox: store.outboxSize(),
      catchUp: lastCatchUp,
      claims: claimTimes.summary(),
      joinedFromSnapshot: lastJoin,
      provisional: provisionalSubjects(),
      refused: { ...refused },
      consoles: [...presence.values()]
        .map((entry) => ({ ...entry, online: now - entry.at < PRESENCE_TTL_MS }))
        .sort((a, b) => a.consoleCode.localeCompare(b.consoleCode)),
      problem,
    };
  };
  let announceTimer: NodeJS.Timeout | null = null;
  const announceStatus = (): void => {
    if (announceTimer || disposed) return;
    announceTimer = setTimeout(() => {
      announceTimer = null;
      if (!disposed) options.publish('onCenterStatus', status());
    }, 200);
  };
  /** Reads the stream's state; `connecting` lets the first read happen before the link is declared up. */
  const refreshStream = async (connecting = false): Promise<void> => {
    if (!nc || (link !== 'connected' && !connecting)) return;
    jsm ??= await jetstreamManager(nc, { timeout: config.requestTimeoutMs });
    const info = await jsm.streams.info(names.stream);
    lastStreamSeq = Math.max(lastStreamSeq, info.state.last_seq);
    streamSummary = {
      name: names.stream,
      messages: info.state.messages,
      lastSeq: info.state.last_seq,
      bytes: info.state.bytes,
      replicas: info.config.num_replicas,
      leader: info.cluster?.leader ?? null,
    };
  };

  // --- exclusive claims ----------------------------------------------------------------------------
  const claimTimes = new ClaimTimes();
  const newToken = (): string => `${consoleCode}:${String(clock.now())}:${Math.random().toString(36).slice(2)}`;
  /**
   * Create-if-absent on the claims bucket. Never waits on a link that is down (the action goes ahead
   * provisionally at once), and at most one request timeout on a link that does not answer.
   */
  const claimKey = async (key: string, holder: ClaimHolder, token = newToken()): Promise<ClaimOutcome> => {
    const value = JSON.stringify({ ...holder, token, at: clock.now() });
    const asked = performance.now();
    const deadline = Date.now() + config.requestTimeoutMs;
    for (let attempt = 0; ; attempt++) {
      const kv = claimsKv;
      if (!kv || link !== 'connected' || !nc || nc.isClosed()) return { status: 'pending', token };
      try {
        await kv.create(key, value);
        claimTimes.add(performance.now() - asked);
        return { status: 'won' };
      } catch (error) {
        const existing = await kv.get(key).catch(() => null);
        if (existing?.operation === 'PUT') {
          claimTimes.add(performance.now() - asked);
          const held = JSON.parse(existing.string()) as ClaimHolder & { token?: string };
          // Our own create was applied but its answer was lost (a leader failed over): we won.
          if (held.token === token) return { status: 'won' };
          return { status: 'lost', holder: held };
        }
        logger.debug({ err: error, key }, 'claim not answered');
      }
      if (Date.now() >= deadline) {
        probeSoon();
        return { status: 'pending', token };
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(250, 25 * 2 ** attempt)));
    }
  };
  const claims: ExclusiveClaims = { centerWide: true, claim: claimKey };

  /** The calls and units this console holds provisionally (the windows mark them). */
  const provisionalSubjects = (): CenterStatus['provisional'] => {
    const pending = store.provisionalClaims();
    return {
      calls: pending.filter((claim) => claim.kind === 'answer').map((claim) => claim.subjectId),
      units: pending.filter((claim) => claim.kind === 'assign').map((claim) => claim.subjectId),
    };
  };

  /**
   * Asks the center again for every provisional action, oldest first, with the claim's own token.
   * Confirmed: it is no longer provisional. Refused: a conflict record, an event every console folds,
   * voids the losing events and lists both sides for the shift lead.
   */
  const settleProvisional = async (): Promise<void> => {
    for (const claim of store.provisionalClaims()) {
      const outcome = await claimKey(claim.key, { ...claim.holder, kind: claim.kind }, claim.token);
      if (outcome.status === 'pending') return;
      if (outcome.status === 'lost') {
        const conflictId = derivedEventId(`conflict:${claim.key}:${claim.token}`, claim.createdAt);
        const label =
          claim.kind === 'assign'
            ? (store.units.get(claim.subjectId)?.callsign ?? claim.subjectId)
            : (store.getCall(claim.subjectId)?.callerNumber ?? claim.subjectId);
        store.atomically('record conflict', () => {
          store.appendConflictEvent(
            conflictId,
            {
              type: 'conflict.recorded',
              payload: {
                kind: claim.kind === 'assign' ? 'unit-assignment' : 'call-answer',
                subjectId: claim.subjectId,
                subjectLabel: label,
                winner: {
                  console: outcome.holder.console,
                  operator: outcome.holder.operator,
                  incidentId: outcome.holder.incidentId ?? null,
                },
                loser: {
                  console: consoleCode,
                  operator: claim.holder.operator,
                  incidentId: claim.incidentId,
                  at: claim.createdAt,
                  voidedEventIds: [...claim.eventIds],
                },
              },
            },
            `console:${consoleCode}`,
            conflictId,
          );
          store.settleProvisionalClaim(claim.key);
        });
        logger.warn({ key: claim.key, winner: outcome.holder }, 'a provisional action lost: conflict recorded');
      } else {
        store.settleProvisionalClaim(claim.key);
        logger.info({ key: claim.key }, 'provisional action confirmed by the center');
      }
      announceStatus();
    }
  };

  // --- the link's health, and the sequence on every (re)connection --------------------------------------
  /** Catch up first, then drop what the stream already holds, settle provisional actions, then publish. */
  const sync = (): void => {
    syncing ??= (async () => {
      try {
        await refreshStream(true);
        const target = lastStreamSeq;
        await new Promise<void>((resolve) => {
          if (store.appliedStreamSeq() >= target) resolve();
          else caughtUpWaiters.push({ target, resolve });
        });
        // Published just before the link dropped (perhaps past the de-duplication window): the stream's
        // copy is already applied here, and this console's last event on its own subject says how far.
        let lastOwn: string | null = null;
        try {
          const message = await jsm?.streams.getMessage(names.stream, { last_by_subj: subject });
          const decoded = message ? decodeReplicatedEvent(message.data, centerCode) : null;
          lastOwn = decoded?.ok ? decoded.event.id : null;
        } catch (error) {
          if (!isNotFound(error)) throw error;
        }
        const dropped = store.dropPublishedFromOutbox(lastOwn);
        if (dropped > 0) logger.info({ dropped }, 'outbox events already on the stream were not sent again');
        await settleProvisional();
        if (link === 'connected') {
          synced = true;
          kickPublisher();
          announceStatus();
        }
      } catch (error) {
        logger.warn({ err: error }, 'could not resynchronise with the center; trying again');
        probeSoon();
      } finally {
        syncing = null;
      }
    })();
  };

  let probing = false;
  /** Whether the servers can confirm writes: the stream's leader answers within the timeout. */
  /**
   * The heartbeat is also the write check: a stream leader cut off from its peers still answers reads
   * for a while, but a write it cannot commit fails. Once one failed, the probe writes too, and the
   * link stays down until a write goes through again.
   */
  let writesFailing = false;
  const checkedHeartbeat = async (): Promise<void> => {
    try {
      await heartbeat();
      writesFailing = false;
    } catch (error) {
      writesFailing = true;
      if (link === 'connected')
        setLink(
          'lost',
          `the center's servers cannot confirm writes (no quorum?): ${error instanceof Error ? error.message : String(error)}`,
        );
      throw error;
    }
  };

  const probe = async (): Promise<void> => {
    if (probing || !nc || nc.isClosed() || disposed) return;
    probing = true;
    try {
      await refreshStream(true);
      if (writesFailing) await checkedHeartbeat();
      if (link !== 'connected') setLink('connected', null);
      if (!synced) sync();
      else if (store.provisionalClaims().length > 0) await settleProvisional();
      watchConsumer();
      announceStatus();
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      if (isNotFound(error))
        setLink(
          'lost',
          `the center's stream ${names.stream} does not exist: run \`nida center init\` (docs/center.md)`,
        );
      else if (link === 'connected' || link === 'connecting')
        setLink('lost', `the center's servers cannot confirm writes (no quorum?): ${text}`);
    } finally {
      probing = false;
    }
  };
  const probeSoon = (): void => {
    setImmediate(() => void probe());
  };

  // --- snapshots: joining without replaying years, and taking them -------------------------------------
  let lastSnapshotSeq = 0;
  let lastJoin: { streamSeq: number; ms: number; bytes: number } | null = null;
  const connection = (): NatsConnection => {
    if (!nc) throw new Error('not connected to the center');
    return nc;
  };

  /** A console with an empty log loads the center's latest snapshot, then reads only the tail. */
  const joinFromSnapshot = async (): Promise<void> => {
    if (!config.joinFromSnapshot || store.appliedStreamSeq() > 0 || store.hasAnyEvent()) return;
    const started = Date.now();
    const stored = await getSnapshot(connection(), names, centerCode);
    if (!stored) return;
    store.importSnapshot(stored.snapshot);
    lastSnapshotSeq = stored.snapshot.streamSeq;
    lastJoin = { streamSeq: stored.snapshot.streamSeq, ms: Date.now() - started, bytes: stored.bytes };
    logger.info(lastJoin, 'joined the center from its snapshot');
  };

  const takeSnapshot = async (): Promise<StoredSnapshot> => {
    const stored = await putSnapshot(connection(), names, store.exportSnapshot(consoleCode));
    lastSnapshotSeq = stored.streamSeq;
    logger.info(stored, 'center snapshot stored');
    return stored;
  };

  /** The position with the lowest code online takes a snapshot when the stream has grown enough. */
  const maybeSnapshot = async (): Promise<void> => {
    if (config.snapshotEvery === 0 || link !== 'connected' || !synced) return;
    const online = [...presence.values()]
      .filter((entry) => clock.now() - entry.at < PRESENCE_TTL_MS)
      .map((entry) => entry.consoleCode)
      .sort();
    if (online[0] !== consoleCode) return;
    if (lastSnapshotSeq === 0) lastSnapshotSeq = await storedSnapshotSeq(connection(), names);
    if (store.appliedStreamSeq() - lastSnapshotSeq < config.snapshotEvery) return;
    await takeSnapshot();
  };

  // --- connecting ---------------------------------------------------------------------------------
  const connected = async (connection: NatsConnection): Promise<void> => {
    nc = connection;
    js = jetstream(connection, { timeout: config.requestTimeoutMs });
    const kvm = new Kvm(connection);
    for (;;) {
      try {
        await refreshStream(true);
        claimsKv = await kvm.open(names.claimsBucket, { timeout: config.requestTimeoutMs });
        presenceKv = await kvm.open(names.presenceBucket, { timeout: config.requestTimeoutMs });
        break;
      } catch (error) {
        const detail = isNotFound(error)
          ? `the center's stream ${names.stream} does not exist: run \`nida center init\` (docs/center.md)`
          : `the center's stream cannot be read: ${error instanceof Error ? error.message : String(error)}`;
        setLink('lost', detail);
        logger.error({ detail }, 'center stream unavailable');
        await new Promise((resolve) => setTimeout(resolve, 2_000));
        if (isDisposed()) return;
      }
    }
    await joinFromSnapshot().catch((error: unknown) =>
      logger.error({ err: error }, 'could not join from the center snapshot; replaying the stream'),
    );
    setLink('connected', null);
    restartConsumer();
    await watchPresence();
    await heartbeat().catch((error: unknown) => logger.warn({ err: error }, 'heartbeat failed'));
    sync();
    void (async () => {
      for await (const event of connection.status()) {
        if (disposed) return;
        if (event.type === 'disconnect') setLink('reconnecting', `disconnected from ${event.server}`);
        else if (event.type === 'reconnecting') setLink('reconnecting', problem);
        else if (event.type === 'reconnect') probeSoon();
        else if (event.type === 'close') setLink('lost', 'connection closed');
      }
    })().catch((error: unknown) => logger.warn({ err: error }, 'center status watch stopped'));
  };

  links.report(CENTER_LINK_ID, 'center', config.servers.join(', '), 'connecting');
  void connectCenter(config, options.dataDir, `nida ${centerCode}/${consoleCode}`, { waitOnFirstConnect: true })
    .then(async (connection) => {
      if (disposed) {
        await connection.close();
        return;
      }
      await connected(connection);
    })
    .catch((error: unknown) => {
      const detail = error instanceof Error ? error.message : String(error);
      setLink('lost', detail);
      logger.error({ err: error }, 'could not connect to the center');
    });

  timers.push(
    setInterval(() => {
      checkedHeartbeat().catch((error: unknown) => logger.warn({ err: error }, 'heartbeat failed'));
    }, HEARTBEAT_MS),
    setInterval(() => {
      void probe();
      kickPublisher();
    }, PROBE_MS),
    setInterval(() => {
      maybeSnapshot().catch((error: unknown) => logger.warn({ err: error }, 'center snapshot not taken'));
    }, 60_000),
  );
  for (const timer of timers) timer.unref();

  return {
    handlers: { status: () => status() },
    takeSnapshot,
    claims,
    status,
    flush: async () => {
      kickPublisher();
      while (publishing) await publishing;
    },
    announcePresence: () => {
      heartbeat().catch((error: unknown) => logger.warn({ err: error }, 'presence not announced'));
    },
    onlinePositions: () =>
      [...presence.values()]
        .filter((entry) => clock.now() - entry.at < PRESENCE_TTL_MS)
        .map((entry) => entry.consoleCode),
    // Nothing to apply at the consumer's start: no batch ends the catch-up, yet it is over.
    catchingUp: () => catchingUp !== null && store.appliedStreamSeq() < catchingUp.target,
    whenCaughtUp: async (timeoutMs = 30_000) => {
      const deadline = Date.now() + timeoutMs;
      while (link !== 'connected' || !js || !synced) {
        if (Date.now() > deadline) throw new Error(`not connected to the center: ${problem ?? link}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      await refreshStream();
      const target = lastStreamSeq;
      if (store.appliedStreamSeq() >= target) return;
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`not caught up: applied ${String(store.appliedStreamSeq())} of ${String(target)}`)),
          Math.max(0, deadline - Date.now()),
        );
        caughtUpWaiters.push({
          target,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
      });
    },
    async dispose() {
      if (disposed) return;
      disposed = true;
      stopKicking();
      for (const timer of timers) clearTimeout(timer);
      if (announceTimer) clearTimeout(announceTimer);
      if (publishing) await publishing.catch(() => undefined);
      stopConsumer?.();
      for (const stop of stops.splice(0)) await stop();
      applyPending();
      // The heartbeat entry ages out by itself; closing tells the other positions at once.
      await presenceKv?.delete(`console.${consoleCode}`).catch(() => undefined);
      await nc?.close().catch(() => undefined);
    },
  };
}

/** How long the center took to answer this console's claims: the last 1,000, for the status. */
class ClaimTimes {
  private readonly recent: number[] = [];
  private answered = 0;

  add(ms: number): void {
    this.answered += 1;
    this.recent.push(ms);
    if (this.recent.length > 1_000) this.recent.shift();
  }

  summary(): CenterStatus['claims'] {
    if (this.recent.length === 0) return null;
    const sorted = [...this.recent].sort((a, b) => a - b);
    const at = (quantile: number): number =>
      Math.round((sorted[Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))] ?? 0) * 100) / 100;
    return { answered: this.answered, p50Ms: at(0.5), p99Ms: at(0.99) };
  }
}
