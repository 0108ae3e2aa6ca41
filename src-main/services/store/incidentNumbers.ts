import type { Database, Statement } from 'better-sqlite3';
import { localDateCode } from '../../../src-shared/domain/time';

/**
 * Human-readable incident numbers that stay unique across consoles without coordination:
 * center code, local date, console code, per-console daily sequence — `BGD-261129-C3-0042`.
 */
export class IncidentNumbers {
  private readonly next: Statement<[string, string], { last: number }>;

  constructor(
    db: Database,
    private readonly centerCode: string,
    private readonly consoleCode: string,
    private readonly timeZone: string,
  ) {
    this.next = db.prepare(
      'INSERT INTO incident_numbers (day, console, last) VALUES (?, ?, 1) ON CONFLICT (day, console) DO UPDATE SET last = last + 1 RETURNING last',
    );
  }

  /** Call inside the transaction that creates the incident, so a rolled-back create frees its number. */
  allocate(atUtcMs: number): string {
    const day = localDateCode(atUtcMs, this.timeZone);
    const row = this.next.get(day, this.consoleCode);
    if (!row) throw new Error('incident number sequence did not advance');
    return formatIncidentNumber(this.centerCode, day, this.consoleCode, row.last);
  }
}

export function formatIncidentNumber(center: string, day: string, console: string, sequence: number): string {
  return `${center}-${day}-${console}-${String(sequence).padStart(4, '0')}`;
}
