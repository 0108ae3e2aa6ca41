import type { Profile } from '../../../src-shared/contract/schemas';
import type { Alarm } from '../../../src-shared/domain/alarm';
import type { DrillNotice, DrillNoticeCode, DrillState } from '../../../src-shared/domain/drill/drillRun';
import type { CallRecord } from '../../../src-shared/domain/call';
import type { CallInject, Inject, InjectState, Scenario } from '../../../src-shared/domain/drill/scenario';
import type { IncidentRecord } from '../../../src-shared/domain/incident';
import type { RadioStatusMap } from '../../../src-shared/domain/protocols/radio';
import type { UnitRecord } from '../../../src-shared/domain/unit';
import { callerKey } from '../demo/demoCalls';
import type { Clock } from '../runtime/clock';
import type { Logger } from '../runtime/logger';
import type { AuditAction } from '../store/audit';
import { drillRadioLine, drillRebidRecord, drillRingRecord, radioBurstOf } from './drillAli';
import type { DrillLines } from './drillLines';
import { DrillRunner, type DrillActionRecord, type DrillEffects, type DrillRuleId } from './drillRunner';

/**
 * A drill on a drill console: the runner (drillRunner.ts) wired to the console's real inputs and
 * to what the console records. Injects go out on the drill's serial lines (ALI records, radio
 * lines), unit injects through the radio gateway (a PTT burst with the position) or the unit
 * service, and outages of the serial link cut those lines. The states the scenario waits on (a call
 * answered, an incident created, units dispatched or on scene, an emergency acknowledged) are read
 * from the console's own records as they change. Every controller action and every inject is
 * written to the audit chain (`drill.*` actions).
 *
 * Refused on any profile but `drill`: a drill never writes to a live console's records.
 */

export class DrillRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DrillRefusedError';
  }
}

export interface DrillServiceDeps {
  readonly profile: Profile;
  readonly lines: DrillLines | null;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly statusMap: () => RadioStatusMap;
  readonly recordAction: (action: Omit<AuditAction, 'at' | 'consoleId'>) => void;
  readonly units: {
    get(unitId: string): UnitRecord | null;
    applyStatus(unitId: string, status: 'out-of-service', source: 'system', actor: string): unknown;
  };
  /** State changes for the trainer's window. */
  readonly onChange?: (state: DrillState) => void;
  /** Whether a scoring rule has failed so far (contingencies); none without a scorer. */
  readonly ruleFailed?: (rule: DrillRuleId, injectId: string | undefined, drillSeconds: number) => boolean;
  /** Timers the service arms for the runner's next wake-up (real ones unless a test drives them). */
  readonly timers?: {
    set(run: () => void, ms: number): unknown;
    clear(handle: unknown): void;
  };
}

export interface DrillService {
  /** Throws DrillRefusedError on any console but a drill one. */
  requireDrillConsole(): void;
  load(scenario: Scenario): DrillState;
  state(): DrillState | null;
  /** The scenario loaded now, or null. */
  scenario(): Scenario | null;
  start(actor: string, speed?: number): DrillState;
  pause(actor: string): DrillState;
  resume(actor: string): DrillState;
  setSpeed(speed: number, actor: string): DrillState;
  fireNow(injectId: string, actor: string): DrillState;
  hold(injectId: string, actor: string): DrillState;
  release(injectId: string, actor: string): DrillState;
  skip(injectId: string, actor: string): DrillState;
  /** Runs whatever is due now (the service's own timer does this; tests with a manual clock call it). */
  tick(): void;
  /**
   * Wall milliseconds the drill stood paused between two instants: the room's clocks (call waiting,
   * unassigned P1) stand still with it, as the issue's pause does.
   */
  stoppedBetween(from: number, to: number): number;
  /** What the console recorded, for the states injects wait on. */
  observeCall(call: CallRecord): void;
  observeIncident(incident: IncidentRecord): void;
  observeAlarm(alarm: Alarm): void;
  dispose(): void;
}

const realTimers = {
  set: (run: () => void, ms: number): unknown => setTimeout(run, ms),
  clear: (handle: unknown): void => clearTimeout(handle as NodeJS.Timeout),
};

