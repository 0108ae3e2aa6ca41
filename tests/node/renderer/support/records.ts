// Records as the host sends them to a window, complete and typed, with only what a test cares
// about overridden.
import type { ConsoleInfo, LayoutState, SessionState, StorageStatus } from '../../../../src-shared/contract/api';
import type { LinkStatus } from '../../../../src-shared/contract/links';
import type { IntakeDraft } from '../../../../src-shared/contract/schemas';
import type { Alarm } from '../../../../src-shared/domain/alarm';
import type { CallRecord } from '../../../../src-shared/domain/call';
import type { IncidentRecord } from '../../../../src-shared/domain/incident';
import { parseTaxonomy, type Taxonomy } from '../../../../src-shared/domain/taxonomy';
import type { UnitPosition, UnitRecord } from '../../../../src-shared/domain/unit';
import taxonomyFile from '../../../../resources/taxonomy/taxonomy.json';

/** 09:00 UTC on 29 Nov 2026 (12:00 in Baghdad). */
export const T0 = Date.UTC(2026, 10, 29, 9, 0, 0);

export function incident(fields: Partial<IncidentRecord> & { readonly id: string }): IncidentRecord {
  return {
    number: `BGD-261129-C1-${fields.id.padStart(4, '0')}`,
    status: 'pending',
    typeCode: 'building-fire',
    priority: 1,
    priorityReason: null,
    agencies: [{ agency: 'civil-defence', status: 'routed', since: T0 }],
    location: { lat: 33.3333, lon: 44.4197, source: 'map' },
    locationName: null,
    address: 'ساحة التحرير',
    addressParts: null,
    callerName: null,
    callerNumber: null,
    callIds: [],
    linkedIncidentIds: [],
    mergedInto: null,
    disposition: null,
    receivedAt: null,
    answeredAt: null,
    createdAt: T0,
    routedAt: T0,
    dispatchedAt: null,
    enRouteAt: null,
    onSceneAt: null,
    closedAt: null,
    units: [],
    updatedAt: T0,
    version: 1,
    ...fields,
  };
}

export function call(fields: Partial<CallRecord> & { readonly id: string }): CallRecord {
  return {
    source: 'ali',
    line: null,
    callerNumber: '07701234567',
    callerName: null,
    location: null,
    address: null,
    classOfService: 'WPH1',
    status: 'waiting',
    receivedAt: T0,
    answeredAt: null,
    answeredBy: null,
    incidentId: null,
    linkedAsDuplicate: false,
    endedAt: null,
    rawInputIds: [],
    ringsAt: 'C1',
    answeredOn: null,
    repeatOf: [],
    updatedAt: T0,
    version: 1,
    ...fields,
  };
}

export function unit(fields: Partial<UnitRecord> & { readonly id: string }): UnitRecord {
  return {
    callsign: `نجدة-${fields.id}`,
    agency: 'police-patrols',
    kind: 'patrol',
    capabilities: ['patrol'],
    station: null,
    home: null,
    crew: [],
    radioId: null,
    deviceId: null,
    status: 'available',
    statusSince: T0,
    statusSource: 'dispatcher',
    incidentId: null,
    updatedAt: T0,
    version: 1,
    ...fields,
  };
}

export function alarm(fields: Partial<Alarm> & { readonly id: string }): Alarm {
  return {
    kind: 'unassigned-p1',
    severity: 'warning',
    subject: 'BGD-261129-C1-0001',
    source: 'timers',
    raisedAt: T0,
    acknowledgedAt: null,
    acknowledgedBy: null,
    position: null,
    incidentId: null,
    clearedAt: null,
    ...fields,
  };
}

export function position(fields: Partial<UnitPosition> & { readonly unitId: string }): UnitPosition {
  return {
    lat: 33.3333,
    lon: 44.4197,
    at: T0,
    speed: 0,
    heading: null,
    accuracyM: 5,
    source: 'mqtt',
    freshness: 'live',
    ...fields,
  };
}

export function link(fields: Partial<LinkStatus> & { readonly id: string }): LinkStatus {
  return { kind: 'serial', label: fields.id, state: 'up', since: T0, ...fields };
}

export function storage(fields: Partial<StorageStatus> = {}): StorageStatus {
  return {
    profile: 'live',
    path: '/var/lib/nida/live.db',
    writable: true,
    problem: null,
    lastBackupAt: null,
    ...fields,
  };
}

export function consoleInfo(fields: Partial<ConsoleInfo> = {}): ConsoleInfo {
  return {
    center: { code: 'BGD', name: { ar: 'بغداد', en: 'Baghdad', ckb: 'بەغدا' } },
    consoleCode: 'C1',
    profile: 'live',
    timeZone: 'Asia/Baghdad',
    defaultLanguage: 'ar',
    version: '0.0.0-test',
    startedAt: T0,
    ...fields,
  };
}

export function layout(version: number): LayoutState {
  const display = { id: 'd1', bounds: { x: 0, y: 0, width: 1920, height: 1080 } };
  return {
    layout: {
      version,
      updatedAt: version === 0 ? null : T0 + version,
      windows: [
        {
          key: 'console-1',
          view: 'console',
          display: { ...display, workArea: display.bounds },
          bounds: display.bounds,
          maximized: false,
          fullscreen: false,
        },
      ],
    },
    displays: [],
  };
}

export function draft(fields: Partial<IntakeDraft> & { readonly id: string }): IntakeDraft {
  return {
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
    openedAt: T0,
    updatedAt: T0,
    version: 1,
    ...fields,
  };
}

/** The shipped taxonomy (resources/taxonomy/taxonomy.json). */
export function shippedTaxonomy(): Taxonomy {
  const parsed = parseTaxonomy(taxonomyFile);
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.value;
}

/** A dispatcher signed in at the window (what every store test assumes: the records are visible). */
export function activeSession(fields: Partial<SessionState> = {}): SessionState {
  return {
    state: 'active',
    sessionId: 'S-1',
    operator: {
      id: 'amal',
      name: { ar: 'أمل', latin: 'Amal' },
      roles: ['dispatcher'],
      agencies: [],
      languages: ['ar'],
    },
    signedInAt: T0,
    lockedAt: null,
    idleLockMinutes: 15,
    wallWithoutSignIn: false,
    firstAdministratorNeeded: false,
    handoverNotes: '',
    ...fields,
  };
}
