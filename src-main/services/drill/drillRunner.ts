import { DrillClock } from '../../../src-shared/domain/drill/drillClock';
import type {
  CallInject,
  Inject,
  InjectState,
  Scenario,
  drillLinks,
  drillRuleIds,
} from '../../../src-shared/domain/drill/scenario';
import type { InjectRunRow, InjectRunStatus } from '../../../src-shared/domain/drill/drillRun';
import { resolveSchedule, stateKey, type ScheduleEntry } from '../../../src-shared/domain/drill/schedule';

/**
 * The drill runner's engine: when each inject of a scenario goes out, under the controller's hand
 * (start, pause, speed, fire now, hold, skip), in drill time (drillClock.ts). It decides; the
 * `DrillEffects` deliver through the console's real inputs (the telephony line, the radio gateway
 * line, the unit feed, a link taken down), so the engine is the same for a trainer's window, the
 * autopilot and the tests.
 *
 * Driven by `tick()`: the host arms a timer for `nextWakeAt()` and calls `tick()` when it rings
 * (and after every control); tests move a manual clock and tick. Every control and every inject
 * that goes out is reported to `onAction`, which the host writes to the drill's audit chain.
 */

export type DrillLink = (typeof drillLinks)[number];
export type DrillRuleId = (typeof drillRuleIds)[number];

/** What the console's inputs do for the engine (the host wires them to the real paths). */
export interface DrillEffects {
  /** The call rings: its ALI record goes out on the telephony line. */
  ring(inject: CallInject): void;
  /** The call's second record with a better position. */
  rebid(inject: CallInject): void;
  /** The caller hangs up. */
  hangUp(inject: CallInject): void;
  /** A radio line (status or emergency); `repeat` 0 for the first, then 1, 2… */
  radio(inject: Extract<Inject, { kind: 'radio' }>, repeat: number): void;
  unit(inject: Extract<Inject, { kind: 'unit' }>): void;
  linkDown(link: DrillLink, inject: Inject): void;
  linkUp(link: DrillLink, inject: Inject): void;
  /** A note for the trainer's screen. */
  note(inject: Extract<Inject, { kind: 'note' }>): void;
}

export type DrillAction =
  | { readonly kind: 'started'; readonly speed: number }
  | { readonly kind: 'paused' }
  | { readonly kind: 'resumed' }
  | { readonly kind: 'speed'; readonly speed: number }
  | { readonly kind: 'fired'; readonly injectId: string; readonly by: 'schedule' | 'controller' }
  | { readonly kind: 'held'; readonly injectId: string }
  | { readonly kind: 'released'; readonly injectId: string }
  | { readonly kind: 'skipped'; readonly injectId: string }
  | { readonly kind: 'not-needed'; readonly injectId: string }
  | { readonly kind: 'state'; readonly injectId: string; readonly state: InjectState }
  | { readonly kind: 'ended' };

export interface DrillActionRecord {
  readonly action: DrillAction;
  /** The operator who acted; `null` for the engine itself (schedule, states, the end). */
  readonly actor: string | null;
  readonly wallMs: number;
  readonly drillSeconds: number;
}

export interface DrillRunnerOptions {
  readonly scenario: Scenario;
  /** Wall milliseconds (the host's clock). */
  readonly now: () => number;
  readonly effects: DrillEffects;
  readonly onAction: (record: DrillActionRecord) => void;
  /**
   * Whether a scoring rule has failed so far (for `if.ruleFailed` contingencies), for one inject's
   * call or any. Without a scorer, no rule has failed.
   */
  readonly ruleFailed?: (rule: DrillRuleId, injectId: string | undefined, drillSeconds: number) => boolean;
}

export class DrillControlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DrillControlError';
  }
}

/** A delivery that follows an inject at a drill time: a rebid, a hang-up, a radio repeat, a restore. */
interface FollowUp {
  readonly atSeconds: number;
  readonly order: number;
  readonly run: () => void;
}

export class DrillRunner {
  private clock: DrillClock | null = null;
  private ended = false;
  private readonly injects: ReadonlyMap<string, Inject>;
  private readonly status = new Map<string, InjectRunStatus>();
  /** `stateKey(id, state)` → drill seconds: what the schedule resolves `after` links with. */
  private readonly observed = new Map<string, number>();
  private followUps: FollowUp[] = [];
  private followUpOrder = 0;

  constructor(private readonly options: DrillRunnerOptions) {
    this.injects = new Map(options.scenario.injects.map((inject) => [inject.id, inject]));
    for (const inject of options.scenario.injects) this.status.set(inject.id, 'pending');
  }

  get started(): boolean {
    return this.clock !== null;
  }

  get paused(): boolean {
    return this.clock?.paused ?? false;
  }

  get finished(): boolean {
    return this.ended;
  }

  get speed(): number {
    return this.clock?.speed ?? 1;
  }

