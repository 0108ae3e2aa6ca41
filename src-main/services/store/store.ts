import { join } from 'node:path';
import type { Database, Statement } from 'better-sqlite3';
import type { SearchHit, TimelineEntry } from '../../../src-shared/contract/api';
import { AppError } from '../../../src-shared/contract/errors';
import { newCallId, newEventId, newIncidentId } from '../../../src-shared/contract/ids';
import { decodeHlc, encodeHlc, HybridLogicalClock, type Hlc } from '../../../src-shared/domain/hlc';
import {
  IncidentEventError,
  incidentEventPayloads,
  type IncidentEvent,
  type IncidentEventPayload,
  type IncidentEventType,
  type IncidentRecord,
} from '../../../src-shared/domain/incident';
import {
  CallEventError,
  callEventPayloads,
  type CallEvent,
  type CallEventPayload,
  type CallEventType,
  type CallRecord,
} from '../../../src-shared/domain/call';
import type { Clock } from '../runtime/clock';
import type { Logger } from '../runtime/logger';
import { AuditTrail, eventDigest, type AuditAction, type VerifyResult } from './audit';
import { checkIntegrity, migrate, openDatabase, type Durability } from './database';
import { CallProjection } from './callProjection';
import { DraftRepository } from './draftRepository';
import { IncidentNumbers } from './incidentNumbers';
import { LATEST_SCHEMA_VERSION, SchemaTooNewError } from './migrations';
import { IncidentProjection } from './incidentProjection';
import { StoreQueries, type OpenQueueFilter } from './queries';
import { RawInputLog } from './rawInputs';
import { IncidentSearch } from './search';
import { StoreUnavailableError, storageError } from './storeErrors';
import { TrailRepository } from './trailRepository';
import { UnitRepository } from './unitRepository';

export type { OpenQueueFilter };

export interface StoreOptions {
  readonly path: string;
  readonly centerCode: string;
  readonly consoleCode: string;
  readonly timeZone: string;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly durability?: Durability;
  readonly nativeBinding?: string;
  /** Milliseconds a write waits for another connection's lock before failing with STORAGE (default 5 s). */
  readonly busyTimeoutMs?: number;
  /** Where backups are kept; named in the message when the database fails its check. */
  readonly backupDir?: string;
  readonly latestBackup?: () => string | null;
}

export interface StoreStatus {
  readonly path: string;
  readonly writable: boolean;
  /** Why writes are refused, when they are. */
  readonly problem: string | null;
  readonly schemaVersion: number;
}

export interface NewIncident {
  readonly typeCode: string;
  readonly priority: IncidentEventPayload<'incident.created'>['priority'];
  readonly priorityReason?: string;
  readonly agencies: readonly string[];
  readonly location?: IncidentEventPayload<'incident.created'>['location'];
  readonly address?: string;
  readonly callerName?: string;
  readonly callerNumber?: string;
  readonly callId?: string;
  readonly receivedAt?: number;
  readonly answeredAt?: number;
  /** First narrative entry, stored as its own note event in the same transaction. */
  readonly note?: string;
}

interface EventRow {
  seq: number;
  id: string;
  stream: string;
  stream_id: string;
  incident_id: string | null;
  type: string;
  payload: string;
  hlc: string;
  at: number;
  actor: string;
  console_id: string;
}

type EventStream = 'incident' | 'call' | 'unit';

/**
 * What one committed transaction changed: the ids of the incidents, calls and units whose events
 * it appended, in the order they were first touched. The host turns each into one event for every
 * window; the same path serves events replicated from other consoles.
 */
export interface CommittedChanges {
  readonly incidents: readonly string[];
  readonly calls: readonly string[];
  readonly units: readonly string[];
}

export type CommitListener = (changes: CommittedChanges) => void;

/** What every event carries besides its stream, type and payload. */
interface EventEnvelope {
  readonly id: string;
  readonly at: number;
  readonly hlc: string;
  readonly actor: string;
  readonly consoleId: string;
}

