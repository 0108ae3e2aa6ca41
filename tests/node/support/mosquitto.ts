// Debian's mosquitto, started by a test with its own config file (loopback, a free port,
// persistence on, everything in a temp dir), so tests can stop and restart the real broker.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createConnection, createServer, type AddressInfo } from 'node:net';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { prerequisite, type Prerequisite } from '../../support/prerequisites';

export const MOSQUITTO_BINARY = '/usr/sbin/mosquitto';

/** Why mosquitto cannot run here, or null when it can. */
export function mosquittoMissing(): string | null {
  if (!existsSync(MOSQUITTO_BINARY)) return `${MOSQUITTO_BINARY} is not installed (apt-get install mosquitto)`;
  const probe = spawnSync(MOSQUITTO_BINARY, ['-h'], { encoding: 'utf8' });
  return probe.error ? `${MOSQUITTO_BINARY} does not run: ${probe.error.message}` : null;
}

/** Debian's mosquitto, for the tests that run against a real external broker. */
export function mosquitto(): Prerequisite {
  return prerequisite("Debian's mosquitto", mosquittoMissing());
}

/** A port the OS says is free on 127.0.0.1 right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export interface MosquittoOptions {
  /** Extra lines for mosquitto.conf. */
  readonly extraConfig?: readonly string[];
}

export interface Mosquitto {
  readonly port: number;
  readonly url: string;
  readonly directory: string;
  readonly running: () => boolean;
  /** Starts the broker again on the same port with the same persistence file. */
  start(): Promise<void>;
  /** SIGTERM, so mosquitto writes its persistence file (sessions, queued QoS 1 messages), then waits for exit. */
  stop(): Promise<void>;
  /** The broker's log so far (for failure messages). */
  log(): string;
}

/** Starts mosquitto in `directory` (a temp dir the caller removes). Stop it in afterEach. */
export async function startMosquitto(directory: string, options: MosquittoOptions = {}): Promise<Mosquitto> {
  const port = await freePort();
  const configPath = join(directory, 'mosquitto.conf');
  const logPath = join(directory, 'mosquitto.log');
  writeFileSync(
    configPath,
    [
      `listener ${String(port)} 127.0.0.1`,
      'allow_anonymous true',
      // Run as root, mosquitto drops to the `mosquitto` user, which cannot write our temp dir.
      `user ${userInfo().username}`,
      'persistence true',
      `persistence_location ${directory}/`,
      'persistence_file mosquitto.db',
      // Queue without limit while a persistent-session subscriber is away or slow (defaults drop beyond 1000).
      'max_queued_messages 0',
      'max_inflight_messages 0',
      `log_dest file ${logPath}`,
      'log_type error',
      'log_type warning',
      'log_type notice',
      'log_type information',
      ...(options.extraConfig ?? []),
      '',
    ].join('\n'),
  );
  let child: ChildProcess | null = null;

  const start = async (): Promise<void> => {
    if (child) return;
    const started = spawn(MOSQUITTO_BINARY, ['-c', configPath], { stdio: 'ignore' });
    child = started;
    started.once('exit', () => {
      if (child === started) child = null;
    });
    const deadline = Date.now() + 10_000;
    while (!(await canConnect(port))) {
      if (child !== started) throw new Error(`mosquitto exited at start:\n${log()}`);
      if (Date.now() > deadline) throw new Error(`mosquitto did not listen on ${String(port)}:\n${log()}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };

  const stop = async (): Promise<void> => {
    const running = child;
    if (!running) return;
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    running.kill('SIGTERM');
    const timer = setTimeout(() => running.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
    child = null;
  };

  const log = (): string => (existsSync(logPath) ? readFileSync(logPath, 'utf8') : '(no log)');

  await start();
  return { port, url: `mqtt://127.0.0.1:${String(port)}`, directory, running: () => child !== null, start, stop, log };
}
