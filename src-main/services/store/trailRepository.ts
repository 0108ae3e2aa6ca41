import type { Database, Statement } from 'better-sqlite3';
import type { TrailPoint } from '../../../src-shared/domain/unit';

export interface TrailRow extends TrailPoint {
  readonly unitId: string;
  readonly accuracyM: number | null;
}

interface TrailRowDb {
  at: number;
  lat: number;
  lon: number;
  speed: number | null;
  heading: number | null;
}

/** Rows deleted per pruning transaction, so pruning a day of 5,000 units never blocks the host for long. */
const PRUNE_CHUNK = 5_000;

/**
 * SQL of `positions_trail`, the downsampled AVL history (the store's `trail`): one transaction per
 * batch; a repeat of a stored (unit, time) is ignored.
 */
export class TrailRepository {
  private readonly insert: Statement<[string, number, number, number, number | null, number | null, number | null]>;
  private readonly latest: Statement<[string, number], TrailRowDb>;
  private readonly fromTime: Statement<[string, number, number], TrailRowDb>;
  private readonly pruneChunk: Statement<[number, number]>;
  private readonly writeBatch: (rows: readonly TrailRow[]) => void;

  constructor(db: Database) {
    this.insert = db.prepare(
      'INSERT OR IGNORE INTO positions_trail (unit_id, at, lat, lon, speed, heading, accuracy_m) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.latest = db.prepare(
      'SELECT at, lat, lon, speed, heading FROM positions_trail WHERE unit_id = ? ORDER BY at DESC LIMIT ?',
    );
    this.fromTime = db.prepare(
      'SELECT at, lat, lon, speed, heading FROM positions_trail WHERE unit_id = ? AND at >= ? ORDER BY at LIMIT ?',
    );
    this.pruneChunk = db.prepare(
      `DELETE FROM positions_trail WHERE (unit_id, at) IN
         (SELECT unit_id, at FROM positions_trail WHERE at < ? LIMIT ?)`,
    );
    this.writeBatch = db.transaction((rows: readonly TrailRow[]) => {
      for (const row of rows) {
        this.insert.run(row.unitId, row.at, row.lat, row.lon, row.speed, row.heading, row.accuracyM);
      }
    });
  }

  /** Writes the points in one transaction. */
  write(rows: readonly TrailRow[]): void {
    this.writeBatch(rows);
  }

  /** Oldest first: from `since` when given, else the newest `limit` points. */
  query(unitId: string, since: number | undefined, limit: number): TrailPoint[] {
    const rows =
      since === undefined ? this.latest.all(unitId, limit).reverse() : this.fromTime.all(unitId, since, limit);
    return rows.map((row) => ({ at: row.at, lat: row.lat, lon: row.lon, speed: row.speed, heading: row.heading }));
  }

  /** Deletes up to one chunk of points older than `before`; returns how many went (0: done). */
  pruneStep(before: number): number {
    return this.pruneChunk.run(before, PRUNE_CHUNK).changes;
  }
}
