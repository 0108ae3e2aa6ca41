import type { TaxonomyText } from '../taxonomy';
import type { Taxonomy } from '../taxonomy';
import type { Scenario, Seat } from './scenario';
import { stateKey } from './schedule';
import {
  observedStateTimes,
  scoreDrill,
  type AnswerShares,
  type DrillRuleId,
  type RuleOutcome,
  type RuleResult,
} from './scoring';
import type { ScoringSettings } from './scoringSettings';
import type { DrillTimeline } from './timeline';

/**
 * A drill's report (issue 19, "Report and replay"): per seat and for the whole drill, the
 * objectives with their rules' outcomes, every rule with its value, threshold and source
 * (consequential failures marked), a strip per call (ring, answer, create, dispatch, arrival in
 * drill seconds), NENA's answer shares and what the controller did. Pure: built from the scenario,
 * the run's timeline and its controls; the `drill.report` channel and `nida drill report` print it.
 */

/** What the controller did during a run (and the contingencies the engine found not needed). */
export type DrillControlAction =
  | {
      readonly kind: 'started' | 'speed';
      readonly seconds: number;
      readonly actor: string;
      readonly speed: number;
    }
  | { readonly kind: 'paused' | 'resumed' | 'ended'; readonly seconds: number; readonly actor: string }
  | {
      readonly kind: 'held' | 'released' | 'skipped' | 'fired-now' | 'not-needed';
      readonly seconds: number;
      readonly actor: string;
      readonly injectId: string;
    };

/** How many results came out each way (a consequential failure is counted apart from the others). */
export interface OutcomeCounts {
  readonly pass: number;
  readonly partial: number;
  readonly fail: number;
  readonly consequential: number;
  readonly pending: number;
  readonly notApplicable: number;
}

export interface ObjectiveReport {
  readonly id: string;
  readonly text: TaxonomyText;
  readonly standard: string;
  /** The worst of its rules' results; `not-applicable` when none applied. */
  readonly outcome: RuleOutcome;
  readonly rules: readonly {
    readonly rule: DrillRuleId;
    readonly outcome: RuleOutcome;
    readonly counts: OutcomeCounts;
  }[];
}

export interface SeatReport {
  readonly seat: string;
  readonly role: Seat['role'];
  readonly name: string | null;
  readonly objectives: readonly ObjectiveReport[];
  readonly results: readonly RuleResult[];
  readonly counts: OutcomeCounts;
}

/** One call's milestones in drill seconds (null: not reached). */
export interface CallStrip {
  readonly injectId: string;
  readonly seat: string | null;
  readonly summary: string | null;
  readonly ring: number | null;
  readonly answer: number | null;
  readonly create: number | null;
  readonly dispatch: number | null;
  readonly arrival: number | null;
}

export interface DrillReport {
  readonly run: {
    /** The audit seq of the run's `drill.loaded` row. */
    readonly id: number;
    readonly scenarioId: string;
    readonly version: number;
    readonly seed: number;
    readonly title: TaxonomyText;
    /** Wall ms of the load. */
    readonly loadedAt: number;
    readonly started: boolean;
    readonly ended: boolean;
    /** Drill seconds the score is taken at while the drill still runs; null once it ended (final). */
    readonly asOfSeconds: number | null;
    readonly durationSeconds: number;
  };
  readonly seats: readonly SeatReport[];
  /** The whole drill: every seat's results together. */
  readonly drill: { readonly objectives: readonly ObjectiveReport[]; readonly counts: OutcomeCounts };
  readonly results: readonly RuleResult[];
  readonly calls: readonly CallStrip[];
  readonly answerShares: AnswerShares;
  readonly controls: readonly DrillControlAction[];
}

