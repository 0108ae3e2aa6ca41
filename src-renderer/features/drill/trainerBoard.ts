import type { Language } from '../../../src-shared/contract/schemas';
import type { DrillState, InjectRunRow } from '../../../src-shared/domain/drill/drillRun';
import type { InjectState } from '../../../src-shared/domain/drill/scenario';
import { intlLocales } from '../../../src-shared/domain/time';

/**
 * What the trainer window decides, kept pure for the tests: the drill clock between host events,
 * how drill times read, and which controls the host would accept now (drillRunner.ts: a control it
 * would refuse is never offered, so a click never ends in a CONFLICT).
 */

/** The speeds the trainer offers (the host takes ×0.5 to ×4). */
export const DRILL_SPEEDS = [0.5, 1, 2, 4] as const;

const twoDigits = new Map<Language, Intl.NumberFormat>();
const plain = new Map<Language, Intl.NumberFormat>();

function formatterOf(
  cache: Map<Language, Intl.NumberFormat>,
  language: Language,
  options: Intl.NumberFormatOptions,
): Intl.NumberFormat {
  const cached = cache.get(language) ?? new Intl.NumberFormat(intlLocales[language], options);
  cache.set(language, cached);
  return cached;
}

/** Drill seconds as `H:MM:SS` (always with the hour, so the clock never changes width), in the language's digits. */
export function formatDrillTime(seconds: number, language: Language): string {
  const whole = Math.max(0, Math.floor(seconds));
  const pad = formatterOf(twoDigits, language, { minimumIntegerDigits: 2, useGrouping: false });
  const hours = formatterOf(plain, language, { useGrouping: false }).format(Math.floor(whole / 3600));
  return `${hours}:${pad.format(Math.floor((whole % 3600) / 60))}:${pad.format(whole % 60)}`;
}

/** `×4`, `×0.5` in the language's digits. */
export function formatSpeed(speed: number, language: Language): string {
  return `×${formatterOf(plain, language, { useGrouping: false, maximumFractionDigits: 2 }).format(speed)}`;
}

/**
 * The clock now, from the last state the host sent (at `receivedAt`, window time): drill time runs on
 * at the drill's speed while it runs (never past its end), the pause length while it is paused.
 */
export function liveClock(
  drill: Pick<DrillState, 'status' | 'seconds' | 'speed' | 'pausedMs' | 'durationSeconds'>,
  receivedAt: number,
  now: number,
): { readonly seconds: number; readonly pausedMs: number } {
  const since = Math.max(0, now - receivedAt);
  switch (drill.status) {
    case 'running':
      return {
        seconds: Math.min(drill.durationSeconds, drill.seconds + (since / 1000) * drill.speed),
        pausedMs: drill.pausedMs,
      };
    case 'paused':
      return { seconds: drill.seconds, pausedMs: drill.pausedMs + since };
    case 'loaded':
    case 'ended':
      return { seconds: drill.seconds, pausedMs: drill.pausedMs };
  }
}

export interface DrillControls {
  /** Another scenario may be loaded: none is, or the one loaded has not started or has ended. */
  readonly load: boolean;
  readonly start: boolean;
  readonly pause: boolean;
  readonly resume: boolean;
  readonly setSpeed: boolean;
}

export function drillControls(drill: Pick<DrillState, 'status'> | null): DrillControls {
  const status = drill?.status ?? null;
  const started = status === 'running' || status === 'paused';
  return {
    load: !started,
    start: status === 'loaded',
    pause: status === 'running',
    resume: status === 'paused',
    setSpeed: started,
  };
}

export interface InjectControls {
  readonly fireNow: boolean;
  readonly hold: boolean;
  readonly release: boolean;
  readonly skip: boolean;
}

/**
 * The host fires a pending or held inject once the drill has started and until it ends; holds a
 * pending one, releases a held one, skips either (before the start too: a trainer may hold or skip
 * an inject before starting). After the end nothing is offered.
 */
export function injectControls(drill: Pick<DrillState, 'status'>, row: Pick<InjectRunRow, 'status'>): InjectControls {
  if (drill.status === 'ended') return { fireNow: false, hold: false, release: false, skip: false };
  const started = drill.status === 'running' || drill.status === 'paused';
  const open = row.status === 'pending' || row.status === 'held';
  return {
    fireNow: started && open,
    hold: row.status === 'pending',
    release: row.status === 'held',
    skip: open,
  };
}

/** The states a row has seen, earliest first (ties in the order the run saw them). */
export function seenStates(
  row: Pick<InjectRunRow, 'states'>,
): readonly { readonly state: InjectState; readonly seconds: number }[] {
  return (Object.entries(row.states) as [InjectState, number | undefined][])
    .flatMap(([state, seconds]) => (seconds === undefined ? [] : [{ state, seconds }]))
    .sort((a, b) => a.seconds - b.seconds);
}
