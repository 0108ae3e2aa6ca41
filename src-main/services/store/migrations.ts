import type { Database } from 'better-sqlite3';

/** One forward-only schema step; `version` is what `PRAGMA user_version` holds after it ran. */
export interface Migration {
  readonly version: number;
  readonly description: string;
  up(db: Database): void;
}

const v1 = `
CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

-- The log every projection is folded from. Append-only, enforced by triggers.
CREATE TABLE events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  stream TEXT NOT NULL CHECK (stream IN ('incident', 'call', 'unit')),
  stream_id TEXT NOT NULL,
  incident_id TEXT,
  type TEXT NOT NULL,
  payload TEXT NOT NULL CHECK (json_valid(payload)),
  hlc TEXT NOT NULL,
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  console_id TEXT NOT NULL
);
CREATE INDEX events_by_stream ON events (stream, stream_id, seq);
CREATE INDEX events_by_incident ON events (incident_id, seq) WHERE incident_id IS NOT NULL;
-- Resuming this console's clock at start reads its newest timestamp.
CREATE INDEX events_by_console_clock ON events (console_id, hlc);
CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;

-- Projection: one row per incident, as the queue and detail views read it.
CREATE TABLE incidents (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  number TEXT NOT NULL UNIQUE,
  status TEXT NOT NULL,
  type_code TEXT NOT NULL,
  priority INTEGER NOT NULL,
  agencies TEXT NOT NULL,
  lat REAL,
  lon REAL,
  accuracy_m REAL,
  location_source TEXT,
  address TEXT,
  caller_name TEXT,
  caller_number TEXT,
  call_ids TEXT NOT NULL,
  linked_ids TEXT NOT NULL,
  merged_into TEXT,
  priority_reason TEXT,
  disposition TEXT,
  received_at INTEGER,
  answered_at INTEGER,
  created_at INTEGER NOT NULL,
  routed_at INTEGER,
  dispatched_at INTEGER,
  en_route_at INTEGER,
  on_scene_at INTEGER,
  closed_at INTEGER,
  updated_at INTEGER NOT NULL,
  version INTEGER NOT NULL
);
CREATE INDEX incidents_open_queue ON incidents (priority, created_at) WHERE status <> 'closed';
CREATE INDEX incidents_by_status ON incidents (status, priority, created_at);
CREATE INDEX incidents_by_created ON incidents (created_at);

-- Projection: each agency's queue (a multi-agency incident is one incident in several queues).
CREATE TABLE incident_agencies (
  incident_id TEXT NOT NULL REFERENCES incidents (id),
  agency TEXT NOT NULL,
  status TEXT NOT NULL,
  since INTEGER NOT NULL,
  open INTEGER NOT NULL,
  priority INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (incident_id, agency)
) WITHOUT ROWID;
CREATE INDEX incident_agencies_queue ON incident_agencies (agency, open, priority, created_at);

CREATE TABLE incident_notes (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  incident_id TEXT NOT NULL REFERENCES incidents (id),
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  text TEXT NOT NULL
);
CREATE INDEX incident_notes_by_incident ON incident_notes (incident_id, at);

-- Search text is normalized (src-shared/domain/arabic.ts) before it is indexed.
CREATE VIRTUAL TABLE incident_search USING fts5 (content, tokenize = 'unicode61 remove_diacritics 0');
CREATE VIRTUAL TABLE note_search USING fts5 (content, tokenize = 'unicode61 remove_diacritics 0');

CREATE TABLE incident_numbers (
  day TEXT NOT NULL,
  console TEXT NOT NULL,
  last INTEGER NOT NULL,
  PRIMARY KEY (day, console)
) WITHOUT ROWID;

-- Projection: every call the center received; the full record is JSON, the columns are what the
-- queue and the rebid/duplicate look-ups filter on.
CREATE TABLE calls (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  status TEXT NOT NULL,
  caller_number TEXT,
  received_at INTEGER NOT NULL,
  incident_id TEXT,
  record TEXT NOT NULL CHECK (json_valid(record)),
  version INTEGER NOT NULL
);
CREATE INDEX calls_active ON calls (received_at) WHERE status IN ('waiting', 'answered');
CREATE INDEX calls_by_number ON calls (caller_number, received_at);
CREATE INDEX calls_by_incident ON calls (incident_id) WHERE incident_id IS NOT NULL;

-- Intakes in progress, per console: working state (not events), so a reload never loses typing.
CREATE TABLE drafts (
  id TEXT PRIMARY KEY,
  console_id TEXT NOT NULL,
  record TEXT NOT NULL CHECK (json_valid(record)),
  updated_at INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE units (
  id TEXT PRIMARY KEY,
  callsign TEXT NOT NULL UNIQUE,
  agency TEXT NOT NULL,
  kind TEXT NOT NULL,
  capabilities TEXT NOT NULL,
  status TEXT NOT NULL,
  status_since INTEGER NOT NULL,
  incident_id TEXT,
  station TEXT,
  home_lat REAL,
  home_lon REAL,
  radio_id TEXT,
  device_id TEXT,
  updated_at INTEGER NOT NULL,
  version INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX units_by_agency ON units (agency, status);

CREATE TABLE unit_status_history (
  id INTEGER PRIMARY KEY,
  unit_id TEXT NOT NULL,
  status TEXT NOT NULL,
  at INTEGER NOT NULL,
  source TEXT NOT NULL,
  actor TEXT NOT NULL,
  incident_id TEXT
);
CREATE INDEX unit_status_history_by_unit ON unit_status_history (unit_id, at);

-- Downsampled AVL history; pruned by age (positions at full rate stay in memory).
CREATE TABLE positions_trail (
  unit_id TEXT NOT NULL,
  at INTEGER NOT NULL,
  lat REAL NOT NULL,
  lon REAL NOT NULL,
  speed REAL,
  heading REAL,
  accuracy_m REAL,
  PRIMARY KEY (unit_id, at)
) WITHOUT ROWID;
CREATE INDEX positions_trail_by_time ON positions_trail (at);

-- Every serial frame and unparseable payload exactly as received, before parsing.
CREATE TABLE raw_inputs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  received_at INTEGER NOT NULL,
  source TEXT NOT NULL,
  kind TEXT NOT NULL,
  bytes BLOB NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending',
  error TEXT
);
CREATE INDEX raw_inputs_by_time ON raw_inputs (received_at);
CREATE INDEX raw_inputs_by_source ON raw_inputs (source, received_at);

-- Hash chain over every event and security-relevant action (see audit.ts).
CREATE TABLE audit (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  console_id TEXT NOT NULL,
  action TEXT NOT NULL,
  subject TEXT NOT NULL,
  details TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
`;

