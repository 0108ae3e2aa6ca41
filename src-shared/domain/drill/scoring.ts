import { distanceM } from '../geo';
import { typeByCode, type Taxonomy } from '../taxonomy';
import type { CallInject, drillRuleIds, Inject, InjectState, Scenario } from './scenario';
import { stateKey } from './schedule';
import { resolveScoringSettings, type ScoringSettings } from './scoringSettings';
import type { DrillTimeline, FactOf, TimelineFact } from './timeline';

/**
 * Drill scoring (issue 19, "Scoring"; docs/drills.md): what each seat did with each inject, rule by
 * rule, against the thresholds of `ScoringSettings`, each result citing its source. Pure: it reads the
 * scenario, the taxonomy and the run's timeline (drill seconds, pauses already left out by the runner)
 * and nothing else.
 *
 * Scored as of a drill second (the live board, contingencies) a rule whose deadline has not passed
 * yet and whose action has not happened is `pending`; scored once the drill is over, nothing is.
 * A rule that failed only because an earlier one did (no processing time for a call never answered)
 * is `consequential`, with the rule and inject it follows from, so a report counts each mistake once.
 */

export type DrillRuleId = (typeof drillRuleIds)[number];

export const ruleOutcomes = ['pass', 'partial', 'fail', 'not-applicable', 'pending'] as const;
export type RuleOutcome = (typeof ruleOutcomes)[number];

/** What a measured value is in. A share is 0–1. */
export type MeasureUnit = 'seconds' | 'metres' | 'share';

/** Why a rule came out as it did, as codes the report translates. */
export type RuleReason =
  | 'not-fired'
  | 'not-answered'
  | 'hung-up-before-answer'
  | 'answered-by-hand'
  | 'priority-not-covered'
  | 'dispatched-before-answer'
  | 'no-incident'
  | 'not-dispatched'
  | 'no-location'
  | 'outside-radius'
  | 'callback-missing'
  | 'type-wrong'
  | 'type-same-category'
  | 'priority-wrong'
  | 'agencies-missing'
  | 'attached-to-incident'
  | 'capabilities-missing'
  | 'closer-unit-free'
  | 'questions-missing'
  | 'instructions-missing'
  | 'other-type-protocol'
  | 'not-acknowledged'
  | 'no-backup'
  | 'not-logged'
  | 'not-entered'
  | 'not-restored';

/** A unit sent while a clearly closer one that could do the same job was free. */
export interface CloserUnit {
  readonly sentUnitId: string;
  readonly sentDistanceM: number;
  readonly closerUnitId: string;
  readonly closerDistanceM: number;
}

export interface RuleRef {
  readonly rule: DrillRuleId;
  readonly injectId: string;
}

export interface RuleResult {
  readonly rule: DrillRuleId;
  /** The inject (call, radio emergency) the result is about. */
  readonly injectId: string;
  /** The console's call, when the inject's call reached it. */
  readonly callId?: string;
  /** The seat whose action it measures (who answered, who dispatched, who acknowledged). */
  readonly seat: string;
  readonly outcome: RuleOutcome;
  /** The measured value in `unit`; null when there is nothing to measure (never answered). */
  readonly value: number | null;
  readonly threshold: number | null;
  readonly unit: MeasureUnit | null;
  /** `NENA-STA-020.1`, `NFPA 1225`, `local policy`, … */
  readonly source: string;
  /** Failed only because `because` failed first. */
  readonly consequential: boolean;
  readonly because?: RuleRef;
  readonly reasons: readonly RuleReason[];
  /** Codes left out: agencies, capabilities, question or instruction keys. */
  readonly missing?: readonly string[];
  /** Classification: what the incident said when it differs from the truth. */
  readonly observed?: { readonly type: string; readonly priority: number; readonly agencies: readonly string[] };
  readonly closerUnits?: readonly CloserUnit[];
}

export interface SeatScore {
  readonly seat: string;
  readonly results: readonly RuleResult[];
}

/** NENA-STA-020.1's drill-wide shares: the calls answered within each target time. */
export interface AnswerShares {
  /** Calls that rang and count (not pending, not hung up before they could be answered). */
  readonly calls: number;
  readonly targets: readonly {
    readonly withinSeconds: number;
    readonly target: number;
    /** null with no call to count. */
    readonly share: number | null;
    readonly met: boolean | null;
  }[];
  readonly source: string;
}

export interface DrillScore {
  /** null: scored after the drill ended. */
  readonly asOfSeconds: number | null;
  /** Every result, in the scenario's inject order, then the rules' order. */
  readonly results: readonly RuleResult[];
  /** The same results by seat, in the scenario's seat order. */
  readonly seats: readonly SeatScore[];
  readonly answerShares: AnswerShares;
}

