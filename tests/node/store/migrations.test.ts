import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src-main/services/store/database';
import {
  LATEST_SCHEMA_VERSION,
  SchemaTooNewError,
  migrate,
  migrations,
  type Migration,
} from '../../../src-main/services/store/migrations';
import { Store } from '../../../src-main/services/store/store';
import { StoreUnavailableError } from '../../../src-main/services/store/storeErrors';
import { manualClock } from '../../../src-main/services/runtime/clock';
import { START, storeOptions, useStores } from '../support/store';

/**
 * Representative rows for the schema AT each version, written with raw SQL: a shipped schema
 * never changes, so these never need to follow the code. When migration N is added, add the rows
 * for version N - 1 here (the test below refuses a migration whose starting point has none).
 */
const representativeRows: Readonly<Record<number, (db: Database) => void>> = {
  0: () => {
    // The empty database: nothing to keep.
  },
  1: (db) => {
    db.exec(`
      INSERT INTO meta (key, value) VALUES ('audit_head', '1:${'a'.repeat(64)}'), ('installed', '2026-11-29');
      INSERT INTO events (id, stream, stream_id, incident_id, type, payload, hlc, at, actor, console_id) VALUES
        ('01JEVENT000000000000000001', 'incident', 'I1', 'I1', 'incident.created',
         '{"number":"BGD-261129-C3-0001","typeCode":"fire","priority":1,"agencies":["fire"]}',
         '001795942800000-000000-C3', 1795942800000, 'dispatcher', 'C3'),
        ('01JEVENT000000000000000002', 'unit', 'U1', NULL, 'unit.statusChanged', '{"status":"available"}',
         '001795942800001-000000-C3', 1795942800001, 'radio', 'C3');
      INSERT INTO incidents (id, number, status, type_code, priority, agencies, lat, lon, accuracy_m, location_source,
        address, caller_name, caller_number, call_ids, linked_ids, merged_into, priority_reason, disposition,
        received_at, answered_at, created_at, routed_at, dispatched_at, en_route_at, on_scene_at, closed_at, updated_at,
        version)
      VALUES ('I1', 'BGD-261129-C3-0001', 'pending', 'fire', 1, '[{"agency":"fire","status":"routed","since":1}]',
        33.31, 44.36, 25, 'ali', 'شارع فلسطين', 'أحمد علي', '07701234567', '["call-1"]', '[]', NULL, NULL, NULL,
        1795942790000, 1795942795000, 1795942800000, 1795942800000, NULL, NULL, NULL, NULL, 1795942800000, 1);
      INSERT INTO incident_agencies (incident_id, agency, status, since, open, priority, created_at)
        VALUES ('I1', 'fire', 'routed', 1795942800000, 1, 1, 1795942800000);
      INSERT INTO incident_notes (id, incident_id, at, actor, text) VALUES ('N1', 'I1', 1795942800000, 'dispatcher', 'دخان كثيف');
      INSERT INTO incident_search (rowid, content) VALUES (1, 'bgd-261129-c3-0001 شارع فلسطين احمد علي 07701234567 fire');
      INSERT INTO note_search (rowid, content) VALUES (1, 'دخان كثيف');
      INSERT INTO incident_numbers (day, console, last) VALUES ('261129', 'C3', 1);
      INSERT INTO calls (id, status, caller_number, received_at, incident_id, record, version)
        VALUES ('call-1', 'linked', '07701234567', 1795942790000, 'I1', '{"id":"call-1","source":"ali"}', 3);
      INSERT INTO drafts (id, console_id, record, updated_at) VALUES ('D1', 'C3', '{"id":"D1"}', 1795942790000);
      INSERT INTO units (id, callsign, agency, kind, capabilities, status, status_since, incident_id, station, home_lat,
        home_lon, radio_id, device_id, updated_at, version)
        VALUES ('U1', 'FIRE-12', 'fire', 'engine', '["ladder"]', 'available', 1795942800001, NULL, 'Karrada', 33.3, 44.4,
          'R-12', 'D-12', 1795942800001, 1);
      INSERT INTO unit_status_history (unit_id, status, at, source, actor, incident_id)
        VALUES ('U1', 'available', 1795942800001, 'radio', 'radio', NULL);
      INSERT INTO positions_trail (unit_id, at, lat, lon, speed, heading, accuracy_m)
        VALUES ('U1', 1795942800001, 33.3, 44.4, 12.5, 270, 5);
      INSERT INTO raw_inputs (received_at, source, kind, bytes, status, error)
        VALUES (1795942790000, 'COM3', 'ali', x'02414c4903', 'parsed', NULL);
      INSERT INTO audit (seq, at, actor, console_id, action, subject, details, prev_hash, hash)
        VALUES (1, 1795942800000, 'dispatcher', 'C3', 'event:incident.created', 'incident:I1',
          '{"eventId":"01JEVENT000000000000000001"}', '${'0'.repeat(64)}', '${'a'.repeat(64)}');
    `);
  },
  2: (db) => {
    representativeRows[1]?.(db);
    db.exec(`
      UPDATE units SET crew = '["ن. حسن"]', status_source = 'radio' WHERE id = 'U1';
      UPDATE unit_status_history SET previous_status = 'out-of-service', reason = 'back in service';
      UPDATE incidents SET units = '[{"unitId":"U1","callsign":"FIRE-12","agency":"fire","status":"dispatched","dispatchedAt":1795942800001,"enRouteAt":null,"onSceneAt":null,"transportingAt":null,"atHospitalAt":null,"clearedAt":null}]';
    `);
  },
  3: (db) => {
    representativeRows[2]?.(db);
    db.exec(`
      INSERT INTO events (id, stream, stream_id, incident_id, type, payload, hlc, at, actor, console_id) VALUES
        ('01JEVENT000000000000000003', 'alarm', 'A1', NULL, 'alarm.raised',
         '{"kind":"radio-emergency","severity":"emergency","subject":"1A01","source":"radio:COM4","position":null,"incidentId":null,"raisedAt":1795942800002}',
         '001795942800002-000000-C3', 1795942800002, 'console:C3', 'C3');
      INSERT INTO center_outbox (event_id) VALUES ('01JEVENT000000000000000003');
      INSERT INTO stream_positions (stream_seq, event_id) VALUES (1, '01JEVENT000000000000000001');
      INSERT INTO event_overrides (event_id, payload, hlc, at, actor, console_id)
        VALUES ('01JEVENT000000000000000003', '{"kind":"radio-emergency"}', '001795942800009-000000-C2', 1795942800009, 'console:C2', 'C2');
      INSERT INTO conflicts (id, open, detected_at, record) VALUES ('K1', 1, 1795942800010, '{"id":"K1"}');
      INSERT INTO voided_events (event_id, conflict_id) VALUES ('01JEVENT000000000000000002', 'K1');
      INSERT INTO provisional_claims (key, kind, subject_id, incident_id, token, holder, event_ids, created_at)
        VALUES ('claim.call-1', 'answer', 'call-1', NULL, 't', '{"console":"C3"}', '[]', 1795942800011);
      INSERT INTO alarms (id, active, raised_at, record) VALUES ('A1', 1, 1795942800002, '{"id":"A1","kind":"radio-emergency"}');
      UPDATE units SET assignment_epoch = 3 WHERE id = 'U1';
    `);
  },
  4: (db) => {
    representativeRows[3]?.(db);
    db.exec(`
      UPDATE incidents SET location_name = '{"district":{"code":"IQG08Q06","name":{"ar":"الرصافة","en":"Al-Risafa"}}}';
    `);
  },
  5: (db) => {
    representativeRows[4]?.(db);
    db.exec(`UPDATE incidents SET address_parts = '{"mahalla":"905","zuqaq":"12","dar":"7"}' WHERE id = 'I1';`);
  },
  6: (db) => {
    representativeRows[5]?.(db);
    db.exec(`
      INSERT INTO request_results (channel, request_id, record_id, at)
        VALUES ('incident.create', 'req-01JREQUEST0000000000000001', 'I1', 1795942800000);
      `);
  },
  7: (db) => {
    representativeRows[6]?.(db);
    db.exec(`
      INSERT INTO events (id, stream, stream_id, incident_id, type, payload, hlc, at, actor, console_id) VALUES
        ('01JEVENT000000000000000004', 'operator', 'amal', NULL, 'operator.saved',
         '{"id":"amal","name":{"ar":"أمل","latin":"Amal"},"roles":["call-taker"],"agencies":[],"languages":["ar","kmr"]}',
         '001795942800012-000000-C3', 1795942800012, 'admin', 'C3');
      INSERT INTO operators (id, record, password_hash, updated_at, version)
        VALUES ('amal', '{"id":"amal","enabled":true}', 'scrypt$1024$8$1$c2FsdA==$aGFzaA==', 1795942800012, 1);
    `);
  },
  8: (db) => {
    representativeRows[7]?.(db);
    // What v8's backfill makes of I1 and call-1 (I1 has no units yet: no agency milestones).
    db.exec(`
      DELETE FROM kpi_incidents;
      INSERT INTO kpi_incidents (created_at, incident_id, type_code, priority, agencies, lat, lon, district_code, merged,
        received_at, answered_at, routed_at, dispatched_at, en_route_at, on_scene_at, closed_at)
        VALUES (1795942800000, 'I1', 'fire', 1, 'fire', 33.31, 44.36, NULL, 0, 1795942790000, 1795942795000,
          1795942800000, NULL, NULL, NULL, NULL);
      INSERT INTO kpi_agency_milestones (created_at, incident_id, agency, dispatched_at, on_scene_at)
        VALUES (1795942800000, 'I1', 'fire', 1795942801000, NULL);
      UPDATE calls SET answered_at = 1795942795000 WHERE id = 'call-1';
    `);
  },
};

