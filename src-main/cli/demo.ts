import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { CONFIG_FILE_NAME } from '../config/config';
import { DEMO_PORT_PREFIX } from '../services/serial/serialConfig';
import { followConsole, startDemoFleet, type RunningDemoFleet } from '../services/demo/demoFleetRunner';
import type { DemoFleetUnit } from '../services/demo/demoFleet';
import { loadDemoRoster } from '../services/units/demoRoster';
import type { IncidentDetail } from '../../src-shared/contract/api';
import { seededRandom } from '../../src-shared/domain/random';
import type { UnitRecord } from '../../src-shared/domain/unit';
import { defaultDataDir } from './paths';
import { serve, type RunningConsole } from './serve';

export interface DemoOptions {
  /** The demo's own data directory (never the live one): config, `demo.db`, logs. */
  readonly dataDir: string;
  /** How many roster units the demo drives (the first ones with a tracker). */
  readonly units: number;
  /** Fixes per unit per second while parked (a moving unit reports at least every 3 s). */
  readonly rateHz: number;
  readonly port?: number;
  readonly open?: boolean;
  readonly json?: boolean;
}

export interface RunningDemo {
  readonly console: RunningConsole;
  readonly fleet: RunningDemoFleet;
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
    // One call every 2–3 minutes: what one dispatcher can take, dispatch and follow.
    demo: { callIntervalSeconds: 150, seed: 911, firstCallAfterSeconds: 5 },
    // A free port: the demo must not collide with a broker already on 1883.
    avl: { embedded: { port: 0 } },
    storage: { durability: 'NORMAL', backupIntervalMinutes: 0 },
  };
}

/**
 * `nida demo`: the whole job working within a minute, on a demo profile with its own database —
 * ~50 units at their stations reporting over the embedded MQTT broker, a realistic 911 call through
 * the telephony path every 2–3 minutes, and crews that drive to what they are dispatched to and
 * report their statuses from their MDTs until they clear and return.
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
    const trackers = host.avl.trackerAccount();
    if (brokerUrl === null || trackers === null) throw new Error('the embedded broker did not start');
    const fleet = await startDemoFleet({
      brokerUrl,
      credentials: { username: trackers.username, password: trackers.password },
      units: fleetUnits(host.units.list(), options.units),
      random: seededRandom(host.config.demo.seed),
      now: () => host.clock.now(),
      fleet: {
        onSceneMinutes: host.config.demo.onSceneMinutes,
        atHospitalMinutes: host.config.demo.atHospitalMinutes,
        reportEverySeconds: 1 / options.rateHz,
      },
    });
    const unfollow = followConsole(
      {
        subscribe: (listener) => host.subscribe(listener),
        units: () => host.units.list(),
        incident: async (id) => {
          const result = await host.dispatch('incident.get', { id }, DEMO_CONTEXT);
          return result.ok ? (result.value as IncidentDetail).incident : null;
        },
        warn: (context, message) => host.logger.warn(context, message),
      },
      fleet,
    );
    if (!options.json)
      process.stdout.write(
        `  demo:  ${String(added)} units added to the roster, ${String(options.units)} reporting over ${brokerUrl}; a call about every ${String(host.config.demo.callIntervalSeconds)} s\n`,
      );
    return {
      console: running,
      fleet,
      async stop() {
        unfollow();
        await fleet.stop();
        await running.stop();
      },
    };
  } catch (error) {
    await running.stop();
    throw error;
  }
}

/** The first `count` roster units that carry a tracker, as the fleet drives them. */
const DEMO_CONTEXT = { clientId: 'demo-fleet', transport: 'internal', actor: 'demo' } as const;

function fleetUnits(roster: readonly UnitRecord[], count: number): DemoFleetUnit[] {
  return roster
    .filter((unit) => unit.deviceId !== null)
    .slice(0, count)
    .map((unit) => ({
      id: unit.id,
      agency: unit.agency,
      kind: unit.kind,
      deviceId: unit.deviceId as string,
      home: unit.home ?? null,
    }));
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
    .description(
      'run a demo console: its own database, ~50 simulated crews in Baghdad that answer dispatches, a realistic call every 2–3 minutes',
    )
    .option('-d, --data <dir>', 'demo data directory (default: <user data>/demo, never the live one)')
    .option('--units <n>', 'simulated units (the demo roster has 50)', positiveInteger, 50)
    .option(
      '--rate <hz>',
      'position reports per parked unit per second (moving ones report every 3 s or faster)',
      rate,
      0.2,
    )
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
