import { openDatabase } from './database';

/**
 * What the after-action replay reads (services/replay/replay.ts): the incident and call events up to a
 * time, in log order, without those a resolved conflict voided, and the position trail up to then.
 * The database is opened read-only and closed again.
 */
export interface ReplayRecords {
  readonly events: readonly {
    readonly id: string;
    readonly stream: 'incident' | 'call';
    readonly streamId: string;
    readonly type: string;
    readonly payload: unknown;
    readonly hlc: string;
    readonly at: number;
    readonly actor: string;
    readonly consoleId: string;
  }[];
  /** Oldest first per unit. */
  readonly trail: readonly {
    readonly unitId: string;
    readonly at: number;
    readonly lat: number;
    readonly lon: number;
  }[];
}

interface EventRow {
  id: string;
  stream: 'incident' | 'call';
  stream_id: string;
  type: string;
  payload: string;
  hlc: string;
  at: number;
  actor: string;
  console_id: string;
}

export function readReplayRecords(path: string, upTo: number): ReplayRecords {
  const db = openDatabase({ path, readonly: true });
  try {
    const events = db
      .prepare<[number], EventRow>(
        `SELECT e.id, e.stream, e.stream_id, e.type, e.payload, e.hlc, e.at, e.actor, e.console_id
           FROM events e
          WHERE e.stream IN ('incident', 'call') AND e.at <= ?
            AND NOT EXISTS (SELECT 1 FROM voided_events v WHERE v.event_id = e.id)
          ORDER BY e.seq`,
      )
      .all(upTo)
      .map((row) => ({
        id: row.id,
        stream: row.stream,
        streamId: row.stream_id,
        type: row.type,
        payload: JSON.parse(row.payload) as unknown,
        hlc: row.hlc,
        at: row.at,
        actor: row.actor,
        consoleId: row.console_id,
      }));
    const trail = db
      .prepare<[number], { unitId: string; at: number; lat: number; lon: number }>(
        'SELECT unit_id AS unitId, at, lat, lon FROM positions_trail WHERE at <= ? ORDER BY unit_id, at',
      )
      .all(upTo);
    return { events, trail };
  } finally {
    db.close();
  }
}
