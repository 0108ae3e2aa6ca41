import type { Page } from '@playwright/test';
import { importDemoRoster } from '../support/scenario';
import { connectRemote } from '../support/wsClient';
import { openConsole, saveScreenshot, waitForMapIdle } from './support/driver';
import { expect, test } from './support/fixtures';
import { CountingKeyboard } from './support/keyboard';
// The renderer's read-only map probe (window.__nidaMap) and its type.
import type {} from '../../src-renderer/features/map/mapProbe';

const shiftLead = { operator: { name: 'Shift Lead', role: 'shift-lead' }, avl: { embedded: { port: 0 } } };
// Tahrir Square, Baghdad.
const SCENE = { lat: 33.3333, lon: 44.4197 };
/** The target: command keys from F4 to units dispatched, typed text not counted. */
const COMMAND_KEY_TARGET = 12;

test.use({ viewport: { width: 1920, height: 1080 } });

async function camera(page: Page): Promise<{ lon: number; lat: number; zoom: number }> {
  await waitForMapIdle(page);
  return page.evaluate(() => ({
    ...(window.__nidaMap?.center() ?? { lon: 0, lat: 0 }),
    zoom: window.__nidaMap?.zoom() ?? 0,
  }));
}

/** Waits until the map has settled on a place, closer than ~100 m, zoomed in to street level. */
async function expectMapOn(page: Page, place: { lat: number; lon: number }): Promise<void> {
  await expect
    .poll(async () => {
      const view = await camera(page);
      return Math.abs(view.lat - place.lat) < 0.001 && Math.abs(view.lon - place.lon) < 0.001 && view.zoom >= 14;
    })
    .toBe(true);
}

