import {
  openConsole,
  missingTranslationKeys,
  saveScreenshot,
  switchLanguage,
  untranslatedLatinText,
} from './support/driver';
import { expect, test } from './support/fixtures';

const ARABIC_INDIC_DIGITS = /[٠-٩]/;

test.describe('console shell', () => {
  test('given a fresh console, when a dispatcher opens it, then it is in Arabic, right to left, and live', async ({
    page,
    nida,
  }) => {
    await openConsole(page, nida.url);

    await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(page.getByTestId('center-name')).toHaveText('مركز طوارئ بغداد ٩١١');
    await expect(page.getByRole('heading', { name: 'المكالمات والحوادث' })).toBeVisible();
    await expect(page.getByTestId('clock')).toContainText(ARABIC_INDIC_DIGITS);
    // With no broker configured the embedded one runs, so unit tracking is connected out of the box.
    await expect(page.getByTestId('link-broker')).toHaveAttribute('data-state', 'up');
    // The token is taken out of the address bar once the page has it.
    expect(page.url()).not.toContain('token=');

    // RTL: the queue pane (first in the DOM) sits on the right.
    const queue = await page.getByTestId('pane-queue').boundingBox();
    const units = await page.getByTestId('pane-units').boundingBox();
    expect(queue && units && queue.x > units.x).toBe(true);

    expect(await missingTranslationKeys(page)).toEqual([]);
    expect(await untranslatedLatinText(page)).toEqual([]);
    await saveScreenshot(page, 'console-fresh-ar');
  });

  test('given the Arabic console, when the dispatcher switches language, then the whole window follows live', async ({
    page,
    nida,
  }) => {
    await openConsole(page, nida.url);

    await switchLanguage(page, 'en');
    await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
    await expect(page.getByTestId('center-name')).toHaveText('Baghdad 911 Emergency Center');
    await expect(page.getByRole('heading', { name: 'Calls & incidents' })).toBeVisible();
    await expect(page.getByTestId('clock')).not.toContainText(ARABIC_INDIC_DIGITS);
    const queue = await page.getByTestId('pane-queue').boundingBox();
    const units = await page.getByTestId('pane-units').boundingBox();
    expect(queue && units && queue.x < units.x).toBe(true);
    await saveScreenshot(page, 'console-en');

    await switchLanguage(page, 'ckb');
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(page.getByRole('heading', { name: 'پەیوەندی و ڕووداوەکان' })).toBeVisible();
    expect(await untranslatedLatinText(page)).toEqual([]);
    await saveScreenshot(page, 'console-ckb');

    // The workstation keeps the choice across a reload.
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('lang', 'ckb');
    await expect(page.getByTestId('link-host')).toHaveAttribute('data-state', 'up');
    expect(await missingTranslationKeys(page)).toEqual([]);
  });

  test('given the console is open, then it makes no request outside its own host', async ({ page, nida }) => {
    const outside: string[] = [];
    page.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith(nida.origin) && !url.startsWith('data:') && !url.startsWith('blob:')) outside.push(url);
    });
    await openConsole(page, nida.url);
    await switchLanguage(page, 'en');
    await page.waitForLoadState('networkidle');
    expect(outside).toEqual([]);
  });

  test('given a browser without the access token, then it explains how to get in instead of failing silently', async ({
    page,
    nida,
  }) => {
    await page.goto(nida.origin);
    await expect(page.getByTestId('no-token')).toContainText('رمز الدخول');
  });

  test('given the host stops, then the window shows the outage at once', async ({ page, nida }) => {
    await openConsole(page, nida.url);
    await nida.stop();
    await expect(page.getByTestId('host-outage')).toBeVisible();
    await expect(page.getByTestId('link-host')).toHaveAttribute('data-state', 'connecting');
    await saveScreenshot(page, 'console-host-outage');
  });
});
