import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeRadioLine } from '../../src-shared/domain/protocols/radio';
import { importDemoRoster } from '../support/scenario';
import { connectRemote } from '../support/wsClient';
import { missingTranslationKeys, openConsole, publishScreenshot } from './support/driver';
import { expect, test } from './support/fixtures';
import { ptyPair } from './support/pty';
// The renderer's read-only map probe (window.__nidaMap) and its type.
import type {} from '../../src-renderer/features/map/mapProbe';

const SCREEN = { width: 1920, height: 1080 };
const shiftLead = {
  operator: { name: 'Shift Lead', role: 'shift-lead' },
  avl: { embedded: { port: 0 } },
  // The shortest clock the config allows, so ten calls are "waiting too long" within seconds.
  timers: { callWaitingSeconds: 5 },
};

test.describe('the dispatcher screen at work: alarms and messages', () => {
  test('given ten waiting calls at 1920×1080, then the alarms stay in one bounded strip with counts, the incident list and the map keep a usable height, and the shift lead acknowledges all waiting calls at once', async ({
    page,
    launchConsole,
  }) => {
    await page.setViewportSize(SCREEN);
    const nida = await launchConsole({ config: shiftLead });
    const client = await connectRemote(nida);
    await client.api.incident.create({
      typeCode: 'theft',
      priority: 3,
      agencies: ['police-patrols'],
      location: { lat: 33.3046, lon: 44.4232, source: 'map' },
    });
    for (let index = 0; index < 10; index++)
      await client.api.call.receive({ source: 'ali', callerNumber: `077012345${String(index).padStart(2, '0')}` });
    await openConsole(page, nida.url);

    const waiting = page.locator('[data-testid="alarm-count"][data-kind="call-waiting"]');
    await expect(waiting).toHaveAttribute('data-count', '10', { timeout: 30_000 });
    // One line for the ten, collapsed, not ten banners.
    await expect(page.locator('[data-testid="alarm-group"][data-kind="call-waiting"]')).toHaveCount(1);
    await expect(page.locator('[data-testid="alarm"][data-kind="call-waiting"]')).toHaveCount(0);

    const area = await page.getByTestId('alarm-banner').boundingBox();
    const incidents = await page.getByTestId('incident-queue').boundingBox();
    const map = await page.getByTestId('map').boundingBox();
    expect(area && area.height <= SCREEN.height * 0.2 + 2).toBeTruthy();
    expect(incidents?.height ?? 0).toBeGreaterThanOrEqual(250);
    expect(map?.height ?? 0).toBeGreaterThanOrEqual(300);
    await expect(page.getByTestId('queue-incident')).toHaveCount(1);
    await expect(page.getByTestId('queue-incident').first()).toBeInViewport();

    // Opened, the group scrolls inside the strip: the panes do not move.
    await page.getByTestId('alarm-group-toggle').click();
    await expect(page.locator('[data-testid="alarm"][data-kind="call-waiting"]')).toHaveCount(10);
    const opened = await page.getByTestId('alarm-banner').boundingBox();
    expect(opened && opened.height <= SCREEN.height * 0.2 + 2).toBeTruthy();
    expect((await page.getByTestId('incident-queue').boundingBox())?.height ?? 0).toBeGreaterThanOrEqual(250);

    await page.getByTestId('alarm-acknowledge-all-calls').click();
    await expect(waiting).toHaveCount(0);
    expect(await missingTranslationKeys(page)).toEqual([]);
  });

  test('given a unit pressing its emergency button, then the alarm names its callsign, incident and position, the map marks it and zooms to it, and the marker survives acknowledgement and goes only when resolved with a note', async ({
    page,
    launchConsole,
  }) => {
    test.setTimeout(120_000);
    await page.setViewportSize(SCREEN);
    const directory = mkdtempSync(join(tmpdir(), 'nida-emergency-e2e-'));
    const radio = await ptyPair(directory, 'radio');
    try {
      const nida = await launchConsole({
        config: { ...shiftLead, serial: { ports: [{ id: 'radio', path: radio.console, protocol: 'radio' }] } },
      });
      const client = await connectRemote(nida);
      await importDemoRoster(client.api);
      const unit = (await client.api.unit.list({})).find((candidate) => candidate.radioId === '1A01');
      if (!unit) throw new Error('the demo roster has no radio 1A01');
      const incident = await client.api.incident.create({
        typeCode: 'theft',
        priority: 3,
        agencies: ['police-patrols'],
        location: { lat: 33.3046, lon: 44.4232, source: 'map' },
      });
      await client.api.dispatch.dispatch({ incidentId: incident.id, unitIds: [unit.id] });
      await openConsole(page, nida.url);
      await expect(page.getByTestId('link-serial')).toHaveAttribute('data-state', 'up');
      await expect(page.getByTestId('map')).toHaveAttribute('data-map-ready', 'true', { timeout: 30_000 });

      const burst = encodeRadioLine('RDG,17,140501,1A01,EMR,,33.31280,44.36150');
      writeFileSync(radio.device, burst + burst + burst);
      const emergency = page.locator('[data-testid="alarm"][data-kind="radio-emergency"]');
      await expect(emergency).toHaveCount(1);
      await expect(page.getByTestId('alarm').first()).toHaveAttribute('data-kind', 'radio-emergency');
      await expect(emergency.getByTestId('alarm-callsign')).toHaveText(unit.callsign);
      await expect(emergency.getByTestId('alarm-incident')).toContainText(incident.number);
      await expect(emergency.getByTestId('alarm-position')).toContainText('33.31280, 44.36150');

      const rendered = () => page.evaluate(() => window.__nidaMap?.renderedIds('radio-emergency-ring') ?? []);
      await emergency.getByTestId('alarm-zoom').click();
      await expect.poll(() => page.evaluate(() => window.__nidaMap?.zoom() ?? 0)).toBeGreaterThanOrEqual(15);
      await expect.poll(rendered, { timeout: 20_000 }).toHaveLength(1);

      // Acknowledged: someone is on it. The alarm and the marker stay, saying who.
      await emergency.getByTestId('alarm-acknowledge').click();
      await expect(emergency).toHaveAttribute('data-acknowledged', 'true');
      await expect(emergency.getByTestId('alarm-acknowledged-by')).toBeVisible();
      await expect(emergency.getByTestId('alarm-acknowledge')).toHaveCount(0);
      await page.waitForFunction(() => window.__nidaMap?.idle() === true, undefined, { timeout: 30_000 });
      expect(await rendered()).toHaveLength(1);
      await publishScreenshot(page, 'radio-emergency-ar');

      // Resolving needs a note; then the alarm and the marker go.
      await emergency.getByTestId('alarm-resolve').click();
      await expect(emergency.getByTestId('alarm-resolve-confirm')).toBeDisabled();
      await emergency.getByTestId('alarm-resolve-note').fill('الطاقم بخير، تم القبض على المشتبه به');
      await emergency.getByTestId('alarm-resolve-confirm').click();
      await expect(emergency).toHaveCount(0);
      await expect.poll(rendered).toEqual([]);
      const [stored] = (await client.api.alarm.list({})).filter((alarm) => alarm.kind === 'radio-emergency');
      expect(stored).toBeUndefined();
      expect(await missingTranslationKeys(page)).toEqual([]);
    } finally {
      radio.stop();
      rmSync(directory, { recursive: true, force: true });
    }
  });

  test('given an illegal status change typed on the command line, then the message is in Arabic with the right title, not over the unit board, and it leaves by itself', async ({
    page,
    launchConsole,
  }) => {
    await page.setViewportSize(SCREEN);
    const nida = await launchConsole({ config: shiftLead });
    const client = await connectRemote(nida);
    await importDemoRoster(client.api);
    await openConsole(page, nida.url);
    await expect(page.getByTestId('unit-board')).toBeVisible();

    // An available unit cannot be "on scene": the host refuses.
    await page.keyboard.press('F8');
    await expect(page.getByTestId('command-input')).toBeFocused();
    await page.getByTestId('command-input').fill('s نجدة-101 os');
    await page.keyboard.press('Enter');

    const toast = page.getByTestId('error-toast');
    await expect(toast).toHaveCount(1);
    await expect(toast).toHaveAttribute('data-reason', 'unit-status-transition');
    await expect(toast.getByTestId('error-toast-title')).toHaveText('تغيير الحالة غير مسموح');
    await expect(toast.getByTestId('error-toast-text')).toContainText('نجدة-101');
    await expect(toast.getByTestId('error-toast-text')).toContainText('في الموقع');
    // The English detail is folded away, not the message.
    await expect(toast.getByText(/cannot go from/)).toBeHidden();

    // Repeated, it is counted, not stacked.
    await page.getByTestId('command-input').fill('');
    await page.getByTestId('command-input').fill('s نجدة-101 os');
    await page.getByTestId('command-input').press('Enter');
    await expect(toast.getByTestId('error-toast-title')).toContainText('×');
    await expect(toast).toHaveCount(1);

    const board = await page.getByTestId('unit-board').boundingBox();
    const shown = await toast.boundingBox();
    const overlaps =
      board &&
      shown &&
      shown.x < board.x + board.width &&
      board.x < shown.x + shown.width &&
      shown.y < board.y + board.height &&
      board.y < shown.y + shown.height;
    expect(overlaps).toBeFalsy();

    // Not critical: it goes by itself (8 s).
    await expect(toast).toHaveCount(0, { timeout: 15_000 });
    expect(await missingTranslationKeys(page)).toEqual([]);
  });
});