export interface ScoreInput {
  readonly scenario: Scenario;
  readonly taxonomy: Taxonomy;
  readonly timeline: DrillTimeline;
  /** Default: the defaults with the scenario's `scoring` changes (a center's go in front: `resolveScoringSettings`). */
  readonly settings?: ScoringSettings;
  /** Score as of this drill second: later facts are left out and open deadlines are pending. Omitted: the drill is over. */
  readonly asOfSeconds?: number;
}

/** Seconds between two drill times, to the millisecond: 10.1 → 25.1 is 15, not 15.000000000000002. */
function elapsed(from: number, to: number): number {
  return Math.round((to - from) * 1000) / 1000;
}

const roundShare = (share: number): number => Math.round(share * 10_000) / 10_000;

/** The facts of a run, indexed by what they concern. */
interface RunIndex {
  readonly facts: readonly TimelineFact[];
  readonly injectOfCall: ReadonlyMap<string, string>;
  readonly firedAt: ReadonlyMap<string, number>;
  readonly outages: readonly OutageSpan[];
}

interface OutageSpan {
  readonly link: string;
  readonly injectId: string | undefined;
  readonly startedAt: number;
  /** undefined while the link is still down. */
  readonly restoredAt: number | undefined;
}

function factsOf<K extends TimelineFact['kind']>(facts: readonly TimelineFact[], kind: K): FactOf<K>[] {
  return facts.filter((fact): fact is FactOf<K> => fact.kind === kind);
}

function firstTime(map: Map<string, number>, key: string, t: number): void {
  const known = map.get(key);
  if (known === undefined || t < known) map.set(key, t);
}

function indexRun(facts: readonly TimelineFact[]): RunIndex {
  const injectOfCall = new Map<string, string>();
  const firedAt = new Map<string, number>();
  const open = new Map<string, { injectId: string | undefined; startedAt: number }>();
  const outages: OutageSpan[] = [];
  for (const fact of facts) {
    // Only the facts that link ids or open and close outages; the rules read the others themselves.
    if (fact.kind === 'inject-fired' || fact.kind === 'radio-emergency-raised')
      firstTime(firedAt, fact.injectId, fact.t);
    else if (fact.kind === 'call-rang') {
      if (!injectOfCall.has(fact.callId)) injectOfCall.set(fact.callId, fact.injectId);
      firstTime(firedAt, fact.injectId, fact.t);
    } else if (fact.kind === 'call-entered-after-restore') {
      if (fact.callId !== undefined && !injectOfCall.has(fact.callId)) injectOfCall.set(fact.callId, fact.injectId);
    } else if (fact.kind === 'outage-started') {
      if (fact.injectId !== undefined) firstTime(firedAt, fact.injectId, fact.t);
      if (!open.has(fact.link)) open.set(fact.link, { injectId: fact.injectId, startedAt: fact.t });
    } else if (fact.kind === 'outage-restored') {
      const span = open.get(fact.link);
      if (span !== undefined) {
        const injectId = span.injectId ?? fact.injectId;
        outages.push({ link: fact.link, injectId, startedAt: span.startedAt, restoredAt: fact.t });
        open.delete(fact.link);
      }
    }
  }
  for (const [link, span] of open) outages.push({ link, ...span, restoredAt: undefined });
  return { facts, injectOfCall, firedAt, outages };
}

interface Classification {
  readonly type: string;
  readonly priority: number;
  readonly agencies: readonly string[];
}

/** Everything known about one call inject, gathered once. */
interface CallFacts {
  readonly inject: CallInject;
  /** When the phone rang: the inject fired (or the console saw the call, if earlier). */
  readonly firedAt: number | undefined;
  readonly callId: string | undefined;
  readonly callIds: ReadonlySet<string>;
  /** When and by whom it was answered; `byHand`: logged on paper during an outage (no console call). */
  readonly answer: { readonly t: number; readonly seat: string; readonly byHand: boolean } | undefined;
  readonly hungUpAt: number | undefined;
  readonly endedAt: number | undefined;
  readonly location: FactOf<'location-entered'> | undefined;
  /** The incident the call made, or joined. */
  readonly incident:
    | {
        readonly id: string;
        readonly attached: boolean;
        readonly linkedAt: number;
        /** The inject whose call made the incident (itself unless attached). */
        readonly originInjectId: string | undefined;
        readonly classification: Classification;
        readonly classifiedBy: string;
        readonly dispatches: readonly FactOf<'unit-dispatched'>[];
        readonly arrivedAt: number | undefined;
        readonly closedAt: number | undefined;
      }
    | undefined;
  readonly questions: readonly FactOf<'key-question-asked'>[];
  readonly instructions: readonly FactOf<'instruction-read'>[];
}

