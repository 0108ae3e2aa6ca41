// Debian's nats-server, started by a test or a benchmark with its own config file (loopback, free
// ports, JetStream storage in a directory of the caller's), alone or as a three-server cluster, and
// stopped, paused (SIGSTOP) or killed by PID: partitions and crashes made for real.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';

export const NATS_SERVER_BINARY = existsSync('/usr/sbin/nats-server')
  ? '/usr/sbin/nats-server'
  : '/usr/bin/nats-server';

/** Why nats-server cannot run here, or null when it can. */
export function natsServerMissing(): string | null {
  if (!existsSync(NATS_SERVER_BINARY)) return `${NATS_SERVER_BINARY} is not installed (apt-get install nats-server)`;
  const probe = spawnSync(NATS_SERVER_BINARY, ['--version'], { encoding: 'utf8' });
  return probe.error ? `${NATS_SERVER_BINARY} does not run: ${probe.error.message}` : null;
}

/** A port the OS says is free on 127.0.0.1 right now. */
export async function freeLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface NatsServerOptions {
  /** Unique within a cluster; also the JetStream storage sub-directory. */
  readonly name?: string;
  readonly clusterName?: string;
  /** Route ports of the other servers of the cluster. */
  readonly routes?: readonly number[];
  /** This server's own route port (cluster members only). */
  readonly clusterPort?: number;
  readonly port?: number;
  /** An MQTT 3.1.1 listener on this port (needs JetStream, and a server_name). */
  readonly mqttPort?: number;
  /** Extra lines for the config file (accounts, authorization, leafnodes…). */
  readonly extraConfig?: readonly string[];
  /** JetStream domain (sub-station leaf nodes). */
  readonly jetstreamDomain?: string;
}

export interface NatsServer {
  readonly name: string;
  readonly port: number;
  readonly url: string;
  /** The monitoring port (`/healthz`, `/jsz`, `/varz`). */
  readonly monitorPort: number;
  readonly clusterPort: number | null;
  readonly mqttPort: number | null;
  readonly directory: string;
  pid(): number | null;
  running(): boolean;
  /** Starts the server again with the same ports and storage. */
  start(): Promise<void>;
  /** SIGTERM (a clean shutdown), then waits for the exit. */
  stop(): Promise<void>;
  /** SIGKILL: a crash. */
  kill(): Promise<void>;
  /** SIGSTOP: the process is there, answers nothing (a hung server, a partition). */
  pause(): void;
  /** SIGCONT after `pause`. */
  resume(): void;
  log(): string;
}

const READY_TIMEOUT_MS = 20_000;

async function healthy(monitorPort: number): Promise<boolean> {
  try {
    const response = await fetch(`http://127.0.0.1:${String(monitorPort)}/healthz`);
    return response.ok;
  } catch {
    return false;
  }
}

