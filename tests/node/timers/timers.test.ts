import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src-main/services/runtime/logger';
import { createAlarmService } from '../../../src-main/services/alarms/alarmService';
import { createTimerService } from '../../../src-main/services/timers/timerService';
import type { Alarm } from '../../../src-shared/domain/alarm';
import { DEFAULT_TIMER_THRESHOLDS, evaluateTimers } from '../../../src-shared/domain/timers';
import type { UnitRecord } from '../../../src-shared/domain/unit';
import { START, TAHRIR, aliRecord } from '../../support/scenario';
import { useTestHosts } from '../support/testHost';
import { useStores } from '../support/store';
import { readDatabase } from '../support/readDatabase';

const S = 1000;
const MINUTE = 60 * S;

function unit(
  id: string,
  status: UnitRecord['status'],
  statusSince: number,
  incidentId: string | null = null,
): UnitRecord {
  return {
    id,
    callsign: `A-${id}`,
    agency: 'ambulance',
    kind: 'ambulance-basic',
    capabilities: [],
    station: null,
    home: null,
    crew: [],
    radioId: null,
    deviceId: null,
    status,
    statusSince,
    statusSource: 'dispatcher',
    incidentId,
    updatedAt: statusSince,
    version: 1,
  };
}

describe('evaluateTimers (pure)', () => {
  it('given units en route 14:59 and 15:00, then only the second is overdue (the threshold itself counts)', () => {
    const conditions = evaluateTimers({
      now: START,
      thresholds: DEFAULT_TIMER_THRESHOLDS,
      incidents: [],
      calls: [],
      units: [unit('1', 'en-route', START - 15 * MINUTE + 1), unit('2', 'en-route', START - 15 * MINUTE)],
    });
    expect(conditions.map((condition) => condition.key)).toEqual(['unit-en-route-long:2']);
  });

  it('given a unit on scene for 20 minutes without a status report, then it is overdue; available units never are', () => {
    const conditions = evaluateTimers({
      now: START,
      thresholds: DEFAULT_TIMER_THRESHOLDS,
      incidents: [],
      calls: [],
      units: [unit('3', 'on-scene', START - 20 * MINUTE, 'inc-1'), unit('4', 'available', START - 600 * MINUTE)],
    });
    expect(conditions).toEqual([
      {
        key: 'unit-on-scene-long:3',
        kind: 'unit-on-scene-long',
        subjectId: '3',
        subject: 'A-3',
        since: START - 20 * MINUTE,
        incidentId: 'inc-1',
      },
    ]);
  });
});

describe('timers through the host', () => {
  const { startHost } = useTestHosts();
  const alarmsOf = (events: { name: string; payload: unknown }[]): Alarm[] =>
    events.filter((event) => event.name === 'onAlarm').map((event) => event.payload as Alarm);

  it('given a call ringing 20 s, when the clocks tick, then one alarm is raised, not repeated, and cleared when it is answered', async () => {
    const { host, clock, ring, api, events } = startHost();
    const ringing = ring(aliRecord('07701234567'));

    clock.set(START + 19 * S);
    await host.timers.tick();
    expect(await api.alarm.list({})).toEqual([]);

    clock.set(START + 20 * S);
    await host.timers.tick();
    await host.timers.tick();
    const listed = await api.alarm.list({});
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ kind: 'call-waiting', severity: 'warning', subject: '07701234567' });

    clock.set(START + 25 * S);
    await api.call.answer({ callId: ringing.id });
    await host.timers.tick();

    expect(await api.alarm.list({})).toEqual([]);
    const published = alarmsOf(events);
    expect(published.map((alarm) => [alarm.kind, alarm.clearedAt ?? null])).toEqual([
      ['call-waiting', null],
      ['call-waiting', START + 25 * S],
    ]);
    const audited = readDatabase(host.store, (db) =>
      db.prepare("SELECT action, actor FROM audit WHERE action LIKE 'event:alarm.%' ORDER BY seq").all(),
    );
    expect(audited).toEqual([
      { action: 'event:alarm.raised', actor: 'console:C1' },
      { action: 'event:alarm.cleared', actor: 'console:C1' },
    ]);
    expect(host.store.verifyAudit().ok).toBe(true);
  });

  it('given a P1 incident unassigned for 60 s, when acknowledged, then it stays quiet while still unassigned and ends with the dispatch', async () => {
    const { host, clock, api, events } = startHost();
    const incident = await api.incident.create({
      typeCode: 'shooting',
      priority: 1,
      agencies: ['police-patrols'],
      location: { ...TAHRIR, source: 'map' },
    });
    const p3 = await api.incident.create({ typeCode: 'theft', priority: 3, agencies: ['police-patrols'] });

    clock.set(START + 60 * S);
    await host.timers.tick();
    const [alarm] = await api.alarm.list({});
    expect(alarm).toMatchObject({
      kind: 'unassigned-p1',
      subject: incident.number,
      incidentId: incident.id,
      position: { lat: TAHRIR.lat, lon: TAHRIR.lon },
    });
    expect(alarmsOf(events).some((raised) => raised.subject === p3.number)).toBe(false);

    await api.alarm.acknowledge({ alarmId: alarm!.id });
    clock.set(START + 5 * MINUTE);
    await host.timers.tick();
    expect(await api.alarm.list({})).toEqual([]);

    await api.incident.append({
      incidentId: incident.id,
      change: { type: 'incident.statusChanged', payload: { status: 'dispatched' } },
    });
    await host.timers.tick();
    expect(alarmsOf(events).map((published) => [published.acknowledgedBy, published.clearedAt ?? null])).toEqual([
      [null, null],
      ['amal', null],
    ]);
  });

  it('given thresholds in the config, then the host uses them', async () => {
    const { host, clock, ring, api } = startHost({ config: { timers: { callWaitingSeconds: 5 } } });
    ring(aliRecord('07700000001'));
    clock.set(START + 5 * S);
    await host.timers.tick();
    expect(await api.alarm.list({})).toHaveLength(1);
  });
});