interface Snapshot {
  readonly userVersion: number;
  /** table -> column names -> rows (as JSON, sorted) */
  readonly tables: ReadonlyMap<string, { columns: string[]; rows: string[] }>;
  readonly triggers: readonly string[];
  readonly indexes: readonly string[];
}

/** The user-visible tables: not SQLite's own, not FTS5's shadow tables (their content is checked through the FTS table). */
function userTables(db: Database): string[] {
  const rows = db
    .prepare<[], { name: string; sql: string | null }>(
      "SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .all();
  const virtual = rows.filter((row) => /^CREATE VIRTUAL TABLE/i.test(row.sql ?? '')).map((row) => row.name);
  return rows
    .map((row) => row.name)
    .filter((name) => !virtual.some((fts) => name.startsWith(`${fts}_`) && name !== fts));
}

function snapshot(db: Database): Snapshot {
  const tables = new Map<string, { columns: string[]; rows: string[] }>();
  for (const table of userTables(db)) {
    const columns = db
      .prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${table}')`)
      .all()
      .map((row) => row.name);
    tables.set(table, { columns, rows: selectRows(db, table, columns) });
  }
  const names = (type: string): string[] =>
    db
      .prepare<[string], { name: string }>(
        "SELECT name FROM sqlite_schema WHERE type = ? AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .all(type)
      .map((row) => row.name);
  return {
    userVersion: db.pragma('user_version', { simple: true }) as number,
    tables,
    triggers: names('trigger'),
    indexes: names('index'),
  };
}

function selectRows(db: Database, table: string, columns: readonly string[]): string[] {
  const list = ['rowid', ...columns].map((column) => `"${column}"`).join(', ');
  let rows: unknown[][];
  try {
    rows = db.prepare(`SELECT ${list} FROM "${table}"`).raw().all() as unknown[][];
  } catch {
    rows = db
      .prepare(`SELECT ${columns.map((column) => `"${column}"`).join(', ')} FROM "${table}"`)
      .raw()
      .all() as unknown[][]; // WITHOUT ROWID
  }
  return rows
    .map((row) =>
      JSON.stringify(row, (_key, value: unknown) => (Buffer.isBuffer(value) ? value.toString('hex') : value)),
    )
    .sort();
}

/**
 * Builds the database at `version - 1` with the representative rows for that version, runs every
 * step up to the last of `steps`, and lists what the migration lost: rows, tables, triggers, indexes.
 */
function lossesMigratingTo(directory: string, steps: readonly Migration[], version: number): string[] {
  const db = openDatabase({ path: join(directory, `from-v${version - 1}.db`) });
  try {
    migrate(
      db,
      steps.filter((step) => step.version < version),
    );
    expect(db.pragma('user_version', { simple: true })).toBe(version - 1);
    const seed = representativeRows[version - 1];
    if (!seed) return [`no representative rows for schema v${version - 1}`];
    seed(db);
    const before = snapshot(db);
    migrate(db, steps);
    const after = snapshot(db);

    const losses: string[] = [];
    if (after.userVersion !== (steps.at(-1)?.version ?? 0)) losses.push(`user_version is ${after.userVersion}`);
    for (const [table, { columns, rows }] of before.tables) {
      if (!after.tables.has(table)) {
        losses.push(`table ${table} is gone`);
        continue;
      }
      const kept = new Set(selectRows(db, table, columns));
      for (const row of rows) if (!kept.has(row)) losses.push(`${table}: lost ${row}`);
    }
    for (const trigger of before.triggers)
      if (!after.triggers.includes(trigger)) losses.push(`trigger ${trigger} is gone`);
    for (const index of before.indexes) if (!after.indexes.includes(index)) losses.push(`index ${index} is gone`);
    return losses;
  } finally {
    db.close();
  }
}

describe('schema migrations', () => {
  const { tempDir, openStore } = useStores();

  it('given an empty file, when migrated, then it is at the latest version with every table and the append-only triggers', () => {
    const db = openDatabase({ path: join(tempDir(), 'empty.db') });
    try {
      const applied = migrate(db);

      expect(applied).toEqual(migrations.map((step) => step.version));
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
      const schema = snapshot(db);
      expect([...schema.tables.keys()]).toEqual(
        expect.arrayContaining([
          'meta',
          'events',
          'incidents',
          'incident_agencies',
          'incident_notes',
          'incident_search',
          'note_search',
          'incident_numbers',
          'calls',
          'units',
          'unit_status_history',
          'positions_trail',
          'raw_inputs',
          'audit',
        ]),
      );
      expect(schema.triggers).toEqual(
        expect.arrayContaining([
          'events_append_only_update',
          'events_append_only_delete',
          'audit_append_only_update',
          'audit_append_only_delete',
        ]),
      );
    } finally {
      db.close();
    }
  });

  it('given a database at the latest version, when migrate runs again, then nothing is applied and the schema is unchanged', () => {
    const db = openDatabase({ path: join(tempDir(), 'twice.db') });
    try {
      migrate(db);
      const schemaSql = (): unknown[] =>
        db.prepare('SELECT type, name, sql FROM sqlite_schema ORDER BY name').raw().all();
      const before = schemaSql();

      expect(migrate(db)).toEqual([]);
      expect(schemaSql()).toEqual(before);
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    } finally {
      db.close();
    }
  });

  it('given a store reopened on its own file, when it opens, then its data is kept and no step runs again', () => {
    const { store, path, clock } = openStore();
    const incident = store.createIncident({ typeCode: 'fire', priority: 1, agencies: ['fire'] }, 'dispatcher');
    store.close();

    const reopened = Store.open(storeOptions(path, clock));
    try {
      expect(reopened.status.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
      expect(reopened.getIncident(incident.id)).toEqual(incident);
    } finally {
      reopened.close();
    }
  });

  it('given a database whose user_version is newer than this code, when migrated, then it is refused with SchemaTooNewError and left as it was', () => {
    const path = join(tempDir(), 'future.db');
    const db = openDatabase({ path });
    try {
      migrate(db);
      db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);

      expect(() => migrate(db)).toThrow(SchemaTooNewError);
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION + 1);
    } finally {
      db.close();
    }
  });

  it('given a database from a newer Nida, when the store opens it, then it refuses with advice to update Nida, not to restore an old backup', () => {
    const directory = tempDir();
    const path = join(directory, 'live.db');
    const db = openDatabase({ path });
    migrate(db);
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    db.close();

    const open = (): Store =>
      Store.open(storeOptions(path, manualClock(START), { latestBackup: () => join(directory, 'backups/live/x.db') }));

    expect(open).toThrow(StoreUnavailableError);
    expect(open).toThrow(/newer than this Nida.*update Nida/);
    expect(open).not.toThrow(/restore/);
  });

  it('given every migration, then the schema it starts from has representative rows to migrate', () => {
    const missing = migrations
      .map((step) => step.version - 1)
      .filter((version) => representativeRows[version] === undefined);

    expect(missing).toEqual([]);
  });

  it.each(
    Object.keys(representativeRows)
      .map(Number)
      .filter((version) => version > 0),
  )(
    'given the schema at v%i, when its representative rows are written, then every table holds at least one row',
    (version) => {
      const db = openDatabase({ path: join(tempDir(), `rows-v${version}.db`) });
      try {
        migrate(
          db,
          migrations.filter((step) => step.version <= version),
        );
        representativeRows[version]?.(db);

        const empty = [...snapshot(db).tables].filter(([, table]) => table.rows.length === 0).map(([name]) => name);
        expect(empty).toEqual([]);
      } finally {
        db.close();
      }
    },
  );

  it.each(migrations.map((step) => [step.version, step.description] as const))(
    'given a database at the version before v%i (%s) holding data, when migrated, then every row, table, trigger and index is kept',
    (version) => {
      expect(lossesMigratingTo(tempDir(), migrations, version)).toEqual([]);
    },
  );

  describe('the migration check itself', () => {
    const next = LATEST_SCHEMA_VERSION + 1;

    it('given a future migration that only adds, when checked, then it passes', () => {
      const additive: Migration = {
        version: next,
        description: 'test: adds a column and a table',
        up: (db) =>
          db.exec('ALTER TABLE incidents ADD COLUMN sector TEXT; CREATE TABLE sectors (code TEXT PRIMARY KEY);'),
      };

      expect(lossesMigratingTo(tempDir(), [...migrations, additive], next)).toEqual([]);
    });

    it('given a future migration that loses rows or a trigger, when checked, then each loss is reported', () => {
      const lossy: Migration = {
        version: next,
        description: 'test: rebuilds a table and forgets rows and a trigger',
        up: (db) =>
          db.exec("DELETE FROM raw_inputs; DROP TRIGGER audit_append_only_delete; UPDATE units SET station = 'X'"),
      };

      const losses = lossesMigratingTo(tempDir(), [...migrations, lossy], next);

      expect(losses).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^raw_inputs: lost/),
          expect.stringMatching(/^units: lost/),
          'trigger audit_append_only_delete is gone',
        ]),
      );
    });
  });
});
