import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { connectAsync } from 'mqtt';
import { demoCall } from '../../src-main/services/demo/demoCalls';
import { encodeNidaPayload } from '../../src-shared/domain/avl/payloads';
import { encodeRadioLine } from '../../src-shared/domain/protocols/radio';
import { seededRandom } from '../../src-shared/domain/random';
import { importDemoRoster } from '../support/scenario';
import { connectRemote } from '../support/wsClient';
import { trackerLogin } from './support/console';
import { missingTranslationKeys, openConsole, saveScreenshot, untranslatedLatinText } from './support/driver';
import { expect, test } from './support/fixtures';
import { ptyPair } from './support/pty';

const REPO_ROOT = join(import.meta.dirname, '..', '..');
const DOCS_SCREENSHOTS = join(REPO_ROOT, 'docs', 'screenshots');

/** One wireless Phase II call (the handset's fix), as the telephony system sends it. */
function phase2Call(): string {
  for (let seed = 1; ; seed++) {
    const call = demoCall(seed, Date.now(), seededRandom(seed));
    const [record] = call.records;
    if (call.records.length === 1 && record?.text.includes('CLASS: WPH2')) return record.text;
  }
}

async function screenshotToDocs(page: Page, name: string): Promise<void> {
  const shot = await saveScreenshot(page, name);
  mkdirSync(DOCS_SCREENSHOTS, { recursive: true });
  copyFileSync(shot, join(DOCS_SCREENSHOTS, `${name}.png`));
}

