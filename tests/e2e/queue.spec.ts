import { connectRemote } from '../support/wsClient';
import { openConsole, saveScreenshot } from './support/driver';
import { expect, test } from './support/fixtures';

test.describe('incident queue', () => {
  test('given 1,000 open incidents, then the queue renders only what is on screen and scrolls to the last one', async ({
    page,
    nida,
  }) => {
    const client = await connectRemote(nida);
    await Promise.all(
      Array.from({ length: 1000 }, (_, index) =>
        client.api.incident.create({
          typeCode: index % 2 === 0 ? 'theft' : 'assault',
          priority: 3,
          agencies: ['police-patrols'],
          address: `شارع ${String(index + 1)}`,
        }),
      ),
    );
    await client.close();

    await openConsole(page, nida.url);
    await expect(page.getByTestId('incident-queue').locator('.count').first()).toHaveText(/1[,٬]?000|١٬?٠٠٠/);
    const rendered = await page.getByTestId('queue-incident').count();
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(60);

    await page.getByTestId('incident-scroller').evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
    await expect(page.getByTestId('queue-incident').filter({ hasText: 'BGD-' }).last()).toContainText(/-1000$|1000/);
  });

  test('given an incident with a narrative, when the dispatcher searches a differently spelt word, then it is found and its whole timeline opens, with where it is by name', async ({
    page,
    nida,
  }) => {
    const client = await connectRemote(nida);
    const created = await client.api.incident.create({
      typeCode: 'theft',
      priority: 3,
      agencies: ['police-patrols'],
      callerName: 'أحمد عبد الله',
      // In Karrada: the host names the location.
      location: { lat: 33.3046, lon: 44.4232, source: 'manual' },
      addressParts: { mahalla: '612', zuqaq: '5', dar: '30', landmark: 'مقابل مدرسة الأمل' },
      note: 'سرقة دراجة نارية أمام مدرسة الأمل',
    });
    await client.close();
    await openConsole(page, nida.url);

    await page.getByTestId('incident-search').fill('مدرسه الامل');
    await expect(page.getByTestId('search-hit').first()).toContainText(created.number);
    await page.getByTestId('incident-search').press('Enter');
    const detail = page.getByTestId('incident-detail');
    await expect(detail).toBeVisible();
    await expect(detail.getByTestId('timeline')).toContainText('سرقة دراجة نارية أمام مدرسة الأمل');
    await expect(detail.getByTestId('timeline').locator('li')).toHaveCount(2);
    await expect(detail.getByTestId('detail-location-name')).toHaveText('الكرادة، الرصافة، بغداد');
    // The Iraqi address in its spoken order: mahalla, zuqaq, dar, then the landmark.
    await expect(detail.getByTestId('detail-address-parts')).toHaveText(
      'محلة 612، زقاق 5، دار 30 — أقرب نقطة دالة مقابل مدرسة الأمل',
    );
    await saveScreenshot(page, 'incident-detail-ar');
    await page.keyboard.press('Escape');
    await expect(detail).toBeHidden();
  });
});
