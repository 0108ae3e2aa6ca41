import { describe, expect, it } from 'vitest';
import { Store } from '../../../src-main/services/store/store';
import { AppError } from '../../../src-shared/contract/errors';
import type { IncidentRecord } from '../../../src-shared/domain/incident';
import {
  START,
  countRows,
  createHistory,
  dumpProjections,
  newIncident,
  storeCounts,
  storeOptions,
  useStores,
} from '../support/store';

function appError(work: () => unknown): AppError {
  try {
    work();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError, nothing was thrown');
}

describe('incident projections', () => {
  const { openStore, rawConnection, readConnection } = useStores();

  describe('incident numbers', () => {
    it('given a fresh store, when incidents are created, then they are numbered BGD-YYMMDD-C3-NNNN in sequence', () => {
      const { store } = openStore();

      const numbers = [1, 2, 3].map(() => store.createIncident(newIncident(), 'dispatcher').number);

      expect(numbers).toEqual(['BGD-261129-C3-0001', 'BGD-261129-C3-0002', 'BGD-261129-C3-0003']);
    });

    it('given 22:30 UTC on 28 Nov, when an incident is created, then its number carries the Baghdad date 29 Nov', () => {
      const { store, clock } = openStore();
      clock.set(Date.UTC(2026, 10, 28, 20, 59, 59));
      const lateEvening = store.createIncident(newIncident(), 'dispatcher');
      clock.set(Date.UTC(2026, 10, 28, 22, 30));
      const afterMidnight = store.createIncident(newIncident(), 'dispatcher');

      expect(lateEvening.number).toBe('BGD-261128-C3-0001');
      expect(afterMidnight.number).toBe('BGD-261129-C3-0001');
    });

    it('given incidents on one Baghdad day, when the next day starts, then the sequence starts again at 0001', () => {
      const { store, clock } = openStore();
      store.createIncident(newIncident(), 'dispatcher');
      store.createIncident(newIncident(), 'dispatcher');
      clock.set(Date.UTC(2026, 10, 29, 21, 0)); // 00:00 on 30 Nov in Baghdad

      expect(store.createIncident(newIncident(), 'dispatcher').number).toBe('BGD-261130-C3-0001');
    });

    it('given a file that console C3 numbered, when console C4 creates in it, then C4 has its own sequence', () => {
      const { store, path, clock } = openStore();
      store.createIncident(newIncident(), 'dispatcher');
      store.createIncident(newIncident(), 'dispatcher');
      store.close();

      const c4 = Store.open(storeOptions(path, clock, { consoleCode: 'C4' }));
      try {
        expect(c4.createIncident(newIncident(), 'dispatcher').number).toBe('BGD-261129-C4-0001');
      } finally {
        c4.close();
      }
    });
  });

  it('given an incident routed to fire and ems, when created, then each agency has an open queue row and police has none', () => {
    const { store } = openStore();

    const incident = store.createIncident(newIncident({ priority: 1, agencies: ['fire', 'ems'] }), 'dispatcher');

    expect(incident.agencies).toEqual([
      { agency: 'fire', status: 'routed', since: START },
      { agency: 'ems', status: 'routed', since: START },
    ]);
    expect(incident.routedAt).toBe(START);
    expect(
      readConnection(store)
        .prepare('SELECT * FROM incident_agencies WHERE incident_id = ? ORDER BY agency')
        .all(incident.id),
    ).toEqual([
      {
        incident_id: incident.id,
        agency: 'ems',
        status: 'routed',
        since: START,
        open: 1,
        priority: 1,
        created_at: START,
      },
      {
        incident_id: incident.id,
        agency: 'fire',
        status: 'routed',
        since: START,
        open: 1,
        priority: 1,
        created_at: START,
      },
    ]);
    expect(store.listOpen({ agency: 'ems', limit: 10 }).map((row) => row.id)).toEqual([incident.id]);
    expect(store.listOpen({ agency: 'police', limit: 10 })).toEqual([]);
  });

  it('given a routed incident, when police is added and fire completes, then the agency queues follow', () => {
    const { store, clock } = openStore();
    const incident = store.createIncident(newIncident({ agencies: ['fire'] }), 'dispatcher');
    clock.advance(10_000);

    store.appendIncidentEvent(
      incident.id,
      { type: 'incident.routed', payload: { agencies: ['police'] } },
      'dispatcher',
    );
    clock.advance(10_000);
    const updated = store.appendIncidentEvent(
      incident.id,
      { type: 'incident.agencyStatusChanged', payload: { agency: 'fire', status: 'completed' } },
      'dispatcher',
    );

    expect(updated.agencies).toEqual([
      { agency: 'fire', status: 'completed', since: START + 20_000 },
      { agency: 'police', status: 'routed', since: START + 10_000 },
    ]);
    expect(updated.routedAt).toBe(START);
    expect(store.listOpen({ agency: 'fire', limit: 10 })).toEqual([]);
    expect(store.listOpen({ agency: 'police', limit: 10 }).map((row) => row.id)).toEqual([incident.id]);
  });

  it('given an incident, when its status moves forward and back, then each milestone is stamped once, at the first time', () => {
    const { store, clock } = openStore();
    const incident = store.createIncident(newIncident(), 'dispatcher');
    const move = (status: 'dispatched' | 'en-route' | 'on-scene'): IncidentRecord => {
      clock.advance(60_000);
      return store.appendIncidentEvent(
        incident.id,
        { type: 'incident.statusChanged', payload: { status } },
        'dispatcher',
      );
    };

    move('dispatched');
    move('en-route');
    move('dispatched'); // re-dispatched: the first dispatch time stands
    const onScene = move('on-scene');

    expect(onScene).toMatchObject({
      status: 'on-scene',
      dispatchedAt: START + 60_000,
      enRouteAt: START + 120_000,
      onSceneAt: START + 240_000,
      updatedAt: START + 240_000,
      version: 5,
    });
    expect(store.getIncident(incident.id)).toEqual(onScene);
  });

  it('given an open incident, when it is closed, then it leaves every queue; when reopened, it comes back pending', () => {
    const { store, clock } = openStore();
    const incident = store.createIncident(newIncident({ agencies: ['fire', 'police'] }), 'dispatcher');
    clock.advance(600_000);

    const closed = store.appendIncidentEvent(
      incident.id,
      { type: 'incident.closed', payload: { disposition: 'false-alarm', reason: 'no fire found' } },
      'dispatcher',
    );

    expect(closed).toMatchObject({ status: 'closed', disposition: 'false-alarm', closedAt: START + 600_000 });
    expect(store.listOpen({ limit: 10 })).toEqual([]);
    expect(store.listOpen({ agency: 'fire', limit: 10 })).toEqual([]);
    expect(countRows(readConnection(store), 'incident_agencies', 'open = 1')).toBe(0);

    clock.advance(60_000);
    const reopened = store.appendIncidentEvent(
      incident.id,
      { type: 'incident.reopened', payload: { reason: 'caller rang back' } },
      'shift-lead',
    );

    expect(reopened).toMatchObject({ status: 'pending', disposition: null, closedAt: null, version: 3 });
    expect(store.listOpen({ limit: 10 }).map((row) => row.id)).toEqual([incident.id]);
    expect(store.listOpen({ agency: 'police', limit: 10 }).map((row) => row.id)).toEqual([incident.id]);
  });

  it('given an open incident, when it is reopened, then CONFLICT and nothing is written', () => {
    const { store } = openStore();
    const incident = store.createIncident(newIncident(), 'dispatcher');
    const before = storeCounts(readConnection(store));

    const error = appError(() =>
      store.appendIncidentEvent(incident.id, { type: 'incident.reopened', payload: { reason: 'x' } }, 'dispatcher'),
    );

    expect(error.code).toBe('CONFLICT');
    expect(storeCounts(readConnection(store))).toEqual(before);
  });

  it('given a closed incident, when any change but a note is appended, then CONFLICT; a note is still accepted', () => {
    const { store } = openStore();
    const incident = store.createIncident(newIncident({ agencies: ['fire'] }), 'dispatcher');
    store.appendIncidentEvent(
      incident.id,
      { type: 'incident.closed', payload: { disposition: 'resolved' } },
      'dispatcher',
    );
    const before = storeCounts(readConnection(store));

    const changes: Parameters<Store['appendIncidentEvent']>[1][] = [
      { type: 'incident.updated', payload: { priority: 1 } },
      { type: 'incident.routed', payload: { agencies: ['police'] } },
      { type: 'incident.agencyStatusChanged', payload: { agency: 'fire', status: 'on-scene' } },
      { type: 'incident.statusChanged', payload: { status: 'dispatched' } },
      { type: 'incident.callerLinked', payload: { callId: 'call-9' } },
      { type: 'incident.closed', payload: { disposition: 'resolved' } },
    ];
    const refused = changes.map(
      (event) => appError(() => store.appendIncidentEvent(incident.id, event, 'dispatcher')).code,
    );

    expect(refused).toEqual(Array(6).fill('CONFLICT'));
    expect(storeCounts(readConnection(store))).toEqual(before);

    const noted = store.appendIncidentEvent(
      incident.id,
      { type: 'incident.noteAdded', payload: { noteId: 'late-note', text: 'follow-up call from the family' } },
      'dispatcher',
    );
    expect(noted).toMatchObject({ status: 'closed', version: 3 });
    expect(store.timeline(incident.id).map((entry) => entry.type)).toEqual([
      'incident.created',
      'incident.closed',
      'incident.noteAdded',
    ]);
  });

  it('given an incident at version 2, when a change expects version 1, then CONFLICT and nothing is written; expecting 2 succeeds', () => {
    const { store } = openStore();
    const incident = store.createIncident(newIncident(), 'dispatcher');
    store.appendIncidentEvent(incident.id, { type: 'incident.updated', payload: { priority: 1 } }, 'dispatcher-a');
    const before = storeCounts(readConnection(store));

    const error = appError(() =>
      store.appendIncidentEvent(incident.id, { type: 'incident.updated', payload: { priority: 4 } }, 'dispatcher-b', 1),
    );

    expect(error.code).toBe('CONFLICT');
    expect(error.message).toMatch(/version 2, expected 1/);
    expect(storeCounts(readConnection(store))).toEqual(before);
    expect(store.getIncident(incident.id)?.priority).toBe(1);
    expect(
      store.appendIncidentEvent(incident.id, { type: 'incident.updated', payload: { priority: 4 } }, 'dispatcher-b', 2),
    ).toMatchObject({ priority: 4, version: 3 });
  });

  it.each([
    ['a type code with capitals', newIncident({ typeCode: 'Big Fire' })],
    ['priority 9', newIncident({ priority: 9 })],
    ['an agency code with spaces', newIncident({ agencies: ['civil defense'] })],
    ['a latitude of 200', newIncident({ location: { lat: 200, lon: 44, source: 'gps' } })],
    ['an address of 600 characters', newIncident({ address: 'x'.repeat(600) })],
  ])(
    'given %s, when an incident is created, then INVALID_ARGUMENT and nothing is written, not even a number',
    (_what, input) => {
      const { store } = openStore();
      store.createIncident(newIncident(), 'dispatcher');
      const before = storeCounts(readConnection(store));

      const error = appError(() => store.createIncident(input, 'dispatcher'));

      expect(error.code).toBe('INVALID_ARGUMENT');
      expect(storeCounts(readConnection(store))).toEqual(before);
      expect(store.createIncident(newIncident(), 'dispatcher').number).toBe('BGD-261129-C3-0002');
    },
  );

  it('given a valid incident with a note too long, when created, then INVALID_ARGUMENT and neither the incident nor the note is written', () => {
    const { store } = openStore();
    const before = storeCounts(readConnection(store));

    const error = appError(() => store.createIncident(newIncident({ note: 'x'.repeat(10_001) }), 'dispatcher'));

    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(storeCounts(readConnection(store))).toEqual(before);
  });

  it('given an incident, when a change with an invalid payload is appended, then INVALID_ARGUMENT and nothing is written', () => {
    const { store } = openStore();
    const incident = store.createIncident(newIncident(), 'dispatcher');
    const before = storeCounts(readConnection(store));

    const codes = [
      { type: 'incident.statusChanged', payload: { status: 'closed' } },
      { type: 'incident.updated', payload: { priority: 0 } },
      { type: 'incident.noteAdded', payload: { noteId: 'n', text: '' } },
      { type: 'incident.routed', payload: { agencies: [] } },
      { type: 'incident.updated', payload: { unknownField: true } },
    ].map((event) => appError(() => store.appendIncidentEvent(incident.id, event as never, 'dispatcher')).code);

    expect(codes).toEqual(Array(5).fill('INVALID_ARGUMENT'));
    expect(storeCounts(readConnection(store))).toEqual(before);
    expect(store.getIncident(incident.id)?.version).toBe(1);
  });

  it('given open incidents of several agencies, priorities and statuses, when the queue is listed, then it is most urgent first, then oldest', () => {
    const { store, clock } = openStore();
    const create = (priority: 1 | 2 | 3, agencies: string[]): IncidentRecord => {
      clock.advance(1_000);
      return store.createIncident(newIncident({ priority, agencies }), 'dispatcher');
    };
    const a = create(3, ['police']);
    const b = create(1, ['fire']);
    const c = create(2, ['police', 'ems']);
    const d = create(1, ['police']);
    store.appendIncidentEvent(d.id, { type: 'incident.statusChanged', payload: { status: 'dispatched' } }, 'x');
    const closed = create(1, ['police']);
    store.appendIncidentEvent(closed.id, { type: 'incident.closed', payload: { disposition: 'resolved' } }, 'x');

    const ids = (records: readonly IncidentRecord[]): string[] => records.map((record) => record.id);
    expect(ids(store.listOpen({ limit: 10 }))).toEqual([b.id, d.id, c.id, a.id]);
    expect(ids(store.listOpen({ limit: 2 }))).toEqual([b.id, d.id]);
    expect(ids(store.listOpen({ status: 'pending', limit: 10 }))).toEqual([b.id, c.id, a.id]);
    expect(ids(store.listOpen({ agency: 'police', limit: 10 }))).toEqual([d.id, c.id, a.id]);
    expect(ids(store.listOpen({ agency: 'police', status: 'pending', limit: 10 }))).toEqual([c.id, a.id]);
  });

  it('given an agency queue whose most urgent incidents are pending, when it is listed by another status with a small limit, then the matching incidents still come back', () => {
    const { store, clock } = openStore();
    for (let index = 0; index < 5; index++) {
      clock.advance(1_000);
      store.createIncident(newIncident({ priority: 1, agencies: ['police'] }), 'dispatcher');
    }
    clock.advance(1_000);
    const dispatched = store.createIncident(newIncident({ priority: 3, agencies: ['police'] }), 'dispatcher');
    store.appendIncidentEvent(
      dispatched.id,
      { type: 'incident.statusChanged', payload: { status: 'dispatched' } },
      'x',
    );

    const queue = store.listOpen({ agency: 'police', status: 'dispatched', limit: 2 });

    expect(queue.map((record) => record.id)).toEqual([dispatched.id]);
  });

  it('given an incident with a history, when the timeline is read, then every event is there in order with its actor and console', () => {
    const { store, clock } = openStore();
    const incident = store.createIncident(newIncident({ note: 'دخان كثيف' }), 'dispatcher-1');
    clock.advance(5_000);
    store.appendIncidentEvent(
      incident.id,
      { type: 'incident.statusChanged', payload: { status: 'dispatched' } },
      'dispatcher-2',
    );

    const timeline = store.timeline(incident.id);

    expect(timeline.map(({ type, actor, consoleId, at }) => ({ type, actor, consoleId, at }))).toEqual([
      { type: 'incident.created', actor: 'dispatcher-1', consoleId: 'C3', at: START },
      { type: 'incident.noteAdded', actor: 'dispatcher-1', consoleId: 'C3', at: START },
      { type: 'incident.statusChanged', actor: 'dispatcher-2', consoleId: 'C3', at: START + 5_000 },
    ]);
    expect(timeline[1]?.payload).toMatchObject({ text: 'دخان كثيف' });
  });

  it('given ~200 incidents with a mixed history, when the projections are rebuilt from the event log, then every projection table is byte-identical', () => {
    const { store, clock } = openStore({ durability: 'NORMAL' });
    createHistory(store, clock, 200, { seed: 7 });
    const before = dumpProjections(readConnection(store));
    const events = countRows(readConnection(store), 'events');
    expect(countRows(readConnection(store), 'incidents')).toBe(200);
    expect(countRows(readConnection(store), 'incident_notes')).toBeGreaterThan(100);
    expect(countRows(readConnection(store), 'incidents', "status = 'closed'")).toBeGreaterThan(50);
    expect(countRows(readConnection(store), 'events', "type = 'incident.reopened'")).toBeGreaterThan(0);

    const rebuilt = store.rebuildProjections();

    expect(rebuilt.events).toBe(events);
    expect(dumpProjections(readConnection(store))).toBe(before);
    expect(store.verifyAudit().ok).toBe(true);
  });

  it('given damaged projections, when they are rebuilt, then they match what the live path wrote', () => {
    const { store, clock } = openStore({ durability: 'NORMAL' });
    createHistory(store, clock, 30, { seed: 3 });
    const before = dumpProjections(readConnection(store));
    rawConnection(store.status.path).exec(
      "UPDATE incidents SET status = 'pending', priority = 4; DELETE FROM incident_agencies; DELETE FROM note_search",
    );

    store.rebuildProjections();

    expect(dumpProjections(readConnection(store))).toBe(before);
  });
});
