import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { crc32, deflateSync } from 'node:zlib';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { connectAsync } from 'mqtt';
import { test, expect } from './support/fixtures';
import {
  missingTranslationKeys,
  openConsole,
  saveScreenshot,
  untranslatedLatinText,
  waitForMapIdle,
} from './support/driver';
import { connectRemote } from '../support/wsClient';
import { trackerLogin } from './support/console';
import { requirePrerequisites, sharedFile } from '../support/prerequisites';
// The renderer's read-only map probe (window.__nidaMap) and its type.
import type {} from '../../src-renderer/features/map/mapProbe';

const REPO_ROOT = join(import.meta.dirname, '..', '..');
const DISTRICTS_LAYER = sharedFile('mapdata', 'iraq-districts.geojson');
const DISTRICTS = DISTRICTS_LAYER.path;
const BAGHDAD: [number, number] = [44.3661, 33.3152];
/** Central Baghdad on both banks of the Tigris: Karkh, Salihiya, Bataween, Karradat Maryam, Abu Nuwas. */
const CENTRAL_BAGHDAD: [number, number] = [44.39, 33.31];

/** A 256×256 PNG of one colour (the one tile of the street basemap below). */
function solidPng(rgb: [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer): Buffer => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(256, 0);
  header.writeUInt32BE(256, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(256 * 3).map((_, i) => rgb[i % 3] ?? 0)]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: 256 }, () => row)));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', pixels),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A PMTiles v3 archive holding one raster tile (z0) over Iraq, written by hand to the spec. */
function rasterPmtiles(tile: Buffer): Buffer {
  const varint = (value: number): number[] => {
    const out: number[] = [];
    let rest = value;
    while (rest >= 0x80) {
      out.push((rest & 0x7f) | 0x80);
      rest = Math.floor(rest / 128);
    }
    out.push(rest);
    return out;
  };
  // One entry: tile id 0, run length 1, length, offset 0 (written as offset + 1).
  const directory = Buffer.from([...varint(1), ...varint(0), ...varint(1), ...varint(tile.length), ...varint(1)]);
  const metadata = Buffer.from('{}');
  const header = Buffer.alloc(127);
  header.write('PMTiles', 0, 'latin1');
  header[7] = 3;
  const u64 = (offset: number, value: number): number => header.writeBigUInt64LE(BigInt(value), offset);
  u64(8, 127); // root directory
  u64(16, directory.length);
  u64(24, 127 + directory.length); // metadata
  u64(32, metadata.length);
  u64(40, 0); // no leaf directories
  u64(48, 0);
  u64(56, 127 + directory.length + metadata.length); // tile data
  u64(64, tile.length);
  u64(72, 1);
  u64(80, 1);
  u64(88, 1);
  header.set([1, 1, 1, 2, 0, 0], 96); // clustered, no internal or tile compression, PNG, zooms 0–0
  header.writeInt32LE(38.7e7, 102);
  header.writeInt32LE(29e7, 106);
  header.writeInt32LE(48.8e7, 110);
  header.writeInt32LE(37.4e7, 114);
  header[118] = 0;
  header.writeInt32LE(44.4e7, 119);
  header.writeInt32LE(33.3e7, 123);
  return Buffer.concat([header, directory, metadata, tile]);
}

/** Moves the view and waits until the map is idle there (a frame first: before it, idle() is the old view's). */
async function jumpAndSettle(page: Page, centre: [number, number], zoom: number): Promise<void> {
  const frames = await page.evaluate(() => window.__nidaMap?.frames() ?? 0);
  await page.evaluate(([at, z]) => window.__nidaMap?.jumpTo(at, z), [centre, zoom] as const);
  await page.waitForFunction((before) => (window.__nidaMap?.frames() ?? 0) > before, frames, { timeout: 30_000 });
  await waitForMapIdle(page);
}

async function renderedText(page: Page, layers: string[], property: string): Promise<string[]> {
  return page.evaluate(([ids, key]) => window.__nidaMap?.renderedText(ids, key) ?? [], [layers, property] as const);
}

