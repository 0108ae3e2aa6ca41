import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { jetstreamManager } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import type { CenterPresence } from '../../src-shared/contract/api';
import { ConfigError, loadConfig, withOverrides, type HostConfig } from '../config/config';
import { centerNames, streamSourcesOf, topologyOf } from '../services/center/centerConfig';
import { connectCenter, initCenter, isNotFound, PRESENCE_TTL_MS } from '../services/center/centerConnection';
import { putSnapshot } from '../services/center/centerSnapshots';
import { systemClock } from '../services/runtime/clock';
import { silentLogger } from '../services/runtime/logger';
import { databasePath } from '../services/store/backups';
import { Store } from '../services/store/store';
import { defaultDataDir, packageVersion } from './paths';

/** `--center nats://a:4222,nats://b:4222` → the list (validated with the config's own rule later). */
export function parseUrlList(value: string): string[] {
  const urls = value
    .split(',')
    .map((url) => url.trim())
    .filter((url) => url !== '');
  if (urls.length === 0) throw new InvalidArgumentError('give at least one server URL, e.g. nats://127.0.0.1:4222');
  return urls;
}

interface CenterOptions {
  data?: string;
  servers?: string[];
  json?: boolean;
}

function configOf(options: CenterOptions): { dataDir: string; config: HostConfig } {
  const dataDir = options.data ? resolve(options.data) : defaultDataDir();
  const config = withOverrides(loadConfig(dataDir, packageVersion()), {
    ...(options.servers !== undefined && { centerServers: options.servers }),
  });
  if (config.center.servers.length === 0)
    throw new ConfigError(
      `no center servers: pass --servers nats://HOST:4222[,…] or set center.servers in ${dataDir}/nida.config.json`,
    );
  return { dataDir, config };
}

async function withConnection<T>(
  config: HostConfig,
  dataDir: string,
  work: (nc: NatsConnection) => Promise<T>,
): Promise<T> {
  // A command answers or fails within seconds: no endless reconnecting here.
  const nc = await connectCenter(config.center, dataDir, `nida center ${config.center.code}/${config.consoleCode}`, {
    reconnect: false,
    timeout: 5_000,
  });
  try {
    return await work(nc);
  } finally {
    await nc.close();
  }
}

/** The center's state as `nida center status` prints it. */
export interface CenterReport {
  readonly center: string;
  readonly servers: readonly string[];
  readonly connectedTo: string;
  readonly stream: {
    readonly name: string;
    readonly messages: number;
    readonly bytes: number;
    readonly firstSeq: number;
    readonly lastSeq: number;
    readonly replicas: number;
    readonly leader: string | null;
    readonly duplicateWindowSeconds: number;
  } | null;
  readonly consoles: readonly CenterPresence[];
  /** This console (`--data`): its applied stream sequence, lag and outbox, when its database exists. */
  readonly thisConsole: {
    readonly consoleCode: string;
    readonly appliedSeq: number;
    readonly lag: number;
    readonly outbox: number;
  } | null;
}

/** This console's database, read-only: a running console keeps writing beside it. */
function openConsoleStoreReadOnly(config: HostConfig, path: string): Store {
  return Store.openReadOnly({
    path,
    centerCode: config.center.code,
    consoleCode: config.consoleCode,
    timeZone: config.timeZone,
    clock: systemClock,
    logger: silentLogger(),
  });
}

export async function centerReport(config: HostConfig, dataDir: string): Promise<CenterReport> {
  const names = centerNames(config.center.code, config.center.site);
  return withConnection(config, dataDir, async (nc) => {
    const jsm = await jetstreamManager(nc, { timeout: 5_000 });
    const info = await jsm.streams.info(names.stream).catch((error: unknown) => {
      if (isNotFound(error)) return null;
      throw error;
    });
    const consoles: CenterPresence[] = [];
    if (info) {
      const kv = await new Kvm(nc).open(names.presenceBucket);
      const now = systemClock.now();
      for await (const key of await kv.keys('console.*')) {
        const entry = await kv.get(key);
        if (entry?.operation !== 'PUT') continue;
        const presence = JSON.parse(entry.string()) as Omit<CenterPresence, 'online'>;
        consoles.push({ ...presence, online: now - presence.at < PRESENCE_TTL_MS });
      }
      consoles.sort((a, b) => a.consoleCode.localeCompare(b.consoleCode));
    }
    const path = databasePath(dataDir, config.profile);
    let thisConsole: CenterReport['thisConsole'] = null;
    if (existsSync(path)) {
      const store = openConsoleStoreReadOnly(config, path);
      try {
        const appliedSeq = store.appliedStreamSeq();
        thisConsole = {
          consoleCode: config.consoleCode,
          appliedSeq,
          lag: Math.max(0, (info?.state.last_seq ?? 0) - appliedSeq),
          outbox: store.outboxSize(),
        };
      } finally {
        store.close();
      }
    }
    return {
      center: config.center.code,
      servers: config.center.servers,
      connectedTo: nc.getServer(),
      stream: info
        ? {
            name: names.stream,
            messages: info.state.messages,
            bytes: info.state.bytes,
            firstSeq: info.state.first_seq,
            lastSeq: info.state.last_seq,
            replicas: info.config.num_replicas,
            leader: info.cluster?.leader ?? null,
            duplicateWindowSeconds: Math.round(info.config.duplicate_window / 1e9),
          }
        : null,
      consoles,
      thisConsole,
    };
  });
}