test.describe('screen flow: the map follows the call, create flows into dispatch', () => {
  test('given a call whose location came with it, when the dispatcher takes it by keyboard, then the map follows it, the new incident opens with its recommendation focused, and units go out within the target of command keys', async ({
    page,
    launchConsole,
  }) => {
    test.slow(); // the map animates several times and waits to settle each time
    const nida = await launchConsole({ config: shiftLead });
    const telephony = await connectRemote(nida);
    await importDemoRoster(telephony.api);
    await openConsole(page, nida.url);
    const before = await camera(page);

    await telephony.api.call.receive({
      source: 'demo',
      callerNumber: '07701234567',
      address: 'Tahrir Sq, Al-Rasheed St',
      location: { ...SCENE, accuracyM: 150, source: 'ali' },
    });
    await expect(page.getByTestId('queue-call')).toHaveCount(1);

    // Command keys are counted apart from typed text (the landmark, the type search, the narrative).
    const keys = new CountingKeyboard(page);
    let commandKeys = 0;
    const command = async (key: string, times = 1): Promise<void> => {
      await keys.press(key, times);
      commandKeys += times;
    };

    await command('F4');
    await expect(page.getByTestId('place-search')).toBeFocused();
    // The map centres on the caller, the whole uncertainty circle in view.
    await expectMapOn(page, SCENE);
    const mapBox = await page.getByTestId('map').boundingBox();
    const circleEdges = await page.evaluate(
      ({ lat, lon }) => [window.__nidaMap?.project(lon, lat + 0.00135), window.__nidaMap?.project(lon, lat - 0.00135)],
      SCENE,
    );
    for (const edge of circleEdges) {
      expect(edge?.y).toBeGreaterThan(0);
      expect(edge?.y).toBeLessThan(mapBox?.height ?? 0);
    }
    // The intake is a side panel: the map keeps at least half of the centre column and of the screen's height.
    const intakeBox = await page.getByTestId('intake-workspace').boundingBox();
    expect(mapBox?.width ?? 0).toBeGreaterThanOrEqual(((mapBox?.width ?? 0) + (intakeBox?.width ?? 0)) / 2);
    expect(mapBox?.height ?? 0).toBeGreaterThanOrEqual(1080 / 2);

    // Alt+I works during intake: after looking elsewhere it brings the caller back (not a step of the flow).
    await page.evaluate(() => window.__nidaMap?.jumpTo([44.0, 33.0], 9));
    await page.keyboard.press('Alt+KeyI');
    await expectMapOn(page, SCENE);
    await expect(page.getByTestId('place-search')).toBeFocused();

    await command('Tab', 2); // location and address came with the call; on to the type
    await expect(page.getByTestId('type-picker')).toBeFocused();
    await keys.type('حادث حريق');
    await expect(page.getByTestId('type-option-traffic-accident-fire')).toBeVisible();
    await command('Enter');
    await expect(page.getByTestId('intake-agencies').locator('[data-agency]')).toHaveCount(3);
    await command('Tab', 5); // priority (from the type), agencies, caller number and name (from the call)
    await expect(page.getByTestId('narrative-input')).toBeFocused();
    await keys.type('سيارتان، إحداهما تحترق، شخص عالق');
    await command('Enter');
    await saveScreenshot(page, 'screen-flow-intake-ar');
    await command('Control+Enter');

    // The new incident opens; its recommendation has the focus, so F9 is the next key. The map shows it.
    const detail = page.getByTestId('incident-detail');
    await expect(detail).toBeVisible();
    const dispatchButton = detail.getByTestId('dispatch-recommended');
    await expect(dispatchButton).toBeFocused();
    const recommended = await detail
      .getByTestId('recommended-unit')
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-unit-id') ?? ''));
    expect(recommended.length).toBeGreaterThan(0);
    await expectMapOn(page, SCENE);
    await command('F9');

    await expect(detail.getByTestId('assigned-units').locator('li')).toHaveCount(new Set(recommended).size);
    const [incident] = await telephony.api.incident.listOpen({});
    expect(incident?.status).toBe('dispatched');
    expect(incident?.units.map((unit) => unit.unitId).sort()).toEqual([...new Set(recommended)].sort());
    test.info().annotations.push({ type: 'command keys F4 → dispatched', description: String(commandKeys) });
    console.log(`command keys from F4 to units dispatched: ${String(commandKeys)} (all keys: ${String(keys.count)})`);
    expect(commandKeys).toBeLessThanOrEqual(COMMAND_KEY_TARGET);

    // Alt+B: the map goes back to where the dispatcher was before it followed the call.
    await page.keyboard.press('Escape');
    await expect(detail).toBeHidden();
    await page.keyboard.press('Alt+KeyB');
    await expect
      .poll(async () => {
        const view = await camera(page);
        return (
          Math.abs(view.lat - before.lat) < 0.01 &&
          Math.abs(view.lon - before.lon) < 0.01 &&
          Math.abs(view.zoom - before.zoom) < 0.1
        );
      })
      .toBe(true);
    await telephony.close();
  });

  test('given open incidents, then F3 reaches the search, arrows move through the list, and keys pressed before the results arrive still open the incident', async ({
    page,
    launchConsole,
  }) => {
    const nida = await launchConsole({ config: shiftLead });
    const client = await connectRemote(nida);
    const created = [];
    for (const [typeCode, priority] of [
      ['building-fire', 1],
      ['theft', 3],
      ['theft', 4],
    ] as const) {
      created.push(
        await client.api.incident.create({
          typeCode,
          priority,
          agencies: [typeCode === 'theft' ? 'police-patrols' : 'civil-defence'],
          location: { ...SCENE, source: 'map' },
        }),
      );
    }
    await openConsole(page, nida.url);
    const rows = page.getByTestId('queue-incident');
    await expect(rows).toHaveCount(3);

    // F3 from anywhere, then ↓ from the empty search into the list, ↓ to the next incident, Enter opens it.
    await page.keyboard.press('F3');
    await expect(page.getByTestId('incident-search')).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(rows.nth(0)).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(rows.nth(1)).toBeFocused();
    const second = await rows.nth(1).getAttribute('data-number');
    await page.keyboard.press('Enter');
    const detail = page.getByTestId('incident-detail');
    await expect(detail).toBeVisible();
    await expect(detail.locator('h2')).toContainText(second ?? '-');
    // Escape closes it and leaves the dispatcher on that row; End, Home and ↑ (back to the search) move on.
    await page.keyboard.press('Escape');
    await expect(rows.nth(1)).toBeFocused();
    await page.keyboard.press('End');
    await expect(rows.nth(2)).toBeFocused();
    await page.keyboard.press('Home');
    await expect(rows.nth(0)).toBeFocused();
    await page.keyboard.press('ArrowUp');
    await expect(page.getByTestId('incident-search')).toBeFocused();

    // The number typed, then ↓ and Enter at once, before the results are back: the incident opens.
    const wanted = created[2];
    expect(wanted).toBeDefined();
    await page.keyboard.type(wanted?.number ?? '');
    await expect(page.getByTestId('search-pending')).toBeVisible();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(detail).toBeVisible();
    await expect(detail.locator('h2')).toContainText(wanted?.number ?? '-');

    // F3 with an incident open closes it and goes to the search.
    await page.keyboard.press('F3');
    await expect(detail).toBeHidden();
    await expect(page.getByTestId('incident-search')).toBeFocused();
    await client.close();
  });
});