export interface DrillReportInput {
  readonly run: {
    readonly id: number;
    readonly scenarioId: string;
    readonly version: number;
    readonly seed: number;
    readonly loadedAt: number;
  };
  readonly scenario: Scenario;
  readonly taxonomy: Taxonomy;
  readonly timeline: DrillTimeline;
  readonly controls: readonly DrillControlAction[];
  readonly started: boolean;
  readonly ended: boolean;
  /** Drill seconds the run has reached (scored as of then while it has not ended). */
  readonly lastSeconds: number;
  readonly settings?: ScoringSettings;
}

function countOutcomes(results: readonly RuleResult[]): OutcomeCounts {
  const count = (test: (result: RuleResult) => boolean): number => results.filter(test).length;
  return {
    pass: count((result) => result.outcome === 'pass'),
    partial: count((result) => result.outcome === 'partial'),
    fail: count((result) => result.outcome === 'fail' && !result.consequential),
    consequential: count((result) => result.outcome === 'fail' && result.consequential),
    pending: count((result) => result.outcome === 'pending'),
    notApplicable: count((result) => result.outcome === 'not-applicable'),
  };
}

/** The worst outcome that applies: fail, partial, pending, pass; not-applicable when nothing does. */
function overall(results: readonly RuleResult[]): RuleOutcome {
  const order: readonly RuleOutcome[] = ['fail', 'partial', 'pending', 'pass'];
  return order.find((outcome) => results.some((result) => result.outcome === outcome)) ?? 'not-applicable';
}

function objectivesOf(scenario: Scenario, results: readonly RuleResult[]): ObjectiveReport[] {
  return scenario.objectives.map((objective) => {
    const rules = (objective.rules ?? []).map((rule) => {
      const ofRule = results.filter((result) => result.rule === rule);
      return { rule, outcome: overall(ofRule), counts: countOutcomes(ofRule) };
    });
    const ofObjective = results.filter((result) => objective.rules?.includes(result.rule) === true);
    return {
      id: objective.id,
      text: objective.text,
      standard: objective.standard,
      outcome: overall(ofObjective),
      rules,
    };
  });
}

export function buildDrillReport(input: DrillReportInput): DrillReport {
  const { scenario, timeline } = input;
  const asOfSeconds = input.ended ? undefined : input.lastSeconds;
  const score = scoreDrill({
    scenario,
    taxonomy: input.taxonomy,
    timeline,
    ...(input.settings !== undefined && { settings: input.settings }),
    ...(asOfSeconds !== undefined && { asOfSeconds }),
  });
  const states = observedStateTimes(scenario, timeline, asOfSeconds);
  const at = (injectId: string, state: string): number | null => states.get(stateKey(injectId, state)) ?? null;
  const calls: CallStrip[] = scenario.injects.flatMap((inject) =>
    inject.kind !== 'call'
      ? []
      : [
          {
            injectId: inject.id,
            seat: inject.seat ?? null,
            summary: inject.summary ?? null,
            ring: at(inject.id, 'fired'),
            answer: at(inject.id, 'answered'),
            create: at(inject.id, 'incident-created'),
            dispatch: at(inject.id, 'dispatched'),
            arrival: at(inject.id, 'unit-on-scene'),
          },
        ],
  );
  const seats: SeatReport[] = score.seats.map(({ seat, results }) => {
    const declared = scenario.seats.find((candidate) => candidate.id === seat);
    return {
      seat,
      role: declared?.role ?? 'call-taker',
      name: declared?.name ?? null,
      objectives: objectivesOf(scenario, results),
      results,
      counts: countOutcomes(results),
    };
  });
  return {
    run: {
      ...input.run,
      title: scenario.title,
      started: input.started,
      ended: input.ended,
      asOfSeconds: asOfSeconds ?? null,
      durationSeconds: scenario.durationSeconds,
    },
    seats,
    drill: { objectives: objectivesOf(scenario, score.results), counts: countOutcomes(score.results) },
    results: score.results,
    calls,
    answerShares: score.answerShares,
    controls: input.controls,
  };
}
