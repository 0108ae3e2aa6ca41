// Finding 9 of the hardening probe: a creation committed but never acknowledged (the reply lost in a
// crash or a dropped connection) was created again when the client retried. Every creating channel
// takes a client-chosen request id; a repeat returns what the first request made.
import { describe, expect, it } from 'vitest';
import { RemoteError } from '../../support/remoteClient';
import { TAHRIR, aliRecord, intakeDraft } from '../../support/scenario';
import { useTestHosts } from '../support/testHost';

describe('idempotent creation by request id', () => {
  const { startHost } = useTestHosts();

  it('given an incident created with a request id, when the same request is sent again, then the first incident comes back and no second one is made', async () => {
    const { api } = startHost();
    const request = {
      typeCode: 'theft',
      priority: 3 as const,
      agencies: ['police-patrols'],
      address: 'شارع الرشيد',
      note: 'سرقة محل',
      requestId: 'win-7f3a9c21-0001',
    };

    const first = await api.incident.create(request);
    const again = await api.incident.create(request);

    expect(again.id).toBe(first.id);
    expect(again.number).toBe(first.number);
    expect(await api.incident.listOpen({})).toHaveLength(1);
    expect(
      (await api.incident.get({ id: first.id })).timeline.filter((entry) => entry.type === 'incident.noteAdded'),
    ).toHaveLength(1);
  });

  it('given a note appended with a request id, when it is sent again, then the note is there once', async () => {
    const { api } = startHost();
    const incident = await api.incident.create({ typeCode: 'theft', priority: 3, agencies: ['police-patrols'] });
    const append = {
      incidentId: incident.id,
      change: { type: 'incident.noteAdded' as const, payload: { text: 'وصل الشهود' } },
      requestId: 'note-0000000042',
    };

    await api.incident.append(append);
    await api.incident.append(append);

    const notes = (await api.incident.get({ id: incident.id })).timeline.filter(
      (entry) => entry.type === 'incident.noteAdded',
    );
    expect(notes).toHaveLength(1);
  });

  it('given an intake submitted, when the same draft is submitted again after a lost reply, then the same incident comes back', async () => {
    const { api, ring } = startHost();
    const call = ring(aliRecord('07701234567', { location: { ...TAHRIR, accuracyM: 30, source: 'ali' } }));
    await api.call.answer({ callId: call.id });
    const draft = await api.intake.saveDraft({
      draft: intakeDraft({
        callId: call.id,
        callerNumber: '07701234567',
        typeCode: 'theft',
        location: { ...TAHRIR, source: 'ali' },
      }),
    });

    const first = await api.intake.submit({ draft });
    const again = await api.intake.submit({ draft });

    expect(again.id).toBe(first.id);
    expect(await api.incident.listOpen({})).toHaveLength(1);
  });

  it('given a call received with a request id, when the telephony gateway sends it again, then it is one call', async () => {
    const { api } = startHost();
    const received = { ...aliRecord('07801112222'), requestId: 'pbx-call-000981' };

    const first = await api.call.receive(received);
    const again = await api.call.receive(received);

    expect(again.id).toBe(first.id);
    expect((await api.call.list({})).filter((call) => call.callerNumber === '07801112222')).toHaveLength(1);
  });

  it('given a malformed request id, then the request is refused before anything is created', async () => {
    const { api } = startHost();

    await expect(
      api.incident.create({ typeCode: 'theft', priority: 3, agencies: ['police-patrols'], requestId: 'a b' }),
    ).rejects.toSatisfy((error: unknown) => error instanceof RemoteError && error.code === 'INVALID_ARGUMENT');
    expect(await api.incident.listOpen({})).toHaveLength(0);
  });
});
