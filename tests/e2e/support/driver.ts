import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';
import { ensureOperator, testOperators, type TestOperatorId } from '../../support/testOperators';
import { connectRemote } from '../../support/wsClient';

export type Language = 'ar' | 'en' | 'ckb';

const screenshotDir = join(import.meta.dirname, '..', '..', '..', 'test-results', 'screenshots');

/** Waits until the map has loaded its style and drawn every tile of the view (MapLibre's idle). */
export async function waitForMapIdle(page: Page): Promise<void> {
  await expect(page.getByTestId('map').first()).toHaveAttribute('data-map-ready', 'true', { timeout: 30_000 });
  await page.waitForFunction(() => window.__nidaMap?.idle() === true, undefined, { timeout: 30_000 });
}

/**
 * Opens the console, signs in as `operator` (`lead`, every role but the wall, unless told; the
 * operator is added to the roster first when missing), and waits until the host has answered (host
 * link up, the operator shown). `operator: null` only opens it (the sign-in screen).
 */
export async function openConsole(
  page: Page,
  url: string,
  options: { readonly operator?: TestOperatorId | null } = {},
): Promise<void> {
  const operator = options.operator === undefined ? 'lead' : options.operator;
  if (operator !== null && operator !== 'lead') await addOperator(url, operator);
  await page.goto(url);
  if (operator === null) return;
  await signIn(page, operator);
  await expect(page.getByTestId('link-host')).toHaveAttribute('data-state', 'up');
  await expect(page.getByTestId('operator')).toBeVisible();
}

/** Fills the sign-in screen (shown at start, or after a sign-out) as a test operator. */
export async function signIn(page: Page, operator: TestOperatorId): Promise<void> {
  const form = page.getByTestId('sign-in-form');
  await form.getByTestId('sign-in-form-operator').fill(operator);
  await form.getByTestId('sign-in-form-password').fill(testOperators[operator].password);
  await form.getByTestId('sign-in-form-submit').click();
  await expect(form).toBeHidden();
}

/**
 * Goes to `url` in this tab and signs in when the window asks (a new tab; the same tab resumes its
 * session by itself): for the views (`&view=wall`) opened after `openConsole`.
 */
export async function goToSignedIn(page: Page, url: string, operator: TestOperatorId = 'lead'): Promise<void> {
  await page.goto(url);
  const form = page.getByTestId('sign-in-form');
  await expect(form.or(page.getByTestId('role-window')).or(page.getByTestId('console'))).toBeVisible();
  if (await form.isVisible()) await signIn(page, operator);
}

/** Adds a test operator to the console at `url` unless its roster has them. */
export async function addOperator(url: string, operator: TestOperatorId): Promise<void> {
  const address = new URL(url);
  const client = await connectRemote(
    { origin: address.origin, token: address.searchParams.get('token') ?? '' },
    { operator: null },
  );
  try {
    await ensureOperator(client.api, operator);
  } finally {
    await client.close();
  }
}

export async function switchLanguage(page: Page, language: Language): Promise<void> {
  await page.getByTestId(`language-${language}`).click();
  await expect(page.locator('html')).toHaveAttribute('lang', language);
}

export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Saves a screenshot and refreshes the documentation's copy (`docs/screenshots/<name>.png`). */
export async function publishScreenshot(page: Page, name: string): Promise<void> {
  const shot = await saveScreenshot(page, name);
  const docs = join(import.meta.dirname, '..', '..', '..', 'docs', 'screenshots');
  mkdirSync(docs, { recursive: true });
  copyFileSync(shot, join(docs, `${name}.png`));
}

/** Keys any i18next lookup missed in this page (collected by src-renderer/i18n). */
export async function missingTranslationKeys(page: Page): Promise<string[]> {
  return page.evaluate(() => [...((window as { __nidaMissingKeys?: Set<string> }).__nidaMissingKeys ?? [])]);
}

/**
 * Visible text that is not data: text nodes outside `translate="no"` elements (names, codes,
 * technical detail). In Arabic and Sorani it must hold no Latin letters.
 */
export async function untranslatedLatinText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim() ?? '';
      const parent = node.parentElement;
      if (!text || !parent) continue;
      if (parent.closest('[translate="no"]')) continue;
      if (parent.closest('[aria-hidden="true"]')) continue;
      if (!parent.checkVisibility()) continue;
      if (/[A-Za-z]/.test(text)) found.push(text);
    }
    // Accessible names are read out to users: they count as visible text. (Tooltips carry data
    // such as port paths, so they are not checked here.)
    for (const element of document.querySelectorAll<HTMLElement>('[aria-label]')) {
      if (element.closest('[translate="no"]')) continue;
      const value = element.getAttribute('aria-label') ?? '';
      if (/[A-Za-z]/.test(value)) found.push(`aria-label=${value}`);
    }
    return found;
  });
}
