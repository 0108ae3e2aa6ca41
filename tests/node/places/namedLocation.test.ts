// Every location named, through the real host: an incident's events carry where its location lies
// (named by the host, never by a window), its record keeps it, and incident search finds it by it.
import { describe, expect, it } from 'vitest';
import type { SearchHit } from '../../../src-shared/contract/api';
import { createIncident } from '../../support/scenario';
import { useTestHosts } from '../support/testHost';

const { startHost } = useTestHosts();

/** In Karrada, off Karrada Dakhil street. */
const KARRADA = { lat: 33.3046, lon: 44.4232 };
/** The centre of Erbil: no neighbourhood polygon there. */
const ERBIL = { lat: 36.19, lon: 44.01 };

const numbers = (hits: readonly SearchHit[]): string[] => [...new Set(hits.map((hit) => hit.number))];

describe('the named location of an incident', () => {
  it('given an incident created in Karrada, then its record and its created event carry Karrada, Al-Risafa, Baghdad', async () => {
    const { api } = startHost();

    const incident = await createIncident(api, { location: { ...KARRADA, source: 'ali' } });

    expect(incident.locationName?.neighbourhood?.name.ar).toBe('الكرادة');
    expect(incident.locationName?.district).toEqual({ code: 'IQG08Q06', name: { ar: 'الرصافة', en: 'Al-Risafa' } });
    expect(incident.locationName?.governorate?.code).toBe('IQ-BG');
    const { timeline } = await api.incident.get({ id: incident.id });
    expect(timeline[0]?.payload).toMatchObject({ locationName: incident.locationName });
  });

  it('given the location moved to Erbil, then the name follows: its sub-district, no neighbourhood', async () => {
    const { api } = startHost();
    const incident = await createIncident(api, { location: { ...KARRADA, source: 'ali' } });

    const moved = await api.incident.append({
      incidentId: incident.id,
      change: { type: 'incident.updated', payload: { location: { ...ERBIL, source: 'map' } } },
    });

    expect(moved.locationName?.neighbourhood).toBeUndefined();
    expect(moved.locationName?.subdistrict?.code).toBe('IQG11Q02N02');
    expect(moved.locationName?.governorate?.code).toBe('IQ-AR');
    const renamed = await api.incident.append({
      incidentId: incident.id,
      change: { type: 'incident.updated', payload: { address: 'قرب القلعة' } },
    });
    expect(renamed.locationName).toEqual(moved.locationName);
  });

  it('given a window that sends a name of its own, then it is refused: only the host names locations', async () => {
    const { unchecked } = startHost();

    const created = unchecked('incident.create', {
      typeCode: 'building-fire',
      priority: 1,
      agencies: ['civil-defence'],
      location: { ...KARRADA, source: 'map' },
      locationName: { district: { code: 'IQG01Q01', name: { ar: 'الفلوجة' } } },
    });

    await expect(created).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('given incidents in Karrada and Erbil, then search finds each by its district and sub-district, in Arabic and English', async () => {
    const { api } = startHost();
    const karrada = await createIncident(api, { location: { ...KARRADA, source: 'ali' }, address: '12 St' });
    const erbil = await createIncident(api, { location: { ...ERBIL, source: 'ali' }, address: '40 M St' });

    expect(numbers(await api.incident.search({ query: 'الرصافة' }))).toEqual([karrada.number]);
    expect(numbers(await api.incident.search({ query: 'Risafa' }))).toEqual([karrada.number]);
    expect(numbers(await api.incident.search({ query: 'مركز اربيل' }))).toEqual([erbil.number]);
  });
});
