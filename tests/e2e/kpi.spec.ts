import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../src-main/config/config';
import { manualClock } from '../../src-main/services/runtime/clock';
import { createHost } from '../../src-main/host/createHost';
import type { CallContext } from '../../src-shared/contract/api';
import type { Page } from '@playwright/test';
import { inProcessApi } from '../support/remoteClient';
import { connectRemote } from '../support/wsClient';
import { openConsole, saveScreenshot, untranslatedLatinText, missingTranslationKeys } from './support/driver';
import { expect, test } from './support/fixtures';

const S = 1000;
const AMAL: CallContext = { clientId: 'scenario', transport: 'internal', actor: 'amal' };

/**
 * Writes one incident with known times into a fresh data directory, through a real host on a
 * manual clock (the console the test then starts runs on the real clock and only reads them):
 * ring t=0, answered t=8 s, second caller rings t=10 s and is answered t=30 s, incident created
 * t=48 s, dispatched t=78 s, on scene t=558 s, closed t=1200 s. Two hours ago, so "last 7 days" holds it.
 */
async function scenarioDataDir(): Promise<{ dataDir: string; number: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'nida-e2e-kpi-'));
  const start = Math.floor((Date.now() - 2 * 3_600_000) / S) * S;
  const clock = manualClock(start);
  const host = createHost(parseConfig({}, dataDir, 'e2e'), { clock });
  const api = inProcessApi(host, AMAL);
  const at = (seconds: number): void => clock.set(start + seconds * S);
  try {
    const first = host.intake.receiveCall(
      { source: 'ali', callerNumber: '07701234567', location: { lat: 33.3333, lon: 44.4197, source: 'ali' } },
      'telephony',
    );
    at(8);
    await api.call.answer({ callId: first.id });
    at(10);
    const second = host.intake.receiveCall({ source: 'ali', callerNumber: '07809876543' }, 'telephony');
    at(30);
    await api.call.answer({ callId: second.id });
    at(48);
    const incident = await api.intake.submit({
      draft: {
        id: 'draft-kpi-e2e',
        callId: first.id,
        callerNumber: '07701234567',
        callerName: '',
        location: { lat: 33.3333, lon: 44.4197, source: 'ali' },
        address: 'ساحة التحرير',
        typeCode: 'traffic-accident-fire',
        priority: 1,
        priorityReason: '',
        extraAgencies: [],
        narrative: [],
        rejectedDuplicates: [],
        openedAt: start,
        updatedAt: start + 48 * S,
        version: 0,
      },
    });
    at(60);
    await api.call.attach({ callId: second.id, incidentId: incident.id });
    const status = async (seconds: number, next: 'dispatched' | 'en-route' | 'on-scene'): Promise<void> => {
      at(seconds);
      await api.incident.append({
        incidentId: incident.id,
        change: { type: 'incident.statusChanged', payload: { status: next } },
      });
    };
    await status(78, 'dispatched');
    await status(138, 'en-route');
    await status(558, 'on-scene');
    at(1200);
    await api.incident.append({
      incidentId: incident.id,
      change: { type: 'incident.closed', payload: { disposition: 'resolved-on-scene' } },
    });
    return { dataDir, number: incident.number };
  } finally {
    await host.dispose();
  }
}

const row = (page: Page, metric: string) => page.getByTestId('kpi-metrics').locator(`tr[data-metric="${metric}"] td`);

