import { z } from 'zod';
import { callEventPayloads } from '../domain/call';
import { incidentEventPayloads, incidentStatusSchema, locationSchema, prioritySchema } from '../domain/incident';
import { destinationSchema, unitDefinitionSchema, unitStatusSchema } from '../domain/unit';
import { kpiFiltersSchema, kpiGroupings } from '../domain/kpi';
import { windowPlacementSchema } from '../domain/placement';
import { conflictResolutions } from '../domain/conflict';
import { phoneNumberSchema } from '../domain/phone';
import { callLanguageSchema, operatorDefinitionSchema, operatorIdSchema, passwordSchema } from '../domain/operator';
import { iraqiAddressSchema } from '../domain/iraqiAddress';

/**
 * Argument schemas for every channel. The dispatcher validates with these before a service
 * runs, so services can trust their arguments. Types are inferred here and used by api.ts.
 */

const emptyArgs = z.strictObject({});
export type EmptyArgs = z.infer<typeof emptyArgs>;

export const pingArgs = z.strictObject({
  /** Returned unchanged; lets a client match a reply and measure the round trip. */
  echo: z.string().max(200),
});
export type PingArgs = z.infer<typeof pingArgs>;

/** Link outages since a time (default: the last 7 days), newest first. */
export const outagesArgs = z.strictObject({
  since: z.number().int().min(0).optional(),
  limit: z.number().int().min(1).max(1000).default(200),
});
export type OutagesArgs = z.input<typeof outagesArgs>;

/** Everything recorded between two times (an outage's start and end): events and audit, as a file. */
export const activityArgs = z
  .strictObject({
    from: z.number().int().min(0),
    to: z.number().int().min(0),
    format: z.enum(['json', 'csv']),
  })
  .refine((args) => args.to >= args.from, { error: '`to` is before `from`', path: ['to'] })
  .refine((args) => args.to - args.from <= 7 * 24 * 3_600_000, { error: 'at most 7 days', path: ['to'] });
export type ActivityArgs = z.infer<typeof activityArgs>;

/** The center's replicated log: no arguments, the status is read. */
export const resolveConflictArgs = z.strictObject({
  conflictId: z.string().min(1).max(40),
  resolution: z.enum(conflictResolutions),
  note: z.string().trim().max(500).optional(),
});
export type ResolveConflictArgs = z.infer<typeof resolveConflictArgs>;

/** The center's replicated log and its conflicts. */
export const centerSchemas = {
  status: z.strictObject({}),
  conflicts: z.strictObject({}),
  resolveConflict: resolveConflictArgs,
} as const;

export const systemSchemas = {
  ping: pingArgs,
  info: emptyArgs,
  links: emptyArgs,
  storage: emptyArgs,
  backupNow: emptyArgs,
  outages: outagesArgs,
  activity: activityArgs,
} as const;

export const languageCodes = ['ar', 'en', 'ckb'] as const;
export const languageSchema = z.enum(languageCodes);
export type Language = z.infer<typeof languageSchema>;

/** A text that the center writes in each UI language (center name, taxonomy labels). */
export const localizedTextSchema = z.strictObject({
  ar: z.string().min(1).max(200),
  en: z.string().min(1).max(200),
  ckb: z.string().min(1).max(200),
});
export type LocalizedText = z.infer<typeof localizedTextSchema>;

export const profileNames = ['live', 'drill', 'demo'] as const;
export const profileSchema = z.enum(profileNames);
export type Profile = z.infer<typeof profileSchema>;

export { operatorRoles, operatorRoleSchema, type OperatorRole } from '../domain/operator';

const incidentIdSchema = z.string().min(1).max(40);

export const listOpenArgs = z.strictObject({
  agency: z.string().max(64).optional(),
  status: incidentStatusSchema.exclude(['closed']).optional(),
  /** A page: a window loads more (up to 5000) once, then follows events. */
  limit: z.number().int().min(1).max(5000).default(100),
});
export type ListOpenArgs = z.input<typeof listOpenArgs>;

