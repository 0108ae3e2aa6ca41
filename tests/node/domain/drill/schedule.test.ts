// The pure schedule the drill runner uses: at, after (planned or observed), manual, and cycles refused.
import { describe, expect, it } from 'vitest';
import {
  formatDrillTime,
  inTimeOrder,
  resolveSchedule,
  stateKey,
  type SchedulableInject,
} from '../../../../src-shared/domain/drill/schedule';

const injects: SchedulableInject[] = [
  { id: 'call-1', at: 10 },
  { id: 'call-2', after: { inject: 'call-1', state: 'answered', delaySeconds: 30 } },
  { id: 'note', after: { inject: 'call-1', state: 'fired', delaySeconds: 5 } },
  { id: 'outage', at: 100, durationSeconds: 120 },
  { id: 'restored', after: { inject: 'outage', state: 'ended', delaySeconds: 0 } },
  { id: 'extra', manual: true },
  { id: 'after-extra', after: { inject: 'extra', state: 'fired', delaySeconds: 10 } },
];

describe('resolveSchedule', () => {
  it('given only the script, then at and fired chains are planned, other states wait and manual is never scheduled', () => {
    const result = resolveSchedule(injects);

    expect(result).toEqual({
      ok: true,
      entries: [
        { id: 'call-1', status: 'scheduled', atSeconds: 10, basis: 'planned' },
        { id: 'call-2', status: 'waiting', on: { inject: 'call-1', state: 'answered' } },
        { id: 'note', status: 'scheduled', atSeconds: 15, basis: 'planned' },
        { id: 'outage', status: 'scheduled', atSeconds: 100, basis: 'planned' },
        { id: 'restored', status: 'scheduled', atSeconds: 220, basis: 'planned' },
        { id: 'extra', status: 'manual' },
        { id: 'after-extra', status: 'waiting', on: { inject: 'extra', state: 'fired' } },
      ],
    });
  });

  it('given the states a run has seen, then they win over the plan', () => {
    const observed = new Map([
      [stateKey('call-1', 'fired'), 12],
      [stateKey('call-1', 'answered'), 20],
      [stateKey('extra', 'fired'), 300],
      [stateKey('outage', 'ended'), 250],
    ]);

    const result = resolveSchedule(injects, observed);

    expect(result.ok && result.entries).toEqual([
      { id: 'call-1', status: 'scheduled', atSeconds: 12, basis: 'observed' },
      { id: 'call-2', status: 'scheduled', atSeconds: 50, basis: 'observed' },
      { id: 'note', status: 'scheduled', atSeconds: 17, basis: 'observed' },
      { id: 'outage', status: 'scheduled', atSeconds: 100, basis: 'planned' },
      { id: 'restored', status: 'scheduled', atSeconds: 250, basis: 'observed' },
      { id: 'extra', status: 'scheduled', atSeconds: 300, basis: 'observed' },
      { id: 'after-extra', status: 'scheduled', atSeconds: 310, basis: 'observed' },
    ]);
  });

  it('given a manual inject that is never fired, then it is never scheduled whatever else happens', () => {
    const observed = new Map([[stateKey('call-1', 'answered'), 20]]);
    const result = resolveSchedule([{ id: 'extra', manual: true }], observed);
    expect(result).toEqual({ ok: true, entries: [{ id: 'extra', status: 'manual' }] });
  });

  it('given a cycle of after links, then the schedule is refused and names each loop once', () => {
    const result = resolveSchedule([
      { id: 'a', after: { inject: 'b', state: 'fired', delaySeconds: 1 } },
      { id: 'b', after: { inject: 'c', state: 'fired', delaySeconds: 1 } },
      { id: 'c', after: { inject: 'a', state: 'fired', delaySeconds: 1 } },
      { id: 'd', after: { inject: 'a', state: 'fired', delaySeconds: 1 } },
      { id: 'self', after: { inject: 'self', state: 'fired', delaySeconds: 1 } },
    ]);
    expect(result).toEqual({ ok: false, cycles: [['a', 'b', 'c'], ['self']] });
  });

  it('given entries, when put in time order, then scheduled come by time, then waiting, then manual', () => {
    const result = resolveSchedule(injects);
    if (!result.ok) throw new Error('no cycle here');
    expect(inTimeOrder(result.entries).map((entry) => entry.id)).toEqual([
      'call-1',
      'note',
      'outage',
      'restored',
      'call-2',
      'after-extra',
      'extra',
    ]);
  });

  it('formats drill times as H:MM:SS', () => {
    expect([0, 75, 3600 + 61].map(formatDrillTime)).toEqual(['0:00:00', '0:01:15', '1:01:01']);
  });
});
