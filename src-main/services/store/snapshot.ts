import type { Database } from 'better-sqlite3';
import { z } from 'zod';

/**
 * A snapshot of a console's projections at a place of the center's stream (docs/center.md,
 * "Joining"): a console that is new or was wiped loads it and reads only the stream's tail, instead of
 * replaying years of events. The events of records still open come along, so that their timelines
 * are whole; closed records keep their projection only.
 */
export const snapshotSchema = z.strictObject({
  v: z.literal(1),
  center: z.string().regex(/^[A-Z]{3}$/),
  /** The last stream sequence folded into the projections. */
  streamSeq: z.number().int().min(1),
  takenAt: z.number().int(),
  takenBy: z.string().max(40),
  /** `Store.projectionDigest()` when taken: the joining console must arrive at the same. */
  digest: z.string().regex(/^[0-9a-f]{64}$/),
  tables: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))),
  /** The search index's text of each incident and note (by id), so that a join does not rebuild it. */
  search: z.strictObject({
    incidents: z.array(z.tuple([z.string(), z.string()])),
    notes: z.array(z.tuple([z.string(), z.string()])),
  }),
  /** Events of open records, with their place in the stream. */
  events: z.array(z.strictObject({ row: z.record(z.string(), z.unknown()), streamSeq: z.number().int().min(1) })),
});

export type Snapshot = z.infer<typeof snapshotSchema>;

/** The projection tables a snapshot carries, each with its columns (local row numbers left out). */
export const SNAPSHOT_TABLES = {
  incidents: [
    'id',
    'number',
    'status',
    'type_code',
    'priority',
    'agencies',
    'lat',
    'lon',
    'accuracy_m',
    'location_source',
    'address',
    'caller_name',
    'caller_number',
    'call_ids',
    'linked_ids',
    'merged_into',
    'priority_reason',
    'disposition',
    'received_at',
    'answered_at',
    'created_at',
    'routed_at',
    'dispatched_at',
    'en_route_at',
    'on_scene_at',
    'closed_at',
    'units',
    'location_name',
    'updated_at',
    'version',
    'address_parts',
  ],
  incident_agencies: ['incident_id', 'agency', 'status', 'since', 'open', 'priority', 'created_at'],
  incident_notes: ['id', 'incident_id', 'at', 'actor', 'text'],
  calls: ['id', 'status', 'caller_number', 'received_at', 'incident_id', 'record', 'version'],
  units: [
    'id',
    'callsign',
    'agency',
    'kind',
    'capabilities',
    'status',
    'status_since',
    'incident_id',
    'station',
    'home_lat',
    'home_lon',
    'radio_id',
    'device_id',
    'updated_at',
    'version',
    'crew',
    'status_source',
    'assignment_epoch',
  ],
  unit_status_history: ['unit_id', 'status', 'previous_status', 'at', 'source', 'actor', 'incident_id', 'reason'],
  alarms: ['id', 'active', 'raised_at', 'record'],
  conflicts: ['id', 'open', 'detected_at', 'record'],
  voided_events: ['event_id', 'conflict_id'],
  operators: ['id', 'record', 'password_hash', 'updated_at', 'version'],
} as const satisfies Readonly<Record<string, readonly string[]>>;

/** Row order that keeps a table's own order (history and notes in the order they were folded). */
const ORDER: Readonly<Record<string, string>> = {
  incidents: 'seq',
  incident_notes: 'seq',
  calls: 'seq',
  unit_status_history: 'id',
};

export function readSnapshotTables(db: Database): Snapshot['tables'] {
  const tables: Snapshot['tables'] = {};
  for (const [table, columns] of Object.entries(SNAPSHOT_TABLES)) {
    const order = ORDER[table] ?? columns.slice(0, 2).join(', ');
    tables[table] = db.prepare(`SELECT ${columns.join(', ')} FROM ${table} ORDER BY ${order}`).all() as Record<
      string,
      unknown
    >[];
  }
  return tables;
}

export function writeSnapshotTables(db: Database, tables: Snapshot['tables']): void {
  for (const [table, columns] of Object.entries(SNAPSHOT_TABLES)) {
    const insert = db.prepare(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((column) => `@${column}`).join(', ')})`,
    );
    // A snapshot of an older console lacks the newer columns: they start empty.
    const empty = Object.fromEntries(columns.map((column) => [column, null]));
    for (const row of tables[table] ?? []) insert.run({ ...empty, ...row });
  }
}

/** Reads the text the search indexes hold, by incident and note id (the row numbers are local). */
export function readSearchText(db: Database): Snapshot['search'] {
  const pairs = (sql: string): [string, string][] =>
    db
      .prepare<[], { id: string; content: string }>(sql)
      .all()
      .map((row) => [row.id, row.content]);
  return {
    incidents: pairs('SELECT i.id, s.content FROM incidents i JOIN incident_search s ON s.rowid = i.seq ORDER BY i.id'),
    notes: pairs('SELECT n.id, s.content FROM incident_notes n JOIN note_search s ON s.rowid = n.seq ORDER BY n.id'),
  };
}

/** Fills the search indexes from a snapshot's text, under this database's own row numbers. */
export function writeSearchText(db: Database, search: Snapshot['search']): void {
  const fill = (table: string, index: string, rows: readonly (readonly [string, string])[]): void => {
    const seqOf = new Map(
      db
        .prepare<[], { id: string; seq: number }>(`SELECT id, seq FROM ${table}`)
        .all()
        .map((row) => [row.id, row.seq]),
    );
    const insert = db.prepare(`INSERT INTO ${index} (rowid, content) VALUES (?, ?)`);
    for (const [id, content] of rows) {
      const seq = seqOf.get(id);
      if (seq !== undefined) insert.run(seq, content);
    }
  };
  fill('incidents', 'incident_search', search.incidents);
  fill('incident_notes', 'note_search', search.notes);
}
