// The trainer window on a drill console (issue 19): the trainer loads the acceptance scenario and
// starts it at ×4; call 1 rings at a trainee's console through the drill's telephony line, the
// trainee answers it, and the trainer's board shows the call answered; pause and resume. Refreshes
// docs/screenshots/drill-trainer.png (the trainer window in Arabic).
import type { Page } from '@playwright/test';
import { demoOperators } from '../../src-main/services/operators/demoOperators';
import { missingTranslationKeys, publishScreenshot, untranslatedLatinText } from './support/driver';
import { expect, test } from './support/fixtures';

const ACCEPTANCE = '04-acceptance-three-calls.drill.json';
/** A drill console's scripted lines: the drill service plays the scenario's ALI records and radio lines on them. */
const DRILL_PORTS = [
  { id: 'ali', path: 'demo:drill', protocol: 'ali' },
  { id: 'radio', path: 'demo:drill', protocol: 'radio' },
];
/** Call 1's callback number (resources/drills/04-acceptance-three-calls.drill.json). */
const CALL_1_NUMBER = '+9647701900001';

/** Signs a window in as one of the drill profile's demo operators (src-main/services/operators/demoOperators.ts). */
async function signInAsDemo(page: Page, url: string, operatorId: 'trainer' | 'dispatcher'): Promise<void> {
  const password = demoOperators.find((operator) => operator.definition.id === operatorId)?.password ?? '';
  await page.goto(url);
  const form = page.getByTestId('sign-in-form');
  await form.getByTestId('sign-in-form-operator').fill(operatorId);
  await form.getByTestId('sign-in-form-password').fill(password);
  await form.getByTestId('sign-in-form-submit').click();
  await expect(form).toBeHidden();
  await expect(page.getByTestId('link-host')).toHaveAttribute('data-state', 'up');
}

test.describe('drills', () => {
  test('given a drill console, when the trainer runs the acceptance scenario at ×4, then call 1 rings at the trainee through the telephony line, the trainee answers it and the trainer sees it answered; pause and resume hold and run the clock', async ({
    page,
    browser,
    launchConsole,
  }) => {
    // Two windows, one of them the full console with its software-rendered map.
    test.setTimeout(120_000);
    const nida = await launchConsole({ config: { profile: 'drill', serial: { ports: DRILL_PORTS } } });

    // Given: the trainer's window (a trainer's console on a drill console is the trainer window).
    await signInAsDemo(page, nida.url, 'trainer');
    await expect(page.getByTestId('trainer-view')).toBeVisible();
    await expect(page.getByTestId('console')).toHaveCount(0);
    const status = page.getByTestId('drill-status');
    const board = page.getByTestId('drill-board');
    const row = (injectId: string) => board.locator(`[data-testid="drill-inject"][data-inject="${injectId}"]`);

    // When: the trainer loads the acceptance scenario.
    const scenario = page.locator(`[data-testid="drill-scenario"][data-file="${ACCEPTANCE}"]`);
    await expect(scenario).toContainText('ثلاث مكالمات');
    await scenario.getByTestId('drill-load').click();
    await expect(status).toHaveAttribute('data-status', 'loaded');
    await expect(board.getByTestId('drill-inject')).toHaveCount(7);
    await expect(row('call-1')).toHaveAttribute('data-status', 'pending');
    // Not started: an inject cannot be fired yet, but it can be held or skipped.
    await expect(row('call-1').getByTestId('inject-fire-now')).toBeDisabled();
    await expect(row('call-1').getByTestId('inject-hold')).toBeEnabled();
    await expect(page.getByTestId('drill-pause')).toBeDisabled();

    // And: a trainee at a console of their own.
    const trainee = await browser.newPage();
    await signInAsDemo(trainee, nida.url, 'dispatcher');
    await expect(trainee.getByTestId('console')).toBeVisible();
    await expect(trainee.getByTestId('trainer-view')).toHaveCount(0);

    // When: the trainer starts at ×4; call 1 is due at 0:00:10 of drill time (2.5 s).
    await page.getByTestId('drill-speed').selectOption('4');
    await page.getByTestId('drill-start').click();
    await expect(status).toHaveAttribute('data-status', 'running');
    await expect(page.getByTestId('drill-speed-shown')).toHaveText('×٤');
    await expect(page.getByTestId('drill-load').first()).toBeDisabled();

    // Then: call 1 rings at the trainee's console, from the telephony line (ALI), and the board shows it fired.
    const ringing = trainee.getByTestId('queue-call').filter({ hasText: CALL_1_NUMBER });
    await expect(ringing).toHaveAttribute('data-status', 'waiting');
    await expect(ringing).toContainText('الهاتف ٩١١');
    await expect(row('call-1')).toHaveAttribute('data-status', 'fired');
    await expect(row('call-1').locator('[data-testid="inject-state"][data-state="fired"]')).toContainText('٠:٠٠:١٠');
    await expect(row('call-1').getByTestId('inject-fire-now')).toBeDisabled();

    // When: the trainee answers it. Then: the trainer's board shows call 1 answered, with its drill time.
    await ringing.click();
    await expect(trainee.getByTestId('intake-form')).toBeVisible();
    await expect(row('call-1').locator('[data-testid="inject-state"][data-state="answered"]')).toBeVisible();

    // When: the trainer pauses. Then: drill time stands while the pause grows; resumed, it runs again.
    await page.getByTestId('drill-pause').click();
    await expect(status).toHaveAttribute('data-status', 'paused');
    await expect(page.getByTestId('drill-pause')).toBeDisabled();
    const stood = await page.getByTestId('drill-clock').textContent();
    await expect(page.getByTestId('drill-paused-for')).not.toHaveText('٠:٠٠:٠٠');
    await expect(page.getByTestId('drill-clock')).toHaveText(stood ?? '');
    await page.getByTestId('drill-resume').click();
    await expect(status).toHaveAttribute('data-status', 'running');
    await expect(page.getByTestId('drill-clock')).not.toHaveText(stood ?? '');

    // The trainer window in Arabic: every text translated, none left in Latin letters.
    expect(await missingTranslationKeys(page)).toEqual([]);
    expect(await untranslatedLatinText(page)).toEqual([]);
    await publishScreenshot(page, 'drill-trainer');
    await trainee.close();
  });
});
