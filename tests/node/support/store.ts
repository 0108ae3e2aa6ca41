import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { manualClock } from '../../../src-main/services/runtime/clock';
import { silentLogger } from '../../../src-main/services/runtime/logger';
import { databasePath, latestBackup } from '../../../src-main/services/store/backups';
import { IncidentProjection } from '../../../src-main/services/store/incidentProjection';
import { Store, type NewIncident, type StoreOptions } from '../../../src-main/services/store/store';
import type { IncidentRecord } from '../../../src-shared/domain/incident';
import { useCleanup, useTempDirs } from './cleanup';
import { seededRandom } from '../../../src-shared/domain/random';

/** 09:00 UTC on 29 Nov 2026 (12:00 in Baghdad): the manual clock's default start. */
export const START = Date.UTC(2026, 10, 29, 9, 0, 0);

export type ManualClock = ReturnType<typeof manualClock>;

/** The options every store test starts from (the brief's console: BGD / C3 / Baghdad). */
export function storeOptions(path: string, clock: ManualClock, overrides: Partial<StoreOptions> = {}): StoreOptions {
  return {
    path,
    centerCode: 'BGD',
    consoleCode: 'C3',
    timeZone: 'Asia/Baghdad',
    clock,
    logger: silentLogger(),
    ...overrides,
  };
}

export interface OpenedStore {
  readonly store: Store;
  readonly clock: ManualClock;
  /** The data directory (a fresh temp dir unless the test gave one). */
  readonly dataDir: string;
  readonly path: string;
}

export interface StoreKit {
  /** A fresh temp directory, removed after the test. */
  readonly tempDir: (prefix?: string) => string;
  /** Releases `dispose` after the test, newest first. */
  readonly defer: (dispose: () => Promise<void> | void) => void;
  /**
   * Opens a real store on a temp file (`<data>/live.db` by default, as the host lays it out),
   * closed after the test. Backups are looked up in `<data>/backups/live`.
   */
  readonly openStore: (
    options?: Partial<StoreOptions> & { dataDir?: string; clock?: ManualClock; path?: string },
  ) => OpenedStore;
  /** A second, raw connection to a database file (an attacker, another program), closed after the test. */
  readonly rawConnection: (path: string, options?: BetterSqlite3.Options) => Database;
  /** A read-only connection of the test's own to a store's file (one per file), closed after the test. */
  readonly readConnection: (store: Pick<Store, 'status'>) => Database;
}

/** Temp dirs, stores and raw connections that are all released in afterEach. Call once per file. */
export function useStores(): StoreKit {
  const tempDir = useTempDirs();
  const defer = useCleanup();
  const readers = new Map<string, Database>();
  const connect = (path: string, connectionOptions: BetterSqlite3.Options): Database => {
    const db = new BetterSqlite3(path, { timeout: 1_000, ...connectionOptions });
    defer(() => {
      if (db.open) db.close();
    });
    return db;
  };
  return {
    tempDir: (prefix = 'nida-store-') => tempDir(prefix),
    defer,
    openStore(options = {}) {
      const { dataDir: givenDir, clock: givenClock, path: givenPath, ...overrides } = options;
      const dataDir = givenDir ?? tempDir('nida-store-');
      const clock = givenClock ?? manualClock(START);
      const path = givenPath ?? databasePath(dataDir, 'live');
      const store = Store.open(
        storeOptions(path, clock, {
          latestBackup: () => latestBackup(dataDir, 'live')?.path ?? null,
          ...overrides,
        }),
      );
      defer(() => {
        store.close();
      });
      return { store, clock, dataDir, path };
    },
    rawConnection: (path, connectionOptions = {}) => connect(path, connectionOptions),
    readConnection(store) {
      const path = store.status.path;
      let db = readers.get(path);
      if (!db?.open) {
        db = connect(path, { readonly: true, fileMustExist: true });
        readers.set(path, db);
      }
      return db;
    },
  };
}

/**
 * The store's own connection, for the store's tests of that connection: its pragmas, a full disk
 * (`max_page_count` is per connection), triggers firing on it. Private by design; nothing else
 * reaches it (other tests read through `readConnection` or `readDatabase`).
 */
