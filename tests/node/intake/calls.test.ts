// The call queue through a real host: telephony records on the internal path (rebids, repeat
// callers), two dispatchers taking calls, manual calls, releases, and a burst of 100 rings.
import { describe, expect, it } from 'vitest';
import type { CallRecord } from '../../../src-shared/domain/call';
import { BASIM, START, TAHRIR, aliRecord } from '../../support/scenario';
import { refusal } from '../../support/remoteClient';
import { useTestHosts } from '../support/testHost';
import { readDatabase } from '../support/readDatabase';

const CALLER = '07701234567';

describe('telephony records (host.intake.receiveCall)', () => {
  const { startHost } = useTestHosts();

  it('given no call from a number, when its first ALI record arrives, then a new call waits in the queue and is published', async () => {
    const { ring, api, published } = startHost();

    const received = ring(aliRecord(CALLER, { line: '911-04', address: 'شارع السعدون' }));

    expect(received).toMatchObject({
      source: 'ali',
      status: 'waiting',
      callerNumber: CALLER,
      line: '911-04',
      address: 'شارع السعدون',
      location: null,
      receivedAt: START,
      answeredAt: null,
      answeredBy: null,
      repeatOf: [],
      version: 1,
    });
    expect(await api.call.list({})).toEqual([received]);
    expect(published('onCallChanged')).toEqual([received]);
  });

  it('given a waiting call, when a second record for the same number arrives within the rebid window with the Phase II location, then the same call is updated', async () => {
    const { ring, api, clock, published, host } = startHost();
    const first = ring(aliRecord(CALLER, { classOfService: 'WPH1' }));

    clock.advance(30_000);
    const rebid = ring(
      aliRecord(CALLER, { classOfService: 'WPH2', location: { ...TAHRIR, accuracyM: 25, source: 'ali' } }),
    );

    expect(rebid.id).toBe(first.id);
    expect(rebid).toMatchObject({
      status: 'waiting',
      version: 2,
      classOfService: 'WPH2',
      location: { ...TAHRIR, accuracyM: 25, source: 'ali' },
      receivedAt: START,
      updatedAt: START + 30_000,
    });
    const queue = await api.call.list({});
    expect(queue).toHaveLength(1);
    expect(queue[0]).toEqual(rebid);
    expect(published('onCallChanged').map((changed) => [changed.id, changed.version])).toEqual([
      [first.id, 1],
      [first.id, 2],
    ]);
    const stored = readDatabase(host.store, (db) =>
      db.prepare<[string], { type: string }>('SELECT type FROM events WHERE stream_id = ? ORDER BY seq').all(first.id),
    );
    expect(stored.map((event) => event.type)).toEqual(['call.received', 'call.updated']);
  });

  it('given a call being taken, when the Phase II rebid arrives, then the answered call gains the location and stays answered', async () => {
    const { ring, api, clock } = startHost();
    const first = ring(aliRecord(CALLER));
    clock.advance(5_000);
    await api.call.answer({ callId: first.id });

    clock.advance(25_000);
    const rebid = ring(aliRecord(CALLER, { location: { ...TAHRIR, source: 'ali' } }));

    expect(rebid).toMatchObject({ id: first.id, status: 'answered', answeredBy: 'amal', version: 3 });
    expect(rebid.location).toEqual({ ...TAHRIR, source: 'ali' });
    expect(await api.call.list({})).toHaveLength(1);
  });

  it('given a call from a number, when the same number rings again after the rebid window, then it is a new call marked as a repeat of the first', async () => {
    const { ring, api, clock } = startHost();
    const first = ring(aliRecord(CALLER));

    clock.advance(121_000);
    const second = ring(aliRecord(CALLER, { location: { ...TAHRIR, source: 'ali' } }));

    expect(second.id).not.toBe(first.id);
    expect(second).toMatchObject({ version: 1, status: 'waiting', repeatOf: [first.id] });
    const queue = await api.call.list({});
    expect(queue.map((queued) => queued.id)).toEqual([first.id, second.id]);
    // The first call keeps what it had: the later record did not touch it.
    expect(queue[0]).toEqual(first);
  });

  it('given a caller whose call was released ten minutes ago, when they call again, then the new call carries repeatOf; after the repeat window it does not', async () => {
    const { ring, api, clock } = startHost();
    const first = ring(aliRecord(CALLER));
    await api.call.release({ callId: first.id, reason: 'abandoned' });

    clock.advance(10 * 60_000);
    const again = ring(aliRecord(CALLER));
    await api.call.release({ callId: again.id, reason: 'no-emergency' });
    clock.advance(16 * 60_000);
    const muchLater = ring(aliRecord(CALLER));
    const otherNumber = ring(aliRecord('07809998877'));

    expect(again.repeatOf).toEqual([first.id]);
    expect(muchLater.repeatOf).toEqual([]);
    expect(otherNumber.repeatOf).toEqual([]);
  });

  it('given ALI records whose callback number field is blank (fixed-width spaces), when they arrive, then each is its own call with no number', async () => {
    const { ring, api } = startHost();

    const first = ring(aliRecord('   '));
    const second = ring(aliRecord('   '));

    expect(first.callerNumber).toBeNull();
    expect(second.callerNumber).toBeNull();
    expect(second.id).not.toBe(first.id);
    expect(second.repeatOf).toEqual([]);
    expect((await api.call.list({})).map((queued) => queued.callerNumber)).toEqual([null, null]);
  });

  it('given a callback number padded with spaces, when it arrives, then it is stored trimmed and its rebid matches it', () => {
    const { ring } = startHost();

    const first = ring(aliRecord(` ${CALLER}  `));
    const rebid = ring(aliRecord(CALLER, { location: { ...TAHRIR, source: 'ali' } }));

    expect(first.callerNumber).toBe(CALLER);
    expect(rebid).toMatchObject({ id: first.id, version: 2 });
  });

  it('given 100 different numbers, when their records arrive back to back, then all 100 wait in call.list oldest first and each is published once', async () => {
    const { ring, api, published } = startHost();
    const numbers = Array.from({ length: 100 }, (_, index) => `0770${String(1_000_000 + index)}`);

    const received = numbers.map((number) => ring(aliRecord(number)));

    const queue = await api.call.list({});
    expect(new Set(received.map((one) => one.id)).size).toBe(100);
    expect(queue.map((queued) => queued.id)).toEqual(received.map((one) => one.id));
    expect(queue.map((queued) => queued.callerNumber)).toEqual(numbers);
    const changed = published('onCallChanged');
    expect(changed).toHaveLength(100);
    expect(changed).toEqual(received);
  });
});

