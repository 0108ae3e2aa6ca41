import { z } from 'zod';
import type { TimelineEntry } from '../contract/api';
import type { CallRecord } from './call';
import type { IncidentLocation, IncidentRecord } from './incident';
import { describeIraqiAddress } from './iraqiAddress';
import { zoneOffsetMs } from './timeZone';
import type { UnitStatus } from './unit';

/**
 * An incident as a NENA Emergency Incident Data Object (EIDO, NENA-STA-021.1a-2022, JSON), for
 * exchange with other centers. `toEido` maps Nida's record, timeline, calls and assigned units onto
 * the EIDO components; `eidoSchema` is the subset Nida writes (checked on every export). The mapping
 * and what is left out are in docs/eido.md.
 */

const reference = z.strictObject({ $ref: z.string().min(1) });
export type EidoReference = z.infer<typeof reference>;

/** ISO 8601 with the zone offset, as NENA-STA-010 writes timestamps: 2026-11-29T12:00:05.000+03:00. */
const timestamp = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{2}:\d{2}$/, 'NENA timestamp');

/** Every component starts with the prologue: its id, when it last changed and who changed it. */
const prologue = {
  $id: z.string().min(1),
  lastUpdateTimestamp: timestamp,
  updatedByAgencyReference: reference,
  updatedByAgentReference: reference.optional(),
};

const dispositionComponent = z.strictObject({
  ...prologue,
  dispositionCommonRegistryCode: z.string().min(1),
  dispositionPrimaryIndicator: z.boolean(),
  dispositionCategoryText: z.string().optional(),
  dispositionDescriptionText: z.string().optional(),
});

const incidentComponent = z.strictObject({
  ...prologue,
  incidentTypeCommonRegistryText: z.string().min(1),
  incidentTypeInternalCode: z.string(),
  incidentTypeInternalText: z.string(),
  incidentStatusCommonRegistryText: z.array(z.string()).min(1),
  incidentStatusInternalText: z.array(z.string()).min(1),
  internalIncidentId: z.string(),
  /** 0–10, 10 the most urgent. */
  incidentCommonPriorityNumber: z.number().int().min(0).max(10),
  incidentPriorityInternalText: z.string(),
  locationReference: z.array(reference).optional(),
  agentReference: z.array(reference).optional(),
  notesReference: z.array(reference).optional(),
  dispositionComponent: z.array(dispositionComponent).optional(),
});

const callComponent = z.strictObject({
  ...prologue,
  callStartTimestamp: timestamp,
  answerDate: timestamp.optional(),
  callStateRegistryText: z.enum(['callBegin', 'callAnswered', 'callEnd']),
  direction: z.enum(['incoming', 'outgoing', 'internal']),
  standardPrimaryCallType: z.string(),
  localCallType: z.string().optional(),
  queueIdentifier: z.string().optional(),
  callBackReference: reference.optional(),
  agentReference: z.array(reference).optional(),
  locationReference: z.array(reference).optional(),
});

const callbackComponent = z.strictObject({
  ...prologue,
  callBackInformationUri: z.array(z.string().regex(/^tel:\+?[0-9]+$/)).min(1),
});

const locationComponent = z.strictObject({
  ...prologue,
  locationTypeDescriptionRegistryText: z.enum(['CurrentIncident', 'Caller']),
  /** PIDF-LO (RFC 5491 shapes: a point, or a circle when the uncertainty is known). */
  locationByValue: z.string().optional(),
  locationDescriptionText: z.string().optional(),
});

const notesComponent = z.strictObject({
  ...prologue,
  /** HTML5 text (escaped). */
  notesActionComments: z.string(),
  agentReference: reference.optional(),
});

const jcard = z.tuple([z.literal('vcard'), z.array(z.tuple([z.string(), z.object({}), z.string(), z.string()]))]);

