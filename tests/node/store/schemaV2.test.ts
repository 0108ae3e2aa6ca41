// Schema v2 (unit crew and status source, status change reasons, incident units): from empty and from v1.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { manualClock } from '../../../src-main/services/runtime/clock';
import { openDatabase } from '../../../src-main/services/store/database';
import { migrate, migrations } from '../../../src-main/services/store/migrations';
import { Store } from '../../../src-main/services/store/store';
import { START, storeOptions } from '../support/store';
import { useTempDirs } from '../support/cleanup';

describe('schema v2', () => {
  const tempDir = useTempDirs();

  it('given a v1 database with a unit and an incident, when migrated, then the unit reads with empty crew and the incident with no units', () => {
    const path = join(tempDir(), 'v1.db');
    const db = openDatabase({ path });
    migrate(
      db,
      migrations.filter((step) => step.version === 1),
    );
    db.exec(`
      INSERT INTO units (id, callsign, agency, kind, capabilities, status, status_since, incident_id, station, home_lat,
        home_lon, radio_id, device_id, updated_at, version)
      VALUES ('U1', 'دفاع-1', 'civil-defence', 'fire-engine', '["rescue"]', 'available', 1, NULL, NULL, 33.3, 44.4, '1A2F', NULL, 1, 1);
      INSERT INTO incidents (id, number, status, type_code, priority, agencies, call_ids, linked_ids, created_at, updated_at, version)
      VALUES ('I1', 'BGD-261129-C1-0001', 'pending', 'building-fire', 1, '[]', '[]', '[]', 1, 1, 1);
    `);
    db.close();

    const store = Store.open(storeOptions(path, manualClock(START)));
    try {
      expect(store.status.schemaVersion).toBeGreaterThanOrEqual(2);
      expect(store.units.get('U1')).toMatchObject({
        crew: [],
        statusSource: 'system',
        capabilities: ['rescue'],
        radioId: '1A2F',
      });
      expect(store.getIncident('I1')?.units).toEqual([]);
    } finally {
      store.close();
    }
  });

  it('given an empty file, when migrated to v2, then radio and device ids are unique per unit (from v3 the unit service keeps them unique, so that a center folds concurrent roster edits alike)', () => {
    const db = openDatabase({ path: join(tempDir(), 'empty.db') });
    try {
      migrate(
        db,
        migrations.filter((step) => step.version <= 2),
      );
      const insert = (id: string, radio: string) =>
        db
          .prepare(
            `INSERT INTO units (id, callsign, agency, kind, capabilities, status, status_since, radio_id, updated_at, version)
             VALUES (?, ?, 'ambulance', 'ambulance-basic', '[]', 'available', 1, ?, 1, 1)`,
          )
          .run(id, id, radio);
      insert('A', '1A2F');
      expect(() => insert('B', '1A2F')).toThrow(/UNIQUE/);
    } finally {
      db.close();
    }
  });
});