describe('answering (call.answer)', () => {
  const { startHost } = useTestHosts();

  function waitingCall(): ReturnType<typeof startHost> & { waiting: CallRecord } {
    const started = startHost();
    return { ...started, waiting: started.ring(aliRecord(CALLER)) };
  }

  it('given a waiting call, when a dispatcher answers it, then the answer time and the dispatcher are stamped and published', async () => {
    const { waiting, api, clock, published } = waitingCall();

    clock.advance(12_000);
    const answered = await api.call.answer({ callId: waiting.id });

    expect(answered).toMatchObject({
      id: waiting.id,
      status: 'answered',
      answeredAt: START + 12_000,
      answeredBy: 'amal',
      version: 2,
    });
    expect(await api.call.list({})).toEqual([answered]);
    expect(published('onCallChanged').at(-1)).toEqual(answered);
  });

  it('given a call Amal answered, when Amal answers it again (double key press), then nothing changes', async () => {
    const { waiting, api, clock, published } = waitingCall();
    const answered = await api.call.answer({ callId: waiting.id });
    const eventsBefore = published('onCallChanged').length;

    clock.advance(3_000);
    const again = await api.call.answer({ callId: waiting.id });

    expect(again).toEqual(answered);
    expect(published('onCallChanged')).toHaveLength(eventsBefore);
  });

  it('given a call Amal answered, when Basim tries to answer it, then he gets CONFLICT naming Amal and the call stays hers', async () => {
    const { waiting, api, as } = waitingCall();
    const answered = await api.call.answer({ callId: waiting.id });

    const error = await refusal(as(BASIM).call.answer({ callId: waiting.id }));

    expect(error.code).toBe('CONFLICT');
    expect(error.message).toContain('amal');
    expect((await api.call.list({}))[0]).toEqual(answered);
  });

  it('given no such call, when a dispatcher answers it, then NOT_FOUND', async () => {
    const { api } = startHost();

    expect((await refusal(api.call.answer({ callId: '01JXXXXXXXXXXXXXXXXXXXXXXX' }))).code).toBe('NOT_FOUND');
  });

  it('given a dispatcher opening a call by hand, when call.receive comes with source manual, then the call is answered at once by that dispatcher', async () => {
    const { api, as, published } = startHost();

    const manual = await as(BASIM).call.receive({ source: 'manual', callerNumber: '07812345678' });

    expect(manual).toMatchObject({
      source: 'manual',
      status: 'answered',
      answeredBy: 'basim',
      answeredAt: START,
      receivedAt: START,
    });
    expect(await api.call.list({})).toEqual([manual]);
    expect(published('onCallChanged')).toEqual([manual]);
  });

  it('given the demo source, when call.receive comes, then the call waits like a telephony call', async () => {
    const { api, host } = startHost();

    const demo = await api.call.receive({ source: 'demo', callerNumber: '07701112223' });

    expect(demo).toMatchObject({ source: 'demo', status: 'waiting', answeredBy: null });
    expect(host.store.getCall(demo.id)).toEqual(demo);
  });
});

describe('releasing (call.release)', () => {
  const { startHost } = useTestHosts();

  it('given an answered call, when the dispatcher releases it as a misdial, then it leaves call.list as released; releasing again is a CONFLICT', async () => {
    const { ring, api, as, clock, published, host } = startHost();
    const waiting = ring(aliRecord(CALLER));
    await api.call.answer({ callId: waiting.id });

    clock.advance(40_000);
    const released = await api.call.release({ callId: waiting.id, reason: 'misdial' });

    expect(released).toMatchObject({ id: waiting.id, status: 'released', endedAt: START + 40_000, incidentId: null });
    expect(await api.call.list({})).toEqual([]);
    expect(host.store.getCall(waiting.id)).toEqual(released);
    expect(published('onCallChanged').at(-1)).toEqual(released);

    const error = await refusal(as(BASIM).call.release({ callId: waiting.id, reason: 'misdial' }));
    expect(error.code).toBe('CONFLICT');
    expect(host.store.getCall(waiting.id)).toEqual(released);
  });
});