  /** Drill seconds now (0 before the start). */
  seconds(): number {
    return this.clock?.secondsAt(this.options.now()) ?? 0;
  }

  /** Wall milliseconds spent paused so far. */
  pausedWallMs(): number {
    const clock = this.clock;
    if (!clock) return 0;
    const { pausedWallMs, paused, sinceWallMs } = clock.state;
    return pausedWallMs + (paused ? Math.max(0, this.options.now() - sinceWallMs) : 0);
  }

  start(actor: string, speed = 1): void {
    if (this.clock) throw new DrillControlError('the drill has already started');
    this.clock = DrillClock.start(this.options.now(), speed);
    this.record({ kind: 'started', speed }, actor);
    this.tick();
  }

  pause(actor: string): void {
    const clock = this.running();
    if (clock.paused) return;
    this.clock = clock.pause(this.options.now());
    this.record({ kind: 'paused' }, actor);
  }

  resume(actor: string): void {
    const clock = this.running();
    if (!clock.paused) return;
    this.clock = clock.resume(this.options.now());
    this.record({ kind: 'resumed' }, actor);
    this.tick();
  }

  setSpeed(speed: number, actor: string): void {
    const clock = this.running();
    this.clock = clock.withSpeed(speed, this.options.now());
    this.record({ kind: 'speed', speed }, actor);
    this.tick();
  }

  /** Sends an inject now, whatever its time or condition (a held one too). */
  fireNow(injectId: string, actor: string): void {
    this.running();
    const inject = this.inject(injectId);
    this.expectStatus(inject.id, ['pending', 'held']);
    this.fire(inject, 'controller', actor);
  }

  /** Keeps an inject back when it comes due, until released, fired or skipped. */
  hold(injectId: string, actor: string): void {
    this.expectStatus(this.inject(injectId).id, ['pending']);
    this.status.set(injectId, 'held');
    this.record({ kind: 'held', injectId }, actor);
  }

  /** Lets a held inject go: at its time, or at once when that has passed. */
  release(injectId: string, actor: string): void {
    this.expectStatus(this.inject(injectId).id, ['held']);
    this.status.set(injectId, 'pending');
    this.record({ kind: 'released', injectId }, actor);
    if (this.clock) this.tick();
  }

  skip(injectId: string, actor: string): void {
    this.expectStatus(this.inject(injectId).id, ['pending', 'held']);
    this.status.set(injectId, 'skipped');
    this.record({ kind: 'skipped', injectId }, actor);
  }

  /**
   * A state the run saw (a call answered, an incident created, an emergency acknowledged), at the
   * drill time now. The first sighting counts (true); later ones are ignored (false).
   */
  observe(injectId: string, state: InjectState): boolean {
    if (!this.clock || !this.injects.has(injectId)) return false;
    const key = stateKey(injectId, state);
    if (this.observed.has(key)) return false;
    this.observed.set(key, this.seconds());
    this.record({ kind: 'state', injectId, state }, null);
    this.tick();
    return true;
  }

  /** Sends everything due at the drill time now; ends the drill at its duration. */
  tick(): void {
    const clock = this.clock;
    if (!clock || clock.paused || this.ended) return;
    // Each delivery can make another due (an `after … fired +0`): loop until nothing is.
    for (;;) {
      const now = clock.secondsAt(this.options.now());
      const followUp = this.dueFollowUp(now);
      if (followUp) {
        this.followUps = this.followUps.filter((entry) => entry !== followUp);
        followUp.run();
        continue;
      }
      const due = this.dueInject(now);
      if (!due) break;
      this.fireDue(due);
    }
    if (this.seconds() >= this.options.scenario.durationSeconds) {
      this.ended = true;
      this.record({ kind: 'ended' }, null);
    }
  }

  /** The wall instant the next thing is due (an inject, a follow-up, the end); null while paused or done. */
  nextWakeAt(): number | null {
    const clock = this.clock;
    if (!clock || clock.paused || this.ended) return null;
    let next = this.options.scenario.durationSeconds;
    for (const followUp of this.followUps) next = Math.min(next, followUp.atSeconds);
    for (const entry of this.schedule())
      if (entry.status === 'scheduled' && this.status.get(entry.id) === 'pending')
        next = Math.min(next, entry.atSeconds);
    return clock.wallAt(next);
  }

  /** Each inject's status, due time, fire time and states, in the scenario's order: the trainer's board. */
  board(): InjectRunRow[] {
    const entries = new Map(this.schedule().map((entry) => [entry.id, entry]));
    return this.options.scenario.injects.map((inject) => {
      const entry = entries.get(inject.id);
      const states: Partial<Record<InjectState, number>> = {};
      for (const [key, seconds] of this.observed) {
        const [id, state] = key.split(':') as [string, InjectState];
        if (id === inject.id) states[state] = seconds;
      }
      return {
        id: inject.id,
        kind: inject.kind,
        seat: inject.seat ?? null,
        summary: inject.summary ?? null,
        status: this.status.get(inject.id) ?? 'pending',
        dueSeconds: entry?.status === 'scheduled' ? entry.atSeconds : null,
        firedSeconds: states.fired ?? null,
        states,
      };
    });
  }

