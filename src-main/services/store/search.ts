import type { Database, Statement } from 'better-sqlite3';
import type { SearchHit } from '../../../src-shared/contract/api';
import { searchTokens } from '../../../src-shared/domain/arabic';

/** How many of the newest matches per index are ranked by relevance (see the query below). */
export const RANKED_RECENT_MATCHES = 400;

/** FTS5 query of every token as a prefix, all required: `احمد شارع` → `"احمد"* AND "شارع"*`. */
export function ftsQueryOf(input: string): string | null {
  const tokens = searchTokens(input).slice(0, 12);
  if (tokens.length === 0) return null;
  return tokens.map((token) => `"${token.replaceAll('"', '""')}"*`).join(' AND ');
}

/**
 * Full-text search over incidents (number, address, caller) and narratives, Arabic-normalized.
 * Ranked by relevance (bm25); on equal relevance the most recent first.
 */
export class IncidentSearch {
  private readonly query: Statement<
    [string, number, string, number, number],
    { incident_id: string; number: string; kind: 'incident' | 'note'; text: string; at: number; status: string }
  >;

  constructor(db: Database) {
    // Relevance is ranked among the newest matches of each FTS table only: ranking every match of a
    // common word ("حادث" is in a fifth of all narratives) costs hundreds of milliseconds over a
    // million rows, and a dispatcher searching wants this shift's incidents, not last year's. FTS5
    // walks `ORDER BY rowid DESC` straight from its index and stops at the cap.
    this.query = db.prepare(`
      WITH incident_recent AS (
        SELECT rowid AS seq, bm25(incident_search) AS rank FROM incident_search
         WHERE incident_search MATCH ? ORDER BY rowid DESC LIMIT ${String(RANKED_RECENT_MATCHES)}
      ), incident_hits AS (
        SELECT seq, rank FROM incident_recent ORDER BY rank, seq DESC LIMIT ?
      ), note_recent AS (
        SELECT rowid AS seq, bm25(note_search) AS rank FROM note_search
         WHERE note_search MATCH ? ORDER BY rowid DESC LIMIT ${String(RANKED_RECENT_MATCHES)}
      ), note_hits AS (
        SELECT seq, rank FROM note_recent ORDER BY rank, seq DESC LIMIT ?
      )
      SELECT i.id AS incident_id, i.number, 'incident' AS kind,
             trim(coalesce(i.address, '') || ' ' || coalesce(i.caller_name, '') || ' ' || coalesce(i.caller_number, '')) AS text,
             i.created_at AS at, i.status, h.rank
        FROM incident_hits h JOIN incidents i ON i.seq = h.seq
      UNION ALL
      SELECT n.incident_id, i.number, 'note' AS kind, n.text, n.at, i.status, h.rank
        FROM note_hits h JOIN incident_notes n ON n.seq = h.seq JOIN incidents i ON i.id = n.incident_id
      ORDER BY rank, at DESC
      LIMIT ?`);
  }

  search(input: string, limit: number): SearchHit[] {
    const match = ftsQueryOf(input);
    if (match === null) return [];
    return this.query.all(match, limit, match, limit, limit).map((row) => ({
      incidentId: row.incident_id,
      number: row.number,
      kind: row.kind,
      text: row.text,
      at: row.at,
      status: row.status,
    }));
  }
}
