import { startUnitSimulator } from '../../src-main/services/avl/simulator';
import { seededRandom } from '../../src-shared/domain/random';
import { importDemoRoster } from '../support/scenario';
import { connectRemote } from '../support/wsClient';
import { trackerLogin } from './support/console';
import { openConsole, saveScreenshot } from './support/driver';
import { expect, test } from './support/fixtures';
// The renderer's read-only map probe (window.__nidaMap) and its type.
import type {} from '../../src-renderer/features/map/mapProbe';

test.describe('unit tracking (AVL)', () => {
  test('given the unit simulator driving the demo roster over the embedded broker, when the console watches, then the units move on the map', async ({
    page,
    launchConsole,
  }) => {
    test.setTimeout(120_000);
    const nida = await launchConsole({
      config: { operator: { role: 'shift-lead' }, avl: { embedded: { port: 0 }, publishIntervalMs: 100 } },
    });
    const host = await connectRemote(nida);
    await importDemoRoster(host.api);
    const { broker } = await host.api.avl.status({});
    const simulator = await startUnitSimulator({
      brokerUrl: broker.url,
      ...trackerLogin(nida),
      count: 20,
      rateHz: 2,
      random: seededRandom(7),
    });
    try {
      await openConsole(page, nida.url);
      await expect(page.getByTestId('map')).toHaveAttribute('data-map-ready', 'true', { timeout: 30_000 });
      // Baghdad at city scale: the 20 simulated units are drawn (as dots) among the roster's.
      await page.evaluate(() => window.__nidaMap?.jumpTo([44.4, 33.32], 10));
      await expect
        .poll(() => page.evaluate(() => new Set(window.__nidaMap?.renderedIds('units-dot')).size), { timeout: 30_000 })
        .toBeGreaterThanOrEqual(15);

      // They move: a unit's position changes between two looks (the map follows positions: map.spec.ts).
      const first = await host.api.avl.positions({});
      const tracked = first.find((position) => position.freshness === 'live');
      if (!tracked) throw new Error('no live unit');
      await expect
        .poll(async () => {
          const now = (await host.api.avl.positions({})).find((p) => p.unitId === tracked.unitId);
          return now ? Math.hypot(now.lat - tracked.lat, now.lon - tracked.lon) : 0;
        })
        .toBeGreaterThan(0.0002);
      await saveScreenshot(page, 'avl-simulated-units-ar');
    } finally {
      await simulator.stop();
      await host.close();
    }
  });
});