// v2: the roster's crew and who last changed a unit's status; why each status change happened;
// the units assigned to each incident (with their own milestones), for the detail view and KPIs.
const v2 = `
ALTER TABLE units ADD COLUMN crew TEXT NOT NULL DEFAULT '[]';
ALTER TABLE units ADD COLUMN status_source TEXT NOT NULL DEFAULT 'system';
CREATE UNIQUE INDEX units_by_radio ON units (radio_id) WHERE radio_id IS NOT NULL;
CREATE UNIQUE INDEX units_by_device ON units (device_id) WHERE device_id IS NOT NULL;
ALTER TABLE unit_status_history ADD COLUMN previous_status TEXT;
ALTER TABLE unit_status_history ADD COLUMN reason TEXT;
CREATE INDEX unit_status_history_by_incident ON unit_status_history (incident_id, at) WHERE incident_id IS NOT NULL;
ALTER TABLE incidents ADD COLUMN units TEXT NOT NULL DEFAULT '[]';
`;

// v3: center mode. The log gains the alarm stream (SQLite cannot widen a CHECK, so the events table
// is rebuilt with the same rows and sequence numbers); the outbox of events not yet on the center's
// stream; where each event sits in the stream (the center-wide order); alarms as a projection; the
// assignment epoch each unit last claimed in the center.
const v3 = `
DROP TRIGGER events_append_only_update;
DROP TRIGGER events_append_only_delete;
CREATE TABLE events_v3 (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  stream TEXT NOT NULL CHECK (stream IN ('incident', 'call', 'unit', 'alarm', 'conflict')),
  stream_id TEXT NOT NULL,
  incident_id TEXT,
  type TEXT NOT NULL,
  payload TEXT NOT NULL CHECK (json_valid(payload)),
  hlc TEXT NOT NULL,
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  console_id TEXT NOT NULL
);
INSERT INTO events_v3 (seq, id, stream, stream_id, incident_id, type, payload, hlc, at, actor, console_id)
  SELECT seq, id, stream, stream_id, incident_id, type, payload, hlc, at, actor, console_id FROM events ORDER BY seq;
DROP TABLE events;
ALTER TABLE events_v3 RENAME TO events;
CREATE INDEX events_by_stream ON events (stream, stream_id, seq);
CREATE INDEX events_by_incident ON events (incident_id, seq) WHERE incident_id IS NOT NULL;
CREATE INDEX events_by_console_clock ON events (console_id, hlc);
CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;

-- Center mode: events committed here and not yet acknowledged by the center's stream, in commit order.
CREATE TABLE center_outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id TEXT NOT NULL UNIQUE
);
-- Center mode: the stream sequence of every event this console has read from the center's stream.
CREATE TABLE stream_positions (
  stream_seq INTEGER PRIMARY KEY,
  event_id TEXT NOT NULL UNIQUE
);

-- Center mode: an event this console wrote under an id derived from its input (an MDT message, an
-- alarm's condition) that another console wrote first: the stream's copy is what every console folds.
CREATE TABLE event_overrides (
  event_id TEXT PRIMARY KEY,
  payload TEXT NOT NULL CHECK (json_valid(payload)),
  hlc TEXT NOT NULL,
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  console_id TEXT NOT NULL
) WITHOUT ROWID;

-- Projection: conflicts between a provisional action of a console that was cut off and what the
-- center decided meanwhile (docs/center.md), for the shift lead; and the losing events they void.
CREATE TABLE conflicts (
  id TEXT PRIMARY KEY,
  open INTEGER NOT NULL,
  detected_at INTEGER NOT NULL,
  record TEXT NOT NULL CHECK (json_valid(record))
) WITHOUT ROWID;
CREATE INDEX conflicts_open ON conflicts (detected_at) WHERE open = 1;
CREATE TABLE voided_events (
  event_id TEXT PRIMARY KEY,
  conflict_id TEXT NOT NULL
) WITHOUT ROWID;

-- Center mode, this console only: actions taken while the center could not be reached (answering a
-- call, assigning a unit), provisional until a create-if-absent claim confirms or refuses them.
CREATE TABLE provisional_claims (
  key TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('answer', 'assign')),
  subject_id TEXT NOT NULL,
  incident_id TEXT,
  token TEXT NOT NULL,
  holder TEXT NOT NULL CHECK (json_valid(holder)),
  event_ids TEXT NOT NULL CHECK (json_valid(event_ids)),
  created_at INTEGER NOT NULL
) WITHOUT ROWID;

-- Projection: alarms the room must see (raised, acknowledged, cleared), one row each.
CREATE TABLE alarms (
  id TEXT PRIMARY KEY,
  active INTEGER NOT NULL,
  raised_at INTEGER NOT NULL,
  record TEXT NOT NULL CHECK (json_valid(record))
) WITHOUT ROWID;
CREATE INDEX alarms_active ON alarms (raised_at) WHERE active = 1;

-- Units: callsign, radio and device stay unique by the unit service's checks, no longer by the
-- schema: in a center two positions may edit the roster at once, and every console must fold both
-- edits the same way. The table is rebuilt (an inline UNIQUE cannot be dropped) with the epoch.
CREATE TABLE units_v3 (
  id TEXT PRIMARY KEY,
  callsign TEXT NOT NULL,
  agency TEXT NOT NULL,
  kind TEXT NOT NULL,
  capabilities TEXT NOT NULL,
  status TEXT NOT NULL,
  status_since INTEGER NOT NULL,
  incident_id TEXT,
  station TEXT,
  home_lat REAL,
  home_lon REAL,
  radio_id TEXT,
  device_id TEXT,
  updated_at INTEGER NOT NULL,
  version INTEGER NOT NULL,
  crew TEXT NOT NULL DEFAULT '[]',
  status_source TEXT NOT NULL DEFAULT 'system',
  assignment_epoch INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
INSERT INTO units_v3 (id, callsign, agency, kind, capabilities, status, status_since, incident_id, station, home_lat,
  home_lon, radio_id, device_id, updated_at, version, crew, status_source)
  SELECT id, callsign, agency, kind, capabilities, status, status_since, incident_id, station, home_lat,
    home_lon, radio_id, device_id, updated_at, version, crew, status_source FROM units;
DROP TABLE units;
ALTER TABLE units_v3 RENAME TO units;
CREATE INDEX units_by_agency ON units (agency, status);
CREATE INDEX units_by_callsign ON units (callsign);
CREATE INDEX units_by_radio ON units (radio_id) WHERE radio_id IS NOT NULL;
CREATE INDEX units_by_device ON units (device_id) WHERE device_id IS NOT NULL;
`;

