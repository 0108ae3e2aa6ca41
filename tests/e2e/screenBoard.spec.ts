import type { Locator, Page } from '@playwright/test';
import { startUnitSimulator } from '../../src-main/services/avl/simulator';
import { seededRandom } from '../../src-shared/domain/random';
import { importDemoRoster } from '../support/scenario';
import { connectRemote } from '../support/wsClient';
import { trackerLogin } from './support/console';
import {
  missingTranslationKeys,
  openConsole,
  publishScreenshot,
  switchLanguage,
  waitForMapIdle,
} from './support/driver';
import { expect, test } from './support/fixtures';
// The renderer's read-only map probe (window.__nidaMap) and its type.
import type {} from '../../src-renderer/features/map/mapProbe';

// Issue 17, findings 9–11: bidi hygiene, the unit board, the wall display, type sizes.
test.use({ viewport: { width: 1920, height: 1080 } });

/** Importing the demo roster takes a shift lead. */
const shiftLead = { operator: { name: 'Shift Lead', role: 'shift-lead' } };

/** A caller number with a right-to-left override inside: shown as 07707654321 if kept. */
const RLO_NUMBER = '0770\u202E1234567';
/** A Latin ALI address, longer than its cell, with a leading house number. */
const LATIN_ADDRESS = '12 Al-Rasheed Street, Bab Al-Muadham Quarter, Rusafa District, Baghdad Governorate, Iraq';

/** Screen rectangle of the first occurrence of `text` inside the element (its text node range). */
async function textRect(element: Locator, text: string): Promise<{ left: number; right: number }> {
  return element.evaluate((node, wanted) => {
    const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    for (let current = walker.nextNode(); current; current = walker.nextNode()) {
      const at = current.textContent?.indexOf(wanted) ?? -1;
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(current, at);
      range.setEnd(current, at + wanted.length);
      const rect = range.getBoundingClientRect();
      return { left: rect.left, right: rect.right };
    }
    throw new Error(`no "${wanted}" in the element`);
  }, text);
}

async function fontSizePx(locator: Locator): Promise<number> {
  return locator.evaluate((element) => parseFloat(getComputedStyle(element).fontSize));
}

