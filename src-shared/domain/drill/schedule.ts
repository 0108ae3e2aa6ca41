/**
 * When each inject of a scenario fires, in drill seconds (from start, pauses excluded). Pure, so the
 * drill runner, `nida drill check` and the trainer's board all agree.
 *
 * An `at` inject fires at its time. An `after` inject fires `delaySeconds` after its target reaches
 * the state: a target's `fired` is known in advance (its own planned time) unless the run says
 * otherwise, and so is the `ended` of an outage with a duration; any other state (a call answered,
 * a unit on scene) only once the run has seen it. A
 * `manual` inject is never scheduled: the controller fires it. Cycles of `after` are refused.
 */

/** The fields of an inject the schedule reads (a parsed inject has them). */
export interface SchedulableInject {
  readonly id: string;
  readonly at?: number | undefined;
  readonly after?: { readonly inject: string; readonly state: string; readonly delaySeconds: number } | undefined;
  readonly manual?: true | undefined;
  /** An outage's length: its `ended` state is known in advance. */
  readonly durationSeconds?: number | undefined;
}

/** The key of a reached state in the times a run passes in. */
export function stateKey(injectId: string, state: string): string {
  return `${injectId}:${state}`;
}

export type ScheduleEntry =
  /** Fires at `atSeconds`. `planned`: from the script alone; `observed`: from a state the run saw. */
  | {
      readonly id: string;
      readonly status: 'scheduled';
      readonly atSeconds: number;
      readonly basis: 'planned' | 'observed';
    }
  /** Waits for a state the run has not reached (or that never comes: a skipped or manual target). */
  | {
      readonly id: string;
      readonly status: 'waiting';
      readonly on: { readonly inject: string; readonly state: string };
    }
  | { readonly id: string; readonly status: 'manual' };

export type ScheduleResult =
  | { readonly ok: true; readonly entries: readonly ScheduleEntry[] }
  | { readonly ok: false; readonly cycles: readonly (readonly string[])[] };

/**
 * Each loop of `after` links, as the ids along it (`[a, b]` for a → b → a), each loop once.
 * Injects whose target is unknown end their chain (the cross-check reports that separately).
 */
export function findAfterCycles(injects: readonly SchedulableInject[]): string[][] {
  const targetOf = new Map<string, string>();
  for (const inject of injects)
    if (inject.after !== undefined && !targetOf.has(inject.id)) targetOf.set(inject.id, inject.after.inject);
  const cycles: string[][] = [];
  const done = new Set<string>();
  for (const start of targetOf.keys()) {
    const chain: string[] = [];
    const onChain = new Map<string, number>();
    let current: string | undefined = start;
    while (current !== undefined && !done.has(current) && !onChain.has(current)) {
      onChain.set(current, chain.length);
      chain.push(current);
      current = targetOf.get(current);
    }
    if (current !== undefined && onChain.has(current)) cycles.push(chain.slice(onChain.get(current)));
    for (const id of chain) done.add(id);
  }
  return cycles;
}

/**
 * Resolves the schedule given the state times the run has seen (`stateKey(id, state)` → seconds).
 * Entries come in the scenario's order; `inTimeOrder` sorts them.
 */
export function resolveSchedule(
  injects: readonly SchedulableInject[],
  observed: ReadonlyMap<string, number> = new Map(),
): ScheduleResult {
  const cycles = findAfterCycles(injects);
  if (cycles.length > 0) return { ok: false, cycles };
  const byId = new Map(injects.map((inject) => [inject.id, inject]));
  const resolved = new Map<string, ScheduleEntry>();
  const resolve = (inject: SchedulableInject): ScheduleEntry => {
    const known = resolved.get(inject.id);
    if (known !== undefined) return known;
    let entry: ScheduleEntry;
    const firedAt = observed.get(stateKey(inject.id, 'fired'));
    if (firedAt !== undefined) entry = { id: inject.id, status: 'scheduled', atSeconds: firedAt, basis: 'observed' };
    else if (inject.at !== undefined)
      entry = { id: inject.id, status: 'scheduled', atSeconds: inject.at, basis: 'planned' };
    else if (inject.after !== undefined) {
      const { inject: targetId, state, delaySeconds } = inject.after;
      const seen = observed.get(stateKey(targetId, state));
      const target = byId.get(targetId);
      const predictable = state === 'fired' || (state === 'ended' && target?.durationSeconds !== undefined);
      const targetFired = seen === undefined && predictable && target !== undefined ? resolve(target) : undefined;
      const targetEntry =
        targetFired?.status === 'scheduled' && state === 'ended'
          ? { ...targetFired, atSeconds: targetFired.atSeconds + (target?.durationSeconds ?? 0) }
          : targetFired;
      if (seen !== undefined)
        entry = { id: inject.id, status: 'scheduled', atSeconds: seen + delaySeconds, basis: 'observed' };
      else if (targetEntry?.status === 'scheduled') {
        entry = {
          id: inject.id,
          status: 'scheduled',
          atSeconds: targetEntry.atSeconds + delaySeconds,
          basis: targetEntry.basis,
        };
      } else entry = { id: inject.id, status: 'waiting', on: { inject: targetId, state } };
    } else entry = { id: inject.id, status: 'manual' };
    resolved.set(inject.id, entry);
    return entry;
  };
  return { ok: true, entries: injects.map(resolve) };
}

/** Scheduled entries by time (ties in scenario order), then waiting ones, then manual ones. */
export function inTimeOrder(entries: readonly ScheduleEntry[]): ScheduleEntry[] {
  const rank = (entry: ScheduleEntry): number =>
    entry.status === 'scheduled' ? 0 : entry.status === 'waiting' ? 1 : 2;
  return entries
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => {
      const byRank = rank(a.entry) - rank(b.entry);
      if (byRank !== 0) return byRank;
      const time = (entry: ScheduleEntry): number => (entry.status === 'scheduled' ? entry.atSeconds : 0);
      return time(a.entry) - time(b.entry) || a.index - b.index;
    })
    .map(({ entry }) => entry);
}

/** `0:04:30` (H:MM:SS) for a drill time in seconds, as the MSEL sheet writes it. */
export function formatDrillTime(seconds: number): string {
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  const pad = (value: number): string => String(value).padStart(2, '0');
  return `${String(hours)}:${pad(minutes)}:${pad(rest)}`;
}