test.describe('KPIs and reports', () => {
  test('given a worked incident with known times, when the KPI view opens on the last 7 days, then it shows exactly those intervals in Arabic', async ({
    page,
    launchConsole,
  }) => {
    const scenario = await scenarioDataDir();
    const nida = await launchConsole({ dataDir: scenario.dataDir });
    await openConsole(page, nida.url);

    await expect(page.getByTestId('open-kpi')).toBeVisible();
    await page.keyboard.press('Alt+K');
    const view = page.getByTestId('kpi-view');
    await expect(view).toBeVisible();
    await view.getByTestId('kpi-preset-last7').click();
    await expect(view.getByTestId('kpi-report')).toBeVisible();

    // count, p50, p90, p95 (ms in data-value; shown as m:ss in Arabic-Indic digits)
    const expected: Record<string, (number | string)[]> = {
      answer: [2, 8 * S, 20 * S, 20 * S],
      answerToCreate: [1, 40 * S, 40 * S, 40 * S],
      createToDispatch: [1, 30 * S, 30 * S, 30 * S],
      dispatchToArrival: [1, 480 * S, 480 * S, 480 * S],
      answerToDispatch: [1, 70 * S, 70 * S, 70 * S],
      totalResponse: [1, 558 * S, 558 * S, 558 * S],
    };
    for (const [metric, values] of Object.entries(expected)) {
      const cells = row(page, metric);
      for (const [index, value] of values.entries())
        await expect(cells.nth(index)).toHaveAttribute('data-value', String(value));
    }
    await expect(row(page, 'totalResponse').nth(1)).toHaveText('٠٩:١٨');
    await expect(row(page, 'answer').nth(1)).toHaveText('٠٠:٠٨');
    const standards = view.getByTestId('kpi-standards');
    await expect(standards.locator('[data-standard="nena-answer-15s"]')).toHaveAttribute('data-share', '0.5');
    await expect(standards.locator('[data-standard="nena-answer-20s"]')).toHaveAttribute('data-share', '1');
    await expect(standards.locator('[data-standard="nfpa1225-processing-60s"]')).toHaveAttribute('data-share', '0');
    const groups = view.getByTestId('kpi-groups');
    await expect(groups.locator('tbody tr')).toHaveCount(4); // total + traffic police, ambulance, civil defence
    await expect(view.getByTestId('kpi-chart-percentiles').locator('canvas')).toHaveCount(1);
    await expect(view.getByTestId('kpi-chart-series').locator('canvas')).toHaveCount(1);

    // Filtering by governorate: Tahrir Square is in Baghdad; Basra has nothing.
    await view.getByTestId('kpi-filter-governorate').selectOption('IQ-BA');
    await expect(view.getByTestId('kpi-empty')).toBeVisible();
    await view.getByTestId('kpi-filter-governorate').selectOption('IQ-BG');
    await expect(row(page, 'totalResponse').nth(1)).toHaveAttribute('data-value', String(558 * S));
    // Grouped by district: the one Tahrir Square is named in (OCHA's Al-Thawra), by its Arabic name.
    await view.getByTestId('kpi-group-by').selectOption('district');
    await expect(groups.locator('tbody tr')).toHaveCount(2);
    await expect(groups.locator('tbody tr').nth(1)).toContainText('الثورة');
    await view.getByTestId('kpi-group-by').selectOption('governorate');
    await expect(groups.locator('tbody tr')).toHaveCount(2);

    expect(await missingTranslationKeys(page)).toEqual([]);
    expect(await untranslatedLatinText(page)).toEqual([]);
    const shot = await saveScreenshot(page, 'kpi-ar');
    mkdirSync(join(import.meta.dirname, '..', '..', 'docs', 'screenshots'), { recursive: true });
    copyFileSync(shot, join(import.meta.dirname, '..', '..', 'docs', 'screenshots', 'kpi-ar.png'));

    // CSV download: the same figures in seconds.
    const download = page.waitForEvent('download');
    await view.getByTestId('kpi-export-csv').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^nida-kpi-\d{6}-\d{6}-governorate\.csv$/);
  });

  test('given an open incident, when the dispatcher closes it with a disposition and reopens it with a reason, by keyboard, then both are on its timeline', async ({
    page,
    nida,
  }) => {
    const client = await connectRemote(nida);
    const created = await client.api.incident.create({
      typeCode: 'theft',
      priority: 3,
      agencies: ['police-patrols'],
      note: 'سرقة محل',
    });
    await client.close();
    await openConsole(page, nida.url);
    await page.getByTestId('incident-search').fill(created.number);
    await expect(page.getByTestId('search-hit').first()).toContainText(created.number);
    await page.getByTestId('incident-search').press('Enter');
    const detail = page.getByTestId('incident-detail');
    await expect(detail.getByTestId('close-incident')).toBeVisible();

    await page.keyboard.press('Alt+X');
    const closeDialog = page.getByTestId('close-incident-dialog');
    await expect(closeDialog).toBeVisible();
    await page.keyboard.type('بلاغ كاذب');
    await expect(closeDialog.getByTestId('disposition-options').locator('[role="option"]').first()).toHaveAttribute(
      'data-code',
      'malicious-call',
    );
    await page.keyboard.press('Enter');
    await expect(closeDialog.getByTestId('close-reason')).toBeFocused();
    await page.keyboard.type('المتصل اعترف بأنه مزاح');
    await page.keyboard.press('Control+Enter');
    await expect(closeDialog).toBeHidden();
    await expect(detail.getByTestId('incident-disposition')).toHaveAttribute('data-code', 'malicious-call');
    await expect(detail.getByTestId('timeline').locator('li[data-type="incident.closed"]')).toHaveCount(1);
    await saveScreenshot(page, 'incident-closed-ar');

    await page.keyboard.press('Alt+X');
    const reopenDialog = page.getByTestId('reopen-incident-dialog');
    await expect(reopenDialog).toBeVisible();
    await expect(reopenDialog.getByTestId('reopen-confirm')).toBeDisabled();
    await page.keyboard.type('وصل بلاغ جديد من نفس الموقع');
    await page.keyboard.press('Control+Enter');
    await expect(reopenDialog).toBeHidden();
    await expect(detail.getByTestId('close-incident')).toBeVisible();
    await expect(detail.getByTestId('timeline').locator('li[data-type="incident.reopened"]')).toHaveCount(1);

    const download = page.waitForEvent('download');
    await page.keyboard.press('Alt+E');
    expect((await download).suggestedFilename()).toBe(`${created.number}.eido.json`);
    expect(await untranslatedLatinText(page)).toEqual([]);
  });
});
