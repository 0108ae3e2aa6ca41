// Operators at a position (issue 16): sign in, take a call, the screen locks after the idle time (the
// window's clock driven by Playwright's fake clock), unlock with the password, hand the position over,
// and a call-taker refused a dispatcher's override by the host, in Arabic.
import { testOperators } from '../support/testOperators';
import { importDemoRoster } from '../support/scenario';
import { connectRemote } from '../support/wsClient';
import { addOperator, openConsole, signIn } from './support/driver';
import { expect, test } from './support/fixtures';

const ARABIC = /[\u0600-\u06FF]/;

/** Every object in an activity export (events and audit rows), wherever the export nests them. */
function entriesOf(value: unknown): Record<string, unknown>[] {
  if (Array.isArray(value)) return value.flatMap(entriesOf);
  if (value === null || typeof value !== 'object') return [];
  const record = value as Record<string, unknown>;
  return [record, ...Object.values(record).flatMap(entriesOf)];
}

test.describe('operators at a position', () => {
  test('given Amal signed in, when she takes a call and walks away, then the screen locks showing only the waiting count; her password unlocks it; Basim takes over and his actions are his', async ({
    page,
    nida,
  }) => {
    const phone = await connectRemote(nida);
    await addOperator(nida.url, 'basim');
    await phone.api.incident.create({
      typeCode: 'theft',
      priority: 3,
      agencies: ['police-patrols'],
      location: { lat: 33.3046, lon: 44.4232, source: 'map' },
    });
    // The window's timers run on a clock the test can move (the idle lock counts on it).
    await page.clock.install();
    await openConsole(page, nida.url, { operator: 'amal' });
    await expect(page.getByTestId('operator-name')).toHaveText('أمل');

    // Amal takes a call: the queue names her.
    await phone.api.call.receive({ source: 'ali', callerNumber: '07701112233' });
    const first = page.getByTestId('queue-call').filter({ hasText: '07701112233' });
    await first.click();
    await expect(first).toHaveAttribute('data-status', 'answered');
    await expect(first).toContainText('أمل');

    // A second call rings while nobody touches the console for sixteen minutes: the screen locks.
    await phone.api.call.receive({ source: 'ali', callerNumber: '07704445566' });
    await expect(page.getByTestId('queue-call').filter({ hasText: '07704445566' })).toHaveAttribute(
      'data-status',
      'waiting',
    );
    await page.clock.fastForward('16:00');
    const lock = page.getByTestId('lock-screen');
    await expect(lock).toBeVisible();
    await expect(page.getByTestId('console')).toBeHidden();
    await expect(lock.getByTestId('locked-operator')).toHaveText('أمل');
    // The locked screen still says a call waits, and no alarm is up — and nothing about who calls.
    await expect(lock.getByTestId('waiting-calls')).toHaveAttribute('data-count', '1');
    await expect(lock.getByTestId('waiting-alarms')).toHaveAttribute('data-severity', 'none');
    await expect(lock).not.toContainText('07704445566');
    await expect(lock).not.toContainText('٠٧٧٠٤٤٤٥٥٦٦');

    // A wrong password is refused in Arabic; hers unlocks.
    await lock.getByTestId('unlock-password').fill('not-her-password');
    await lock.getByTestId('unlock-submit').click();
    const refusal = lock.getByTestId('session-refusal');
    await expect(refusal).toHaveText('اسم الدخول غير معروف أو كلمة المرور خاطئة.');
    await expect(lock).toBeVisible();
    await lock.getByTestId('unlock-password').fill(testOperators.amal.password);
    await lock.getByTestId('unlock-submit').click();
    await expect(page.getByTestId('console')).toBeVisible();
    await expect(page.getByTestId('operator-name')).toHaveText('أمل');

    // Shift change: Amal leaves a note, Basim signs in at her window, reads the summary and takes over.
    await page.getByTestId('operator').click();
    await page.getByTestId('change-operator').click();
    const handover = page.getByTestId('handover-dialog');
    await handover.getByTestId('handover-notes').fill('المتصل الثاني ينتظر');
    await handover.getByTestId('handover-next').click();
    await handover.getByTestId('handover-form-operator').fill('basim');
    await handover.getByTestId('handover-form-password').fill(testOperators.basim.password);
    await handover.getByTestId('handover-form-submit').click();
    const summary = handover.getByTestId('handover-summary');
    await expect(summary.getByTestId('handover-incoming')).toHaveText('باسم');
    await expect(summary.getByTestId('handover-incidents').locator('li')).toHaveCount(1);
    await expect(summary.getByTestId('handover-notes-shown')).toHaveText('المتصل الثاني ينتظر');
    await summary.getByTestId('handover-accept').click();
    await expect(handover).toBeHidden();
    await expect(page.getByTestId('operator-name')).toHaveText('باسم');

    // Basim's first action is his: the call he answers names him, in the queue and in the record.
    const second = page.getByTestId('queue-call').filter({ hasText: '07704445566' });
    await second.click();
    await expect(second).toHaveAttribute('data-status', 'answered');
    await expect(second).toContainText('باسم');
    const calls = await phone.api.call.list({});
    expect(calls.find((call) => call.callerNumber === '07704445566')?.answeredBy).toBe('باسم');
    expect(calls.find((call) => call.callerNumber === '07701112233')?.answeredBy).toBe('أمل');
    // The record of the shift: the handover, then the call answered under Basim's name.
    const activity = await phone.api.system.activity({
      from: Date.now() - 3_600_000,
      to: Date.now() + 60_000,
      format: 'json',
    });
    const rows = entriesOf(JSON.parse(activity.text));
    expect(rows.some((row) => row['action'] === 'session.handover')).toBe(true);
    expect(rows.filter((row) => row['type'] === 'call.answered').map((row) => row['actor'])).toEqual(['أمل', 'باسم']);
    await phone.close();
  });

  test('given a call-taker, when they type a dispatcher’s unit status override, then the host refuses it and the window says why in Arabic', async ({
    page,
    nida,
  }) => {
    const lead = await connectRemote(nida);
    await importDemoRoster(lead.api);
    await lead.close();
    await openConsole(page, nida.url, { operator: 'taker' });
    await expect(page.getByTestId('unit-board')).toBeVisible();

    await page.keyboard.press('F8');
    await expect(page.getByTestId('command-input')).toBeFocused();
    await page.getByTestId('command-input').fill('s نجدة-101 os');
    await page.keyboard.press('Enter');

    const toast = page.getByTestId('error-toast');
    await expect(toast).toHaveAttribute('data-reason', 'role-forbidden');
    await expect(toast.getByTestId('error-toast-title')).toHaveText('غير مسموح لدورك');
    await expect(toast.getByTestId('error-toast-text')).toHaveText(ARABIC);
    const check = await connectRemote(nida);
    expect((await check.api.unit.list({})).find((unit) => unit.id === 'U-101')?.status).toBe('available');
    await check.close();

    // Signed out, the next operator signs in at the same window.
    await page.keyboard.press('Escape');
    await page.getByTestId('operator').click();
    await page.getByTestId('sign-out').click();
    await signIn(page, 'lead');
    await expect(page.getByTestId('operator-name')).toHaveText(testOperators.lead.definition.name.ar);
  });
});
