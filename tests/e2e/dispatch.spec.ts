import { importDemoRoster } from '../support/scenario';
import { connectRemote } from '../support/wsClient';
import { openConsole, saveScreenshot, untranslatedLatinText } from './support/driver';
import { expect, test } from './support/fixtures';

const shiftLead = { operator: { name: 'Shift Lead', role: 'shift-lead' }, avl: { embedded: { port: 0 } } };

test.describe('dispatch', () => {
  test('given a building fire, when the dispatcher opens it and presses F9, then the recommended units (one swapped) are dispatched', async ({
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
      location: { lat: 33.3333, lon: 44.4197, source: 'map' },
      address: 'ساحة التحرير',
    });
    await openConsole(page, nida.url);

    await page.locator(`[data-testid="queue-incident"][data-number="${incident.number}"]`).click();
    const panel = page.getByTestId('dispatch-panel');
    const recommended = panel.getByTestId('recommended-unit');
    await expect(recommended).toHaveCount(4); // 2 engines, 1 ambulance, 1 patrol
    expect(await untranslatedLatinText(page)).toEqual([]);
    // Swap the patrol for another one before confirming.
    const patrol = recommended.nth(3).getByTestId('swap-unit');
    const options = await patrol
      .locator('option')
      .evaluateAll((nodes) => nodes.map((node) => (node as HTMLOptionElement).value));
    const swapped = options[1] ?? '';
    expect(swapped).not.toBe('');
    await patrol.selectOption(swapped);
    const chosen = await recommended.evaluateAll((nodes) =>
      nodes.map((node) => node.getAttribute('data-unit-id') ?? ''),
    );

    await saveScreenshot(page, 'dispatch-panel-ar');
    await page.keyboard.press('F9');

    await expect(panel.getByTestId('assigned-units').locator('li')).toHaveCount(4);
    const after = await client.api.incident.get({ id: incident.id });
    expect(after.incident.status).toBe('dispatched');
    expect(after.incident.units.map((unit) => unit.unitId).sort()).toEqual([...chosen].sort());
    expect(chosen).toContain(swapped);
    const units = await client.api.unit.list({});
    for (const id of chosen)
      expect(units.find((unit) => unit.id === id)).toMatchObject({ status: 'dispatched', incidentId: incident.id });

    // Undo one with a reason: it leaves the incident.
    await panel.getByTestId('undo-dispatch').first().click();
    await panel.getByTestId('undo-reason').fill('اتجاه خاطئ');
    await page.keyboard.press('Enter');
    await expect(panel.getByTestId('assigned-units').locator('li')).toHaveCount(3);
    await client.close();
  });

  test('given the command line, when a dispatcher types a dispatch and a status with autocomplete, then both are applied', async ({
    page,
    launchConsole,
  }) => {
    const nida = await launchConsole({ config: shiftLead });
    const client = await connectRemote(nida);
    await importDemoRoster(client.api);
    const incident = await client.api.incident.create({
      typeCode: 'theft',
      priority: 3,
      agencies: ['police-patrols'],
      location: { lat: 33.3046, lon: 44.4232, source: 'map' },
    });
    await openConsole(page, nida.url);

    await page.keyboard.press('F8');
    await expect(page.getByTestId('command-input')).toBeFocused();
    await page.keyboard.type('d نجدة-10');
    await expect(page.getByTestId('command-suggestions')).toContainText('نجدة-101');
    await page.keyboard.press('Tab');
    await page.keyboard.type(incident.number.slice(-4));
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('command-input')).toHaveValue('');
    await expect
      .poll(async () => (await client.api.unit.list({})).find((unit) => unit.id === 'U-101')?.status)
      .toBe('dispatched');

    await page.getByTestId('command-input').fill('s نجدة-101 er');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('command-input')).toHaveValue('');
    await expect
      .poll(async () => (await client.api.unit.list({})).find((unit) => unit.id === 'U-101')?.status)
      .toBe('en-route');
    const detail = await client.api.incident.get({
      id: incident.id,
    });
    expect(detail.incident.enRouteAt).not.toBeNull();

    await page.getByTestId('command-input').fill('s نجدة-101 flying');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('command-result')).toContainText('flying');
    await client.close();
  });
});
