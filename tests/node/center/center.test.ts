import { describe, expect, it } from 'vitest';
import { RemoteError } from '../../support/remoteClient';
import { AMAL, BASIM, TAHRIR, aliRecord, createIncident } from '../../support/scenario';
import { eventually } from '../support/waitUntil';
import { useCenter, withoutNats } from './centerSupport';

describe.skipIf(withoutNats())('center mode on one nats-server: consoles share one live picture', () => {
  const center = useCenter();

  const twoConsoles = async () => {
    const server = await center.startServer();
    await center.initCenter([server.url], 1);
    const c1 = center.startConsole('C1', [server.url], { roster: true });
    const c2 = center.startConsole('C2', [server.url]);
    await c1.host.center?.whenCaughtUp();
    await c2.host.center?.whenCaughtUp();
    return { server, c1, c2 };
  };

  it("given two consoles, when an incident is created at C1, then it is on C2's board with an identical projection", async () => {
    const { c1, c2 } = await twoConsoles();

    const incident = await createIncident(c1.api, { location: { ...TAHRIR, source: 'map' } });

    await eventually(
      async () => (await c2.api.incident.listOpen({})).some((open) => open.id === incident.id),
      'the incident to reach C2',
    );
    await c1.host.center?.flush();
    await c2.host.center?.whenCaughtUp();
    await c1.host.center?.whenCaughtUp();
    expect(await c2.api.incident.get({ id: incident.id })).toMatchObject({ incident });
    expect(c2.host.store.projectionDigest()).toBe(c1.host.store.projectionDigest());
    expect(c2.published('onIncidentChanged').map((record) => record.id)).toContain(incident.id);
  });

  it('given a call received at C1, when C1 and C2 answer it at once, then exactly one succeeds and the other gets CONFLICT naming the winning position and operator', async () => {
    const { c1, c2 } = await twoConsoles();
    const call = c1.ring(aliRecord('07701234567'));
    await eventually(async () => (await c2.api.call.list({})).some((entry) => entry.id === call.id), 'the call at C2');

    const results = await Promise.allSettled([
      c1.as(AMAL).call.answer({ callId: call.id }),
      c2.as(BASIM).call.answer({ callId: call.id }),
    ]);

    const won = results.filter((result) => result.status === 'fulfilled');
    const lost = results.filter((result) => result.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const error = (lost[0] as PromiseRejectedResult).reason as unknown;
    expect(error instanceof RemoteError && error.code).toBe('CONFLICT');
    const winner =
      results[0].status === 'fulfilled'
        ? { console: 'C1', operator: AMAL.actor }
        : { console: 'C2', operator: BASIM.actor };
    expect((error as Error).message).toContain(`at ${winner.console} by ${winner.operator}`);
    // Both consoles end with the call answered by the winner.
    await eventually(
      async () =>
        (await c1.api.call.list({})).find((entry) => entry.id === call.id)?.answeredBy === winner.operator &&
        (await c2.api.call.list({})).find((entry) => entry.id === call.id)?.answeredBy === winner.operator,
      'the answer on both consoles',
    );
  });

  it('given a unit seen available at two consoles, when both dispatch it to different incidents at once, then one assignment stands and the other gets CONFLICT naming the winner', async () => {
    const { c1, c2 } = await twoConsoles();
    const first = await createIncident(c1.api);
    const second = await createIncident(c2.api);
    await eventually(
      async () =>
        (await c2.api.incident.listOpen({})).length === 2 && (await c1.api.incident.listOpen({})).length === 2,
      'both incidents on both consoles',
    );
    await eventually(async () => (await c2.api.unit.list({})).length > 0, 'the roster at C2');

    const results = await Promise.allSettled([
      c1.api.dispatch.dispatch({ incidentId: first.id, unitIds: ['U-301'] }),
      c2.api.dispatch.dispatch({ incidentId: second.id, unitIds: ['U-301'] }),
    ]);

    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const loser = results.find((result) => result.status === 'rejected') as PromiseRejectedResult;
    expect(loser.reason instanceof RemoteError && loser.reason.code).toBe('CONFLICT');
    expect((loser.reason as Error).message).toMatch(/at C[12] by /);
    await eventually(async () => {
      const [a, b] = await Promise.all([c1.api.unit.list({}), c2.api.unit.list({})]);
      const u1 = a.find((unit) => unit.id === 'U-301');
      const u2 = b.find((unit) => unit.id === 'U-301');
      return u1?.status === 'dispatched' && u2?.status === 'dispatched' && u1.incidentId === u2.incidentId;
    }, 'one assignment on both consoles');
  });
});