  private schedule(): readonly ScheduleEntry[] {
    const result = resolveSchedule(this.options.scenario.injects, this.observed);
    // A scenario with a loop of `after` never gets here: parseScenario refuses it.
    return result.ok ? result.entries : [];
  }

  private dueFollowUp(now: number): FollowUp | undefined {
    let first: FollowUp | undefined;
    for (const followUp of this.followUps)
      if (
        followUp.atSeconds <= now &&
        (!first ||
          followUp.atSeconds < first.atSeconds ||
          (followUp.atSeconds === first.atSeconds && followUp.order < first.order))
      )
        first = followUp;
    return first;
  }

  /** The earliest pending inject whose time has come (ties in scenario order). */
  private dueInject(now: number): Inject | undefined {
    let first: (ScheduleEntry & { status: 'scheduled' }) | undefined;
    for (const entry of this.schedule()) {
      if (entry.status !== 'scheduled' || entry.atSeconds > now) continue;
      if (this.status.get(entry.id) !== 'pending') continue;
      if (!first || entry.atSeconds < first.atSeconds) first = entry;
    }
    return first ? this.injects.get(first.id) : undefined;
  }

  /** A due inject: sent, or marked not needed when its contingency does not hold. */
  private fireDue(inject: Inject): void {
    if (inject.if !== undefined && !this.conditionHolds(inject.if)) {
      this.status.set(inject.id, 'not-needed');
      this.record({ kind: 'not-needed', injectId: inject.id }, null);
      return;
    }
    this.fire(inject, 'schedule', null);
  }

  private conditionHolds(condition: NonNullable<Inject['if']>): boolean {
    if ('notDone' in condition) return !this.observed.has(stateKey(condition.notDone.inject, condition.notDone.state));
    const { rule, inject } = condition.ruleFailed;
    return this.options.ruleFailed?.(rule, inject, this.seconds()) ?? false;
  }

  private fire(inject: Inject, by: 'schedule' | 'controller', actor: string | null): void {
    const at = this.seconds();
    this.status.set(inject.id, 'fired');
    this.observed.set(stateKey(inject.id, 'fired'), at);
    this.record({ kind: 'fired', injectId: inject.id, by }, actor);
    const { effects } = this.options;
    switch (inject.kind) {
      case 'call': {
        effects.ring(inject);
        const { rebid, hangUpAfterSeconds } = inject.ali;
        if (rebid) this.later(at + rebid.afterSeconds, () => effects.rebid(inject));
        if (hangUpAfterSeconds !== undefined) this.later(at + hangUpAfterSeconds, () => effects.hangUp(inject));
        break;
      }
      case 'radio': {
        effects.radio(inject, 0);
        const { repeats } = inject;
        // A radio repeats an emergency until it is acknowledged; a status line repeats as scripted.
        for (let repeat = 1; repeats && repeat <= repeats.count; repeat++)
          this.later(at + repeat * repeats.everySeconds, () => {
            if (inject.signal === 'emergency' && this.observed.has(stateKey(inject.id, 'acknowledged'))) return;
            effects.radio(inject, repeat);
          });
        break;
      }
      case 'unit':
        effects.unit(inject);
        break;
      case 'outage': {
        effects.linkDown(inject.link, inject);
        const { durationSeconds } = inject;
        if (durationSeconds !== undefined)
          this.later(at + durationSeconds, () => {
            effects.linkUp(inject.link, inject);
            this.observed.set(stateKey(inject.id, 'ended'), this.seconds());
            this.record({ kind: 'state', injectId: inject.id, state: 'ended' }, null);
          });
        break;
      }
      case 'restore':
        effects.linkUp(inject.link, inject);
        break;
      case 'note':
        effects.note(inject);
        break;
    }
  }

  private later(atSeconds: number, run: () => void): void {
    this.followUps.push({ atSeconds, order: (this.followUpOrder += 1), run });
  }

  private record(action: DrillAction, actor: string | null): void {
    this.options.onAction({ action, actor, wallMs: this.options.now(), drillSeconds: this.seconds() });
  }

  private running(): DrillClock {
    if (!this.clock) throw new DrillControlError('the drill has not started');
    if (this.ended) throw new DrillControlError('the drill has ended');
    return this.clock;
  }

  private inject(injectId: string): Inject {
    const inject = this.injects.get(injectId);
    if (!inject) throw new DrillControlError(`no inject "${injectId}" in this scenario`);
    return inject;
  }

  private expectStatus(injectId: string, allowed: readonly InjectRunStatus[]): void {
    const status = this.status.get(injectId) ?? 'pending';
    if (!allowed.includes(status)) throw new DrillControlError(`inject "${injectId}" is ${status}`);
  }
}
