import { jetstream } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../src-shared/domain/random';
import { readDatabase } from '../support/readDatabase';
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

  it('given a console that missed 1,500 incidents, when it catches up, then its windows are told once to reload their lists, not sent every record', async () => {
    const server = await center.startServer();
    await center.initCenter([server.url], 1);
    const c1 = center.startConsole('C1', [server.url]);
    const c2DataDir = center.tempDir('nida-c2-');
    const first = center.startConsole('C2', [server.url], { dataDir: c2DataDir });
    await first.host.center?.whenCaughtUp();
    await first.dispose();
    const missed = Array.from({ length: 1_500 }, (_, index) =>
      c1.host.store.createIncident(
        { typeCode: 'theft', priority: 3, agencies: ['police-patrols'], address: `غياب ${String(index)}` },
        'tester',
      ),
    );
    await c1.host.center?.flush();

    const c2 = center.startConsole('C2', [server.url], { dataDir: c2DataDir });
    await eventually(
      () => Promise.resolve((c2.host.center?.status().appliedSeq ?? 0) >= missed.length),
      'C2 to catch up',
      60_000,
    );
    await eventually(() => Promise.resolve(c2.published('onRecordsReloaded').length > 0), 'the reload notice');

    const reloads = c2.published('onRecordsReloaded');
    const missedIds = new Set(missed.map((incident) => incident.id));
    const sentOneByOne = c2.published('onIncidentChanged').filter((record) => missedIds.has(record.id));
    expect(reloads.reduce((sum, reload) => sum + reload.events, 0) + sentOneByOne.length).toBeGreaterThanOrEqual(
      missed.length,
    );
    expect(sentOneByOne.length).toBeLessThan(missed.length / 2);
    expect((await c2.api.incident.listOpen({ limit: 5000 })).filter((open) => missedIds.has(open.id))).toHaveLength(
      missed.length,
    );
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
    // Each console timed the cluster's answer to its claim (the status shows it to IT).
    for (const api of [c1.api, c2.api])
      expect((await api.center.status({})).claims?.answered).toBeGreaterThanOrEqual(1);
    await eventually(async () => {
      const [a, b] = await Promise.all([c1.api.unit.list({}), c2.api.unit.list({})]);
      const u1 = a.find((unit) => unit.id === 'U-301');
      const u2 = b.find((unit) => unit.id === 'U-301');
      return u1?.status === 'dispatched' && u2?.status === 'dispatched' && u1.incidentId === u2.incidentId;
    }, 'one assignment on both consoles');
  });

  it('given three consoles that receive the same MDT status over MQTT, when each applies it, then the center holds one event and every console the same unit', async () => {
    const server = await center.startServer();
    await center.initCenter([server.url], 1);
    const consoles = ['C1', 'C2', 'C3'].map((code, index) =>
      center.startConsole(code, [server.url], { roster: index === 0 }),
    );
    for (const console of consoles) await console.host.center?.whenCaughtUp();
    await eventually(
      async () =>
        (await Promise.all(consoles.map((console) => console.api.unit.list({})))).every((units) => units.length > 0),
      'the roster everywhere',
    );

    const at = consoles[0]?.clock.now() ?? 0;
    for (const console of consoles) console.host.units.applyDeviceStatus('U-301', 'out-of-service', at);
    for (const console of consoles) await console.host.center?.flush();
    for (const console of consoles) await console.host.center?.whenCaughtUp();

    const mdtEvents = (console: (typeof consoles)[number]) =>
      readDatabase(console.host.store, (db) =>
        db
          .prepare(
            "SELECT count(*) AS n FROM events WHERE stream = 'unit' AND stream_id = 'U-301' AND actor = 'mdt:U-301'",
          )
          .get(),
      );
    for (const console of consoles) expect(mdtEvents(console)).toEqual({ n: 1 });
    const stream = consoles[0]?.host.center?.status().stream;
    expect(stream?.messages).toBe(consoles[0]?.host.store.appliedStreamSeq());
    const digests = new Set(consoles.map((console) => console.host.store.projectionDigest()));
    expect(digests.size).toBe(1);
    expect(consoles.every((console) => console.host.units.get('U-301')?.status === 'out-of-service')).toBe(true);
  });

  it('given a radio emergency read at C1, then it alarms at every console; acknowledged at C2 it is silent at C1 with who, resolved at C2 it goes at C1', async () => {
    const { c1, c2 } = await twoConsoles();

    const alarm = c1.host.alarms.raise({
      kind: 'radio-emergency',
      severity: 'emergency',
      subject: '1A01',
      source: 'serial:radio',
      position: TAHRIR,
    });
    await eventually(
      async () => (await c2.api.alarm.list({})).some((entry) => entry.id === alarm.id),
      'the alarm at C2',
    );
    expect(c2.published('onAlarm').some((entry) => entry.id === alarm.id && entry.severity === 'emergency')).toBe(true);

    await c2.as(BASIM).alarm.acknowledge({ alarmId: alarm.id });
    await eventually(
      async () => (await c1.api.alarm.list({})).some((entry) => entry.acknowledgedBy === BASIM.actor),
      'the acknowledgement at C1',
    );
    await c2.as(BASIM).alarm.resolve({ alarmId: alarm.id, note: 'crew safe' });
    await eventually(async () => (await c1.api.alarm.list({})).length === 0, 'the alarm resolved at C1');
    expect(c1.host.store.getAlarm(alarm.id)?.resolution).toBe('crew safe');
  });

  it('given malformed, unknown and foreign messages on the stream, then each is refused, counted, kept raw and never applied, and the console goes on', async () => {
    const { server, c1, c2 } = await twoConsoles();
    const nc = await connect({ servers: server.url });
    center.defer(() => nc.close());
    const js = jetstream(nc);
    const subject = 'nida.BGD.events.C9';
    const valid = {
      v: 1,
      center: 'BGD',
      id: '01JEVENT000000000000000099',
      stream: 'incident',
      streamId: 'I-X',
      incidentId: 'I-X',
      hlc: '001795942800000-000000-C9',
      at: 1,
      actor: 'x',
      consoleId: 'C9',
    };
    await js.publish(subject, '{"not json');
    await js.publish(subject, JSON.stringify({ ...valid, type: 'incident.teleported', payload: {} }));
    await js.publish(
      subject,
      JSON.stringify({
        ...valid,
        id: '01JEVENT000000000000000098',
        center: 'BSR',
        type: 'incident.noteAdded',
        payload: { noteId: 'n', text: 'x' },
      }),
    );
    await js.publish(
      subject,
      JSON.stringify({
        ...valid,
        id: '01JEVENT000000000000000097',
        type: 'incident.created',
        payload: { priority: 'high' },
      }),
    );
    const incident = await createIncident(c1.api);

    await eventually(
      async () => (await c2.api.incident.listOpen({})).some((open) => open.id === incident.id),
      'the valid incident after the garbage',
    );
    const refused = c2.host.center?.status().refused ?? {};
    expect(refused).toEqual({ malformed: 1, 'unknown-type': 1, 'foreign-center': 1, invalid: 1 });
    const raw = readDatabase(c2.host.store, (db) =>
      db.prepare("SELECT count(*) AS n FROM raw_inputs WHERE kind = 'center-event' AND status = 'rejected'").get(),
    );
    expect(raw).toEqual({ n: 4 });
    expect(c2.host.store.getIncident('I-X')).toBeNull();
  });

  it('given three consoles writing concurrently, when everything is published and read, then their projections are identical and equal to a rebuild', async () => {
    const server = await center.startServer();
    await center.initCenter([server.url], 1);
    const consoles = ['C1', 'C2', 'C3'].map((code, index) =>
      center.startConsole(code, [server.url], { roster: index === 0 }),
    );
    for (const console of consoles) await console.host.center?.whenCaughtUp();
    const random = seededRandom(2026);
    const work: Promise<unknown>[] = [];
    for (let step = 0; step < 60; step++) {
      const console = consoles[Math.floor(random() * consoles.length)];
      if (!console) continue;
      const roll = random();
      const act = async (): Promise<unknown> => {
        const open = await console.api.incident.listOpen({});
        const target = open[Math.floor(random() * Math.max(1, open.length))];
        if (roll < 0.35 || !target) return createIncident(console.api, { priority: random() < 0.5 ? 1 : 2 });
        if (roll < 0.6)
          return console.api.incident.append({
            incidentId: target.id,
            change: { type: 'incident.noteAdded', payload: { text: `ملاحظة ${String(step)}` } },
          });
        if (roll < 0.8)
          return console.api.incident.append({
            incidentId: target.id,
            change: { type: 'incident.updated', payload: { priority: random() < 0.5 ? 2 : 3 } },
          });
        return console.api.incident.append({
          incidentId: target.id,
          change: { type: 'incident.closed', payload: { disposition: 'no-action' } },
        });
      };
      work.push(act().catch(() => undefined));
    }
    await Promise.all(work);
    for (const console of consoles) await console.host.center?.flush();
    for (const console of consoles) await console.host.center?.whenCaughtUp();

    const digests = consoles.map((console) => console.host.store.projectionDigest());
    expect(new Set(digests).size).toBe(1);
    for (const console of consoles) {
      console.host.store.rebuildProjections();
      expect(console.host.store.projectionDigest()).toBe(digests[0]);
    }
  });

  it("given servers without the center's stream, when a console joins, then it says to run `nida center init` and keeps working on its own store", async () => {
    const server = await center.startServer();
    const c1 = center.startConsole('C1', [server.url]);

    await eventually(
      () => Promise.resolve(c1.host.center?.status().problem?.includes('nida center init') === true),
      'the missing stream named',
    );
    expect(c1.host.center?.status().link).toBe('lost');
    const incident = await createIncident(c1.api);
    expect(await c1.api.incident.get({ id: incident.id })).toMatchObject({ incident: { id: incident.id } });
    expect(c1.host.center?.status().outbox).toBeGreaterThan(0);
  });
});