export type PendingCallEvent = {
  [T in CallEventType]: { type: T; payload: CallEventPayload<T> };
}[CallEventType];

type PendingEvent = { [T in IncidentEventType]: { type: T; payload: IncidentEventPayload<T> } }[IncidentEventType];

/**
 * The console's durable store: an append-only event log with the projections the UI reads and
 * the audit chain, all written in one transaction per change. One database file per profile.
 *
 * The store owns its SQL and its connection: services read through `queries` and reach the tables
 * they keep (units, the AVL trail, raw inputs, intake drafts) through the store's repositories.
 */
export class Store {
  readonly status: StoreStatus;
  /** The SQL reads beyond a single record: queues, timelines, KPI, EIDO and outage-log reads. */
  readonly queries: StoreQueries;
  private readonly db: Database;
  private readonly hlc: HybridLogicalClock;
  private readonly audit: AuditTrail;
  private readonly incidents: IncidentProjection;
  private readonly calls: CallProjection;
  private readonly numbers: IncidentNumbers;
  private readonly searchIndex: IncidentSearch;
  private readonly insertEvent: Statement<
    [string, string, string, string | null, string, string, string, number, string, string],
    { seq: number }
  >;
  private repositories: {
    units?: UnitRepository;
    trail?: TrailRepository;
    rawInputs?: RawInputLog;
    drafts?: DraftRepository;
  } = {};
  private closed = false;
  /** Nesting of `write` (inner writes run as savepoints of the outer transaction). */
  private writeDepth = 0;
  /** Streams touched by the transaction in progress, announced once it commits. */
  private touched = new Map<EventStream, Set<string>>();
  private readonly commitListeners = new Set<CommitListener>();

  private constructor(
    db: Database,
    private readonly options: StoreOptions,
    problem: string | null,
  ) {
    this.db = db;
    this.status = {
      path: options.path,
      writable: problem === null,
      problem,
      schemaVersion: db.pragma('user_version', { simple: true }) as number,
    };
    this.audit = new AuditTrail(db);
    this.incidents = new IncidentProjection(db);
    this.calls = new CallProjection(db);
    this.numbers = new IncidentNumbers(db, options.centerCode, options.consoleCode, options.timeZone);
    this.searchIndex = new IncidentSearch(db);
    this.insertEvent = db.prepare(
      'INSERT INTO events (id, stream, stream_id, incident_id, type, payload, hlc, at, actor, console_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq',
    );
    this.queries = new StoreQueries(db);
    // A damaged store is never written, so its clock need not (and may not be able to) resume.
    this.hlc = new HybridLogicalClock(
      options.consoleCode,
      () => options.clock.now(),
      problem === null ? newestStamp(db, options.consoleCode) : undefined,
    );
  }

  /**
   * Opens the profile's database: integrity check, then migrations. A database that fails the
   * check is opened read-only and refuses every write, with a message naming the latest backup.
   */
  static open(options: StoreOptions): Store {
    let db: Database;
    try {
      db = openDatabase({
        path: options.path,
        ...(options.durability !== undefined && { durability: options.durability }),
        ...(options.nativeBinding !== undefined && { nativeBinding: options.nativeBinding }),
        ...(options.busyTimeoutMs !== undefined && { busyTimeoutMs: options.busyTimeoutMs }),
      });
    } catch (error) {
      throw new StoreUnavailableError(damagedMessage(options, error instanceof Error ? error.message : String(error)));
    }
    try {
      const integrity = checkIntegrity(db);
      if (!integrity.ok) {
        const problem = damagedMessage(options, integrity.problems.slice(0, 3).join('; '));
        options.logger.error(
          { path: options.path, problems: integrity.problems.slice(0, 20) },
          'database failed its integrity check',
        );
        return new Store(db, options, problem);
      }
      migrate(db);
      return new Store(db, options, null);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      db.close();
      // A newer Nida's file is not damaged: restoring an older backup would throw its records away.
      if (error instanceof SchemaTooNewError) throw new StoreUnavailableError(`${options.path}: ${message}`);
      throw new StoreUnavailableError(damagedMessage(options, message));
    }
  }