// v4: every location named — the incident keeps where its location lies (neighbourhood,
// sub-district, district, governorate; JSON) as its events carry it. Older incidents have none.
const v4 = `
ALTER TABLE incidents ADD COLUMN location_name TEXT;
`;

/** v5: Iraqi addresses: mahalla, zuqaq, dar and landmark of an incident, as JSON (only the filled parts). */
const v5 = `
ALTER TABLE incidents ADD COLUMN address_parts TEXT;
`;

/** v6: idempotent creation: the first result of a client's request id, kept in the creating transaction. */
const v6 = `
CREATE TABLE request_results (
  channel TEXT NOT NULL,
  request_id TEXT NOT NULL,
  record_id TEXT NOT NULL,
  at INTEGER NOT NULL,
  PRIMARY KEY (channel, request_id)
) WITHOUT ROWID;
`;

// v7: operators. The log gains the operator stream (the events table is rebuilt, as in v3, to widen
// its CHECK with the same rows and sequence numbers); the roster is a projection of that stream.
const v7 = `
DROP TRIGGER events_append_only_update;
DROP TRIGGER events_append_only_delete;
CREATE TABLE events_v7 (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  stream TEXT NOT NULL CHECK (stream IN ('incident', 'call', 'unit', 'alarm', 'conflict', 'operator')),
  stream_id TEXT NOT NULL,
  incident_id TEXT,
  type TEXT NOT NULL,
  payload TEXT NOT NULL CHECK (json_valid(payload)),
  hlc TEXT NOT NULL,
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  console_id TEXT NOT NULL
);
INSERT INTO events_v7 (seq, id, stream, stream_id, incident_id, type, payload, hlc, at, actor, console_id)
  SELECT seq, id, stream, stream_id, incident_id, type, payload, hlc, at, actor, console_id FROM events ORDER BY seq;
DROP TABLE events;
ALTER TABLE events_v7 RENAME TO events;
CREATE INDEX events_by_stream ON events (stream, stream_id, seq);
CREATE INDEX events_by_incident ON events (incident_id, seq) WHERE incident_id IS NOT NULL;
CREATE INDEX events_by_console_clock ON events (console_id, hlc);
CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;

-- Projection: the operators roster, one row each. The password hash is kept apart from the record
-- the windows read, so that no list ever carries it.
CREATE TABLE operators (
  id TEXT PRIMARY KEY,
  record TEXT NOT NULL CHECK (json_valid(record)),
  password_hash TEXT,
  updated_at INTEGER NOT NULL,
  version INTEGER NOT NULL
) WITHOUT ROWID;
`;

