// The intake's guidance recorded (call.recordGuidance): a key question asked or an instruction read is
// an event of the call, folded into it, audited, published, and shown on its incident's timeline.
import { describe, expect, it } from 'vitest';
import type { CallRecord } from '../../../src-shared/domain/call';
import { START, TAHRIR, aliRecord, intakeDraft } from '../../support/scenario';
import { refusal } from '../../support/remoteClient';
import { useTestHosts, type HostUnderTest } from '../support/testHost';
import { readDatabase } from '../support/readDatabase';

const CALLER = '07701234567';
const TYPE = 'traffic-accident-fire';

describe('call.recordGuidance', () => {
  const { startHost } = useTestHosts();

  async function answeredCall(): Promise<HostUnderTest & { answered: CallRecord }> {
    const started = startHost();
    const waiting = started.ring(aliRecord(CALLER, { location: { ...TAHRIR, accuracyM: 30, source: 'ali' } }));
    started.clock.advance(5_000);
    return { ...started, answered: await started.api.call.answer({ callId: waiting.id }) };
  }

  it('given an answered call, when a key question is asked and an instruction read, then the call keeps both with their times, published and audited', async () => {
    const { api, clock, answered, published, host } = await answeredCall();

    clock.advance(10_000);
    await api.call.recordGuidance({ callId: answered.id, typeCode: TYPE, key: 'q2' });
    clock.advance(20_000);
    const call = await api.call.recordGuidance({ callId: answered.id, typeCode: TYPE, key: 'i1' });

    expect(call.guidance).toEqual([
      { typeCode: TYPE, key: 'q2', at: START + 15_000 },
      { typeCode: TYPE, key: 'i1', at: START + 35_000 },
    ]);
    expect(published('onCallChanged').at(-1)).toEqual(call);
    const audited = readDatabase(host.store, (db) =>
      db
        .prepare(
          "SELECT action, actor FROM audit WHERE action IN ('event:call.questionAsked', 'event:call.instructionRead') ORDER BY seq",
        )
        .all(),
    );
    expect(audited).toEqual([
      { action: 'event:call.questionAsked', actor: 'amal' },
      { action: 'event:call.instructionRead', actor: 'amal' },
    ]);
    expect(host.store.verifyAudit().ok).toBe(true);
  });

  it('given a question already recorded, when it is recorded again (double click), then nothing is written', async () => {
    const { api, answered, published } = await answeredCall();
    const first = await api.call.recordGuidance({ callId: answered.id, typeCode: TYPE, key: 'q1' });
    const eventsBefore = published('onCallChanged').length;

    const again = await api.call.recordGuidance({ callId: answered.id, typeCode: TYPE, key: 'q1' });

    expect(again).toEqual(first);
    expect(published('onCallChanged')).toHaveLength(eventsBefore);
  });

  it('given an unknown type, a key past the type’s list, a malformed key or a waiting call, then each is refused and nothing is written', async () => {
    const started = startHost();
    const waiting = started.ring(aliRecord(CALLER));
    const answered = await started.api.call.answer({ callId: started.ring(aliRecord('07801234567')).id });

    expect(
      (await refusal(started.api.call.recordGuidance({ callId: answered.id, typeCode: 'heart-attack', key: 'q1' })))
        .code,
    ).toBe('INVALID_ARGUMENT');
    const pastTheList = await refusal(
      started.api.call.recordGuidance({ callId: answered.id, typeCode: TYPE, key: 'q9' }),
    );
    expect(pastTheList).toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(pastTheList.message).toContain('key questions');
    expect(
      (await refusal(started.api.call.recordGuidance({ callId: answered.id, typeCode: TYPE, key: 'x1' }))).code,
    ).toBe('INVALID_ARGUMENT');
    expect(
      (await refusal(started.api.call.recordGuidance({ callId: waiting.id, typeCode: TYPE, key: 'q1' }))).code,
    ).toBe('CONFLICT');
    expect(started.host.store.getCall(answered.id)?.guidance).toBeUndefined();
    expect(started.host.store.getCall(waiting.id)?.guidance).toBeUndefined();
  });

  it('given questions asked during the intake and an instruction read after it was submitted, then the incident’s timeline shows them in order', async () => {
    const { api, clock, answered } = await answeredCall();
    clock.advance(5_000);
    await api.call.recordGuidance({ callId: answered.id, typeCode: TYPE, key: 'q1' });
    const draft = await api.intake.saveDraft({
      draft: intakeDraft({
        callId: answered.id,
        callerNumber: CALLER,
        location: { ...TAHRIR, accuracyM: 30, source: 'ali' },
        address: 'ساحة التحرير',
        typeCode: TYPE,
        openedAt: START + 5_000,
      }),
    });
    clock.advance(20_000);
    const incident = await api.intake.submit({ draft });
    clock.advance(10_000);
    await api.call.recordGuidance({ callId: answered.id, typeCode: TYPE, key: 'i2' });

    const { timeline } = await api.incident.get({ id: incident.id });

    const types = timeline.map((entry) => entry.type);
    expect(types[0]).toBe('call.questionAsked');
    expect(types.filter((type) => type === 'call.questionAsked')).toHaveLength(1);
    expect(types.indexOf('incident.created')).toBeGreaterThan(0);
    expect(types.at(-1)).toBe('call.instructionRead');
    expect(timeline.find((entry) => entry.type === 'call.instructionRead')).toMatchObject({
      payload: { typeCode: TYPE, key: 'i2' },
      at: START + 40_000,
      actor: 'amal',
    });
  });
});
