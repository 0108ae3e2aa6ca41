// Exactly one winner, on a real three-server cluster: twelve consoles race to dispatch the same unit,
// round after round, also while the leader of the claims bucket is hung (SIGSTOP) or killed.
// Debian's nats-server 2.9.10 does not serialize compare-and-set on a clustered stream (upstream
// #4320): this is what create-if-absent must hold against.
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { describe, expect, it } from 'vitest';
import { centerNames } from '../../../src-main/services/center/centerConfig';
import { RemoteError } from '../../support/remoteClient';
import { createIncident } from '../../support/scenario';
import type { NatsCluster, NatsServer } from '../../support/natsServer';
import type { HostUnderTest } from '../support/testHost';
import { eventually } from '../support/waitUntil';
import { CENTER, useCenter, withoutNats } from './centerSupport';

const CONTENDERS = Number(process.env['NIDA_CONTENDERS'] ?? 12);
const ROUNDS = Number(process.env['NIDA_ROUNDS'] ?? 40);
const UNIT = 'U-301';

async function claimsLeader(cluster: NatsCluster): Promise<NatsServer> {
  const nc = await connect({
    servers: cluster.servers.filter((server) => server.running()).map((server) => server.url),
  });
  try {
    const jsm = await jetstreamManager(nc);
    const info = await jsm.streams.info(`KV_${centerNames(CENTER).claimsBucket}`);
    const leader = cluster.servers.find((server) => server.name === info.cluster?.leader);
    if (!leader) throw new Error(`no leader for the claims bucket (${info.cluster?.leader ?? 'none'})`);
    return leader;
  } finally {
    await nc.close();
  }
}

describe.skipIf(withoutNats())('exclusive unit assignment on a three-server cluster', () => {
  const center = useCenter();

  it(`given ${String(CONTENDERS)} consoles on 3 servers, when all dispatch the same unit in each of ${String(ROUNDS)} rounds (a hung and a killed claims leader among them), then every round has exactly one winner and every console agrees`, async () => {
    const cluster = await center.startCluster();
    await center.initCenter(cluster.urls, 3);
    const consoles: HostUnderTest[] = [];
    for (let index = 0; index < CONTENDERS; index++) {
      // Each console lists its own server first: the twelve spread over the three servers.
      const urls = [...cluster.urls.slice(index % 3), ...cluster.urls.slice(0, index % 3)];
      consoles.push(center.startConsole(`C${String(index + 1)}`, urls, { roster: index === 0 }));
    }
    for (const console of consoles) await console.host.center?.whenCaughtUp(60_000);
    await eventually(
      async () =>
        (await Promise.all(consoles.map((console) => console.api.unit.list({})))).every((units) => units.length > 0),
      'the roster at every console',
      60_000,
    );

    const winners: string[] = [];
    const provisionalRounds: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      // Each contender dispatches to an incident of its own.
      const incidents = await Promise.all(consoles.map((console) => createIncident(console.api)));
      for (const console of consoles) await console.host.center?.flush();

      // The claims bucket's leader, found before the round so that it can be hit while the claims fly.
      const disrupted = round === 10 || round === 25 ? 'pause' : round === 18 ? 'kill' : null;
      const leader = disrupted ? await claimsLeader(cluster) : null;
      const attempts = consoles.map((console, index) =>
        console.api.dispatch.dispatch({ incidentId: incidents[index]?.id ?? '', unitIds: [UNIT] }),
      );
      if (leader && disrupted === 'pause') {
        leader.pause();
        setTimeout(() => {
          leader.resume();
        }, 3_000);
      } else if (leader && disrupted === 'kill') {
        await leader.kill();
        setTimeout(() => {
          leader.start().catch((error: unknown) => {
            throw error;
          });
        }, 3_000);
      }
      const results = await Promise.allSettled(attempts);
      for (const result of results) {
        if (result.status === 'rejected') {
          const code = result.reason instanceof RemoteError ? result.reason.code : String(result.reason);
          expect(code, `round ${String(round)}: ${String(result.reason)}`).toBe('CONFLICT');
        }
      }
      const taken = results.flatMap((result, index) => (result.status === 'fulfilled' ? [index] : []));
      expect(taken.length, `round ${String(round)}`).toBeGreaterThanOrEqual(1);

      // A console whose claim the center did not answer in time (its leader hung or killed) dispatched
      // provisionally; once every console has settled, exactly one assignment stands, the claim's
      // winner's, every console agrees, and each provisional loser became one conflict record.
      const conflictsBefore = consoles[0]?.host.store.conflicts().length ?? 0;
      await eventually(
        () =>
          Promise.resolve(
            consoles.every((console) => {
              const status = console.host.center?.status();
              return status?.link === 'connected' && status.provisional.units.length === 0 && status.outbox === 0;
            }),
          ),
        `round ${String(round)}: every provisional dispatch settled`,
        120_000,
      );
      for (const console of consoles) await console.host.center?.whenCaughtUp(60_000);
      const holder = consoles[0]?.host.units.get(UNIT)?.incidentId;
      const winnerIndex = incidents.findIndex((incident) => incident.id === holder);
      expect(winnerIndex, `round ${String(round)}: ${UNIT} is at one of the round's incidents`).toBeGreaterThanOrEqual(
        0,
      );
      expect(taken, `round ${String(round)}`).toContain(winnerIndex);
      await eventually(
        async () =>
          (await Promise.all(consoles.map((console) => console.api.unit.list({})))).every(
            (units) => units.find((unit) => unit.id === UNIT)?.incidentId === holder,
          ),
        `round ${String(round)}: every console sees ${UNIT} at the winner's incident`,
        60_000,
      );
      const conflicts = (consoles[0]?.host.store.conflicts().length ?? 0) - conflictsBefore;
      expect(conflicts, `round ${String(round)}: one conflict per provisional loser`).toBe(taken.length - 1);
      const winner = consoles[winnerIndex];
      if (!winner) throw new Error('no winner');
      winners.push(winner.host.config.consoleCode);
      if (taken.length > 1) provisionalRounds.push(round);

      await winner.api.unit.setStatus({ unitId: UNIT, status: 'available', reason: 'round over' });
      await winner.host.center?.flush();
      await eventually(
        async () =>
          (await Promise.all(consoles.map((console) => console.api.unit.list({})))).every(
            (units) => units.find((unit) => unit.id === UNIT)?.status === 'available',
          ),
        `round ${String(round)}: ${UNIT} available again everywhere`,
        60_000,
      );
    }
    expect(winners).toHaveLength(ROUNDS);
    // The disrupted rounds are the ones that went provisional (when the claims could not be answered in time).
    console.log(
      `rounds settled through provisional dispatches and conflicts: ${provisionalRounds.join(', ') || 'none'}`,
    );
    for (const console of consoles) await console.host.center?.whenCaughtUp(60_000);
    const digests = new Set(consoles.map((console) => console.host.store.projectionDigest()));
    expect(digests.size).toBe(1);
  }, 900_000);
});