function incidentFacts(
  run: RunIndex,
  incidentId: string,
): {
  classification: Classification;
  classifiedBy: string;
  originInjectId: string | undefined;
  dispatches: FactOf<'unit-dispatched'>[];
  arrivedAt: number | undefined;
  closedAt: number | undefined;
} | null {
  let classification: Classification | undefined;
  let classifiedBy = '';
  let originInjectId: string | undefined;
  const dispatches: FactOf<'unit-dispatched'>[] = [];
  let arrivedAt: number | undefined;
  let closedAt: number | undefined;
  for (const fact of run.facts) {
    if (!('incidentId' in fact) || fact.incidentId !== incidentId) continue;
    if (fact.kind === 'incident-created') {
      if (classification !== undefined) continue;
      classification = { type: fact.type, priority: fact.priority, agencies: fact.agencies };
      classifiedBy = fact.seat;
      originInjectId = fact.injectId ?? (fact.callId === undefined ? undefined : run.injectOfCall.get(fact.callId));
    } else if (fact.kind === 'incident-updated') {
      classification = { type: fact.type, priority: fact.priority, agencies: fact.agencies };
    } else if (fact.kind === 'unit-dispatched') dispatches.push(fact);
    else if (fact.kind === 'unit-arrived') arrivedAt ??= fact.t;
    else if (fact.kind === 'incident-closed') closedAt ??= fact.t;
  }
  return classification === undefined
    ? null
    : { classification, classifiedBy, originInjectId, dispatches, arrivedAt, closedAt };
}

function gatherCall(run: RunIndex, inject: CallInject): CallFacts {
  const callIds = new Set<string>();
  for (const [callId, injectId] of run.injectOfCall) if (injectId === inject.id) callIds.add(callId);
  const ofCall = <K extends TimelineFact['kind']>(kind: K): FactOf<K>[] =>
    factsOf(run.facts, kind).filter(
      (fact) => 'callId' in fact && fact.callId !== undefined && callIds.has(fact.callId),
    );
  const rang = factsOf(run.facts, 'call-rang').find((fact) => fact.injectId === inject.id);
  const answered = ofCall('call-answered')[0];
  const logged = factsOf(run.facts, 'call-logged-during-outage').find((fact) => fact.injectId === inject.id);
  const answer =
    answered !== undefined
      ? { t: answered.t, seat: answered.seat, byHand: false }
      : logged !== undefined
        ? { t: logged.t, seat: logged.seat, byHand: true }
        : undefined;

  const created = factsOf(run.facts, 'incident-created').find(
    (fact) => fact.injectId === inject.id || (fact.callId !== undefined && callIds.has(fact.callId)),
  );
  const attachedFact = ofCall('call-attached')[0];
  const link =
    created !== undefined
      ? { id: created.incidentId, attached: false, linkedAt: created.t }
      : attachedFact !== undefined
        ? { id: attachedFact.incidentId, attached: true, linkedAt: attachedFact.t }
        : undefined;
  const known = link === undefined ? null : incidentFacts(run, link.id);
  return {
    inject,
    // The phone rang when the inject fired, even if the console only saw the call later (a manual call in an outage).
    firedAt: run.firedAt.get(inject.id),
    callId: rang?.callId ?? [...callIds][0],
    callIds,
    answer,
    hungUpAt: ofCall('call-hung-up')[0]?.t,
    endedAt: ofCall('call-ended')[0]?.t,
    location: ofCall('location-entered').at(-1),
    incident: link === undefined || known === null ? undefined : { ...link, ...known },
    questions: ofCall('key-question-asked'),
    instructions: ofCall('instruction-read'),
  };
}

/** The keys (`q1`… or `i1`…) a truth asks for: its own list, or all of its type's. */
function truthKeys(explicit: readonly string[] | undefined, prefix: 'q' | 'i', count: number): string[] {
  return explicit !== undefined
    ? [...explicit]
    : Array.from({ length: count }, (_, index) => `${prefix}${String(index + 1)}`);
}

/** Builds results with the inject's common fields. */
interface ResultContext {
  readonly injectId: string;
  readonly callId: string | undefined;
}

function result(
  context: ResultContext,
  rule: DrillRuleId,
  seat: string,
  source: string,
  fields: Omit<RuleResult, 'rule' | 'injectId' | 'callId' | 'seat' | 'source' | 'consequential'> & {
    consequential?: boolean;
  },
): RuleResult {
  return {
    rule,
    injectId: context.injectId,
    ...(context.callId !== undefined && { callId: context.callId }),
    seat,
    source,
    consequential: false,
    ...fields,
  };
}

/** A result that failed for a reason an earlier rule already accounts for. */
function following(outcome: RuleResult, because: RuleRef | undefined): RuleResult {
  return because === undefined || outcome.outcome !== 'fail' ? outcome : { ...outcome, consequential: true, because };
}