export const getIncidentArgs = z.strictObject({ id: incidentIdSchema });
export type GetIncidentArgs = z.infer<typeof getIncidentArgs>;

export const searchIncidentsArgs = z.strictObject({
  query: z.string().max(500),
  limit: z.number().int().min(1).max(200).default(50),
});
export type SearchIncidentsArgs = z.input<typeof searchIncidentsArgs>;

/**
 * A client-chosen id for a creating request: a repeat with the same id (after a lost reply) returns
 * what the first made instead of creating it again.
 */
export const requestIdSchema = z
  .string()
  .min(8)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'request id: 8-64 letters, digits, _ or -');

export const createIncidentArgs = incidentEventPayloads['incident.created']
  // The host names the location itself.
  .omit({ number: true, locationName: true })
  .extend({ note: z.string().max(10_000).optional(), requestId: requestIdSchema.optional() });
export type CreateIncidentArgs = z.infer<typeof createIncidentArgs>;

/** Changes a window may make to an existing incident (creation has its own channel). */
export const incidentChangeSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('incident.updated'),
    payload: incidentEventPayloads['incident.updated'].omit({ locationName: true }),
  }),
  z.strictObject({
    type: z.literal('incident.noteAdded'),
    payload: z.strictObject({ text: z.string().min(1).max(10_000) }),
  }),
  z.strictObject({ type: z.literal('incident.routed'), payload: incidentEventPayloads['incident.routed'] }),
  z.strictObject({
    type: z.literal('incident.agencyStatusChanged'),
    payload: incidentEventPayloads['incident.agencyStatusChanged'],
  }),
  z.strictObject({
    type: z.literal('incident.statusChanged'),
    payload: incidentEventPayloads['incident.statusChanged'],
  }),
  z.strictObject({ type: z.literal('incident.callerLinked'), payload: incidentEventPayloads['incident.callerLinked'] }),
  z.strictObject({ type: z.literal('incident.closed'), payload: incidentEventPayloads['incident.closed'] }),
  z.strictObject({ type: z.literal('incident.reopened'), payload: incidentEventPayloads['incident.reopened'] }),
]);
export type IncidentChange = z.infer<typeof incidentChangeSchema>;

export const appendIncidentArgs = z.strictObject({
  incidentId: incidentIdSchema,
  /** The version the window saw; a newer one on the host means someone else changed it first. */
  expectedVersion: z.number().int().min(1).optional(),
  change: incidentChangeSchema,
  requestId: requestIdSchema.optional(),
});
export type AppendIncidentArgs = z.infer<typeof appendIncidentArgs>;

const reasonSchema = z.string().trim().min(1).max(500);

export const linkIncidentsArgs = z.strictObject({
  incidentId: incidentIdSchema,
  otherIncidentId: incidentIdSchema,
  reason: reasonSchema,
});
export type LinkIncidentsArgs = z.infer<typeof linkIncidentsArgs>;

export const mergeIncidentsArgs = z.strictObject({
  /** The incident that turned out to be the same emergency; it is closed into `intoId`. */
  duplicateId: incidentIdSchema,
  intoId: incidentIdSchema,
  reason: reasonSchema,
});
export type MergeIncidentsArgs = z.infer<typeof mergeIncidentsArgs>;

export const incidentSchemas = {
  listOpen: listOpenArgs,
  get: getIncidentArgs,
  search: searchIncidentsArgs,
  create: createIncidentArgs,
  append: appendIncidentArgs,
  link: linkIncidentsArgs,
  merge: mergeIncidentsArgs,
} as const;

// ---- calls and intake ----

const callIdSchema = z.string().min(1).max(40);
const typeCodeSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'unknown incident type');

/** A call opened by hand (F2) or by the demo source; telephony records take the same path in the host. */
export const receiveCallArgs = callEventPayloads['call.received']
  .omit({ rawInputId: true, repeatOf: true, callerScript: true })
  .extend({ requestId: requestIdSchema.optional() });
export type ReceiveCallArgs = z.infer<typeof receiveCallArgs>;

