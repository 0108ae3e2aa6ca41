import { createHash } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';
import { canonicalJson } from './canonicalJson';

export const GENESIS_HASH = '0'.repeat(64);
const HEAD_KEY = 'audit_head';

/** Something worth a line in the audit trail. */
export interface AuditAction {
  readonly at: number;
  readonly actor: string;
  readonly consoleId: string;
  /** e.g. `event:incident.created`, `login`, `settings.change`, `export`. */
  readonly action: string;
  /** What it acted on, e.g. `incident:01J…`. */
  readonly subject: string;
  readonly details: Readonly<Record<string, unknown>>;
}

interface AuditRow {
  seq: number;
  at: number;
  actor: string;
  console_id: string;
  action: string;
  subject: string;
  details: string;
  prev_hash: string;
  hash: string;
}

/** An audit row's columns in insert order: seq, at, actor, console_id, action, subject, details, prev_hash, hash. */
type AuditRowValues = [number, number, string, string, string, string, string, string, string];

/** 9 columns a row: 100 rows keep a statement under SQLite's 32,766 parameters and its cache small. */
const AUDIT_ROWS_PER_INSERT = 100;

export interface EventRowForDigest {
  id: string;
  stream: string;
  stream_id: string;
  incident_id: string | null;
  type: string;
  payload: string;
  hlc: string;
  at: number;
  actor: string;
  console_id: string;
}

export type VerifyResult =
  | { readonly ok: true; readonly auditRows: number; readonly events: number; readonly head: string }
  | {
      readonly ok: false;
      readonly auditRows: number;
      readonly events: number;
      /** The first row that does not check out, and why. */
      readonly firstBad: { readonly table: 'audit' | 'events'; readonly key: string; readonly reason: string };
    };

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Content hash of a stored event; kept in its audit row so that an edited event is caught too. */
export function eventDigest(row: EventRowForDigest): string {
  // `canonicalJson` of these fields: every value is a string, a number or null, so listing the keys
  // in sorted order gives the same text without sorting them for every event.
  return sha256(
    JSON.stringify({
      actor: row.actor,
      at: row.at,
      consoleId: row.console_id,
      hlc: row.hlc,
      id: row.id,
      incidentId: row.incident_id,
      payload: row.payload,
      stream: row.stream,
      streamId: row.stream_id,
      type: row.type,
    }),
  );
}

function rowHash(prevHash: string, row: Omit<AuditRow, 'prev_hash' | 'hash'>): string {
  // `canonicalJson` of the row's content, keys in sorted order (see `eventDigest`).
  const content = JSON.stringify({
    action: row.action,
    actor: row.actor,
    at: row.at,
    consoleId: row.console_id,
    details: row.details,
    seq: row.seq,
    subject: row.subject,
  });
  return sha256(`${prevHash}\n${content}`);
}

/**
 * The audit trail: each row stores the previous row's hash and the SHA-256 of (previous hash +
 * its own canonical content). The chain head is kept in `meta` in the same transaction, so a
 * deleted tail is caught as well as an edited, deleted or reordered row. A chain cannot stop a
 * full rewrite by someone who recomputes every hash; backups and the log carry the head too.
 */
export class AuditTrail {
  private readonly readHead: Statement<[], { value: string } | undefined>;
  private readonly writeHead: Statement<[string]>;
  private readonly insert: Statement<[number, number, string, string, string, string, string, string, string]>;
  /** Rows appended while a batch is open (`batch`), written in multi-row inserts when it ends. */
  private batched: { head: { seq: number; hash: string }; rows: AuditRowValues[] } | null = null;
  private multiRowInsert: Statement<AuditRowValues[number][]> | null = null;

