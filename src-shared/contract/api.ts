import type { Alarm } from '../domain/alarm';
import type { ConflictRecord } from '../domain/conflict';
import type { CallEventType, CallRecord } from '../domain/call';
import type { IncidentEventType, IncidentRecord, IncidentStatus, Priority } from '../domain/incident';
import type { Taxonomy } from '../domain/taxonomy';
import type { RankedUnit, Recommendation } from '../domain/recommendation';
import type { PlanItem } from '../domain/responsePlan';
import type {
  DispatchArgs,
  DrillInjectArgs,
  DrillLoadArgs,
  DrillReportArgs,
  DrillSpeedArgs,
  DrillStartArgs,
  RecommendArgs,
  UndoDispatchArgs,
} from './schemas';
import type { DrillReport } from '../domain/drill/drillReport';
import type { DrillScenarioSummary, DrillState } from '../domain/drill/drillRun';
import type { KpiReport, KpiShifts, ShiftReport } from '../domain/kpi';
import type { EidoDocument } from '../domain/eido';
import type { LocationName } from '../domain/locationNames';
import type { StatusSource, TrailPoint, UnitPosition, UnitRecord, UnitStatus } from '../domain/unit';
import type { DisplayInfo, WindowPlacement } from '../domain/placement';
import type { LinkKind, LinkStatus } from './links';
import type { CallLanguage, OperatorRecord } from '../domain/operator';
import type { DiscoveredPort, PortStatus } from './serial';
import type {
  KpiReportArgs,
  ShiftReportArgs,
  ExportEidoArgs,
  AcknowledgeAlarmArgs,
  AcknowledgeAllAlarmsArgs,
  ResolveAlarmArgs,
  BindDeviceArgs,
  ExportRosterArgs,
  ImportRosterArgs,
  SaveUnitArgs,
  SetUnitStatusArgs,
  TrailArgs,
  UnitHistoryArgs,
  AttachCallArgs,
  CallRefArgs,
  DiscardDraftArgs,
  DuplicatesArgs,
  IntakeDraft,
  LinkIncidentsArgs,
  MergeIncidentsArgs,
  PlaceAtArgs,
  PlaceSearchArgs,
  ReceiveCallArgs,
  ReleaseCallArgs,
  SaveDraftArgs,
  SubmitIntakeArgs,
  AppendIncidentArgs,
  CreateIncidentArgs,
  EmptyArgs,
  GetIncidentArgs,
  Language,
  ListOpenArgs,
  LocalizedText,
  OperatorRole,
  PingArgs,
  Profile,
  SearchIncidentsArgs,
  ActivityArgs,
  OutagesArgs,
  SaveLayoutArgs,
  ResolveConflictArgs,
  SetCallLanguageArgs,
  RecordGuidanceArgs,
  TransferCallArgs,
  SignInArgs,
  ResumeSessionArgs,
  LockSessionArgs,
  UnlockSessionArgs,
  CreateFirstAdministratorArgs,
  HandoverNotesArgs,
  AcceptHandoverArgs,
  SaveOperatorArgs,
  SetOperatorPasswordArgs,
  SetOperatorEnabledArgs,
  UnlockOperatorArgs,
} from './schemas';

/*
 * The one contract between the console host and every window. Each service interface is
 * declared once here; the host implements it (see `Handlers`), the renderer calls it through
 * `RemoteApi`. Channels are `domain.method`; every method takes one argument object whose zod
 * schema lives in schemas.ts and is enforced by `channelSchemas` below.
 */

export interface PingReply {
  readonly echo: string;
  /** Host clock, UTC ms, to show clock skew between a window and the host. */
  readonly hostTime: number;
}

/** Who and where this console is. */
export interface ConsoleInfo {
  readonly center: { readonly code: string; readonly name: LocalizedText };
  readonly consoleCode: string;
  /** `live` unless this host runs a drill or demo profile, which the UI flags loudly. */
  readonly profile: Profile;
  readonly timeZone: string;
  readonly defaultLanguage: Language;
  readonly version: string;
  /** UTC ms the host started. */
  readonly startedAt: number;
}

