import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CallContext } from '../../src-shared/contract/api';
import type { DrillState } from '../../src-shared/domain/drill/drillRun';
import type { Taxonomy } from '../../src-shared/domain/taxonomy';
import { formatDrillTime } from '../../src-shared/domain/drill/schedule';
import { CONFIG_FILE_NAME, loadConfig } from '../config/config';
import { createHost, type Host } from '../host/createHost';
import { startConsoleAutopilot, type AutopilotMode, type DrillAutopilot } from '../services/drill/drillAutopilot';
import { readScenarioFile } from '../services/drill/scenarioFile';
import { demoOperators, seedDemoOperators } from '../services/operators/demoOperators';
import { DRILL_PORT_PATH } from '../services/serial/serialConfig';
import { loadDemoRoster } from '../services/units/demoRoster';

/**
 * `nida drill run FILE`: a drill on a drill console of its own (the `drill` profile and its own
 * database in the data directory; a directory whose configuration names another profile is refused),
 * started by the trainer, optionally worked by the autopilot trainee, run to its end at the chosen
 * speed in real time. Prints each inject's states and what the console could not deliver.
 */

export interface DrillRunOptions {
  readonly dataDir: string;
  readonly scenarioPath: string;
  readonly speed: number;
  readonly autopilot: AutopilotMode | null;
  readonly json: boolean;
  readonly version: string;
  readonly write: (text: string) => void;
}

export class DrillRunRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DrillRunRefusedError';
  }
}

/** A fresh drill directory's configuration: the drill profile, its scripted lines, an embedded broker. */
export function drillConfig(): Record<string, unknown> {
  return {
    profile: 'drill',
    serial: {
      ports: [
        { id: 'telephony-drill', path: DRILL_PORT_PATH, protocol: 'ali', template: 'labelled-15' },
        { id: 'radio-drill', path: DRILL_PORT_PATH, protocol: 'radio' },
      ],
    },
    avl: { embedded: { port: 0 } },
  };
}

/** How often the run looks at the clock (the drill service keeps exact time with its own timer). */
const STEP_MS = 50;

/** The trainer's window and the autopilot trainee's, as windows of this process signed in as demo operators. */
const TRAINER: CallContext = { clientId: 'drill-run-trainer', transport: 'ipc', actor: 'trainer' };
const TRAINEE: CallContext = { clientId: 'drill-run-autopilot', transport: 'ipc', actor: 'dispatcher' };

async function signIn(host: Host, context: CallContext, operatorId: string): Promise<void> {
  const password = demoOperators.find((operator) => operator.definition.id === operatorId)?.password;
  const result = await host.dispatch('session.signIn', { operatorId, password }, context);
  if (!result.ok) throw new Error(`${operatorId} could not sign in: ${result.error.message}`);
}

async function call<T>(host: Host, channel: string, args: unknown, context: CallContext): Promise<T> {
  const result = await host.dispatch(channel, args, context);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value as T;
}

export async function runDrill(options: DrillRunOptions): Promise<DrillState> {
  mkdirSync(options.dataDir, { recursive: true });
  const configPath = join(options.dataDir, CONFIG_FILE_NAME);
  if (!existsSync(configPath)) writeFileSync(configPath, `${JSON.stringify(drillConfig(), null, 2)}\n`);
  const config = loadConfig(options.dataDir, options.version);
  if (config.profile !== 'drill')
    throw new DrillRunRefusedError(
      `${configPath} names the ${config.profile} profile; a drill runs only on the drill profile (give --data a drill directory)`,
    );
  const host = createHost(config);
  try {
    await seedDemoOperators(host.operators);
    host.units.seedRoster(loadDemoRoster(host.config.resourcesDir), 'drill');
    await signIn(host, TRAINER, 'trainer');
    const taxonomy = await call<Taxonomy>(host, 'taxonomy.get', {}, TRAINER);
    const read = readScenarioFile(options.scenarioPath, { taxonomy, resourcesDir: host.config.resourcesDir });
    if (!read.ok)
      throw new DrillRunRefusedError(
        `${options.scenarioPath}: ${read.errors.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`,
      );
    // The scenario may live anywhere: the console loads it from its own drills folder.
    const drills = join(options.dataDir, 'drills');
    mkdirSync(drills, { recursive: true });
    const file = `${read.scenario.id}.drill.json`;
    writeFileSync(join(drills, file), `${JSON.stringify(read.scenario, null, 2)}\n`);

    let autopilot: DrillAutopilot | null = null;
    if (options.autopilot !== null) {
      await signIn(host, TRAINEE, 'dispatcher');
      autopilot = startConsoleAutopilot(host, {
        scenario: read.scenario,
        taxonomy,
        mode: options.autopilot,
        context: TRAINEE,
        onProblem: (text) => host.logger.warn({ problem: text }, 'autopilot action refused'),
      });
    }
    await waitForDrillLines(host);
    await call(host, 'drill.load', { file }, TRAINER);
    await call(host, 'drill.start', { speed: options.speed }, TRAINER);
    if (!options.json)
      options.write(
        `drill ${read.scenario.id}: ${read.scenario.title.ar} — ×${String(options.speed)}, ${formatDrillTime(read.scenario.durationSeconds)} of drill time${options.autopilot ? `, autopilot ${options.autopilot}` : ''}\n`,
      );
    while (host.drill.state()?.status !== 'ended') {
      await new Promise((resolve) => setTimeout(resolve, STEP_MS));
      host.drill.tick();
      await autopilot?.tick();
    }
    autopilot?.stop();
    const state = host.drill.state();
    if (!state) throw new Error('the drill disappeared');
    options.write(options.json ? `${JSON.stringify(state)}\n` : summary(state));
    return state;
  } finally {
    await host.dispose();
  }
}

/** The drill lines open asynchronously (as any serial port): the run starts once both are up. */
async function waitForDrillLines(host: Host): Promise<void> {
  const deadline = Date.now() + 10_000;
  const up = (): boolean =>
    host.links.list().filter((link) => link.kind === 'serial' && link.state === 'up').length >= 2;
  while (!up()) {
    if (Date.now() > deadline) throw new Error('the drill lines did not open');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function summary(state: DrillState): string {
  const lines = state.injects.map((row) => {
    const states = Object.entries(row.states)
      .sort(([, a], [, b]) => a - b)
      .map(([name, seconds]) => `${name} ${formatDrillTime(Math.round(seconds))}`)
      .join(', ');
    return `  ${row.id.padEnd(20)} ${row.status.padEnd(10)} ${states}`;
  });
  const notices = state.notices.map(
    (notice) => `  ${formatDrillTime(Math.round(notice.seconds))} ${notice.injectId}: ${notice.text}`,
  );
  return [
    `ended at ${formatDrillTime(Math.round(state.seconds))} (paused ${String(Math.round(state.pausedMs / 1000))} s)`,
    'injects:',
    ...lines,
    ...(notices.length > 0 ? ['notices:', ...notices] : []),
    '',
  ].join('\n');
}
