import { describe, expect, it } from 'vitest';
import { isAlarmActive, isAlarmSounding, type Alarm } from '../../../src-shared/domain/alarm';
import { applyAlarmEvent, type AlarmEvent } from '../../../src-shared/domain/alarmEvents';

const T0 = 1_795_942_800_000;

function fold(kind: Alarm['kind'], ...rest: (Omit<AlarmEvent, 'alarmId' | 'at'> & { at?: number })[]): Alarm {
  const raised: AlarmEvent = {
    alarmId: 'A1',
    type: 'alarm.raised',
    payload: {
      kind,
      severity: 'warning',
      subject: 'S',
      source: 'test',
      position: null,
      incidentId: null,
      raisedAt: T0,
    },
    at: T0,
    actor: 'console:C1',
  };
  return rest.reduce<Alarm>(
    (state, event, index) =>
      applyAlarmEvent(state, { ...event, alarmId: 'A1', at: event.at ?? T0 + index + 1 } as AlarmEvent),
    applyAlarmEvent(null, raised),
  );
}

describe('alarm events', () => {
  it('given a radio emergency acknowledged, then it is still shown but silent, until resolved with a note', () => {
    const acknowledged = fold('radio-emergency', { type: 'alarm.acknowledged', payload: {}, actor: 'Amal' });
    expect([isAlarmActive(acknowledged), isAlarmSounding(acknowledged), acknowledged.acknowledgedBy]).toEqual([
      true,
      false,
      'Amal',
    ]);
    const resolved = fold(
      'radio-emergency',
      { type: 'alarm.acknowledged', payload: {}, actor: 'Amal' },
      { type: 'alarm.cleared', payload: { reason: 'timer' }, actor: 'console:C1' },
      { type: 'alarm.resolved', payload: { note: 'crew safe' }, actor: 'Ziad' },
      { type: 'alarm.resolved', payload: { note: 'again' }, actor: 'Noor' },
    );
    expect(resolved).toMatchObject({
      acknowledgedBy: 'Amal',
      clearedAt: null,
      resolvedBy: 'Ziad',
      resolution: 'crew safe',
    });
    expect(isAlarmActive(resolved)).toBe(false);
  });

  it('given a clock alarm, when acknowledged, then it is no longer shown; resolving an unacknowledged one acknowledges it', () => {
    expect(isAlarmActive(fold('call-waiting', { type: 'alarm.acknowledged', payload: {}, actor: 'Amal' }))).toBe(false);
    const resolved = fold('radio-emergency', {
      type: 'alarm.resolved',
      payload: { note: 'false alarm' },
      actor: 'Ziad',
    });
    expect([resolved.acknowledgedBy, resolved.resolvedBy, isAlarmActive(resolved)]).toEqual(['Ziad', 'Ziad', false]);
  });
});