  constructor(private readonly db: Database) {
    this.readHead = db.prepare(`SELECT value FROM meta WHERE key = '${HEAD_KEY}'`);
    this.writeHead = db.prepare(
      `INSERT INTO meta (key, value) VALUES ('${HEAD_KEY}', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    );
    this.insert = db.prepare(
      'INSERT INTO audit (seq, at, actor, console_id, action, subject, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
  }

  /** The newest row's sequence and hash. */
  head(): { seq: number; hash: string } {
    const value = this.readHead.get()?.value;
    if (!value) return { seq: 0, hash: GENESIS_HASH };
    const [seq, hash] = value.split(':');
    return { seq: Number(seq), hash: hash ?? GENESIS_HASH };
  }

  /** Appends one row. Call inside the transaction that makes the change it records. */
  append(action: AuditAction): { seq: number; hash: string } {
    const previous = this.batched?.head ?? this.head();
    const row = {
      seq: previous.seq + 1,
      at: action.at,
      actor: action.actor,
      console_id: action.consoleId,
      action: action.action,
      subject: action.subject,
      details: canonicalJson(action.details),
    };
    const hash = rowHash(previous.hash, row);
    const values: AuditRowValues = [
      row.seq,
      row.at,
      row.actor,
      row.console_id,
      row.action,
      row.subject,
      row.details,
      previous.hash,
      hash,
    ];
    if (this.batched) {
      this.batched.rows.push(values);
      this.batched.head = { seq: row.seq, hash };
      return this.batched.head;
    }
    this.insert.run(...values);
    this.writeHead.run(`${row.seq}:${hash}`);
    return { seq: row.seq, hash };
  }

  /**
   * Runs `work` (inside the caller's transaction) with the rows it appends chained in memory and
   * written at its end, a few hundred per statement, with the head once: the same rows and head as
   * appending them one by one. If `work` throws, nothing of it is written.
   */
  batch<T>(work: () => T): T {
    if (this.batched) return work();
    this.batched = { head: this.head(), rows: [] };
    try {
      const result = work();
      this.writeBatched(this.batched);
      return result;
    } finally {
      this.batched = null;
    }
  }

  private writeBatched({ head, rows }: { head: { seq: number; hash: string }; rows: AuditRowValues[] }): void {
    if (rows.length === 0) return;
    let start = 0;
    for (; start + AUDIT_ROWS_PER_INSERT <= rows.length; start += AUDIT_ROWS_PER_INSERT)
      this.batchInsert().run(...rows.slice(start, start + AUDIT_ROWS_PER_INSERT).flat());
    for (const values of rows.slice(start)) this.insert.run(...values);
    this.writeHead.run(`${String(head.seq)}:${head.hash}`);
  }

  /** One statement for `AUDIT_ROWS_PER_INSERT` rows, prepared once. */
  private batchInsert(): Statement<AuditRowValues[number][]> {
    this.multiRowInsert ??= this.db.prepare(
      `INSERT INTO audit (seq, at, actor, console_id, action, subject, details, prev_hash, hash) VALUES ${Array.from({ length: AUDIT_ROWS_PER_INSERT }, () => '(?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
    );
    return this.multiRowInsert;
  }

  /** Walks the whole chain (and every event against its digest); names the first row that fails. */
  verify(): VerifyResult {
    let expectedSeq = 1;
    let previousHash = GENESIS_HASH;
    let auditRows = 0;
    const eventDigests = new Map<string, string>();
    const fail = (table: 'audit' | 'events', key: string, reason: string): VerifyResult => ({
      ok: false,
      auditRows,
      events: eventDigests.size,
      firstBad: { table, key, reason },
    });

    for (const row of this.db.prepare('SELECT * FROM audit ORDER BY seq').iterate() as IterableIterator<AuditRow>) {
      auditRows += 1;
      const key = `seq ${row.seq}`;
      if (row.seq !== expectedSeq) {
        return fail(
          'audit',
          key,
          row.seq > expectedSeq ? `rows ${expectedSeq}..${row.seq - 1} are missing` : 'out of order',
        );
      }
      if (row.prev_hash !== previousHash)
        return fail('audit', key, 'does not link to the row before it (deleted or reordered)');
      if (rowHash(previousHash, row) !== row.hash)
        return fail('audit', key, 'content does not match its hash (edited)');
      if (row.action.startsWith('event:')) {
        const details = JSON.parse(row.details) as { eventId?: string; digest?: string };
        if (details.eventId && details.digest) eventDigests.set(details.eventId, details.digest);
      }
      previousHash = row.hash;
      expectedSeq += 1;
    }

    const head = this.head();
    const last = expectedSeq - 1;
    if (head.seq !== last || head.hash !== previousHash) {
      // Name the first row that fails: the first one missing, the first past the head, or the replaced last one.
      const [firstBad, why] =
        head.seq > last
          ? [last + 1, 'rows deleted from the end']
          : head.seq < last
            ? [head.seq + 1, 'rows added past the recorded head']
            : [last, 'the last row was replaced'];
      return fail(
        'audit',
        `seq ${firstBad}`,
        `the chain ends at seq ${last} but its recorded head is seq ${head.seq} (${why})`,
      );
    }

    let events = 0;
    for (const event of this.db.prepare('SELECT * FROM events ORDER BY seq').iterate() as IterableIterator<
      EventRowForDigest & { seq: number }
    >) {
      events += 1;
      const digest = eventDigests.get(event.id);
      if (digest === undefined)
        return fail('events', `seq ${event.seq} (${event.id})`, 'has no audit record (inserted outside Nida)');
      if (digest !== eventDigest(event))
        return fail('events', `seq ${event.seq} (${event.id})`, 'content does not match its audit record (edited)');
      eventDigests.delete(event.id);
    }
    const [missing] = eventDigests.keys();
    if (missing !== undefined)
      return fail('events', missing, 'is in the audit trail but missing from the event log (deleted)');
    return { ok: true, auditRows, events, head: `${head.seq}:${head.hash}` };
  }
}