const agencyComponent = z.strictObject({
  ...prologue,
  agencyRoleDescriptionRegistryText: z.array(z.string()).min(1),
  agencyType: z.array(z.string()).min(1),
  agencyJcard: jcard,
  incidentOwningAgencyIndicator: z.boolean(),
});

const agentComponent = z.strictObject({
  ...prologue,
  agentRoleRegistryText: z.array(z.string()).min(1),
  agencyReference: reference,
  agentJcard: jcard,
  agentWorkstationPositionIdentification: z.string().optional(),
});

const emergencyResourceComponent = z.strictObject({
  ...prologue,
  emergencyResourceTypeCommonRegistryText: z.string().min(1),
  emergencyResourceTypeInternalText: z.string(),
  emergencyResourceName: z.string(),
  primaryUnitStatusRegistryText: z.string().min(1),
  secondaryUnitStatusRegistryText: z.array(z.string()),
  resourceAttributeRegistryText: z.array(z.string()),
  /** Every status the unit reported on this incident, as `status@timestamp`. */
  unitStatusInternal: z.array(z.string()),
});

const dispatchComponent = z.strictObject({
  ...prologue,
  agencyReference: reference,
  emergencyResourceReference: z.array(reference),
  agentReference: reference.optional(),
});

export const eidoSchema = z.strictObject({
  ...prologue,
  eidoVersion: z.literal('1.0'),
  issuingElementIdentification: z.string().min(1),
  incidentComponent,
  callComponent: z.array(callComponent),
  callbackComponent: z.array(callbackComponent),
  dispatchComponent: z.array(dispatchComponent),
  agencyComponent: z.array(agencyComponent).min(1),
  agentComponent: z.array(agentComponent),
  notesComponent: z.array(notesComponent),
  locationComponent: z.array(locationComponent),
  emergencyResourceComponent: z.array(emergencyResourceComponent),
});
export type EidoDocument = z.infer<typeof eidoSchema>;

/** A unit that worked the incident, with the statuses it reported on it. */
export interface EidoResource {
  readonly unitId: string;
  readonly callsign: string;
  readonly agency: string;
  readonly kind: string;
  readonly capabilities: readonly string[];
  readonly status: UnitStatus;
  readonly history: readonly { readonly status: UnitStatus; readonly at: number; readonly actor: string }[];
}

export interface EidoInput {
  readonly incident: IncidentRecord;
  readonly timeline: readonly TimelineEntry[];
  readonly calls: readonly CallRecord[];
  readonly resources: readonly EidoResource[];
  readonly center: { readonly code: string; readonly name: string; readonly consoleCode: string };
  /** Names in the exporting center's language (taxonomy). */
  readonly names: {
    readonly type: (code: string) => string;
    readonly agency: (code: string) => string;
    readonly disposition: (code: string) => string;
  };
  readonly timeZone: string;
  readonly exportedAt: number;
}

// ---------------------------------------------------------------------------------------------
// Registry mappings (best effort; the internal code always travels beside them)

/** Responder service URNs (RFC 5031 urn:service:sos family, as EIDO's agencyType uses them). */
const agencyService: Readonly<Record<string, string>> = {
  'police-patrols': 'urn:emergency:service:responder.police',
  'traffic-police': 'urn:emergency:service:responder.police',
  'community-police': 'urn:emergency:service:responder.police',
  'counter-terrorism': 'urn:emergency:service:responder.police',
  'family-protection': 'urn:emergency:service:responder.police',
  'river-police': 'urn:emergency:service:responder.police',
  forensics: 'urn:emergency:service:responder.police',
  'explosives-disposal': 'urn:emergency:service:responder.police',
  'civil-defence': 'urn:emergency:service:responder.fire',
  ambulance: 'urn:emergency:service:responder.ems',
};

const resourceTypeByKind: readonly [RegExp, string][] = [
  [/ambulance/, 'Ambulance'],
  [/engine/, 'Engine'],
  [/ladder/, 'Ladder'],
  [/rescue/, 'Rescue'],
  [/hazmat/, 'Hazmat'],
  [/patrol|traffic|police/, 'Patrol'],
];

