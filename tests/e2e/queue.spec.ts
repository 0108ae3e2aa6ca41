import { HostClient } from './support/hostClient';
import { openConsole } from './support/driver';
import { expect, test } from './support/fixtures';

test.describe('incident queue', () => {
  test('given 1,000 open incidents, then the queue renders only what is on screen and scrolls to the last one', async ({
    page,
    nida,
  }) => {
    const client = await HostClient.connect(nida);
    await Promise.all(
      Array.from({ length: 1000 }, (_, index) =>
        client.call('incident.create', {
          typeCode: index % 2 === 0 ? 'theft' : 'assault',
          priority: 3,
          agencies: ['police-patrols'],
          address: `شارع ${String(index + 1)}`,
        }),
      ),
    );
    client.close();

    await openConsole(page, nida.url);
    await expect(page.getByTestId('incident-queue').locator('.count').first()).toHaveText(/1[,٬]?000|١٬?٠٠٠/);
    const rendered = await page.getByTestId('queue-incident').count();
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(60);

    await page.getByTestId('incident-scroller').evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
    await expect(page.getByTestId('queue-incident').filter({ hasText: 'BGD-' }).last()).toContainText(/-1000$|1000/);
  });
});
