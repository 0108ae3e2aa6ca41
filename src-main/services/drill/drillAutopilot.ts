import type { Result } from '../../../src-shared/contract/errors';
import type { CallContext } from '../../../src-shared/contract/api';
import type { HostEvent } from '../../../src-shared/contract/events';
import type { IntakeDraft } from '../../../src-shared/contract/schemas';
import type { Alarm } from '../../../src-shared/domain/alarm';
import type { CallRecord } from '../../../src-shared/domain/call';
import type { DrillState } from '../../../src-shared/domain/drill/drillRun';
import type { CallInject, Scenario } from '../../../src-shared/domain/drill/scenario';
import type { IncidentRecord } from '../../../src-shared/domain/incident';
import type { DispatchRecommendation } from '../../../src-shared/contract/api';
import type { Taxonomy } from '../../../src-shared/domain/taxonomy';
import { callerKey } from '../demo/demoCalls';

/**
 * The autopilot trainee: works a drill through the same channels a trainee's window calls, so a
 * trainer can preview a scenario and the tests can run one end to end. `perfect` follows each
 * call's truth promptly; `late` answers the second call 25 s after it rings and acknowledges the radio
 * emergency at 30 s; `wrong` gives the second call a type of another category. Its pace is in drill
 * seconds, read from the drill's own clock, so it keeps time at any speed and through pauses.
 */

export const autopilotModes = ['perfect', 'late', 'wrong'] as const;
export type AutopilotMode = (typeof autopilotModes)[number];

/** Drill seconds the perfect trainee takes for each step (well inside every standard). */
export const AUTOPILOT_PACE = {
  answerAfterRing: 4,
  questionsAfterAnswer: 3,
  incidentAfterAnswer: 20,
  instructionsAfterIncident: 3,
  dispatchAfterIncident: 10,
  acknowledgeAfterEmergency: 4,
  backupAfterAcknowledge: 15,
  /** A call that rang while the telephony line was down is entered by hand this long after its ring. */
  manualEntryAfterRing: 8,
} as const;

/** The late trainee's times for its scripted mistakes. */
export const AUTOPILOT_LATE = { answerAfterRing: 25, acknowledgeAfterEmergency: 30 } as const;

export interface AutopilotDeps {
  readonly scenario: Scenario;
  readonly taxonomy: Taxonomy;
  readonly mode: AutopilotMode;
  /** The trainee's window: a signed-in context with call-taking and dispatching roles. */
  readonly context: CallContext;
  readonly dispatch: (channel: string, args: unknown, context: CallContext) => Promise<Result<unknown>>;
  readonly subscribe: (listener: (event: HostEvent) => void) => () => void;
  /** Drill seconds now. */
  readonly seconds: () => number;
  /** The call injects that rang while the line was down (the drill's notices say so). */
  readonly rangWithoutAli: () => readonly string[];
  /** Reports an action that failed (the run goes on; a preview shows it). */
  readonly onProblem?: (text: string) => void;
}

interface Step {
  readonly at: number;
  readonly order: number;
  readonly run: () => Promise<void>;
}

export interface DrillAutopilot {
  /** Runs the steps due at the drill time now; resolves when they are done. */
  tick(): Promise<void>;
  /** Steps still waiting (for a run to know the trainee is done). */
  pending(): number;
  stop(): void;
}

