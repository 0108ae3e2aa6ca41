// Two positions of one center: two `nida serve` consoles (own data directories) joined through a real
// nats-server, each with its window in Chromium. What one dispatcher does, the other sees.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '@nats-io/transport-node';
import { centerNames } from '../../src-main/services/center/centerConfig';
import { initCenter } from '../../src-main/services/center/centerConnection';
import { natsServerMissing, startNatsServer, type NatsServer } from '../support/natsServer';
import { startTcpProxy } from '../support/tcpProxy';
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
    // Two consoles, a NATS server and two windows that sign in: more than a spec's usual minute on a busy machine.
    test.slow();
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
    // Amal signs in at C1: the other position sees her name on the call she takes.
    await openConsole(pageA, c1.url, { operator: 'amal' });
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

  test('given Basim signed in at C1, then the shift lead at C2 sees him in the room; a Kurdish caller at C2 is transferred to him and the call leaves C2’s queue for C1’s', async ({
    browser,
    launchConsole,
  }) => {
    const c1 = await launchConsole(position('C1', { name: 'باسم', role: 'dispatcher' }));
    const c2 = await launchConsole(position('C2', shiftLead));
    await centerConnected(c1);
    await centerConnected(c2);
    const pageA = await (await browser.newContext()).newPage();
    const pageB = await (await browser.newContext()).newPage();
    // Basim (Arabic and Sorani) at C1; the shift lead at C2.
    await openConsole(pageA, c1.url, { operator: 'basim' });
    await openConsole(pageB, c2.url);
    await expect(pageB.getByTestId('link-center')).toHaveAttribute('data-state', 'up');

    // Presence: C2's view of the room names the operator signed in at C1.
    await pageB.getByTestId('link-center').getByRole('button').click();
    const dialog = pageB.getByTestId('center-status');
    const atC1 = dialog.getByTestId('center-position').filter({ hasText: 'C1' });
    await expect(atC1).toContainText('باسم', { timeout: 15_000 });
    await expect(atC1).toHaveAttribute('data-online', 'true');
    await pageB.keyboard.press('Escape');
    await expect(dialog).toBeHidden();

    // A caller who speaks Sorani rings at C2; the shift lead answers and sets the language.
    const phone = await connectRemote(c2);
    const call = await phone.api.call.receive({ source: 'ali', callerNumber: '07709998877' });
    await phone.close();
    const rowB = pageB.getByTestId('queue-call').filter({ hasText: '07709998877' });
    await rowB.click();
    await expect(rowB).toHaveAttribute('data-status', 'answered');
    const bar = pageB.getByTestId('call-language-bar').filter({ has: pageB.getByTestId('call-language-select') });
    await bar.getByTestId('call-language-select').selectOption('ckb');

    // The positions whose operator speaks it are offered; the transfer sends the call to C1's queue.
    const transfer = bar.locator('[data-testid="call-transfer"][data-console="C1"]');
    await expect(transfer).toContainText('باسم', { timeout: 15_000 });
    await transfer.click();
    await expect(rowB).toHaveCount(0);
    const rowA = pageA.getByTestId('queue-call').filter({ hasText: '07709998877' });
    await expect(rowA).toHaveAttribute('data-status', 'waiting');
    await expect(rowA.getByTestId('call-rings-at')).toHaveCount(0);
    await expect(pageA.getByTestId('call-language')).toHaveAttribute('data-language', 'ckb');
    const record = await connectRemote(c1);
    await expect
      .poll(async () => (await record.api.call.list({})).find((entry) => entry.id === call.id)?.transferredTo)
      .toBe('C1');
    await record.close();

    // Basim takes it at C1.
    await rowA.click();
    await expect(rowA).toHaveAttribute('data-status', 'answered');
    await expect(rowA).toContainText('باسم');
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

  test('given C1 cut off from the center, when its dispatcher sends a unit that C2 sends elsewhere, then C1 shows the link down and the dispatch provisional, and after the link heals the shift lead resolves the conflict with one key', async ({
    browser,
    launchConsole,
  }) => {
    const proxy = await startTcpProxy(server.port);
    const c1 = await launchConsole({
      config: {
        consoleCode: 'C1',
        operator: { name: 'أمل', role: 'dispatcher' },
        center: { code: 'BGD', servers: [proxy.url()] },
        avl: { embedded: { port: 0 } },
      },
    });
    const c2 = await launchConsole(position('C2', shiftLead));
    await centerConnected(c1);
    await centerConnected(c2);
    const a = await connectRemote(c1);
    const b = await connectRemote(c2);
    await importDemoRoster(b.api);
    const fire = {
      typeCode: 'building-fire',
      priority: 1 as const,
      agencies: ['civil-defence', 'ambulance', 'police-patrols'],
    };
    const atA = await a.api.incident.create({
      ...fire,
      location: { lat: 33.3333, lon: 44.4197, source: 'map' },
      address: 'ساحة التحرير',
    });
    const atB = await b.api.incident.create({
      ...fire,
      location: { lat: 33.31, lon: 44.43, source: 'map' },
      address: 'الكرادة',
    });
    await expect.poll(async () => (await a.api.unit.list({})).length, { timeout: 15_000 }).toBeGreaterThan(0);
    await expect.poll(async () => (await b.api.incident.listOpen({})).length, { timeout: 15_000 }).toBe(2);
    const pageA = await (await browser.newContext()).newPage();
    const pageB = await (await browser.newContext()).newPage();
    await openConsole(pageA, c1.url);
    await openConsole(pageB, c2.url);

    proxy.cut();
    await expect(pageA.getByTestId('link-center')).toHaveAttribute('data-state', 'down', { timeout: 15_000 });
    await expect(pageA.getByTestId('link-center-since')).toBeVisible();

    await pageA.locator(`[data-testid="queue-incident"][data-number="${atA.number}"]`).click();
    const panel = pageA.getByTestId('dispatch-panel');
    const recommended = panel.getByTestId('recommended-unit');
    await expect(recommended.first()).toBeVisible();
    const unitId = (await recommended.first().getAttribute('data-unit-id')) ?? '';
    await pageA.keyboard.press('F9');
    const assigned = panel.getByTestId('assigned-units').locator(`li[data-unit-id="${unitId}"]`);
    await expect(assigned.getByTestId('provisional-mark')).toBeVisible();
    await expect(assigned.getByTestId('provisional-mark')).toHaveAttribute('title', /المركز/);
    // Meanwhile the center gives the same unit to C2's incident.
    await b.api.dispatch.dispatch({ incidentId: atB.id, unitIds: [unitId] });

    proxy.heal();
    await expect(pageA.getByTestId('link-center')).toHaveAttribute('data-state', 'up', { timeout: 30_000 });
    await expect(assigned).toHaveCount(0, { timeout: 30_000 });
    await expect(pageA.getByTestId('notice').filter({ hasText: 'التعارضات' })).toBeVisible();

    const conflicts = pageB.getByTestId('conflicts-open');
    await expect(conflicts).toHaveAttribute('data-open', '1', { timeout: 30_000 });
    await conflicts.click();
    const view = pageB.getByTestId('conflict-view');
    await expect(view.getByTestId('conflict')).toHaveCount(1);
    await expect(view.getByTestId('conflict')).toContainText('C1');
    await view.getByTestId('conflict').focus();
    await pageB.keyboard.press('1');
    await expect(view.getByTestId('conflict-resolved')).toHaveCount(1);
    await expect(conflicts).toHaveAttribute('data-open', '0');
    await a.close();
    await b.close();
    await proxy.close();
  });
});