export function storeConnection(store: Store): Database {
  return (store as unknown as { readonly db: Database }).db;
}

const TYPES = ['fire', 'traffic-accident', 'medical', 'assault', 'flood', 'gas-leak'] as const;
const AGENCIES = ['police', 'fire', 'ems', 'civil-defense'] as const;
const ADDRESSES = [
  'شارع فلسطين قرب ساحة بيروت',
  'حي المنصور، شارع ١٤ رمضان',
  'مستشفى اليرموك',
  'مدرسة الكندي الابتدائية',
  'ساحة التحرير',
  'الكرادة داخل، قرب جامع الأورفلي',
  'Airport Road, near the checkpoint',
  'طريق محمد القاسم السريع',
] as const;
const CALLERS = ['أحمد علي', 'فاطمة حسين', 'Zainab Kareem', 'مُحَمَّد جاسم', 'کاوە ئەحمەد', 'Omar'] as const;
const NOTES = [
  'المتصل يبلغ عن دخان كثيف من الطابق الثاني',
  'caller reports two vehicles, one person trapped',
  'الإسعاف في الطريق',
  'Police on scene, road closed',
  'لا توجد إصابات',
] as const;

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

/** A plausible new incident (Arabic and English text, one to three agencies, sometimes a first note). */
export function sampleIncident(random: () => number, index: number): NewIncident {
  const agencies = [...new Set([pick(random, AGENCIES), pick(random, AGENCIES), pick(random, AGENCIES)])].slice(
    0,
    1 + Math.floor(random() * 3),
  );
  const withLocation = random() < 0.7;
  return {
    typeCode: pick(random, TYPES),
    priority: 1 + Math.floor(random() * 4),
    agencies,
    ...(withLocation && {
      location: { lat: 33.3 + random() / 10, lon: 44.3 + random() / 10, accuracyM: 25, source: 'ali' as const },
    }),
    address: pick(random, ADDRESSES),
    callerName: pick(random, CALLERS),
    callerNumber: `0770${String(1_000_000 + index).slice(1)}`,
    callId: `call-${index}`,
    ...(random() < 0.6 && { note: pick(random, NOTES) }),
  };
}

/**
 * Creates `count` incidents with a realistic mixed history: updates, routing, agency progress,
 * status changes, notes, caller links, closes and some reopens. Runs in one outer transaction (the
 * store's own transactions nest as savepoints) so thousands take a moment, not an fsync each.
 */
export function createHistory(
  store: Store,
  clock: ManualClock,
  count: number,
  options: { seed?: number; closeShare?: number } = {},
): IncidentRecord[] {
  const random = seededRandom(options.seed ?? 42);
  const closeShare = options.closeShare ?? 0.5;
  const created: IncidentRecord[] = [];
  store.atomically('create history', () => {
    for (let index = 0; index < count; index++) {
      clock.advance(1_000 + Math.floor(random() * 60_000));
      let record = store.createIncident(sampleIncident(random, index), 'dispatcher-1');
      const steps = Math.floor(random() * 6);
      for (let step = 0; step < steps; step++) {
        clock.advance(Math.floor(random() * 30_000));
        record = randomChange(store, record, random);
      }
      if (random() < closeShare) {
        clock.advance(60_000);
        record = store.appendIncidentEvent(
          record.id,
          { type: 'incident.closed', payload: { disposition: 'resolved' } },
          'dispatcher-2',
        );
        if (random() < 0.1) {
          record = store.appendIncidentEvent(
            record.id,
            { type: 'incident.reopened', payload: { reason: 'caller rang back' } },
            'shift-lead',
          );
        }
      }
      created.push(record);
    }
  });
  return created;
}

