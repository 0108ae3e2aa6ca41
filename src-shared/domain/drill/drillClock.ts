/**
 * Drill time: seconds since the drill started, pauses excluded, scaled by the controller's speed.
 * Every inject time, state time and scored interval of a drill is in drill seconds, so a paused
 * minute never counts against a trainee and a run at ×4 scores like one in real time.
 *
 * Pure and immutable: each control returns a new clock, so the runner can keep the one it acted on
 * and a test can step wall time by hand.
 */

/** The speeds the controller may choose (issue 19: ×0.5 to ×4). */
export const DRILL_SPEED_MIN = 0.5;
export const DRILL_SPEED_MAX = 4;

export class DrillSpeedError extends Error {
  constructor(speed: number) {
    super(
      `drill speed must be between ×${String(DRILL_SPEED_MIN)} and ×${String(DRILL_SPEED_MAX)}, got ${String(speed)}`,
    );
    this.name = 'DrillSpeedError';
  }
}

export function checkDrillSpeed(speed: number): number {
  if (!Number.isFinite(speed) || speed < DRILL_SPEED_MIN || speed > DRILL_SPEED_MAX) throw new DrillSpeedError(speed);
  return speed;
}

export interface DrillClockState {
  /** Drill seconds reached at `sinceWallMs` (the last start, resume or speed change). */
  readonly baseSeconds: number;
  readonly sinceWallMs: number;
  readonly speed: number;
  readonly paused: boolean;
  /** Wall milliseconds spent paused so far (for the report). */
  readonly pausedWallMs: number;
}

export class DrillClock {
  private constructor(readonly state: DrillClockState) {}

  /** A clock at drill second 0, running from `wallMs`. */
  static start(wallMs: number, speed = 1): DrillClock {
    return new DrillClock({
      baseSeconds: 0,
      sinceWallMs: wallMs,
      speed: checkDrillSpeed(speed),
      paused: false,
      pausedWallMs: 0,
    });
  }

  static from(state: DrillClockState): DrillClock {
    checkDrillSpeed(state.speed);
    return new DrillClock(state);
  }

  get paused(): boolean {
    return this.state.paused;
  }

  get speed(): number {
    return this.state.speed;
  }

  /** Drill seconds at a wall instant (fractional). Wall time before the last change reads as that change. */
  secondsAt(wallMs: number): number {
    const { baseSeconds, sinceWallMs, speed, paused } = this.state;
    if (paused) return baseSeconds;
    return baseSeconds + (Math.max(0, wallMs - sinceWallMs) / 1000) * speed;
  }

  /** The wall instant drill second `seconds` is reached, or null while paused (it never is). */
  wallAt(seconds: number): number | null {
    const { baseSeconds, sinceWallMs, speed, paused } = this.state;
    if (paused) return null;
    if (seconds <= baseSeconds) return sinceWallMs;
    return sinceWallMs + ((seconds - baseSeconds) * 1000) / speed;
  }

  pause(wallMs: number): DrillClock {
    if (this.state.paused) return this;
    return new DrillClock({ ...this.state, baseSeconds: this.secondsAt(wallMs), sinceWallMs: wallMs, paused: true });
  }

  resume(wallMs: number): DrillClock {
    if (!this.state.paused) return this;
    const pausedFor = Math.max(0, wallMs - this.state.sinceWallMs);
    return new DrillClock({
      ...this.state,
      sinceWallMs: wallMs,
      paused: false,
      pausedWallMs: this.state.pausedWallMs + pausedFor,
    });
  }

  withSpeed(speed: number, wallMs: number): DrillClock {
    checkDrillSpeed(speed);
    if (this.state.paused) return new DrillClock({ ...this.state, speed });
    return new DrillClock({ ...this.state, baseSeconds: this.secondsAt(wallMs), sinceWallMs: wallMs, speed });
  }
}
