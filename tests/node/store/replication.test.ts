// The convergence contract of center mode, on the store alone: consoles that write concurrently and
// read one stream (here an in-memory list standing in for the center's JetStream stream, which the
// center tests run for real) end with identical projections, each equal to a rebuild from the log
// and to a new console that reads the whole stream.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../../../src-main/services/store/store';
import type { Store } from '../../../src-main/services/store/store';
import { START, dumpProjections, newIncident, useStores, type ManualClock } from '../support/store';

/** The center's stream: one ordered list; a publish with a known id is dropped (de-duplication). */
class MemoryStream {
  readonly events: StoredEvent[] = [];
  private readonly ids = new Set<string>();

  publish(event: StoredEvent): number {
    if (!this.ids.has(event.id)) {
      this.ids.add(event.id);
      this.events.push(event);
    }
    return this.events.findIndex((entry) => entry.id === event.id) + 1;
  }
}

interface Console {
  readonly code: string;
  readonly store: Store;
  readonly clock: ManualClock;
}

/** Publishes the console's oldest outbox event; false when the outbox is empty. */
function publishOne(console: Console, stream: MemoryStream): boolean {
  const [next] = console.store.outbox(1);
  if (!next) return false;
  const streamSeq = stream.publish(next);
  console.store.published([{ eventId: next.id, streamSeq }]);
  return true;
}

/** Reads the next event of the stream; false when the console is at the end. */
function consumeOne(console: Console, stream: MemoryStream): boolean {
  const seq = console.store.appliedStreamSeq() + 1;
  const event = stream.events[seq - 1];
  if (!event) return false;
  console.store.applyReplicated(event, seq);
  return true;
}

/** Reads up to `count` next events of the stream in one bulk batch, as a console catching up does. */
function catchUp(console: Console, stream: MemoryStream, count = Number.POSITIVE_INFINITY): number {
  const from = console.store.appliedStreamSeq();
  const items = stream.events.slice(from, from + count).map((event, index) => ({ event, streamSeq: from + index + 1 }));
  console.store.applyReplicatedBatch(items, { bulk: true });
  return items.length;
}

function drain(consoles: readonly Console[], stream: MemoryStream): void {
  for (const console of consoles) while (publishOne(console, stream));
  for (const console of consoles) while (consumeOne(console, stream));
}

/** One action a dispatcher might take at a console, on what that console can see. */
type Action =
  | { kind: 'create'; priority: 1 | 2 | 3 }
  | { kind: 'note'; pick: number; text: string }
  | { kind: 'priority'; pick: number; priority: 1 | 2 | 3 }
  | { kind: 'close'; pick: number }
  | { kind: 'call'; number: string }
  | { kind: 'answer'; pick: number }
  | { kind: 'unit'; unit: number; status: 'available' | 'out-of-service' | 'available-on-radio' };

const actionArbitrary: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ kind: fc.constant('create' as const), priority: fc.constantFrom(1 as const, 2 as const, 3 as const) }),
  fc.record({ kind: fc.constant('note' as const), pick: fc.nat(20), text: fc.constantFrom('دخان', 'إسعاف', 'smoke') }),
  fc.record({
    kind: fc.constant('priority' as const),
    pick: fc.nat(20),
    priority: fc.constantFrom(1 as const, 2 as const, 3 as const),
  }),
  fc.record({ kind: fc.constant('close' as const), pick: fc.nat(20) }),
  fc.record({ kind: fc.constant('call' as const), number: fc.constantFrom('07701234567', '07801112222') }),
  fc.record({ kind: fc.constant('answer' as const), pick: fc.nat(20) }),
  fc.record({
    kind: fc.constant('unit' as const),
    unit: fc.nat(2),
    status: fc.constantFrom('available' as const, 'out-of-service' as const, 'available-on-radio' as const),
  }),
);

