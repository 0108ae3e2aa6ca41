// Issue 17, finding 12: the demo's units drive to what they are dispatched to and report their own
// statuses over the embedded MQTT broker, as a real fleet's trackers and MDTs do; nothing is scripted
// through the console's API but the dispatch itself.
import { connectRemote } from '../support/wsClient';
import { missingTranslationKeys, openConsole } from './support/driver';
import { expect, test } from './support/fixtures';

test.use({ viewport: { width: 1920, height: 1080 } });

const distanceM = (a: { lat: number; lon: number }, b: { lat: number; lon: number }): number =>
  Math.hypot((a.lat - b.lat) * 111_320, (a.lon - b.lon) * 111_320 * Math.cos((a.lat * Math.PI) / 180));

test.describe('screen: the demo at work', () => {
  test('given nida demo, when a patrol is dispatched to an incident near its station, then the board shows it en route, moving closer on the map, and on scene by itself', async ({
    page,
    launchConsole,
  }) => {
    test.setTimeout(240_000);
    // The demo's configuration (as `nida demo` writes it) without its telephony line: no calls ring.
    const config = {
      profile: 'demo',
      consoleCode: 'C9',
      operator: { name: 'مدرب', role: 'shift-lead' },
      demo: { seed: 911, callIntervalSeconds: 3600 },
      avl: { embedded: { port: 0 } },
      storage: { durability: 'NORMAL', backupIntervalMinutes: 0 },
    };
    const nida = await launchConsole({ command: 'demo', config });
    const client = await connectRemote(nida);
    try {
      await expect
        .poll(async () => (await client.api.avl.positions({})).length, { timeout: 30_000 })
        .toBeGreaterThan(10);
      const positions = await client.api.avl.positions({});
      const units = await client.api.unit.list({});
      const patrol = units.find(
        (unit) => unit.agency === 'police-patrols' && unit.home && positions.some((fix) => fix.unitId === unit.id),
      );
      if (!patrol?.home) throw new Error('no tracked patrol in the demo roster');
      // ~200 m north-east of its station: after its turnout (~30 s) a drive of a few reports.
      const scene = { lat: patrol.home.lat + 0.0013, lon: patrol.home.lon + 0.0013 };
      const incident = await client.api.incident.create({
        typeCode: 'theft',
        priority: 2,
        agencies: ['police-patrols'],
        location: { ...scene, source: 'map' },
      });

      await openConsole(page, nida.url);
      await page.getByTestId('unit-agency-police-patrols').click();
      await client.api.dispatch.dispatch({ incidentId: incident.id, unitIds: [patrol.id] });
      const row = page.locator(`[data-testid="unit-row"][data-unit-id="${patrol.id}"]`);
      await expect(row).toHaveAttribute('data-status', 'en-route', { timeout: 90_000 });
      const start = (await client.api.avl.positions({})).find((fix) => fix.unitId === patrol.id);
      await expect(row).toHaveAttribute('data-status', 'on-scene', { timeout: 150_000 });
      const arrived = (await client.api.avl.positions({})).find((fix) => fix.unitId === patrol.id);
      if (!start || !arrived) throw new Error('no position for the patrol');
      expect(distanceM(arrived, scene)).toBeLessThan(distanceM(start, scene));
      expect(distanceM(arrived, scene)).toBeLessThan(150);
      // The statuses came from the unit's MDT, not from a dispatcher.
      const history = await client.api.unit.history({ unitId: patrol.id });
      expect(history.filter((change) => change.status === 'en-route' || change.status === 'on-scene')).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ status: 'en-route', source: 'mdt' }),
          expect.objectContaining({ status: 'on-scene', source: 'mdt' }),
        ]),
      );
      expect(await missingTranslationKeys(page)).toEqual([]);
    } finally {
      await client.close();
    }
  });
});