/** The incident store's health, shown loudly when it cannot be written. */
export interface StorageStatus {
  readonly profile: Profile;
  readonly path: string;
  readonly writable: boolean;
  /** Why writes are refused (failed integrity check, unreadable file), with what to do. */
  readonly problem: string | null;
  /** UTC ms of the newest backup of this profile, if any. */
  readonly lastBackupAt: number | null;
}

/** Host liveness, identity and the state of its outside links. */
export interface SystemApi {
  /** Round trip to the host; answers with the same text and the host time. */
  ping(args: PingArgs): PingReply;
  /** The center, console, operator and profile this host serves. */
  info(args: EmptyArgs): ConsoleInfo;
  /** Current state of every link (broker, serial ports, peers). */
  links(args: EmptyArgs): readonly LinkStatus[];
  /** Whether the incident store accepts writes, and its latest backup. */
  storage(args: EmptyArgs): StorageStatus;
  /** Takes an online backup of this profile now (also taken on the configured schedule). */
  backupNow(args: EmptyArgs): StorageStatus;
  /** Link outages (broker, serial ports, peers) with start and end, newest first; kept in the audit trail. */
  outages(args: OutagesArgs): readonly LinkOutage[];
  /** Everything recorded between two times (events and audit), as a JSON or CSV file; the export is audited. */
  activity(args: ActivityArgs): ActivityExport;
}

/** A period in which a link the room depends on did not work. */
export interface LinkOutage {
  readonly linkId: string;
  readonly kind: LinkKind;
  readonly label: string;
  /** UTC ms the link went down (or started failing to connect after having worked). */
  readonly startedAt: number;
  /** UTC ms it came back; null while the outage lasts. */
  readonly endedAt: number | null;
  /** `recovered`: the link came back; `disabled`: it was switched off; `console-stopped`: the host stopped first. */
  readonly endReason: 'recovered' | 'disabled' | 'console-stopped' | null;
  /** Technical detail of the first failure (broker error, port error). */
  readonly detail: string | null;
}

/** A file the host made for download (outage activity export). */
export interface ActivityExport {
  readonly filename: string;
  readonly mimeType: 'application/json' | 'text/csv';
  readonly text: string;
  readonly events: number;
  readonly actions: number;
}

/** One event in an incident's history, as the timeline view shows it. */
export interface TimelineEntry {
  readonly id: string;
  /** Incident events, and the events of its calls that name it (a caller linked). */
  readonly type: IncidentEventType | CallEventType;
  readonly payload: unknown;
  readonly at: number;
  readonly actor: string;
  readonly consoleId: string;
}

export interface IncidentDetail {
  readonly incident: IncidentRecord;
  /** Every event of the incident, oldest first: the complete history, kept after closing. */
  readonly timeline: readonly TimelineEntry[];
}

export interface SearchHit {
  readonly incidentId: string;
  readonly number: string;
  /** Where the words were found: the incident's own fields or one of its narrative notes. */
  readonly kind: 'incident' | 'note';
  /** The matching text as stored. */
  readonly text: string;
  readonly at: number;
  readonly status: string;
}

/** Incidents: the durable, audited record of every emergency the center handles. */
export interface IncidentApi {
  /** Open incidents, most urgent first (priority, then age); one agency's queue or one status when given. */
  listOpen(args: ListOpenArgs): readonly IncidentRecord[];
  /** One incident with its full timeline. */
  get(args: GetIncidentArgs): IncidentDetail;
  /** Full-text search over numbers, addresses, callers and narratives (Arabic-normalized). */
  search(args: SearchIncidentsArgs): readonly SearchHit[];
  /** Creates an incident (number allocated by the host) and routes it to its agencies. */
  create(args: CreateIncidentArgs): IncidentRecord;
  /** Applies one change; refused with CONFLICT when the incident moved past `expectedVersion`. */
  append(args: AppendIncidentArgs): IncidentRecord;
  /** Marks two incidents as related (both stay open); the reason is kept on both timelines. */
  link(args: LinkIncidentsArgs): IncidentRecord;
  /** Closes a duplicate into the incident it repeats; its callers move over; the reason is kept. */
  merge(args: MergeIncidentsArgs): IncidentRecord;
}

