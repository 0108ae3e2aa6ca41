// The Iraqi address of an incident through a real host: typed into its fields or read from the free
// address, stored with the incident (surviving a restart), changed later, found by search and
// exported in EIDO.
import { describe, expect, it } from 'vitest';
import { TAHRIR, intakeDraft } from '../../support/scenario';
import { useTestHosts } from '../support/testHost';

describe('Iraqi addresses on incidents', () => {
  const { startHost } = useTestHosts();

  it('given an intake with mahalla, zuqaq, dar and landmark, when submitted, then the incident keeps them in their order, also after a restart', async () => {
    const host = startHost();
    const incident = await host.api.intake.submit({
      draft: intakeDraft({
        typeCode: 'building-fire',
        location: { ...TAHRIR, source: 'map' },
        address: 'الكرادة داخل',
        addressParts: { landmark: 'قرب جامع الرحمن', mahalla: '905', zuqaq: ' 12 ', dar: '7' },
      }),
    });

    expect(incident.address).toBe('الكرادة داخل');
    expect(incident.addressParts).toEqual({ mahalla: '905', zuqaq: '12', dar: '7', landmark: 'قرب جامع الرحمن' });

    await host.dispose();
    const restarted = startHost({ dataDir: host.dataDir });
    expect((await restarted.api.incident.get({ id: incident.id })).incident.addressParts).toEqual(
      incident.addressParts,
    );
  });

  it('given only a free address said the Iraqi way, when submitted, then its mahalla, zuqaq and dar are stored as fields', async () => {
    const { api } = startHost();
    const incident = await api.intake.submit({
      draft: intakeDraft({ typeCode: 'building-fire', address: 'حي الجامعة محلة 635 زقاق 4 دار 21' }),
    });

    expect(incident.addressParts).toEqual({ mahalla: '635', zuqaq: '4', dar: '21' });
  });

  it('given an incident, when its address parts are changed, then the new ones stand, the search finds it by them and the EIDO export describes them', async () => {
    const { api } = startHost();
    const created = await api.incident.create({
      typeCode: 'building-fire',
      priority: 1,
      agencies: ['civil-defence'],
      addressParts: { mahalla: '905' },
    });

    const updated = await api.incident.append({
      incidentId: created.id,
      change: {
        type: 'incident.updated',
        payload: { addressParts: { mahalla: '906', zuqaq: '3', landmark: 'مقابل علوة الرشيد' } },
      },
    });

    expect(updated.addressParts).toEqual({ mahalla: '906', zuqaq: '3', landmark: 'مقابل علوة الرشيد' });
    expect((await api.incident.search({ query: 'علوة الرشيد' })).map((hit) => hit.incidentId)).toContain(created.id);
    expect((await api.incident.search({ query: '906' })).map((hit) => hit.incidentId)).toContain(created.id);
    const eido = JSON.stringify((await api.eido.exportIncident({ number: created.number })).document);
    expect(eido).toContain('محلة 906، زقاق 3 — مقابل علوة الرشيد');
  });
});
