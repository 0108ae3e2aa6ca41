// Duplicate calls (call.duplicates) and attaching a call to the incident it repeats (call.attach):
// near, recent, compatible type — or the same caller — and never a closed incident.
import { describe, expect, it } from 'vitest';
import type { IntakeDraft } from '../../../src-shared/contract/schemas';
import type { CallRecord } from '../../../src-shared/domain/call';
import type { IncidentRecord } from '../../../src-shared/domain/incident';
import { BASIM, MINUTE, START, TAHRIR, aliRecord, intakeDraft, offset } from '../../support/scenario';
import { refusal } from '../../support/remoteClient';
import { useTestHosts, type HostUnderTest } from '../support/testHost';

const FIRST_CALLER = '07701111111';
const SECOND_CALLER = '07802222222';

describe('duplicate proposals (call.duplicates)', () => {
  const { startHost } = useTestHosts();

  /** An open incident of `typeCode` at `at`, made from a call by FIRST_CALLER. */
  async function openIncident(
    started: HostUnderTest,
    typeCode = 'traffic-accident-fire',
    at: { lat: number; lon: number } = TAHRIR,
    callerNumber = FIRST_CALLER,
  ): Promise<IncidentRecord> {
    const ringing = started.ring(aliRecord(callerNumber, { location: { ...at, source: 'ali' } }));
    return started.api.intake.submit({ draft: intakeDraft({ callId: ringing.id, typeCode }) });
  }

  function ringAt(
    started: HostUnderTest,
    point: { lat: number; lon: number },
    callerNumber = SECOND_CALLER,
  ): CallRecord {
    return started.ring(aliRecord(callerNumber, { location: { ...point, accuracyM: 20, source: 'ali' } }));
  }

  it('given an open incident, when a call comes 150 m away 5 minutes later, then it is proposed once as nearby at about 150 m', async () => {
    const started = startHost();
    const incident = await openIncident(started);
    started.clock.advance(5 * MINUTE);
    const second = ringAt(started, offset(TAHRIR, 150));

    const proposals = await started.as(BASIM).call.duplicates({ callId: second.id });

    expect(proposals).toHaveLength(1);
    expect(proposals[0]?.incident.id).toBe(incident.id);
    expect(proposals[0]?.reason).toBe('nearby');
    expect(proposals[0]?.distanceM).toBeCloseTo(150, 0);
    expect(proposals[0]?.ageMs).toBe(5 * MINUTE);
  });

  it('given an open incident, when a call comes 450 m away, then nothing is proposed', async () => {
    const started = startHost();
    await openIncident(started);
    started.clock.advance(MINUTE);
    const far = ringAt(started, offset(TAHRIR, 0, 450));

    expect(await started.as(BASIM).call.duplicates({ callId: far.id })).toEqual([]);
  });

  it('given an incident 25 minutes old, when a call comes 150 m away, then nothing is proposed (window 20 minutes)', async () => {
    const started = startHost();
    const incident = await openIncident(started);
    started.clock.advance(19 * MINUTE);
    const stillRecent = ringAt(started, offset(TAHRIR, 150), '07803333333');
    expect((await started.api.call.duplicates({ callId: stillRecent.id })).map((p) => p.incident.id)).toEqual([
      incident.id,
    ]);

    started.clock.advance(6 * MINUTE);
    const late = ringAt(started, offset(TAHRIR, 150));

    expect(await started.as(BASIM).call.duplicates({ callId: late.id })).toEqual([]);
  });

  it.each([
    ['the same category (two traffic types)', true, 'traffic-accident-fire', 'traffic-accident-injuries'],
    [
      'a building fire vs a traffic accident with fire (civil defence in common)',
      true,
      'building-fire',
      'traffic-accident-fire',
    ],
    ['a cardiac arrest vs a theft', false, 'cardiac-arrest', 'theft'],
    [
      'a traffic accident without injuries vs a robbery (nothing in common)',
      false,
      'traffic-accident-no-injuries',
      'robbery',
    ],
    ['no type chosen yet', true, 'cardiac-arrest', undefined],
  ] as const)(
    'given a nearby incident and %s, when duplicates are asked for, then proposed: %s',
    async (_what, expected, incidentType, callType) => {
      const started = startHost();
      const incident = await openIncident(started, incidentType);
      started.clock.advance(2 * MINUTE);
      const second = ringAt(started, offset(TAHRIR, 100));

      const proposals = await started
        .as(BASIM)
        .call.duplicates({ callId: second.id, ...(callType !== undefined && { typeCode: callType }) });

      expect(proposals.map((proposal) => proposal.incident.id)).toEqual(expected ? [incident.id] : []);
    },
  );

  it('given the same caller reported an incident across town, when they call again near another incident, then the same-caller incident is proposed first', async () => {
    const started = startHost();
    const mansour = offset(TAHRIR, 4_000, -6_000);
    const theirs = await openIncident(started, 'cardiac-arrest', mansour, FIRST_CALLER);
    const nearby = await openIncident(started, 'traffic-accident-fire', TAHRIR, '07504444444');
    started.clock.advance(3 * MINUTE);
    const again = ringAt(started, offset(TAHRIR, 50), FIRST_CALLER);

    const proposals = await started.as(BASIM).call.duplicates({ callId: again.id });

    expect(proposals.map((proposal) => [proposal.incident.id, proposal.reason])).toEqual([
      [theirs.id, 'same-caller'],
      [nearby.id, 'nearby'],
    ]);
    expect(proposals[0]?.distanceM).toBeGreaterThan(7_000);
  });

  it('given the same caller with no location yet and a type that does not fit, when duplicates are asked for, then their incident is still proposed', async () => {
    const started = startHost();
    const theirs = await openIncident(started, 'cardiac-arrest');
    started.clock.advance(MINUTE);

    const proposals = await started.as(BASIM).call.duplicates({ callerNumber: FIRST_CALLER, typeCode: 'theft' });

    expect(proposals.map((proposal) => [proposal.incident.id, proposal.reason, proposal.distanceM])).toEqual([
      [theirs.id, 'same-caller', null],
    ]);
  });

  it('given an incident that was closed, when the same caller calls from the same spot, then it is never proposed', async () => {
    const started = startHost();
    const incident = await openIncident(started);
    await started.api.incident.append({
      incidentId: incident.id,
      change: { type: 'incident.closed', payload: { disposition: 'false-alarm' } },
    });
    started.clock.advance(MINUTE);
    const again = ringAt(started, TAHRIR, FIRST_CALLER);

    expect(await started.as(BASIM).call.duplicates({ callId: again.id })).toEqual([]);
    expect(await started.as(BASIM).call.duplicates({ location: { ...TAHRIR, source: 'map' } })).toEqual([]);
  });

  it('given the console clock was stepped back 5 s (time sync) after an incident was created, when a call comes 100 m away, then the incident is still proposed', async () => {
    const started = startHost();
    started.clock.advance(10_000);
    const incident = await openIncident(started);
    started.clock.set(START + 5_000);
    const second = ringAt(started, offset(TAHRIR, 100));

    const proposals = await started.as(BASIM).call.duplicates({ callId: second.id });

    expect(proposals.map((proposal) => [proposal.incident.id, proposal.reason, proposal.ageMs])).toEqual([
      [incident.id, 'nearby', 0],
    ]);
  });

  it('given the call that created the incident, when duplicates are asked for it, then its own incident is not proposed', async () => {
    const started = startHost();
    await openIncident(started);
    const [own] = started.published('onCallChanged').slice(-1);

    expect(await started.api.call.duplicates({ callId: own?.id })).toEqual([]);
  });
});

