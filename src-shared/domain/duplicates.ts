import { distanceM, type LatLon } from './geo';

/** When a new call is probably about an incident the center already has. Configurable per center. */
export interface DuplicateRule {
  readonly radiusM: number;
  readonly windowMs: number;
}

export const DEFAULT_DUPLICATE_RULE: DuplicateRule = { radiusM: 300, windowMs: 20 * 60_000 };

export interface DuplicateCall {
  readonly location: LatLon | null;
  readonly callerNumber: string | null;
  readonly receivedAt: number;
  /** Chosen by the dispatcher during intake; before that every type is compatible. */
  readonly typeCode?: string | null;
}

export interface OpenIncidentForDuplicates {
  readonly id: string;
  readonly typeCode: string;
  readonly location: LatLon | null;
  readonly createdAt: number;
  readonly callerNumber: string | null;
  readonly closed: boolean;
}

export interface DuplicateCandidate {
  readonly incidentId: string;
  /** Null when matched by caller number without a location. */
  readonly distanceM: number | null;
  readonly ageMs: number;
  readonly reason: 'nearby' | 'same-caller';
}

/**
 * Open incidents a new call may belong to: within the radius and the time window with a compatible
 * type, or from the same caller number within the window. Nearest first; same-caller matches
 * first of all (a repeat caller is almost always the same emergency, possibly worsening).
 */
export function findDuplicateCandidates(
  call: DuplicateCall,
  incidents: readonly OpenIncidentForDuplicates[],
  rule: DuplicateRule,
  compatible: (incidentType: string, callType: string) => boolean,
): DuplicateCandidate[] {
  const candidates: DuplicateCandidate[] = [];
  for (const incident of incidents) {
    if (incident.closed) continue;
    // Console clocks differ and get stepped back by time sync, so an incident stamped a little
    // "after" the call is one that was just created: age 0, not "not yet existing".
    const age = call.receivedAt - incident.createdAt;
    if (age > rule.windowMs || age < -rule.windowMs) continue;
    const ageMs = Math.max(0, age);
    const sameCaller =
      call.callerNumber !== null && call.callerNumber !== '' && call.callerNumber === incident.callerNumber;
    const distance = call.location && incident.location ? distanceM(call.location, incident.location) : null;
    const typeFits = !call.typeCode || compatible(incident.typeCode, call.typeCode);
    if (sameCaller) candidates.push({ incidentId: incident.id, distanceM: distance, ageMs, reason: 'same-caller' });
    else if (distance !== null && distance <= rule.radiusM && typeFits) {
      candidates.push({ incidentId: incident.id, distanceM: distance, ageMs, reason: 'nearby' });
    }
  }
  return candidates.sort(
    (a, b) =>
      Number(b.reason === 'same-caller') - Number(a.reason === 'same-caller') ||
      (a.distanceM ?? Number.POSITIVE_INFINITY) - (b.distanceM ?? Number.POSITIVE_INFINITY) ||
      a.ageMs - b.ageMs,
  );
}
