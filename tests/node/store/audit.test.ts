import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { eventDigest, type EventRowForDigest } from '../../../src-main/services/store/audit';
import { checkDatabaseFile } from '../../../src-main/services/store/backups';
import { canonicalJson } from '../../../src-main/services/store/canonicalJson';
import type { Store } from '../../../src-main/services/store/store';
import { countRows, dropAppendOnlyTriggers, newIncident, useStores } from '../support/store';

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

describe('audit chain', () => {
  const { openStore, rawConnection, tempDir } = useStores();

  /** A store with incidents, notes, status changes and one non-event action; about 20 audit rows. */
  function storeWithHistory(): { store: Store; path: string; attacker: Database; auditRows: number } {
    const { store, clock, path } = openStore();
    for (let index = 0; index < 6; index++) {
      clock.advance(60_000);
      const incident = store.createIncident(newIncident({ note: `ملاحظة ${index}` }), 'dispatcher');
      clock.advance(30_000);
      store.appendIncidentEvent(
        incident.id,
        { type: 'incident.statusChanged', payload: { status: 'dispatched' } },
        'dispatcher',
      );
      if (index === 2)
        store.recordAction({
          actor: 'shift-lead',
          action: 'settings.change',
          subject: 'console:C3',
          details: { key: 'durability' },
        });
    }
    const attacker = rawConnection(path);
    dropAppendOnlyTriggers(attacker);
    return { store, path, attacker, auditRows: countRows(attacker, 'audit') };
  }

  const eventAt = (db: Database, seq: number): EventRowForDigest & { seq: number } =>
    db.prepare('SELECT * FROM events WHERE seq = ?').get(seq) as EventRowForDigest & { seq: number };

  it('given a clean store, when the chain is verified, then it is ok and its head is the one kept in meta', () => {
    const { store, attacker, auditRows } = storeWithHistory();

    const result = store.verifyAudit();

    expect(result).toEqual({
      ok: true,
      auditRows,
      events: countRows(attacker, 'events'),
      head: (attacker.prepare("SELECT value FROM meta WHERE key = 'audit_head'").get() as { value: string }).value,
    });
    expect(auditRows).toBe(19);
    expect(result.ok && result.head.startsWith(`${auditRows}:`)).toBe(true);
  });

  it('given an empty store, when the chain is verified, then it is ok with no rows', () => {
    const { store } = openStore();

    expect(store.verifyAudit()).toMatchObject({ ok: true, auditRows: 0, events: 0 });
  });

  it("given a row's details edited, when verified, then that row is named as edited", () => {
    const { store, attacker } = storeWithHistory();
    attacker.prepare('UPDATE audit SET details = \'{"key":"nothing happened"}\' WHERE seq = 5').run();
    attacker.prepare("UPDATE audit SET actor = 'nobody' WHERE seq = 9").run();

    expect(store.verifyAudit()).toMatchObject({
      ok: false,
      firstBad: { table: 'audit', key: 'seq 5', reason: expect.stringMatching(/edited/) as unknown },
    });
  });

  it('given a middle row deleted, when verified, then the row after the gap is named and the gap is reported', () => {
    const { store, attacker } = storeWithHistory();
    attacker.prepare('DELETE FROM audit WHERE seq = 7').run();

    expect(store.verifyAudit()).toMatchObject({
      ok: false,
      firstBad: { table: 'audit', key: 'seq 8', reason: 'rows 7..7 are missing' },
    });
  });

  it("given two rows' contents swapped (reordered), when verified, then the first of them is named", () => {
    const { store, attacker } = storeWithHistory();
    const row = (seq: number): AuditRow => attacker.prepare('SELECT * FROM audit WHERE seq = ?').get(seq) as AuditRow;
    const [fourth, sixth] = [row(4), row(6)];
    const put = attacker.prepare(
      'UPDATE audit SET at = ?, actor = ?, console_id = ?, action = ?, subject = ?, details = ?, prev_hash = ?, hash = ? WHERE seq = ?',
    );
    for (const [target, source] of [
      [4, sixth],
      [6, fourth],
    ] as const) {
      put.run(
        source.at,
        source.actor,
        source.console_id,
        source.action,
        source.subject,
        source.details,
        source.prev_hash,
        source.hash,
        target,
      );
    }

    expect(store.verifyAudit()).toMatchObject({
      ok: false,
      firstBad: { table: 'audit', key: 'seq 4', reason: expect.stringMatching(/reordered/) as unknown },
    });
  });

  it('given the last rows deleted (tail truncation), when verified, then the recorded head catches it and the first missing row is named', () => {
    const { store, attacker, auditRows } = storeWithHistory();
    attacker.prepare('DELETE FROM audit WHERE seq > ?').run(auditRows - 3);

    expect(store.verifyAudit()).toMatchObject({
      ok: false,
      firstBad: {
        table: 'audit',
        key: `seq ${auditRows - 2}`,
        reason: expect.stringMatching(new RegExp(`ends at seq ${auditRows - 3}.*head is seq ${auditRows}`)) as unknown,
      },
    });
  });

  it("given an event's payload edited, when verified, then that event is named as edited", () => {
    const { store, attacker } = storeWithHistory();
    attacker.prepare("UPDATE events SET payload = json_set(payload, '$.priority', 4) WHERE seq = 4").run();

    const event = eventAt(attacker, 4);
    expect(store.verifyAudit()).toMatchObject({
      ok: false,
      firstBad: { table: 'events', key: `seq 4 (${event.id})`, reason: expect.stringMatching(/edited/) as unknown },
    });
  });

  it('given an event edited and its audit digest rewritten to match, when verified, then the audit row is named as edited', () => {
    const { store, attacker } = storeWithHistory();
    attacker.prepare("UPDATE events SET payload = json_set(payload, '$.status', 'on-scene') WHERE seq = 3").run();
    const event = eventAt(attacker, 3);
    const auditRow = attacker
      .prepare("SELECT seq, details FROM audit WHERE json_extract(details, '$.eventId') = ?")
      .get(event.id) as { seq: number; details: string };
    attacker
      .prepare('UPDATE audit SET details = ? WHERE seq = ?')
      .run(canonicalJson({ eventId: event.id, digest: eventDigest(event) }), auditRow.seq);

    expect(store.verifyAudit()).toMatchObject({ ok: false, firstBad: { table: 'audit', key: `seq ${auditRow.seq}` } });
  });

  it('given an event deleted, when verified, then its id is named as missing from the event log', () => {
    const { store, attacker } = storeWithHistory();
    const event = eventAt(attacker, 5);
    attacker.prepare('DELETE FROM events WHERE seq = 5').run();

    expect(store.verifyAudit()).toMatchObject({
      ok: false,
      firstBad: {
        table: 'events',
        key: event.id,
        reason: expect.stringMatching(/missing from the event log/) as unknown,
      },
    });
  });

  it('given an event inserted without an audit row, when verified, then that event is named', () => {
    const { store, attacker } = storeWithHistory();
    const forged = attacker
      .prepare(
        `INSERT INTO events (id, stream, stream_id, incident_id, type, payload, hlc, at, actor, console_id)
         SELECT 'FORGED00000000000000000000', stream, stream_id, incident_id, 'incident.noteAdded',
                '{"noteId":"x","text":"backdated"}', hlc, at, actor, console_id FROM events WHERE seq = 1
         RETURNING seq`,
      )
      .get() as { seq: number };

    expect(store.verifyAudit()).toMatchObject({
      ok: false,
      firstBad: {
        table: 'events',
        key: `seq ${forged.seq} (FORGED00000000000000000000)`,
        reason: expect.stringMatching(/no audit record/) as unknown,
      },
    });
  });

  it('given the head record deleted from meta, when verified, then the chain no longer matches its head', () => {
    const { store, attacker } = storeWithHistory();
    attacker.prepare("DELETE FROM meta WHERE key = 'audit_head'").run();

    expect(store.verifyAudit()).toMatchObject({ ok: false, firstBad: { table: 'audit' } });
  });

  it('given a tampered copy of a store file, when the file is checked, then its pages are fine but its audit chain names the edit', () => {
    const { store, path, attacker: other } = storeWithHistory();
    // Closing the last connection checkpoints the WAL into the file, so the copy holds everything.
    other.close();
    store.close();
    const copy = join(tempDir(), 'copy.db');
    copyFileSync(path, copy);
    const clean = checkDatabaseFile(copy);
    const attacker = rawConnection(copy);
    dropAppendOnlyTriggers(attacker);
    attacker.prepare("UPDATE audit SET subject = 'incident:someone-else' WHERE seq = 3").run();
    attacker.close();

    const check = checkDatabaseFile(copy);

    expect(clean).toMatchObject({ integrity: { ok: true }, audit: { ok: true } });
    expect(check).toMatchObject({
      integrity: { ok: true },
      audit: { ok: false, firstBad: { table: 'audit', key: 'seq 3' } },
    });
  });
});