describe('attaching a call to an incident (call.attach)', () => {
  const { startHost } = useTestHosts();

  async function incidentAndSecondCall(): Promise<
    HostUnderTest & { incident: IncidentRecord; second: CallRecord; draft: IntakeDraft }
  > {
    const started = startHost();
    const first = started.ring(aliRecord(FIRST_CALLER, { location: { ...TAHRIR, source: 'ali' } }));
    const incident = await started.api.intake.submit({
      draft: intakeDraft({ callId: first.id, typeCode: 'traffic-accident-fire' }),
    });
    started.clock.advance(4 * MINUTE);
    const ringing = started.ring(
      aliRecord(SECOND_CALLER, { callerName: 'ليلى', location: { ...offset(TAHRIR, 100), source: 'ali' } }),
    );
    started.clock.advance(10_000);
    const second = await started.as(BASIM).call.answer({ callId: ringing.id });
    const draft = await started.as(BASIM).intake.saveDraft({
      draft: intakeDraft({
        callId: second.id,
        callerNumber: SECOND_CALLER,
        narrative: [{ at: START + 4 * MINUTE + 20_000, text: 'الدخان وصل إلى البناية المجاورة' }],
      }),
    });
    started.clock.advance(15_000);
    return { ...started, incident, second, draft };
  }

  it('given a second caller about an open incident, when Basim attaches the call, then it is linked as a duplicate, the incident gains the call and the narrative, the draft is discarded, and all is published', async () => {
    const { api, as, incident, second, draft, host, published, events } = await incidentAndSecondCall();
    const eventsBefore = events.length;

    const attached = await as(BASIM).call.attach({ callId: second.id, incidentId: incident.id, draftId: draft.id });

    expect(attached.id).toBe(incident.id);
    expect(attached.callIds).toEqual([...incident.callIds, second.id]);
    expect(attached.version).toBe(incident.version + 2);
    const linked = host.store.getCall(second.id);
    expect(linked).toMatchObject({
      status: 'linked',
      incidentId: incident.id,
      linkedAsDuplicate: true,
      answeredBy: 'basim',
      endedAt: START + 4 * MINUTE + 25_000,
    });
    expect(await api.call.list({})).toEqual([]);
    expect(await api.intake.drafts({})).toEqual([]);
    const { timeline, incident: stored } = await api.incident.get({ id: incident.id });
    expect(stored).toEqual(attached);
    // The timeline also shows the call's own events (call.linked); the incident's last two are these.
    const incidentEntries = timeline.filter((entry) => entry.type.startsWith('incident.'));
    expect(incidentEntries.slice(-2).map((entry) => [entry.type, entry.payload, entry.actor])).toEqual([
      ['incident.callerLinked', { callId: second.id, callerNumber: SECOND_CALLER, callerName: 'ليلى' }, 'basim'],
      [
        'incident.noteAdded',
        {
          noteId: expect.any(String) as unknown,
          text: 'الدخان وصل إلى البناية المجاورة',
          writtenAt: START + 4 * MINUTE + 20_000,
        },
        'basim',
      ],
    ]);
    const after = events.slice(eventsBefore);
    expect(after).toEqual(
      expect.arrayContaining([
        { name: 'onCallChanged', payload: linked },
        { name: 'onIncidentChanged', payload: attached },
        { name: 'onDraftChanged', payload: { draftId: draft.id, draft: null } },
      ]),
    );
    expect(after).toHaveLength(3);
    expect(published('onIncidentChanged').at(-1)).toEqual(attached);
  });

  it('given a closed incident, when a call is attached to it, then CONFLICT and nothing is written: the call stays in the queue and the draft stays', async () => {
    const { api, as, incident, second, draft, host, events } = await incidentAndSecondCall();
    const closed = await api.incident.append({
      incidentId: incident.id,
      change: { type: 'incident.closed', payload: { disposition: 'resolved-on-scene' } },
    });
    const eventsBefore = events.length;

    const error = await refusal(
      as(BASIM).call.attach({ callId: second.id, incidentId: incident.id, draftId: draft.id }),
    );

    expect(error.code).toBe('CONFLICT');
    expect((await api.incident.get({ id: incident.id })).incident).toEqual(closed);
    expect(host.store.getCall(second.id)).toEqual(second);
    expect(await api.call.list({})).toEqual([second]);
    expect(await api.intake.drafts({})).toEqual([draft]);
    expect(events.slice(eventsBefore)).toEqual([]);
  });

  it('given a call already released, when it is attached, then CONFLICT and the incident is unchanged', async () => {
    const { api, as, incident, second } = await incidentAndSecondCall();
    await as(BASIM).call.release({ callId: second.id, reason: 'other' });

    const error = await refusal(as(BASIM).call.attach({ callId: second.id, incidentId: incident.id }));

    expect(error.code).toBe('CONFLICT');
    expect((await api.incident.get({ id: incident.id })).incident).toEqual(incident);
  });
});
