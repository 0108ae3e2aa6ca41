// Issue 17, findings 4, 7 and 8: closing clears the units still assigned, the close dialog ranks
// dispositions by whole words and prefixes, incident search finds type names and Arabic
// neighbourhood names of incidents whose address came in Latin letters.
import { importDemoRoster } from '../support/scenario';
import { connectRemote } from '../support/wsClient';
import { openConsole, untranslatedLatinText } from './support/driver';
import { expect, test } from './support/fixtures';

const shiftLead = { operator: { name: 'Shift Lead', role: 'shift-lead' }, avl: { embedded: { port: 0 } } };
const TAHRIR = { lat: 33.3333, lon: 44.4197 };

test.describe('safe closing, ranking and search', () => {
  test.use({ viewport: { width: 1920, height: 1080 } });

  test('given four units on scene, when the dispatcher closes with نقل + Enter, then the dialog lists the units, records "transported" and clears all four', async ({
    page,
    launchConsole,
  }) => {
    const nida = await launchConsole({ config: shiftLead });
    const client = await connectRemote(nida);
    await importDemoRoster(client.api);
    const incident = await client.api.incident.create({
      typeCode: 'building-fire',
      priority: 1,
      agencies: ['civil-defence', 'ambulance', 'police-patrols'],
      location: { ...TAHRIR, source: 'map' },
      address: 'ساحة التحرير',
    });
    const unitIds = ['U-301', 'U-306', 'U-203', 'U-101'];
    await client.api.dispatch.dispatch({ incidentId: incident.id, unitIds });
    for (const unitId of unitIds) await client.api.unit.setStatus({ unitId, status: 'on-scene' });
    await openConsole(page, nida.url);

    await page.locator(`[data-testid="queue-incident"][data-number="${incident.number}"]`).click();
    const detail = page.getByTestId('incident-detail');
    await expect(detail.getByTestId('dispatch-panel').locator('[data-status="on-scene"]')).toHaveCount(4);
    await page.keyboard.press('Alt+X');
    const dialog = page.getByTestId('close-incident-dialog');
    await expect(dialog.getByTestId('close-units-warning')).toBeVisible();
    for (const unitId of unitIds) await expect(dialog.getByTestId(`close-unit-${unitId}`)).toBeVisible();
    await expect(dialog.getByTestId('disposition-filter')).toBeFocused();

    await page.keyboard.type('نقل');
    const options = dialog.getByTestId('disposition-options').locator('[role="option"]');
    await expect(options.first()).toHaveAttribute('data-code', 'transported-to-hospital');
    await page.keyboard.press('Enter');
    await expect(dialog.getByTestId('close-reason')).toBeFocused();
    await page.keyboard.press('Control+Enter');
    await expect(dialog).toBeHidden();

    await expect(detail.getByTestId('incident-disposition')).toHaveAttribute('data-code', 'transported-to-hospital');
    await expect(detail.getByTestId('dispatch-panel').locator('[data-status="cleared"]')).toHaveCount(4);
    const units = await client.api.unit.list({});
    for (const unitId of unitIds) {
      expect(units.find((unit) => unit.id === unitId)).toMatchObject({
        status: 'available-on-radio',
        incidentId: null,
      });
    }
    expect(await untranslatedLatinText(page)).toEqual([]);
    await client.close();
  });

  test('given رفض or مكرر typed in the close dialog of an incident without units, then no units warning and the whole word comes first', async ({
    page,
    nida,
  }) => {
    const client = await connectRemote(nida);
    const incident = await client.api.incident.create({
      typeCode: 'theft',
      priority: 3,
      agencies: ['police-patrols'],
      address: 'شارع فلسطين',
    });
    await client.close();
    await openConsole(page, nida.url);
    await page.locator(`[data-testid="queue-incident"][data-number="${incident.number}"]`).click();
    // The incident is open before its keys are pressed.
    await expect(page.getByTestId('incident-detail')).toBeVisible();
    await expect(page.getByTestId('dispatch-panel')).toBeVisible();
    await page.keyboard.press('Alt+X');
    const dialog = page.getByTestId('close-incident-dialog');
    await expect(dialog.getByTestId('disposition-filter')).toBeFocused();
    await expect(dialog.getByTestId('close-units-warning')).toHaveCount(0);

    await page.keyboard.type('رفض');
    const options = dialog.getByTestId('disposition-options').locator('[role="option"]');
    await expect(options.first()).toHaveAttribute('data-code', 'refused-transport');
    await dialog.getByTestId('disposition-filter').fill('مكرر');
    await expect(options.first()).toHaveAttribute('data-code', 'duplicate');
  });

  test('given incidents with Latin ALI addresses, when searched by type name or Arabic neighbourhood, then they are found', async ({
    page,
    nida,
  }) => {
    const client = await connectRemote(nida);
    const fire = await client.api.incident.create({
      typeCode: 'building-fire',
      priority: 1,
      agencies: ['civil-defence'],
      location: { lat: 33.3705, lon: 44.3632, source: 'ali' },
      address: '14 Imam Azam St',
    });
    const crash = await client.api.incident.create({
      typeCode: 'traffic-accident-injuries',
      priority: 1,
      agencies: ['traffic-police', 'ambulance'],
      location: { lat: 33.3128, lon: 44.3615, source: 'ali' },
      address: 'Airport Rd',
    });
    await client.close();
    await openConsole(page, nida.url);

    const search = page.getByTestId('incident-search');
    const hits = page.getByTestId('search-hit');
    await search.fill('الأعظمية');
    await expect(hits.first()).toContainText(fire.number);
    await expect(hits).toHaveCount(1);
    await search.fill('حريق');
    await expect(hits.first()).toContainText(fire.number);
    await search.fill('مروري');
    await expect(hits.first()).toContainText(crash.number);
    await expect(hits).toHaveCount(1);
  });
});