  /**
   * Opens the profile's database for reading only, beside a console that may be writing it (WAL
   * readers never block the writer and see its latest commit): no check, no migration, every write
   * refused. The schema must be this Nida's.
   */
  static openReadOnly(options: StoreOptions): Store {
    let db: Database;
    try {
      db = openDatabase({
        path: options.path,
        readonly: true,
        ...(options.nativeBinding !== undefined && { nativeBinding: options.nativeBinding }),
      });
    } catch (error) {
      throw new StoreUnavailableError(
        `cannot open ${options.path}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    try {
      const version = db.pragma('user_version', { simple: true }) as number;
      if (version !== LATEST_SCHEMA_VERSION) {
        throw new StoreUnavailableError(
          version > LATEST_SCHEMA_VERSION
            ? `${options.path}: database schema ${version} is newer than this Nida (${LATEST_SCHEMA_VERSION}); update Nida`
            : `${options.path}: database schema ${version} is older than this Nida's (${LATEST_SCHEMA_VERSION}); start the console once to migrate it`,
        );
      }
      return new Store(db, options, 'opened read-only');
    } catch (error) {
      db.close();
      if (error instanceof StoreUnavailableError) throw error;
      throw new StoreUnavailableError(
        `cannot read ${options.path}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  /** Creates an incident (and its first note) in one transaction; allocates its number. */
  createIncident(input: NewIncident, actor: string): IncidentRecord {
    return this.write('create incident', () => {
      const incidentId = newIncidentId();
      const now = this.options.clock.now();
      const created: PendingEvent = {
        type: 'incident.created',
        payload: {
          number: this.numbers.allocate(now),
          typeCode: input.typeCode,
          priority: input.priority,
          agencies: [...input.agencies],
          ...(input.location && { location: input.location }),
          ...(input.address !== undefined && { address: input.address }),
          ...(input.callerName !== undefined && { callerName: input.callerName }),
          ...(input.callerNumber !== undefined && { callerNumber: input.callerNumber }),
          ...(input.callId !== undefined && { callId: input.callId }),
          ...(input.priorityReason !== undefined && { priorityReason: input.priorityReason }),
          ...(input.receivedAt !== undefined && { receivedAt: input.receivedAt }),
          ...(input.answeredAt !== undefined && { answeredAt: input.answeredAt }),
        },
      };
      let record = this.appendInTransaction(incidentId, created, actor);
      if (input.note)
        record = this.appendInTransaction(
          incidentId,
          { type: 'incident.noteAdded', payload: { noteId: newEventId(), text: input.note } },
          actor,
        );
      return record;
    });
  }

  /** Appends one event to an existing incident; `expectedVersion` guards against lost updates. */
  appendIncidentEvent(
    incidentId: string,
    event: PendingEvent,
    actor: string,
    expectedVersion?: number,
  ): IncidentRecord {
    return this.write(`append ${event.type}`, () => {
      if (expectedVersion !== undefined) {
        const current = this.incidents.get(incidentId);
        if (current && current.version !== expectedVersion) {
          throw new AppError(
            'CONFLICT',
            `incident ${current.number} changed (version ${current.version}, expected ${expectedVersion})`,
          );
        }
      }
      return this.appendInTransaction(incidentId, event, actor);
    });
  }

  /**
   * Appends one unit event (roster change, status change) to the log with its audit row; `project`
   * writes the unit tables with the event's timestamp and may refuse by throwing. One transaction
   * (or part of the caller's, inside `atomically`).
   */
  appendUnitEvent<R>(
    unitId: string,
    incidentId: string | null,
    type: string,
    payload: unknown,
    actor: string,
    project: (at: number) => R,
  ): R {
    return this.write(`append ${type}`, () =>
      this.appendEvent('unit', unitId, incidentId, type, payload, actor, (envelope) => project(envelope.at)),
    );
  }

  /** Stores a new call (the first record of a ring), waiting in the queue. */
  receiveCall(received: CallEventPayload<'call.received'>, actor: string): CallRecord {
    return this.write('receive call', () =>
      this.appendCallInTransaction(newCallId(), { type: 'call.received', payload: received }, actor),
    );
  }

  /** Appends one event to a call (rebid, answer, link, release); refused with CONFLICT when it does not fit. */
  appendCallEvent(callId: string, event: PendingCallEvent, actor: string, expectedVersion?: number): CallRecord {
    return this.write(`append ${event.type}`, () => {
      const current = this.calls.get(callId);
      if (!current) throw new AppError('NOT_FOUND', `no call ${callId}`);
      if (expectedVersion !== undefined && current.version !== expectedVersion) {
        throw new AppError('CONFLICT', `call changed (version ${current.version}, expected ${expectedVersion})`);
      }
      return this.appendCallInTransaction(callId, event, actor);
    });
  }

  getCall(id: string): CallRecord | null {
    return this.read(() => this.calls.get(id));
  }

  /** Calls waiting or being taken, oldest first. */
  listActiveCalls(limit: number): CallRecord[] {
    return this.read(() => this.calls.listActive(limit));
  }

  /** Calls from one callback number since a time, newest first (ALI rebids, repeat callers). */
  callsFromNumberSince(callerNumber: string, since: number): CallRecord[] {
    return this.read(() => this.calls.fromNumberSince(callerNumber, since));
  }

  /**
   * Runs several store writes as one transaction (e.g. create an incident from a call and link
   * the call): all of them are saved, or none.
   */
  atomically<T>(action: string, work: () => T): T {
    return this.write(action, work);
  }

  /** Appends a security-relevant action (login, settings change, export) to the audit chain. */
  recordAction(action: Omit<AuditAction, 'at' | 'consoleId'>): void {
    this.write(`record ${action.action}`, () => {
      this.audit.append({ ...action, at: this.options.clock.now(), consoleId: this.options.consoleCode });
    });
  }

  getIncident(id: string): IncidentRecord | null {
    return this.read(() => this.incidents.get(id));
  }

  timeline(incidentId: string): TimelineEntry[] {
    return this.read(() => this.queries.timeline(incidentId));
  }

  listOpen(filter: OpenQueueFilter): IncidentRecord[] {
    return this.read(() => this.queries.openIncidents(filter));
  }

  search(query: string, limit: number): SearchHit[] {
    return this.read(() => this.searchIndex.search(query, limit));
  }

  verifyAudit(): VerifyResult {
    return this.read(() => this.audit.verify());
  }

  /**
   * Rebuilds every projection from the event log in one transaction. The result is identical to
   * what the live path wrote (tested), which is how a projection bug gets repaired after a fix.
   */
  rebuildProjections(): { events: number } {
    return this.write('rebuild projections', () => {
      for (const table of [...IncidentProjection.tables, ...CallProjection.tables]) {
        this.db.prepare(`DELETE FROM ${table}`).run();
      }
      // Pages, because better-sqlite3 cannot write while a statement is still iterating.
      const page = this.db.prepare<[number], EventRow>('SELECT * FROM events WHERE seq > ? ORDER BY seq LIMIT 5000');
      let events = 0;
      for (let after = 0, rows = page.all(after); rows.length > 0; rows = page.all(after)) {
        for (const row of rows) {
          if (row.stream === 'incident') this.incidents.apply(incidentEventOf(row));
          else if (row.stream === 'call') this.calls.apply(callEventOf(row));
          after = row.seq;
        }
        events += rows.length;
      }
      return { events };
    });
  }

  /**
   * Calls `listener` after every committed write with what it changed (never for a rolled-back
   * one). Listeners run synchronously, in registration order, before the writer returns: a
   * service that keeps a cache registers before the host's event fan-out. Returns the unsubscribe.
   */
  onCommit(listener: CommitListener): () => void {
    this.commitListeners.add(listener);
    return () => this.commitListeners.delete(listener);
  }

  /** How commits reach the disk from now on (the store benchmark compares both on one store). */
  setDurability(durability: Durability): void {
    this.assertOpen();
    this.db.pragma(`synchronous = ${durability}`);
  }

  /** Online backup to `destination` (consistent while the console keeps writing). */
  async backup(destination: string): Promise<void> {
    this.assertOpen();
    await this.db.backup(destination);
  }

  /** The `units` and `unit_status_history` tables (the unit service writes them inside `atomically`). */
  get units(): UnitRepository {
    this.assertOpen();
    return (this.repositories.units ??= new UnitRepository(this.db));
  }

  /** The downsampled AVL trail (`positions_trail`). */
  get trail(): TrailRepository {
    this.assertOpen();
    return (this.repositories.trail ??= new TrailRepository(this.db));
  }

  /** Serial frames and unparseable payloads as received, stored before they are parsed. */
  get rawInputs(): RawInputLog {
    this.assertOpen();
    return (this.repositories.rawInputs ??= new RawInputLog(this.db));
  }

  /** Intakes in progress (working state, not events). */
  get drafts(): DraftRepository {
    this.assertOpen();
    return (this.repositories.drafts ??= new DraftRepository(this.db));
  }

  /**
   * Bulk loading (the seeder, benchmarks): `run` wraps each store call in `call`, and every `size`
   * calls share one transaction, each call's own transaction becoming a savepoint inside it (so
   * nothing else changes). A failure rolls back the open batch; committed batches stay.
   */
  inBatches<T>(size: number, run: (call: <R>(work: () => R) => R) => T): T {
    this.assertOpen();
    if (size <= 1) return run((work) => work());
    let calls = 0;
    const call = <R>(work: () => R): R => {
      if (calls % size === 0) this.db.exec('BEGIN IMMEDIATE');
      const result = work();
      calls += 1;
      if (calls % size === 0) this.db.exec('COMMIT');
      return result;
    };
    try {
      const result = run(call);
      if (this.db.inTransaction) this.db.exec('COMMIT');
      return result;
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw error;
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }

  private appendInTransaction(incidentId: string, pending: PendingEvent, actor: string): IncidentRecord {
    const parsed = incidentEventPayloads[pending.type].safeParse(pending.payload);
    if (!parsed.success) throw new AppError('INVALID_ARGUMENT', `${pending.type}: ${parsed.error.message}`);
    return this.appendEvent('incident', incidentId, incidentId, pending.type, parsed.data, actor, (envelope) => {
      try {
        return this.incidents.apply({
          ...envelope,
          incidentId,
          type: pending.type,
          payload: parsed.data,
        } as IncidentEvent);
      } catch (error) {
        if (error instanceof IncidentEventError) {
          throw new AppError(error.kind === 'missing' ? 'NOT_FOUND' : 'CONFLICT', error.message);
        }
        throw error;
      }
    });
  }

  private appendCallInTransaction(callId: string, pending: PendingCallEvent, actor: string): CallRecord {
    const parsed = callEventPayloads[pending.type].safeParse(pending.payload);
    if (!parsed.success) throw new AppError('INVALID_ARGUMENT', `${pending.type}: ${parsed.error.message}`);
    const incidentId = pending.type === 'call.linked' ? pending.payload.incidentId : null;
    return this.appendEvent('call', callId, incidentId, pending.type, parsed.data, actor, (envelope) => {
      try {
        return this.calls.apply({ ...envelope, callId, type: pending.type, payload: parsed.data } as CallEvent);
      } catch (error) {
        if (error instanceof CallEventError) throw new AppError('CONFLICT', error.message);
        throw error;
      }
    });
  }

  /**
   * The one write path of the log: stamps the event, folds it into its projection (which may
   * refuse it), appends the event row and its audit row. Runs inside the caller's transaction.
   */
  private appendEvent<R>(
    stream: EventStream,
    streamId: string,
    incidentId: string | null,
    type: string,
    payload: unknown,
    actor: string,
    project: (envelope: EventEnvelope) => R,
  ): R {
    const stamp = this.hlc.now();
    const envelope: EventEnvelope = {
      id: newEventId(),
      at: stamp.wallMs,
      hlc: encodeHlc(stamp),
      actor,
      consoleId: this.options.consoleCode,
    };
    const record = project(envelope);
    let ids = this.touched.get(stream);
    if (!ids) this.touched.set(stream, (ids = new Set()));
    ids.add(streamId);
    const row: Omit<EventRow, 'seq'> = {
      id: envelope.id,
      stream,
      stream_id: streamId,
      incident_id: incidentId,
      type,
      payload: JSON.stringify(payload),
      hlc: envelope.hlc,
      at: envelope.at,
      actor,
      console_id: this.options.consoleCode,
    };
    this.insertEvent.run(
      row.id,
      row.stream,
      row.stream_id,
      row.incident_id,
      row.type,
      row.payload,
      row.hlc,
      row.at,
      row.actor,
      row.console_id,
    );
    this.audit.append({
      at: envelope.at,
      actor,
      consoleId: this.options.consoleCode,
      action: `event:${type}`,
      subject: `${stream}:${streamId}`,
      details: { eventId: envelope.id, digest: eventDigest(row) },
    });
    return record;
  }

  private write<T>(action: string, work: () => T): T {
    this.assertOpen();
    if (this.status.problem !== null) throw storageError(new StoreUnavailableError(this.status.problem), action);
    const outermost = this.writeDepth === 0;
    this.writeDepth++;
    let result: T;
    try {
      result = this.db.transaction(work).immediate();
    } catch (error) {
      if (outermost) this.touched = new Map();
      if (error instanceof AppError && error.code !== 'STORAGE') throw error;
      const failure = storageError(error, action);
      this.options.logger.error({ err: error, action }, 'store write failed');
      throw failure;
    } finally {
      this.writeDepth--;
    }
    if (outermost) this.announceCommit();
    return result;
  }

  private announceCommit(): void {
    if (this.touched.size === 0) return;
    const touched = this.touched;
    this.touched = new Map();
    const changes: CommittedChanges = {
      incidents: [...(touched.get('incident') ?? [])],
      calls: [...(touched.get('call') ?? [])],
      units: [...(touched.get('unit') ?? [])],
    };
    for (const listener of this.commitListeners) {
      try {
        listener(changes);
      } catch (error) {
        // The transaction is committed: a failing listener must not turn it into an error for the writer.
        this.options.logger.error({ err: error }, 'commit listener failed');
      }
    }
  }

  private read<T>(work: () => T): T {
    this.assertOpen();
    try {
      return work();
    } catch (error) {
      throw storageError(error, 'read');
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new AppError('UNAVAILABLE', 'the store is closed');
  }
}

/** This console's newest stored timestamp, so that a restarted clock never goes back. */
function newestStamp(db: Database, consoleCode: string): Hlc | undefined {
  const newest = db
    .prepare<[string], { hlc: string }>('SELECT hlc FROM events WHERE console_id = ? ORDER BY hlc DESC LIMIT 1')
    .get(consoleCode);
  return newest ? (decodeHlc(newest.hlc) ?? undefined) : undefined;
}

function callEventOf(row: EventRow): CallEvent {
  return {
    id: row.id,
    callId: row.stream_id,
    type: row.type as CallEventType,
    payload: JSON.parse(row.payload) as never,
    at: row.at,
    hlc: row.hlc,
    actor: row.actor,
    consoleId: row.console_id,
  };
}

function incidentEventOf(row: EventRow): IncidentEvent {
  return {
    id: row.id,
    incidentId: row.stream_id,
    type: row.type as IncidentEventType,
    payload: JSON.parse(row.payload) as never,
    at: row.at,
    hlc: row.hlc,
    actor: row.actor,
    consoleId: row.console_id,
  };
}

function damagedMessage(options: StoreOptions, detail: string): string {
  const latest = options.latestBackup?.() ?? null;
  const restore = latest
    ? `restore the latest backup: nida db restore --data ${join(options.path, '..')} --from ${latest}`
    : 'no backup was found to restore';
  return `${options.path} failed its integrity check (${detail}); writes are refused. ${restore}`;
}