async function expectNoHorizontalOverflow(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

test.describe('screen: bidi, unit board, wall display', () => {
  // Three languages and two windows per test on a shared machine.
  test.setTimeout(120_000);

  test('given a caller number with a right-to-left override, a Latin address and Arabic callsigns, then each reads as sent in every language, and the Sorani date is Sorani', async ({
    page,
    launchConsole,
  }) => {
    const nida = await launchConsole({ config: shiftLead });
    const client = await connectRemote(nida);
    await importDemoRoster(client.api);
    const call = await client.api.call.receive({ source: 'ali', callerNumber: RLO_NUMBER });
    // The host stores the number without the override: the digits in the order they were sent.
    expect(call.callerNumber).toBe('07701234567');
    const incident = await client.api.incident.create({
      typeCode: 'building-fire',
      priority: 1,
      agencies: ['civil-defence'],
      location: { lat: 33.3333, lon: 44.4197, source: 'map' },
      address: LATIN_ADDRESS,
    });
    await client.api.dispatch.dispatch({ incidentId: incident.id, unitIds: ['U-301'] });
    await openConsole(page, nida.url);

    const number = page.getByTestId('queue-call').first().locator('.call-number');
    await expect(number).toHaveText('07701234567');

    // The Latin address keeps its own direction: house number in front, cut at its logical end.
    const address = page
      .locator(`[data-testid="queue-incident"][data-number="${incident.number}"]`)
      .getByTestId('queue-address');
    await expect(address).toBeVisible();
    expect(await address.evaluate((element) => getComputedStyle(element).direction)).toBe('ltr');
    const box = await address.evaluate((element) => {
      const rect = element.getBoundingClientRect();
      return { left: rect.left, right: rect.right, clipped: element.scrollWidth > element.clientWidth };
    });
    expect(box.clipped).toBe(true);
    const house = await textRect(address, '12 ');
    const street = await textRect(address, 'Al-Rasheed');
    expect(house.right).toBeLessThanOrEqual(street.left + 1);
    expect(house.left).toBeGreaterThanOrEqual(box.left - 1);
    expect(street.right).toBeLessThanOrEqual(box.right + 1);

    // Callsigns read letters first (on the right), number after (on the left), in Arabic and English.
    for (const language of ['ar', 'en'] as const) {
      await switchLanguage(page, language);
      const callsign = page.locator('[data-testid="unit-row"][data-unit-id="U-301"] .unit-callsign');
      await expect(callsign).toHaveText('دفاع-301');
      const letters = await textRect(callsign, 'دفاع');
      const digits = await textRect(callsign, '301');
      expect(digits.right).toBeLessThanOrEqual(letters.left + 1);
    }

    // Sorani: the header's date in Sorani names and Arabic-Indic digits, not English.
    await switchLanguage(page, 'ckb');
    const date = page.getByTestId('clock').locator('.clock-date');
    await expect(date).toHaveText(/^[^A-Za-z0-9]+$/);
    await expect(date).toHaveText(/[٠-٩]/);
    await expect(date).toHaveText(/کانوونی|شوبات|ئازار|نیسان|ئایار|حوزەیران|تەمووز|ئاب|ئەیلوول|تشرینی/);

    expect(await missingTranslationKeys(page)).toEqual([]);
    await client.close();
  });

  test('given units dispatched, en route and on scene, then the board lists them first, on scene is not P1 red, and the timeline names the unit and its status', async ({
    page,
    launchConsole,
  }) => {
    const nida = await launchConsole({ config: shiftLead });
    const client = await connectRemote(nida);
    await importDemoRoster(client.api);
    const fire = await client.api.incident.create({
      typeCode: 'building-fire',
      priority: 1,
      agencies: ['civil-defence'],
      location: { lat: 33.3333, lon: 44.4197, source: 'map' },
    });
    await client.api.dispatch.dispatch({ incidentId: fire.id, unitIds: ['U-301', 'U-302'] });
    await client.api.unit.setStatus({ unitId: 'U-301', status: 'en-route' });
    await client.api.unit.setStatus({ unitId: 'U-301', status: 'on-scene' });
    await openConsole(page, nida.url);

    const rows = page.getByTestId('unit-list').getByTestId('unit-row');
    await expect(rows.nth(0)).toHaveAttribute('data-status', 'dispatched');
    await expect(rows.nth(1)).toHaveAttribute('data-status', 'on-scene');
    await expect(rows.nth(2)).toHaveAttribute('data-status', 'available');

    const onScene = await rows
      .nth(1)
      .evaluate((element) => getComputedStyle(element).getPropertyValue('border-inline-start-color'));
    const badge = page
      .locator(`[data-testid="queue-incident"][data-number="${fire.number}"]`)
      .locator('.priority-badge');
    const p1 = await badge.evaluate((element) => getComputedStyle(element).backgroundColor);
    expect(onScene).not.toBe('');
    expect(onScene).not.toBe(p1);

    await page.locator(`[data-testid="queue-incident"][data-number="${fire.number}"]`).click();
    const progress = page.locator('[data-testid="timeline"] li[data-type="incident.unitProgress"]');
    await expect(progress.last()).toContainText('دفاع-301');
    await expect(progress.last()).toContainText('في الموقع');
    await expect(page.locator('[data-testid="timeline"] li[data-type="incident.unitsDispatched"]')).toContainText(
      'دفاع-302',
    );
    await client.close();
  });

  test('given waiting calls, an uncovered P1 and the fleet, then the wall display shows them with the map in large type, and the console body is 16 px without overflow', async ({
    page,
    launchConsole,
  }) => {
    const nida = await launchConsole({ config: shiftLead });
    const client = await connectRemote(nida);
    await importDemoRoster(client.api);
    await client.api.call.receive({ source: 'ali', callerNumber: '07701111111' });
    await client.api.call.receive({ source: 'ali', callerNumber: '07702222222' });
    const p1 = await client.api.incident.create({
      typeCode: 'building-fire',
      priority: 1,
      agencies: ['civil-defence'],
      location: { lat: 33.3333, lon: 44.4197, source: 'map' },
    });

    await openConsole(page, nida.url);
    expect(await fontSizePx(page.locator('body'))).toBeGreaterThanOrEqual(16);
    await expectNoHorizontalOverflow(page);

    await page.goto(`${nida.url}&view=wall`);
    await expect(page.getByTestId('role-window')).toHaveAttribute('data-role', 'wall');
    const board = page.getByTestId('wall-board');
    await expect(board.getByTestId('wall-calls-waiting')).toContainText('٢');
    await expect(board.getByTestId('wall-longest-wait')).toHaveText(/[٠-٩]:[٠-٩]/);
    await expect(board.locator(`[data-testid="wall-p1"][data-number="${p1.number}"]`)).toBeVisible();
    await expect(board.getByTestId('wall-units').locator('tr[data-agency="civil-defence"]')).toBeVisible();
    await expect(board.getByTestId('wall-map').getByTestId('pane-map')).toBeVisible();
    // The map is drawn at a readable size, not squeezed to a strip.
    await waitForMapIdle(page);
    const canvas = await board.getByTestId('wall-map').locator('canvas').first().boundingBox();
    expect(canvas?.height ?? 0).toBeGreaterThan(500);
    expect(canvas?.width ?? 0).toBeGreaterThan(600);
    expect(await fontSizePx(board)).toBeGreaterThanOrEqual(32);
    expect(await fontSizePx(page.getByTestId('kpi-wall'))).toBeGreaterThanOrEqual(32);
    expect(await missingTranslationKeys(page)).toEqual([]);
    await publishScreenshot(page, 'wall-ar');
    await client.close();
  });

  test('given units moving on the map, when the board shows one agency, then the map shows only its units under the incidents, and a unit on its way counts its ETA down', async ({
    page,
    launchConsole,
  }) => {
    const nida = await launchConsole({
      config: { ...shiftLead, avl: { embedded: { port: 0 }, publishIntervalMs: 100 } },
    });
    const client = await connectRemote(nida);
    await importDemoRoster(client.api);
    const { broker } = await client.api.avl.status({});
    const simulator = await startUnitSimulator({
      brokerUrl: broker.url,
      ...trackerLogin(nida),
      count: 50,
      rateHz: 1,
      random: seededRandom(3),
    });
    try {
      const crash = await client.api.incident.create({
        typeCode: 'building-fire',
        priority: 1,
        agencies: ['civil-defence', 'ambulance'],
        location: { lat: 33.3333, lon: 44.4197, source: 'map' },
      });
      await client.api.dispatch.dispatch({ incidentId: crash.id, unitIds: ['U-201'] });
      await client.api.unit.setStatus({ unitId: 'U-201', status: 'en-route' });
      await openConsole(page, nida.url);
      await expect(page.getByTestId('map')).toHaveAttribute('data-map-ready', 'true', { timeout: 30_000 });

      const eta = page.locator('[data-testid="unit-row"][data-unit-id="U-201"]').getByTestId('unit-eta');
      await expect(eta).toHaveText(/[٠-٩]:[٠-٩]{2}/, { timeout: 30_000 });

      // Units are drawn under the incidents.
      const layers = await page.evaluate(() => window.__nidaMap?.layerIds() ?? []);
      expect(layers.indexOf('units-label')).toBeLessThan(layers.indexOf('incidents-pulse'));

      await page.evaluate(() => window.__nidaMap?.jumpTo([44.4, 33.32], 10));
      const drawn = (): Promise<string[]> =>
        page.evaluate(() => [...new Set(window.__nidaMap?.renderedIds('units-dot'))]);
      await expect
        .poll(async () => (await drawn()).some((id) => !id.startsWith('U-2')), { timeout: 30_000 })
        .toBe(true);
      await page.getByTestId('unit-agency-ambulance').click();
      await expect
        .poll(async () => {
          const ids = await drawn();
          return ids.length > 0 && ids.every((id) => id.startsWith('U-2'));
        })
        .toBe(true);
    } finally {
      await simulator.stop();
      await client.close();
    }
  });
});
