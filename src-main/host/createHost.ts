import { basename, isAbsolute, resolve } from 'node:path';
import { privateDirectory, restrictNewFiles } from '../services/runtime/privateFiles';
import type { CallContext, HostHandlers, StorageStatus, WaitingSummary } from '../../src-shared/contract/api';
import { isAlarmSounding } from '../../src-shared/domain/alarm';
import {
  createOperatorService,
  type OperatorService,
  type OperatorServiceDeps,
} from '../services/operators/operatorService';
import {
  createSessionService,
  type HandoverContents,
  type PositionOperator,
} from '../services/operators/sessionService';
import { scryptOfCost, type ScryptParams } from '../services/operators/passwords';
import { AppError, type Result } from '../../src-shared/contract/errors';
import { passwordCostOf, type HostConfig } from '../config/config';
import { createIncidentService } from '../services/incidents/incidentService';
import { createIntakeServices, type IntakeServices } from '../services/intake/intakeService';
import { createAlarmService, type AlarmService } from '../services/alarms/alarmService';
import { createPlaceService } from '../services/places/placeService';
import { extraPlaceFiles } from '../services/places/streetPlaces';
import { createSearchVocabulary } from '../services/places/searchVocabulary';
import { startSerialService } from '../services/serial/serialService';
import { createDrillLines, type DrillLines } from '../services/drill/drillLines';
import { createDrillHandlers } from '../services/drill/drillApi';
import { createDrillService, type DrillService } from '../services/drill/drillService';
import { buildDrillTimeline, findDrillRun } from '../services/drill/drillTimeline';
import { ruleHasFailed, scoreDrill } from '../../src-shared/domain/drill/scoring';
import { loadRadioStatusMap } from '../services/units/radioStatus';
import { createTaxonomyService, loadTaxonomy } from '../services/taxonomy/taxonomyService';
import { backupDir, backupStore, databasePath, latestBackup } from '../services/store/backups';
import { Store, type CommittedChanges } from '../services/store/store';
import { startCenterService, type CenterService } from '../services/center/centerService';
import { standaloneClaims } from '../services/center/claims';
import { createConflictService } from '../services/center/conflictService';
import type { CenterStatus } from '../../src-shared/contract/api';
import { createSystemService } from '../services/system/systemService';
import { createUnitService, type UnitService } from '../services/units/unitService';
import { createDispatchService, loadResponsePlans } from '../services/dispatch/dispatchService';
import type { ResponsePlans } from '../../src-shared/domain/responsePlan';
import { createKpiService } from '../services/kpi/kpiService';
import { createEidoService } from '../services/eido/eidoService';
import { loadGovernoratePlaces } from '../services/kpi/governorates';
import { createTimerService, type TimerService } from '../services/timers/timerService';
import { startAvlService, type AvlService } from '../services/avl/avlService';
import { systemClock, type Clock } from '../services/runtime/clock';
import { createDispatcher } from './dispatcher';
import { EventBus, type EventListener } from './eventBus';
import { LinkRegistry } from '../services/runtime/linkRegistry';
import { checkStreetBasemap } from '../services/runtime/streetBasemapFile';
import { silentLogger, type Logger } from '../services/runtime/logger';
import { acquireProfileLock } from './profileLock';
import { backgroundPause } from './backgroundPause';
import { createLayoutService, type LayoutService } from '../services/layout/layoutService';
import { createOutageLog } from '../services/outage/outageLog';

/** A catch-up's windows reload once it has paused this long… */
const RELOAD_QUIET_MS = 300;
/** …or at least this often while it lasts. */
const RELOAD_MAX_WAIT_MS = 3_000;
/** How long the gazetteer's background load waits for a center catch-up at most. */
const CATCH_UP_BEFORE_PLACES_MS = 60_000;

export interface HostDependencies {
  readonly clock?: Clock;
  readonly logger?: Logger;
  /** better-sqlite3 compiled for Electron's ABI, when the host runs inside Electron. */
  readonly sqliteNativeBinding?: string;
  /**
   * Milliseconds between evaluations of the room's clocks (timers.ts). Default 1 s; 0 when a clock
   * is injected, since a test that drives time also drives the ticks (`host.timers.tick()`).
   */
  readonly timerIntervalMs?: number;
  /** scrypt parameters of new password hashes, over the configured `signIn.passwordCost` (unit tests pass cheap ones). */
  readonly kdf?: ScryptParams;
  /**
   * Loads the street-level gazetteer in the background right after start, so that the first place
   * search does not wait for it. Default: yes, unless a clock is injected (tests load it on first use).
   */
  readonly warmPlaces?: boolean;
}

