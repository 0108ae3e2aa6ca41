import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeRadioLine } from '../../src-shared/domain/protocols/radio';
import { openConsole, saveScreenshot } from './support/driver';
import { expect, test } from './support/fixtures';
import { ptyPair } from './support/pty';
// The renderer's read-only map probe (window.__nidaMap) and its type.
import type {} from '../../src-renderer/features/map/mapProbe';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'ali');

test.describe('serial devices', () => {
  test('given the telephony feed and the radio gateway on real ptys, when an ALI record arrives, then it waits in the queue with its location, shown on the map; when a unit presses its emergency button, then every window sounds the alarm until one acknowledges it', async ({
    page,
    browser,
    launchConsole,
  }) => {
    // Two windows with a software-rendered map each: slower than one page's default minute.
    test.setTimeout(120_000);
    const directory = mkdtempSync(join(tmpdir(), 'nida-serial-e2e-'));
    const ali = await ptyPair(directory, 'ali');
    const radio = await ptyPair(directory, 'radio');
    try {
      const nida = await launchConsole({
        config: {
          serial: {
            ports: [
              { id: 'ali', path: ali.console, protocol: 'ali', template: 'labelled-15' },
              { id: 'radio', path: radio.console, protocol: 'radio' },
            ],
          },
        },
      });
      await openConsole(page, nida.url);
      await expect(page.getByTestId('link-serial')).toHaveAttribute('data-state', 'up');

      // When: the telephony equipment sends its records (a wireline call and a WPH2 call with coordinates).
      writeFileSync(ali.device, readFileSync(join(fixtures, 'labelled-15.ali')));
      await expect(page.getByTestId('queue-call').first()).toBeVisible();
      // The located call says where its caller is, by name: the handset's fix lies in Al-Mansour.
      const located = page.getByTestId('queue-call').filter({ has: page.getByTestId('call-location-name') });
      await expect(located.first()).toContainText('المنصور، الكرخ، بغداد');
      // The Phase II caller is on the map where the handset said (Al-Mansour), with the uncertainty circle.
      await expect(page.getByTestId('map')).toHaveAttribute('data-map-ready', 'true', { timeout: 30_000 });
      await page.evaluate(() => window.__nidaMap?.jumpTo([44.3615, 33.3128], 15));
      await page.waitForFunction(() => window.__nidaMap?.idle() === true, undefined, { timeout: 30_000 });
      await expect
        .poll(() => page.evaluate(() => window.__nidaMap?.renderedIds('callers-point') ?? []))
        .toEqual([expect.stringMatching(/^call:/)]);
      await expect.poll(() => page.evaluate(() => window.__nidaMap?.renderedIds('callers-area').length ?? 0)).toBe(1);
      const onScreen = await page.evaluate(() => window.__nidaMap?.project(44.3615, 33.3128));
      const mapBox = await page.getByTestId('map').boundingBox();
      expect(onScreen && mapBox && onScreen.x > 0 && onScreen.x < mapBox.width).toBeTruthy();
      await saveScreenshot(page, 'serial-ali-calls-ar');

      // When: a unit's radio sends its emergency (three silent repeats), with a second window open.
      const second = await browser.newPage();
      await openConsole(second, nida.url);
      const burst = encodeRadioLine('RDG,17,140501,1A2F,EMR,,33.31280,44.36150');
      writeFileSync(radio.device, burst + burst + burst);
      // (The unanswered calls raise their own "call waiting" alarms meanwhile; the emergency is the one tested.)
      const emergency = (window: typeof page) => window.locator('[data-testid="alarm"][data-kind="radio-emergency"]');
      for (const window of [page, second]) {
        await expect(emergency(window)).toHaveCount(1);
        await expect(emergency(window)).toHaveAttribute('data-subject', '1A2F');
        // The room's highest alarm comes first.
        await expect(window.getByTestId('alarm').first()).toHaveAttribute('data-kind', 'radio-emergency');
      }
      await saveScreenshot(page, 'serial-radio-emergency-ar');

      // Then: one acknowledgement silences it everywhere (someone is on it); it stays until resolved.
      await emergency(second).getByTestId('alarm-acknowledge').click();
      await expect(emergency(page)).toHaveAttribute('data-acknowledged', 'true');
      await emergency(page).getByTestId('alarm-resolve').click();
      await emergency(page).getByTestId('alarm-resolve-note').fill('crew safe');
      await emergency(page).getByTestId('alarm-resolve-confirm').click();
      await expect(emergency(page)).toHaveCount(0);
      await expect(emergency(second)).toHaveCount(0);
      await second.close();

      // The serial status view shows both ports open, with what they received.
      await page.getByTestId('link-serial').getByRole('button').click();
      const ports = page.getByTestId('serial-port');
      await expect(ports).toHaveCount(2);
      for (const port of await ports.all()) await expect(port).toHaveAttribute('data-state', 'open');
      await expect(ports.filter({ hasText: 'ali-console' })).toHaveAttribute('data-frames', '4');
      await expect(ports.filter({ hasText: 'radio-console' })).toHaveAttribute('data-frames', '3');
      // Discovery answers with this machine's devices (none in a container), never an error.
      await expect(page.getByTestId('serial-devices').or(page.getByTestId('serial-no-devices'))).toBeVisible();
      await saveScreenshot(page, 'serial-status-ar');
    } finally {
      ali.stop();
      radio.stop();
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
