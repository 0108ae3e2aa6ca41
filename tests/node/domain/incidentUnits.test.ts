// The incident fold's unit rules: the incident's status follows its units when one clears; a transport's destination.
import { describe, expect, it } from 'vitest';
import {
  applyIncidentEvent,
  incidentEventPayloads,
  recentlyClearedUnitIds,
  type IncidentEvent,
  type IncidentEventPayload,
  type IncidentEventType,
  type IncidentRecord,
} from '../../../src-shared/domain/incident';

const START = Date.UTC(2026, 10, 29, 9, 0, 0);
const MINUTE = 60_000;

let sequence = 0;
function event<T extends IncidentEventType>(type: T, payload: IncidentEventPayload<T>, at: number): IncidentEvent {
  sequence += 1;
  return {
    id: `E${String(sequence)}`,
    incidentId: 'I1',
    type,
    payload,
    at,
    hlc: String(at),
    actor: 'amal',
    consoleId: 'C1',
  } as IncidentEvent;
}

function fold(events: readonly IncidentEvent[]): IncidentRecord {
  let state: IncidentRecord | null = null;
  for (const next of events) state = applyIncidentEvent(state, next);
  if (!state) throw new Error('no events');
  return state;
}

const created = event(
  'incident.created',
  { number: 'BGD-1', typeCode: 'building-fire', priority: 1, agencies: ['civil-defence', 'ambulance'] },
  START,
);
const dispatched = (unitIds: readonly string[], at: number) =>
  event(
    'incident.unitsDispatched',
    { units: unitIds.map((unitId) => ({ unitId, callsign: unitId, agency: 'civil-defence' })) },
    at,
  );
const progress = (unitId: string, status: IncidentEventPayload<'incident.unitProgress'>['status'], at: number) =>
  event('incident.unitProgress', { unitId, status, source: 'radio' }, at);

describe('incident status follows its units', () => {
  it('given the only unit on scene, when it clears, then the incident no longer says on scene but waits (pending)', () => {
    const incident = fold([
      created,
      dispatched(['U-301'], START + MINUTE),
      progress('U-301', 'on-scene', START + 5 * MINUTE),
      progress('U-301', 'cleared', START + 20 * MINUTE),
    ]);

    expect(incident.status).toBe('pending');
    // The milestones are facts for the KPIs and stay.
    expect(incident.onSceneAt).toBe(START + 5 * MINUTE);
    expect(incident.dispatchedAt).toBe(START + MINUTE);
  });

  it('given one unit on scene and one en route, when the one on scene clears, then the incident is en route', () => {
    const incident = fold([
      created,
      dispatched(['U-301', 'U-306'], START + MINUTE),
      progress('U-301', 'on-scene', START + 5 * MINUTE),
      progress('U-306', 'en-route', START + 6 * MINUTE),
      progress('U-301', 'cleared', START + 10 * MINUTE),
    ]);

    expect(incident.status).toBe('en-route');
  });

  it('given a unit transporting, when another clears, then the incident stays on scene', () => {
    const incident = fold([
      created,
      dispatched(['U-301', 'U-203'], START + MINUTE),
      progress('U-203', 'transporting', START + 8 * MINUTE),
      progress('U-301', 'cleared', START + 9 * MINUTE),
    ]);

    expect(incident.status).toBe('on-scene');
  });

  it('given a unit on scene and a second unit en route, then the incident stays on scene (it never moves back while a unit is there)', () => {
    const incident = fold([
      created,
      dispatched(['U-301'], START + MINUTE),
      progress('U-301', 'on-scene', START + 5 * MINUTE),
      dispatched(['U-306'], START + 6 * MINUTE),
      progress('U-306', 'en-route', START + 7 * MINUTE),
    ]);

    expect(incident.status).toBe('on-scene');
  });
});

describe('recently cleared units', () => {
  it('given a unit that cleared 5 minutes ago, then it is recent; an hour later, or once dispatched again, it is not', () => {
    const incident = fold([
      created,
      dispatched(['U-301', 'U-306'], START + MINUTE),
      progress('U-301', 'cleared', START + 10 * MINUTE),
    ]);

    expect([...recentlyClearedUnitIds(incident, START + 15 * MINUTE, 30 * MINUTE)]).toEqual(['U-301']);
    expect([...recentlyClearedUnitIds(incident, START + 70 * MINUTE, 30 * MINUTE)]).toEqual([]);

    const again = applyIncidentEvent(incident, dispatched(['U-301'], START + 12 * MINUTE));
    expect([...recentlyClearedUnitIds(again, START + 15 * MINUTE, 30 * MINUTE)]).toEqual([]);
  });
});

describe("a transporting unit's destination", () => {
  const transport = (unitId: string, status: 'transporting' | 'at-hospital', at: number, destination?: string) =>
    event(
      'incident.unitProgress',
      { unitId, status, source: 'mdt', ...(destination !== undefined && { destination }) },
      at,
    );

  it('given a unit transporting to a hospital, then its entry names the hospital until it clears', () => {
    const base = [
      created,
      dispatched(['A-101'], START + MINUTE),
      progress('A-101', 'on-scene', START + 5 * MINUTE),
      transport('A-101', 'transporting', START + 15 * MINUTE, 'مستشفى اليرموك'),
    ];
    expect(fold(base).units[0]?.destination).toBe('مستشفى اليرموك');

    // At hospital without naming it again: still the same hospital.
    const arrived = [...base, transport('A-101', 'at-hospital', START + 25 * MINUTE)];
    expect(fold(arrived).units[0]?.destination).toBe('مستشفى اليرموك');

    const cleared = fold([...arrived, progress('A-101', 'cleared', START + 40 * MINUTE)]);
    expect(cleared.units[0]?.status).toBe('cleared');
    expect(cleared.units[0]).not.toHaveProperty('destination');
  });

  it('given an older transport event without a destination, then the entry has none (folds as before)', () => {
    const incident = fold([
      created,
      dispatched(['A-101'], START + MINUTE),
      transport('A-101', 'transporting', START + 15 * MINUTE),
    ]);
    expect(incident.units[0]?.status).toBe('transporting');
    expect(incident.units[0]).not.toHaveProperty('destination');
  });

  it('given a destination on a progress event, then the schema strips bidi controls and refuses a blank one', () => {
    const schema = incidentEventPayloads['incident.unitProgress'];
    const parsed = schema.parse({
      unitId: 'A-101',
      status: 'transporting',
      source: 'mdt',
      destination: ' \u202eالكندي ',
    });
    expect(parsed.destination).toBe('الكندي');
    expect(schema.safeParse({ unitId: 'A-101', status: 'transporting', source: 'mdt', destination: ' ' }).success).toBe(
      false,
    );
    expect(
      schema.safeParse({ unitId: 'A-101', status: 'transporting', source: 'mdt', destination: 'x'.repeat(121) })
        .success,
    ).toBe(false);
  });
});
