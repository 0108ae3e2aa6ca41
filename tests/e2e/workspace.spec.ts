import { mkdirSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { connectRemote } from '../support/wsClient';
import {
  goToSignedIn,
  missingTranslationKeys,
  openConsole,
  saveScreenshot,
  untranslatedLatinText,
} from './support/driver';
import { expect, test } from './support/fixtures';

const roles = ['map', 'queue', 'incident', 'units', 'wall', 'outage'] as const;
const docsScreenshots = join(import.meta.dirname, '..', '..', 'docs', 'screenshots');

/** The view's own address on this host (the token as `nida serve` printed it, then `view`). */
function roleUrl(url: string, role: string): string {
  return `${url}&view=${role}`;
}

async function openRole(page: Page, url: string, role: string): Promise<void> {
  await goToSignedIn(page, roleUrl(url, role));
  await expect(page.getByTestId('role-window')).toHaveAttribute('data-role', role);
  await expect(page.getByTestId('link-host')).toHaveAttribute('data-state', 'up');
}

test.describe('workspace: one part of the console per window', () => {
  test('given each role’s own URL, when a wall display or spare PC opens it, then it shows that part in Arabic with the token taken out of the address', async ({
    page,
    nida,
  }) => {
    for (const role of roles) {
      await openRole(page, nida.url, role);
      // The token is kept for the tab and removed from the address bar; the view stays.
      expect(new URL(page.url()).searchParams.get('token')).toBeNull();
      expect(new URL(page.url()).searchParams.get('view')).toBe(role);
      expect(await missingTranslationKeys(page)).toEqual([]);
      expect(await untranslatedLatinText(page)).toEqual([]);
    }
    // A reload of the role window keeps working (token from the tab's session).
    await page.reload();
    await expect(page.getByTestId('role-window')).toHaveAttribute('data-role', 'outage');
    await expect(page.getByTestId('link-host')).toHaveAttribute('data-state', 'up');

    await page.goto(roleUrl(nida.url, 'wall'));
    await expect(page.getByTestId('role-window')).toHaveAttribute('data-role', 'wall');
    // The wall shows this shift's figures against the standards, and the room's counters.
    await expect(page.getByTestId('kpi-wall').getByTestId('kpi-standards')).toBeVisible();
    await expect(page.getByTestId('wall-open-incidents')).toContainText('٠');
    await saveScreenshot(page, 'workspace-wall-ar');
    // The hash form works too, and an unknown role falls back to the full console.
    await page.goto(`${nida.url}#/units`);
    await expect(page.getByTestId('role-window')).toHaveAttribute('data-role', 'units');
    await page.goto(roleUrl(nida.url, 'kitchen'));
    await expect(page.getByTestId('console')).toBeVisible();
  });

  test('given the full console and a queue window on the same host, when the console answers calls, then the queue window shows each change within 200 ms', async ({
    page,
    context,
    nida,
  }) => {
    const queueWindow = await context.newPage();
    await openConsole(page, nida.url);
    await openRole(queueWindow, nida.url, 'queue');
    const phone = await connectRemote(nida);
    const samples = 7;
    for (let i = 0; i < samples; i++) {
      await phone.api.call.receive({ source: 'demo', callerNumber: `0770123450${i}` });
    }
    await phone.close();
    await expect(queueWindow.getByTestId('queue-call')).toHaveCount(samples);
    await expect(page.getByTestId('queue-call')).toHaveCount(samples);

    const latencies: number[] = [];
    for (let i = 1; i <= samples; i++) {
      // The other window notes the moment the i-th answered call appears (MutationObserver, its own clock);
      const seen = queueWindow.evaluate(
        (answered) =>
          new Promise<number>((resolve) => {
            const count = () => document.querySelectorAll('[data-testid="queue-call"][data-status="answered"]').length;
            if (count() >= answered) {
              resolve(Date.now());
              return;
            }
            const observer = new MutationObserver(() => {
              if (count() >= answered) {
                observer.disconnect();
                resolve(Date.now());
              }
            });
            observer.observe(document.body, { subtree: true, childList: true, attributes: true });
          }),
        i,
      );
      // … and this window notes when the dispatcher pressed F4 (both pages share the machine's clock).
      const pressedAt = await page.evaluate(() => {
        const at = Date.now();
        window.dispatchEvent(new KeyboardEvent('keydown', { key: 'F4', bubbles: true }));
        return at;
      });
      latencies.push((await seen) - pressedAt);
      await expect(page.getByTestId('queue-call').and(page.locator('[data-status="answered"]'))).toHaveCount(i);
    }
    const sorted = [...latencies].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    console.log(
      `two-window sync: answer in the console → shown in the queue window: median ${median} ms, max ${sorted.at(-1)!} ms (${latencies.join(', ')} ms)`,
    );
    // The behaviour asked for: the other window shows the change within 200 ms (median of 7, on a busy
    // CI machine); no single change may take a second.
    expect(median).toBeLessThanOrEqual(200);
    expect(sorted.at(-1)!).toBeLessThan(1_000);
  });

  test('given the layout editor, when a dispatcher adds a wall window and saves, then the layout is kept by the host and a role opens in its own tab', async ({
    page,
    context,
    nida,
  }) => {
    await openConsole(page, nida.url);
    await page.getByTestId('open-layout-editor').click();
    const editor = page.getByTestId('layout-editor');
    await expect(editor).toBeVisible();
    await page.getByTestId('layout-add-role').selectOption('console');
    await page.getByTestId('layout-add').click();
    await page.getByTestId('layout-add-role').selectOption('wall');
    await page.getByTestId('layout-add').click();
    await expect(page.getByTestId('layout-row')).toHaveCount(2);
    await expect(page.getByTestId('layout-row').nth(1)).toHaveAttribute('data-key', 'wall-1');
    await editor.getByRole('checkbox').nth(3).check(); // wall-1: full screen
    await page.getByTestId('layout-save').click();

    const client = await connectRemote(nida);
    await expect.poll(async () => (await client.api.layout.get({})).layout.version).toBe(1);
    const saved = await client.api.layout.get({});
    await client.close();
    expect(saved.layout.windows.map((window) => [window.key, window.view, window.fullscreen])).toEqual([
      ['console-1', 'console', false],
      ['wall-1', 'wall', true],
    ]);
    await saveScreenshot(page, 'workspace-layout-editor-ar');
    mkdirSync(docsScreenshots, { recursive: true });

    // In a browser, a role opens in a new tab that shares this tab's session (so its token).
    const opened = context.waitForEvent('page');
    await page.getByTestId('role-link-units').click();
    const unitsTab = await opened;
    await expect(unitsTab.getByTestId('role-window')).toHaveAttribute('data-role', 'units');
    await expect(unitsTab.getByTestId('link-host')).toHaveAttribute('data-state', 'up');
    const path = await saveScreenshot(page, 'workspace-layout-editor-ar');
    copyFileSync(path, join(docsScreenshots, 'workspace-layout-editor-ar.png'));
  });
});