/** The console host: every service, one dispatcher, one event fan-out. Transports sit on top. */
export interface Host {
  readonly config: HostConfig;
  readonly logger: Logger;
  /** The host's time source (injected in tests); every timestamp a client sees comes from it. */
  readonly clock: Clock;
  /** Validates and routes one `domain.method` call. Never throws. */
  dispatch(channel: string, args: unknown, context: CallContext): Promise<Result<unknown>>;
  /**
   * Every host event, for one connected client; returns the unsubscribe function. With the client's
   * id, a window without an unlocked session gets only the public events (contract/events.ts).
   */
  subscribe(listener: EventListener, clientId?: string): () => void;
  /** A window's connection closed: its session no longer counts it. */
  disconnect(clientId: string): void;
  /** The operators roster, for the command line, the demo and tests in the same process. */
  readonly operators: Pick<OperatorService, 'save' | 'setPassword' | 'setEnabled' | 'unlock' | 'list' | 'get'>;
  readonly links: LinkRegistry;
  readonly store: Store;
  /** The path every call source takes into the queue (telephony, AML, demo, manual). */
  readonly intake: Pick<IntakeServices, 'receiveCall'>;
  /** Raises an alarm in every window (the radio gateway's emergency button). */
  readonly alarms: Pick<AlarmService, 'raise'>;
  /** The room's clocks (unassigned P1, unit en route or on scene too long, call waiting): evaluate now. */
  readonly timers: Pick<TimerService, 'tick'>;
  /** Unit positions: `ingest` for NMEA receivers and the radio gateway bound to a unit; the AVL broker URL. */
  readonly avl: Pick<AvlService, 'ingest' | 'brokerUrl' | 'trackerAccount' | 'whenConnected' | 'status'>;
  /**
   * The units roster and status machine for other services: device and radio look-ups (memory),
   * device binding, status changes from radio/MDT/system (the assigned incident's milestones follow).
   */
  readonly units: Pick<
    UnitService,
    | 'list'
    | 'get'
    | 'byRadioId'
    | 'byDeviceId'
    | 'unitIdForDevice'
    | 'bindDevice'
    | 'applyStatus'
    | 'applyDeviceStatus'
    | 'applyRadioStatus'
    | 'seedRoster'
  >;
  /** Takes an online backup now (also runs on the configured schedule). */
  backupNow(): Promise<string>;
  /** The workstation layout, for the desktop shell (which reads displays and places windows). */
  readonly layout: Pick<LayoutService, 'current' | 'reportDisplays' | 'save'>;
  /** Center mode: the replicated log (status, catching up, publishing now); null when standalone. */
  readonly center: Pick<
    CenterService,
    'status' | 'whenCaughtUp' | 'flush' | 'takeSnapshot' | 'announcePresence'
  > | null;
  /** The drill's scripted telephony and radio lines (`demo:drill` ports); null outside the drill profile. */
  readonly drillLines: DrillLines | null;
  /** The drill service (refuses outside the drill profile): `tick` for tests that drive the clock. */
  readonly drill: Pick<DrillService, 'tick' | 'state' | 'stoppedBetween'>;
  /** Stops every service and releases every resource. Safe to call twice. */
  dispose(): Promise<void>;
}

/**
 * The configured street basemap, checked once at start: a file that is missing, unreadable or
 * neither PMTiles nor MBTiles is named in the log and in the header's links (the map goes without).
 */
function reportStreetBasemap(config: HostConfig, links: LinkRegistry, logger: Logger): void {
  const configured = config.map.streetBasemap;
  if (configured === null) return;
  const path = isAbsolute(configured) ? configured : resolve(config.dataDir, configured);
  const check = checkStreetBasemap(path);
  if (check.ok) {
    links.report('map:street', 'map', basename(path), 'up');
    return;
  }
  logger.error({ path }, `street basemap not used: ${check.problem}`);
  links.report('map:street', 'map', basename(path), 'down', check.problem);
}