function printReport(report: CenterReport): void {
  const lines = [`Center ${report.center}: connected to ${report.connectedTo} (servers ${report.servers.join(', ')})`];
  if (!report.stream) lines.push('  stream: missing — run `nida center init`');
  else
    lines.push(
      `  stream: ${report.stream.name}, ${String(report.stream.messages)} events (seq ${String(report.stream.firstSeq)}–${String(report.stream.lastSeq)}), ${String(Math.round(report.stream.bytes / 1024))} KiB, replicas ${String(report.stream.replicas)}, leader ${report.stream.leader ?? '—'}, de-duplication window ${String(report.stream.duplicateWindowSeconds)} s`,
    );
  lines.push(`  consoles (${String(report.consoles.length)}):`);
  for (const console of report.consoles)
    lines.push(
      `    ${console.consoleCode}  ${console.online ? 'online ' : 'offline'}  ${console.operator} (${console.role}, ${console.profile})  applied ${String(console.appliedSeq)}  heartbeat ${new Date(console.at).toISOString()}`,
    );
  if (report.thisConsole)
    lines.push(
      `  this console ${report.thisConsole.consoleCode}: applied ${String(report.thisConsole.appliedSeq)}, lag ${String(report.thisConsole.lag)}, outbox ${String(report.thisConsole.outbox)}`,
    );
  process.stdout.write(`${lines.join('\n')}\n`);
}

export function registerCenterCommands(program: Command): void {
  const center = program
    .command('center')
    .description("the center's replicated log on NATS JetStream (docs/center.md)");

  center
    .command('init')
    .description("creates the center's stream and key-value buckets (idempotent)")
    .option('-d, --data <dir>', 'data directory whose nida.config.json names the center (default: as `nida serve`)')
    .option('--servers <urls>', 'NATS servers, comma-separated (over center.servers)', parseUrlList)
    .addOption(
      new Option(
        '--replicas <n>',
        'stream and bucket replicas (default: 3 with three or more servers, else 1)',
      ).choices(['1', '3']),
    )
    .option('--json', 'print one JSON object')
    .action(async (options: CenterOptions & { replicas?: '1' | '3' }) => {
      const { dataDir, config } = configOf(options);
      const replicas = options.replicas
        ? (Number(options.replicas) as 1 | 3)
        : (config.center.replicas ?? (config.center.servers.length >= 3 ? 3 : 1));
      const report = await withConnection(config, dataDir, (nc) =>
        initCenter(nc, centerNames(config.center.code, config.center.site), {
          replicas,
          duplicateWindowSeconds: config.center.duplicateWindowSeconds,
          sources: streamSourcesOf(config.center.code, topologyOf(config.center)),
        }),
      );
      if (options.json)
        process.stdout.write(`${JSON.stringify({ ok: true, center: config.center.code, ...report })}\n`);
      else
        process.stdout.write(
          [
            `Center ${config.center.code}:`,
            `  stream ${report.stream.name}: ${report.stream.created ? 'created' : 'already there'} (replicas ${String(report.stream.replicas)})`,
            ...report.buckets.map(
              (bucket) => `  bucket ${bucket.name}: ${bucket.created ? 'created' : 'already there'}`,
            ),
            '',
          ].join('\n'),
        );
    });

  center
    .command('status')
    .description("the servers, the stream, every console's presence and this console's lag")
    .option('-d, --data <dir>', 'data directory (default: as `nida serve`)')
    .option('--servers <urls>', 'NATS servers, comma-separated (over center.servers)', parseUrlList)
    .option('--json', 'print one JSON object')
    .action(async (options: CenterOptions) => {
      const { dataDir, config } = configOf(options);
      const report = await centerReport(config, dataDir);
      if (options.json) process.stdout.write(`${JSON.stringify(report)}\n`);
      else printReport(report);
      if (!report.stream) process.exitCode = 1;
    });

  center
    .command('snapshot')
    .description(
      'stores this console\'s projections as the center\'s snapshot, from which new or wiped consoles join (docs/center.md, "Joining")',
    )
    .option('-d, --data <dir>', 'data directory of a console of the center (default: as `nida serve`)')
    .option('--servers <urls>', 'NATS servers, comma-separated (over center.servers)', parseUrlList)
    .option('--json', 'print one JSON object')
    .action(async (options: CenterOptions) => {
      const { dataDir, config } = configOf(options);
      const path = databasePath(dataDir, config.profile);
      if (!existsSync(path)) throw new ConfigError(`no database at ${path}: run this at a console of the center`);
      // Read-only: a running console keeps writing; the snapshot is taken in one read transaction.
      const store = openConsoleStoreReadOnly(config, path);
      const started = performance.now();
      let snapshot;
      try {
        snapshot = store.exportSnapshot(config.consoleCode);
      } finally {
        store.close();
      }
      const stored = await withConnection(config, dataDir, (nc) =>
        putSnapshot(nc, centerNames(config.center.code, config.center.site), snapshot),
      );
      const ms = Math.round(performance.now() - started);
      if (options.json) process.stdout.write(`${JSON.stringify({ ok: true, ...stored, ms })}\n`);
      else
        process.stdout.write(
          `Center ${config.center.code}: snapshot at stream ${String(stored.streamSeq)} stored (${String(Math.round(stored.bytes / 1024))} KiB, ${String(ms)} ms)\n`,
        );
    });
}
