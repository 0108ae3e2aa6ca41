// The acceptance of center mode on one machine, as an operator would run it: `nida center init`,
// then two `nida serve` consoles of one center on their own data directories, driven through their
// WebSocket APIs.
import { describe, expect, it } from 'vitest';
import { builtCli, requirePrerequisites, prerequisite } from '../../support/prerequisites';
import { natsServerMissing } from '../../support/natsServer';
import { runNida, serveConsole } from '../../support/nidaProcess';
import { RemoteError } from '../../support/remoteClient';
import { connectRemote } from '../../support/wsClient';
import { createIncident } from '../../support/scenario';
import { eventually } from '../support/waitUntil';
import { useCenter } from './centerSupport';

const missing = requirePrerequisites(prerequisite('nats-server', natsServerMissing()), builtCli());

describe.skipIf(missing)('nida center and two nida serve consoles of one center', () => {
  const center = useCenter();

  it("given `nida center init` and consoles C1 and C2, then an incident created at C1 is listed by C2 within a second, a call received at C1 is in C2's queue, and of two answers at once exactly one succeeds", async () => {
    const server = await center.startServer();
    const init = await runNida(['center', 'init', '--servers', server.url, '--data', center.tempDir(), '--json'])
      .exited;
    expect(init.code, init.stderr).toBe(0);
    expect(JSON.parse(init.stdout)).toMatchObject({ ok: true, stream: { name: 'NIDA_BGD_EVENTS', created: true } });
    const again = await runNida(['center', 'init', '--servers', server.url, '--data', center.tempDir(), '--json'])
      .exited;
    expect(JSON.parse(again.stdout)).toMatchObject({ stream: { created: false } });

    const dataA = center.tempDir('nida-a-');
    const dataB = center.tempDir('nida-b-');
    const c1 = await serveConsole(['--center', server.url, '--console', 'C1', '--data', dataA]);
    center.defer(() => c1.process.kill());
    const c2 = await serveConsole(['--center', server.url, '--console', 'C2', '--data', dataB]);
    center.defer(() => c2.process.kill());
    const a = await connectRemote(c1.address);
    center.defer(() => a.close());
    const b = await connectRemote(c2.address);
    center.defer(() => b.close());
    await eventually(async () => (await a.api.center.status({})).link === 'connected', 'C1 connected to the center');
    await eventually(async () => (await b.api.center.status({})).link === 'connected', 'C2 connected to the center');

    const incident = await createIncident(a.api);
    const created = Date.now();
    await eventually(
      async () => (await b.api.incident.listOpen({})).some((open) => open.id === incident.id),
      'the incident at C2',
      1_000,
    );
    expect(Date.now() - created).toBeLessThan(1_000);

    const call = await a.api.call.receive({ source: 'ali', callerNumber: '07701234567' });
    await eventually(
      async () => (await b.api.call.list({})).some((entry) => entry.id === call.id),
      "the call in C2's queue",
    );
    const answers = await Promise.allSettled([
      a.api.call.answer({ callId: call.id }),
      b.api.call.answer({ callId: call.id }),
    ]);
    expect(answers.filter((answer) => answer.status === 'fulfilled')).toHaveLength(1);
    const refused = answers.find((answer) => answer.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason instanceof RemoteError && refused.reason.code).toBe('CONFLICT');

    // Both positions are online in each other's presence list, and `nida center status` lists them.
    await eventually(
      async () => (await a.api.center.status({})).consoles.filter((console) => console.online).length === 2,
      'both positions online',
    );
    const status = await runNida(['center', 'status', '--servers', server.url, '--data', dataA, '--json']).exited;
    expect(status.code, status.stderr).toBe(0);
    const report = JSON.parse(status.stdout) as { stream: { lastSeq: number }; consoles: { consoleCode: string }[] };
    expect(report.consoles.map((console) => console.consoleCode)).toEqual(['C1', 'C2']);
    expect(report.stream.lastSeq).toBeGreaterThan(0);

    // `nida center snapshot` at C1 (running), then a new position joins from it.
    let stored: { ok: boolean; streamSeq: number } | null = null;
    await eventually(async () => {
      const snapshot = await runNida(['center', 'snapshot', '--servers', server.url, '--data', dataA, '--json']).exited;
      if (snapshot.code === 0) stored = JSON.parse(snapshot.stdout) as { ok: boolean; streamSeq: number };
      return stored !== null;
    }, 'a snapshot once C1 is settled');
    const c3 = await serveConsole(['--center', server.url, '--console', 'C3', '--data', center.tempDir('nida-c-')]);
    center.defer(() => c3.process.kill());
    const c = await connectRemote(c3.address);
    center.defer(() => c.close());
    await eventually(
      async () => (await c.api.incident.listOpen({})).some((open) => open.id === incident.id),
      'the incident at C3',
    );
    expect((await c.api.center.status({})).joinedFromSnapshot?.streamSeq).toBe(
      (stored as { streamSeq: number } | null)?.streamSeq,
    );
  }, 60_000);

  it('given a database of center BGD, when it is served for another center, then it is refused with a clear message and nothing changes', async () => {
    const server = await center.startServer();
    await center.initCenter([server.url], 1);
    const data = center.tempDir('nida-bgd-');
    const first = await serveConsole(['--center', server.url, '--console', 'C1', '--data', data]);
    await first.process.kill();
    const { writeFileSync } = await import('node:fs');
    writeFileSync(`${data}/nida.config.json`, JSON.stringify({ center: { code: 'BSR' } }));

    const refused = await runNida(['serve', '--port', '0', '--json', '--center', server.url, '--data', data]).exited;

    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/belongs to center BGD, not BSR/);
  }, 60_000);
});
