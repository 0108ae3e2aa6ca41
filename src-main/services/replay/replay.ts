import { applyCallEvent, CallEventError, type CallEventType, type CallRecord } from '../../../src-shared/domain/call';
import {
  applyIncidentEvent,
  IncidentEventError,
  type IncidentEventType,
  type IncidentRecord,
} from '../../../src-shared/domain/incident';
import { readReplayRecords, type ReplayRecords } from '../store/replayRecords';

/**
 * After-action replay (issue 19): the console's records as they stood at any time *t*, read-only
 * from a database's stored events and position trail. Incidents and calls are a fold of their events
 * stamped up to *t* (the same fold the console's projection applies); a unit stands where its trail
 * puts it at *t*, interpolated between the two stored points around it. A drill's run and a live
 * shift replay the same way; the database is opened read-only and never written.
 */

export interface ReplayUnitPosition {
  readonly unitId: string;
  readonly lat: number;
  readonly lon: number;
  /** The stored point it was interpolated from (or the last one, when *t* is past the trail). */
  readonly fixAt: number;
}

export interface ReplayFrame {
  readonly at: number;
  readonly incidents: readonly IncidentRecord[];
  readonly calls: readonly CallRecord[];
  readonly units: readonly ReplayUnitPosition[];
}

type StoredEvent = ReplayRecords['events'][number];

interface TrailPointRow {
  readonly at: number;
  readonly lat: number;
  readonly lon: number;
}

/** How far apart two trail points may be for the unit to be drawn between them (a gap means it stopped reporting). */
const MAX_INTERPOLATION_GAP_MS = 10 * 60_000;

export class Replay {
  private constructor(
    private readonly events: readonly StoredEvent[],
    private readonly trails: ReadonlyMap<string, readonly TrailPointRow[]>,
    /** First and last event time: the scrubber's range. */
    readonly from: number,
    readonly to: number,
  ) {}

  /** Reads a database's events and trail (read-only), optionally those of one time window only. */
  static open(path: string, window?: { readonly from: number; readonly to: number }): Replay {
    const records = readReplayRecords(path, window?.to ?? Number.MAX_SAFE_INTEGER);
    const trails = new Map<string, TrailPointRow[]>();
    for (const point of records.trail) {
      const trail = trails.get(point.unitId) ?? [];
      trail.push({ at: point.at, lat: point.lat, lon: point.lon });
      trails.set(point.unitId, trail);
    }
    const first = records.events[0]?.at ?? 0;
    const last = records.events.at(-1)?.at ?? first;
    return new Replay(records.events, trails, window?.from ?? first, window?.to ?? last);
  }

  /** The records and unit positions at `at` (UTC ms). */
  at(at: number): ReplayFrame {
    const incidents = new Map<string, IncidentRecord>();
    const calls = new Map<string, CallRecord>();
    for (const event of this.events) {
      if (event.at > at) continue;
      // The stored fields are the event's, with the stream's id named as the record's.
      const { stream, streamId, ...fields } = event;
      try {
        if (stream === 'incident')
          incidents.set(
            streamId,
            applyIncidentEvent(incidents.get(streamId) ?? null, {
              ...fields,
              incidentId: streamId,
              type: fields.type as IncidentEventType,
              payload: fields.payload as never,
            }),
          );
        else
          calls.set(
            streamId,
            applyCallEvent(calls.get(streamId) ?? null, {
              ...fields,
              callId: streamId,
              type: fields.type as CallEventType,
              payload: fields.payload as never,
            }),
          );
      } catch (error) {
        // The console's fold refused this event too (it does not fit the record): it changed nothing.
        if (!(error instanceof IncidentEventError || error instanceof CallEventError)) throw error;
      }
    }
    const units: ReplayUnitPosition[] = [];
    for (const [unitId, trail] of this.trails) {
      const position = positionAt(trail, at);
      if (position) units.push({ unitId, ...position });
    }
    return {
      at,
      incidents: [...incidents.values()].sort((a, b) => a.id.localeCompare(b.id)),
      calls: [...calls.values()].sort((a, b) => a.id.localeCompare(b.id)),
      units,
    };
  }
}

/** Where a trail puts a unit at `at`: between the points around it, or at the last one before it. */
export function positionAt(
  trail: readonly TrailPointRow[],
  at: number,
): { lat: number; lon: number; fixAt: number } | null {
  // The last point at or before `at` (trails are short per unit and time-ordered: a binary search).
  let low = 0;
  let high = trail.length - 1;
  let before = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if ((trail[middle]?.at ?? Infinity) <= at) {
      before = middle;
      low = middle + 1;
    } else high = middle - 1;
  }
  const previous = trail[before];
  if (!previous) return null;
  const next = trail[before + 1];
  if (!next || next.at - previous.at > MAX_INTERPOLATION_GAP_MS || previous.at === at)
    return { lat: previous.lat, lon: previous.lon, fixAt: previous.at };
  const share = (at - previous.at) / (next.at - previous.at);
  return {
    lat: previous.lat + (next.lat - previous.lat) * share,
    lon: previous.lon + (next.lon - previous.lon) * share,
    fixAt: previous.at,
  };
}
