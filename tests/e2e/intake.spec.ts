import { connectRemote } from '../support/wsClient';
import { openConsole, saveScreenshot, switchLanguage, untranslatedLatinText } from './support/driver';
import { expect, test } from './support/fixtures';
import { CountingKeyboard } from './support/keyboard';

interface Incident {
  readonly id: string;
  readonly number: string;
  readonly agencies: readonly { agency: string }[];
  readonly callIds: readonly string[];
  readonly receivedAt: number | null;
  readonly answeredAt: number | null;
  readonly locationName: { readonly governorate?: { readonly code: string } } | null;
  readonly addressParts: Readonly<Record<string, string>> | null;
}

// Tahrir Square, Baghdad, and a point ~100 m north of it.
const SCENE = { lat: 33.3333, lon: 44.4197 };
const NEARBY = { lat: 33.3342, lon: 44.4199 };

test.describe('call intake', () => {
  test('given a call with telephony location, when the dispatcher takes it by keyboard only, then a traffic-accident-with-fire incident goes to all three agencies, and a second call nearby is attached as a duplicate', async ({
    page,
    nida,
  }) => {
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await openConsole(page, nida.url);
    const telephony = await connectRemote(nida);

    // Given: a call rings with its ALI location.
    await telephony.api.call.receive({
      source: 'demo',
      callerNumber: '07701234567',
      location: { ...SCENE, accuracyM: 30, source: 'ali' },
    });
    await expect(page.getByTestId('queue-call')).toHaveCount(1);
    await saveScreenshot(page, 'intake-queue-ar');

    // When: the dispatcher answers and fills the intake with the keyboard only.
    const keys = new CountingKeyboard(page);
    await keys.press('F4');
    await expect(page.getByTestId('intake-form')).toBeVisible();
    await expect(page.getByTestId('place-search')).toBeFocused();
    await expect(page.getByTestId('intake-location')).toContainText('33.33330');
    await expect(page.getByTestId('intake-location-name')).toContainText('بغداد');
    await keys.press('Tab'); // location verified (it came with the call); on to the landmark
    await expect(page.getByTestId('address')).toBeFocused();
    await keys.type('ساحة التحرير قرب النفق');
    // The address the way the caller says it: Alt+A opens mahalla, zuqaq, dar (and landmark) fields.
    await expect(page.getByTestId('address-mahalla')).toHaveCount(0);
    await keys.press('Alt+KeyA');
    await expect(page.getByTestId('address-mahalla')).toBeFocused();
    await keys.type('101');
    await keys.press('Tab');
    await keys.type('12');
    await keys.press('Tab');
    await keys.type('7');
    await keys.press('Tab', 2);
    await expect(page.getByTestId('type-picker')).toBeFocused();
    await keys.type('حادث حريق');
    await expect(page.getByTestId('type-option-traffic-accident-fire')).toBeVisible();
    await keys.press('Enter');
    await expect(page.getByTestId('instructions').locator('li').first()).toBeVisible();
    await expect(page.getByTestId('intake-agencies').locator('[data-agency]')).toHaveCount(3);
    await keys.press('Tab', 5); // priority (from the type), agencies, caller number and name (from the call)
    await expect(page.getByTestId('narrative-input')).toBeFocused();
    await keys.type('سيارتان، إحداهما تحترق، شخص عالق');
    await keys.press('Enter');
    await saveScreenshot(page, 'intake-form-ar');
    await keys.press('Control+Enter');

    // Then: the incident exists, routed to the three agencies, and the call has left the queue.
    await expect(page.getByTestId('notice')).toContainText('BGD-');
    await expect(page.getByTestId('queue-call')).toHaveCount(0);
    await expect(page.getByTestId('queue-incident')).toHaveCount(1);
    const [created] = await telephony.api.incident.listOpen({});
    expect(created).toBeDefined();
    const incident = created as Incident;
    expect(incident.agencies.map((entry) => entry.agency).sort()).toEqual([
      'ambulance',
      'civil-defence',
      'traffic-police',
    ]);
    for (const agency of ['traffic-police', 'ambulance', 'civil-defence']) {
      const queue = await telephony.api.incident.listOpen({ agency });
      expect(
        queue.map((entry) => entry.number),
        agency,
      ).toEqual([incident.number]);
      await expect(page.getByTestId(`agency-filter-${agency}`)).toContainText('١');
    }
    expect(incident.receivedAt).not.toBeNull();
    expect(incident.locationName?.governorate?.code).toBe('IQ-BG');
    expect(incident.answeredAt).not.toBeNull();
    expect(incident.addressParts).toEqual({ mahalla: '101', zuqaq: '12', dar: '7' });
    test.info().annotations.push({ type: 'keystrokes', description: String(keys.count) });
    console.log(`keystrokes for a traffic-accident-with-fire call: ${String(keys.count)}`);

    // Given: a second caller reports the same crash from 100 m away.
    await telephony.api.call.receive({
      source: 'demo',
      callerNumber: '07809876543',
      location: { ...NEARBY, accuracyM: 50, source: 'ali' },
    });
    await expect(page.getByTestId('queue-call')).toHaveCount(1);
    await page.keyboard.press('F4');
    // Then: it is proposed as an additional caller; one key attaches it.
    const proposal = page.getByTestId('duplicate-proposal');
    await expect(proposal).toHaveAttribute('data-number', incident.number);
    await saveScreenshot(page, 'intake-duplicate-ar');
    await page.keyboard.press('Alt+KeyY');
    await expect(page.getByTestId('notice').last()).toContainText(incident.number);
    await expect(page.getByTestId('intake-form')).toHaveCount(0);
    const detail = await telephony.api.incident.get({ id: incident.id });
    expect(detail.incident.callIds).toHaveLength(2);

    expect(dialogs).toEqual([]);
    await telephony.close();
  });

  test('given a half-filled intake, when the window reloads, then the host gives it back intact', async ({
    page,
    nida,
  }) => {
    await openConsole(page, nida.url);
    await page.keyboard.press('F2');
    await expect(page.getByTestId('place-search')).toBeFocused();
    await page.getByTestId('address').fill('شارع فلسطين محلة 506 زقاق 9 دار 3');
    await page.getByTestId('narrative-input').fill('المتصل يسمع إطلاق نار');
    // Said in one line, the mahalla, zuqaq and dar fill their own fields when the address is left.
    await expect(page.getByTestId('address-mahalla')).toHaveValue('506');
    await expect(page.getByTestId('address-dar')).toHaveValue('3');
    await page.getByTestId('narrative-input').press('Enter');
    // Give the debounced save its moment, then reload.
    await expect(page.getByTestId('narrative')).toContainText('إطلاق نار');
    await page.waitForTimeout(800);
    await page.reload();
    await expect(page.getByTestId('intake-form')).toBeVisible();
    await expect(page.getByTestId('address')).toHaveValue('شارع فلسطين محلة 506 زقاق 9 دار 3');
    await expect(page.getByTestId('address-zuqaq')).toHaveValue('9');
    await expect(page.getByTestId('narrative')).toContainText('المتصل يسمع إطلاق نار');
  });

  test('given a submit without an incident type, then the field says so in the UI language and nothing is created', async ({
    page,
    nida,
  }) => {
    await openConsole(page, nida.url);
    await page.keyboard.press('F2');
    await expect(page.getByTestId('place-search')).toBeFocused();
    await page.keyboard.press('Control+Enter');
    await expect(page.locator('[data-testid^="error-intake-"][data-testid$="-typeCode"]')).toHaveText(
      'اختر نوع الحادث',
    );
    await expect(page.getByTestId('type-picker')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByTestId('queue-incident')).toHaveCount(0);
  });

  test('given markup in every field of a call, then it is shown as text everywhere and never runs', async ({
    page,
    nida,
  }) => {
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await openConsole(page, nida.url);
    const telephony = await connectRemote(nida);
    const markup = '<img src=x onerror=alert(1)><script>alert(2)</script>';
    await telephony.api.call.receive({
      source: 'demo',
      callerNumber: '07700000001',
      callerName: markup,
      address: markup,
    });
    // F4 takes the oldest waiting call: wait until this window has it.
    await expect(page.getByTestId('queue-call')).toHaveCount(1);
    await page.keyboard.press('F4');
    await expect(page.getByTestId('caller-name')).toHaveValue(markup);
    await expect(page.getByTestId('address')).toHaveValue(markup);
    await page.getByTestId('type-picker').fill('سرقة');
    await page.keyboard.press('Enter');
    await page.getByTestId('narrative-input').fill(markup);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+Enter');
    await expect(page.getByTestId('queue-incident')).toContainText(markup);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(dialogs).toEqual([]);
    await telephony.close();
  });

  test('given the console in English, then the queue and the intake form are fully in English', async ({
    page,
    nida,
  }) => {
    await openConsole(page, nida.url);
    const telephony = await connectRemote(nida);
    await telephony.api.call.receive({
      source: 'demo',
      callerNumber: '07501112233',
      location: { ...SCENE, accuracyM: 30, source: 'ali' },
    });
    await switchLanguage(page, 'en');
    await expect(page.getByTestId('queue-call')).toHaveCount(1);
    await page.keyboard.press('F4');
    await page.getByTestId('type-picker').fill('fire');
    await expect(page.getByTestId('type-option-building-fire')).toBeVisible();
    await page.keyboard.press('Enter');
    await saveScreenshot(page, 'intake-form-en');
    await switchLanguage(page, 'ar');
    expect(await untranslatedLatinText(page)).toEqual([]);
    await telephony.close();
  });
});
