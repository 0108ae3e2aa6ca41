import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { connectAsync } from 'mqtt';
import { test, expect } from './support/fixtures';
import { missingTranslationKeys, openConsole, saveScreenshot, untranslatedLatinText } from './support/driver';
import { HostClient } from './support/hostClient';
// The renderer's read-only map probe (window.__nidaMap) and its type.
import type {} from '../../src-renderer/features/map/mapProbe';

const REPO_ROOT = join(import.meta.dirname, '..', '..');
const DISTRICTS = join(REPO_ROOT, '..', 'shared', 'mapdata', 'iraq-districts.geojson');
const BAGHDAD: [number, number] = [44.3661, 33.3152];

async function waitForMapIdle(page: Page): Promise<void> {
  await expect(page.getByTestId('map')).toHaveAttribute('data-map-ready', 'true', { timeout: 30_000 });
  await page.waitForFunction(() => window.__nidaMap?.idle() === true, undefined, { timeout: 30_000 });
}

async function renderedText(page: Page, layers: string[], property: string): Promise<string[]> {
  return page.evaluate(([ids, key]) => window.__nidaMap?.renderedText(ids, key) ?? [], [layers, property] as const);
}

test.describe('operations map', () => {
  test('given no network, when the console opens, then Iraq is drawn with Arabic governorate and city labels', async ({
    page,
    nida,
  }) => {
    await openConsole(page, nida.url);
    await waitForMapIdle(page);

    const places = await renderedText(page, ['basemap-place-labels'], 'name_ar');
    expect(places).toEqual(expect.arrayContaining(['بغداد', 'البصرة', 'الموصل', 'أربيل']));
    const governorates = await renderedText(page, ['basemap-governorate-labels'], 'name_ar');
    expect(governorates).toEqual(expect.arrayContaining(['نينوى', 'الأنبار', 'المثنى']));

    // The labels are drawn, not placed and left blank: hiding them takes away light text pixels.
    const labelLayers = ['basemap-place-labels', 'basemap-governorate-labels', 'basemap-country-labels'];
    const withLabels = await page.evaluate(() => window.__nidaMap?.lightPixels(140) ?? 0);
    await page.evaluate((layers) => {
      for (const layer of layers) window.__nidaMap?.setVisible(layer, false);
    }, labelLayers);
    const withoutLabels = await page.evaluate(() => window.__nidaMap?.lightPixels(140) ?? 0);
    await page.evaluate((layers) => {
      for (const layer of layers) window.__nidaMap?.setVisible(layer, true);
    }, labelLayers);
    expect(withLabels - withoutLabels).toBeGreaterThan(1000);

    expect(await missingTranslationKeys(page)).toEqual([]);
    expect(await untranslatedLatinText(page)).toEqual([]);
    await waitForMapIdle(page);
    const shot = await saveScreenshot(page, 'map-ar');
    mkdirSync(join(REPO_ROOT, 'docs', 'screenshots'), { recursive: true });
    copyFileSync(shot, join(REPO_ROOT, 'docs', 'screenshots', 'map-ar.png'));

    // Closer in, for the eye: joined Arabic letters at city level.
    await page.evaluate((centre) => window.__nidaMap?.jumpTo(centre, 8), BAGHDAD);
    await waitForMapIdle(page);
    const close = await page.getByTestId('map').screenshot();
    expect(close.byteLength).toBeGreaterThan(10_000);
    mkdirSync(join(REPO_ROOT, 'test-results', 'screenshots'), { recursive: true });
    await page
      .getByTestId('map')
      .screenshot({ path: join(REPO_ROOT, 'test-results', 'screenshots', 'map-baghdad-ar.png') });
  });

  test('given the map in use, when it pans, zooms and opens its credits, then every request stays on the host', async ({
    page,
    nida,
  }) => {
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    page.on('websocket', (socket) => requests.push(socket.url()));
    await openConsole(page, nida.url);
    await waitForMapIdle(page);
    await page.evaluate((centre) => window.__nidaMap?.jumpTo(centre, 12), BAGHDAD);
    await waitForMapIdle(page);
    await page.getByTestId('map-theme').click();
    await page.getByTestId('map-credits').click();
    await expect(page.getByTestId('map-credits-dialog')).toBeVisible();
    await expect(page.getByTestId('map-credit')).toHaveCount(6);
    await page.keyboard.press('Escape');
    await page.getByTestId('map-place-search').fill('البصرة');
    await page.getByTestId('map-place-option').first().click();
    await waitForMapIdle(page);

    const host = new URL(nida.origin).host;
    const outside = requests.filter((url) => {
      if (url.startsWith('blob:') || url.startsWith('data:')) return false;
      return new URL(url).host !== host;
    });
    expect(requests.length).toBeGreaterThan(5);
    expect(outside).toEqual([]);
  });

  test('given units reporting over MQTT, when they move, then the map moves them and a click selects one', async ({
    page,
    launchConsole,
  }) => {
    const nida = await launchConsole({
      config: { operator: { role: 'shift-lead' }, avl: { embedded: { port: 0 }, publishIntervalMs: 100 } },
    });
    const host = await HostClient.connect(nida);
    try {
      for (const [id, callsign, agency, deviceId] of [
        ['amb-7', 'إسعاف ٧', 'ambulance', 'phone-7'],
        ['pol-12', 'نجدة ١٢', 'police-patrols', 'phone-12'],
      ] as const) {
        await host.call('unit.save', { unit: { id, callsign, agency, kind: 'patrol', deviceId } });
      }
      const status = await host.call<{ broker: { url: string } }>('avl.status', {});
      const device = await connectAsync(status.broker.url, { clientId: 'e2e-devices' });
      const report = async (deviceId: string, lon: number, lat: number, at: number): Promise<void> => {
        const payload = { lat, lon, time: new Date(at).toISOString(), speed: 12, heading: 90 };
        await device.publishAsync(`nida/avl/${deviceId}`, JSON.stringify(payload), { qos: 1 });
      };
      try {
        await openConsole(page, nida.url);
        await waitForMapIdle(page);
        const start = Date.now() - 20_000;
        await report('phone-7', 44.36, 33.31, start);
        await report('phone-12', 44.42, 33.34, start);
        await page.evaluate((centre) => window.__nidaMap?.jumpTo(centre, 12), [44.39, 33.32] as [number, number]);
        await expect
          .poll(() => page.evaluate(() => window.__nidaMap?.renderedIds('units-dot').sort() ?? []))
          .toEqual(['amb-7', 'pol-12']);

        const before = await page.evaluate(() => window.__nidaMap?.project(44.36, 33.31));
        await report('phone-7', 44.365, 33.31, start + 10_000);
        await expect
          .poll(async () => {
            const ids = await page.evaluate(() => window.__nidaMap?.renderedIds('units-dot') ?? []);
            return ids.includes('amb-7') ? page.evaluate(() => window.__nidaMap?.project(44.365, 33.31)) : null;
          })
          .not.toBeNull();
        const after = await page.evaluate(() => window.__nidaMap?.project(44.365, 33.31));
        expect(after && before && after.x - before.x).toBeGreaterThan(20);

        // Click the unit where it now is.
        const box = await page.getByTestId('map').boundingBox();
        if (!box || !after) throw new Error('map not on screen');
        await page.waitForFunction(() => window.__nidaMap?.idle() === true);
        await page.mouse.click(box.x + after.x, box.y + after.y);
        await expect(page.getByTestId('map-selected-callsign')).toHaveText('إسعاف ٧');
        await expect(page.getByTestId('map-selected-unit')).toBeVisible();
        await expect
          .poll(() => page.evaluate(() => window.__nidaMap?.renderedIds('units-selected') ?? []))
          .toEqual(['amb-7']);
        // The unit board shows the same selection.
        const row = page.getByTestId('unit-row').and(page.locator('[data-unit-id="amb-7"]'));
        await expect(row).toHaveAttribute('aria-selected', 'true');
        // And the other way round: picking a unit on the board rings it on the map.
        await page.getByTestId('unit-row').and(page.locator('[data-unit-id="pol-12"]')).click();
        await expect
          .poll(() => page.evaluate(() => window.__nidaMap?.renderedIds('units-selected') ?? []))
          .toEqual(['pol-12']);
        await saveScreenshot(page, 'map-units-ar');
      } finally {
        await device.endAsync();
      }
    } finally {
      host.close();
    }
  });

  test('given a second window, when a unit is selected in one, then the other selects it too', async ({
    page,
    nida,
  }) => {
    await openConsole(page, nida.url);
    const other = await page.context().newPage();
    await openConsole(other, nida.url);
    await page.evaluate(() => {
      new BroadcastChannel('nida.selection').postMessage({ incidentId: null, unitId: 'amb-9' });
    });
    await expect(page.getByTestId('map-selected-callsign')).toHaveText('amb-9');
    await expect(other.getByTestId('map-selected-callsign')).toHaveText('amb-9');
    await other.close();
  });

  test('given a district layer from ../shared/mapdata configured, when the map loads, then its districts are drawn', async ({
    page,
    launchConsole,
  }) => {
    test.skip(!existsSync(DISTRICTS), `no ${DISTRICTS}: the shared map data is not beside this checkout`);
    const nida = await launchConsole({
      config: {
        gisLayers: [
          {
            path: DISTRICTS,
            kind: 'district',
            attribution:
              'Administrative boundaries: © CSO Iraq / OCHA Iraq (COD-AB 2019), via HDX, CC BY 3.0 IGO. Modified.',
          },
        ],
      },
    });
    await openConsole(page, nida.url);
    await waitForMapIdle(page);
    await page.evaluate((centre) => window.__nidaMap?.jumpTo(centre, 8), BAGHDAD);
    await waitForMapIdle(page);
    await expect.poll(async () => (await renderedText(page, ['gis-0-label'], 'name_ar')).length).toBeGreaterThan(3);
    const lines = await page.evaluate(() => window.__nidaMap?.renderedText(['gis-0-line'], 'pcode') ?? []);
    expect(lines.some((pcode) => pcode.startsWith('IQG'))).toBe(true);
    await page.getByTestId('map-credits').click();
    await expect(page.getByTestId('map-credit')).toHaveCount(7);
  });

  test('given an intake, when the dispatcher right-clicks the map, then "new incident here" sets its location', async ({
    page,
    nida,
  }) => {
    await openConsole(page, nida.url);
    await waitForMapIdle(page);
    const box = await page.getByTestId('map').boundingBox();
    if (!box) throw new Error('map not on screen');
    const point = await page.evaluate((centre) => window.__nidaMap?.project(...centre), BAGHDAD);
    if (!point) throw new Error('no map');
    await page.mouse.click(box.x + point.x, box.y + point.y, { button: 'right' });
    await page.getByTestId('map-new-incident').click();
    const location = page.getByTestId('intake-location');
    await expect(location).toContainText('33.3');
    await expect(location).toContainText('44.3');
  });
});