/** An interval against its limit: done (measured), overdue (failed), or not yet due (pending). */
function interval(
  startedAt: number,
  doneAt: number | undefined,
  limit: number,
  now: number,
): { outcome: RuleOutcome; value: number | null } {
  if (doneAt !== undefined) {
    const value = Math.max(0, elapsed(startedAt, doneAt));
    return { outcome: value <= limit ? 'pass' : 'fail', value };
  }
  return { outcome: elapsed(startedAt, now) > limit ? 'fail' : 'pending', value: null };
}

interface Scoring {
  readonly taxonomy: Taxonomy;
  readonly settings: ScoringSettings;
  /** The drill second scored at; Infinity once the drill is over. */
  readonly now: number;
  readonly final: boolean;
}

const worst = (outcomes: readonly RuleOutcome[]): RuleOutcome =>
  outcomes.includes('fail') ? 'fail' : outcomes.includes('partial') ? 'partial' : 'pass';

/** Whether a classification result got the type wrong (or only its category right). */
const typeMissed = (classification: RuleResult | undefined): boolean =>
  classification !== undefined &&
  (classification.reasons.includes('type-wrong') || classification.reasons.includes('type-same-category'));

/** The rules every call inject is scored on, in the order they happen. */
const callRules = [
  'answer-time',
  'processing-time',
  'location',
  'callback',
  'classification',
  'units',
  'key-questions',
  'instructions',
] as const satisfies readonly DrillRuleId[];
type CallRule = (typeof callRules)[number];

