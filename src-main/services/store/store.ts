import type { Profile } from '../../../src-shared/contract/schemas';
import { OWNER_KEYS } from './owner';
import { join } from 'node:path';
import type { Database, Statement } from 'better-sqlite3';
import type { SearchHit, TimelineEntry } from '../../../src-shared/contract/api';
import { AppError } from '../../../src-shared/contract/errors';
import { newCallId, newEventId, newIncidentId } from '../../../src-shared/contract/ids';
import type { Alarm } from '../../../src-shared/domain/alarm';
import {
  AlarmEventError,
  alarmEventPayloads,
  type AlarmEventType,
  type PendingAlarmEvent,
} from '../../../src-shared/domain/alarmEvents';
import { unitEventPayloads, type PendingUnitEvent, type UnitEventType } from '../../../src-shared/domain/unitEvents';
import {
  OperatorEventError,
  operatorEventPayloads,
  type OperatorEventType,
  type OperatorRecord,
  type PendingOperatorEvent,
} from '../../../src-shared/domain/operator';
import type { EventStream, StoredEvent } from '../../../src-shared/domain/logEvents';
import {
  ConflictEventError,
  conflictEventPayloads,
  type ConflictEventType,
  type ConflictRecord,
  type PendingConflictEvent,
} from '../../../src-shared/domain/conflict';

export type { EventStream, StoredEvent };
import { decodeHlc, encodeHlc, HybridLogicalClock, type Hlc } from '../../../src-shared/domain/hlc';
import { compactAddress } from '../../../src-shared/domain/iraqiAddress';
import {
  IncidentEventError,
  incidentEventPayloads,
  type IncidentEventPayload,
  type IncidentEventType,
  type IncidentLocation,
  type IncidentRecord,
} from '../../../src-shared/domain/incident';
import type { LatLon } from '../../../src-shared/domain/geo';
import type { LocationName } from '../../../src-shared/domain/locationNames';
import {
  CallEventError,
  callEventPayloads,
  type CallEventPayload,
  type CallEventType,
  type CallRecord,
} from '../../../src-shared/domain/call';
import type { Clock } from '../runtime/clock';
import type { Logger } from '../runtime/logger';
import { AlarmProjection } from './alarmProjection';
import { ConflictProjection } from './conflictProjection';
import { OperatorProjection, type OperatorCredentials } from './operatorProjection';
import { AuditTrail, eventDigest, type AuditAction, type VerifyResult } from './audit';
import { canonicalJson } from './canonicalJson';
import { createHash } from 'node:crypto';
import { DrillRecords } from './drillRecords';
import { checkIntegrity, migrate, openDatabase, type Durability } from './database';
import { CallProjection } from './callProjection';
import { DraftRepository } from './draftRepository';
import { IncidentNumbers } from './incidentNumbers';
import { LATEST_SCHEMA_VERSION, SchemaTooNewError } from './migrations';
import { IncidentProjection } from './incidentProjection';
import { rebuildKpiFacts } from './kpiFacts';
import { StoreQueries, type OpenQueueFilter } from './queries';
import { RawInputLog } from './rawInputs';
import { IncidentSearch, type SearchVocabulary } from './search';
import { StoreUnavailableError, storageError } from './storeErrors';
import { TrailRepository } from './trailRepository';
import {
  readSearchText,
  readSnapshotTables,
  writeSearchText,
  writeSnapshotTables,
  SNAPSHOT_TABLES,
  type Snapshot,
} from './snapshot';
import { UnitProjection } from './unitProjection';
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
  /** Type and place names incidents are also found by; the index is rebuilt at open when its version changes. */
  readonly searchVocabulary?: SearchVocabulary;
  /** The profile this file holds (recorded once as its owner, with the center and console: `databaseOwner`). */
  readonly profile?: Profile;
  /** Names an incident's location when it is set (the place service); none: incidents carry no name. */
  readonly nameLocation?: (point: LatLon) => LocationName;
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
  readonly addressParts?: IncidentEventPayload<'incident.created'>['addressParts'];
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

/** What `applyReplicated` did with an event read from the center's stream. */
export type ReplicatedOutcome =
  /** Folded on top of what this console had. */
  | 'applied'
  /** Folded after re-folding its record in the center's order (this console had written to it first). */
  | 'refolded'
  /** Already in this log (this console's own, or a copy): only its place in the stream is recorded. */
  | 'known';

/** The database belongs to another center (or this center's database was given to another). */
export class CenterMismatchError extends Error {
  override readonly name = 'CenterMismatchError';
}

/**
 * What one committed transaction changed: the ids of the incidents, calls and units whose events
 * it appended, in the order they were first touched. The host turns each into one event for every
 * window; the same path serves events replicated from other consoles.
 */
export interface CommittedChanges {
  readonly incidents: readonly string[];
  readonly calls: readonly string[];
  readonly units: readonly string[];
  readonly alarms: readonly string[];
  readonly conflicts: readonly string[];
  readonly operators: readonly string[];
  /** Applied from the center's stream in bulk (a catch-up): the windows reload their lists instead. */
  readonly bulk: boolean;
}

/** An action this console took provisionally while the center could not confirm it (docs/center.md). */
export interface ProvisionalClaim {
  /** The claim's key in the center's claims bucket (`claim.<callId>`, `assign.<unitId>.<epoch>`). */
  readonly key: string;
  readonly kind: 'answer' | 'assign';
  /** The call or unit. */
  readonly subjectId: string;
  readonly incidentId: string | null;
  /** The claim's token: a retry that finds it under the key knows it won. */
  readonly token: string;
  readonly holder: { readonly console: string; readonly operator: string; readonly incidentId?: string };
  /** The events the action wrote: voided if the claim is lost. */
  readonly eventIds: readonly string[];
  readonly createdAt: number;
}

