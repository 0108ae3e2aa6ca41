import { statSync } from 'node:fs';
import { join } from 'node:path';
import { openFileSync } from './support/files';
import { connectRemote } from '../support/wsClient';
import { openConsole, saveScreenshot } from './support/driver';
import { expect, test } from './support/fixtures';

test.describe('incident store through the host', () => {
  test('given an open console, when another window creates incidents, then they appear in the queue most urgent first and survive a host restart', async ({
    page,
    launchConsole,
  }) => {
    const nida = await launchConsole();
    await openConsole(page, nida.url);
    const other = await connectRemote(nida);
    const minor = await other.api.incident.create({
      typeCode: 'road-blocked',
      priority: 3,
      agencies: ['traffic-police'],
      address: 'تقاطع ساحة الواثق',
    });
    const urgent = await other.api.incident.create({
      typeCode: 'building-fire',
      priority: 1,
      agencies: ['civil-defence', 'ambulance'],
      address: 'الكرادة داخل قرب ساحة الحرية <script>alert(1)</script>',
      note: 'دخان كثيف من الطابق الثالث',
    });
    await other.close();

    const rows = page.getByTestId('queue-incident');
    await expect(rows).toHaveCount(2);
    await expect(rows.first()).toHaveAttribute('data-number', urgent.number);
    await expect(rows.nth(1)).toHaveAttribute('data-number', minor.number);
    // Text is shown as text, never as markup.
    await expect(rows.first()).toContainText('<script>alert(1)</script>');
    await saveScreenshot(page, 'queue-incidents-ar');

    expect(urgent.number).toMatch(/^BGD-\d{6}-C1-\d{4}$/);

    // The host restarts (a new process on the same data): every acknowledged incident is still there.
    await nida.stop({ keepData: true });
    const restarted = await launchConsole({ dataDir: nida.dataDir });
    await openConsole(page, restarted.url);
    await expect(page.getByTestId('queue-incident')).toHaveCount(2);
    await expect(page.getByTestId('queue-incident').first()).toHaveAttribute('data-number', urgent.number);
  });

  test('given a damaged database, when the console starts, then it refuses to write and names the backup to restore', async ({
    page,
    launchConsole,
  }) => {
    const first = await launchConsole();
    const client = await connectRemote(first);
    for (let i = 0; i < 40; i++) {
      await client.api.incident.create({
        typeCode: 'theft',
        priority: 3,
        agencies: ['police-patrols'],
        note: `سرقة محل رقم ${i} ${'تفاصيل '.repeat(200)}`,
      });
    }
    const storage = await client.api.system.backupNow({});
    expect(storage.lastBackupAt).not.toBeNull();
    await client.close();
    const dataDir = first.dataDir;
    await first.stop({ keepData: true });
    // Damage a data page near the end (the schema at the start stays readable).
    const size = statSync(join(dataDir, 'live.db')).size;
    openFileSync(join(dataDir, 'live.db'), (file) => file.overwrite(size - 3 * 4096, 4096, 0xff));

    const damaged = await launchConsole({ dataDir });
    await openConsole(page, damaged.url);
    const banner = page.getByTestId('storage-refused');
    await expect(banner).toBeVisible();
    await expect(banner).toContainText('nida db restore');
    await expect(banner).toContainText(/backups\/live\/live-\d{8}T\d{9}Z\.db/);
    await saveScreenshot(page, 'storage-refused-ar');
  });
});
