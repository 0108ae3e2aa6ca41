import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { CONFIG_FILE_NAME } from '../config/config';
import { DEMO_PORT_PREFIX } from '../services/serial/serialConfig';
import { startUnitSimulator, type RunningSimulator } from '../services/avl/simulator';
import { loadDemoRoster } from '../services/units/demoRoster';
import { seededRandom } from '../../src-shared/domain/random';
import { defaultDataDir } from './paths';
import { serve, type RunningConsole } from './serve';

export interface DemoOptions {
  /** The demo's own data directory (never the live one): config, `demo.db`, logs. */
  readonly dataDir: string;
  readonly units: number;
  /** Fixes per unit per second. */
  readonly rateHz: number;
  readonly port?: number;
  readonly open?: boolean;
  readonly json?: boolean;
}

export interface RunningDemo {
  readonly console: RunningConsole;
  readonly simulator: RunningSimulator;
  stop(): Promise<void>;
}

/** What a fresh demo directory is configured with: the demo profile, a simulated telephony line, an embedded broker. */
export function demoConfig(): Record<string, unknown> {
  return {
    profile: 'demo',
    consoleCode: 'C9',
    operator: { name: 'Demo dispatcher', role: 'shift-lead' },
    serial: {
      ports: [{ id: 'telephony-demo', path: `${DEMO_PORT_PREFIX}ali`, protocol: 'ali', template: 'labelled-15' }],
    },
    demo: { callIntervalSeconds: 30, seed: 911, firstCallAfterSeconds: 5 },
    // A free port: the demo must not collide with a broker already on 1883.
    avl: { embedded: { port: 0 } },
    storage: { durability: 'NORMAL', backupIntervalMinutes: 0 },
  };
}

/**
 * `nida demo`: the whole job working within a minute, on a demo profile with its own database —
 * ~50 units driving around Baghdad over the embedded MQTT broker and a realistic 911 call through
 * the telephony path about every 30 s.
 */
export async function startDemo(options: DemoOptions): Promise<RunningDemo> {
  mkdirSync(options.dataDir, { recursive: true });
  const configPath = join(options.dataDir, CONFIG_FILE_NAME);
  // A center can edit the demo's config afterwards; it is written once.
  if (!existsSync(configPath)) writeFileSync(configPath, `${JSON.stringify(demoConfig(), null, 2)}\n`);

  const running = await serve({
    dataDir: options.dataDir,
    ...(options.port !== undefined && { port: options.port }),
    open: options.open ?? false,
    json: options.json ?? false,
  });
  const { host } = running;
  try {
    if (host.config.profile === 'live')
      throw new Error(`${configPath} names the live profile; a demo never runs on live data`);
    const added = host.units.seedRoster(loadDemoRoster(host.config.resourcesDir), 'demo');
    await host.avl.whenConnected();
    const brokerUrl = host.avl.brokerUrl();
    if (brokerUrl === null) throw new Error('the embedded broker did not start');
    const simulator = await startUnitSimulator({
      brokerUrl,
      count: options.units,
      rateHz: options.rateHz,
      random: seededRandom(host.config.demo.seed),
    });
    if (!options.json)
      process.stdout.write(
        `  demo:  ${String(added)} units added to the roster, ${String(options.units)} driving over ${brokerUrl}; a call about every ${String(host.config.demo.callIntervalSeconds)} s\n`,
      );
    return {
      console: running,
      simulator,
      async stop() {
        await simulator.stop();
        await running.stop();
      },
    };
  } catch (error) {
    await running.stop();
    throw error;
  }
}

function positiveInteger(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1 || parsed > 10_000) throw new InvalidArgumentError('1-10000');
  return parsed;
}

function rate(value: string): number {
  const parsed = Number(value);
  if (!(parsed > 0 && parsed <= 10)) throw new InvalidArgumentError('above 0 and at most 10 Hz');
  return parsed;
}

export function registerDemoCommand(program: Command, parsePort: (value: string) => number): void {
  program
    .command('demo')
    .description('run a demo console: its own database, ~50 simulated units in Baghdad, a realistic call every ~30 s')
    .option('-d, --data <dir>', 'demo data directory (default: <user data>/demo, never the live one)')
    .option('--units <n>', 'simulated units (the demo roster has 50)', positiveInteger, 50)
    .option('--rate <hz>', 'position reports per unit per second', rate, 0.2)
    .option('-p, --port <port>', 'HTTP/WebSocket port (0 picks a free one)', parsePort)
    .option('--open', 'open the console in the default browser')
    .option('--json', 'print one JSON line with the URL and token (for scripts)')
    .action(
      async (options: {
        data?: string;
        units: number;
        rate: number;
        port?: number;
        open?: boolean;
        json?: boolean;
      }) => {
        const demo = await startDemo({
          dataDir: options.data ? resolve(options.data) : join(defaultDataDir(), 'demo'),
          units: options.units,
          rateHz: options.rate,
          ...(options.port !== undefined && { port: options.port }),
          open: options.open ?? false,
          json: options.json ?? false,
        });
        await new Promise<void>((done) => {
          const shutdown = (): void => {
            process.off('SIGINT', shutdown);
            process.off('SIGTERM', shutdown);
            void demo.stop().then(done);
          };
          process.on('SIGINT', shutdown);
          process.on('SIGTERM', shutdown);
        });
      },
    );
}