export const callRefArgs = z.strictObject({ callId: callIdSchema });
export type CallRefArgs = z.infer<typeof callRefArgs>;

export const releaseCallArgs = z.strictObject({
  callId: callIdSchema,
  reason: callEventPayloads['call.released'].shape.reason,
});
export type ReleaseCallArgs = z.infer<typeof releaseCallArgs>;

export const duplicatesArgs = z.strictObject({
  callId: callIdSchema.optional(),
  location: locationSchema.optional(),
  callerNumber: phoneNumberSchema().optional(),
  typeCode: typeCodeSchema.optional(),
});
export type DuplicatesArgs = z.infer<typeof duplicatesArgs>;

export const attachCallArgs = z.strictObject({
  callId: callIdSchema,
  incidentId: incidentIdSchema,
  /** The intake the dispatcher was filling; discarded once the call is attached. */
  draftId: z.string().max(40).optional(),
});
export type AttachCallArgs = z.infer<typeof attachCallArgs>;

/** The language the caller speaks, set by the call-taker (also at answer). */
export const setCallLanguageArgs = z.strictObject({ callId: callIdSchema, language: callLanguageSchema });
export type SetCallLanguageArgs = z.infer<typeof setCallLanguageArgs>;

/** Center mode: the shift lead sends a call to a position whose operator speaks the caller's language. */
export const transferCallArgs = z.strictObject({
  callId: callIdSchema,
  toConsole: z.string().regex(/^C[0-9]{1,3}$/, 'a console code such as C2'),
});
export type TransferCallArgs = z.infer<typeof transferCallArgs>;

/** A key question asked (`q2`) or an instruction read (`i1`) of the incident type the call-taker has chosen. */
export const recordGuidanceArgs = z.strictObject({
  callId: callIdSchema,
  typeCode: typeCodeSchema,
  key: z.string().regex(/^[qi][1-9][0-9]?$/, 'a key question q1, q2, … or an instruction i1, i2, …'),
});
export type RecordGuidanceArgs = z.infer<typeof recordGuidanceArgs>;

export const callSchemas = {
  list: emptyArgs,
  receive: receiveCallArgs,
  answer: callRefArgs,
  release: releaseCallArgs,
  duplicates: duplicatesArgs,
  attach: attachCallArgs,
  setLanguage: setCallLanguageArgs,
  recordGuidance: recordGuidanceArgs,
  transfer: transferCallArgs,
} as const;

export const narrativeEntrySchema = z.strictObject({
  at: z.number().int(),
  text: z.string().trim().min(1).max(10_000),
});

/** A half-filled intake, kept by the host so that it survives a window reload (and shows in every window). */
export const intakeDraftSchema = z.strictObject({
  id: z.string().min(1).max(40),
  callId: callIdSchema.nullable(),
  callerNumber: phoneNumberSchema(),
  callerName: z.string().max(200),
  location: locationSchema.nullable(),
  address: z.string().max(500),
  /** Mahalla, zuqaq, dar and landmark (absent in drafts saved before they existed). */
  addressParts: iraqiAddressSchema.optional(),
  typeCode: typeCodeSchema.nullable(),
  priority: prioritySchema.nullable(),
  priorityReason: z.string().max(500),
  /** Agencies added by the dispatcher on top of the type's own. */
  extraAgencies: z.array(z.string().max(64)).max(20),
  narrative: z.array(narrativeEntrySchema).max(500),
  /** Duplicate proposals the dispatcher rejected, so they are not proposed again. */
  rejectedDuplicates: z.array(incidentIdSchema).max(50),
  openedAt: z.number().int(),
  updatedAt: z.number().int(),
  /** Host-assigned; a save with an older version than the stored one is refused (another window saved). */
  version: z.number().int().min(0),
});
export type IntakeDraft = z.infer<typeof intakeDraftSchema>;

