import BetterSqlite3, { type Database } from 'better-sqlite3';

/**
 * Reads a store's file through a read-only connection of the test's own (WAL: it sees every commit
 * of the store's connection). The store keeps its handle to itself; a test that only looks at the
 * rows must not be able to write them.
 */
export function readDatabase<T>(store: { readonly status: { readonly path: string } }, read: (db: Database) => T): T {
  const db = new BetterSqlite3(store.status.path, { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}