/** A step of the schedule: a console acts, publishes one outbox event, or reads one stream event. */
type Step =
  | { readonly console: number; readonly do: 'act'; readonly action: Action }
  | { readonly console: number; readonly do: 'publish' }
  | { readonly console: number; readonly do: 'consume' }
  | { readonly console: number; readonly do: 'catchUp'; readonly count: number };

const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ console: fc.nat(2), do: fc.constant('act' as const), action: actionArbitrary }),
  fc.record({ console: fc.nat(2), do: fc.constant('publish' as const) }),
  fc.record({ console: fc.nat(2), do: fc.constant('consume' as const) }),
  fc.record({ console: fc.nat(2), do: fc.constant('catchUp' as const), count: fc.integer({ min: 1, max: 8 }) }),
);

function act(console: Console, action: Action): void {
  const { store } = console;
  const open = store.listOpen({ limit: 100 });
  const pick = <T>(items: readonly T[], index: number): T | undefined =>
    items.length === 0 ? undefined : items[index % items.length];
  const actor = `dispatcher:${console.code}`;
  try {
    switch (action.kind) {
      case 'create':
        store.createIncident(newIncident({ priority: action.priority }), actor);
        return;
      case 'note': {
        const incident = pick(open, action.pick);
        if (incident)
          store.appendIncidentEvent(
            incident.id,
            {
              type: 'incident.noteAdded',
              payload: { noteId: `N-${console.code}-${String(console.clock.now())}`, text: action.text },
            },
            actor,
          );
        return;
      }
      case 'priority': {
        const incident = pick(open, action.pick);
        if (incident)
          store.appendIncidentEvent(
            incident.id,
            { type: 'incident.updated', payload: { priority: action.priority } },
            actor,
          );
        return;
      }
      case 'close': {
        const incident = pick(open, action.pick);
        if (incident)
          store.appendIncidentEvent(
            incident.id,
            { type: 'incident.closed', payload: { disposition: 'no-action' } },
            actor,
          );
        return;
      }
      case 'call':
        store.receiveCall({ source: 'ali', callerNumber: action.number }, actor);
        return;
      case 'answer': {
        const call = pick(
          store.listActiveCalls(50).filter((entry) => entry.status === 'waiting'),
          action.pick,
        );
        if (call) store.appendCallEvent(call.id, { type: 'call.answered', payload: {} }, actor);
        return;
      }
      case 'unit': {
        const unitId = `U-${String(action.unit + 1)}`;
        const unit = store.units.get(unitId);
        if (!unit) return;
        store.appendUnitEvent(
          unitId,
          {
            type: 'unit.statusChanged',
            payload: {
              status: action.status,
              previous: unit.status,
              source: 'dispatcher',
              incidentId: null,
              reason: null,
            },
          },
          actor,
        );
        return;
      }
    }
  } catch {
    // A command this console's picture refuses (a closed incident, an answered call) writes nothing.
  }
}