function scoreCall(
  call: CallFacts,
  scoring: Scoring,
  classificationOf: (injectId: string) => RuleResult | undefined,
): RuleResult[] {
  const { inject } = call;
  const { settings, taxonomy, now, final } = scoring;
  const truth = inject.truth;
  const context: ResultContext = { injectId: inject.id, callId: call.callId };
  const answerSeat = call.answer?.seat ?? inject.seat ?? '';
  const rules = callRules;
  const sourceOf: Record<CallRule, string> = {
    'answer-time': settings.answerTime.source,
    'processing-time': settings.processingTime.source,
    location: settings.location.source,
    callback: settings.callback.source,
    classification: settings.classification.source,
    units: settings.units.source,
    'key-questions': settings.keyQuestions.source,
    instructions: settings.instructions.source,
  };
  const notApplicable = (rule: CallRule, reason: RuleReason): RuleResult =>
    result(context, rule, answerSeat, sourceOf[rule], {
      outcome: 'not-applicable',
      value: null,
      threshold: null,
      unit: null,
      reasons: [reason],
    });
  const startedAt = call.firedAt;
  if (startedAt === undefined) return rules.map((rule) => notApplicable(rule, 'not-fired'));

  // Answer time. A caller who hung up before the limit could not have been answered in time.
  const answerLimit = settings.answerTime.seconds;
  const hungUpEarly =
    call.answer === undefined && call.hungUpAt !== undefined && elapsed(startedAt, call.hungUpAt) <= answerLimit;
  if (hungUpEarly) return rules.map((rule) => notApplicable(rule, 'hung-up-before-answer'));
  const answerInterval = interval(startedAt, call.answer?.t, answerLimit, now);
  const answerTime = result(context, 'answer-time', answerSeat, sourceOf['answer-time'], {
    ...answerInterval,
    threshold: answerLimit,
    unit: 'seconds',
    reasons: [
      ...(call.answer === undefined && answerInterval.outcome === 'fail' ? (['not-answered'] as const) : []),
      ...(call.answer?.byHand === true ? (['answered-by-hand'] as const) : []),
    ],
  });
  const answer = call.answer;
  if (answer === undefined) {
    // Everything else starts at the answer: pending while it may still come, then consequential.
    const notAnsweredYet = answerTime.outcome === 'pending';
    const afterAnswer = rules.slice(1).map((rule) =>
      rule === 'processing-time' && truth.priority > settings.processingTime.maxPriority
        ? notApplicable(rule, 'priority-not-covered')
        : following(
            result(context, rule, answerSeat, sourceOf[rule], {
              outcome: notAnsweredYet ? 'pending' : 'fail',
              value: null,
              threshold: null,
              unit: null,
              reasons: notAnsweredYet ? [] : ['not-answered'],
            }),
            { rule: 'answer-time', injectId: inject.id },
          ),
    );
    return [answerTime, ...afterAnswer];
  }

  const incident = call.incident;
  const callOver = final || call.endedAt !== undefined || call.hungUpAt !== undefined;

  // Processing: answer → first unit dispatched, for the urgent priorities (NFPA 1225).
  const processingLimit = settings.processingTime.seconds;
  const dispatchSeat = incident?.dispatches[0]?.seat ?? answerSeat;
  let processingTime: RuleResult;
  if (truth.priority > settings.processingTime.maxPriority) {
    processingTime = notApplicable('processing-time', 'priority-not-covered');
  } else if (incident !== undefined && incident.dispatches[0] !== undefined && incident.dispatches[0].t < answer.t) {
    processingTime = notApplicable('processing-time', 'dispatched-before-answer');
  } else {
    const measured = interval(answer.t, incident?.dispatches[0]?.t, processingLimit, now);
    processingTime = result(context, 'processing-time', dispatchSeat, sourceOf['processing-time'], {
      ...measured,
      threshold: processingLimit,
      unit: 'seconds',
      reasons:
        measured.outcome !== 'fail' || incident?.dispatches[0] !== undefined
          ? []
          : [incident === undefined ? 'no-incident' : 'not-dispatched'],
    });
  }

  // Location: within max(the fix's uncertainty, the minimum radius) of the truth; callback filled.
  const radius = Math.max(inject.ali.position?.uncertaintyM ?? 0, settings.location.minRadiusM);
  const entered = call.location;
  const offBy = entered === undefined ? null : Math.round(distanceM(entered, truth.location) * 10) / 10;
  const location = result(context, 'location', entered?.seat ?? answerSeat, sourceOf.location, {
    outcome: offBy === null ? (callOver ? 'fail' : 'pending') : offBy <= radius ? 'pass' : 'fail',
    value: offBy,
    threshold: radius,
    unit: 'metres',
    reasons: offBy === null ? (callOver ? ['no-location'] : []) : offBy <= radius ? [] : ['outside-radius'],
  });
  const callbackFilled = entered?.callbackFilled === true;
  const callback = result(context, 'callback', entered?.seat ?? answerSeat, sourceOf.callback, {
    outcome: callbackFilled ? 'pass' : callOver ? 'fail' : 'pending',
    value: null,
    threshold: null,
    unit: null,
    reasons: callbackFilled || !callOver ? [] : ['callback-missing'],
  });

  // Classification: type (same category: partial), priority, agencies ⊇ truth.
  let classification: RuleResult;
  if (incident?.attached === true) classification = notApplicable('classification', 'attached-to-incident');
  else if (incident === undefined) {
    classification = following(
      result(context, 'classification', answerSeat, sourceOf.classification, {
        outcome: callOver ? 'fail' : 'pending',
        value: null,
        threshold: null,
        unit: null,
        reasons: callOver ? ['no-incident'] : [],
      }),
      processingTime.outcome === 'fail' ? { rule: 'processing-time', injectId: inject.id } : undefined,
    );
  } else {
    const got = incident.classification;
    const reasons: RuleReason[] = [];
    const parts: RuleOutcome[] = [];
    if (got.type !== truth.type) {
      const sameCategory = typeByCode(taxonomy, got.type)?.category === typeByCode(taxonomy, truth.type)?.category;
      reasons.push(sameCategory ? 'type-same-category' : 'type-wrong');
      parts.push(sameCategory ? 'partial' : 'fail');
    }
    if (got.priority !== truth.priority) {
      reasons.push('priority-wrong');
      parts.push('fail');
    }
    const missingAgencies = truth.agencies.filter((agency) => !got.agencies.includes(agency));
    if (missingAgencies.length > 0) {
      reasons.push('agencies-missing');
      parts.push('fail');
    }
    classification = result(context, 'classification', incident.classifiedBy, sourceOf.classification, {
      outcome: worst(parts),
      value: null,
      threshold: null,
      unit: null,
      reasons,
      ...(missingAgencies.length > 0 && { missing: missingAgencies }),
      ...(reasons.length > 0 && { observed: got }),
    });
  }
  // An attached call was classified with the call that made its incident.
  const originClassification =
    incident?.attached === true && incident.originInjectId !== undefined
      ? classificationOf(incident.originInjectId)
      : classification;
  const typeRef: RuleRef | undefined = typeMissed(originClassification)
    ? { rule: 'classification', injectId: originClassification?.injectId ?? inject.id }
    : undefined;

  // Units: the capabilities needed covered, and no clearly closer unit left free.
  let units: RuleResult;
  if (incident?.attached === true) units = notApplicable('units', 'attached-to-incident');
  else if (incident === undefined || incident.dispatches.length === 0) {
    const due = processingTime.outcome === 'fail' || callOver;
    const because: RuleRef | undefined =
      processingTime.outcome === 'fail'
        ? { rule: 'processing-time', injectId: inject.id }
        : classification.outcome === 'fail'
          ? { rule: 'classification', injectId: inject.id }
          : undefined;
    units = following(
      result(context, 'units', dispatchSeat, sourceOf.units, {
        outcome: due ? 'fail' : 'pending',
        value: null,
        threshold: null,
        unit: null,
        reasons: due ? [incident === undefined ? 'no-incident' : 'not-dispatched'] : [],
      }),
      because,
    );
  } else {
    const carried = new Set(incident.dispatches.flatMap((dispatch) => dispatch.capabilities));
    const missingCapabilities = truth.capabilities.filter((capability) => !carried.has(capability));
    const { closerByM, closerByShare } = settings.units;
    const closerUnits: CloserUnit[] = incident.dispatches.flatMap((dispatch) =>
      dispatch.closerFreeUnits
        .filter(
          (free) =>
            dispatch.distanceM - free.distanceM > closerByM &&
            free.distanceM <= dispatch.distanceM * (1 - closerByShare),
        )
        .map((free) => ({
          sentUnitId: dispatch.unitId,
          sentDistanceM: dispatch.distanceM,
          closerUnitId: free.unitId,
          closerDistanceM: free.distanceM,
        })),
    );
    const reasons: RuleReason[] = [
      ...(missingCapabilities.length > 0 ? (['capabilities-missing'] as const) : []),
      ...(closerUnits.length > 0 ? (['closer-unit-free'] as const) : []),
    ];
    // More units may still be sent for what is missing until the processing time is up.
    const moreMayCome = !final && closerUnits.length === 0 && elapsed(answer.t, now) <= settings.processingTime.seconds;
    units = following(
      result(context, 'units', dispatchSeat, sourceOf.units, {
        outcome: reasons.length === 0 ? 'pass' : moreMayCome ? 'pending' : 'fail',
        value: null,
        threshold: null,
        unit: null,
        reasons,
        ...(missingCapabilities.length > 0 && { missing: missingCapabilities }),
        ...(closerUnits.length > 0 && { closerUnits }),
      }),
      // A wrong type brings the wrong units; a closer unit left free is a mistake of its own.
      closerUnits.length === 0 ? typeRef : undefined,
    );
  }

  // Protocol: the truth type's key questions (share) and instructions, as the intake recorded them.
  const type = typeByCode(taxonomy, truth.type);
  const protocol = (
    rule: 'key-questions' | 'instructions',
    done: readonly { type: string; key: string; seat: string }[],
    needed: readonly string[],
    share: number,
    missingReason: RuleReason,
  ): RuleResult => {
    const asked = new Set(done.filter((fact) => fact.type === truth.type).map((fact) => fact.key));
    const missing = needed.filter((key) => !asked.has(key));
    const value = needed.length === 0 ? 1 : roundShare((needed.length - missing.length) / needed.length);
    const followedOtherType = done.some((fact) => fact.type !== truth.type);
    const outcome: RuleOutcome = value >= share ? 'pass' : callOver ? 'fail' : 'pending';
    return following(
      result(context, rule, done[0]?.seat ?? answerSeat, sourceOf[rule], {
        outcome,
        value,
        threshold: share,
        unit: 'share',
        reasons:
          outcome === 'fail' ? [missingReason, ...(followedOtherType ? (['other-type-protocol'] as const) : [])] : [],
        ...(missing.length > 0 && { missing }),
      }),
      followedOtherType ? typeRef : undefined,
    );
  };
  const keyQuestions = protocol(
    'key-questions',
    call.questions,
    truthKeys(truth.questions, 'q', type?.questions.length ?? 0),
    settings.keyQuestions.share,
    'questions-missing',
  );
  const instructions = protocol(
    'instructions',
    call.instructions,
    truthKeys(truth.instructions, 'i', type?.instructions.length ?? 0),
    settings.instructions.share,
    'instructions-missing',
  );

  // A repeat caller joined to an incident already made: its place, callback and protocol were taken
  // with the call that made it; what is scored here is the answer and the processing.
  if (incident?.attached === true)
    return [
      answerTime,
      processingTime,
      notApplicable('location', 'attached-to-incident'),
      notApplicable('callback', 'attached-to-incident'),
      classification,
      units,
      notApplicable('key-questions', 'attached-to-incident'),
      notApplicable('instructions', 'attached-to-incident'),
    ];
  return [answerTime, processingTime, location, callback, classification, units, keyQuestions, instructions];
}

