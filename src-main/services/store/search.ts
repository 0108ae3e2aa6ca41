import type { Database, Statement } from 'better-sqlite3';
import type { SearchHit } from '../../../src-shared/contract/api';
import { searchTokens } from '../../../src-shared/domain/arabic';

/**
 * Words an incident is found by beyond its own fields: its type's names in every language, and the
 * names of the place it lies in (so `حريق` or `الأعظمية` find an incident whose ALI address came in
 * Latin letters). `version` names the data: when it changes, the index is rebuilt at start.
 */
export interface SearchVocabulary {
  readonly version: string;
  typeNames(typeCode: string): readonly string[];
  placeNames(point: { readonly lat: number; readonly lon: number }): readonly string[];
}

/** How many of the newest matches per index are ranked by relevance (see `IncidentSearch`). */
export const RANKED_RECENT_MATCHES = 400;

/** FTS5 query of every token as a prefix, all required: `احمد شارع` → `"احمد"* AND "شارع"*`. */
export function ftsQueryOf(input: string): string | null {
  const tokens = searchTokens(input).slice(0, 12);
  if (tokens.length === 0) return null;
  return tokens.map((token) => `"${token.replaceAll('"', '""')}"*`).join(' AND ');
}

interface Candidate {
  incident_id: string;
  number: string;
  kind: 'incident' | 'note';
  text: string;
  /** The normalized text that was indexed (what the words matched). */
  indexed: string;
  at: number;
  status: string;
  seq: number;
}

const K1 = 1.2;
const B = 0.75;

/**
 * BM25's term-frequency part with length normalization. Every candidate contains every query word
 * (the FTS query is an AND), so the inverse-document-frequency factor would scale each word's
 * weight but never decide whether a document matches: leaving it out keeps the ranking honest and
 * spares counting a common word across a million rows.
 */
function scoreOf(words: readonly string[], tokens: readonly string[], averageLength: number): number {
  let score = 0;
  for (const token of tokens) {
    let frequency = 0;
    for (const word of words) if (word.startsWith(token)) frequency += 1;
    score += (frequency * (K1 + 1)) / (frequency + K1 * (1 - B + (B * words.length) / averageLength));
  }
  return score;
}

/**
 * Full-text search over incidents (number, address, caller) and narratives, Arabic-normalized.
 * FTS5 finds the newest matches of each index straight from its doclists (`ORDER BY rowid DESC`
 * stops at the cap), and they are ranked here by relevance; on equal relevance the most recent
 * first. Ranking only the newest matches keeps a common word ("حادث" is in a fifth of all
 * narratives) as fast as a rare one, and a dispatcher searching wants this shift, not last year.
 */
export class IncidentSearch {
  private readonly query: Statement<[string, string], Candidate>;

  constructor(db: Database) {
    this.query = db.prepare(`
      WITH incident_recent AS (
        SELECT rowid AS seq, content FROM incident_search
         WHERE incident_search MATCH ? ORDER BY rowid DESC LIMIT ${String(RANKED_RECENT_MATCHES)}
      ), note_recent AS (
        SELECT rowid AS seq, content FROM note_search
         WHERE note_search MATCH ? ORDER BY rowid DESC LIMIT ${String(RANKED_RECENT_MATCHES)}
      )
      SELECT i.id AS incident_id, i.number, 'incident' AS kind,
             trim(coalesce(i.address, '') || ' ' || coalesce(i.caller_name, '') || ' ' || coalesce(i.caller_number, '')) AS text,
             r.content AS indexed, i.created_at AS at, i.status, r.seq
        FROM incident_recent r JOIN incidents i ON i.seq = r.seq
      UNION ALL
      SELECT n.incident_id, i.number, 'note' AS kind, n.text, r.content AS indexed, n.at, i.status, r.seq
        FROM note_recent r JOIN incident_notes n ON n.seq = r.seq JOIN incidents i ON i.id = n.incident_id`);
  }

  search(input: string, limit: number): SearchHit[] {
    const match = ftsQueryOf(input);
    if (match === null) return [];
    const tokens = searchTokens(input).slice(0, 12);
    const candidates = this.query.all(match, match);
    if (candidates.length === 0) return [];
    const split = candidates.map((candidate) => candidate.indexed.split(/[^\p{L}\p{N}]+/u).filter(Boolean));
    const averageLength = split.reduce((sum, words) => sum + words.length, 0) / split.length;
    return candidates
      .map((candidate, index) => ({ candidate, score: scoreOf(split[index] ?? [], tokens, averageLength) }))
      .sort((a, b) => b.score - a.score || b.candidate.at - a.candidate.at || b.candidate.seq - a.candidate.seq)
      .slice(0, limit)
      .map(({ candidate }) => ({
        incidentId: candidate.incident_id,
        number: candidate.number,
        kind: candidate.kind,
        text: candidate.text,
        at: candidate.at,
        status: candidate.status,
      }));
  }
}
