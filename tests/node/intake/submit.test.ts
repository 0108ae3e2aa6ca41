// Submitting an intake (intake.submit): the incident is created from the call, routed to every
// agency its type needs, the call linked and the draft discarded, in one step; an incomplete
// intake is refused field by field with nothing written.
import { describe, expect, it } from 'vitest';
import type { IntakeDraft } from '../../../src-shared/contract/schemas';
import type { CallRecord } from '../../../src-shared/domain/call';
import { BASIM, START, TAHRIR, aliRecord, intakeDraft, openIncidents } from '../../support/scenario';
import { refusal } from '../../support/remoteClient';
import { useTestHosts, type HostUnderTest } from '../support/testHost';

const CALLER = '07701234567';
const THREE_AGENCIES = ['ambulance', 'civil-defence', 'traffic-police'];

const agencyCodes = (incident: { agencies: readonly { agency: string }[] }): string[] =>
  incident.agencies.map((entry) => entry.agency).sort();

describe('intake.submit', () => {
  const { startHost } = useTestHosts();

  /** A located call that Amal answered 15 s after it rang, and the intake she saved for it 60 s later. */
  async function answeredWithDraft(
    fields: Partial<IntakeDraft> = {},
  ): Promise<HostUnderTest & { answered: CallRecord; draft: IntakeDraft }> {
    const started = startHost();
    const waiting = started.ring(aliRecord(CALLER, { location: { ...TAHRIR, accuracyM: 30, source: 'ali' } }));
    started.clock.advance(15_000);
    const answered = await started.api.call.answer({ callId: waiting.id });
    started.clock.advance(60_000);
    const draft = await started.api.intake.saveDraft({
      draft: intakeDraft({
        callId: waiting.id,
        callerNumber: CALLER,
        location: { ...TAHRIR, accuracyM: 30, source: 'ali' },
        address: 'ساحة التحرير قرب النفق',
        typeCode: 'traffic-accident-fire',
        narrative: [
          { at: START + 40_000, text: 'سيارتان، إحداهما تحترق' },
          { at: START + 55_000, text: 'شخص عالق في المقعد الخلفي' },
        ],
        openedAt: START + 15_000,
        ...fields,
      }),
    });
    started.clock.advance(30_000);
    return { ...started, answered, draft };
  }

  it('given a traffic accident with fire, when the intake is submitted, then the incident goes to exactly traffic police, ambulance and civil defence, and shows once in each of their queues', async () => {
    const { api, draft } = await answeredWithDraft();

    const incident = await api.intake.submit({ draft });

    expect(incident).toMatchObject({ typeCode: 'traffic-accident-fire', priority: 1, status: 'pending' });
    expect(agencyCodes(incident)).toEqual(THREE_AGENCIES);
    for (const agency of THREE_AGENCIES) {
      expect(
        (await openIncidents(api, agency)).map((open) => open.id),
        agency,
      ).toEqual([incident.id]);
    }
    expect((await openIncidents(api, 'police-patrols')).map((open) => open.id)).toEqual([]);
    expect((await openIncidents(api)).map((open) => open.id)).toEqual([incident.id]);
  });

  it('given an answered call, when its intake is submitted, then the call is linked, leaves call.list, and the incident keeps its ring and answer times', async () => {
    const { api, draft, answered, host, published } = await answeredWithDraft();

    const incident = await api.intake.submit({ draft });

    expect(incident.callIds).toEqual([answered.id]);
    expect(incident.receivedAt).toBe(answered.receivedAt);
    expect(incident.answeredAt).toBe(answered.answeredAt);
    expect(incident.receivedAt).toBe(START);
    expect(incident.answeredAt).toBe(START + 15_000);
    expect(incident.createdAt).toBe(START + 105_000);
    expect(incident).toMatchObject({ callerNumber: CALLER, address: 'ساحة التحرير قرب النفق' });
    expect(incident.location).toEqual({ ...TAHRIR, accuracyM: 30, source: 'ali' });
    expect(await api.call.list({})).toEqual([]);
    const linked = host.store.getCall(answered.id);
    expect(linked).toMatchObject({
      status: 'linked',
      incidentId: incident.id,
      linkedAsDuplicate: false,
      answeredBy: 'amal',
      answeredAt: START + 15_000,
    });
    expect(published('onCallChanged').at(-1)).toEqual(linked);
    expect(published('onIncidentChanged')).toEqual([incident]);
  });

  it('given a call still waiting, when Basim submits an intake for it, then the answer is stamped at submission and the incident carries it', async () => {
    const { ring, as, clock, host } = startHost();
    const waiting = ring(aliRecord(CALLER));
    clock.advance(20_000);

    const incident = await as(BASIM).intake.submit({
      draft: intakeDraft({ callId: waiting.id, typeCode: 'cardiac-arrest' }),
    });

    expect(incident).toMatchObject({ receivedAt: START, answeredAt: START + 20_000, callerNumber: CALLER });
    expect(host.store.getCall(waiting.id)).toMatchObject({ status: 'linked', answeredBy: 'basim' });
  });

  it('given a saved draft, when it is submitted, then the draft is gone from intake.drafts and its discard is published', async () => {
    const { api, draft, published } = await answeredWithDraft();
    expect(await api.intake.drafts({})).toEqual([draft]);

    await api.intake.submit({ draft });

    expect(await api.intake.drafts({})).toEqual([]);
    expect(published('onDraftChanged').at(-1)).toEqual({ draftId: draft.id, draft: null });
  });

  it('given agencies added by the dispatcher, when submitted, then the incident goes to the type’s agencies plus the added ones, each once', async () => {
    const { api, draft } = await answeredWithDraft({
      extraAgencies: ['police-patrols', 'ambulance', 'electricity-emergency'],
    });

    const incident = await api.intake.submit({ draft });

    expect(agencyCodes(incident)).toEqual([...THREE_AGENCIES, 'electricity-emergency', 'police-patrols'].sort());
    expect((await openIncidents(api, 'police-patrols')).map((open) => open.id)).toEqual([incident.id]);
    expect((await openIncidents(api, 'electricity-emergency')).map((open) => open.id)).toEqual([incident.id]);
  });

  it('given an agency that does not exist, when submitted, then the extra agency is refused by its index and nothing is written', async () => {
    const { api, draft } = await answeredWithDraft({ extraAgencies: ['ambulance', 'fire-brigade'] });

    const error = await refusal(api.intake.submit({ draft }));

    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.issues?.map((issue) => issue.path)).toEqual(['extraAgencies.1']);
    expect(await openIncidents(api)).toEqual([]);
  });

  it('given narrative typed during the call, when submitted, then each entry is a note on the timeline with the time it was written', async () => {
    const { api, draft } = await answeredWithDraft();

    const incident = await api.intake.submit({ draft });

    const { timeline } = await api.incident.get({ id: incident.id });
    const notes = timeline.filter((entry) => entry.type === 'incident.noteAdded');
    expect(notes.map((note) => note.payload)).toEqual([
      { noteId: expect.any(String) as unknown, text: 'سيارتان، إحداهما تحترق', writtenAt: START + 40_000 },
      { noteId: expect.any(String) as unknown, text: 'شخص عالق في المقعد الخلفي', writtenAt: START + 55_000 },
    ]);
    expect(notes.every((note) => note.actor === 'amal')).toBe(true);
    expect(timeline[0]?.type).toBe('incident.created');
    const search = await api.incident.search({ query: 'عالق' });
    expect(search.map((hit) => [hit.incidentId, hit.kind])).toEqual([[incident.id, 'note']]);
  });

  it('given a priority other than the type’s default and no reason, when submitted, then INVALID_ARGUMENT points at priorityReason and nothing is written', async () => {
    const { api, draft, published, host, answered } = await answeredWithDraft({ priority: 3 });
    const eventsBefore = published('onIncidentChanged').length;

    const error = await refusal(api.intake.submit({ draft }));

    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.issues?.map((issue) => issue.path)).toEqual(['priorityReason']);
    expect(await openIncidents(api)).toEqual([]);
    expect(published('onIncidentChanged')).toHaveLength(eventsBefore);
    expect(host.store.getCall(answered.id)?.status).toBe('answered');
  });

  it('given a lower priority with a whitespace-only reason, when submitted, then the reason still counts as missing', async () => {
    const { api, draft } = await answeredWithDraft({ priority: 2, priorityReason: '   ' });

    const error = await refusal(api.intake.submit({ draft }));

    expect(error.issues?.map((issue) => issue.path)).toEqual(['priorityReason']);
  });

  it('given a changed priority with its reason, when submitted, then the priority and reason are stored', async () => {
    const { api, draft } = await answeredWithDraft({ priority: 2, priorityReason: 'السيارة فارغة، الحريق صغير' });

    const incident = await api.intake.submit({ draft });

    expect(incident).toMatchObject({ priority: 2, priorityReason: 'السيارة فارغة، الحريق صغير' });
    expect((await api.incident.get({ id: incident.id })).incident.priorityReason).toBe('السيارة فارغة، الحريق صغير');
  });

  it('given the type’s own priority, when submitted without a reason, then it is accepted with no reason stored', async () => {
    const { api, draft } = await answeredWithDraft({ priority: 1 });

    const incident = await api.intake.submit({ draft });

    expect(incident).toMatchObject({ priority: 1, priorityReason: null });
  });

  it.each([
    ['no type chosen', { typeCode: null }, 'typeCode'],
    ['an unknown type', { typeCode: 'volcano-eruption' }, 'typeCode'],
    ['a callback number that is not a phone number', { callerNumber: 'call me maybe' }, 'callerNumber'],
  ] as const)(
    'given %s, when submitted, then INVALID_ARGUMENT names the field and nothing is written',
    async (_what, fields, path) => {
      const { api, draft, published, host, answered } = await answeredWithDraft(fields);
      const incidentEvents = published('onIncidentChanged').length;
      const callEvents = published('onCallChanged').length;

      const error = await refusal(api.intake.submit({ draft }));

      expect(error.code).toBe('INVALID_ARGUMENT');
      expect(error.issues?.map((issue) => issue.path)).toContain(path);
      expect(await openIncidents(api)).toEqual([]);
      expect(published('onIncidentChanged')).toHaveLength(incidentEvents);
      expect(published('onCallChanged')).toHaveLength(callEvents);
      expect(host.store.getCall(answered.id)).toEqual(answered);
      expect(await api.intake.drafts({})).toEqual([draft]);
    },
  );

  it('given a call already linked to an incident, when a second intake for it is submitted, then CONFLICT and no second incident', async () => {
    const { api, as, draft, answered, host } = await answeredWithDraft();
    const first = await api.intake.submit({ draft });
    const second = intakeDraft({ callId: answered.id, typeCode: 'vehicle-fire' });

    const error = await refusal(as(BASIM).intake.submit({ draft: second }));

    expect(error.code).toBe('CONFLICT');
    expect((await openIncidents(api)).map((open) => open.id)).toEqual([first.id]);
    expect(host.store.getCall(answered.id)).toMatchObject({ status: 'linked', incidentId: first.id });
    expect(await api.intake.drafts({})).toEqual([]);
  });

  it('given a released call, when an intake for it is submitted, then CONFLICT and nothing is written', async () => {
    const { api, draft, answered } = await answeredWithDraft();
    await api.call.release({ callId: answered.id, reason: 'no-emergency' });

    const error = await refusal(api.intake.submit({ draft }));

    expect(error.code).toBe('CONFLICT');
    expect(await openIncidents(api)).toEqual([]);
  });

  it('given an intake without a call (walk-in, radio report), when submitted, then the incident stands alone with the typed caller', async () => {
    const { api } = startHost();

    const incident = await api.intake.submit({
      draft: intakeDraft({
        typeCode: 'building-fire',
        callerName: 'حسين كاظم',
        callerNumber: '+964 770 123 4567',
        location: { ...TAHRIR, source: 'map' },
      }),
    });

    expect(incident).toMatchObject({
      callIds: [],
      callerName: 'حسين كاظم',
      callerNumber: '+964 770 123 4567',
      receivedAt: null,
      answeredAt: null,
    });
    expect(agencyCodes(incident)).toEqual(['ambulance', 'civil-defence', 'police-patrols']);
  });
});