/** A new call is probably about an incident the center already has. */
export interface DuplicateProposal {
  readonly incident: IncidentRecord;
  readonly distanceM: number | null;
  readonly ageMs: number;
  readonly reason: 'nearby' | 'same-caller';
}

/** The call queue: every ring from every source, oldest first. */
export interface CallApi {
  /** Calls waiting or being taken, oldest first. */
  list(args: EmptyArgs): readonly CallRecord[];
  /** Opens a call by hand (F2) or from the demo source; a manual call is answered at once. */
  receive(args: ReceiveCallArgs): CallRecord;
  /** Takes a waiting call: stamps the answer time; CONFLICT when another dispatcher took it first. */
  answer(args: CallRefArgs): CallRecord;
  /** Ends a call without an incident (no emergency, abandoned, misdial). */
  release(args: ReleaseCallArgs): CallRecord;
  /** Open incidents this call is probably about (near, recent, compatible type; or the same caller). */
  duplicates(args: DuplicatesArgs): readonly DuplicateProposal[];
  /** Attaches the call to an existing incident as an additional caller. */
  attach(args: AttachCallArgs): IncidentRecord;
  /** Records the language the caller speaks (shown in the queue, remembered for the number's next call). */
  setLanguage(args: SetCallLanguageArgs): CallRecord;
  /**
   * Records a key question asked (`q2`) or an instruction read (`i1`) of the incident type chosen in
   * the intake: an event of the call, shown on its incident's timeline. Marking one again changes nothing.
   */
  recordGuidance(args: RecordGuidanceArgs): CallRecord;
  /**
   * Center mode, shift lead: sends the call to another position (one whose operator speaks the
   * caller's language). The transfer is an event; the call waits in that position's queue.
   */
  transfer(args: TransferCallArgs): CallRecord;
}

/** Intakes in progress (kept by the host) and their submission as incidents. */
export interface IntakeApi {
  drafts(args: EmptyArgs): readonly IntakeDraft[];
  /** Stores a draft; CONFLICT when another window saved a newer version first. */
  saveDraft(args: SaveDraftArgs): IntakeDraft;
  discardDraft(args: DiscardDraftArgs): { readonly discarded: boolean };
  /**
   * Creates the incident from a complete intake, routes it to every agency its type needs (plus
   * any added), links the call, and discards the draft — all in one transaction.
   */
  submit(args: SubmitIntakeArgs): IncidentRecord;
}

/** The center's incident types, agencies and dispositions (versioned data, editable per center). */
export interface TaxonomyApi {
  get(args: EmptyArgs): Taxonomy;
}

export interface PlaceHit {
  readonly id: string;
  readonly kind: string;
  readonly name: { readonly ar?: string; readonly en?: string; readonly ckb?: string };
  readonly lat: number;
  readonly lon: number;
  /** ISO 3166-2:IQ code of the governorate, when known. */
  readonly governorate?: string;
  /** The areas the place lies in (sub-district, district, governorate): tells same-named villages apart. */
  readonly within?: LocationName;
}

/**
 * The offline gazetteer of Iraq (neighbourhoods, towns and villages, administrative areas, roster
 * stations, operator layers): what a dispatcher types when the caller names a place, and the names
 * of where a point lies.
 */
export interface PlaceApi {
  /** Ranked hits, best first; nearer `near` (else the console's configured area) first among equals. */
  search(args: PlaceSearchArgs): readonly PlaceHit[];
  /** The neighbourhood, sub-district, district and governorate a point lies in (`{}` outside Iraq). */
  at(args: PlaceAtArgs): LocationName;
}