export const intakeSchemas = {
  drafts: emptyArgs,
  saveDraft: z.strictObject({ draft: intakeDraftSchema }),
  discardDraft: z.strictObject({ draftId: z.string().min(1).max(40) }),
  submit: z.strictObject({ draft: intakeDraftSchema }),
} as const;
export type SaveDraftArgs = z.infer<typeof intakeSchemas.saveDraft>;
export type DiscardDraftArgs = z.infer<typeof intakeSchemas.discardDraft>;
export type SubmitIntakeArgs = z.infer<typeof intakeSchemas.submit>;

export const taxonomySchemas = { get: emptyArgs } as const;

export const placeSearchArgs = z.strictObject({
  query: z.string().max(200),
  limit: z.number().int().min(1).max(50).default(10),
  near: z.strictObject({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) }).optional(),
});
export type PlaceSearchArgs = z.input<typeof placeSearchArgs>;

export const placeAtArgs = z.strictObject({
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
});
export type PlaceAtArgs = z.input<typeof placeAtArgs>;

export const placeSchemas = { search: placeSearchArgs, at: placeAtArgs } as const;

export const serialSchemas = { status: emptyArgs, discover: emptyArgs } as const;

export const alarmSchemas = {
  list: emptyArgs,
  acknowledge: z.strictObject({ alarmId: z.string().min(1).max(40) }),
  /** The shift lead's "acknowledge all" for one kind of clock alarm (never a radio emergency). */
  acknowledgeAll: z.strictObject({ kind: z.enum(['call-waiting']) }),
  /** A radio emergency is over: what was done, in a note the log keeps. */
  resolve: z.strictObject({ alarmId: z.string().min(1).max(40), note: z.string().trim().min(1).max(1000) }),
} as const;
export type AcknowledgeAlarmArgs = z.infer<typeof alarmSchemas.acknowledge>;
export type AcknowledgeAllAlarmsArgs = z.infer<typeof alarmSchemas.acknowledgeAll>;
export type ResolveAlarmArgs = z.infer<typeof alarmSchemas.resolve>;

const unitIdSchema = z.string().min(1).max(40);

export const unitSchemas = {
  list: emptyArgs,
  history: z.strictObject({ unitId: unitIdSchema, limit: z.number().int().min(1).max(1000).default(100) }),
  /** Adds or edits a roster entry (shift lead); CONFLICT when another window saved a newer version. */
  save: z.strictObject({ unit: unitDefinitionSchema, expectedVersion: z.number().int().min(0).optional() }),
  setStatus: z.strictObject({
    unitId: unitIdSchema,
    status: unitStatusSchema,
    incidentId: z.string().min(1).max(40).optional(),
    expectedVersion: z.number().int().min(0).optional(),
    reason: z.string().max(500).optional(),
    /** The hospital, with `transporting` / `at-hospital`: shown on the unit board. */
    destination: destinationSchema.optional(),
  }),
  importRoster: z.strictObject({ format: z.enum(['csv', 'json']), text: z.string().max(5_000_000) }),
  exportRoster: z.strictObject({ format: z.enum(['csv', 'json']) }),
} as const;
export type UnitHistoryArgs = z.input<typeof unitSchemas.history>;
export type SaveUnitArgs = z.input<typeof unitSchemas.save>;
export type SetUnitStatusArgs = z.infer<typeof unitSchemas.setStatus>;
export type ImportRosterArgs = z.infer<typeof unitSchemas.importRoster>;
export type ExportRosterArgs = z.infer<typeof unitSchemas.exportRoster>;

export const avlSchemas = {
  positions: emptyArgs,
  trail: z.strictObject({
    unitId: unitIdSchema,
    since: z.number().int().optional(),
    limit: z.number().int().min(1).max(10_000).default(2_000),
  }),
  status: emptyArgs,
  unknownDevices: emptyArgs,
  bindDevice: z.strictObject({ deviceId: z.string().trim().min(1).max(120), unitId: unitIdSchema }),
} as const;
export type TrailArgs = z.input<typeof avlSchemas.trail>;
export type BindDeviceArgs = z.infer<typeof avlSchemas.bindDevice>;

