import { incidentStatuses, type IncidentStatus } from '../../../src-shared/domain/incident';

/** A status from the wire as a catalogue key (an unknown one shows as pending rather than a raw code). */
export function statusKey(status: string): IncidentStatus {
  return (incidentStatuses as readonly string[]).includes(status) ? (status as IncidentStatus) : 'pending';
}

export const timelineTypes = [
  'incident.created',
  'incident.updated',
  'incident.noteAdded',
  'incident.routed',
  'incident.agencyStatusChanged',
  'incident.statusChanged',
  'incident.callerLinked',
  'incident.closed',
  'incident.reopened',
  'incident.linked',
  'incident.mergedInto',
  'incident.absorbed',
  'call.received',
  'call.updated',
  'call.answered',
  'call.linked',
  'call.released',
] as const;
export type TimelineType = (typeof timelineTypes)[number];

type Underscored<T extends string> = T extends `${infer A}.${infer B}` ? `${A}_${B}` : T;

/** Catalogue keys cannot contain dots inside a segment: `incident.noteAdded` → `timeline.incident_noteAdded`. */
export function timelineKey(type: string): `timeline.${Underscored<TimelineType>}` {
  const known = (timelineTypes as readonly string[]).includes(type) ? (type as TimelineType) : 'incident.updated';
  return `timeline.${known.replace('.', '_') as Underscored<TimelineType>}`;
}