/** Alarms the whole room must see (a unit's emergency button first of all). */
export interface AlarmApi {
  /** Alarms still shown (not yet acknowledged, or a radio emergency not yet resolved), oldest first. */
  list(args: EmptyArgs): readonly Alarm[];
  /** Acknowledges an alarm for every window; recorded with who and when. */
  acknowledge(args: AcknowledgeAlarmArgs): Alarm;
  /** Shift lead or administrator: acknowledges every sounding alarm of the kind; the ones acknowledged. */
  acknowledgeAll(args: AcknowledgeAllAlarmsArgs): readonly Alarm[];
  /** Resolves a shown alarm with a note (the radio emergency is over); it leaves every window. */
  resolve(args: ResolveAlarmArgs): Alarm;
}

/** The serial links (telephony ALI feed, radio gateway, GPS receivers). */
export interface SerialApi {
  /** Every configured port: open or reconnecting, frames and errors, last frame time. */
  status(args: EmptyArgs): readonly PortStatus[];
  /** Serial devices present on this machine, and which configured port uses each. */
  discover(args: EmptyArgs): readonly DiscoveredPort[];
}

/** One status change of a unit, for its history and the KPIs. */
export interface UnitStatusChange {
  readonly unitId: string;
  readonly status: UnitStatus;
  readonly at: number;
  readonly source: StatusSource;
  readonly actor: string;
  readonly incidentId: string | null;
  readonly reason: string | null;
}

export interface RosterImportResult {
  readonly created: number;
  readonly updated: number;
  /** Rows refused, with the line and why; nothing of a refused row is applied. */
  readonly errors: readonly { readonly line: number; readonly message: string }[];
}

/** The units roster and unit statuses (the status machine of domain/unit.ts is enforced here). */
export interface UnitApi {
  /** Every unit in the roster with its current status. */
  list(args: EmptyArgs): readonly UnitRecord[];
  /** A unit's status changes, newest first. */
  history(args: UnitHistoryArgs): readonly UnitStatusChange[];
  /** Adds or edits a roster entry (shift lead or administrator). */
  save(args: SaveUnitArgs): UnitRecord;
  /** Changes a unit's status from the console; illegal transitions are refused with the reason. */
  setStatus(args: SetUnitStatusArgs): UnitRecord;
  importRoster(args: ImportRosterArgs): RosterImportResult;
  exportRoster(args: ExportRosterArgs): { readonly text: string };
}

/** Counters of the AVL feed, for the status view and the log. */
export interface AvlStatus {
  /** `embedded` when this host runs its own broker (no broker configured). */
  readonly broker: { readonly url: string; readonly embedded: boolean };
  readonly connected: boolean;
  /** UTC ms of the last connection state change. */
  readonly since: number;
  readonly lastMessageAt: number | null;
  readonly accepted: number;
  /** Rejected messages by reason (malformed, too-large, unknown-topic, zero-fix, outside-region, impossible-speed, duplicate, out-of-order…). */
  readonly rejected: Readonly<Record<string, number>>;
  readonly unitsLive: number;
  readonly unitsStale: number;
  readonly unitsLost: number;
}

/** A device that reports positions but is bound to no unit: listed for an administrator to bind. */
export interface UnknownDevice {
  readonly deviceId: string;
  readonly format: string;
  readonly topic: string;
  readonly firstSeenAt: number;
  readonly lastSeenAt: number;
  readonly messages: number;
  readonly lastPosition: { readonly lat: number; readonly lon: number } | null;
}

/** Unit positions (AVL over MQTT, NMEA receivers, radio): latest in memory, trail on disk. */
export interface AvlApi {
  /** Every unit's latest position (windows then follow `onUnitPositions`). */
  positions(args: EmptyArgs): readonly UnitPosition[];
  /** A unit's stored (downsampled) trail, oldest first. */
  trail(args: TrailArgs): readonly TrailPoint[];
  status(args: EmptyArgs): AvlStatus;
  unknownDevices(args: EmptyArgs): readonly UnknownDevice[];
  /** Binds a device to a unit (the unit's `deviceId`); its next positions move that unit. */
  bindDevice(args: BindDeviceArgs): UnitRecord;
}

