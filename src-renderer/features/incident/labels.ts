import { callEventPayloads, type CallEventType } from '../../../src-shared/domain/call';
import {
  incidentEventPayloads,
  incidentStatuses,
  type IncidentEventType,
  type IncidentStatus,
} from '../../../src-shared/domain/incident';

/** A status from the wire as a catalogue key (an unknown one shows as pending rather than a raw code). */
export function statusKey(status: string): IncidentStatus {
  return (incidentStatuses as readonly string[]).includes(status) ? (status as IncidentStatus) : 'pending';
}

// Every event type has a label: a type added to the domain without one fails the typecheck of `timelineKey`.
export const timelineTypes: readonly TimelineType[] = [
  ...(Object.keys(incidentEventPayloads) as IncidentEventType[]),
  ...(Object.keys(callEventPayloads) as CallEventType[]),
];
export type TimelineType = IncidentEventType | CallEventType;

type Underscored<T extends string> = T extends `${infer A}.${infer B}` ? `${A}_${B}` : T;

/** Catalogue keys cannot contain dots inside a segment: `incident.noteAdded` → `timeline.incident_noteAdded`. */
export function timelineKey(type: string): `timeline.${Underscored<TimelineType>}` {
  const known = (timelineTypes as readonly string[]).includes(type) ? (type as TimelineType) : 'incident.updated';
  return `timeline.${known.replace('.', '_') as Underscored<TimelineType>}`;
}