/** Starts one nats-server in `directory` (a temp dir the caller removes). Stop it after the test. */
export async function startNatsServer(directory: string, options: NatsServerOptions = {}): Promise<NatsServer> {
  const name = options.name ?? 'n1';
  const home = join(directory, name);
  mkdirSync(home, { recursive: true });
  const configPath = join(home, 'nats-server.conf');
  const logPath = join(home, 'nats-server.log');
  // Ports chosen here can be taken by another process between the probe and nats-server's bind:
  // the first start then tries again with fresh ones (never for ports the caller fixed).
  let port = options.port ?? (await freeLoopbackPort());
  let monitorPort = await freeLoopbackPort();
  const writeConfig = (): void => {
    const lines = [
      `server_name: ${name}`,
      `listen: 127.0.0.1:${String(port)}`,
      `http: 127.0.0.1:${String(monitorPort)}`,
      `log_file: "${logPath}"`,
      'jetstream {',
      `  store_dir: "${join(home, 'jetstream')}"`,
      '  max_memory_store: 64MB',
      '  max_file_store: 2GB',
      ...(options.jetstreamDomain ? [`  domain: ${options.jetstreamDomain}`] : []),
      '}',
    ];
    if (options.clusterPort !== undefined) {
      lines.push(
        'cluster {',
        `  name: ${options.clusterName ?? 'nida'}`,
        `  listen: 127.0.0.1:${String(options.clusterPort)}`,
        `  routes: [${(options.routes ?? []).map((route) => `nats-route://127.0.0.1:${String(route)}`).join(', ')}]`,
        '}',
      );
    }
    if (options.mqttPort !== undefined) lines.push('mqtt {', `  listen: 127.0.0.1:${String(options.mqttPort)}`, '}');
    lines.push(...(options.extraConfig ?? []), '');
    writeFileSync(configPath, lines.join('\n'));
  };
  writeConfig();

  // Held in an object: the closures below change it, which a `let` would hide from the type checker.
  const process_: { child: ChildProcess | null } = { child: null };
  let exited: Promise<void> = Promise.resolve();

  const launch = async (): Promise<void> => {
    const started = spawn(NATS_SERVER_BINARY, ['-c', configPath], { stdio: 'ignore' });
    process_.child = started;
    exited = new Promise((resolve) => started.once('exit', () => resolve()));
    started.once('exit', () => {
      if (process_.child === started) process_.child = null;
    });
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (!(await healthy(monitorPort))) {
      if (started.exitCode !== null || started.signalCode !== null)
        throw new Error(`nats-server ${name} exited at start:\n${readLog()}`);
      if (Date.now() > deadline)
        throw new Error(`nats-server ${name} not healthy after ${String(READY_TIMEOUT_MS)} ms:\n${readLog()}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const readLog = (): string => (existsSync(logPath) ? readFileSync(logPath, 'utf8').slice(-4000) : '(no log)');
  const signal = async (name: NodeJS.Signals): Promise<void> => {
    const running = process_.child;
    if (!running) return;
    running.kill('SIGCONT');
    running.kill(name);
    await exited;
  };

  for (let attempt = 1; ; attempt += 1) {
    try {
      await launch();
      break;
    } catch (error) {
      const portTaken = error instanceof Error && error.message.includes('address already in use');
      const takenByCaller =
        options.clusterPort !== undefined &&
        error instanceof Error &&
        error.message.includes(`:${String(options.clusterPort)}`);
      if (!portTaken || takenByCaller || attempt === 3) throw error;
      port = options.port ?? (await freeLoopbackPort());
      monitorPort = await freeLoopbackPort();
      writeConfig();
      writeFileSync(logPath, '');
    }
  }
  return {
    name,
    port,
    url: `nats://127.0.0.1:${String(port)}`,
    monitorPort,
    clusterPort: options.clusterPort ?? null,
    mqttPort: options.mqttPort ?? null,
    directory: home,
    pid: () => process_.child?.pid ?? null,
    running: () => process_.child !== null,
    start: launch,
    stop: () => signal('SIGTERM'),
    kill: () => signal('SIGKILL'),
    pause: () => {
      process_.child?.kill('SIGSTOP');
    },
    resume: () => {
      process_.child?.kill('SIGCONT');
    },
    log: readLog,
  };
}

export interface NatsCluster {
  readonly servers: readonly NatsServer[];
  /** Every server's client URL (what a console's `center.servers` lists). */
  readonly urls: readonly string[];
  stop(): Promise<void>;
}

/**
 * Three servers routed to each other on loopback, each with its own storage: a center's cluster.
 * Resolves once JetStream has a meta leader (streams can be created).
 */
export async function startNatsCluster(directory: string, size = 3): Promise<NatsCluster> {
  const clusterPorts = await Promise.all(Array.from({ length: size }, () => freeLoopbackPort()));
  const servers = await Promise.all(
    clusterPorts.map((clusterPort, index) =>
      startNatsServer(directory, {
        name: `n${String(index + 1)}`,
        clusterPort,
        routes: clusterPorts.filter((other) => other !== clusterPort),
      }),
    ),
  );
  await waitForMetaLeader(servers);
  return {
    servers,
    urls: servers.map((server) => server.url),
    stop: async () => {
      await Promise.all(servers.map((server) => server.stop()));
    },
  };
}

/** Waits until one server of the cluster reports a JetStream meta leader and every peer current. */
export async function waitForMetaLeader(servers: readonly NatsServer[], timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const server of servers) {
      if (!server.running()) continue;
      try {
        const response = await fetch(`http://127.0.0.1:${String(server.monitorPort)}/jsz`);
        const body = (await response.json()) as {
          meta_cluster?: {
            leader?: string;
            cluster_size?: number;
            replicas?: { current: boolean; offline?: boolean }[];
          };
        };
        const meta = body.meta_cluster;
        const replicas = meta?.replicas ?? [];
        // A leader, and every other server a current, online peer: streams can be placed on all three.
        if (
          meta?.leader &&
          replicas.length === servers.length - 1 &&
          replicas.every((replica) => replica.current && replica.offline !== true)
        )
          return;
      } catch {
        // Not answering yet.
      }
    }
    if (Date.now() > deadline) throw new Error('the NATS cluster elected no JetStream meta leader in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
