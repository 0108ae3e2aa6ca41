/**
 * Hybrid logical clock (Kulkarni et al.): timestamps that follow wall time, never go backwards on
 * one console, and order causally across consoles — the basis for replicating the event log.
 * Encoded as a fixed-width string so that string order is timestamp order.
 */
export interface Hlc {
  /** Wall-clock part, UTC ms. */
  readonly wallMs: number;
  /** Breaks ties within one millisecond (and when the wall clock stands still or steps back). */
  readonly counter: number;
  /** Console code: the last tie-breaker, so two consoles never produce the same timestamp. */
  readonly node: string;
}

const WALL_DIGITS = 15;
const COUNTER_DIGITS = 6;
const MAX_COUNTER = 36 ** COUNTER_DIGITS - 1;

export function encodeHlc(hlc: Hlc): string {
  return `${hlc.wallMs.toString().padStart(WALL_DIGITS, '0')}-${hlc.counter.toString(36).padStart(COUNTER_DIGITS, '0')}-${hlc.node}`;
}

export function decodeHlc(text: string): Hlc | null {
  const match = /^(\d{15})-([0-9a-z]{6})-(.+)$/.exec(text);
  if (!match?.[1] || !match[2] || !match[3]) return null;
  return { wallMs: Number(match[1]), counter: parseInt(match[2], 36), node: match[3] };
}

/** The clock state of one console. */
export class HybridLogicalClock {
  private last: Hlc;

  constructor(
    private readonly node: string,
    private readonly wallClock: () => number,
    /** Resume after a restart from the newest timestamp already stored. */
    resumeFrom?: Hlc,
  ) {
    this.last = resumeFrom ?? { wallMs: 0, counter: 0, node };
  }

  /** A timestamp for a local event: greater than every timestamp seen so far. */
  now(): Hlc {
    const wall = this.wallClock();
    this.last =
      wall > this.last.wallMs
        ? { wallMs: wall, counter: 0, node: this.node }
        : this.bump(this.last.wallMs, this.last.counter);
    return this.last;
  }

  /** Merges a timestamp received from another console so that later local events sort after it. */
  receive(remote: Hlc): Hlc {
    const wall = this.wallClock();
    const maxWall = Math.max(wall, this.last.wallMs, remote.wallMs);
    let counter: number;
    if (maxWall === this.last.wallMs && maxWall === remote.wallMs)
      counter = Math.max(this.last.counter, remote.counter) + 1;
    else if (maxWall === this.last.wallMs) counter = this.last.counter + 1;
    else if (maxWall === remote.wallMs) counter = remote.counter + 1;
    else counter = 0;
    this.last =
      counter > MAX_COUNTER
        ? { wallMs: maxWall + 1, counter: 0, node: this.node }
        : { wallMs: maxWall, counter, node: this.node };
    return this.last;
  }

  private bump(wallMs: number, counter: number): Hlc {
    // The counter is wide enough for millions of events in one millisecond; past that, borrow a ms.
    return counter >= MAX_COUNTER
      ? { wallMs: wallMs + 1, counter: 0, node: this.node }
      : { wallMs, counter: counter + 1, node: this.node };
  }
}
