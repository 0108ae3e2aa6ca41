// Two positions of one center: two `nida serve` consoles (own data directories) joined through a real
// nats-server, each with its window in Chromium. What one dispatcher does, the other sees.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '@nats-io/transport-node';
import { centerNames } from '../../src-main/services/center/centerConfig';
import { initCenter } from '../../src-main/services/center/centerConnection';
import { natsServerMissing, startNatsServer, type NatsServer } from '../support/natsServer';
import { prerequisite, requirePrerequisites } from '../support/prerequisites';
import { importDemoRoster } from '../support/scenario';
import { connectRemote } from '../support/wsClient';
import { openConsole } from './support/driver';
import { expect, test } from './support/fixtures';
import type { RunningConsole } from './support/console';

const shiftLead = { name: 'Shift Lead', role: 'shift-lead' };

test.describe('a center of two positions', () => {
  let directory: string;
  let server: NatsServer;

  test.beforeEach(async () => {
    const missing = requirePrerequisites(prerequisite('nats-server', natsServerMissing()));
    test.skip(missing !== null, missing ?? '');
    directory = mkdtempSync(join(tmpdir(), 'nida-e2e-nats-'));
    server = await startNatsServer(directory);
    const nc = await connect({ servers: server.url });
    await initCenter(nc, centerNames('BGD'), { replicas: 1, duplicateWindowSeconds: 120 });
    await nc.close();
  });

  test.afterEach(async () => {
    await server.stop();
    rmSync(directory, { recursive: true, force: true });
  });

  const position = (consoleCode: string, operator: { name: string; role: string }) => ({
    config: {
      consoleCode,
      operator,
      center: { code: 'BGD', servers: [server.url] },
      avl: { embedded: { port: 0 } },
    },
  });

  const centerConnected = async (nida: RunningConsole): Promise<void> => {
    const client = await connectRemote(nida);
    await expect.poll(async () => (await client.api.center.status({})).link, { timeout: 15_000 }).toBe('connected');
    await client.close();
  };

  test('given a call ringing at C1, when the dispatcher at C1 answers it, then C2 sees it ring at C1 and then taken by C1', async ({
    browser,
    launchConsole,
  }) => {
    const c1 = await launchConsole(position('C1', { name: 'أمل', role: 'dispatcher' }));
    const c2 = await launchConsole(position('C2', { name: 'باسم', role: 'dispatcher' }));
    await centerConnected(c1);
    await centerConnected(c2);
    const pageA = await (await browser.newContext()).newPage();
    const pageB = await (await browser.newContext()).newPage();
    await openConsole(pageA, c1.url);
    await openConsole(pageB, c2.url);
    await expect(pageA.getByTestId('link-center')).toHaveAttribute('data-state', 'up');
    await expect(pageB.getByTestId('link-center')).toHaveAttribute('data-state', 'up');

    const client = await connectRemote(c1);
    const call = await client.api.call.receive({ source: 'ali', callerNumber: '07701234567' });
    await client.close();
    const rowA = pageA.getByTestId('queue-call').filter({ hasText: '07701234567' });
    const rowB = pageB.getByTestId('queue-call').filter({ hasText: '07701234567' });
    await expect(rowA).toHaveAttribute('data-status', 'waiting');
    await expect(rowB).toHaveAttribute('data-status', 'waiting');
    await expect(rowB.getByTestId('call-rings-at')).toContainText('C1');
    await expect(rowA.getByTestId('call-rings-at')).toHaveCount(0);

    await rowA.click();

    await expect(rowB).toHaveAttribute('data-status', 'answered');
    await expect(rowB).toContainText('أمل');
    // C2 cannot take it any more: the center gave it to C1.
    const other = await connectRemote(c2);
    await expect(other.api.call.answer({ callId: call.id })).rejects.toThrow(/at C1 by/);
    await other.close();

    // The shift lead's view of the room: both positions online.
    await pageB.getByTestId('link-center').getByRole('button').click();
    const dialog = pageB.getByTestId('center-status');
    await expect(dialog).toBeVisible();
    await expect(dialog.getByTestId('center-position').and(pageB.locator('[data-online="true"]'))).toHaveCount(2);
  });

  test('given an incident on both boards, when the shift lead at C1 dispatches a unit, then the unit board at C2 shows it committed', async ({
    browser,
    launchConsole,
  }) => {
    const c1 = await launchConsole(position('C1', shiftLead));
    const c2 = await launchConsole(position('C2', { name: 'باسم', role: 'dispatcher' }));
    await centerConnected(c1);
    await centerConnected(c2);
    const client = await connectRemote(c1);
    await importDemoRoster(client.api);
    const incident = await client.api.incident.create({
      typeCode: 'building-fire',
      priority: 1,
      agencies: ['civil-defence', 'ambulance', 'police-patrols'],
      location: { lat: 33.3333, lon: 44.4197, source: 'map' },
      address: 'ساحة التحرير',
    });
    const pageA = await (await browser.newContext()).newPage();
    const pageB = await (await browser.newContext()).newPage();
    await openConsole(pageA, c1.url);
    await openConsole(pageB, c2.url);
    await expect(pageB.locator(`[data-testid="queue-incident"][data-number="${incident.number}"]`)).toBeVisible();

    await pageA.locator(`[data-testid="queue-incident"][data-number="${incident.number}"]`).click();
    const panel = pageA.getByTestId('dispatch-panel');
    await expect(panel.getByTestId('recommended-unit')).toHaveCount(4);
    const chosen = await panel
      .getByTestId('recommended-unit')
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-unit-id') ?? ''));
    await pageA.keyboard.press('F9');
    await expect(panel.getByTestId('assigned-units').locator('li')).toHaveCount(4);

    const other = await connectRemote(c2);
    await expect
      .poll(async () => (await other.api.incident.get({ id: incident.id })).incident.status, { timeout: 10_000 })
      .toBe('dispatched');
    const roster = await other.api.unit.list({});
    await other.close();
    const board = pageB.getByTestId('unit-board');
    for (const unitId of chosen) {
      const unit = roster.find((entry) => entry.id === unitId);
      if (!unit) throw new Error(`no unit ${unitId} at C2`);
      await board.getByTestId(`unit-agency-${unit.agency}`).click();
      await board.getByTestId('unit-filter').fill(unit.callsign);
      await expect(board.locator(`[data-testid="unit-row"][data-unit-id="${unitId}"]`)).toHaveAttribute(
        'data-status',
        'dispatched',
      );
    }
    await client.close();
  });
});