/** The windows of this workstation: which view on which display, at which bounds. */
export interface WorkstationLayout {
  /** Host-assigned; 0 before the first save. */
  readonly version: number;
  readonly updatedAt: number | null;
  readonly windows: readonly WindowPlacement[];
}

export interface LayoutState {
  readonly layout: WorkstationLayout;
  /** The displays the desktop shell last reported; empty when no desktop window runs on this host. */
  readonly displays: readonly DisplayInfo[];
}

/** The workstation layout, saved per workstation (in its data directory) and restored at start. */
export interface LayoutApi {
  get(args: EmptyArgs): LayoutState;
  /** Replaces the layout; CONFLICT when `expectedVersion` is older than the saved one. */
  save(args: SaveLayoutArgs): LayoutState;
}

/** A file made by the host for the window to download (the renderer turns it into a Blob). */
export interface DownloadFile {
  readonly filename: string;
  readonly text: string;
}

/** Response-time KPIs against the NENA and NFPA standards (docs/kpi.md). */
export interface KpiApi {
  /** Percentiles 50/90/95 of every interval and the share meeting each standard, in total and per group. */
  report(args: KpiReportArgs): KpiReport;
  /** The same report as CSV (seconds; UTF-8 with BOM). */
  exportCsv(args: KpiReportArgs): DownloadFile;
  /** The center's shifts and the current and previous shift windows. */
  shifts(args: EmptyArgs): KpiShifts;
  /** One shift's report for printing at handover (the current shift when none is named). */
  shiftReport(args: ShiftReportArgs): ShiftReport;
}

/** Incident exchange with other centers as NENA EIDO JSON (docs/eido.md). */
export interface EidoApi {
  /** One incident (by id or number) as an EIDO document, validated before it leaves; the export is audited. */
  exportIncident(args: ExportEidoArgs): { readonly filename: string; readonly document: EidoDocument };
}

/** The recommendation for one incident: its plan filled with the fastest available units, and alternatives. */
export interface DispatchRecommendation extends Recommendation {
  readonly incidentId: string;
  /** The response plan used (the center's plan for the type and priority, else the taxonomy's). */
  readonly plan: readonly PlanItem[];
  /** UTC ms of the positions the ranking used. */
  readonly computedAt: number;
  /**
   * Set when a priority-1 incident's first arrival would miss its type's response target: the target,
   * the best ETA (null when no unit can be placed), and mutual aid — the nearest available units of
   * other stations that carry the plan's capabilities. Null otherwise.
   */
  readonly responseTarget: ResponseTargetWarning | null;
}

/** A priority-1 incident the recommended units cannot reach within its type's target. */
export interface ResponseTargetWarning {
  readonly targetS: number;
  readonly bestEtaS: number | null;
  readonly mutualAid: readonly RankedUnit[];
}

/** Getting units moving: recommendation, assignment and its undo (docs/eta.md, docs/operator-guide.md "Units and dispatch"). */
export interface DispatchApi {
  /** Available units of the incident's agencies, ranked by ETA, filling the type's response plan. */
  recommend(args: RecommendArgs): DispatchRecommendation;
  /**
   * Assigns units to the incident: each goes to `dispatched` with the incident, the incident's
   * milestones and agencies follow. Refused with CONFLICT for a unit that is not available (or was
   * just taken by another dispatcher), another agency's unit, or a closed incident, unless a shift
   * lead overrides with a reason (FORBIDDEN for other roles).
   */
  dispatch(args: DispatchArgs): IncidentRecord;
  /** Takes one unit's dispatch back, with the reason (kept on the timeline). */
  undo(args: UndoDispatchArgs): IncidentRecord;
}

