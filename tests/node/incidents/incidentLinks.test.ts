// Related and repeated incidents found after intake: incident.link (both stay open) and
// incident.merge (the duplicate closes into the other; its callers move; the reason is kept).
import { describe, expect, it } from 'vitest';
import type { IncidentRecord } from '../../../src-shared/domain/incident';
import { BASIM, MINUTE, TAHRIR, aliRecord, intakeDraft, offset, openIncidents } from '../../support/scenario';
import { refusal } from '../../support/remoteClient';
import { useTestHosts, type HostUnderTest } from '../support/testHost';

describe('linking and merging incidents', () => {
  const { startHost } = useTestHosts();

  /** Two incidents from two calls, 200 m apart, made by two dispatchers a minute apart. */
  async function twoIncidents(): Promise<HostUnderTest & { first: IncidentRecord; second: IncidentRecord }> {
    const started = startHost();
    const ringA = started.ring(aliRecord('07701111111', { location: { ...TAHRIR, source: 'ali' } }));
    const first = await started.api.intake.submit({
      draft: intakeDraft({ callId: ringA.id, typeCode: 'building-fire' }),
    });
    started.clock.advance(MINUTE);
    const ringB = started.ring(aliRecord('07802222222', { location: { ...offset(TAHRIR, 200), source: 'ali' } }));
    const second = await started
      .as(BASIM)
      .intake.submit({ draft: intakeDraft({ callId: ringB.id, typeCode: 'building-fire' }) });
    started.clock.advance(MINUTE);
    return { ...started, first, second };
  }

  it('given two open incidents, when they are linked with a reason, then each records the other and the reason, and both stay open', async () => {
    const { api, as, first, second, published } = await twoIncidents();

    const linked = await as(BASIM).incident.link({
      incidentId: second.id,
      otherIncidentId: first.id,
      reason: 'نفس الحريق، الجهة الخلفية',
    });

    expect(linked.id).toBe(second.id);
    expect(linked.linkedIncidentIds).toEqual([first.id]);
    const other = (await api.incident.get({ id: first.id })).incident;
    expect(other.linkedIncidentIds).toEqual([second.id]);
    for (const [id, otherId] of [
      [first.id, second.id],
      [second.id, first.id],
    ] as const) {
      const { timeline } = await api.incident.get({ id });
      expect(timeline.filter((entry) => entry.type === 'incident.linked').map((entry) => entry.payload)).toEqual([
        { otherIncidentId: otherId, reason: 'نفس الحريق، الجهة الخلفية' },
      ]);
    }
    expect((await openIncidents(api)).map((open) => open.id).sort()).toEqual([first.id, second.id].sort());
    // One transaction changed both: each is announced once, in the order the store touched them.
    const announced = published('onIncidentChanged').slice(-2);
    expect(announced).toHaveLength(2);
    expect(announced).toEqual(expect.arrayContaining([other, linked]));
  });

  it('given a second incident that is the same fire, when it is merged into the first, then it closes as a duplicate with mergedInto, the first gains its calls, and the reason is on both timelines', async () => {
    const { api, first, second, published } = await twoIncidents();

    const target = await api.incident.merge({
      duplicateId: second.id,
      intoId: first.id,
      reason: 'بلاغ مكرر عن نفس البناية',
    });

    expect(target.id).toBe(first.id);
    expect(target.callIds).toEqual([...first.callIds, ...second.callIds]);
    expect(target.status).toBe('pending');
    const merged = (await api.incident.get({ id: second.id })).incident;
    expect(merged).toMatchObject({ status: 'closed', disposition: 'duplicate', mergedInto: first.id });
    expect((await openIncidents(api)).map((open) => open.id)).toEqual([first.id]);
    for (const agency of ['civil-defence', 'ambulance', 'police-patrols']) {
      expect(
        (await openIncidents(api, agency)).map((open) => open.id),
        agency,
      ).toEqual([first.id]);
    }
    const reasonsOn = async (id: string): Promise<unknown[]> =>
      (await api.incident.get({ id })).timeline
        .filter((entry) => entry.type === 'incident.mergedInto' || entry.type === 'incident.absorbed')
        .map((entry) => entry.payload);
    expect(await reasonsOn(second.id)).toEqual([{ targetIncidentId: first.id, reason: 'بلاغ مكرر عن نفس البناية' }]);
    expect(await reasonsOn(first.id)).toEqual([
      { sourceIncidentId: second.id, callIds: second.callIds, reason: 'بلاغ مكرر عن نفس البناية' },
    ]);
    // The moved caller's own record points at the surviving incident, in every window.
    const movedCall = published('onCallChanged').at(-1);
    expect(movedCall).toMatchObject({ id: second.callIds[0], incidentId: first.id, status: 'linked' });
  });

  it('given a closed incident, when another is merged into it, then CONFLICT and neither changes', async () => {
    const { api, as, first, second, events } = await twoIncidents();
    const closed = await api.incident.append({
      incidentId: first.id,
      change: { type: 'incident.closed', payload: { disposition: 'resolved-on-scene' } },
    });
    const eventsBefore = events.length;

    const error = await refusal(as(BASIM).incident.merge({ duplicateId: second.id, intoId: first.id, reason: 'مكرر' }));

    expect(error.code).toBe('CONFLICT');
    expect((await api.incident.get({ id: first.id })).incident).toEqual(closed);
    expect((await api.incident.get({ id: second.id })).incident).toEqual(second);
    expect(events.slice(eventsBefore)).toEqual([]);
  });

  it('given an incident, when it is merged into itself or linked to itself, then INVALID_ARGUMENT', async () => {
    const { api, first } = await twoIncidents();

    expect((await refusal(api.incident.merge({ duplicateId: first.id, intoId: first.id, reason: 'x' }))).code).toBe(
      'INVALID_ARGUMENT',
    );
    expect(
      (await refusal(api.incident.link({ incidentId: first.id, otherIncidentId: first.id, reason: 'x' }))).code,
    ).toBe('INVALID_ARGUMENT');
  });

  it('given a merge without a reason, when it is sent, then INVALID_ARGUMENT points at the reason', async () => {
    const { api, first, second } = await twoIncidents();

    const error = await refusal(api.incident.merge({ duplicateId: second.id, intoId: first.id, reason: '   ' }));

    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.issues?.map((issue) => issue.path)).toEqual(['reason']);
  });
});