/** What a call record keeps of a caller's script (src-shared/domain/call.ts). */
const CALLER_SCRIPT_LINES = 10;
const CALLER_SCRIPT_LINE_LENGTH = 300;

/** How many notices the trainer's board keeps. */
const NOTICES_KEPT = 50;

export function createDrillService(deps: DrillServiceDeps): DrillService {
  const timers = deps.timers ?? realTimers;
  const lines = deps.lines;
  let loaded: { scenario: Scenario; runner: DrillRunner } | null = null;
  let timer: unknown = null;
  const notices: DrillNotice[] = [];
  let sequence = 0;
  /** The call injects fired, by caller key (the latest with that number wins). */
  const callInjects = new Map<string, string>();
  /** Calls of the drill's callers (call id → inject id), and their incidents (incident id → inject id). */
  const callsOfInjects = new Map<string, string>();
  const incidentsOfInjects = new Map<string, string>();
  /** Radio injects fired, by radio id. */
  const radioInjects = new Map<string, string>();

  const requireDrillProfile = (): DrillLines => {
    if (deps.profile !== 'drill' || !lines)
      throw new DrillRefusedError(`drills run only on a drill console; this one runs the ${deps.profile} profile`);
    return lines;
  };

  const current = (): { scenario: Scenario; runner: DrillRunner } => {
    if (!loaded) throw new DrillRefusedError('no drill is loaded');
    return loaded;
  };

  const notice = (
    kind: DrillNotice['kind'],
    injectId: string,
    text: string,
    code: DrillNoticeCode,
    params: Readonly<Record<string, string>> = {},
  ): void => {
    notices.push({ kind, code, params, seconds: loaded?.runner.seconds() ?? 0, injectId, text });
    if (notices.length > NOTICES_KEPT) notices.shift();
  };

  const seatPosition = (inject: Inject): number => {
    const seats = loaded?.scenario.seats ?? [];
    const index = seats.findIndex((seat) => seat.id === inject.seat);
    return index >= 0 ? index + 1 : 1;
  };

  const effects = (drillLines: DrillLines): DrillEffects => ({
    ring(inject) {
      callInjects.set(callerKey(inject.ali.callback), inject.id);
      const { caller } = inject;
      // The call carries what a call record holds (10 lines of 300 characters); the trainer's window shows it all.
      const lines = [caller.opening, ...Object.values(caller.answers)];
      drillLines.setScript(
        inject.ali.callback,
        lines.slice(0, CALLER_SCRIPT_LINES).map((line) => line.slice(0, CALLER_SCRIPT_LINE_LENGTH)),
      );
      sequence += 1;
      const record = drillRingRecord(inject, { sequence, at: deps.clock.now(), position: seatPosition(inject) });
      if (!drillLines.telephony.deliver(record))
        notice(
          'no-ali',
          inject.id,
          'rang without ALI: the telephony line is down (the caller is on voice only)',
          'rang-without-ali',
        );
    },
    rebid(inject) {
      sequence += 1;
      const record = drillRebidRecord(inject, { sequence, at: deps.clock.now(), position: seatPosition(inject) });
      if (record !== null && !drillLines.telephony.deliver(record))
        notice('lost', inject.id, 'rebid lost: the telephony line is down', 'rebid-lost');
    },
    hangUp(inject) {
      // Telephony hang-ups do not travel on the ALI line: the role player ends the call.
      notice('note', inject.id, 'the caller hangs up now', 'caller-hangs-up');
    },
    radio(inject, repeat) {
      radioInjects.set(inject.radioId, inject.id);
      const burst = radioBurstOf(inject, deps.statusMap());
      if (burst === null) {
        notice(
          'unsupported',
          inject.id,
          `the status table has no code for ${inject.status ?? 'this status'}`,
          'no-status-code',
          {
            status: inject.status ?? '',
          },
        );
        return;
      }
      sequence += 1;
      if (!drillLines.radio.deliver(drillRadioLine(burst, { sequence, at: deps.clock.now() })))
        notice(
          'lost',
          inject.id,
          `radio line ${repeat > 0 ? `(repeat ${String(repeat)}) ` : ''}lost: the gateway line is down`,
          'radio-lost',
          { repeat: String(repeat) },
        );
    },
    unit(inject) {
      const unit = deps.units.get(inject.unit);
      if (!unit) {
        notice('unsupported', inject.id, `unit ${inject.unit} is not on this console's roster`, 'unit-not-on-roster', {
          unit: inject.unit,
        });
        return;
      }
      switch (inject.action) {
        case 'move': {
          if (!inject.to) return;
          // A radio with GPS sends its position with a PTT burst: the gateway path moves the unit.
          if (unit.radioId === null) {
            notice(
              'unsupported',
              inject.id,
              `unit ${inject.unit} has no radio id: it cannot be moved through the radio gateway`,
              'unit-without-radio',
              { unit: inject.unit },
            );
            return;
          }
          sequence += 1;
          const line = drillRadioLine(
            { opcode: 'PTT', radioId: unit.radioId, position: inject.to },
            { sequence, at: deps.clock.now() },
          );
          if (!drillLines.radio.deliver(line))
            notice('lost', inject.id, 'unit fix lost: the gateway line is down', 'unit-fix-lost');
          break;
        }
        case 'stop-reporting':
          notice(
            'note',
            inject.id,
            `unit ${inject.unit} stops reporting: no more fixes are sent for it`,
            'unit-stops-reporting',
            {
              unit: inject.unit,
            },
          );
          break;
        case 'out-of-service':
          deps.units.applyStatus(inject.unit, 'out-of-service', 'system', 'drill');
          break;
      }
    },
    linkDown(link, inject) {
      if (link === 'serial') {
        drillLines.telephony.cut('drill outage');
        drillLines.radio.cut('drill outage');
      } else
        notice(
          'unsupported',
          inject.id,
          `the ${link} link cannot be taken down by this drill console yet`,
          'link-not-drillable',
          {
            link,
          },
        );
    },
    linkUp(link) {
      if (link === 'serial') {
        drillLines.telephony.restore();
        drillLines.radio.restore();
      }
    },
    note(inject) {
      notice('note', inject.id, inject.text, 'note');
    },
  });

  const snapshot = (): DrillState | null => {
    if (!loaded) return null;
    const { scenario, runner } = loaded;
    return {
      scenarioId: scenario.id,
      title: scenario.title,
      status: !runner.started ? 'loaded' : runner.finished ? 'ended' : runner.paused ? 'paused' : 'running',
      seconds: runner.seconds(),
      durationSeconds: scenario.durationSeconds,
      speed: runner.speed,
      pausedMs: runner.pausedWallMs(),
      injects: runner.board(),
      notices: [...notices],
    };
  };

  const changed = (): DrillState => {
    const state = snapshot();
    if (!state) throw new DrillRefusedError('no drill is loaded');
    deps.onChange?.(state);
    return state;
  };

  const arm = (): void => {
    if (timer !== null) timers.clear(timer);
    timer = null;
    const wake = loaded?.runner.nextWakeAt() ?? null;
    if (wake === null) return;
    timer = timers.set(
      () => {
        timer = null;
        tick();
      },
      Math.max(0, wake - deps.clock.now()),
    );
  };

  const tick = (): void => {
    if (!loaded) return;
    try {
      loaded.runner.tick();
    } catch (error) {
      // An input that failed must not stop the drill: the trainer sees it, the log keeps it.
      deps.logger.error({ err: error }, 'drill tick failed');
    }
    arm();
    changed();
  };

  const audit = (record: DrillActionRecord): void => {
    const { action } = record;
    const subject = 'injectId' in action ? `drill-inject:${action.injectId}` : `drill:${loaded?.scenario.id ?? ''}`;
    deps.recordAction({
      actor: record.actor ?? 'drill',
      action: `drill.${action.kind}`,
      subject,
      details: { ...action, drillSeconds: Math.round(record.drillSeconds * 1000) / 1000 },
    });
  };

  /** Read after an action that may have changed it (a plain read would be narrowed to the earlier value). */
  const pausedNow = (runner: DrillRunner): boolean => runner.paused;
  /** The drill's pauses in wall time (`to` null while paused). */
  const pauses: { from: number; to: number | null }[] = [];

  /** A controller's action: done, audited by the runner, the timer re-armed, the window told. */
  const control = (act: (runner: DrillRunner) => void): DrillState => {
    const { runner } = current();
    const wasPaused = runner.paused;
    act(runner);
    const isPaused = pausedNow(runner);
    const now = deps.clock.now();
    if (!wasPaused && isPaused) pauses.push({ from: now, to: null });
    const open = pauses.at(-1);
    if (wasPaused && !isPaused && open?.to === null) open.to = now;
    arm();
    return changed();
  };

  const observe = (injectId: string | undefined, state: InjectState): void => {
    if (injectId === undefined || !loaded?.runner.started) return;
    const seen = loaded.runner.observe(injectId, state);
    arm();
    // The trainer's board shows each state as the run sees it, not at the next inject.
    if (seen) changed();
  };

  return {
    requireDrillConsole: () => {
      requireDrillProfile();
    },
    load(scenario) {
      const drillLines = requireDrillProfile();
      if (loaded?.runner.started && !loaded.runner.finished)
        throw new DrillRefusedError(`drill ${loaded.scenario.id} is running: end it before loading another`);
      notices.length = 0;
      callInjects.clear();
      callsOfInjects.clear();
      incidentsOfInjects.clear();
      radioInjects.clear();
      loaded = {
        scenario,
        runner: new DrillRunner({
          scenario,
          now: () => deps.clock.now(),
          effects: effects(drillLines),
          onAction: audit,
          ...(deps.ruleFailed && { ruleFailed: deps.ruleFailed }),
        }),
      };
      deps.recordAction({
        actor: 'drill',
        action: 'drill.loaded',
        subject: `drill:${scenario.id}`,
        details: { version: scenario.version, seed: scenario.seed },
      });
      return changed();
    },
    state: snapshot,
    scenario: () => loaded?.scenario ?? null,
    start: (actor, speed = 1) => control((runner) => runner.start(actor, speed)),
    pause: (actor) => control((runner) => runner.pause(actor)),
    resume: (actor) => control((runner) => runner.resume(actor)),
    setSpeed: (speed, actor) => control((runner) => runner.setSpeed(speed, actor)),
    fireNow: (injectId, actor) => control((runner) => runner.fireNow(injectId, actor)),
    hold: (injectId, actor) => control((runner) => runner.hold(injectId, actor)),
    release: (injectId, actor) => control((runner) => runner.release(injectId, actor)),
    skip: (injectId, actor) => control((runner) => runner.skip(injectId, actor)),
    tick,
    stoppedBetween(from, to) {
      let stopped = 0;
      for (const pause of pauses) {
        const end = Math.min(to, pause.to ?? to);
        const start = Math.max(from, pause.from);
        if (end > start) stopped += end - start;
      }
      return stopped;
    },
    observeCall(call) {
      if (!loaded || call.callerNumber === null) return;
      const injectId = callsOfInjects.get(call.id) ?? callInjects.get(callerKey(call.callerNumber));
      if (injectId === undefined) return;
      callsOfInjects.set(call.id, injectId);
      if (call.answeredAt !== null) observe(injectId, 'answered');
      if (call.incidentId !== null) {
        incidentsOfInjects.set(call.incidentId, injectId);
        observe(injectId, 'incident-created');
      }
      if (call.endedAt !== null && call.answeredAt === null) observe(injectId, 'hung-up');
    },
    observeIncident(incident) {
      const injectId = incidentsOfInjects.get(incident.id);
      if (injectId === undefined) return;
      if (incident.dispatchedAt !== null || incident.units.length > 0) observe(injectId, 'dispatched');
      if (incident.onSceneAt !== null || incident.units.some((unit) => unit.onSceneAt !== null))
        observe(injectId, 'unit-on-scene');
      if (incident.status === 'closed') observe(injectId, 'closed');
    },
    observeAlarm(alarm) {
      if (alarm.kind !== 'radio-emergency' || alarm.acknowledgedAt === null) return;
      observe(radioInjects.get(alarm.subject), 'acknowledged');
    },
    dispose() {
      if (timer !== null) timers.clear(timer);
      timer = null;
    },
  };
}

/** The call injects of a scenario, for look-ups by id. */
export function callInjectsOf(scenario: Scenario): ReadonlyMap<string, CallInject> {
  return new Map(scenario.injects.flatMap((inject) => (inject.kind === 'call' ? [[inject.id, inject] as const] : [])));
}