/** One position of the center as its heartbeat announces it. */
export interface CenterPresence {
  readonly consoleCode: string;
  /** The operator signed in at the position (the name actions are stamped with); empty when nobody is. */
  readonly operator: string;
  /** That operator's first role (`wall` when nobody is signed in). */
  readonly role: OperatorRole;
  /** The languages that operator takes calls in (for a transfer by language). */
  readonly languages?: readonly CallLanguage[];
  /** Whether the position's session is locked (nobody at the keyboard). */
  readonly locked?: boolean;
  readonly profile: Profile;
  /** The last stream sequence that console has applied. */
  readonly appliedSeq: number;
  /** UTC ms of its last heartbeat. */
  readonly at: number;
  readonly online: boolean;
}

/**
 * The center link as the header and the shift lead see it. `standalone`: no center configured.
 * `connected`, `reconnecting` (the link dropped, the console keeps working on its own store), `lost`.
 */
export interface CenterStatus {
  readonly mode: 'standalone' | 'center';
  readonly centerCode: string;
  readonly consoleCode: string;
  readonly link: 'standalone' | 'connecting' | 'connected' | 'reconnecting' | 'lost';
  /** UTC ms of the last link change. */
  readonly since: number;
  readonly servers: readonly string[];
  /** The server this console is connected to, when connected. */
  readonly server: string | null;
  readonly stream: {
    readonly name: string;
    readonly messages: number;
    readonly lastSeq: number;
    readonly bytes: number;
    readonly replicas: number;
    readonly leader: string | null;
  } | null;
  readonly appliedSeq: number;
  /** Stream messages this console has not applied yet (0 when caught up or unknown). */
  readonly lag: number;
  /** Events committed here and not yet acknowledged by the stream. */
  readonly outbox: number;
  /**
   * Calls and units this console took while the center could not confirm it (cut off, no quorum):
   * provisional until the center answers (docs/center.md, "When the network drops").
   */
  readonly provisional: { readonly calls: readonly string[]; readonly units: readonly string[] };
  /** When this console joined from the center's snapshot: up to which sequence, how long it took, its size. */
  readonly joinedFromSnapshot: { readonly streamSeq: number; readonly ms: number; readonly bytes: number } | null;
  /** The last catch-up after (re)connecting: how many events it applied and how long it took. */
  readonly catchUp: { readonly events: number; readonly ms: number; readonly at: number } | null;
  /**
   * The exclusive claims (answering a call, assigning a unit) this console asked the center for since it
   * started: how many the cluster answered, and how long it took (p50/p99 of the last 1,000).
   */
  readonly claims: { readonly answered: number; readonly p50Ms: number; readonly p99Ms: number } | null;
  /** Stream messages refused (invalid, unknown type, another center), by reason. */
  readonly refused: Readonly<Record<string, number>>;
  /** Every position that announced itself, this one included. */
  readonly consoles: readonly CenterPresence[];
  /** Why the link is not up, in the operator's words where possible (technical detail). */
  readonly problem: string | null;
}

/** The center's replicated log (docs/center.md). */
export interface CenterApi {
  status(args: EmptyArgs): CenterStatus;
  /** Conflicts between a provisional action and the center's winner, open ones first. */
  conflicts(args: EmptyArgs): readonly ConflictRecord[];
  /**
   * The shift lead's one-key resolution (shift lead or administrator): keep the winner's, reassign
   * the losing incident, release the unit from the winner's incident, or merge the two incidents.
   * The resolution is an event; releasing and merging are the events they always are.
   */
  resolveConflict(args: ResolveConflictArgs): ConflictRecord;
}

/** The operator signed in at a window, as the window sees them (never a password hash). */
export interface SessionOperator {
  readonly id: string;
  readonly name: { readonly ar: string; readonly latin: string };
  readonly roles: readonly OperatorRole[];
  readonly agencies: readonly string[];
  readonly languages: readonly CallLanguage[];
}