test.describe('operations map', () => {
  // Software GL on a shared CI machine: the map's first frames and camera moves are slow.
  test.describe.configure({ timeout: 120_000 });

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
    // Natural Earth, OCHA, Who's On First, GeoNames, the Sorani names, ours, the fonts, MapLibre.
    await expect(page.getByTestId('map-credit')).toHaveCount(8);
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

  test('given central Baghdad at street level, when the map settles, then it names the neighbourhoods and draws the Tigris, from the host alone', async ({
    page,
    nida,
  }) => {
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    page.on('websocket', (socket) => requests.push(socket.url()));
    await openConsole(page, nida.url);
    await waitForMapIdle(page);

    await jumpAndSettle(page, CENTRAL_BAGHDAD, 13);
    // Labels are placed over a few frames after the tiles load: poll, never sleep.
    await expect
      .poll(() => renderedText(page, ['basemap-neighbourhood-labels'], 'name_ar'))
      .toEqual(expect.arrayContaining(['البتاوين', 'كرادة مريم', 'الصالحية']));
    await expect
      .poll(async () => (await renderedText(page, ['basemap-neighbourhoods'], 'name_ar')).length)
      .toBeGreaterThan(3);
    await expect.poll(() => renderedText(page, ['basemap-rivers'], 'name_ar')).toContain('نهر دجلة');
    await expect.poll(() => renderedText(page, ['basemap-river-labels'], 'name_ar')).toContain('نهر دجلة');
    mkdirSync(join(REPO_ROOT, 'test-results', 'screenshots'), { recursive: true });
    await page
      .getByTestId('map')
      .screenshot({ path: join(REPO_ROOT, 'test-results', 'screenshots', 'map-baghdad-street-ar.png') });

    // Farther out: the villages around the city and the sub-district lines between them.
    await jumpAndSettle(page, CENTRAL_BAGHDAD, 10);
    await expect
      .poll(async () => (await renderedText(page, ['basemap-locality-labels'], 'name_ar')).length)
      .toBeGreaterThan(10);
    await expect
      .poll(async () => (await renderedText(page, ['basemap-subdistrict-lines'], 'level')).length)
      .toBeGreaterThan(0);

    const host = new URL(nida.origin).host;
    const outside = requests.filter((url) => {
      if (url.startsWith('blob:') || url.startsWith('data:')) return false;
      return new URL(url).host !== host;
    });
    expect(requests.some((url) => /\/localities-[\w-]+\.geojson$/.test(url))).toBe(true);
    expect(outside).toEqual([]);
  });

  test('given units reporting over MQTT, when they move, then the map moves them and a click selects one', async ({
    page,
    launchConsole,
  }) => {
    const nida = await launchConsole({
      config: { operator: { role: 'shift-lead' }, avl: { embedded: { port: 0 }, publishIntervalMs: 100 } },
    });
    const host = await connectRemote(nida);
    try {
      for (const [id, callsign, agency, deviceId] of [
        ['amb-7', 'إسعاف ٧', 'ambulance', 'phone-7'],
        ['pol-12', 'نجدة ١٢', 'police-patrols', 'phone-12'],
      ] as const) {
        await host.api.unit.save({ unit: { id, callsign, agency, kind: 'patrol', deviceId } });
      }
      const status = await host.api.avl.status({});
      const device = await connectAsync(status.broker.url, { clientId: 'e2e-devices', ...trackerLogin(nida) });
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
        // Wait until the map draws the unit at its new place (updates are batched per frame).
        await expect
          .poll(() => page.evaluate(() => window.__nidaMap?.renderedPoint('units-dot', 'amb-7')?.lon ?? 0))
          .toBeCloseTo(44.365, 4);
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
      await host.close();
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
    const skip = requirePrerequisites(DISTRICTS_LAYER);
    test.skip(skip !== null, skip ?? '');
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
    await expect(page.getByTestId('map-credit')).toHaveCount(9);
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

  test('given a street basemap PMTiles file configured, when the map loads, then it is drawn from the host by range requests', async ({
    page,
    launchConsole,
  }) => {
    const dir = mkdtempSync(join(tmpdir(), 'nida-pmtiles-'));
    try {
      writeFileSync(join(dir, 'street.pmtiles'), rasterPmtiles(solidPng([200, 30, 30])));
      const nida = await launchConsole({ config: { map: { streetBasemap: join(dir, 'street.pmtiles') } } });
      const ranges: string[] = [];
      page.on('request', (request) => {
        if (request.url().endsWith('/map/street.pmtiles')) ranges.push(request.headers()['range'] ?? '');
      });
      await openConsole(page, nida.url);
      await waitForMapIdle(page);
      await expect
        .poll(() => page.evaluate(() => window.__nidaMap?.layerIds() ?? []))
        .toEqual(expect.arrayContaining(['street-raster']));
      const layers = await page.evaluate(() => window.__nidaMap?.layerIds() ?? []);
      // Above the land, below the boundaries and labels.
      expect(layers.indexOf('street-raster')).toBeLessThan(layers.indexOf('basemap-governorate-lines'));
      expect(layers.indexOf('street-raster')).toBeGreaterThan(layers.indexOf('basemap-land'));
      expect(ranges.length).toBeGreaterThan(0);
      expect(ranges.every((range) => range.startsWith('bytes='))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('given an unassigned P1 and a P3 incident, when the map shows them, then the P1 pulses and a click opens the P3', async ({
    page,
    nida,
  }) => {
    const host = await connectRemote(nida);
    const [fire, blocked] = [
      await host.api.incident.create({
        typeCode: 'building-fire',
        priority: 1,
        agencies: ['civil-defence', 'ambulance'],
        location: { lat: 33.3, lon: 44.42, source: 'manual' },
      }),
      await host.api.incident.create({
        typeCode: 'road-blocked',
        priority: 3,
        agencies: ['traffic-police'],
        location: { lat: 33.33, lon: 44.36, source: 'manual' },
      }),
    ];
    await host.close();
    await openConsole(page, nida.url);
    await waitForMapIdle(page);
    await page.evaluate((centre) => window.__nidaMap?.jumpTo(centre, 12), [44.39, 33.315] as [number, number]);
    await waitForMapIdle(page);
    await expect
      .poll(() => page.evaluate(() => window.__nidaMap?.renderedIds('incidents-dot').sort() ?? []))
      .toEqual([fire.id, blocked.id].sort());
    expect(await page.evaluate(() => window.__nidaMap?.renderedIds('incidents-pulse') ?? [])).toEqual([fire.id]);
    // The pulse is a ring over the map animated by CSS (the map is not redrawn for it): still when the
    // workstation asks for less motion (as these tests run), pulsing when it does not.
    const pulse = page.getByTestId('incident-pulse');
    await expect(pulse).toHaveCount(1);
    await expect(pulse).toHaveAttribute('data-incident-id', fire.id);
    const ringAnimation = (): Promise<string> =>
      pulse.locator('.incident-pulse-ring').evaluate((ring) => getComputedStyle(ring).animationName);
    expect(await ringAnimation()).toBe('none');
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    expect(await ringAnimation()).toBe('incident-pulse');
    await page.emulateMedia({ reducedMotion: 'reduce' });

    const box = await page.getByTestId('map').boundingBox();
    const point = await page.evaluate(() => window.__nidaMap?.project(44.36, 33.33));
    if (!box || !point) throw new Error('map not on screen');
    await page.mouse.click(box.x + point.x, box.y + point.y);
    await expect(page.getByTestId('incident-detail')).toBeVisible();
    await expect
      .poll(() => page.evaluate(() => window.__nidaMap?.renderedIds('incidents-selected') ?? []))
      .toEqual([blocked.id]);

    // Alt+I brings the selected incident close.
    await page.evaluate((centre) => window.__nidaMap?.jumpTo(centre, 6), [44, 33] as [number, number]);
    await page.keyboard.press('Alt+KeyI');
    await expect
      .poll(() => page.evaluate(() => window.__nidaMap?.zoom() ?? 0), { timeout: 15_000 })
      .toBeGreaterThan(14.9);
  });
});