describe('unit timers on a real store with a given roster', () => {
  const { openStore } = useStores();

  it('given a unit en route 15 min, then it alarms once; when it arrives, the alarm is cleared; on scene 20 min, a new alarm', async () => {
    const { store, clock } = openStore();
    const published: Alarm[] = [];
    const alarms = createAlarmService({
      store,
      clock,
      logger: silentLogger(),
      consoleActor: 'console:C3',
      publish: (_name, alarm) => published.push(alarm),
    });
    // Recorded alarms reach windows through the store's commit feed, as the host wires it.
    store.onCommit((changes) => {
      for (const alarmId of changes.alarms) {
        const alarm = store.getAlarm(alarmId);
        if (alarm) published.push(alarm);
      }
    });
    let roster: UnitRecord[] = [unit('7', 'en-route', START, 'inc-9')];
    const timers = createTimerService({
      store,
      clock,
      logger: silentLogger(),
      thresholds: DEFAULT_TIMER_THRESHOLDS,
      units: { list: () => roster },
      alarms,
      intervalMs: 0,
    });

    clock.set(START + 15 * MINUTE);
    await Promise.all([timers.tick(), timers.tick()]);
    await timers.tick();
    expect(alarms.handlers.list({}, { clientId: 't', transport: 'internal', actor: 't' })).toMatchObject([
      { kind: 'unit-en-route-long', subject: 'A-7', incidentId: 'inc-9' },
    ]);

    roster = [unit('7', 'on-scene', START + 16 * MINUTE, 'inc-9')];
    clock.set(START + 16 * MINUTE);
    await timers.tick();
    clock.set(START + 36 * MINUTE);
    await timers.tick();

    expect(published.map((alarm) => [alarm.kind, alarm.clearedAt ?? null])).toEqual([
      ['unit-en-route-long', null],
      ['unit-en-route-long', START + 16 * MINUTE],
      ['unit-on-scene-long', null],
    ]);
    expect(timers.active().map((condition) => condition.key)).toEqual(['unit-on-scene-long:7']);
    timers.dispose();
  });
});

describe('unit timers through the host and its real roster', () => {
  const { startHost } = useTestHosts();

  it('given a unit of the roster en route for 15 minutes, then the host alarms with its callsign and clears the alarm when it arrives', async () => {
    const { host, clock, api } = startHost({ config: { operator: { name: 'Lead', role: 'shift-lead' } } });
    await api.unit.save({
      unit: { id: 'AMB-7', callsign: 'إسعاف ٧', agency: 'ambulance', kind: 'ambulance-basic' },
    });
    const incident = await api.incident.create({
      typeCode: 'cardiac-arrest',
      priority: 1,
      agencies: ['ambulance'],
      location: { ...TAHRIR, source: 'map' },
    });
    await api.dispatch.dispatch({ incidentId: incident.id, unitIds: ['AMB-7'] });
    await api.unit.setStatus({ unitId: 'AMB-7', status: 'en-route' });

    clock.set(START + 15 * MINUTE);
    await host.timers.tick();
    // The P1 incident has its unit: only the unit's clock ran out.
    expect(await api.alarm.list({})).toMatchObject([
      { kind: 'unit-en-route-long', subject: 'إسعاف ٧', incidentId: incident.id },
    ]);

    await api.unit.setStatus({ unitId: 'AMB-7', status: 'on-scene' });
    await host.timers.tick();
    expect(await api.alarm.list({})).toEqual([]);
  });
});
