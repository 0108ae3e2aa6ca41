// The street basemap a center's GIS administrator imports from OpenStreetMap (`nida map import`),
// configured as `map.streetBasemap` and drawn by the console from the host's MBTiles tiles.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { openConsole, waitForMapIdle } from './support/driver';
import { builtCli, REPO_ROOT, requirePrerequisites } from '../support/prerequisites';
import { nidaMapImport, STREETS, streetToolPrerequisites, writeStreetExtract } from '../support/streetExtract';
// The renderer's read-only map probe (window.__nidaMap) and its type.
import type {} from '../../src-renderer/features/map/mapProbe';

async function renderedText(page: Page, layers: string[], property: string): Promise<string[]> {
  return page.evaluate(([ids, key]) => window.__nidaMap?.renderedText(ids, key) ?? [], [layers, property] as const);
}

const STREET_LAYERS = ['street-road-casing', 'street-roads'];

test.describe('street basemap imported from OpenStreetMap', () => {
  // An import (osmium, tilemaker) and software GL on a shared machine.
  test.describe.configure({ timeout: 180_000 });

  let dir = '';
  let archive = '';

  test.beforeAll(() => {
    const missing = requirePrerequisites(builtCli(), ...streetToolPrerequisites());
    test.skip(missing !== null, missing ?? '');
    dir = mkdtempSync(join(tmpdir(), 'nida-e2e-streets-'));
    archive = join(dir, 'baghdad.mbtiles');
    const run = nidaMapImport([writeStreetExtract(dir), '--out', archive]);
    expect(run.code, run.stderr).toBe(0);
  });

  test.afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('given an archive made by nida map import, when the map shows Baghdad at street level, then the streets are drawn and labelled in Arabic from the host, and OpenStreetMap is credited', async ({
    page,
    launchConsole,
  }) => {
    const nida = await launchConsole({ config: { map: { streetBasemap: archive } } });
    const tiles: { status: number; encoding: string | undefined }[] = [];
    const outside: string[] = [];
    page.on('response', (response) => {
      const url = new URL(response.url());
      if (url.pathname.startsWith('/map/street/')) {
        tiles.push({ status: response.status(), encoding: response.headers()['content-encoding'] });
      }
    });
    page.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith('blob:') && !url.startsWith('data:') && new URL(url).host !== new URL(nida.origin).host) {
        outside.push(url);
      }
    });
    await openConsole(page, nida.url);
    await waitForMapIdle(page);
    await expect
      .poll(() => page.evaluate(() => window.__nidaMap?.layerIds() ?? []))
      .toEqual(expect.arrayContaining(['street-roads', 'street-road-labels', 'street-pois']));
    const layers = await page.evaluate(() => window.__nidaMap?.layerIds() ?? []);
    // Above the land, below the boundaries and labels.
    expect(layers.indexOf('street-roads')).toBeGreaterThan(layers.indexOf('basemap-land'));
    expect(layers.indexOf('street-poi-labels')).toBeLessThan(layers.indexOf('basemap-governorate-lines'));

    await page.evaluate(([lon, lat]) => window.__nidaMap?.jumpTo([lon, lat], 15.5), [
      STREETS.karrada.lon,
      STREETS.rasheed.lat + 0.003,
    ] as [number, number]);
    await waitForMapIdle(page);

    // Drawn: the streets are on the canvas (hiding them takes their light pixels away)…
    await expect
      .poll(() => renderedText(page, ['street-roads'], 'name'))
      .toEqual(expect.arrayContaining([STREETS.rasheed.ar, STREETS.karrada.ar]));
    const withStreets = await page.evaluate(() => window.__nidaMap?.lightPixels(100) ?? 0);
    await page.evaluate((ids) => {
      for (const id of ids) window.__nidaMap?.setVisible(id, false);
    }, STREET_LAYERS);
    const withoutStreets = await page.evaluate(() => window.__nidaMap?.lightPixels(100) ?? 0);
    await page.evaluate((ids) => {
      for (const id of ids) window.__nidaMap?.setVisible(id, true);
    }, STREET_LAYERS);
    expect(withStreets - withoutStreets).toBeGreaterThan(2000);

    // …and labelled along them in Arabic, with the hospitals and the police station marked.
    await expect
      .poll(() => renderedText(page, ['street-road-labels'], 'name'))
      .toEqual(expect.arrayContaining([STREETS.rasheed.ar]));
    expect(await renderedText(page, ['street-poi-labels'], 'name')).toEqual(
      expect.arrayContaining([STREETS.wasiti.ar, STREETS.police.ar]),
    );

    // Tiles come from the host, gzip as stored; empty ones are 204; nothing leaves the host.
    expect(tiles.some((tile) => tile.status === 200 && tile.encoding === 'gzip')).toBe(true);
    expect(tiles.every((tile) => tile.status === 200 || tile.status === 204)).toBe(true);
    expect(outside).toEqual([]);

    mkdirSync(join(REPO_ROOT, 'test-results', 'screenshots'), { recursive: true });
    await page
      .getByTestId('map')
      .screenshot({ path: join(REPO_ROOT, 'test-results', 'screenshots', 'map-streets-ar.png') });
    // The day map restyles the streets in place (for the eye: test-results/screenshots/).
    await page.getByTestId('map-theme').click();
    await waitForMapIdle(page);
    expect(await renderedText(page, ['street-road-labels'], 'name')).toEqual(
      expect.arrayContaining([STREETS.rasheed.ar]),
    );
    await page
      .getByTestId('map')
      .screenshot({ path: join(REPO_ROOT, 'test-results', 'screenshots', 'map-streets-day-ar.png') });

    await page.getByTestId('map-credits').click();
    await expect(page.getByTestId('map-credits-dialog')).toContainText('© OpenStreetMap contributors');
    await page.keyboard.press('Escape');
  });

  test('given the imported archive, when the dispatcher searches the map for the hospital, then the imported one is found and shown', async ({
    page,
    launchConsole,
  }) => {
    const nida = await launchConsole({ config: { map: { streetBasemap: archive } } });
    await openConsole(page, nida.url);
    await waitForMapIdle(page);

    await page.getByTestId('map-place-search').fill(STREETS.wasiti.ar);
    const option = page.getByTestId('map-place-option').filter({ hasText: STREETS.wasiti.ar });
    await expect(option).toHaveCount(1);
    await option.click();
    await waitForMapIdle(page);

    const centre = await page.evaluate(() => window.__nidaMap?.center());
    expect(centre?.lon).toBeCloseTo(STREETS.wasiti.lon, 3);
    expect(centre?.lat).toBeCloseTo(STREETS.wasiti.lat, 3);
  });
});
