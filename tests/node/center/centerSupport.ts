// Center mode in tests: real nats-server processes (one, or a three-server cluster) started by the
// test, the center's stream and buckets created as `nida center init` creates them, and real console
// hosts joined to it, each with its own data directory.
import { DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { centerNames, streamSourcesOf, topologyOf } from '../../../src-main/services/center/centerConfig';
import { initCenter } from '../../../src-main/services/center/centerConnection';
import {
  natsServerMissing,
  startNatsCluster,
  startNatsServer,
  type NatsCluster,
  type NatsServer,
} from '../../support/natsServer';
import { prerequisite, requirePrerequisites } from '../../support/prerequisites';
import { useTestHosts, type HostOptions, type HostUnderTest } from '../support/testHost';

export const CENTER = 'BGD';
/** The hub's JetStream domain in sub-station tests (the configuration's default). */
export const HUB_DOMAIN = 'hub';

export interface CenterKit {
  /** One server with JetStream (replicas 1). */
  readonly startServer: () => Promise<NatsServer>;
  /** Three routed servers (replicas 3). */
  readonly startCluster: () => Promise<NatsCluster>;
  /** Creates the stream and buckets (as `nida center init`). */
  readonly initCenter: (
    urls: readonly string[],
    replicas: 1 | 3,
    duplicateWindowSeconds?: number,
    topology?: { readonly site?: string; readonly sites?: readonly string[] },
  ) => Promise<void>;
  /** A console host of the center: its own data directory, `consoleCode`, the given servers. */
  readonly startConsole: (consoleCode: string, servers: readonly string[], options?: HostOptions) => HostUnderTest;
  readonly tempDir: (prefix?: string) => string;
  readonly defer: ReturnType<typeof useTestHosts>['defer'];
}

export function useCenter(): CenterKit {
  const { startHost, tempDir, defer } = useTestHosts();
  return {
    tempDir,
    defer,
    startServer: async () => {
      const server = await startNatsServer(tempDir('nida-nats-'));
      defer(() => server.stop());
      return server;
    },
    startCluster: async () => {
      const cluster = await startNatsCluster(tempDir('nida-nats-cluster-'));
      defer(() => cluster.stop());
      return cluster;
    },
    initCenter: async (urls, replicas, duplicateWindowSeconds = 120, topology = {}) => {
      const nc = await connect({ servers: [...urls] });
      try {
        // A cluster just started may still be placing its peers: try again for a while.
        for (let attempt = 0; ; attempt++) {
          try {
            await initCenter(nc, centerNames(CENTER, topology.site), {
              replicas,
              duplicateWindowSeconds,
              sources: streamSourcesOf(
                CENTER,
                topologyOf({ site: topology.site, sites: [...(topology.sites ?? [])], hubDomain: HUB_DOMAIN }),
              ),
            });
            return;
          } catch (error) {
            if (attempt >= 50 || !/no suitable peers|insufficient resources|timeout/i.test(String(error))) throw error;
            await new Promise((resolve) => setTimeout(resolve, 200));
          }
        }
      } finally {
        await nc.close();
      }
    },
    startConsole: (consoleCode, servers, options = {}) =>
      startHost({
        ...options,
        config: {
          consoleCode,
          center: { code: CENTER, servers: [...servers], requestTimeoutMs: 2_000 },
          ...options.config,
        },
      }),
  };
}

/** Every event id on the center's stream, in stream order (a bare JetStream consumer). */
export async function streamEventIds(
  urls: readonly string[],
  options: { readonly operators?: boolean } = {},
): Promise<string[]> {
  return (await streamEvents(urls, options)).map((event) => event.id);
}

/**
 * Every event of the center's records on the stream (id and subject), in stream order. The operator
 * stream is left out unless asked for: the test windows' operators are seeded as they first sign in.
 */
export async function streamEvents(
  urls: readonly string[],
  options: { readonly operators?: boolean } = {},
): Promise<{ id: string; subject: string }[]> {
  const nc = await connect({ servers: [...urls] });
  try {
    const js = jetstream(nc);
    const jsm = await jetstreamManager(nc);
    const info = await jsm.streams.info(centerNames(CENTER).stream);
    if (info.state.messages === 0) return [];
    const consumer = await js.consumers.get(centerNames(CENTER).stream, { deliver_policy: DeliverPolicy.All });
    const messages = await consumer.consume();
    const ids: { id: string; subject: string }[] = [];
    for await (const message of messages) {
      const event = JSON.parse(message.string()) as { id: string; stream: string };
      if (options.operators === true || event.stream !== 'operator')
        ids.push({ id: event.id, subject: message.subject });
      if (message.info.pending === 0) break;
    }
    return ids;
  } finally {
    await nc.close();
  }
}

/** Why the center tests cannot run here (null: they can); with NIDA_REQUIRE_ALL=1 a missing server fails. */
export const withoutNats = (): string | null => requirePrerequisites(prerequisite('nats-server', natsServerMissing()));