test.describe('the whole job, in Arabic', () => {
  test('given the telephony feed, the radio gateway and AVL, when a building fire is called in, then the incident is created, the recommendation dispatched with one key, units report by radio and MQTT, the incident is closed, and the KPI view shows its times', async ({
    page,
    launchConsole,
  }) => {
    test.setTimeout(180_000);
    const directory = mkdtempSync(join(tmpdir(), 'nida-flow-e2e-'));
    const telephony = await ptyPair(directory, 'ali');
    const radio = await ptyPair(directory, 'radio');
    try {
      const nida = await launchConsole({
        config: {
          operator: { name: 'أمل', role: 'shift-lead' },
          avl: { embedded: { port: 0 } },
          serial: {
            ports: [
              { id: 'ali', path: telephony.console, protocol: 'ali', template: 'labelled-15' },
              { id: 'radio', path: radio.console, protocol: 'radio' },
            ],
          },
        },
      });
      const host = await connectRemote(nida);
      await importDemoRoster(host.api);
      await openConsole(page, nida.url);
      await expect(page.getByTestId('link-serial')).toHaveAttribute('data-state', 'up');

      // 1. The 911 telephony system sends the caller's ALI record: a waiting call with its location.
      writeFileSync(telephony.device, phase2Call());
      await expect(page.getByTestId('queue-call')).toHaveCount(1);

      // 2. The dispatcher answers (F4), classifies a building fire and creates the incident (Ctrl+Enter).
      await page.keyboard.press('F4');
      await expect(page.getByTestId('intake-form')).toBeVisible();
      await page.getByTestId('type-picker').focus();
      await page.keyboard.type('حريق مبنى');
      await expect(page.getByTestId('type-option-building-fire')).toBeVisible();
      await page.keyboard.press('Enter');
      await page.keyboard.press('Control+Enter');
      await expect(page.getByTestId('queue-incident')).toHaveCount(1);
      const [created] = await host.api.incident.listOpen({});
      if (!created) throw new Error('no incident was created');

      // 3. The new incident opens by itself with the recommended units; one key dispatches them all.
      await expect(page.getByTestId('incident-detail').locator('h2')).toContainText(created.number);
      const panel = page.getByTestId('dispatch-panel');
      await expect(panel.getByTestId('recommended-unit').first()).toBeVisible();
      const recommended = await panel
        .getByTestId('recommended-unit')
        .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-unit-id') ?? ''));
      await page.keyboard.press('F9');
      await expect(panel.getByTestId('assigned-units').locator('li')).toHaveCount(recommended.length);
      const units = await host.api.unit.list({});
      const dispatched = units.filter((unit) => recommended.includes(unit.id));
      expect(dispatched).toHaveLength(recommended.length);
      expect(dispatched.every((unit) => unit.status === 'dispatched')).toBe(true);
      const engine = dispatched.find((unit) => unit.agency === 'civil-defence' && unit.radioId !== null);
      const ambulance = dispatched.find((unit) => unit.agency === 'ambulance' && unit.deviceId !== null);
      if (!engine?.radioId || !ambulance?.deviceId)
        throw new Error('the plan has no engine with a radio or ambulance with a tracker');

      // 4. The ambulance's tracker reports en route over MQTT; the engine's radio says en route, then on scene.
      const avl = await host.api.avl.status({});
      const tracker = await connectAsync(avl.broker.url, {
        clientId: 'flow-e2e-tracker',
        protocolVersion: 4,
        ...trackerLogin(nida),
      });
      await tracker.publishAsync(
        `nida/avl/${ambulance.deviceId}`,
        encodeNidaPayload({ lat: 33.32, lon: 44.4, at: Date.now(), speed: 12, heading: 90, accuracyM: 5 }, 'en-route'),
        { qos: 1 },
      );
      await tracker.endAsync();
      writeFileSync(radio.device, encodeRadioLine(`RDG,1,100100,${engine.radioId},STS,4`));
      await expect
        .poll(async () => (await host.api.unit.list({})).find((u) => u.id === engine.id)?.status)
        .toBe('en-route');
      writeFileSync(radio.device, encodeRadioLine(`RDG,2,100200,${engine.radioId},STS,5`));
      await expect
        .poll(async () =>
          (await host.api.unit.list({})).filter((u) => recommended.includes(u.id)).map((u) => [u.id, u.status]),
        )
        .toEqual(
          expect.arrayContaining([
            [ambulance.id, 'en-route'],
            [engine.id, 'on-scene'],
          ]),
        );
      await expect.poll(async () => (await host.api.incident.get({ id: created.id })).incident.status).toBe('on-scene');
      await screenshotToDocs(page, 'flow-unit-board-ar');

      // 5. The dispatcher closes the incident with a disposition (Alt+X).
      await page.keyboard.press('Alt+X');
      const closeDialog = page.getByTestId('close-incident-dialog');
      await expect(closeDialog).toBeVisible();
      await page.keyboard.type('عولج في الموقع');
      await expect(closeDialog.getByTestId('disposition-options').locator('[role="option"]').first()).toHaveAttribute(
        'data-code',
        'resolved-on-scene',
      );
      await page.keyboard.press('Enter');
      await page.keyboard.press('Control+Enter');
      await expect(closeDialog).toBeHidden();
      const { incident } = await host.api.incident.get({ id: created.id });
      expect(incident).toMatchObject({ status: 'closed', disposition: 'resolved-on-scene' });
      await page.keyboard.press('Escape');

      // 6. The KPI view shows exactly this incident's intervals, from its own milestones.
      const { receivedAt, answeredAt, createdAt, dispatchedAt, onSceneAt } = incident;
      if (receivedAt === null || answeredAt === null || dispatchedAt === null || onSceneAt === null)
        throw new Error(`milestones missing: ${JSON.stringify(incident)}`);
      await page.keyboard.press('Alt+K');
      const view = page.getByTestId('kpi-view');
      await expect(view).toBeVisible();
      await view.getByTestId('kpi-preset-today').click();
      const row = (metric: string) => view.getByTestId('kpi-metrics').locator(`tr[data-metric="${metric}"] td`);
      const expected: Record<string, number> = {
        answer: answeredAt - receivedAt,
        answerToCreate: createdAt - answeredAt,
        createToDispatch: dispatchedAt - createdAt,
        dispatchToArrival: onSceneAt - dispatchedAt,
        answerToDispatch: dispatchedAt - answeredAt,
        totalResponse: onSceneAt - receivedAt,
      };
      for (const [metric, value] of Object.entries(expected)) {
        await expect(row(metric).nth(0), metric).toHaveAttribute('data-value', '1');
        await expect(row(metric).nth(1), metric).toHaveAttribute('data-value', String(value));
      }
      expect(await missingTranslationKeys(page)).toEqual([]);
      expect(await untranslatedLatinText(page)).toEqual([]);
      await screenshotToDocs(page, 'flow-kpi-ar');
      await host.close();
    } finally {
      telephony.stop();
      radio.stop();
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