/** The workstation layout as the layout editor or the desktop shell saves it. */
export const saveLayoutArgs = z.strictObject({
  windows: z
    .array(windowPlacementSchema)
    .min(1)
    .max(24)
    .refine((windows) => new Set(windows.map((window) => window.key)).size === windows.length, {
      error: 'window keys must be unique',
    }),
  /** The version the editor saw; a newer one means another window saved first (CONFLICT). */
  expectedVersion: z.number().int().min(0).optional(),
});
export type SaveLayoutArgs = z.input<typeof saveLayoutArgs>;

export const layoutSchemas = { get: emptyArgs, save: saveLayoutArgs } as const;

// ---- KPIs and exchange ----

const DAY_MS = 86_400_000;

export const kpiReportArgs = z
  .strictObject({
    /** Window [from, to) in UTC ms: incidents by creation time, calls by ring time. */
    from: z.number().int().min(0),
    to: z.number().int().min(0),
    groupBy: z.enum(kpiGroupings).default('agency'),
    filters: kpiFiltersSchema.default({}),
  })
  .refine((args) => args.to > args.from, { error: 'to must be after from', path: ['to'] })
  .refine((args) => args.to - args.from <= 400 * DAY_MS, { error: 'a report covers at most 400 days', path: ['to'] });
export type KpiReportArgs = z.infer<typeof kpiReportArgs>;

export const kpiSchemas = {
  report: kpiReportArgs,
  exportCsv: kpiReportArgs,
  shifts: emptyArgs,
  shiftReport: z.strictObject({
    /** Local date the shift starts on. */
    date: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
      .optional(),
    shift: z.string().min(1).max(16).optional(),
  }),
} as const;
export type ShiftReportArgs = z.infer<typeof kpiSchemas.shiftReport>;

export const eidoSchemas = {
  exportIncident: z
    .strictObject({ incidentId: incidentIdSchema.optional(), number: z.string().min(1).max(40).optional() })
    .refine((args) => (args.incidentId === undefined) !== (args.number === undefined), {
      error: 'name the incident by id or by number',
    }),
} as const;
export type ExportEidoArgs = z.infer<typeof eidoSchemas.exportIncident>;

const reasonText = z.string().trim().min(1).max(500);

export const dispatchSchemas = {
  recommend: z.strictObject({ incidentId: z.string().min(1).max(40) }),
  dispatch: z.strictObject({
    incidentId: z.string().min(1).max(40),
    unitIds: z.array(z.string().min(1).max(40)).min(1).max(50),
    /** A shift lead bends a rule (closed incident, other agency, busy unit): the reason is recorded. */
    override: z.strictObject({ reason: reasonText }).optional(),
  }),
  undo: z.strictObject({
    incidentId: z.string().min(1).max(40),
    unitId: z.string().min(1).max(40),
    reason: reasonText,
  }),
} as const;
export type RecommendArgs = z.infer<typeof dispatchSchemas.recommend>;
export type DispatchArgs = z.infer<typeof dispatchSchemas.dispatch>;
export type UndoDispatchArgs = z.infer<typeof dispatchSchemas.undo>;

// ---- operators and sessions ----

export const signInArgs = z.strictObject({
  operatorId: operatorIdSchema,
  // Any length is checked against the hash: a short wrong password is just a wrong password.
  password: z.string().min(1).max(200),
});
export type SignInArgs = z.input<typeof signInArgs>;