/** A window's session: nobody signed in, an operator at work, or locked (the password unlocks it). */
export interface SessionState {
  readonly state: 'signed-out' | 'active' | 'locked';
  /** Not secret: names the session in `onSessionChanged`. Null when signed out. */
  readonly sessionId: string | null;
  readonly operator: SessionOperator | null;
  readonly signedInAt: number | null;
  readonly lockedAt: number | null;
  /** The window locks after this many minutes without the operator's input. */
  readonly idleLockMinutes: number;
  /** A wall display may show the board without anyone signed in (configuration). */
  readonly wallWithoutSignIn: boolean;
  /** A new live profile with no operator yet: the sign-in screen asks for the first administrator. */
  readonly firstAdministratorNeeded: boolean;
  /** Notes the outgoing operator left for the next one at this position. */
  readonly handoverNotes: string;
}

/** What sign-in gives a window: its session, and the token that takes it back after a reload. */
export interface SignedIn {
  /** Secret: kept by the window for this tab only; refused after the console restarts. */
  readonly token: string;
  readonly session: SessionState;
}

/** What a locked or signed-out screen may show: that calls wait and an alarm is up, never who calls. */
export interface WaitingSummary {
  readonly callsWaiting: number;
  readonly alarmsSounding: number;
  /** The highest severity among the sounding alarms. */
  readonly highestSeverity: 'emergency' | 'warning' | null;
}

/** The position as the incoming operator takes it over (shift handover). */
export interface HandoverSummary {
  /** Acknowledge with this (valid for a few minutes). */
  readonly handoverId: string;
  readonly incoming: SessionOperator;
  /** Who is handing over (null when nobody was signed in). */
  readonly outgoing: { readonly id: string; readonly name: string } | null;
  /** Open incidents of the incoming operator's agencies (all open incidents when they have none). */
  readonly openIncidents: readonly {
    readonly id: string;
    readonly number: string;
    readonly typeCode: string;
    readonly priority: Priority;
    readonly status: IncidentStatus;
  }[];
  /** Units committed to an incident (not available, not out of service). */
  readonly unitsCommitted: readonly {
    readonly unitId: string;
    readonly callsign: string;
    readonly status: UnitStatus;
    readonly incidentId: string | null;
  }[];
  /** Alarms nobody has acknowledged yet. */
  readonly alarms: readonly Alarm[];
  readonly notes: string;
}

/** Signing in and out at a window, the session lock, and the shift handover (docs/operator-guide.md). */
export interface SessionApi {
  /** This window's session. */
  current(args: EmptyArgs): SessionState;
  /** Calls waiting and alarms sounding: counts only, for a locked or signed-out screen. */
  waiting(args: EmptyArgs): WaitingSummary;
  /** Signs the operator in at this window; refused (and audited) for a wrong password, a disabled or locked-out operator. */
  signIn(args: SignInArgs): SignedIn;
  /** A reloaded window takes its session back; refused after a restart (sessions live in the console's memory). */
  resume(args: ResumeSessionArgs): SessionState;
  signOut(args: EmptyArgs): SessionState;
  /** Locks the session (idle, or the operator stepping away); every window of the session shows the lock. */
  lock(args: LockSessionArgs): SessionState;
  /** Unlocks with the signed-in operator's password. */
  unlock(args: UnlockSessionArgs): SessionState;
  /** The operator is working: restarts the idle clock. */
  touch(args: EmptyArgs): SessionState;
  /** Only while the roster is empty: creates the first administrator and signs them in. */
  createFirstAdministrator(args: CreateFirstAdministratorArgs): SignedIn;
  /** The outgoing operator's notes for the next one at this position. */
  setHandoverNotes(args: HandoverNotesArgs): SessionState;
  /** The incoming operator's credentials: the summary of what they take over (nothing changes yet). */
  beginHandover(args: SignInArgs): HandoverSummary;
  /** The incoming operator acknowledged the summary: the handover is an event, the position is theirs. */
  acceptHandover(args: AcceptHandoverArgs): SignedIn;
}

/** The operators roster (administrators edit it; docs/cli.md `nida operators` does the same). */
export interface OperatorApi {
  list(args: EmptyArgs): readonly OperatorRecord[];
  save(args: SaveOperatorArgs): OperatorRecord;
  setPassword(args: SetOperatorPasswordArgs): OperatorRecord;
  setEnabled(args: SetOperatorEnabledArgs): OperatorRecord;
  unlock(args: UnlockOperatorArgs): OperatorRecord;
}

