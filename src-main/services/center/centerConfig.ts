import { z } from 'zod';

/** A file path, absolute or relative to the data directory. */
const filePath = z.string().min(1).max(1000);

/** A sub-station's name, also its JetStream domain: lower case, as NATS domains and subjects allow. */
const siteName = z.string().regex(/^[a-z][a-z0-9-]{0,30}$/, 'lower-case letters, digits and -, e.g. site-basra');

/**
 * The center's NATS servers (center mode, docs/center.md). Absent or with no servers: the console is
 * standalone. `nats://` or `tls://` URLs; list every server of the cluster so the client can fail over.
 */
export const centerLinkConfigSchema = z.strictObject({
  servers: z
    .array(z.string().regex(/^(nats|tls):\/\/[^\s/]+(:\d+)?$/, 'a nats:// or tls:// URL, e.g. nats://10.0.0.11:4222'))
    .max(16)
    .default([]),
  /** One user per console (docs/center.md): user and password, or a NATS credentials file. */
  credentials: z
    .union([
      z.strictObject({ user: z.string().min(1).max(200), password: z.string().min(1).max(500) }),
      z.strictObject({ credsFile: filePath }),
    ])
    .optional(),
  tls: z.strictObject({ ca: filePath.optional(), cert: filePath.optional(), key: filePath.optional() }).optional(),
  /** Stream and bucket replicas `nida center init` creates: 3 on a three-server cluster, 1 on a single server. */
  replicas: z.union([z.literal(1), z.literal(3)]).optional(),
  /** The stream's de-duplication window (retries of a publish within it are dropped by the server). */
  duplicateWindowSeconds: z
    .number()
    .int()
    .min(10)
    .max(7 * 24 * 3600)
    .default(120),
  /**
   * A console that is new or was wiped joins from the center's latest snapshot plus the stream's tail
   * (docs/center.md, "Joining"); the position with the lowest code online takes a snapshot whenever
   * the stream has grown by this many events since the last one. 0: never.
   */
  snapshotEvery: z.number().int().min(0).max(10_000_000).default(10_000),
  /** Whether a console with an empty log joins from the snapshot (false: it replays the whole stream). */
  joinFromSnapshot: z.boolean().default(true),
  /**
   * A sub-station (docs/center.md, "Sub-stations"): its NATS server is a leaf node of the hub with its
   * own JetStream domain, named so; its consoles list that server and this name.
   */
  site: siteName.optional(),
  /** At the hub: the sub-stations whose logs the hub's stream sources (`nida center init`). */
  sites: z.array(siteName).max(100).default([]),
  /** The hub's JetStream domain, from which a sub-station's stream sources the hub's events. */
  hubDomain: siteName.default('hub'),
  /** Milliseconds a publish or claim waits for the servers before the console treats the link as down. */
  requestTimeoutMs: z.number().int().min(100).max(30_000).default(2_000),
});

export type CenterLinkConfig = z.infer<typeof centerLinkConfigSchema>;

/** Stream, subjects and buckets of one center on its NATS servers (all derived from the center code). */
export interface CenterNames {
  readonly stream: string;
  /**
   * The events this log's own consoles publish: `nida.<center>.events.<console>` at the hub,
   * `nida.<center>.sites.<site>.events.<console>` at a sub-station (never overlapping, so that a leaf
   * node forwards nothing twice: events cross between domains only by sourcing).
   */
  readonly subjects: string;
  readonly subjectOf: (consoleCode: string) => string;
  readonly claimsBucket: string;
  readonly presenceBucket: string;
  readonly snapshotsBucket: string;
}

export function centerNames(centerCode: string, site?: string): CenterNames {
  const prefix = site === undefined ? `nida.${centerCode}.events` : `nida.${centerCode}.sites.${site}.events`;
  return {
    stream: `NIDA_${centerCode}_EVENTS`,
    subjects: `${prefix}.>`,
    subjectOf: (consoleCode) => `${prefix}.${consoleCode}`,
    claimsBucket: `NIDA_${centerCode}_CLAIMS`,
    presenceBucket: `NIDA_${centerCode}_PRESENCE`,
    snapshotsBucket: `NIDA_${centerCode}_SNAPSHOTS`,
  };
}

/** Where a log sources the others' events: the hub from each sub-station, a sub-station from the hub. */
export type CenterTopology =
  | { readonly kind: 'hub'; readonly sites: readonly string[] }
  | { readonly kind: 'site'; readonly site: string; readonly hubDomain: string };

export function topologyOf(config: Pick<CenterLinkConfig, 'site' | 'sites' | 'hubDomain'>): CenterTopology {
  return config.site === undefined
    ? { kind: 'hub', sites: config.sites }
    : { kind: 'site', site: config.site, hubDomain: config.hubDomain };
}

/** The stream sources of a log (JetStream `sources`, across domains by their API prefix). */
export function streamSourcesOf(
  centerCode: string,
  topology: CenterTopology,
): { name: string; filter_subject: string; external: { api: string; deliver: string } }[] {
  const stream = centerNames(centerCode).stream;
  if (topology.kind === 'hub')
    return topology.sites.map((site) => ({
      name: stream,
      // Only the site's own events: the hub's, sourced there, are already here.
      filter_subject: centerNames(centerCode, site).subjects,
      external: { api: `$JS.${site}.API`, deliver: '' },
    }));
  return [
    {
      name: stream,
      // The hub's own consoles' events (roster and reference data among them), not other sites'.
      filter_subject: centerNames(centerCode).subjects,
      external: { api: `$JS.${topology.hubDomain}.API`, deliver: '' },
    },
  ];
}
