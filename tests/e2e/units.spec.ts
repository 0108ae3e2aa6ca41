import { importDemoRoster } from '../support/scenario';
import { connectRemote } from '../support/wsClient';
import { missingTranslationKeys, openConsole, saveScreenshot, untranslatedLatinText } from './support/driver';
import { expect, test } from './support/fixtures';

const shiftLead = { operator: { name: 'Shift Lead', role: 'shift-lead' }, avl: { embedded: { port: 0 } } };

test.describe('unit board', () => {
  test('given the demo roster, then the board shows every unit per agency in Arabic, and a status change from the keyboard reaches a second window', async ({
    browser,
    page,
    launchConsole,
  }) => {
    const nida = await launchConsole({ config: shiftLead });
    const client = await connectRemote(nida);
    const imported = await importDemoRoster(client.api);
    expect(imported.created).toBe(50);
    await openConsole(page, nida.url);
    const other = await browser.newPage();
    await openConsole(other, nida.url);

    const board = page.getByTestId('unit-board');
    await expect(board).toBeVisible();
    await page.getByTestId('unit-agency-civil-defence').click();
    await expect(board.getByTestId('unit-row').first()).toContainText('دفاع-');
    await board.getByRole('tab').first().click();
    // Virtualized: not all 50 rows are in the DOM, but the list knows them all.
    const firstRow = board.getByTestId('unit-row').first();
    await expect(firstRow).toHaveAttribute('data-status', 'available');

    // Keyboard: focus the list, move down, press 0 (out of service, the radio status digit).
    await page.getByTestId('unit-list').focus();
    await page.keyboard.press('ArrowDown');
    const selected = board.locator('[data-testid="unit-row"][aria-selected="true"]');
    const unitId = await selected.getAttribute('data-unit-id');
    expect(unitId).not.toBeNull();
    await page.keyboard.press('0');
    await expect(page.locator(`[data-unit-id="${unitId ?? ''}"]`).first()).toHaveAttribute(
      'data-status',
      'out-of-service',
    );
    // The same change in the other window, without reloading.
    await other.getByTestId('unit-sort').selectOption('callsign');
    await expect(other.locator(`[data-testid="unit-row"][data-unit-id="${unitId ?? ''}"]`)).toHaveAttribute(
      'data-status',
      'out-of-service',
    );

    // An illegal change is refused on the spot with both statuses named.
    await page.getByTestId('unit-sort').selectOption('callsign');
    await page.getByTestId('unit-list').focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('5');
    await expect(page.getByTestId('unit-refusal')).toContainText('في الموقع');

    expect(await missingTranslationKeys(page)).toEqual([]);
    expect(await untranslatedLatinText(page)).toEqual([]);
    // A busy picture for the README: a fire with engines dispatched, en route and on scene.
    const fire = await client.api.incident.create({
      typeCode: 'building-fire',
      priority: 1,
      agencies: ['civil-defence', 'ambulance', 'police-patrols'],
      location: { lat: 33.3333, lon: 44.4197, source: 'map' },
    });
    await client.api.dispatch.dispatch({ incidentId: fire.id, unitIds: ['U-301', 'U-306', 'U-302', 'U-203'] });
    await client.api.unit.setStatus({ unitId: 'U-301', status: 'en-route' });
    await client.api.unit.setStatus({ unitId: 'U-306', status: 'en-route' });
    await client.api.unit.setStatus({ unitId: 'U-306', status: 'on-scene' });
    await page.reload();
    await page.getByTestId('unit-agency-civil-defence').click();
    await page.getByTestId('unit-sort').selectOption('status');
    await expect(page.locator('[data-testid="unit-row"][data-status="on-scene"]')).toHaveCount(1);
    await saveScreenshot(page, 'unit-board-ar');
    await client.close();
    await other.close();
  });

  test('given a shift lead, when a roster CSV with a bad row is imported and a unit is added in the editor, then good rows land and the bad one is named by line', async ({
    page,
    launchConsole,
  }) => {
    const nida = await launchConsole({ config: shiftLead });
    await openConsole(page, nida.url);

    await page.getByTestId('roster-open').click();
    const dialog = page.getByTestId('roster-dialog');
    await dialog
      .getByTestId('roster-import-text')
      .fill(
        [
          'id,callsign,agency,kind,capabilities,home_lat,home_lon,radio_id',
          'U-1,نجدة-1,police-patrols,patrol,patrol,33.30,44.42,1A01',
          'U-2,نجدة-2,police-patrols,patrol,patrol,33.31,,1A02',
        ].join('\n'),
      );
    await dialog.getByTestId('roster-import').click();
    await expect(dialog.getByTestId('roster-import-result')).toContainText('السطر ٣');

    await dialog.getByTestId('roster-agency').selectOption('ambulance');
    await dialog.getByTestId('roster-id').fill('A-9');
    await dialog.getByTestId('roster-callsign').fill('إسعاف-9');
    await dialog.getByTestId('roster-kind').fill('ambulance-basic');
    await dialog.getByTestId('roster-capabilities').fill('ambulance-basic');
    await dialog.getByTestId('roster-save').click();
    await page.keyboard.press('Escape');

    await expect(page.getByTestId('unit-row')).toHaveCount(2);
    await expect(page.locator('[data-testid="unit-row"][data-unit-id="A-9"]')).toContainText('إسعاف-9');
    await page.getByTestId('unit-filter').fill('اسعاف');
    await expect(page.getByTestId('unit-row')).toHaveCount(1);
  });
});
