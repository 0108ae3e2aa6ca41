import {
  evaluateTimers,
  thresholdMs,
  type TimerCondition,
  type TimerThresholds,
} from '../../../src-shared/domain/timers';
import type { Clock } from '../runtime/clock';
import type { Logger } from '../runtime/logger';
import type { AlarmService } from '../alarms/alarmService';
import type { Store } from '../store/store';
import type { UnitService } from '../units/unitService';

export interface TimerService {
  /** Evaluates every clock now: raises alarms for new overdue conditions, clears those that ended. */
  tick(): Promise<readonly TimerCondition[]>;
  /** Conditions currently overdue (alarmed, acknowledged or not). */
  active(): readonly TimerCondition[];
  dispose(): void;
}

/** P1 incidents are few; the pending queue is read most urgent first and cut here. */
const PENDING_LIMIT = 1_000;
const CALLS_LIMIT = 500;

/**
 * Watches the room's clocks on a tick. One alarm per subject per condition: an overdue incident
 * alarms once, stays quiet after it is acknowledged while it stays overdue, and its alarm is
 * cleared as soon as the condition ends (a unit assigned, the unit arrived, the call answered).
 * The roster is read from the units service (kept in memory there).
 */
export function createTimerService(deps: {
  store: Store;
  clock: Clock;
  logger: Logger;
  thresholds: TimerThresholds;
  units: Pick<UnitService, 'list'>;
  alarms: Pick<AlarmService, 'raise' | 'clear'>;
  /** Milliseconds between ticks; 0 runs no schedule (tests call `tick`). */
  intervalMs: number;
  /** Time the room's clocks stood still between two instants (a paused drill). */
  stoppedBetween?: (from: number, to: number) => number;
}): TimerService {
  const raised = new Map<string, { condition: TimerCondition; alarmId: string }>();
  let disposed = false;

  const evaluate = (): readonly TimerCondition[] => {
    const units = deps.units.list();
    if (disposed) return [];
    const now = deps.clock.now();
    const incidents = deps.store
      .listOpen({ status: 'pending', limit: PENDING_LIMIT })
      .filter((incident) => incident.priority === 1);
    const conditions = evaluateTimers({
      now,
      thresholds: deps.thresholds,
      incidents,
      units,
      calls: deps.store.listActiveCalls(CALLS_LIMIT),
      ...(deps.stoppedBetween && { stoppedBetween: deps.stoppedBetween }),
    });
    const current = new Set<string>();
    for (const condition of conditions) {
      current.add(condition.key);
      if (raised.has(condition.key)) continue;
      const incident = condition.incidentId ? incidents.find((entry) => entry.id === condition.incidentId) : undefined;
      // Every console of a center sees the same condition: the same key and deadline give one alarm.
      const alarm = deps.alarms.raise({
        kind: condition.kind,
        severity: 'warning',
        subject: condition.subject,
        source: `timer:${condition.kind}`,
        position: incident?.location ? { lat: incident.location.lat, lon: incident.location.lon } : null,
        incidentId: condition.incidentId,
        raisedAt:
          condition.since +
          thresholdMs(deps.thresholds, condition.kind) +
          (deps.stoppedBetween?.(condition.since, now) ?? 0),
        key: `${condition.key}:${String(condition.since)}`,
      });
      raised.set(condition.key, { condition, alarmId: alarm.id });
    }
    for (const [key, entry] of raised) {
      if (current.has(key)) continue;
      raised.delete(key);
      deps.alarms.clear(entry.alarmId, 'condition ended');
    }
    return conditions;
  };

  const tick = (): Promise<readonly TimerCondition[]> => {
    try {
      return Promise.resolve(evaluate());
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  };

  const timer =
    deps.intervalMs > 0
      ? setInterval(() => {
          tick().catch((error: unknown) => deps.logger.error({ err: error }, 'timer tick failed'));
        }, deps.intervalMs)
      : null;
  timer?.unref();

  return {
    tick,
    active: () => [...raised.values()].map((entry) => entry.condition),
    dispose() {
      disposed = true;
      if (timer) clearInterval(timer);
    },
  };
}