describe('center mode: the replicated log converges (store level)', () => {
  const { openStore, readConnection } = useStores();

  const openConsole = (code: string, clock?: ManualClock): Console => {
    const opened = openStore({ consoleCode: code, ...(clock && { clock }) });
    opened.store.joinCenter('BGD');
    return { code, store: opened.store, clock: opened.clock };
  };

  /** The roster every console starts from: seeded at C1, replicated to the others. */
  const seedRoster = (consoles: readonly Console[], stream: MemoryStream): void => {
    const [first] = consoles;
    if (!first) return;
    for (let index = 1; index <= 3; index++) {
      first.store.appendUnitEvent(
        `U-${String(index)}`,
        {
          type: 'unit.saved',
          payload: {
            id: `U-${String(index)}`,
            callsign: `نجدة-${String(100 + index)}`,
            agency: 'police-patrols',
            kind: 'patrol-car',
            capabilities: [],
            station: null,
            home: null,
            crew: [],
            radioId: null,
            deviceId: null,
          },
        },
        'roster',
      );
    }
    drain(consoles, stream);
  };

  it('given three consoles acting concurrently in any interleaving, when every event is published and read, then their projections are identical, equal to a rebuild and to a new console that reads the stream', () => {
    fc.assert(
      fc.property(fc.array(stepArbitrary, { minLength: 5, maxLength: 60 }), (steps) => {
        const stream = new MemoryStream();
        const consoles = ['C1', 'C2', 'C3'].map((code) => openConsole(code));
        seedRoster(consoles, stream);
        for (const step of steps) {
          const console = consoles[step.console];
          if (!console) continue;
          console.clock.advance(1_000);
          if (step.do === 'act') act(console, step.action);
          else if (step.do === 'publish') publishOne(console, stream);
          else if (step.do === 'catchUp') catchUp(console, stream, step.count);
          else consumeOne(console, stream);
        }
        drain(consoles, stream);

        const digests = consoles.map((console) => console.store.projectionDigest());
        expect(new Set(digests).size).toBe(1);
        const late = openConsole('C9');
        while (consumeOne(late, stream));
        expect(late.store.projectionDigest()).toBe(digests[0]);
        // A console that missed it all catches up in large batches: the same projections and audit chain.
        const lateInBatches = openConsole('C9');
        while (catchUp(lateInBatches, stream, 16) > 0);
        expect(lateInBatches.store.projectionDigest()).toBe(digests[0]);
        expect(lateInBatches.store.verifyAudit()).toEqual(late.store.verifyAudit());
        for (const console of consoles) {
          console.store.rebuildProjections();
          expect(console.store.projectionDigest()).toBe(digests[0]);
          expect(console.store.verifyAudit().ok).toBe(true);
        }
      }),
      { numRuns: 40 },
    );
  }, 120_000);

  it('given a catch-up batch with many events on the same incidents, when it is applied as one bulk batch, then the tables, search results and audit chain are those of applying the events one by one', () => {
    const stream = new MemoryStream();
    const source = openConsole('C1');
    seedRoster([source], stream);
    const busy = source.store.createIncident(
      newIncident({ priority: 2, address: 'شارع فلسطين', note: 'دخان كثيف' }),
      'a',
    );
    const quiet = source.store.createIncident(newIncident({ priority: 3, address: 'الكرادة' }), 'a');
    for (let index = 0; index < 40; index++) {
      source.clock.advance(1_000);
      source.store.appendIncidentEvent(
        busy.id,
        { type: 'incident.noteAdded', payload: { noteId: `N-${String(index)}`, text: `ملاحظة رقم ${String(index)}` } },
        'a',
      );
      if (index % 10 === 3)
        source.store.appendIncidentEvent(
          busy.id,
          {
            type: 'incident.updated',
            payload: { priority: (index % 3) + 1, address: `حي ${String(index)}` },
          },
          'a',
        );
      if (index === 20) source.store.receiveCall({ source: 'ali', callerNumber: '07701234567' }, 'a');
    }
    source.store.appendIncidentEvent(busy.id, { type: 'incident.closed', payload: { disposition: 'no-action' } }, 'a');
    source.store.appendIncidentEvent(
      quiet.id,
      { type: 'incident.noteAdded', payload: { noteId: 'Q-1', text: 'هادئ' } },
      'a',
    );
    source.store.appendIncidentEvent(busy.id, { type: 'incident.reopened', payload: { reason: 'عاد' } }, 'a');
    while (publishOne(source, stream));

    const oneByOne = openConsole('C7');
    const batched = openConsole('C7');
    while (consumeOne(oneByOne, stream));
    expect(catchUp(batched, stream)).toBe(stream.events.length);

    const dump = (console: Console): string => dumpProjections(readConnection(console.store));
    expect(dump(batched)).toBe(dump(oneByOne));
    expect(batched.store.projectionDigest()).toBe(oneByOne.store.projectionDigest());
    expect(batched.store.getIncident(busy.id)).toEqual(oneByOne.store.getIncident(busy.id));
    for (const query of ['ملاحظة', 'ملاحظة 39', 'حي 33', 'فلسطين', 'دخان', 'الكرادة', 'هادئ'])
      expect(batched.store.search(query, 50)).toEqual(oneByOne.store.search(query, 50));
    expect(batched.store.search('حي 33', 5)).not.toEqual([]);
    const verified = batched.store.verifyAudit();
    expect(verified.ok).toBe(true);
    expect(verified).toEqual(oneByOne.store.verifyAudit());
    expect(batched.store.appliedStreamSeq()).toBe(stream.events.length);
  });

  it('given a catch-up batch with an event that fails only when its rows are written (a note id used twice), when it is applied in bulk, then it is applied again event by event: the same store as one by one', () => {
    const stream = new MemoryStream();
    const source = openConsole('C1');
    const incident = source.store.createIncident(newIncident(), 'a');
    source.store.appendIncidentEvent(
      incident.id,
      { type: 'incident.noteAdded', payload: { noteId: 'N-1', text: 'أولى' } },
      'a',
    );
    while (publishOne(source, stream));
    // Another console's event reusing the note id: its note row clashes with the first one's.
    const [, first] = stream.events;
    if (!first) throw new Error('no note event');
    stream.publish({ ...first, id: `${first.id.slice(0, -1)}${first.id.endsWith('Z') ? 'Y' : 'Z'}`, consoleId: 'C2' });

    const oneByOne = openConsole('C7');
    const batched = openConsole('C7');
    while (consumeOne(oneByOne, stream));
    catchUp(batched, stream);
    expect(dumpProjections(readConnection(batched.store))).toBe(dumpProjections(readConnection(oneByOne.store)));
    expect(batched.store.verifyAudit()).toEqual(oneByOne.store.verifyAudit());
    expect(batched.store.appliedStreamSeq()).toBe(3);
  });

  it('given a console that wrote to an incident before reading an earlier event of another console, when it reads it, then the incident is folded again in the stream order', () => {
    const stream = new MemoryStream();
    const [c1, c2] = ['C1', 'C2'].map((code) => openConsole(code)) as [Console, Console];
    const incident = c1.store.createIncident(newIncident({ priority: 2 }), 'dispatcher:C1');
    drain([c1, c2], stream);

    // C2 raises the priority and publishes first; C1 lowers it locally before reading C2's change.
    c2.store.appendIncidentEvent(incident.id, { type: 'incident.updated', payload: { priority: 1 } }, 'b');
    publishOne(c2, stream);
    c1.store.appendIncidentEvent(incident.id, { type: 'incident.updated', payload: { priority: 3 } }, 'a');
    expect(c1.store.getIncident(incident.id)?.priority).toBe(3);

    expect(consumeOne(c1, stream)).toBe(true); // C2's change, earlier in the stream than C1's own
    // The center's order so far: C2's change, then C1's own (not yet published): priority 3.
    expect(c1.store.getIncident(incident.id)?.priority).toBe(3);
    drain([c1, c2], stream);

    expect(c1.store.getIncident(incident.id)).toEqual(c2.store.getIncident(incident.id));
    expect(c1.store.getIncident(incident.id)?.version).toBe(3);
  });

  it('given a standalone database with records, when it joins a center, then every record is queued once; a database of another center is refused and nothing changes', () => {
    const opened = openStore({ consoleCode: 'C1' });
    opened.store.createIncident(newIncident(), 'dispatcher:C1');
    opened.store.createIncident(newIncident({ note: 'ملاحظة' }), 'dispatcher:C1');

    expect(opened.store.joinCenter('BGD')).toEqual({ joined: true, queued: 3 });
    expect(opened.store.joinCenter('BGD')).toEqual({ joined: false, queued: 0 });
    expect(opened.store.outboxSize()).toBe(3);
    expect(() => opened.store.joinCenter('BSR')).toThrow(/belongs to center BGD, not BSR/);
    expect(opened.store.centerCode()).toBe('BGD');
    expect(opened.clock.now()).toBeGreaterThanOrEqual(START);
  });
});