/**
 * Drills (docs/drills.md), on a drill console only (elsewhere every call answers UNAVAILABLE): the
 * trainer loads a scenario, starts it, pauses, changes speed, and fires, holds, releases or skips
 * injects. Every action is audited.
 */
export interface DrillApi {
  scenarios(args: EmptyArgs): readonly DrillScenarioSummary[];
  load(args: DrillLoadArgs): DrillState;
  state(args: EmptyArgs): DrillState | null;
  start(args: DrillStartArgs): DrillState;
  pause(args: EmptyArgs): DrillState;
  resume(args: EmptyArgs): DrillState;
  setSpeed(args: DrillSpeedArgs): DrillState;
  fireNow(args: DrillInjectArgs): DrillState;
  hold(args: DrillInjectArgs): DrillState;
  release(args: DrillInjectArgs): DrillState;
  skip(args: DrillInjectArgs): DrillState;
  /**
   * A run's report (per seat and for the drill: objectives, every rule with value, threshold and
   * source, a strip per call, answer shares, the controller's actions), read from this console's
   * records; a run still going is scored as of now. NOT_FOUND: no such run, or its scenario is gone.
   */
  report(args: DrillReportArgs): DrillReport;
}

/** Every service, by domain. A channel is `${domain}.${method}`. */
export interface Api {
  session: SessionApi;
  operator: OperatorApi;
  system: SystemApi;
  incident: IncidentApi;
  call: CallApi;
  intake: IntakeApi;
  taxonomy: TaxonomyApi;
  place: PlaceApi;
  alarm: AlarmApi;
  serial: SerialApi;
  unit: UnitApi;
  avl: AvlApi;
  dispatch: DispatchApi;
  kpi: KpiApi;
  eido: EidoApi;
  layout: LayoutApi;
  center: CenterApi;
  drill: DrillApi;
}

export type Domain = keyof Api;

type Method = (args: never) => unknown;

/** The argument type of a contract method. */
export type ArgsOf<F> = F extends (args: infer A) => unknown ? A : never;
/** The result type of a contract method. */
export type ReturnOf<F> = F extends (args: never) => infer R ? Awaited<R> : never;

/** The renderer's view of a service: every method returns a Promise. */
export type Remote<T> = {
  readonly [K in keyof T]: T[K] extends Method ? (args: ArgsOf<T[K]>) => Promise<ReturnOf<T[K]>> : never;
};

export type RemoteApi = { readonly [D in Domain]: Remote<Api[D]> };

/** The operator a call acts for, as the host's dispatcher found them from the window's session. */
export interface ActingOperator {
  readonly id: string;
  readonly roles: readonly OperatorRole[];
  readonly agencies: readonly string[];
  readonly sessionId: string;
}

/**
 * Who is calling: passed to every handler for audit and permission checks. Transports name the
 * connection; the dispatcher stamps `actor` and `operator` from the window's session before a
 * service runs. `internal` calls are the host's own automation (demo fleet, tools in the same
 * process): they carry their own actor and no operator, and no role applies to them.
 */
export interface CallContext {
  /** Connection that made the call (one per window or tab). */
  readonly clientId: string;
  readonly transport: 'ipc' | 'websocket' | 'internal';
  /** The name every event and audit row of this call is stamped with. */
  readonly actor: string;
  /** Set by the dispatcher for a window's call: the signed-in operator. */
  readonly operator?: ActingOperator;
}

/** What the host implements for a service: the contract method plus the caller's context. */
export type Handlers<T> = {
  readonly [K in keyof T]: T[K] extends Method
    ? (args: ArgsOf<T[K]>, context: CallContext) => ReturnOf<T[K]> | Promise<ReturnOf<T[K]>>
    : never;
};

export type HostHandlers = { readonly [D in Domain]: Handlers<Api[D]> };

export type Channel = { [D in Domain]: `${D}.${keyof Api[D] & string}` }[Domain];