export function startDrillAutopilot(deps: AutopilotDeps): DrillAutopilot {
  const { scenario, mode } = deps;
  const calls = scenario.injects.filter((inject): inject is CallInject => inject.kind === 'call');
  /** The scenario's second call is the one the late and wrong trainees get wrong. */
  const secondCall = calls[1]?.id;
  const byCaller = new Map<string, CallInject[]>();
  for (const inject of calls) {
    const key = callerKey(inject.ali.callback);
    byCaller.set(key, [...(byCaller.get(key) ?? []), inject]);
  }
  const steps: Step[] = [];
  let order = 0;
  const handledCalls = new Set<string>();
  const handledInjects = new Set<string>();
  const handledAlarms = new Set<string>();
  /** The incident each inject's call became (a repeat call joins it). */
  const incidentOfInject = new Map<string, string>();
  let running = Promise.resolve();

  const later = (delay: number, run: () => Promise<void>): void => {
    steps.push({ at: deps.seconds() + delay, order: (order += 1), run });
  };

  const call = async <T>(channel: string, args: unknown): Promise<T | null> => {
    const result = await deps.dispatch(channel, args, deps.context);
    if (result.ok) return result.value as T;
    deps.onProblem?.(`${channel}: ${result.error.code} ${result.error.message}`);
    return null;
  };

  const wrongTypeFor = (typeCode: string): string => {
    const category = deps.taxonomy.types.find((type) => type.code === typeCode)?.category;
    return deps.taxonomy.types.find((type) => type.category !== category)?.code ?? typeCode;
  };

  const typeOf = (inject: CallInject): string =>
    mode === 'wrong' && inject.id === secondCall ? wrongTypeFor(inject.truth.type) : inject.truth.type;

  const guidanceKeys = (inject: CallInject, prefix: 'q' | 'i'): string[] => {
    const scripted = prefix === 'q' ? inject.truth.questions : inject.truth.instructions;
    if (scripted) return [...scripted];
    const type = deps.taxonomy.types.find((entry) => entry.code === inject.truth.type);
    const count = prefix === 'q' ? (type?.questions.length ?? 0) : (type?.instructions.length ?? 0);
    return Array.from({ length: count }, (_, index) => `${prefix}${String(index + 1)}`);
  };

  const recordGuidance = async (callId: string, inject: CallInject, prefix: 'q' | 'i'): Promise<void> => {
    for (const key of guidanceKeys(inject, prefix))
      await call('call.recordGuidance', { callId, typeCode: typeOf(inject), key });
  };

  const dispatchUnits = async (incidentId: string): Promise<void> => {
    const recommendation = await call<DispatchRecommendation>('dispatch.recommend', { incidentId });
    const unitIds = [...new Set(recommendation?.slots.flatMap((slot) => slot.units.map((unit) => unit.unitId)) ?? [])];
    if (unitIds.length === 0) {
      deps.onProblem?.(`no unit to dispatch to ${incidentId}`);
      return;
    }
    await call('dispatch.dispatch', { incidentId, unitIds });
  };

  const createIncident = async (record: CallRecord, inject: CallInject): Promise<void> => {
    const { truth } = inject;
    const typeCode = typeOf(inject);
    const type = deps.taxonomy.types.find((entry) => entry.code === typeCode);
    const now = Date.now();
    const draft: IntakeDraft = {
      id: `autopilot-${record.id}`.slice(0, 40),
      callId: record.id,
      callerNumber: record.callerNumber ?? inject.ali.callback,
      callerName: '',
      location: { lat: truth.location.lat, lon: truth.location.lon, source: 'manual' },
      address: truth.location.address ?? '',
      typeCode,
      priority: truth.priority,
      priorityReason: type && type.defaultPriority !== truth.priority ? 'كما أفاد المتصل' : '',
      extraAgencies: truth.agencies.filter((agency) => !(type?.agencies ?? []).includes(agency)),
      narrative: [],
      rejectedDuplicates: [],
      openedAt: now,
      updatedAt: now,
      version: 0,
    };
    const incident = await call<IncidentRecord>('intake.submit', { draft });
    if (!incident) return;
    incidentOfInject.set(inject.id, incident.id);
    later(AUTOPILOT_PACE.instructionsAfterIncident, () => recordGuidance(record.id, inject, 'i'));
    later(AUTOPILOT_PACE.dispatchAfterIncident, () => dispatchUnits(incident.id));
  };

  /** The inject a call is about: the earliest of its caller's fired injects not yet handled. */
  const injectFor = (record: CallRecord): CallInject | undefined =>
    byCaller.get(callerKey(record.callerNumber ?? ''))?.find((inject) => !handledInjects.has(inject.id));

  const work = (record: CallRecord, inject: CallInject, answered: boolean): void => {
    handledCalls.add(record.id);
    handledInjects.add(inject.id);
    const answerAfter =
      mode === 'late' && inject.id === secondCall ? AUTOPILOT_LATE.answerAfterRing : AUTOPILOT_PACE.answerAfterRing;
    const afterAnswer = async (): Promise<void> => {
      // A repeat caller about an incident already made joins it.
      const earlier = byCaller
        .get(callerKey(inject.ali.callback))
        ?.map((other) => incidentOfInject.get(other.id))
        .find((id) => id !== undefined);
      if (earlier !== undefined) {
        const attached = await call<IncidentRecord>('call.attach', { callId: record.id, incidentId: earlier });
        if (attached) incidentOfInject.set(inject.id, attached.id);
        return;
      }
      later(AUTOPILOT_PACE.questionsAfterAnswer, () => recordGuidance(record.id, inject, 'q'));
      later(AUTOPILOT_PACE.incidentAfterAnswer, () => createIncident(record, inject));
    };
    if (answered) void afterAnswer();
    else
      later(answerAfter, async () => {
        if (await call('call.answer', { callId: record.id })) await afterAnswer();
      });
  };

  const onCall = (record: CallRecord): void => {
    if (handledCalls.has(record.id) || record.status !== 'waiting') return;
    const inject = injectFor(record);
    if (inject) work(record, inject, false);
  };

  const onAlarm = (alarm: Alarm): void => {
    if (alarm.kind !== 'radio-emergency' || alarm.acknowledgedAt !== null || handledAlarms.has(alarm.id)) return;
    handledAlarms.add(alarm.id);
    const after = mode === 'late' ? AUTOPILOT_LATE.acknowledgeAfterEmergency : AUTOPILOT_PACE.acknowledgeAfterEmergency;
    later(after, async () => {
      if (!(await call('alarm.acknowledge', { alarmId: alarm.id }))) return;
      later(AUTOPILOT_PACE.backupAfterAcknowledge, () => sendBackup(alarm));
    });
  };

  /** Backup for a unit in trouble: an incident where it is, with the nearest free police units sent to it. */
  const sendBackup = async (alarm: Alarm): Promise<void> => {
    if (alarm.incidentId) {
      await dispatchUnits(alarm.incidentId);
      return;
    }
    if (!alarm.position) {
      deps.onProblem?.(`radio ${alarm.subject} sent no position: no backup can be placed`);
      return;
    }
    const now = Date.now();
    const incident = await call<IncidentRecord>('intake.submit', {
      draft: {
        id: `autopilot-backup-${alarm.id}`.slice(0, 40),
        callId: null,
        callerNumber: '',
        callerName: '',
        location: { lat: alarm.position.lat, lon: alarm.position.lon, source: 'manual' },
        address: '',
        typeCode: 'armed-attack',
        priority: 1,
        priorityReason: '',
        extraAgencies: [],
        narrative: [{ at: now, text: `دعم لدورية ضغطت زر الطوارئ (${alarm.subject})` }],
        rejectedDuplicates: [],
        openedAt: now,
        updatedAt: now,
        version: 0,
      } satisfies IntakeDraft,
    });
    if (incident) await dispatchUnits(incident.id);
  };

  /** A call that rang while the line was down: the trainee takes it by voice and enters it by hand. */
  const enterByHand = (injectId: string): void => {
    const inject = calls.find((entry) => entry.id === injectId);
    if (!inject || handledInjects.has(inject.id)) return;
    handledInjects.add(inject.id);
    later(AUTOPILOT_PACE.manualEntryAfterRing, async () => {
      const record = await call<CallRecord>('call.receive', { source: 'manual', callerNumber: inject.ali.callback });
      if (!record) return;
      handledInjects.delete(inject.id);
      work(record, inject, true);
    });
  };

  const unsubscribe = deps.subscribe((event) => {
    if (event.name === 'onCallChanged') onCall(event.payload);
    else if (event.name === 'onAlarm') onAlarm(event.payload);
  });

  const runDue = async (): Promise<void> => {
    for (const injectId of deps.rangWithoutAli()) enterByHand(injectId);
    for (;;) {
      const now = deps.seconds();
      const due = steps.filter((step) => step.at <= now).sort((a, b) => a.at - b.at || a.order - b.order)[0];
      if (!due) return;
      steps.splice(steps.indexOf(due), 1);
      await due.run();
    }
  };

  return {
    tick() {
      // One tick at a time: a step's calls finish before the next tick looks again.
      running = running.then(runDue, runDue);
      return running;
    },
    pending: () => steps.length,
    stop: unsubscribe,
  };
}

/** What the autopilot needs of a drill console (the host has it all). */
export interface AutopilotConsole {
  dispatch: AutopilotDeps['dispatch'];
  subscribe(listener: (event: HostEvent) => void): () => void;
  readonly drill: { state(): DrillState | null };
}

/**
 * The autopilot on a drill console: its channels, its events, and drill time and the calls that rang
 * without ALI read from the console's drill.
 */
export function startConsoleAutopilot(
  drillConsole: AutopilotConsole,
  options: Pick<AutopilotDeps, 'scenario' | 'taxonomy' | 'mode' | 'context' | 'onProblem'>,
): DrillAutopilot {
  return startDrillAutopilot({
    ...options,
    dispatch: (channel, args, context) => drillConsole.dispatch(channel, args, context),
    subscribe: (listener) => drillConsole.subscribe(listener),
    seconds: () => drillConsole.drill.state()?.seconds ?? 0,
    rangWithoutAli: () =>
      drillConsole.drill
        .state()
        ?.notices.filter((notice) => notice.kind === 'no-ali')
        .map((notice) => notice.injectId) ?? [],
  });
}
