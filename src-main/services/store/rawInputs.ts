import type { Database, Statement } from 'better-sqlite3';

export type RawInputStatus = 'pending' | 'parsed' | 'rejected';

export interface RawInput {
  readonly id: number;
  readonly receivedAt: number;
  /** Where it came from: `serial:/dev/ttyS0`, `mqtt:owntracks/u1/phone`, … */
  readonly source: string;
  /** What the source speaks: `ali`, `radio`, `nmea`, `mqtt`. */
  readonly kind: string;
  readonly bytes: Buffer;
  readonly status: RawInputStatus;
  readonly error: string | null;
}

interface RawInputRow {
  id: number;
  received_at: number;
  source: string;
  kind: string;
  bytes: Buffer;
  status: RawInputStatus;
  error: string | null;
}

/**
 * Every serial frame and unparseable payload exactly as received, stored before it is parsed:
 * the telephony link cannot resend, and a parser bug must never lose a call.
 */
export class RawInputLog {
  private readonly insert: Statement<[number, string, string, Buffer], { id: number }>;
  private readonly mark: Statement<[RawInputStatus, string | null, number]>;
  private readonly recent: Statement<[string, number], RawInputRow>;

  constructor(db: Database) {
    this.insert = db.prepare(
      'INSERT INTO raw_inputs (received_at, source, kind, bytes) VALUES (?, ?, ?, ?) RETURNING id',
    );
    this.mark = db.prepare('UPDATE raw_inputs SET status = ?, error = ? WHERE id = ?');
    this.recent = db.prepare('SELECT * FROM raw_inputs WHERE source = ? ORDER BY received_at DESC, id DESC LIMIT ?');
  }

  /** Stores the bytes (committed on return) and gives the id to mark once parsed. */
  record(source: string, kind: string, bytes: Uint8Array, receivedAt: number): number {
    const row = this.insert.get(receivedAt, source, kind, Buffer.from(bytes));
    if (!row) throw new Error('raw input was not stored');
    return row.id;
  }

  markParsed(id: number): void {
    this.mark.run('parsed', null, id);
  }

  markRejected(id: number, error: string): void {
    this.mark.run('rejected', error.slice(0, 1000), id);
  }

  /** Newest first, for the port status view and for audit. */
  recentFrom(source: string, limit: number): RawInput[] {
    return this.recent.all(source, limit).map((row) => ({
      id: row.id,
      receivedAt: row.received_at,
      source: row.source,
      kind: row.kind,
      bytes: row.bytes,
      status: row.status,
      error: row.error,
    }));
  }
}
