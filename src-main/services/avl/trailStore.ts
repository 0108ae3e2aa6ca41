import type { TrailPoint } from '../../../src-shared/domain/unit';
import type { TrailRepository, TrailRow } from '../store/trailRepository';

/**
 * The downsampled trail: points are buffered here and written to the store's `trail` in one
 * transaction per flush.
 */
export class TrailStore {
  private pending: TrailRow[] = [];

  constructor(private readonly repository: TrailRepository) {}

  add(row: TrailRow): void {
    this.pending.push(row);
  }

  get pendingCount(): number {
    return this.pending.length;
  }

  /** Writes the buffered points in one transaction. On failure the points are dropped (the live map is unaffected). */
  flush(): number {
    if (this.pending.length === 0) return 0;
    const rows = this.pending;
    this.pending = [];
    this.repository.write(rows);
    return rows.length;
  }

  /** Oldest first: from `since` when given, else the newest `limit` points. */
  query(unitId: string, since: number | undefined, limit: number): TrailPoint[] {
    return this.repository.query(unitId, since, limit);
  }

  /** Deletes up to one chunk of points older than `before`; returns how many went (0: done). */
  pruneStep(before: number): number {
    return this.repository.pruneStep(before);
  }
}
