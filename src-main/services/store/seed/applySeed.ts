import type { Store } from '../store';
import type { IncidentPlan, PlannedStep, SeedChange } from './seedPlan';

/** The actor of every seeded event: how `nida db seed` tells its own incidents from real ones. */
export const SEED_ACTOR = 'nida-seed';

// ---------------------------------------------------------------------------------------------
// Applying plans to a store

/** The clock the store was opened with, which the seeder moves to each event's time. */
export interface SeedClock {
  set(utcMs: number): void;
}

export interface ApplyPlansOptions {
  readonly clock: SeedClock;
  /**
   * Store calls per database transaction. 1 is what the console does (one transaction per change);
   * larger batches make bulk seeding fast. Every call still goes through the store's own path.
   */
  readonly batchSize?: number;
  readonly actor?: string;
}

export interface SeedResult {
  readonly incidents: number;
  readonly events: number;
  readonly notes: number;
  readonly open: number;
  readonly firstAt: number | null;
  readonly lastAt: number | null;
}

interface Pending {
  readonly at: number;
  readonly order: number;
  readonly incidentId: string;
  readonly change: SeedChange;
}

/** A binary min-heap of pending steps by (time, insertion order). */
class PendingQueue {
  private readonly items: Pending[] = [];

  peek(): Pending | undefined {
    return this.items[0];
  }

  push(item: Pending): void {
    const items = this.items;
    items.push(item);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(item, items[parent] as Pending)) break;
      items[i] = items[parent] as Pending;
      i = parent;
    }
    items[i] = item;
  }

  pop(): Pending | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (top === undefined || last === undefined || items.length === 0) return top;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= items.length) break;
      const right = left + 1;
      const child = right < items.length && before(items[right] as Pending, items[left] as Pending) ? right : left;
      if (!before(items[child] as Pending, last)) break;
      items[i] = items[child] as Pending;
      i = child;
    }
    items[i] = last;
    return top;
  }
}

function before(a: Pending, b: Pending): boolean {
  return a.at < b.at || (a.at === b.at && a.order < b.order);
}

/** Where replayed plans go: the store (`applyPlans`), or a benchmark's bulk writer. */
export interface PlanSink {
  /** Creates the incident (with its opening note) at `plan.createdAt`; returns its id. */
  create(plan: IncidentPlan): string;
  append(incidentId: string, step: PlannedStep): void;
}

/**
 * Feeds plans (oldest first) to a sink with every incident's steps interleaved in global time
 * order: the store's hybrid logical clock never goes backwards, so events must reach it in the
 * order they happened.
 */
export function replayPlans(plans: Iterable<IncidentPlan>, sink: PlanSink): SeedResult {
  const queue = new PendingQueue();
  let order = 0;
  let incidents = 0;
  let events = 0;
  let notes = 0;
  let firstAt: number | null = null;
  let lastAt: number | null = null;
  let lastCreated = Number.NEGATIVE_INFINITY;
  const open = new Set<string>();

  const flushUntil = (limit: number): void => {
    while ((queue.peek()?.at ?? Number.POSITIVE_INFINITY) <= limit) {
      const next = queue.pop();
      if (next === undefined) break;
      sink.append(next.incidentId, next);
      events += 1;
      lastAt = next.at;
      if (next.change.type === 'incident.noteAdded') notes += 1;
      if (next.change.type === 'incident.closed') open.delete(next.incidentId);
    }
  };

  for (const plan of plans) {
    if (plan.createdAt < lastCreated) throw new RangeError('plans must be replayed oldest first');
    lastCreated = plan.createdAt;
    flushUntil(plan.createdAt);
    const incidentId = sink.create(plan);
    incidents += 1;
    events += 2;
    notes += 1;
    firstAt ??= plan.createdAt;
    lastAt = plan.createdAt;
    open.add(incidentId);
    for (const step of plan.steps) queue.push({ at: step.at, order: order++, incidentId, change: step.change });
  }
  flushUntil(Number.POSITIVE_INFINITY);
  return { incidents, events, notes, open: open.size, firstAt, lastAt };
}

/**
 * Replays plans through the store's normal path: `createIncident` and `appendIncidentEvent`, with
 * the store's clock moved to each event's time.
 */
export function applyPlans(store: Store, plans: Iterable<IncidentPlan>, options: ApplyPlansOptions): SeedResult {
  const actor = options.actor ?? SEED_ACTOR;
  return store.inBatches(Math.max(1, options.batchSize ?? 1), (call) =>
    replayPlans(plans, {
      create: (plan) =>
        call(() => {
          options.clock.set(plan.createdAt);
          return store.createIncident(plan.incident, actor).id;
        }),
      append: (incidentId, step) => {
        call(() => {
          options.clock.set(step.at);
          store.appendIncidentEvent(incidentId, step.change, actor);
        });
      },
    }),
  );
}
