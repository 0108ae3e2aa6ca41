// The room the tests play in (Baghdad at noon on 29 Nov 2026, two dispatchers, a fire at Tahrir)
// and what a dispatcher does there, one thin function per action over the typed client. Node
// tests (in-process host) and Playwright specs (WebSocket) share them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CallContext, RemoteApi, RosterImportResult } from '../../src-shared/contract/api';
import { newDraftId } from '../../src-shared/contract/ids';
import type { CreateIncidentArgs, IntakeDraft } from '../../src-shared/contract/schemas';
import type { CallEventPayload } from '../../src-shared/domain/call';
import type { IncidentRecord } from '../../src-shared/domain/incident';
import { windowContext } from './remoteClient';

const DEMO_ROSTER_FILE = join(import.meta.dirname, '..', '..', 'resources', 'demo', 'units.json');

/** 09:00 UTC on 29 Nov 2026 (12:00 in Baghdad). */
export const START = Date.UTC(2026, 10, 29, 9, 0, 0);
export const MINUTE = 60_000;

/** Tahrir Square, Baghdad (between the Rusafa civil defence centre and Karrada police). */
export const TAHRIR = { lat: 33.3333, lon: 44.4197 } as const;

/** The two dispatchers at their windows. */
export const AMAL: CallContext = windowContext('amal');
export const BASIM: CallContext = windowContext('basim');
/** The actor telephony records are stored under. */
export const TELEPHONY = 'telephony';

/** `point` moved `north` and `east` metres (flat-earth step; exact along a meridian). */
export function offset(point: { lat: number; lon: number }, north: number, east = 0): { lat: number; lon: number } {
  const metresPerDegree = (6_371_008.8 * Math.PI) / 180;
  return {
    lat: point.lat + north / metresPerDegree,
    lon: point.lon + east / (metresPerDegree * Math.cos((point.lat * Math.PI) / 180)),
  };
}

/** One ALI record as the telephony parser hands it to the host. */
export function aliRecord(
  callerNumber: string,
  extra: Partial<CallEventPayload<'call.received'>> = {},
): CallEventPayload<'call.received'> {
  return { source: 'ali', callerNumber, classOfService: 'WPH1', ...extra };
}

/** A complete intake as the form sends it: every field present, nothing chosen unless given. */
export function intakeDraft(fields: Partial<IntakeDraft> = {}): IntakeDraft {
  return {
    id: newDraftId(),
    callId: null,
    callerNumber: '',
    callerName: '',
    location: null,
    address: '',
    typeCode: null,
    priority: null,
    priorityReason: '',
    extraAgencies: [],
    narrative: [],
    rejectedDuplicates: [],
    openedAt: START,
    updatedAt: START,
    version: 0,
    ...fields,
  };
}

/** A building fire at Tahrir (P1, fire, ambulance and police) unless `fields` say otherwise. */
export function createIncident(api: RemoteApi, fields: Partial<CreateIncidentArgs> = {}): Promise<IncidentRecord> {
  return api.incident.create({
    typeCode: 'building-fire',
    priority: 1,
    agencies: ['civil-defence', 'ambulance', 'police-patrols'],
    location: { ...TAHRIR, source: 'map' },
    address: 'ساحة التحرير',
    ...fields,
  });
}

/** Open incidents, most urgent first: all of them, or one agency's queue. */
export function openIncidents(api: RemoteApi, agency?: string): Promise<readonly IncidentRecord[]> {
  return api.incident.listOpen(agency === undefined ? {} : { agency });
}

/** The demo roster (resources/demo/units.json: 50 units of Baghdad) imported as a shift lead would. */
export function importDemoRoster(api: RemoteApi): Promise<RosterImportResult> {
  return api.unit.importRoster({ format: 'json', text: readFileSync(DEMO_ROSTER_FILE, 'utf8') });
}