const unitStatusRegistry: Readonly<Record<UnitStatus, string>> = {
  available: 'Available',
  'available-on-radio': 'Available',
  dispatched: 'Dispatched',
  'en-route': 'Enroute',
  'on-scene': 'OnScene',
  transporting: 'Transporting',
  'at-hospital': 'AtHospital',
  'out-of-service': 'OutOfService',
};

/** Nida priority 1 (most urgent) … 4 on EIDO's 0–10 scale (10 most urgent). */
export const commonPriority: Readonly<Record<number, number>> = { 1: 10, 2: 7, 3: 4, 4: 1 };

// ---------------------------------------------------------------------------------------------
// Helpers

function pad(value: number, width = 2): string {
  return String(Math.abs(value)).padStart(width, '0');
}

/** UTC ms as a NENA timestamp in the center's zone. */
export function nenaTimestamp(utcMs: number, offsetMs: number): string {
  const local = new Date(utcMs + offsetMs);
  const offsetMinutes = Math.round(offsetMs / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  return (
    `${String(local.getUTCFullYear())}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
    `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}.${pad(local.getUTCMilliseconds(), 3)}` +
    `${sign}${pad(Math.floor(Math.abs(offsetMinutes) / 60))}:${pad(Math.abs(offsetMinutes) % 60)}`
  );
}

function escapeXml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}

/** Notes are HTML5 text: a dispatcher's `<` must stay a character. */
const escapeHtml = escapeXml;

const methods: Readonly<Record<IncidentLocation['source'], string>> = {
  ali: 'Cell',
  aml: 'GPS',
  gps: 'GPS',
  map: 'Manual',
  place: 'Manual',
  manual: 'Manual',
};

/** A PIDF-LO presence document: a point, or a circle around it when the uncertainty is known (RFC 5491). */
export function pidfLo(location: IncidentLocation, entity: string, at: string): string {
  const pos = `<gml:pos>${String(location.lat)} ${String(location.lon)}</gml:pos>`;
  const shape =
    location.accuracyM !== undefined && location.accuracyM > 0
      ? `<gs:Circle srsName="urn:ogc:def:crs:EPSG::4326">${pos}<gs:radius uom="urn:ogc:def:uom:EPSG::9001">${String(location.accuracyM)}</gs:radius></gs:Circle>`
      : `<gml:Point srsName="urn:ogc:def:crs:EPSG::4326">${pos}</gml:Point>`;
  return (
    '<presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:gp="urn:ietf:params:xml:ns:pidf:geopriv10" ' +
    'xmlns:gml="http://www.opengis.net/gml" xmlns:gs="http://www.opengis.net/pidflo/1.0" ' +
    `entity="${escapeXml(entity)}"><tuple id="location"><status><gp:geopriv><gp:location-info>${shape}` +
    `</gp:location-info><gp:usage-rules/><gp:method>${methods[location.source]}</gp:method></gp:geopriv></status>` +
    `<timestamp>${escapeXml(at)}</timestamp></tuple></presence>`
  );
}

const slug = (text: string): string =>
  text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '') || 'agent';

function payloadField(payload: unknown, field: string): string | null {
  if (typeof payload !== 'object' || payload === null || !(field in payload)) return null;
  const value = (payload as Record<string, unknown>)[field];
  return typeof value === 'string' ? value : null;
}

// ---------------------------------------------------------------------------------------------
// The mapping

/** The incident as an EIDO document, validated against `eidoSchema` (throws when the mapping is broken). */
export function toEido(input: EidoInput): EidoDocument {
  const { incident, center } = input;
  const ts = (utcMs: number): string => nenaTimestamp(utcMs, zoneOffsetMs(utcMs, input.timeZone));
  const domain = `${center.code.toLowerCase()}.911.iq`;
  const centerRef = { $ref: domain };
  const incidentUrn = `urn:emergency:uid:incidentid:${incident.id}:${domain}`;

  // Agents: everyone who wrote on the incident or answered one of its calls.
  const agents = new Map<string, { id: string; name: string; roles: Set<string>; console: string; at: number }>();
  const agentRef = (actor: string, role: string, consoleId: string, at: number): EidoReference => {
    const id = `${slug(actor)}@${domain}`;
    const agent = agents.get(id) ?? { id, name: actor, roles: new Set<string>(), console: consoleId, at };
    agent.roles.add(role);
    agent.at = Math.max(agent.at, at);
    agents.set(id, agent);
    return { $ref: id };
  };
  const stamp = (at: number, actor?: { actor: string; consoleId: string; role: string }) => ({
    lastUpdateTimestamp: ts(at),
    updatedByAgencyReference: centerRef,
    ...(actor && { updatedByAgentReference: agentRef(actor.actor, actor.role, actor.consoleId, at) }),
  });

  const lastEntry = input.timeline.at(-1);
  const lastActor = lastEntry
    ? { actor: lastEntry.actor, consoleId: lastEntry.consoleId, role: 'Dispatching' }
    : undefined;

  // Locations
  const locations: EidoDocument['locationComponent'] = [];
  // The free address and the Iraqi one (mahalla, zuqaq, dar, landmark) in one description.
  const description = [incident.address, describeIraqiAddress(incident.addressParts)].filter(Boolean).join(' — ');
  if (incident.location || description) {
    locations.push({
      $id: `urn:nida:location:${incident.id}:incident`,
      ...stamp(incident.updatedAt),
      locationTypeDescriptionRegistryText: 'CurrentIncident',
      ...(incident.location && {
        locationByValue: pidfLo(incident.location, `pres:${incident.number}@${domain}`, ts(incident.updatedAt)),
      }),
      ...(description && { locationDescriptionText: description }),
    });
  }

  // Calls and their callback numbers
  const calls: EidoDocument['callComponent'] = [];
  const callbacks: EidoDocument['callbackComponent'] = [];
  for (const call of input.calls) {
    const callId = `urn:emergency:uid:callid:${call.id}:${domain}`;
    const digits = call.callerNumber?.replace(/[^0-9+]/g, '') ?? '';
    let callBackReference: EidoReference | undefined;
    if (/^\+?[0-9]+$/.test(digits)) {
      const id = `urn:nida:callback:${call.id}`;
      callbacks.push({ $id: id, ...stamp(call.updatedAt), callBackInformationUri: [`tel:${digits}`] });
      callBackReference = { $ref: id };
    }
    let locationReference: EidoReference[] | undefined;
    if (call.location) {
      const id = `urn:nida:location:${call.id}:caller`;
      locations.push({
        $id: id,
        ...stamp(call.updatedAt),
        locationTypeDescriptionRegistryText: 'Caller',
        locationByValue: pidfLo(call.location, `pres:${call.id}@${domain}`, ts(call.updatedAt)),
        ...(call.address && { locationDescriptionText: call.address }),
      });
      locationReference = [{ $ref: id }];
    }
    calls.push({
      $id: callId,
      ...stamp(call.updatedAt),
      callStartTimestamp: ts(call.receivedAt),
      ...(call.answeredAt !== null && { answerDate: ts(call.answeredAt) }),
      callStateRegistryText:
        call.endedAt !== null ? 'callEnd' : call.answeredAt !== null ? 'callAnswered' : 'callBegin',
      direction: 'incoming',
      standardPrimaryCallType: 'Emergency',
      localCallType: call.source,
      ...(call.line !== null && { queueIdentifier: call.line }),
      ...(callBackReference && { callBackReference }),
      ...(call.answeredBy !== null && {
        agentReference: [
          agentRef(call.answeredBy, 'Call Taking', center.consoleCode, call.answeredAt ?? call.updatedAt),
        ],
      }),
      ...(locationReference && { locationReference }),
    });
  }

  // Notes: the narrative, and every reason the record keeps (closing, reopening, links, merges).
  const notes: EidoDocument['notesComponent'] = [];
  for (const entry of input.timeline) {
    const actor = { actor: entry.actor, consoleId: entry.consoleId, role: 'Dispatching' };
    const reason = payloadField(entry.payload, 'reason');
    const text =
      entry.type === 'incident.noteAdded'
        ? payloadField(entry.payload, 'text')
        : entry.type === 'incident.closed'
          ? `Closed: ${input.names.disposition(payloadField(entry.payload, 'disposition') ?? '')}${reason ? ` (${reason})` : ''}`
          : reason !== null
            ? `${entry.type.replace('incident.', '')}: ${reason}`
            : null;
    if (text === null) continue;
    const writtenAt = entry.at;
    const ref = agentRef(entry.actor, 'Dispatching', entry.consoleId, writtenAt);
    notes.push({
      $id: `urn:nida:note:${payloadField(entry.payload, 'noteId') ?? entry.id}`,
      ...stamp(writtenAt, actor),
      notesActionComments: escapeHtml(text),
      agentReference: ref,
    });
  }

  // Agencies: this center (the PSAP, owner) and every agency the incident was routed to.
  const agencies: EidoDocument['agencyComponent'] = [
    {
      $id: domain,
      ...stamp(incident.createdAt),
      agencyRoleDescriptionRegistryText: ['CallReceiving', 'Dispatch'],
      agencyType: ['psap'],
      agencyJcard: [
        'vcard',
        [
          ['version', {}, 'text', '4.0'],
          ['fn', {}, 'text', center.name],
        ],
      ],
      incidentOwningAgencyIndicator: true,
    },
  ];
  const agencyId = (code: string): string => `${code}.${domain}`;
  for (const entry of incident.agencies) {
    agencies.push({
      $id: agencyId(entry.agency),
      ...stamp(entry.since),
      agencyRoleDescriptionRegistryText: ['Responding'],
      agencyType: [agencyService[entry.agency] ?? 'urn:emergency:service:responder'],
      agencyJcard: [
        'vcard',
        [
          ['version', {}, 'text', '4.0'],
          ['fn', {}, 'text', input.names.agency(entry.agency)],
        ],
      ],
      incidentOwningAgencyIndicator: false,
    });
  }

  // Units and dispatches (one dispatch component per agency, naming its units).
  const resources: EidoDocument['emergencyResourceComponent'] = input.resources.map((unit) => {
    const last = unit.history.at(-1);
    return {
      $id: `urn:nida:unit:${unit.unitId}:${domain}`,
      lastUpdateTimestamp: ts(last?.at ?? incident.updatedAt),
      updatedByAgencyReference: { $ref: agencyId(unit.agency) },
      emergencyResourceTypeCommonRegistryText:
        resourceTypeByKind.find(([pattern]) => pattern.test(unit.kind))?.[1] ?? 'Other',
      emergencyResourceTypeInternalText: unit.kind,
      emergencyResourceName: unit.callsign,
      primaryUnitStatusRegistryText: unitStatusRegistry[last?.status ?? unit.status],
      secondaryUnitStatusRegistryText: [],
      resourceAttributeRegistryText: [...unit.capabilities],
      unitStatusInternal: unit.history.map((change) => `${change.status}@${ts(change.at)}`),
    };
  });
  const dispatches: EidoDocument['dispatchComponent'] = incident.agencies.map((entry) => ({
    $id: `urn:nida:dispatch:${incident.id}:${entry.agency}`,
    ...stamp(entry.since),
    agencyReference: { $ref: agencyId(entry.agency) },
    emergencyResourceReference: input.resources
      .filter((unit) => unit.agency === entry.agency)
      .map((unit) => ({ $ref: `urn:nida:unit:${unit.unitId}:${domain}` })),
  }));
  // A unit of an agency the incident was never routed to (an override) still belongs to a listed agency.
  for (const unit of input.resources) {
    if (agencies.some((agency) => agency.$id === agencyId(unit.agency))) continue;
    agencies.push({
      $id: agencyId(unit.agency),
      ...stamp(incident.updatedAt),
      agencyRoleDescriptionRegistryText: ['Responding'],
      agencyType: [agencyService[unit.agency] ?? 'urn:emergency:service:responder'],
      agencyJcard: [
        'vcard',
        [
          ['version', {}, 'text', '4.0'],
          ['fn', {}, 'text', input.names.agency(unit.agency)],
        ],
      ],
      incidentOwningAgencyIndicator: false,
    });
  }

  const dispositions: EidoDocument['incidentComponent']['dispositionComponent'] =
    incident.disposition !== null && incident.closedAt !== null
      ? [
          {
            $id: `urn:nida:disposition:${incident.id}`,
            ...stamp(incident.closedAt),
            dispositionCommonRegistryCode: incident.disposition,
            dispositionPrimaryIndicator: true,
            dispositionCategoryText: incident.disposition,
            dispositionDescriptionText: input.names.disposition(incident.disposition),
          },
        ]
      : undefined;

  const incidentComponent: EidoDocument['incidentComponent'] = {
    $id: `urn:nida:incident:${incident.id}`,
    ...stamp(incident.updatedAt, lastActor),
    incidentTypeCommonRegistryText: incident.typeCode,
    incidentTypeInternalCode: incident.typeCode,
    incidentTypeInternalText: input.names.type(incident.typeCode),
    incidentStatusCommonRegistryText: [incident.status === 'closed' ? 'Closed' : 'Active'],
    incidentStatusInternalText: [incident.status],
    internalIncidentId: incident.number,
    incidentCommonPriorityNumber: commonPriority[incident.priority] ?? 0,
    incidentPriorityInternalText: `P${String(incident.priority)}`,
    ...(locations.some((location) => location.locationTypeDescriptionRegistryText === 'CurrentIncident') && {
      locationReference: [{ $ref: `urn:nida:location:${incident.id}:incident` }],
    }),
    ...(notes.length > 0 && { notesReference: notes.map((note) => ({ $ref: note.$id })) }),
    ...(dispositions && { dispositionComponent: dispositions }),
  };
  if (lastActor) incidentComponent.agentReference = [{ $ref: `${slug(lastActor.actor)}@${domain}` }];

  const agentComponent: EidoDocument['agentComponent'] = [...agents.values()].map((agent) => ({
    $id: agent.id,
    ...stamp(agent.at),
    agentRoleRegistryText: [...agent.roles].sort(),
    agencyReference: centerRef,
    agentJcard: [
      'vcard',
      [
        ['version', {}, 'text', '4.0'],
        ['fn', {}, 'text', agent.name],
      ],
    ],
    agentWorkstationPositionIdentification: agent.console,
  }));

  return eidoSchema.parse({
    $id: incidentUrn,
    lastUpdateTimestamp: ts(Math.max(incident.updatedAt, ...input.calls.map((call) => call.updatedAt))),
    updatedByAgencyReference: centerRef,
    eidoVersion: '1.0',
    issuingElementIdentification: domain,
    incidentComponent,
    callComponent: calls,
    callbackComponent: callbacks,
    dispatchComponent: dispatches,
    agencyComponent: agencies,
    agentComponent,
    notesComponent: notes,
    locationComponent: locations,
    emergencyResourceComponent: resources,
  } satisfies EidoDocument);
}

/** Every `$ref` in a document that names no component's `$id` (an empty list for a consistent export). */
export function unresolvedReferences(document: EidoDocument): string[] {
  const ids = new Set<string>();
  const refs: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (typeof value === 'object' && value !== null) {
      for (const [key, child] of Object.entries(value)) {
        if (key === '$id' && typeof child === 'string') ids.add(child);
        else if (key === '$ref' && typeof child === 'string') refs.push(child);
        else walk(child);
      }
    }
  };
  walk(document);
  return refs.filter((ref) => !ids.has(ref));
}