function scoreRadioEmergency(
  inject: Extract<Inject, { kind: 'radio' }>,
  run: RunIndex,
  scoring: Scoring,
): RuleResult[] {
  const { settings, now } = scoring;
  const context: ResultContext = { injectId: inject.id, callId: undefined };
  const seat = inject.seat ?? '';
  const raisedAt = run.firedAt.get(inject.id);
  const ack = factsOf(run.facts, 'radio-emergency-acknowledged').find((fact) => fact.injectId === inject.id);
  const backup = factsOf(run.facts, 'backup-sent').find((fact) => fact.injectId === inject.id);
  const ackLimit = settings.radioEmergencyAck.seconds;
  const backupLimit = settings.radioBackup.seconds;
  if (raisedAt === undefined) {
    const notFired = (rule: DrillRuleId, source: string): RuleResult =>
      result(context, rule, seat, source, {
        outcome: 'not-applicable',
        value: null,
        threshold: null,
        unit: null,
        reasons: ['not-fired'],
      });
    return [
      notFired('radio-emergency-ack', settings.radioEmergencyAck.source),
      notFired('radio-backup', settings.radioBackup.source),
    ];
  }
  const acknowledged = interval(raisedAt, ack?.t, ackLimit, now);
  const ackResult = result(context, 'radio-emergency-ack', ack?.seat ?? seat, settings.radioEmergencyAck.source, {
    ...acknowledged,
    threshold: ackLimit,
    unit: 'seconds',
    reasons: ack === undefined && acknowledged.outcome === 'fail' ? ['not-acknowledged'] : [],
  });
  const sent = interval(raisedAt, backup?.t, backupLimit, now);
  // Backup is late only because the acknowledgement was when what followed it kept within its own budget.
  const lateOnlyThroughAck =
    ackResult.outcome === 'fail' &&
    (ack === undefined
      ? backup === undefined
      : backup !== undefined && elapsed(ack.t, backup.t) <= backupLimit - ackLimit);
  const backupResult = following(
    result(context, 'radio-backup', backup?.seat ?? ack?.seat ?? seat, settings.radioBackup.source, {
      ...sent,
      threshold: backupLimit,
      unit: 'seconds',
      reasons: backup === undefined && sent.outcome === 'fail' ? ['no-backup'] : [],
    }),
    lateOnlyThroughAck ? { rule: 'radio-emergency-ack', injectId: inject.id } : undefined,
  );
  return [ackResult, backupResult];
}