/** Every schema step in order. Add new ones at the end; never edit one that has shipped. */
// v8 as it was released: the KPI side tables, backfilled from the incidents and calls as they stood.
// Frozen here: kpiFacts.ts keeps them up to date from then on and may change its own statements.
const v8 = `
CREATE TABLE kpi_incidents (
  created_at INTEGER NOT NULL,
  incident_id TEXT NOT NULL,
  type_code TEXT NOT NULL,
  priority INTEGER NOT NULL,
  agencies TEXT NOT NULL,
  lat REAL,
  lon REAL,
  district_code TEXT,
  merged INTEGER NOT NULL,
  received_at INTEGER,
  answered_at INTEGER,
  routed_at INTEGER,
  dispatched_at INTEGER,
  en_route_at INTEGER,
  on_scene_at INTEGER,
  closed_at INTEGER,
  PRIMARY KEY (created_at, incident_id)
) WITHOUT ROWID;
CREATE UNIQUE INDEX kpi_incidents_by_id ON kpi_incidents (incident_id);
CREATE TABLE kpi_agency_milestones (
  created_at INTEGER NOT NULL,
  incident_id TEXT NOT NULL,
  agency TEXT NOT NULL,
  dispatched_at INTEGER NOT NULL,
  on_scene_at INTEGER,
  PRIMARY KEY (created_at, incident_id, agency)
) WITHOUT ROWID;
ALTER TABLE calls ADD COLUMN answered_at INTEGER;
-- The KPI period scan reads only this index (ring, answer, incident).
CREATE INDEX calls_by_received ON calls (received_at, answered_at, incident_id);
UPDATE calls SET answered_at = json_extract(record, '$.answeredAt');
INSERT INTO kpi_incidents (incident_id, created_at, type_code, priority, agencies, lat, lon, district_code, merged,
                           received_at, answered_at, routed_at, dispatched_at, en_route_at, on_scene_at, closed_at)
SELECT id, created_at, type_code, priority,
       coalesce((SELECT group_concat(a.value ->> 'agency', ' ' ORDER BY a.key) FROM json_each(i.agencies) a), ''),
       CASE WHEN lon IS NOT NULL THEN lat END, CASE WHEN lat IS NOT NULL THEN lon END,
       json_extract(location_name, '$.district.code'), merged_into IS NOT NULL,
       received_at, answered_at, routed_at, dispatched_at, en_route_at, on_scene_at, closed_at
  FROM incidents i;
INSERT INTO kpi_agency_milestones (created_at, incident_id, agency, dispatched_at, on_scene_at)
SELECT i.created_at, i.id, u.value ->> 'agency', min(u.value ->> 'dispatchedAt'), min(u.value ->> 'onSceneAt')
  FROM incidents i, json_each(i.units) u
 GROUP BY i.id, u.value ->> 'agency';
`;

