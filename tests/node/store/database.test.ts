import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase, type OpenDatabaseOptions } from '../../../src-main/services/store/database';
import { countRows, newIncident, storeConnection, useStores } from '../support/store';

describe('store database connection', () => {
  const { tempDir, defer, openStore } = useStores();

  function open(options: Omit<OpenDatabaseOptions, 'path'> = {}): Database {
    const db = openDatabase({ path: join(tempDir(), 'nested', 'live.db'), ...options });
    defer(() => {
      db.close();
    });
    return db;
  }

  const pragma = (db: Database, name: string): unknown => db.pragma(name, { simple: true });

  it('given default options, when a database is opened, then it is in WAL mode with synchronous FULL, foreign keys on and a busy timeout', () => {
    const db = open();

    expect(pragma(db, 'journal_mode')).toBe('wal');
    expect(pragma(db, 'synchronous')).toBe(2);
    expect(pragma(db, 'foreign_keys')).toBe(1);
    expect(pragma(db, 'busy_timeout')).toBe(5_000);
  });

  it('given durability NORMAL and a busy timeout, when a database is opened, then synchronous is NORMAL and the timeout is the one asked for', () => {
    const db = open({ durability: 'NORMAL', busyTimeoutMs: 250 });

    expect(pragma(db, 'synchronous')).toBe(1);
    expect(pragma(db, 'busy_timeout')).toBe(250);
    expect(pragma(db, 'journal_mode')).toBe('wal');
  });

  it('given a store, when it is opened, then its own connection carries the same pragmas', () => {
    const { store } = openStore();
    const { store: fast } = openStore({ durability: 'NORMAL', busyTimeoutMs: 100 });

    expect(pragma(storeConnection(store), 'journal_mode')).toBe('wal');
    expect(pragma(storeConnection(store), 'synchronous')).toBe(2);
    expect(pragma(storeConnection(store), 'foreign_keys')).toBe(1);
    expect(pragma(storeConnection(store), 'busy_timeout')).toBe(5_000);
    expect(pragma(storeConnection(fast), 'synchronous')).toBe(1);
    expect(pragma(storeConnection(fast), 'busy_timeout')).toBe(100);
  });

  it('given foreign keys on, when a note names an incident that does not exist, then the insert is refused', () => {
    const { store } = openStore();

    expect(() =>
      storeConnection(store)
        .prepare("INSERT INTO incident_notes (id, incident_id, at, actor, text) VALUES ('n', 'missing', 1, 'a', 't')")
        .run(),
    ).toThrow(/FOREIGN KEY/);
  });
});

describe('the event log and audit trail are append-only', () => {
  const { openStore, rawConnection } = useStores();

  function storeWithHistory(): ReturnType<typeof openStore> {
    const opened = openStore();
    const incident = opened.store.createIncident(newIncident({ note: 'أول ملاحظة' }), 'dispatcher');
    opened.store.appendIncidentEvent(
      incident.id,
      { type: 'incident.statusChanged', payload: { status: 'dispatched' } },
      'dispatcher',
    );
    return opened;
  }

  it.each([
    ['UPDATE events', "UPDATE events SET actor = 'someone else'", /events are append-only/],
    ['DELETE FROM events', 'DELETE FROM events WHERE seq = 2', /events are append-only/],
    ['UPDATE audit', "UPDATE audit SET details = '{}'", /audit trail is append-only/],
    ['DELETE FROM audit', 'DELETE FROM audit', /audit trail is append-only/],
  ])(
    'given a store with history, when %s runs on its connection, then it raises and nothing changes',
    (_name, sql, message) => {
      const { store } = storeWithHistory();
      const before = [countRows(storeConnection(store), 'events'), countRows(storeConnection(store), 'audit')];

      expect(() => storeConnection(store).exec(sql)).toThrow(message);
      expect([countRows(storeConnection(store), 'events'), countRows(storeConnection(store), 'audit')]).toEqual(before);
      expect(store.verifyAudit().ok).toBe(true);
    },
  );

  it('given a store with history, when another program updates an event through its own connection, then the trigger still refuses it', () => {
    const { store, path } = storeWithHistory();
    const raw = rawConnection(path);

    expect(() => raw.exec("UPDATE events SET payload = '{}' WHERE seq = 1")).toThrow(/append-only/);
    expect(store.verifyAudit().ok).toBe(true);
  });
});
