import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { startUnitSimulator, simulatedDeviceId } from '../../src-main/services/avl/simulator';
import { mosquitto, startMosquitto } from '../node/support/mosquitto';
import { requirePrerequisites } from '../support/prerequisites';
import { connectRemote } from '../support/wsClient';
import {
  goToSignedIn,
  missingTranslationKeys,
  openConsole,
  saveScreenshot,
  untranslatedLatinText,
} from './support/driver';
import { expect, test } from './support/fixtures';

const missing = requirePrerequisites(mosquitto());
const repoRoot = join(import.meta.dirname, '..', '..');
const docsScreenshots = join(repoRoot, 'docs', 'screenshots');
const resultsDir = join(repoRoot, 'test-results', 'outage');
const UNITS = 4;

/** A screenshot for the test report and, unchanged, for the README. */
async function documentScreenshot(page: Page, name: string): Promise<void> {
  const path = await saveScreenshot(page, name);
  mkdirSync(docsScreenshots, { recursive: true });
  copyFileSync(path, join(docsScreenshots, `${name}.png`));
}

test.describe('network outage', () => {
  test.skip(missing !== null, missing ?? '');

  test('given live units over a real broker, when the broker stops while an incident is created and dispatched and a unit reports by voice, then everything is kept, the outage is logged with start and end, and positions catch up after it returns', async ({
    page,
    context,
    launchConsole,
  }) => {
    test.setTimeout(180_000);
    const brokerDir = mkdtempSync(join(tmpdir(), 'nida-e2e-mosquitto-'));
    const broker = await startMosquitto(brokerDir);
    const simulators: { stop(): Promise<void> }[] = [];
    try {
      const nida = await launchConsole({
        config: {
          operator: { name: 'Zainab', role: 'shift-lead' },
          avl: {
            broker: { url: broker.url },
            reconnect: { minMs: 200, maxMs: 1_000 },
            staleAfterSeconds: 5,
            lostAfterSeconds: 600,
          },
        },
      });
      const desk = await connectRemote(nida);
      for (let index = 0; index < UNITS; index++) {
        await desk.api.unit.save({
          unit: {
            id: `amb-${String(index + 1)}`,
            callsign: `AMB-${String(index + 1)}`,
            agency: 'ambulance',
            kind: 'ambulance-basic',
            deviceId: simulatedDeviceId(index),
          },
        });
      }
      const simulator = await startUnitSimulator({ brokerUrl: broker.url, count: UNITS, rateHz: 2, qos: 1 });
      simulators.push(simulator);

      // Given: a dispatcher's console and the shift lead's outage view, units reporting live.
      await openConsole(page, nida.url);
      await expect(page.getByTestId('link-broker')).toHaveAttribute('data-state', 'up');
      await expect.poll(async () => (await desk.api.avl.positions({})).length, { timeout: 20_000 }).toBe(UNITS);
      const outageView = await context.newPage();
      await goToSignedIn(outageView, `${nida.url}&view=outage`);
      await expect(outageView.getByTestId('outage-view')).toBeVisible();
      await expect(outageView.getByTestId('outage-unit')).toHaveCount(UNITS);

      // When: the broker goes away.
      const acceptedBefore = (await desk.api.avl.status({})).accepted;
      await broker.stop();
      await expect(page.getByTestId('link-broker')).not.toHaveAttribute('data-state', 'up', { timeout: 15_000 });
      await expect(page.getByTestId('outage-banner')).toBeVisible({ timeout: 30_000 });
      await expect(page.getByTestId('link-broker-since')).toBeVisible();

      // … the room keeps working: an incident is created and dispatched, a unit reports by voice.
      const incident = await desk.api.incident.create({
        typeCode: 'building-fire',
        priority: 1,
        agencies: ['civil-defence', 'ambulance'],
        address: 'الكرادة داخل قرب ساحة الحرية',
        note: 'دخان كثيف من الطابق الثالث',
      });
      await desk.api.dispatch.dispatch({ incidentId: incident.id, unitIds: ['amb-1', 'amb-2'] });
      const amb1 = outageView.locator('[data-testid="outage-unit"][data-unit="amb-1"]');
      await expect(amb1).toHaveAttribute('data-status', 'dispatched');
      await amb1.getByTestId('unit-status-select').selectOption('en-route');
      await amb1.getByTestId('unit-status-select').press('Enter');
      await expect(amb1).toHaveAttribute('data-status', 'en-route');
      await expect(outageView.getByTestId('outage-incident')).toHaveCount(1);
      await expect(outageView.getByTestId('outage-incident').first()).toHaveAttribute('data-number', incident.number);
      await expect(outageView.locator('[data-testid="outage-row"][data-link="broker"][data-open="true"]')).toHaveCount(
        1,
      );

      // Positions go stale (shown as such), not silently frozen as if live.
      await expect
        .poll(async () => (await desk.api.avl.positions({})).every((position) => position.freshness !== 'live'), {
          timeout: 20_000,
        })
        .toBe(true);

      // Screenshots of the banner (dispatcher's console) and of the printable outage view; the view printed to PDF.
      await documentScreenshot(page, 'outage-banner-ar');
      await outageView.emulateMedia({ media: 'print' });
      await documentScreenshot(outageView, 'outage-print-ar');
      // Back to the browser's own choice: print media for the PDF, screen for the rest of the test.
      await outageView.emulateMedia({ media: null });
      mkdirSync(resultsDir, { recursive: true });
      const pdf = await outageView.pdf({
        path: join(resultsDir, 'outage-view.pdf'),
        format: 'A4',
        printBackground: true,
      });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(await missingTranslationKeys(outageView)).toEqual([]);
      expect(await untranslatedLatinText(outageView)).toEqual([]);

      // Then: the broker returns, the link comes back, and positions published meanwhile catch up.
      await broker.start();
      await expect(page.getByTestId('link-broker')).toHaveAttribute('data-state', 'up', { timeout: 30_000 });
      await expect(page.getByTestId('outage-banner')).toBeHidden();
      // Positions flow again (the simulator reconnected and sent what it queued) before it is stopped:
      // mqtt.js never reconnects a client that is ending.
      const acceptedAtReturn = (await desk.api.avl.status({})).accepted;
      await expect
        .poll(async () => (await desk.api.avl.status({})).accepted, { timeout: 30_000 })
        .toBeGreaterThan(acceptedAtReturn);
      // … and every unit is live again.
      await expect
        .poll(
          async () => (await desk.api.avl.positions({})).filter((position) => position.freshness === 'live').length,
          { timeout: 20_000 },
        )
        .toBe(UNITS);
      await simulator.stop();
      const published = simulator.published();
      await expect.poll(async () => (await desk.api.avl.status({})).accepted, { timeout: 30_000 }).toBe(published);
      expect(published).toBeGreaterThan(acceptedBefore);

      // Nothing done during the outage was lost.
      const kept = await desk.api.incident.get({ id: incident.id });
      expect(kept.incident.units.map((unit) => unit.unitId).sort()).toEqual(['amb-1', 'amb-2']);
      const units = await desk.api.unit.list({});
      expect(units.find((unit) => unit.id === 'amb-1')).toMatchObject({ status: 'en-route', incidentId: incident.id });
      expect(units.find((unit) => unit.id === 'amb-2')).toMatchObject({
        status: 'dispatched',
        incidentId: incident.id,
      });

      // The outage is in the log with its start and end, and its activity exports.
      const outages = await desk.api.system.outages({});
      const brokerOutage = outages.find((outage) => outage.linkId === 'broker');
      expect(brokerOutage).toMatchObject({ endReason: 'recovered' });
      expect(brokerOutage!.endedAt).toBeGreaterThan(brokerOutage!.startedAt);
      const closedRow = outageView.locator('[data-testid="outage-row"][data-link="broker"][data-open="false"]');
      await expect(closedRow).toHaveCount(1);
      const download = outageView.waitForEvent('download');
      await closedRow.getByTestId('export-json').click();
      const file = await (await download).path();
      const exported = JSON.parse(readFileSync(file, 'utf8')) as {
        events: { type: string; incidentId: string | null }[];
        audit: { action: string }[];
      };
      const types = exported.events.map((event) => event.type);
      expect(types).toContain('incident.created');
      expect(exported.events.filter((event) => event.incidentId === incident.id).length).toBeGreaterThanOrEqual(3);
      expect(exported.audit.map((row) => row.action)).toContain('link.state');
      await documentScreenshot(outageView, 'outage-view-after-ar');
      await desk.close();
    } finally {
      // The simulator waits for the broker to acknowledge what it published: bring the broker back first,
      // and do not let a simulator that cannot reconnect any more hold the cleanup.
      if (!broker.running()) await broker.start();
      for (const simulator of simulators) {
        await Promise.race([simulator.stop(), new Promise((resolve) => setTimeout(resolve, 5_000))]);
      }
      await broker.stop();
      rmSync(brokerDir, { recursive: true, force: true });
    }
  });
});