export const migrations: readonly Migration[] = [
  { version: 1, description: 'event log, projections, search, raw inputs, audit chain', up: (db) => db.exec(v1) },
  {
    version: 2,
    description: 'unit crew and status source, status change reasons, incident units',
    up: (db) => db.exec(v2),
  },
  {
    version: 3,
    description:
      'center mode: alarm and conflict streams, outbox, stream positions, overrides, alarms, conflicts, provisional claims, unit epochs',
    up: (db) => db.exec(v3),
  },
  { version: 4, description: 'named incident locations', up: (db) => db.exec(v4) },
  { version: 5, description: 'Iraqi addresses: mahalla, zuqaq, dar, landmark', up: (db) => db.exec(v5) },
  {
    version: 6,
    description: 'idempotent creation: the first result of each client request id',
    up: (db) => db.exec(v6),
  },
  { version: 7, description: 'operators: the operator stream and the roster', up: (db) => db.exec(v7) },
  {
    // v8: KPI side tables kept by the incident projection, and each call's answer as a column, so
    // that a report scans narrow rows instead of parsing every incident's units (issue 21).
    version: 8,
    description: 'KPI side tables (incidents, agency milestones) and the calls answer column, backfilled',
    up: (db) => db.exec(v8),
  },
];

export const LATEST_SCHEMA_VERSION = migrations.at(-1)?.version ?? 0;

export class SchemaTooNewError extends Error {
  override readonly name = 'SchemaTooNewError';
}

/** Brings the database to the latest schema, one transaction per step. Returns the steps applied. */
export function migrate(db: Database, steps: readonly Migration[] = migrations): number[] {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = steps.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new SchemaTooNewError(`database schema ${current} is newer than this Nida (${latest}); update Nida`);
  }
  const applied: number[] = [];
  for (const step of steps) {
    if (step.version <= current) continue;
    db.transaction(() => {
      step.up(db);
      db.pragma(`user_version = ${step.version}`);
    })();
    applied.push(step.version);
  }
  return applied;
}