export type CommitListener = (changes: CommittedChanges) => void;

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
  private readonly alarmProjection: AlarmProjection;
  private readonly conflictProjection: ConflictProjection;
  private readonly operatorProjection: OperatorProjection;
  /** Ids of the events appended while a `captureEventIds` runs (innermost last). */
  private readonly captures: string[][] = [];
  private unitProjection: UnitProjection | null = null;
  /** Center mode: every committed event also goes to the outbox (`joinCenter`). */
  private replicating = false;
  private readonly numbers: IncidentNumbers;
  private readonly searchIndex: IncidentSearch;
  private readonly hasEvent: Statement<[string], { one: number }>;
  private readonly insertEvent: Statement<
    [string, string, string, string | null, string, string, string, number, string, string],
    { seq: number }
  >;
  private repositories: {
    units?: UnitRepository;
    trail?: TrailRepository;
    rawInputs?: RawInputLog;
    drafts?: DraftRepository;
    drillRecords?: DrillRecords;
  } = {};
  private closed = false;
  /** Nesting of `write` (inner writes run as savepoints of the outer transaction). */
  private writeDepth = 0;
  /** Streams touched by the transaction in progress, announced once it commits. */
  private touched = new Map<EventStream, Set<string>>();
  private readonly commitListeners = new Set<CommitListener>();
  /** The commit being written is a bulk application of the stream (`CommittedChanges.bulk`). */
  private bulkCommit = false;

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
    this.incidents = new IncidentProjection(db, options.searchVocabulary);
    this.calls = new CallProjection(db);
    this.alarmProjection = new AlarmProjection(db);
    this.conflictProjection = new ConflictProjection(db);
    this.operatorProjection = new OperatorProjection(db);
    this.numbers = new IncidentNumbers(db, options.centerCode, options.consoleCode, options.timeZone);
    this.searchIndex = new IncidentSearch(db);
    this.insertEvent = db.prepare(
      'INSERT INTO events (id, stream, stream_id, incident_id, type, payload, hlc, at, actor, console_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq',
    );
    this.hasEvent = db.prepare('SELECT 1 AS one FROM events WHERE id = ?');
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
      const store = new Store(db, options, null);
      store.recordOwner();
      store.refreshSearchVocabulary();
      return store;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      db.close();
      // A newer Nida's file is not damaged: restoring an older backup would throw its records away.
      if (error instanceof SchemaTooNewError) throw new StoreUnavailableError(`${options.path}: ${message}`);
      throw new StoreUnavailableError(damagedMessage(options, message));
    }
  }

  /**
   * Rebuilds the incidents' search text when the vocabulary (type names, gazetteer) is not the one
   * the index was built with: existing rows become findable by the new words, once.
   */
  private refreshSearchVocabulary(): void {
    const vocabulary = this.options.searchVocabulary;
    if (!vocabulary) {
      // A tool writing without the vocabulary (db seed, a rebuild) leaves rows without its words:
      // forget the version, so that the next console start re-indexes.
      if (this.meta('search.vocabulary') !== null)
        this.write('forget search vocabulary', () => {
          this.db.prepare("DELETE FROM meta WHERE key = 'search.vocabulary'").run();
        });
      return;
    }
    if (this.meta('search.vocabulary') === vocabulary.version) return;
    this.write('re-index incident search', () => {
      const incidents = this.incidents.reindexIncidents(this.db);
      this.setMeta('search.vocabulary', vocabulary.version);
      this.options.logger.info({ incidents, vocabulary: vocabulary.version }, 'incident search re-indexed');
    });
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
      const addressParts = compactAddress(input.addressParts);
      const created: PendingEvent = {
        type: 'incident.created',
        payload: {
          number: this.numbers.allocate(now),
          typeCode: input.typeCode,
          priority: input.priority,
          agencies: [...input.agencies],
          ...(input.location && { location: input.location }),
          ...(input.address !== undefined && { address: input.address }),
          ...(addressParts && { addressParts }),
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
    eventId?: string,
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
      return this.appendInTransaction(incidentId, event, actor, eventId);
    });
  }

  /**
   * Appends one unit event (roster change, status change, device binding) to the log with its
   * audit row and folds it into the unit tables. One transaction (or part of the caller's, inside
   * `atomically`). Whether the change is allowed is the unit service's decision, made before.
   */
  appendUnitEvent(unitId: string, pending: PendingUnitEvent, actor: string, eventId?: string): void {
    this.write(`append ${pending.type}`, () => {
      const parsed = unitEventPayloads[pending.type].safeParse(pending.payload);
      if (!parsed.success) throw new AppError('INVALID_ARGUMENT', `${pending.type}: ${parsed.error.message}`);
      this.appendEvent('unit', unitId, null, pending.type, parsed.data, actor, eventId);
    });
  }

  /**
   * Appends one event of the operator stream (roster edit, password, enable/disable, lockout,
   * handover) and folds it into the roster. Whether it is allowed is the operator service's decision.
   */
  appendOperatorEvent(operatorId: string, pending: PendingOperatorEvent, actor: string): OperatorRecord {
    return this.write(`append ${pending.type}`, () => {
      const parsed = operatorEventPayloads[pending.type].safeParse(pending.payload);
      if (!parsed.success) throw new AppError('INVALID_ARGUMENT', `${pending.type}: ${parsed.error.message}`);
      this.appendEvent('operator', operatorId, null, pending.type, parsed.data, actor);
      const operator = this.operatorProjection.get(operatorId);
      if (!operator) throw new AppError('NOT_FOUND', `no operator ${operatorId}`);
      return operator;
    });
  }

  getOperator(id: string): OperatorRecord | null {
    return this.read(() => this.operatorProjection.get(id));
  }

  /** The operator with the password hash, to check a sign-in (never for a window). */
  operatorCredentials(id: string): OperatorCredentials | null {
    return this.read(() => this.operatorProjection.credentials(id));
  }

  /** The roster, by sign-in name. */
  listOperators(): OperatorRecord[] {
    return this.read(() => this.operatorProjection.list());
  }

  operatorCount(): number {
    return this.read(() => this.operatorProjection.size());
  }

  /** Whether the log holds any event (a console that has none can join from a snapshot). */
  hasAnyEvent(): boolean {
    return this.read(() => this.db.prepare('SELECT 1 FROM events LIMIT 1').get() !== undefined);
  }

  /** Whether the log holds an event with this id (a derived id another console wrote first, say). */
  hasEventId(eventId: string): boolean {
    return this.read(() => this.hasEvent.get(eventId) !== undefined);
  }

  /**
   * Appends one alarm event and folds it. `eventId` derives the id from the alarm's condition
   * (`derivedEventId`), so that consoles raising the same alarm write one event: when an event with
   * that id is already in the log nothing is written and the alarm is returned as it stands.
   */
  appendAlarmEvent(alarmId: string, pending: PendingAlarmEvent, actor: string, eventId?: string): Alarm {
    return this.write(`append ${pending.type}`, () => {
      const parsed = alarmEventPayloads[pending.type].safeParse(pending.payload);
      if (!parsed.success) throw new AppError('INVALID_ARGUMENT', `${pending.type}: ${parsed.error.message}`);
      if (eventId !== undefined && this.hasEvent.get(eventId)) {
        const current = this.alarmProjection.get(alarmId);
        if (!current) throw new AppError('NOT_FOUND', `no alarm ${alarmId}`);
        return current;
      }
      this.appendEvent('alarm', alarmId, null, pending.type, parsed.data, actor, eventId);
      const alarm = this.alarmProjection.get(alarmId);
      if (!alarm) throw new AppError('NOT_FOUND', `no alarm ${alarmId}`);
      return alarm;
    });
  }

  getAlarm(id: string): Alarm | null {
    return this.read(() => this.alarmProjection.get(id));
  }

  /** Alarms neither acknowledged nor cleared, oldest first. */
  activeAlarms(): Alarm[] {
    return this.read(() => this.alarmProjection.listActive());
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
   * Runs `work` as a transaction and rolls it back, whatever happens: what a write would do (or
   * why it would be refused) without doing it. Nothing is committed, announced or queued.
   */
  rehearse<T>(action: string, work: () => T): T {
    const rehearsal = new RehearsalOver('rehearsal over');
    try {
      this.write(action, () => {
        rehearsal.result = work();
        throw rehearsal;
      });
    } catch (error) {
      if (error !== rehearsal) throw error;
    }
    return rehearsal.result as T;
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
   * Rebuilds every projection from the event log in one transaction, in the center's order (events
   * by their place in the center's stream, then this console's not yet on it, in commit order; the
   * commit order alone for a standalone console). The result is identical to what the live path
   * wrote (tested), which is how a projection bug gets repaired after a fix.
   */
  rebuildProjections(): { events: number } {
    return this.write('rebuild projections', () => {
      for (const table of [
        ...IncidentProjection.tables,
        ...CallProjection.tables,
        ...UnitProjection.tables,
        ...AlarmProjection.tables,
        ...ConflictProjection.tables,
        ...OperatorProjection.tables,
      ]) {
        this.db.prepare(`DELETE FROM ${table}`).run();
      }
      // Pages, because better-sqlite3 cannot write while a statement is still iterating.
      const page = this.db.prepare<[number], EventRow>(`
        SELECT e.seq, e.id, e.stream, e.stream_id, e.incident_id, e.type,
                COALESCE(o.payload, e.payload) AS payload, COALESCE(o.hlc, e.hlc) AS hlc, COALESCE(o.at, e.at) AS at,
                COALESCE(o.actor, e.actor) AS actor, COALESCE(o.console_id, e.console_id) AS console_id
           FROM events e LEFT JOIN stream_positions p ON p.event_id = e.id
           LEFT JOIN event_overrides o ON o.event_id = e.id
         ORDER BY p.stream_seq IS NULL, p.stream_seq, e.seq
         LIMIT 5000 OFFSET ?`);
      let events = 0;
      for (let rows = page.all(0); rows.length > 0; rows = page.all(events)) {
        for (const row of rows) this.fold(storedEventOf(row), 'lenient');
        events += rows.length;
      }
      return { events };
    });
  }

  /**
   * A digest of every projection as the console shows it (incidents, notes, calls, units with their
   * status history, alarms), leaving out local row numbers: two consoles of a center that applied
   * the same stream have the same digest.
   */
  projectionDigest(): string {
    return this.read(() => {
      const hash = createHash('sha256');
      const feed = (label: string, rows: unknown[]): void => {
        hash.update(label);
        for (const row of rows) hash.update(canonicalJson(row));
      };
      // The rows as folded (local row numbers left out), read in one statement per table.
      feed(
        'incidents',
        this.db.prepare(`SELECT ${SNAPSHOT_TABLES.incidents.join(', ')} FROM incidents ORDER BY id`).all(),
      );
      feed('notes', this.db.prepare('SELECT id, incident_id, at, actor, text FROM incident_notes ORDER BY id').all());
      feed(
        'agencies',
        this.db
          .prepare(
            'SELECT incident_id, agency, status, since, open, priority, created_at FROM incident_agencies ORDER BY incident_id, agency',
          )
          .all(),
      );
      feed('calls', this.db.prepare('SELECT id, status, record, version FROM calls ORDER BY id').all());
      feed('units', this.db.prepare('SELECT * FROM units ORDER BY id').all());
      feed(
        'history',
        this.db
          .prepare(
            'SELECT unit_id, status, previous_status, at, source, actor, incident_id, reason FROM unit_status_history ORDER BY unit_id, id',
          )
          .all(),
      );
      feed('alarms', this.db.prepare('SELECT id, active, raised_at, record FROM alarms ORDER BY id').all());
      feed('conflicts', this.db.prepare('SELECT id, open, detected_at, record FROM conflicts ORDER BY id').all());
      feed('voided', this.db.prepare('SELECT event_id, conflict_id FROM voided_events ORDER BY event_id').all());
      feed('operators', this.db.prepare('SELECT id, record, password_hash FROM operators ORDER BY id').all());
      return hash.digest('hex');
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Center mode: the log replicated through the center's stream (docs/center.md)

  /**
   * Binds this database to a center. A database of another center is refused (nothing changed);
   * one that was standalone joins, and every event it holds goes to the outbox to be published once.
   * From now on every committed event is also queued in the outbox.
   */
  joinCenter(centerCode: string): { readonly joined: boolean; readonly queued: number } {
    return this.write('join center', () => {
      const bound = this.meta('center.code');
      if (bound !== null && bound !== centerCode)
        throw new CenterMismatchError(
          `${this.options.path} belongs to center ${bound}, not ${centerCode}: use this center's own data directory (nothing was changed)`,
        );
      this.replicating = true;
      if (bound === centerCode) return { joined: false, queued: 0 };
      this.setMeta('center.code', centerCode);
      const queued = this.db
        .prepare('INSERT OR IGNORE INTO center_outbox (event_id) SELECT id FROM events ORDER BY seq')
        .run().changes;
      return { joined: true, queued };
    });
  }

  /**
   * Runs a creating request once per client request id: a repeat (a client that lost the reply and
   * tries again) gets the record the first one made, read now, instead of a duplicate. The request
   * id is kept in the creating transaction, so an acknowledged-or-not creation is never made twice.
   * Without a request id the work simply runs.
   */
  once<T extends { readonly id: string }>(
    channel: string,
    requestId: string | undefined,
    work: () => T,
    reread: (recordId: string) => T | null,
  ): T {
    if (requestId === undefined) return work();
    const statements = this.requestStatements();
    const earlier = (): T | null => {
      const row = this.read(() => statements.find.get(channel, requestId));
      return row ? reread(row.record_id) : null;
    };
    const first = earlier();
    if (first) return first;
    return this.write(`${channel} once`, () => {
      const created = work();
      statements.remember.run(channel, requestId, created.id, this.options.clock.now());
      return created;
    });
  }

  private requestStatementsCache: ReturnType<Store['prepareRequestStatements']> | null = null;

  private requestStatements(): ReturnType<Store['prepareRequestStatements']> {
    return (this.requestStatementsCache ??= this.prepareRequestStatements());
  }

  private prepareRequestStatements() {
    return {
      find: this.db.prepare<[string, string], { record_id: string }>(
        'SELECT record_id FROM request_results WHERE channel = ? AND request_id = ?',
      ),
      remember: this.db.prepare<[string, string, string, number]>(
        'INSERT INTO request_results (channel, request_id, record_id, at) VALUES (?, ?, ?, ?)',
      ),
    };
  }

  /**
   * Records, once, which center, console and profile this file was created for, so that a restore can
   * refuse a backup of another center, console or profile (`restoreBackup`).
   */
  private recordOwner(): void {
    if (this.meta(OWNER_KEYS.center) !== null) return;
    this.write('record owner', () => {
      this.setMeta(OWNER_KEYS.center, this.options.centerCode);
      this.setMeta(OWNER_KEYS.console, this.options.consoleCode);
      if (this.options.profile !== undefined) this.setMeta(OWNER_KEYS.profile, this.options.profile);
    });
  }

  /** The center this database belongs to, or null while it is standalone. */
  centerCode(): string | null {
    return this.read(() => this.meta('center.code'));
  }

  /** The oldest events waiting to be published, in commit order. */
  outbox(limit: number): StoredEvent[] {
    return this.read(() =>
      this.db
        .prepare<[number], EventRow>(
          'SELECT e.* FROM center_outbox o JOIN events e ON e.id = o.event_id ORDER BY o.seq LIMIT ?',
        )
        .all(limit)
        .map(storedEventOf),
    );
  }

  outboxSize(): number {
    return this.read(() => (this.db.prepare('SELECT count(*) AS n FROM center_outbox').get() as { n: number }).n);
  }

  /** The center's stream acknowledged these events: they leave the outbox. */
  published(acknowledged: readonly { readonly eventId: string; readonly streamSeq: number }[]): void {
    if (acknowledged.length === 0) return;
    this.write('events published', () => {
      const statements = this.replication();
      for (const { eventId, streamSeq } of acknowledged) {
        statements.removeOutbox.run(eventId);
        // The server's acknowledgement names the event's place in the center-wide order.
        statements.insertPosition.run(streamSeq, eventId);
      }
    });
  }

  /**
   * A snapshot of the projections at this console's applied stream sequence, for a console that joins
   * later (docs/center.md, "Joining"). Only a settled console takes one: nothing in its outbox and
   * nothing of its own the stream has not placed, so its projections are the fold of the stream's prefix.
   */
  exportSnapshot(takenBy: string): Snapshot {
    return this.read(() =>
      this.db.transaction((): Snapshot => {
        const center = this.meta('center.code');
        const streamSeq = Number(this.meta('center.appliedSeq') ?? 0);
        if (center === null || streamSeq === 0) throw new AppError('UNAVAILABLE', 'not a console of a center yet');
        const unsettled =
          this.db
            .prepare<[number], { n: number }>(
              `SELECT (SELECT count(*) FROM center_outbox)
                  + (SELECT count(*) FROM events e WHERE NOT EXISTS
                      (SELECT 1 FROM stream_positions p WHERE p.event_id = e.id AND p.stream_seq <= ?)) AS n`,
            )
            .get(streamSeq)?.n ?? 0;
        if (unsettled > 0)
          throw new AppError('CONFLICT', `${String(unsettled)} events are not settled with the center yet; try later`);
        const events = this.db
          .prepare<[], EventRow & { stream_seq: number }>(
            `SELECT e.*, p.stream_seq FROM events e JOIN stream_positions p ON p.event_id = e.id
              WHERE (e.stream = 'incident' AND e.stream_id IN (SELECT id FROM incidents WHERE status <> 'closed'))
                 OR (e.stream = 'call' AND e.stream_id IN (SELECT id FROM calls WHERE status IN ('waiting', 'answered')))
                 OR (e.stream = 'call' AND e.incident_id IN (SELECT id FROM incidents WHERE status <> 'closed'))
              ORDER BY p.stream_seq`,
          )
          .all();
        return {
          v: 1,
          center,
          streamSeq,
          takenAt: this.options.clock.now(),
          takenBy,
          digest: this.projectionDigest(),
          tables: readSnapshotTables(this.db),
          search: readSearchText(this.db),
          events: events.map(({ stream_seq: position, seq: _seq, ...row }) => ({ row, streamSeq: position })),
        };
      })(),
    );
  }

  /**
   * Loads a snapshot into an empty log (a new or wiped console joining its center), so that only the
   * stream's tail after `snapshot.streamSeq` remains to be read. Refused on a console that has events.
   * The projections must come out with the snapshot's digest, or nothing is kept.
   */
  importSnapshot(snapshot: Snapshot): void {
    this.write('join from a snapshot', () => {
      const events = (this.db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
      if (events > 0) throw new AppError('CONFLICT', 'a snapshot is loaded only into an empty log');
      const bound = this.meta('center.code');
      if (bound !== null && bound !== snapshot.center)
        throw new CenterMismatchError(`the snapshot is of center ${snapshot.center}, this database of ${bound}`);
      writeSnapshotTables(this.db, snapshot.tables);
      writeSearchText(this.db, snapshot.search);
      // The KPI side tables are derived from the rows just loaded, not carried in the snapshot.
      rebuildKpiFacts(this.db);
      for (const { row, streamSeq } of snapshot.events) {
        const event = storedEventOf({ ...(row as Omit<EventRow, 'seq'>), seq: 0 });
        this.insertRow(event);
        this.replication().insertPosition.run(streamSeq, event.id);
        const decoded = decodeHlc(event.hlc);
        if (decoded) this.hlc.receive(decoded);
      }
      this.setMeta('center.appliedSeq', String(snapshot.streamSeq));
      this.audit.append({
        at: this.options.clock.now(),
        actor: `console:${this.options.consoleCode}`,
        consoleId: this.options.consoleCode,
        action: 'center.joinedFromSnapshot',
        subject: `center:${snapshot.center}`,
        details: { streamSeq: snapshot.streamSeq, takenBy: snapshot.takenBy, digest: snapshot.digest },
      });
      const digest = this.projectionDigest();
      if (digest !== snapshot.digest)
        throw new AppError('STORAGE', `the snapshot did not load as it was taken (digest ${digest.slice(0, 12)}…)`);
    });
    this.touched = new Map();
  }

  /**
   * After catching up: removes from the outbox every event the stream already holds (read back by the
   * consumer, or up to this console's last event on its own subject, `lastPublishedId`), so nothing is
   * published twice, also past the server's de-duplication window. Returns how many were removed.
   */
  dropPublishedFromOutbox(lastPublishedId: string | null): number {
    return this.write('drop published from the outbox', () => {
      let removed = this.db
        .prepare('DELETE FROM center_outbox WHERE event_id IN (SELECT event_id FROM stream_positions)')
        .run().changes;
      if (lastPublishedId !== null)
        removed += this.db
          .prepare('DELETE FROM center_outbox WHERE seq <= (SELECT seq FROM center_outbox WHERE event_id = ?)')
          .run(lastPublishedId).changes;
      return removed;
    });
  }

  /** The last stream sequence this console has processed (0 before the first). */
  appliedStreamSeq(): number {
    return this.read(() => Number(this.meta('center.appliedSeq') ?? 0));
  }

  /** A message of the stream that was refused (kept raw by the caller): only its place is passed. */
  skipStreamSeq(streamSeq: number): void {
    this.write('skip stream message', () => this.advanceApplied(streamSeq));
  }

  /**
   * Applies one event read from the center's stream at `streamSeq`, through the same fold as this
   * console's own events. Idempotent by event id. When this console had written events to the same
   * record that are not yet on the stream, the record is folded again in the center's order: the
   * stream's events by sequence, then its own in commit order.
   */
  applyReplicated(event: StoredEvent, streamSeq: number): ReplicatedOutcome {
    const [outcome] = this.applyReplicatedBatch([{ event, streamSeq }]);
    return outcome === 'skipped' || outcome === undefined ? 'known' : outcome;
  }

  /**
   * Applies messages of the stream in order, in one transaction (a console catching up commits
   * once per batch). An item without an event is a message that was refused: only its place in
   * the stream is passed. Returns what happened to each item.
   */
  applyReplicatedBatch(
    items: readonly { readonly event: StoredEvent | null; readonly streamSeq: number }[],
    options: { readonly bulk?: boolean } = {},
  ): (ReplicatedOutcome | 'skipped')[] {
    if (items.length === 0) return [];
    this.bulkCommit = options.bulk === true;
    const applyEach = (): (ReplicatedOutcome | 'skipped')[] =>
      items.map(({ event, streamSeq }) => (event ? this.applyOne(event, streamSeq) : 'skipped'));
    try {
      return this.write('replicate events', () => {
        const outcomes = options.bulk === true ? this.applyBatched(applyEach) : applyEach();
        this.advanceApplied(Math.max(...items.map((item) => item.streamSeq)));
        return outcomes;
      });
    } finally {
      this.bulkCommit = false;
    }
  }

  /**
   * A catch-up batch: the audit rows and the incidents' rows and search text are written once at
   * the end (each incident once, in its last state) instead of per event; the same rows as applying
   * event by event. Should writing them fail (an event that a fold refuses only when its rows are
   * written, a constraint), the batch is applied again event by event, where such an event is skipped.
   */
  private applyBatched(applyEach: () => (ReplicatedOutcome | 'skipped')[]): (ReplicatedOutcome | 'skipped')[] {
    try {
      // A savepoint inside the batch's transaction: on failure only the batched attempt is undone.
      this.catchUpBatch = { settled: new Set(), noneVoided: !this.conflictProjection.anyVoided() };
      return this.db.transaction(() => this.audit.batch(() => this.incidents.batch(applyEach)))();
    } catch (error) {
      this.catchUpBatch = null;
      this.options.logger.info({ err: error }, 'catch-up batch applied again event by event');
      return applyEach();
    } finally {
      this.catchUpBatch = null;
    }
  }

  private applyOne(event: StoredEvent, streamSeq: number): ReplicatedOutcome {
    const statements = this.replication();
    const decoded = decodeHlc(event.hlc);
    if (decoded) this.hlc.receive(decoded);
    const local = statements.eventById.get(event.id);
    statements.insertPosition.run(streamSeq, event.id);
    if (local) {
      const sameCopy =
        local.hlc === event.hlc &&
        local.console_id === event.consoleId &&
        local.actor === event.actor &&
        local.at === event.at &&
        local.payload === JSON.stringify(event.payload);
      // Another console wrote the same input first (a derived id): its copy is the center's.
      if (!sameCopy)
        statements.insertOverride.run(
          event.id,
          JSON.stringify(event.payload),
          event.hlc,
          event.at,
          event.actor,
          event.consoleId,
        );
      // An own event that overtook an earlier one of the same record (a retried publish): the
      // record is folded again in the stream's order.
      const earlierUnseen = statements.earlierUnseen.get(local.stream, local.stream_id, local.seq, streamSeq)?.n ?? 0;
      if (sameCopy && earlierUnseen === 0) return 'known';
      this.touch(local.stream as EventStream, local.stream_id);
      this.refold(local.stream as EventStream, local.stream_id);
      return 'refolded';
    }
    const record = `${event.stream}:${event.streamId}`;
    const unseenOwn = this.catchUpBatch?.settled.has(record)
      ? 0
      : (statements.unseenOwn.get(event.stream, event.streamId, streamSeq)?.n ?? 0);
    this.insertRow(event);
    this.touch(event.stream, event.streamId);
    if (unseenOwn === 0) {
      // Nothing of the record is placed after this event: nor after the batch's later ones (no local write in between).
      this.catchUpBatch?.settled.add(record);
      this.fold(event, 'lenient');
      return 'applied';
    }
    this.refold(event.stream, event.streamId);
    return 'refolded';
  }

  private replicationStatements: ReturnType<Store['prepareReplication']> | null = null;
  /**
   * In a catch-up batch: the records none of whose events the stream places after the event applied
   * last, and whether no event was voided before it nor by a conflict folded in it (none to look up).
   */
  private catchUpBatch: { readonly settled: Set<string>; noneVoided: boolean } | null = null;

  private replication(): ReturnType<Store['prepareReplication']> {
    return (this.replicationStatements ??= this.prepareReplication());
  }

  private prepareReplication() {
    const db = this.db;
    return {
      eventById: db.prepare<[string], EventRow>('SELECT * FROM events WHERE id = ?'),
      insertPosition: db.prepare<[number, string]>(
        'INSERT OR IGNORE INTO stream_positions (stream_seq, event_id) VALUES (?, ?)',
      ),
      insertOverride: db.prepare<[string, string, string, number, string, string]>(
        'INSERT OR REPLACE INTO event_overrides (event_id, payload, hlc, at, actor, console_id) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      // Own events of a record written before this one (commit order) that the stream places after it.
      earlierUnseen: db.prepare<[string, string, number, number], { n: number }>(
        `SELECT count(*) AS n FROM events e WHERE e.stream = ? AND e.stream_id = ? AND e.seq < ?
           AND NOT EXISTS (SELECT 1 FROM stream_positions p WHERE p.event_id = e.id AND p.stream_seq < ?)`,
      ),
      // Events of a record folded here that the stream places after the event being applied (or not yet at all).
      unseenOwn: db.prepare<[string, string, number], { n: number }>(
        `SELECT count(*) AS n FROM events e WHERE e.stream = ? AND e.stream_id = ?
           AND NOT EXISTS (SELECT 1 FROM stream_positions p WHERE p.event_id = e.id AND p.stream_seq < ?)`,
      ),
      removeOutbox: db.prepare<[string]>('DELETE FROM center_outbox WHERE event_id = ?'),
      insertOutbox: db.prepare<[string]>('INSERT INTO center_outbox (event_id) VALUES (?)'),
    };
  }

  /** Appends one conflict event and folds it (voiding the losing events and folding their records again). */
  appendConflictEvent(
    conflictId: string,
    pending: PendingConflictEvent,
    actor: string,
    eventId?: string,
  ): ConflictRecord {
    return this.write(`append ${pending.type}`, () => {
      const parsed = conflictEventPayloads[pending.type].safeParse(pending.payload);
      if (!parsed.success) throw new AppError('INVALID_ARGUMENT', `${pending.type}: ${parsed.error.message}`);
      this.appendEvent('conflict', conflictId, null, pending.type, parsed.data, actor, eventId);
      const conflict = this.conflictProjection.get(conflictId);
      if (!conflict) throw new AppError('NOT_FOUND', `no conflict ${conflictId}`);
      return conflict;
    });
  }

  getConflict(id: string): ConflictRecord | null {
    return this.read(() => this.conflictProjection.get(id));
  }

  /** Conflicts, open ones first, newest first. */
  conflicts(): ConflictRecord[] {
    return this.read(() => this.conflictProjection.list());
  }

  /** Runs `work` (inside the caller's transaction) and returns the ids of the events it appended. */
  captureEventIds<T>(work: () => T): { readonly result: T; readonly eventIds: readonly string[] } {
    const ids: string[] = [];
    this.captures.push(ids);
    try {
      return { result: work(), eventIds: ids };
    } finally {
      this.captures.pop();
    }
  }

  /** Records a provisional action (in the caller's transaction, with the events it wrote). */
  recordProvisionalClaim(claim: ProvisionalClaim): void {
    this.write('record provisional claim', () => {
      this.db
        .prepare(
          'INSERT OR REPLACE INTO provisional_claims (key, kind, subject_id, incident_id, token, holder, event_ids, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .run(
          claim.key,
          claim.kind,
          claim.subjectId,
          claim.incidentId,
          claim.token,
          JSON.stringify(claim.holder),
          JSON.stringify(claim.eventIds),
          claim.createdAt,
        );
    });
  }

  /** Provisional actions not yet confirmed or refused by the center, oldest first. */
  provisionalClaims(): ProvisionalClaim[] {
    return this.read(() =>
      this.db
        .prepare<
          [],
          {
            key: string;
            kind: 'answer' | 'assign';
            subject_id: string;
            incident_id: string | null;
            token: string;
            holder: string;
            event_ids: string;
            created_at: number;
          }
        >('SELECT * FROM provisional_claims ORDER BY created_at, key')
        .all()
        .map((row) => ({
          key: row.key,
          kind: row.kind,
          subjectId: row.subject_id,
          incidentId: row.incident_id,
          token: row.token,
          holder: JSON.parse(row.holder) as ProvisionalClaim['holder'],
          eventIds: JSON.parse(row.event_ids) as string[],
          createdAt: row.created_at,
        })),
    );
  }

  /** The center confirmed or refused a provisional action: it is no longer provisional. */
  settleProvisionalClaim(key: string): void {
    this.write('settle provisional claim', () => {
      this.db.prepare('DELETE FROM provisional_claims WHERE key = ?').run(key);
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

  /** What a drill's timeline and report read (the `drill.*` audit rows, the run's events, the roster). */
  get drillRecords(): DrillRecords {
    this.assertOpen();
    return (this.repositories.drillRecords ??= new DrillRecords(this.db));
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

  private appendInTransaction(
    incidentId: string,
    pending: PendingEvent,
    actor: string,
    eventId?: string,
  ): IncidentRecord {
    const parsed = incidentEventPayloads[pending.type].safeParse(pending.payload);
    if (!parsed.success) throw new AppError('INVALID_ARGUMENT', `${pending.type}: ${parsed.error.message}`);
    this.appendEvent(
      'incident',
      incidentId,
      incidentId,
      pending.type,
      this.withLocationName(parsed.data),
      actor,
      eventId,
    );
    const record = this.incidents.get(incidentId);
    if (!record) throw new AppError('NOT_FOUND', `no incident ${incidentId}`);
    return record;
  }

  /**
   * A created or updated incident's payload with the name of its new location, as this console's
   * gazetteer names it (whatever a window sent): the record, and every console that replays the
   * event, keep the name the dispatcher saw.
   */
  private withLocationName(payload: unknown): unknown {
    const nameLocation = this.options.nameLocation;
    if (nameLocation === undefined || typeof payload !== 'object' || payload === null) return payload;
    const {
      location,
      locationName: _sent,
      ...rest
    } = payload as {
      location?: IncidentLocation;
      locationName?: unknown;
    };
    if (location === undefined) return payload;
    const named = nameLocation(location);
    return Object.keys(named).length > 0 ? { ...rest, location, locationName: named } : { ...rest, location };
  }

  private appendCallInTransaction(callId: string, pending: PendingCallEvent, actor: string): CallRecord {
    const parsed = callEventPayloads[pending.type].safeParse(pending.payload);
    if (!parsed.success) throw new AppError('INVALID_ARGUMENT', `${pending.type}: ${parsed.error.message}`);
    const incidentId = pending.type === 'call.linked' ? pending.payload.incidentId : null;
    this.appendEvent('call', callId, incidentId, pending.type, parsed.data, actor);
    const record = this.calls.get(callId);
    if (!record) throw new AppError('NOT_FOUND', `no call ${callId}`);
    return record;
  }

  /**
   * The one write path of this console's events: stamps the event, folds it into its projection
   * (which may refuse it: nothing is then written), appends the event row, its audit row and, in
   * center mode, its outbox row. Runs inside the caller's transaction.
   */
  private appendEvent(
    stream: EventStream,
    streamId: string,
    incidentId: string | null,
    type: string,
    payload: unknown,
    actor: string,
    eventId?: string,
  ): void {
    // An input several consoles receive (an MDT message, an alarm's condition) is written once.
    if (eventId !== undefined && this.hasEvent.get(eventId)) return;
    const stamp = this.hlc.now();
    const event: StoredEvent = {
      id: eventId ?? newEventId(),
      stream,
      streamId,
      incidentId,
      type,
      payload,
      hlc: encodeHlc(stamp),
      at: stamp.wallMs,
      actor,
      consoleId: this.options.consoleCode,
    };
    this.fold(event, 'strict');
    this.insertRow(event);
    this.touch(stream, streamId);
    for (const capture of this.captures) capture.push(event.id);
    if (this.replicating) this.replication().insertOutbox.run(event.id);
  }

  /** The event row and its audit row (the audit chain covers every event, this console's or replicated). */
  private insertRow(event: StoredEvent): void {
    const row: Omit<EventRow, 'seq'> = {
      id: event.id,
      stream: event.stream,
      stream_id: event.streamId,
      incident_id: event.incidentId,
      type: event.type,
      payload: JSON.stringify(event.payload),
      hlc: event.hlc,
      at: event.at,
      actor: event.actor,
      console_id: event.consoleId,
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
      at: event.at,
      actor: event.actor,
      consoleId: event.consoleId,
      action: `event:${event.type}`,
      subject: `${event.stream}:${event.streamId}`,
      details: { eventId: event.id, digest: eventDigest(row) },
    });
  }

  private touch(stream: EventStream, streamId: string): void {
    let ids = this.touched.get(stream);
    if (!ids) this.touched.set(stream, (ids = new Set()));
    ids.add(streamId);
  }

  /**
   * The one projection function: folds an event into the tables of its stream. `strict` (this
   * console writing) turns an event that does not fit into CONFLICT/NOT_FOUND and nothing is
   * written; `lenient` (replicated events, re-folds, rebuilds) skips it, the same way at every
   * console, so projections still converge.
   */
  private fold(event: StoredEvent, mode: 'strict' | 'lenient'): void {
    // A losing event of a conflict: every console folds its record without it. It still counts twice
    // in the record's version (once done, once undone), so that a version only ever grows: a window
    // holding the record with the event sees the record without it as newer, not as stale.
    if (event.stream === 'conflict' && this.catchUpBatch) this.catchUpBatch.noneVoided = false;
    if (
      event.stream !== 'conflict' &&
      this.catchUpBatch?.noneVoided !== true &&
      this.conflictProjection.isVoided(event.id)
    ) {
      this.incidents.flushDeferred();
      this.countVoided(event.stream, event.streamId);
      return;
    }
    // The other folds may read the incident tables (a conflict folds incidents again): written first.
    if (event.stream !== 'incident') this.incidents.flushDeferred();
    try {
      switch (event.stream) {
        case 'incident':
          this.incidents.apply({
            id: event.id,
            incidentId: event.streamId,
            type: event.type as IncidentEventType,
            payload: event.payload as never,
            at: event.at,
            hlc: event.hlc,
            actor: event.actor,
            consoleId: event.consoleId,
          });
          return;
        case 'call':
          this.calls.apply({
            id: event.id,
            callId: event.streamId,
            type: event.type as CallEventType,
            payload: event.payload as never,
            at: event.at,
            hlc: event.hlc,
            actor: event.actor,
            consoleId: event.consoleId,
          });
          return;
        case 'unit':
          this.unitFold().apply({
            unitId: event.streamId,
            type: event.type as UnitEventType,
            payload: event.payload as never,
            at: event.at,
            actor: event.actor,
          });
          return;
        case 'alarm':
          this.alarmProjection.apply({
            alarmId: event.streamId,
            type: event.type as AlarmEventType,
            payload: event.payload as never,
            at: event.at,
            actor: event.actor,
          });
          return;
        case 'conflict': {
          const voided = this.conflictProjection.apply({
            conflictId: event.streamId,
            type: event.type as ConflictEventType,
            payload: event.payload as never,
            at: event.at,
            actor: event.actor,
          });
          this.refoldRecordsOf(voided);
          return;
        }
        case 'operator':
          this.operatorProjection.apply({
            operatorId: event.streamId,
            type: event.type as OperatorEventType,
            payload: event.payload as never,
            at: event.at,
          });
          return;
      }
    } catch (error) {
      if (mode === 'lenient' && isFoldRefusal(error)) {
        this.options.logger.debug({ event: event.id, type: event.type, err: error }, 'event does not fit; skipped');
        return;
      }
      if (error instanceof IncidentEventError)
        throw new AppError(error.kind === 'missing' ? 'NOT_FOUND' : 'CONFLICT', error.message);
      if (error instanceof OperatorEventError) throw new AppError('NOT_FOUND', error.message);
      if (error instanceof CallEventError || error instanceof AlarmEventError || error instanceof ConflictEventError)
        throw new AppError('CONFLICT', error.message);
      throw error;
    }
  }

  private countVoided(stream: EventStream, streamId: string): void {
    if (stream === 'incident' || stream === 'unit')
      this.db.prepare(`UPDATE ${stream}s SET version = version + 2 WHERE id = ?`).run(streamId);
    else if (stream === 'call')
      this.db
        .prepare(
          "UPDATE calls SET version = version + 2, record = json_set(record, '$.version', version + 2) WHERE id = ?",
        )
        .run(streamId);
  }

  /** Folds one record's events again, in the center's order (see `applyReplicated`). */
  private refold(stream: EventStream, streamId: string): void {
    switch (stream) {
      case 'incident':
        this.incidents.forget(streamId);
        break;
      case 'call':
        this.calls.forget(streamId);
        break;
      case 'unit':
        this.unitFold().forget(streamId);
        break;
      case 'alarm':
        this.alarmProjection.forget(streamId);
        break;
      case 'conflict':
        this.conflictProjection.forget(streamId);
        break;
      case 'operator':
        this.operatorProjection.forget(streamId);
        break;
    }
    const rows = this.db
      .prepare<[string, string], EventRow>(
        `SELECT e.seq, e.id, e.stream, e.stream_id, e.incident_id, e.type,
                COALESCE(o.payload, e.payload) AS payload, COALESCE(o.hlc, e.hlc) AS hlc, COALESCE(o.at, e.at) AS at,
                COALESCE(o.actor, e.actor) AS actor, COALESCE(o.console_id, e.console_id) AS console_id
           FROM events e LEFT JOIN stream_positions p ON p.event_id = e.id
           LEFT JOIN event_overrides o ON o.event_id = e.id
          WHERE e.stream = ? AND e.stream_id = ?
          ORDER BY p.stream_seq IS NULL, p.stream_seq, e.seq`,
      )
      .all(stream, streamId);
    for (const row of rows) this.fold(storedEventOf(row), 'lenient');
  }

  /** Folds again the records the given events belong to (they were just voided). */
  private refoldRecordsOf(eventIds: readonly string[]): void {
    const records = new Map<string, { stream: EventStream; streamId: string }>();
    const locate = this.db.prepare<[string], { stream: string; stream_id: string }>(
      'SELECT stream, stream_id FROM events WHERE id = ?',
    );
    for (const eventId of eventIds) {
      const row = locate.get(eventId);
      if (row)
        records.set(`${row.stream}:${row.stream_id}`, { stream: row.stream as EventStream, streamId: row.stream_id });
    }
    for (const { stream, streamId } of records.values()) {
      this.refold(stream, streamId);
      this.touch(stream, streamId);
    }
  }

  private unitFold(): UnitProjection {
    return (this.unitProjection ??= new UnitProjection(this.units));
  }

  private meta(key: string): string | null {
    return this.db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?').get(key)?.value ?? null;
  }

  private setMeta(key: string, value: string): void {
    this.db
      .prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
      .run(key, value);
  }

  private advanceApplied(streamSeq: number): void {
    if (streamSeq > Number(this.meta('center.appliedSeq') ?? 0)) this.setMeta('center.appliedSeq', String(streamSeq));
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
      if ((error instanceof AppError && error.code !== 'STORAGE') || error instanceof RehearsalOver) throw error;
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
      alarms: [...(touched.get('alarm') ?? [])],
      conflicts: [...(touched.get('conflict') ?? [])],
      operators: [...(touched.get('operator') ?? [])],
      bulk: this.bulkCommit,
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

/** Thrown to roll a rehearsal back; carries its result out. */
class RehearsalOver extends Error {
  override readonly name = 'RehearsalOver';
  result: unknown;
}

function storedEventOf(row: EventRow): StoredEvent {
  return {
    id: row.id,
    stream: row.stream as EventStream,
    streamId: row.stream_id,
    incidentId: row.incident_id,
    type: row.type,
    payload: JSON.parse(row.payload) as unknown,
    hlc: row.hlc,
    at: row.at,
    actor: row.actor,
    consoleId: row.console_id,
  };
}

/** An event that does not fit the record's state (the fold refused it), as opposed to a failure. */
function isFoldRefusal(error: unknown): boolean {
  return (
    error instanceof IncidentEventError ||
    error instanceof CallEventError ||
    error instanceof AlarmEventError ||
    error instanceof ConflictEventError ||
    error instanceof OperatorEventError ||
    // A roster edit that clashes (callsign, radio or device taken) at this point of the center's order.
    (error instanceof Error &&
      'code' in error &&
      String((error as { code: unknown }).code).startsWith('SQLITE_CONSTRAINT'))
  );
}

function damagedMessage(options: StoreOptions, detail: string): string {
  const latest = options.latestBackup?.() ?? null;
  const restore = latest
    ? `restore the latest backup: nida db restore --data ${join(options.path, '..')} --from ${latest}`
    : 'no backup was found to restore';
  return `${options.path} failed its integrity check (${detail}); writes are refused. ${restore}`;
}