export const sessionSchemas = {
  current: emptyArgs,
  waiting: emptyArgs,
  signIn: signInArgs,
  /** A reloaded or reconnected window takes its session back with the token sign-in gave it. */
  resume: z.strictObject({ token: z.string().min(20).max(100) }),
  signOut: emptyArgs,
  lock: z.strictObject({ reason: z.enum(['idle', 'operator']) }),
  unlock: z.strictObject({ password: z.string().min(1).max(200) }),
  /** The window saw the operator work (keys, mouse) since its last touch: the idle clock restarts. */
  touch: emptyArgs,
  /** A new live profile: the first administrator, created from the sign-in screen, then signed in. */
  createFirstAdministrator: z.strictObject({ operator: operatorDefinitionSchema, password: passwordSchema }),
  /** The outgoing operator's notes for whoever takes the position over next. */
  setHandoverNotes: z.strictObject({ notes: z.string().max(4000) }),
  /** The incoming operator signs in at a window already in use: the summary to acknowledge. */
  beginHandover: signInArgs,
  /** The incoming operator acknowledged the summary: from now on the position is theirs. */
  acceptHandover: z.strictObject({ handoverId: z.string().min(1).max(40) }),
} as const;
export type ResumeSessionArgs = z.infer<typeof sessionSchemas.resume>;
export type LockSessionArgs = z.infer<typeof sessionSchemas.lock>;
export type UnlockSessionArgs = z.infer<typeof sessionSchemas.unlock>;
export type CreateFirstAdministratorArgs = z.input<typeof sessionSchemas.createFirstAdministrator>;
export type HandoverNotesArgs = z.infer<typeof sessionSchemas.setHandoverNotes>;
export type AcceptHandoverArgs = z.infer<typeof sessionSchemas.acceptHandover>;

export const operatorSchemas = {
  list: emptyArgs,
  /** Adds or edits an operator; a new one needs a password. CONFLICT when someone saved a newer version. */
  save: z.strictObject({
    operator: operatorDefinitionSchema,
    password: passwordSchema.optional(),
    expectedVersion: z.number().int().min(0).optional(),
  }),
  setPassword: z.strictObject({ operatorId: operatorIdSchema, password: passwordSchema }),
  setEnabled: z.strictObject({ operatorId: operatorIdSchema, enabled: z.boolean() }),
  /** Lifts a lockout after failed sign-ins. */
  unlock: z.strictObject({ operatorId: operatorIdSchema }),
} as const;
export type SaveOperatorArgs = z.input<typeof operatorSchemas.save>;
export type SetOperatorPasswordArgs = z.input<typeof operatorSchemas.setPassword>;
export type SetOperatorEnabledArgs = z.input<typeof operatorSchemas.setEnabled>;
export type UnlockOperatorArgs = z.input<typeof operatorSchemas.unlock>;

/** A drill scenario by file name: shipped (`resources/drills/`) or the center's own (`<data>/drills/`). */
export const drillLoadArgs = z.strictObject({
  file: z.string().regex(/^[A-Za-z0-9_-]{1,80}\.drill\.json$/, 'a scenario file name such as 01-beginner.drill.json'),
});
export type DrillLoadArgs = z.infer<typeof drillLoadArgs>;
const drillSpeed = z.number().min(0.5, 'speed is ×0.5 to ×4').max(4, 'speed is ×0.5 to ×4');
export const drillStartArgs = z.strictObject({ speed: drillSpeed.default(1) });
export type DrillStartArgs = z.input<typeof drillStartArgs>;
export const drillSpeedArgs = z.strictObject({ speed: drillSpeed });
export type DrillSpeedArgs = z.infer<typeof drillSpeedArgs>;
export const drillInjectArgs = z.strictObject({ injectId: z.string().min(1).max(64) });
export type DrillInjectArgs = z.infer<typeof drillInjectArgs>;
/** A run by its id (the audit seq of its `drill.loaded` row), or the latest. */
export const drillReportArgs = z.strictObject({
  run: z.union([z.number().int().min(1), z.literal('latest')]).default('latest'),
});
export type DrillReportArgs = z.input<typeof drillReportArgs>;

export const drillSchemas = {
  scenarios: emptyArgs,
  load: drillLoadArgs,
  state: emptyArgs,
  start: drillStartArgs,
  pause: emptyArgs,
  resume: emptyArgs,
  setSpeed: drillSpeedArgs,
  fireNow: drillInjectArgs,
  hold: drillInjectArgs,
  release: drillInjectArgs,
  skip: drillInjectArgs,
  report: drillReportArgs,
} as const;