/** The outage procedure, for a call that came while a link in `outageEntry.links` was down. */
function scoreOutageEntry(call: CallFacts, run: RunIndex, scoring: Scoring): RuleResult | null {
  const { settings, now, final } = scoring;
  const links: readonly string[] = settings.outageEntry.links;
  const firedAt = call.firedAt;
  if (firedAt === undefined) return null;
  const outage = run.outages.find(
    (span) =>
      links.includes(span.link) &&
      span.startedAt <= firedAt &&
      (span.restoredAt === undefined || firedAt < span.restoredAt),
  );
  if (outage === undefined) return null;
  const logged = factsOf(run.facts, 'call-logged-during-outage').find((fact) => fact.injectId === call.inject.id);
  const entered = factsOf(run.facts, 'call-entered-after-restore').find((fact) => fact.injectId === call.inject.id);
  const seat = entered?.seat ?? logged?.seat ?? call.inject.seat ?? '';
  const limit = settings.outageEntry.seconds;
  const base = { threshold: limit, unit: 'seconds' as const };
  const context: ResultContext = { injectId: call.inject.id, callId: call.callId };
  const source = settings.outageEntry.source;
  if (outage.restoredAt === undefined) {
    return result(context, 'outage-entry', seat, source, {
      ...base,
      outcome: final ? 'not-applicable' : 'pending',
      value: null,
      reasons: final ? ['not-restored'] : [],
    });
  }
  if (logged === undefined) {
    return result(context, 'outage-entry', seat, source, {
      ...base,
      outcome: 'fail',
      value: null,
      reasons: ['not-logged'],
    });
  }
  const measured = interval(outage.restoredAt, entered?.t, limit, now);
  return result(context, 'outage-entry', seat, source, {
    ...base,
    ...measured,
    reasons: entered === undefined && measured.outcome === 'fail' ? ['not-entered'] : [],
  });
}

function answerShares(results: readonly RuleResult[], settings: ScoringSettings): AnswerShares {
  const counted = results.filter(
    (entry) => entry.rule === 'answer-time' && (entry.outcome === 'pass' || entry.outcome === 'fail'),
  );
  return {
    calls: counted.length,
    source: settings.answerShares.source,
    targets: settings.answerShares.targets.map(({ withinSeconds, share: target }) => {
      if (counted.length === 0) return { withinSeconds, target, share: null, met: null };
      const within = counted.filter((entry) => entry.value !== null && entry.value <= withinSeconds).length;
      const share = roundShare(within / counted.length);
      return { withinSeconds, target, share, met: share >= target };
    }),
  };
}