/** The composition root: the only place that knows how services are wired together. */
export function createHost(config: HostConfig, dependencies: HostDependencies = {}): Host {
  const clock = dependencies.clock ?? systemClock;
  const logger = dependencies.logger ?? silentLogger();
  restrictNewFiles();
  const narrowed = privateDirectory(config.dataDir);
  if (narrowed !== null) logger.warn({ dataDir: config.dataDir }, `data directory narrowed: ${narrowed}`);
  const releaseLock = acquireProfileLock(config.dataDir, config.profile);

  const bus = new EventBus(logger);
  const links = new LinkRegistry(clock, (status) => bus.publish('onLinkStatus', status));
  links.report('host', 'host', config.consoleCode, 'up');
  reportStreetBasemap(config, links, logger);

  let store: Store | undefined;
  const centerMode = config.center.servers.length > 0;
  let taxonomy: ReturnType<typeof loadTaxonomy>['taxonomy'];
  let responsePlans: ResponsePlans;
  let places: ReturnType<typeof createPlaceService>;
  try {
    taxonomy = loadTaxonomy(config.dataDir, config.resourcesDir).taxonomy;
    responsePlans = loadResponsePlans(config.dataDir, config.resourcesDir, taxonomy);
    places = createPlaceService({
      resourcesDir: config.resourcesDir,
      dataDir: config.dataDir,
      // The street basemap's points of interest (nida map import) are searchable too.
      layers: [...config.gisLayers, ...extraPlaceFiles(config)],
      area: config.places.area,
      logger: logger.child({ service: 'places' }),
    });
    store = Store.open({
      path: databasePath(config.dataDir, config.profile),
      centerCode: config.center.code,
      consoleCode: config.consoleCode,
      timeZone: config.timeZone,
      profile: config.profile,
      clock,
      logger: logger.child({ service: 'store' }),
      durability: config.storage.durability,
      backupDir: backupDir(config.dataDir, config.profile),
      latestBackup: () => latestBackup(config.dataDir, config.profile)?.path ?? null,
      ...(dependencies.sqliteNativeBinding !== undefined && { nativeBinding: dependencies.sqliteNativeBinding }),
      // Incidents are found by their type's names and the names of where they are, too.
      searchVocabulary: createSearchVocabulary(taxonomy, places),
      // Every incident location is named when it is set (neighbourhood, sub-district, district, governorate).
      nameLocation: places.nameLocation,
    });
    // Center mode binds the database to its center (a database of another center is refused here).
    if (centerMode && store.status.writable) {
      const joined = store.joinCenter(config.center.code);
      if (joined.joined)
        logger.info({ center: config.center.code, queued: joined.queued }, 'joined the center; local records queued');
    }
  } catch (error) {
    store?.close();
    releaseLock();
    throw error;
  }

  const storageStatus = (): StorageStatus => ({
    profile: config.profile,
    path: store.status.path,
    writable: store.status.writable,
    problem: store.status.problem,
    lastBackupAt: latestBackup(config.dataDir, config.profile)?.takenAt ?? null,
  });

  const backupNow = async (): Promise<string> => {
    if (!store.status.writable)
      throw new AppError('STORAGE', `no backup of a damaged store: ${store.status.problem ?? ''}`);
    const backup = await backupStore(store, {
      dataDir: config.dataDir,
      profile: config.profile,
      now: clock.now(),
      keep: config.storage.backupsKept,
    });
    logger.info({ path: backup.path, bytes: backup.bytes }, 'backup taken');
    bus.publish('onStorageStatus', storageStatus());
    return backup.path;
  };

  // The one way incident, call and unit changes reach the windows: what each committed store
  // transaction changed (this console's writes, and in center mode the replicated ones).
  // A catch-up applies thousands of records: the windows are told once, when it pauses (or every
  // few seconds while it lasts), to reload their lists, rather than sent every record.
  let bulkEvents = 0;
  let bulkSince = 0;
  let reloadTimer: NodeJS.Timeout | null = null;
  const announceReload = (): void => {
    reloadTimer = null;
    bus.publish('onRecordsReloaded', { events: bulkEvents });
    bulkEvents = 0;
  };
  const announceBulk = (changes: CommittedChanges): void => {
    if (bulkEvents === 0) bulkSince = Date.now();
    bulkEvents += changes.incidents.length + changes.calls.length + changes.units.length + changes.alarms.length;
    if (reloadTimer) clearTimeout(reloadTimer);
    const waited = Date.now() - bulkSince;
    reloadTimer = setTimeout(announceReload, waited >= RELOAD_MAX_WAIT_MS ? 0 : RELOAD_QUIET_MS);
  };
  const announceCommit = (changes: CommittedChanges): void => {
    if (changes.bulk) {
      announceBulk(changes);
      return;
    }
    for (const unitId of changes.units) {
      const unit = units.get(unitId);
      if (unit) bus.publish('onUnitChanged', unit);
    }
    for (const callId of changes.calls) {
      const call = store.getCall(callId);
      if (call) bus.publish('onCallChanged', call);
    }
    for (const incidentId of changes.incidents) {
      const incident = store.getIncident(incidentId);
      if (incident) bus.publish('onIncidentChanged', incident);
    }
    for (const alarmId of changes.alarms) {
      const alarm = store.getAlarm(alarmId);
      if (alarm) bus.publish('onAlarm', alarm);
    }
    for (const conflictId of changes.conflicts) {
      const conflict = store.getConflict(conflictId);
      if (conflict) bus.publish('onConflict', conflict);
    }
  };

  if (config.operator.role !== undefined)
    logger.warn(
      { role: config.operator.role },
      'operator.role in nida.config.json is ignored: operators sign in with their own roles (nida operators)',
    );
  const systemActor = `console:${config.consoleCode}`;
  const recordAction: OperatorServiceDeps['recordAction'] = (action) => {
    if (store.status.writable) store.recordAction(action);
  };
  const operators = createOperatorService({
    store,
    clock,
    logger: logger.child({ service: 'operators' }),
    recordAction,
    systemActor,
    lockout: {
      maxFailures: config.signIn.maxFailures,
      windowMs: config.signIn.lockoutMinutes * 60_000,
      lockoutMs: config.signIn.lockoutMinutes * 60_000,
    },
    knownAgencies: taxonomy.agencies.map((agency) => agency.code),
    kdf: dependencies.kdf ?? scryptOfCost(passwordCostOf(config)),
  });
  // Set once the sessions exist: the center's heartbeat names who is signed in here.
  let positionOperator: () => PositionOperator | null = () => null;

  // Center mode: the replicated log and the center-wide claims; standalone: every claim is granted.
  const center = centerMode
    ? startCenterService({
        config: config.center,
        centerCode: config.center.code,
        consoleCode: config.consoleCode,
        profile: config.profile,
        dataDir: config.dataDir,
        store,
        clock,
        logger: logger.child({ service: 'center' }),
        links,
        operator: () => positionOperator(),
        publish: (name, payload) => bus.publish(name, payload),
      })
    : null;
  const claims = center?.claims ?? standaloneClaims;

  const intake = createIntakeServices({
    store,
    taxonomy,
    config,
    clock,
    claims,
    publish: (name, payload) => bus.publish(name, payload),
    ...(center && { onlinePositions: () => center.onlinePositions() }),
  });

  const alarms = createAlarmService({
    store,
    clock,
    logger: logger.child({ service: 'alarms' }),
    consoleActor: systemActor,
    publish: (name, payload) => bus.publish(name, payload),
  });

  // The units service registers its commit listener first, so its roster caches are current
  // when the host announces the same commit to the windows (below).
  const units = createUnitService({
    store,
    taxonomy,
    logger: logger.child({ service: 'units' }),
    claims,
    consoleCode: config.consoleCode,
  });
  const stopAnnouncingCommits = store.onCommit((changes) => announceCommit(changes));
  // The roster's stations are searchable places, and follow the roster.
  places.rosterChanged(units.list(), () => units.list());
  const stopFollowingStations = units.onChanged((changed) => places.rosterChanged(changed, () => units.list()));

  // AVL finds each device's unit in the roster (memory look-up) and binds devices through it.
  const avl = startAvlService({
    // A drill keeps every unit's position each second, unpruned, for its after-action replay.
    config:
      config.profile === 'drill'
        ? { ...config.avl, trail: { minIntervalSeconds: 1, minDistanceM: 1, retentionDays: 3650 } }
        : config.avl,
    dataDir: config.dataDir,
    centerCode: config.center.code,
    consoleCode: config.consoleCode,
    clock,
    logger: logger.child({ service: 'avl' }),
    links,
    store,
    units,
    publish: (name, payload) => bus.publish(name, payload),
  });

  // Recommendations rank from AVL's latest positions and follow the roster's changes.
  const dispatchService = createDispatchService({
    store,
    units,
    positions: avl,
    taxonomy,
    plans: responsePlans,
    recordAction,
    clock,
    logger: logger.child({ service: 'dispatch' }),
  });

  // Only a drill console has lines a drill runner plays; nothing else can write to them.
  const drillLines = config.profile === 'drill' ? createDrillLines() : null;
  const serial = startSerialService({
    config,
    ...(drillLines && { drillLines }),
    store,
    clock,
    logger: logger.child({ service: 'serial' }),
    links,
    intake,
    alarms,
    units,
    positions: avl,
  });

  // Every link state change goes to the audit trail with its time: the shift lead's outage log.
  const outageLog = createOutageLog({
    queries: () => store.queries,
    clock,
    logger: logger.child({ service: 'outages' }),
    consoleCode: config.consoleCode,
    writable: () => store.status.writable,
    recordAction: (action) => store.recordAction(action),
  });
  const stopOutageLog = links.onStateChange((status, previous) => outageLog.recordLinkState(status, previous));
  const layout = createLayoutService({
    dataDir: config.dataDir,
    clock,
    logger: logger.child({ service: 'layout' }),
    recordAction: (action) => {
      if (store.status.writable) store.recordAction(action);
    },
    publish: (name, payload) => bus.publish(name, payload),
  });

  // Drills: on a drill console only (the service refuses every other profile). The states injects
  // wait on are read from the records as their events go out.
  const drill = createDrillService({
    profile: config.profile,
    lines: drillLines,
    clock,
    logger: logger.child({ service: 'drill' }),
    statusMap: () => loadRadioStatusMap(config.dataDir, config.resourcesDir),
    recordAction: (action) => store.recordAction(action),
    units: {
      get: (unitId) => units.get(unitId),
      applyStatus: (unitId, status, source, actor) => units.applyStatus(unitId, status, source, actor),
    },
    onChange: (state) => bus.publish('onDrillChanged', state),
    // Contingencies (`if: { ruleFailed }`): the run so far, read back from the store and scored as of now.
    ruleFailed: (rule, injectId, seconds) => {
      const scenario = drill.scenario();
      const run = findDrillRun(store.drillRecords, 'latest');
      if (scenario === null || run === null) return false;
      const { timeline } = buildDrillTimeline(store.drillRecords, scenario, run);
      return ruleHasFailed(scoreDrill({ scenario, taxonomy, timeline, asOfSeconds: seconds }), rule, injectId);
    },
  });
  const stopObservingDrill =
    drillLines === null
      ? () => undefined
      : bus.subscribe((event) => {
          if (event.name === 'onCallChanged') drill.observeCall(event.payload);
          else if (event.name === 'onIncidentChanged') drill.observeIncident(event.payload);
          else if (event.name === 'onAlarm') drill.observeAlarm(event.payload);
        });

  const kpi = createKpiService({
    store,
    clock,
    logger: logger.child({ service: 'kpi' }),
    timeZone: config.timeZone,
    shifts: config.kpi.shifts,
    governorates: loadGovernoratePlaces(config.resourcesDir, logger),
    districts: {
      of: (point) => places.nameLocation(point).district?.code ?? null,
      names: () => places.areas('district'),
    },
  });
  const eido = createEidoService({
    store,
    taxonomy,
    center: {
      code: config.center.code,
      name: config.center.name[config.defaultLanguage],
      consoleCode: config.consoleCode,
    },
    language: config.defaultLanguage,
    timeZone: config.timeZone,
    units,
    now: () => clock.now(),
  });

  const incidents = createIncidentService({
    store,
    clearUnits: (incidentId, actor, reason) => units.clearFromIncident(incidentId, actor, reason),
  });
  // What a locked or signed-out screen may show: counts and severity, no caller data.
  const waitingSummary = (): WaitingSummary => {
    const sounding = alarms.active().filter(isAlarmSounding);
    return {
      callsWaiting: store.listActiveCalls(5000).filter((call) => call.status === 'waiting').length,
      alarmsSounding: sounding.length,
      highestSeverity: sounding.some((alarm) => alarm.severity === 'emergency')
        ? 'emergency'
        : sounding.length > 0
          ? 'warning'
          : null,
    };
  };
  let lastWaiting = '';
  const announceWaiting = (): void => {
    let summary: WaitingSummary;
    try {
      summary = waitingSummary();
    } catch (error) {
      logger.warn({ err: error }, 'waiting summary not computed');
      return;
    }
    const key = JSON.stringify(summary);
    if (key === lastWaiting) return;
    lastWaiting = key;
    bus.publish('onWaitingSummary', summary);
  };
  const stopAnnouncingWaiting = store.onCommit((changes) => {
    if (changes.bulk || changes.calls.length > 0 || changes.alarms.length > 0) announceWaiting();
  });
  const stopAnnouncingOperators = store.onCommit((changes) => {
    for (const operatorId of changes.operators) {
      const operator = store.getOperator(operatorId);
      if (operator) bus.publish('onOperatorChanged', operator);
    }
  });

  const handoverContents = (agencies: readonly string[]): HandoverContents => {
    const mine = (incidentAgencies: readonly string[]): boolean =>
      agencies.length === 0 || incidentAgencies.some((agency) => agencies.includes(agency));
    return {
      openIncidents: store
        .listOpen({ limit: 5000 })
        .filter((incident) => mine(incident.agencies.map((entry) => entry.agency)))
        .map((incident) => ({
          id: incident.id,
          number: incident.number,
          typeCode: incident.typeCode,
          priority: incident.priority,
          status: incident.status,
        })),
      unitsCommitted: units
        .list()
        .filter((unit) => unit.incidentId !== null && (agencies.length === 0 || agencies.includes(unit.agency)))
        .map((unit) => ({
          unitId: unit.id,
          callsign: unit.callsign,
          status: unit.status,
          incidentId: unit.incidentId,
        })),
      alarms: alarms.active().filter(isAlarmSounding),
    };
  };

  const sessions = createSessionService({
    config: {
      consoleCode: config.consoleCode,
      idleLockMinutes: config.signIn.idleLockMinutes,
      lockExpiresMinutes: config.signIn.lockExpiresMinutes,
      wallWithoutSignIn: config.signIn.wallWithoutSignIn,
    },
    store,
    operators,
    clock,
    logger: logger.child({ service: 'sessions' }),
    recordAction,
    publish: (name, payload) => bus.publish(name, payload),
    waiting: waitingSummary,
    handoverContents,
    onPositionChanged: () => center?.announcePresence(),
  });
  positionOperator = () => sessions.positionOperator();

  const handlers: HostHandlers = {
    session: sessions.handlers,
    operator: operators.handlers,
    system: createSystemService({ config, clock, links, storage: storageStatus, backupNow, outages: outageLog })
      .handlers,
    layout: layout.handlers,
    incident: incidents.handlers,
    call: intake.handlers.call,
    intake: intake.handlers.intake,
    taxonomy: createTaxonomyService(taxonomy).handlers,
    place: places.handlers,
    alarm: alarms.handlers,
    serial: serial.handlers,
    kpi: kpi.handlers,
    eido: eido.handlers,
    unit: units.handlers,
    dispatch: dispatchService.handlers,
    avl: avl.handlers,
    center: {
      status: center?.handlers.status ?? (() => standaloneCenterStatus(config, clock.now())),
      ...createConflictService({ store, units, mergeIncidents: incidents.merge }).handlers,
    },
    drill: createDrillHandlers({
      service: drill,
      dataDir: config.dataDir,
      resourcesDir: config.resourcesDir,
      taxonomy,
      records: () => store.drillRecords,
    }),
  };
  const dispatch = createDispatcher(handlers, sessions, logger);
  const disposers: (() => Promise<void> | void)[] = [
    stopAnnouncingCommits,
    stopObservingDrill,
    () => drill.dispose(),
    stopAnnouncingWaiting,
    stopAnnouncingOperators,
    stopFollowingStations,
    () => units.dispose(),
    () => dispatchService.dispose(),
    () => serial.dispose(),
    () => center?.dispose(),
    () => {
      if (reloadTimer) clearTimeout(reloadTimer);
    },
  ];
  const timers = createTimerService({
    store,
    clock,
    logger: logger.child({ service: 'timers' }),
    thresholds: config.timers,
    units,
    alarms,
    intervalMs: dependencies.timerIntervalMs ?? (dependencies.clock ? 0 : 1_000),
    // A paused drill stops the room's clocks too: waiting and unassigned times leave the pause out.
    ...(drillLines && { stoppedBetween: (from: number, to: number) => drill.stoppedBetween(from, to) }),
  });
  disposers.push(() => timers.dispose());
  disposers.push(() => avl.dispose());

  if (config.storage.backupIntervalMinutes > 0 && store.status.writable) {
    const timer = setInterval(() => {
      backupNow().catch((error: unknown) => logger.error({ err: error }, 'scheduled backup failed'));
    }, config.storage.backupIntervalMinutes * 60_000);
    timer.unref();
    disposers.push(() => clearInterval(timer));
  }
  if (!store.status.writable) logger.error({ problem: store.status.problem }, 'store refuses writes');

  let disposed = false;
  logger.info({ center: config.center.code, console: config.consoleCode, profile: config.profile }, 'host started');
  if (dependencies.warmPlaces ?? dependencies.clock === undefined) {
    // In steps between which the host answers: a console that starts (or restarts mid-shift) takes
    // its calls at once instead of after a second of indexing 21,000 places.
    let warmingStopped = false;
    // A console catching up with its center applies that first (the room's picture before place
    // search); the index loads meanwhile only if a search needs it, or once the wait runs out.
    const pause = backgroundPause({
      stopped: () => warmingStopped,
      busy: () => center?.catchingUp() === true,
      busyWaitMs: CATCH_UP_BEFORE_PLACES_MS,
    });
    places.warmGradually(pause).catch((error: unknown) => {
      if (!warmingStopped) logger.error({ err: error }, 'could not load the gazetteer');
    });
    disposers.push(() => {
      warmingStopped = true;
    });
  }
  // Who worked this console, and when: the session is the first security-relevant action.
  const recordSession = (action: 'session.start' | 'session.stop'): void => {
    if (!store.status.writable) return;
    try {
      store.recordAction({
        actor: systemActor,
        action,
        subject: `console:${config.consoleCode}`,
        details: { version: config.version, profile: config.profile },
      });
    } catch (error) {
      logger.error({ err: error, action }, 'could not audit the session');
    }
  };
  recordSession('session.start');

  return {
    config,
    logger,
    clock,
    dispatch,
    subscribe: (listener, clientId) =>
      bus.subscribe(
        clientId === undefined
          ? listener
          : (event) => {
              if (sessions.mayReceive(clientId, event.name)) listener(event);
            },
      ),
    disconnect: (clientId) => sessions.disconnect(clientId),
    operators,
    links,
    store,
    intake: { receiveCall: intake.receiveCall },
    alarms: { raise: (alarm) => alarms.raise(alarm) },
    timers: { tick: () => timers.tick() },
    avl: {
      ingest: avl.ingest,
      brokerUrl: avl.brokerUrl,
      trackerAccount: avl.trackerAccount,
      whenConnected: avl.whenConnected,
      status: avl.status,
    },
    units,
    backupNow,
    layout,
    center,
    drillLines,
    drill,
    async dispose() {
      if (disposed) return;
      disposed = true;
      for (const dispose of disposers.reverse()) await dispose();
      recordSession('session.stop');
      stopOutageLog();
      store.close();
      releaseLock();
      logger.info('host stopped');
    },
  };
}

function standaloneCenterStatus(config: HostConfig, now: number): CenterStatus {
  return {
    mode: 'standalone',
    centerCode: config.center.code,
    consoleCode: config.consoleCode,
    link: 'standalone',
    since: now,
    servers: [],
    server: null,
    stream: null,
    appliedSeq: 0,
    lag: 0,
    outbox: 0,
    catchUp: null,
    claims: null,
    joinedFromSnapshot: null,
    provisional: { calls: [], units: [] },
    refused: {},
    consoles: [],
    problem: null,
  };
}
