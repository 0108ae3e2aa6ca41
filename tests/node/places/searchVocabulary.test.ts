// Incident search by type names (three languages) and by the names of the place the incident lies
// in, through the real host; existing rows are re-indexed when the vocabulary changes.
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { databasePath } from '../../../src-main/services/store/backups';
import type { SearchHit } from '../../../src-shared/contract/api';
import { createIncident } from '../../support/scenario';
import { useTestHosts } from '../support/testHost';

const { startHost } = useTestHosts();

/** Adhamiya's centre in the gazetteer (bg-adhamiya), a few hundred metres off. */
const ADHAMIYA = { lat: 33.3705, lon: 44.3632 };

const numbers = (hits: readonly SearchHit[]): string[] => [...new Set(hits.map((hit) => hit.number))];

describe('incident search vocabulary', () => {
  it('given a fire with a Latin ALI address in Adhamiya, then حريق, building fire and الأعظمية (or اعظميه) find it; مروري finds the crash only', async () => {
    const console = startHost();
    const fire = await createIncident(console.api, {
      location: { ...ADHAMIYA, source: 'ali' },
      address: '14 Imam Azam St',
    });
    const crash = await createIncident(console.api, {
      typeCode: 'traffic-accident-injuries',
      agencies: ['traffic-police', 'ambulance'],
      location: { lat: 33.3128, lon: 44.3615, source: 'ali' },
      address: 'Airport Rd',
    });

    expect(numbers(await console.api.incident.search({ query: 'حريق' }))).toEqual([fire.number]);
    expect(numbers(await console.api.incident.search({ query: 'building fire' }))).toEqual([fire.number]);
    expect(numbers(await console.api.incident.search({ query: 'الأعظمية' }))).toEqual([fire.number]);
    expect(numbers(await console.api.incident.search({ query: 'اعظميه' }))).toEqual([fire.number]);
    expect(numbers(await console.api.incident.search({ query: 'مروري' }))).toEqual([crash.number]);
    expect(numbers(await console.api.incident.search({ query: 'حريق الأعظمية' }))).toEqual([fire.number]);
  });

  it('given rows indexed before the vocabulary, when the console starts again, then they are re-indexed and found', async () => {
    const first = startHost();
    const fire = await createIncident(first.api, { location: { ...ADHAMIYA, source: 'ali' }, address: 'Imam Azam St' });
    const dataDir = first.dataDir;
    await first.host.dispose();
    // As an older Nida left it: the incident's own fields only, and no vocabulary version.
    const db = new BetterSqlite3(databasePath(dataDir, 'live'));
    db.prepare("DELETE FROM meta WHERE key = 'search.vocabulary'").run();
    db.prepare('DELETE FROM incident_search').run();
    db.prepare('INSERT INTO incident_search (rowid, content) SELECT seq, lower(address) FROM incidents').run();
    db.close();

    const again = startHost({ dataDir });

    expect(numbers(await again.api.incident.search({ query: 'الأعظمية' }))).toEqual([fire.number]);
  });
});
