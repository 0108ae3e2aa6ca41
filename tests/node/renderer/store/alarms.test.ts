// Alarms the whole room must see: raised ones held, acknowledged or cleared ones gone, emergencies first.
import { describe, expect, it } from 'vitest';
import { alarmSelectors, useAlarmStore } from '../../../../src-renderer/store/alarms/alarmStore';
import { T0, alarm } from '../support/records';
import { useWindow } from '../support/window';

const orderedIds = (): string[] => alarmSelectors.ordered(useAlarmStore.getState()).map((shown) => shown.id);

describe('alarm store', () => {
  const host = useWindow();

  it('given a raised alarm, when it is acknowledged, then it leaves the banner', () => {
    host.send({ name: 'onAlarm', payload: alarm({ id: 'a1' }) });
    host.send({ name: 'onAlarm', payload: alarm({ id: 'a1', acknowledgedAt: T0 + 5_000, acknowledgedBy: 'amal' }) });

    expect(orderedIds()).toEqual([]);
  });

  it('given a raised timer alarm, when its clock stops before anyone acknowledges it, then it leaves the banner', () => {
    host.send({ name: 'onAlarm', payload: alarm({ id: 'a1', kind: 'call-waiting' }) });
    host.send({ name: 'onAlarm', payload: alarm({ id: 'a1', kind: 'call-waiting', clearedAt: T0 + 5_000 }) });

    expect(orderedIds()).toEqual([]);
  });

  it('given alarms of every kind, then a radio emergency comes first, then by kind, then the oldest', () => {
    for (const raised of [
      alarm({ id: 'waiting', kind: 'call-waiting', raisedAt: T0 - 60_000 }),
      alarm({ id: 'p1-new', kind: 'unassigned-p1', raisedAt: T0 + 1_000 }),
      alarm({ id: 'p1-old', kind: 'unassigned-p1', raisedAt: T0 }),
      alarm({ id: 'mayday', kind: 'radio-emergency', severity: 'emergency', raisedAt: T0 + 9_000 }),
    ])
      host.send({ name: 'onAlarm', payload: raised });

    expect(orderedIds()).toEqual(['mayday', 'p1-old', 'p1-new', 'waiting']);
  });

  it('given a reconnect, then only the host’s unacknowledged alarms are shown', async () => {
    host.send({ name: 'onAlarm', payload: alarm({ id: 'stale' }) });

    await host.connect({
      alarm: { list: [alarm({ id: 'a1' }), alarm({ id: 'a2', acknowledgedAt: T0, acknowledgedBy: 'basim' })] },
    });

    expect(orderedIds()).toEqual(['a1']);
  });
});
