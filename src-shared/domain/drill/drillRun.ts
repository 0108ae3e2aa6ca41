import type { TaxonomyText } from '../taxonomy';
import type { DrillLevel, InjectKind, InjectState } from './scenario';

/**
 * A running drill as the trainer's window sees it: each inject's status and states, the clock,
 * and what could not be delivered. Built by the drill service (src-main/services/drill/).
 */

/** Where an inject stands in a run. */
export type InjectRunStatus =
  /** Not yet due (or waiting for the state it follows). */
  | 'pending'
  /** Held back by the controller until released, fired or skipped. */
  | 'held'
  | 'fired'
  /** Left out by the controller. */
  | 'skipped'
  /** A contingency whose condition did not hold at its time: not needed. */
  | 'not-needed';

export interface InjectRunRow {
  readonly id: string;
  readonly kind: InjectKind;
  readonly seat: string | null;
  /** The scenario's one line for the trainer's board (never the controller note). */
  readonly summary: string | null;
  readonly status: InjectRunStatus;
  /** When it is due (drill seconds), null while waiting on a state or manual. */
  readonly dueSeconds: number | null;
  readonly firedSeconds: number | null;
  /** The states the run has seen, with their drill seconds. */
  readonly states: Readonly<Partial<Record<InjectState, number>>>;
}

/** Something the trainer must know: a delivery that could not be made, a note inject, a hang-up. */
export interface DrillNotice {
  /**
   * `no-ali`: a call rang while the telephony line was down (the trainee hears it, the console gets no
   * record); `lost`: another delivery the cut line dropped; `note`: a note inject or the caller
   * hanging up; `unsupported`: an inject this console cannot deliver (named in the text).
   */
  readonly kind: 'no-ali' | 'lost' | 'note' | 'unsupported';
  /** What happened, for the window to say in its language with `params`; `note`: the scenario's own text. */
  readonly code: DrillNoticeCode;
  readonly params: Readonly<Record<string, string>>;
  readonly seconds: number;
  readonly injectId: string;
  /** The same in English, for the log and the command line (a note's text as the scenario wrote it). */
  readonly text: string;
}

export const drillNoticeCodes = [
  'rang-without-ali',
  'rebid-lost',
  'caller-hangs-up',
  'no-status-code',
  'radio-lost',
  'unit-not-on-roster',
  'unit-without-radio',
  'unit-fix-lost',
  'unit-stops-reporting',
  'link-not-drillable',
  'note',
] as const;
export type DrillNoticeCode = (typeof drillNoticeCodes)[number];

export interface DrillState {
  readonly scenarioId: string;
  readonly title: TaxonomyText;
  readonly status: 'loaded' | 'running' | 'paused' | 'ended';
  /** Drill seconds now (pauses excluded). */
  readonly seconds: number;
  readonly durationSeconds: number;
  readonly speed: number;
  /** Wall milliseconds spent paused so far. */
  readonly pausedMs: number;
  readonly injects: readonly InjectRunRow[];
  readonly notices: readonly DrillNotice[];
}

/** A scenario the trainer can load: shipped ones and the center's own. */
export interface DrillScenarioSummary {
  /** The file name, e.g. `04-acceptance-three-calls.drill.json`. */
  readonly file: string;
  readonly id: string;
  readonly title: TaxonomyText;
  readonly level: DrillLevel;
  readonly durationSeconds: number;
  readonly injects: number;
}