/** Scores a run: every rule for every inject it applies to, by seat, and the drill-wide answer shares. */
export function scoreDrill(input: ScoreInput): DrillScore {
  const settings = input.settings ?? resolveScoringSettings(input.scenario.scoring);
  const asOf = input.asOfSeconds;
  const facts = asOf === undefined ? input.timeline : input.timeline.filter((fact) => fact.t <= asOf);
  const run = indexRun(facts);
  const scoring: Scoring = {
    taxonomy: input.taxonomy,
    settings,
    now: asOf ?? Number.POSITIVE_INFINITY,
    final: asOf === undefined,
  };
  const calls = new Map(
    input.scenario.injects.flatMap((inject) => (inject.kind === 'call' ? [[inject.id, gatherCall(run, inject)]] : [])),
  );
  // A call joined to another's incident follows that call's classification, wherever it sits in the scenario.
  const classifications = new Map<string, RuleResult>();
  for (const [injectId, call] of calls) {
    const classification = scoreCall(call, scoring, () => undefined).find((entry) => entry.rule === 'classification');
    if (classification !== undefined) classifications.set(injectId, classification);
  }
  const results: RuleResult[] = [];
  for (const inject of input.scenario.injects) {
    const call = calls.get(inject.id);
    if (call !== undefined) {
      results.push(...scoreCall(call, scoring, (injectId) => classifications.get(injectId)));
      const outageEntry = scoreOutageEntry(call, run, scoring);
      if (outageEntry !== null) results.push(outageEntry);
    } else if (inject.kind === 'radio' && inject.signal === 'emergency') {
      results.push(...scoreRadioEmergency(inject, run, scoring));
    }
  }
  const seats = input.scenario.seats.map((seat) => ({
    seat: seat.id,
    results: results.filter((entry) => entry.seat === seat.id),
  }));
  return { asOfSeconds: asOf ?? null, results, seats, answerShares: answerShares(results, settings) };
}

// --- Contingencies: what the runner asks before it fires an inject with `if` -----------------------

/**
 * The first drill second each inject reached each of its states, keyed `stateKey(inject, state)`:
 * what `resolveSchedule` takes as `observed`, and what `if.notDone` asks about.
 */
export function observedStateTimes(
  scenario: Scenario,
  timeline: DrillTimeline,
  asOfSeconds?: number,
): Map<string, number> {
  const facts = asOfSeconds === undefined ? timeline : timeline.filter((fact) => fact.t <= asOfSeconds);
  const run = indexRun(facts);
  const states = new Map<string, number>();
  const reach = (injectId: string, state: InjectState, t: number | undefined): void => {
    if (t !== undefined) firstTime(states, stateKey(injectId, state), t);
  };
  for (const inject of scenario.injects) {
    reach(inject.id, 'fired', run.firedAt.get(inject.id));
    if (inject.kind === 'call') {
      const call = gatherCall(run, inject);
      reach(inject.id, 'answered', call.answer?.t);
      reach(inject.id, 'hung-up', call.hungUpAt);
      const incident = call.incident;
      if (incident !== undefined) {
        reach(inject.id, 'incident-created', incident.linkedAt);
        const firstDispatch = incident.dispatches[0]?.t;
        // A call joining an incident already dispatched is dispatched from the moment it joins.
        reach(
          inject.id,
          'dispatched',
          firstDispatch === undefined ? undefined : Math.max(firstDispatch, incident.linkedAt),
        );
        reach(
          inject.id,
          'unit-on-scene',
          incident.arrivedAt === undefined ? undefined : Math.max(incident.arrivedAt, incident.linkedAt),
        );
        reach(inject.id, 'closed', incident.closedAt);
      }
    } else if (inject.kind === 'radio') {
      reach(
        inject.id,
        'acknowledged',
        factsOf(facts, 'radio-emergency-acknowledged').find((fact) => fact.injectId === inject.id)?.t,
      );
    } else if (inject.kind === 'outage') {
      const span = run.outages.find((candidate) => candidate.injectId === inject.id);
      reach(inject.id, 'ended', span?.restoredAt);
    }
  }
  return states;
}

/** Whether `rule` has failed (for `injectId`, or for any inject) in a score taken at the moment asked about. */
export function ruleHasFailed(score: DrillScore, rule: DrillRuleId, injectId?: string): boolean {
  return score.results.some(
    (entry) =>
      entry.rule === rule && entry.outcome === 'fail' && (injectId === undefined || entry.injectId === injectId),
  );
}

/**
 * Whether a contingency inject's `if` holds at drill second `atSeconds`: `notDone` — the state was not
 * reached by then; `ruleFailed` — the rule has failed by then. An inject without `if` always fires.
 */
export function contingencyHolds(inject: Inject, input: Omit<ScoreInput, 'asOfSeconds'>, atSeconds: number): boolean {
  const condition = inject.if;
  if (condition === undefined) return true;
  if ('notDone' in condition) {
    const states = observedStateTimes(input.scenario, input.timeline, atSeconds);
    return !states.has(stateKey(condition.notDone.inject, condition.notDone.state));
  }
  const score = scoreDrill({ ...input, asOfSeconds: atSeconds });
  return ruleHasFailed(score, condition.ruleFailed.rule, condition.ruleFailed.inject);
}