function randomChange(store: Store, record: IncidentRecord, random: () => number): IncidentRecord {
  const id = record.id;
  switch (Math.floor(random() * 6)) {
    case 0:
      return store.appendIncidentEvent(
        id,
        { type: 'incident.updated', payload: { priority: 1 + Math.floor(random() * 4) } },
        'dispatcher-1',
      );
    case 1:
      return store.appendIncidentEvent(
        id,
        { type: 'incident.noteAdded', payload: { noteId: `n-${id}-${record.version}`, text: pick(random, NOTES) } },
        'dispatcher-1',
      );
    case 2:
      return store.appendIncidentEvent(
        id,
        { type: 'incident.routed', payload: { agencies: [pick(random, AGENCIES)] } },
        'dispatcher-1',
      );
    case 3: {
      const agency = record.agencies[0]?.agency;
      if (agency === undefined) return record;
      return store.appendIncidentEvent(
        id,
        {
          type: 'incident.agencyStatusChanged',
          payload: { agency, status: pick(random, ['acknowledged', 'dispatched', 'on-scene', 'completed'] as const) },
        },
        'dispatcher-1',
      );
    }
    case 4:
      return store.appendIncidentEvent(
        id,
        {
          type: 'incident.statusChanged',
          payload: { status: pick(random, ['dispatched', 'en-route', 'on-scene'] as const) },
        },
        'dispatcher-1',
      );
    default:
      return store.appendIncidentEvent(
        id,
        { type: 'incident.callerLinked', payload: { callId: `call-extra-${record.version}` } },
        'dispatcher-1',
      );
  }
}

export type NewIncidentInput = Partial<NewIncident>;

/** A minimal valid incident. */
export function newIncident(overrides: NewIncidentInput = {}): NewIncident {
  return { typeCode: 'fire', priority: 2, agencies: ['fire'], ...overrides };
}

/**
 * Every projection table as text, rows in a fixed order (FTS tables: rowid + content), for
 * byte-for-byte comparisons.
 */
export function dumpProjections(db: Database): string {
  const orderBy: Record<(typeof IncidentProjection.tables)[number], string> = {
    incidents: 'SELECT * FROM incidents ORDER BY seq',
    kpi_incidents: 'SELECT * FROM kpi_incidents ORDER BY created_at, incident_id',
    kpi_agency_milestones: 'SELECT * FROM kpi_agency_milestones ORDER BY created_at, incident_id, agency',
    incident_agencies: 'SELECT * FROM incident_agencies ORDER BY incident_id, agency',
    incident_notes: 'SELECT * FROM incident_notes ORDER BY seq',
    incident_search: 'SELECT rowid, content FROM incident_search ORDER BY rowid',
    note_search: 'SELECT rowid, content FROM note_search ORDER BY rowid',
  };
  return IncidentProjection.tables
    .map(
      (table) =>
        `-- ${table}\n${db
          .prepare(orderBy[table])
          .raw()
          .all()
          .map((row) => JSON.stringify(row))
          .join('\n')}`,
    )
    .join('\n');
}

export function countRows(db: Database, table: string, where = '1 = 1'): number {
  return (db.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${where}`).get() as { n: number }).n;
}

/** The row counts a failed write must leave untouched. */
export function storeCounts(db: Database): Record<string, number> {
  const tables = ['events', 'audit', 'incidents', 'incident_agencies', 'incident_notes', 'incident_search'];
  return Object.fromEntries([
    ...tables.map((table) => [table, countRows(db, table)] as const),
    [
      'incident_numbers',
      (db.prepare('SELECT coalesce(sum(last), 0) AS n FROM incident_numbers').get() as { n: number }).n,
    ],
  ]);
}

/** Drops the append-only triggers, as someone editing the file by hand would. */
export function dropAppendOnlyTriggers(db: Database): void {
  db.exec(`
    DROP TRIGGER IF EXISTS events_append_only_update;
    DROP TRIGGER IF EXISTS events_append_only_delete;
    DROP TRIGGER IF EXISTS audit_append_only_update;
    DROP TRIGGER IF EXISTS audit_append_only_delete;`);
}

/** Overwrites `length` bytes at `offset` with `fill`: a damaged sector. */
export function overwriteBytes(path: string, offset: number, length: number, fill = 0xff): void {
  const fd = openSync(path, 'r+');
  try {
    writeSync(fd, Buffer.alloc(length, fill), 0, length, offset);
  } finally {
    closeSync(fd);
  }
}

/** SHA-256 of a file: compares files without a byte-by-byte diff of megabytes. */
export function fileHash(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}
