import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Command, CommanderError } from 'commander';
import {
  formatDrillTime,
  inTimeOrder,
  resolveSchedule,
  type ScheduleEntry,
} from '../../src-shared/domain/drill/schedule';
import type { Inject, Scenario } from '../../src-shared/domain/drill/scenario';
import type { Taxonomy } from '../../src-shared/domain/taxonomy';
import { resourcesDir } from '../config/appPaths';
import { readDrillReport } from '../services/drill/drillReportReader';
import { readMselFile, readScenarioFile } from '../services/drill/scenarioFile';
import { databasePath } from '../services/store/backups';
import { openDrillRecordsFile } from '../services/store/drillRecords';
import { loadTaxonomy } from '../services/taxonomy/taxonomyService';
import { DRILL_SPEED_MAX, DRILL_SPEED_MIN } from '../../src-shared/domain/drill/drillClock';
import { autopilotModes, type AutopilotMode } from '../services/drill/drillAutopilot';
import { drillReportText } from './drillReportText';
import { DrillRunRefusedError, runDrill } from './drillRun';
import { defaultDataDir, packageVersion } from './paths';

/**
 * `nida drill …`: drills for trainers (docs/drills.md). `nida drill check FILE` validates a
 * scenario (`.drill.json`) or an MSEL sheet (`.csv`) and prints its summary or every problem with
 * its path or line; `nida drill report RUN` prints a run's report from the drill database.
 *
 * Exit codes: 0 valid, 1 invalid (each problem printed), 2 usage.
 */

interface CheckOptions {
  readonly json?: boolean;
  readonly scenario?: string;
  readonly data?: string;
}

/** One inject as the summary lists it. */
interface InjectLine {
  readonly id: string;
  readonly kind: Inject['kind'];
  readonly seat: string | null;
  /** Seconds from start when known from the script; `null` for manual and waiting injects. */
  readonly atSeconds: number | null;
  /** `at 0:00:10`, `after call-1 answered +0:00:30` or `manual`. */
  readonly when: string;
  /** A contingency's condition (`if not dispatched: call-2`), or `null`. */
  readonly condition: string | null;
  readonly summary: string | null;
}

/** The center's taxonomy when its data directory is given, the shipped one otherwise. */
function taxonomyFor(dataDir: string | undefined): Taxonomy {
  const resources = resourcesDir();
  // Without a data directory, the shipped file is the only candidate.
  return loadTaxonomy(dataDir === undefined ? join(resources, 'taxonomy') : resolve(dataDir), resources).taxonomy;
}

function whenOf(inject: Inject, entry: ScheduleEntry): string {
  if (inject.after !== undefined) {
    return `after ${inject.after.inject} ${inject.after.state} +${formatDrillTime(inject.after.delaySeconds)}`;
  }
  return entry.status === 'scheduled' ? `at ${formatDrillTime(entry.atSeconds)}` : 'manual';
}

function conditionOf(inject: Inject): string | null {
  if (inject.if === undefined) return null;
  if ('notDone' in inject.if) return `if not ${inject.if.notDone.state}: ${inject.if.notDone.inject}`;
  const { rule, inject: target } = inject.if.ruleFailed;
  return `if rule ${rule} failed${target === undefined ? '' : `: ${target}`}`;
}

function injectLines(injects: readonly Inject[]): InjectLine[] {
  const schedule = resolveSchedule(injects);
  if (!schedule.ok) return [];
  const byId = new Map(injects.map((inject) => [inject.id, inject]));
  return inTimeOrder(schedule.entries).flatMap((entry) => {
    const inject = byId.get(entry.id);
    if (inject === undefined) return [];
    return [
      {
        id: inject.id,
        kind: inject.kind,
        seat: inject.seat ?? null,
        atSeconds: entry.status === 'scheduled' ? entry.atSeconds : null,
        when: whenOf(inject, entry),
        condition: conditionOf(inject),
        summary: inject.summary ?? null,
      },
    ];
  });
}

function injectTable(lines: readonly InjectLine[]): string[] {
  return lines.map((line) => {
    const time = line.atSeconds === null ? '   —   ' : formatDrillTime(line.atSeconds).padStart(7);
    const details = [line.summary, line.when.startsWith('at ') ? null : line.when, line.condition];
    const text = details.filter((detail) => detail !== null).join(' · ');
    return `  ${time}  ${line.id.padEnd(20)} ${line.kind.padEnd(7)} ${(line.seat ?? '—').padEnd(18)} ${text}`;
  });
}

function scenarioSummary(scenario: Scenario, lines: readonly InjectLine[]): string[] {
  return [
    scenario.title.ar,
    scenario.title.en,
    `${scenario.id} v${String(scenario.version)} · ${scenario.level} · seed ${String(scenario.seed)} · ${formatDrillTime(scenario.durationSeconds)} (${String(scenario.durationSeconds)} s)`,
    `seats: ${scenario.seats.map((seat) => `${seat.id} (${seat.role})`).join(', ')}`,
    `objectives: ${scenario.objectives.map((objective) => `${objective.id} [${objective.standard}]`).join(', ')}`,
    `injects (${String(lines.length)}), in time order:`,
    ...injectTable(lines),
  ];
}

function checkScenarioFile(file: string, options: CheckOptions, taxonomy: Taxonomy): void {
  const result = readScenarioFile(file, { taxonomy, resourcesDir: resourcesDir() });
  if (!result.ok) {
    if (options.json) process.stdout.write(`${JSON.stringify({ ok: false, file, errors: result.errors })}\n`);
    else
      process.stderr.write(
        `${file}: ${String(result.errors.length)} problem(s)\n${result.errors.map((error) => `  ${error.path}: ${error.message}\n`).join('')}`,
      );
    process.exitCode = 1;
    return;
  }
  const { scenario } = result;
  const lines = injectLines(scenario.injects);
  if (options.json) {
    process.stdout.write(
      `${JSON.stringify({
        ok: true,
        file,
        format: 'scenario',
        id: scenario.id,
        version: scenario.version,
        title: scenario.title,
        level: scenario.level,
        seed: scenario.seed,
        durationSeconds: scenario.durationSeconds,
        seats: scenario.seats,
        objectives: scenario.objectives.map((objective) => ({ id: objective.id, standard: objective.standard })),
        injects: lines,
      })}\n`,
    );
    return;
  }
  process.stdout.write(`${scenarioSummary(scenario, lines).join('\n')}\n`);
}

function checkMselFile(file: string, options: CheckOptions, taxonomy: Taxonomy): void {
  const context = { taxonomy, resourcesDir: resourcesDir() };
  let base: Parameters<typeof readMselFile>[1]['scenario'];
  if (options.scenario !== undefined) {
    const scenario = readScenarioFile(resolve(options.scenario), context);
    if (!scenario.ok) {
      const errors = scenario.errors.map((error) => `${options.scenario ?? ''}: ${error.path}: ${error.message}`);
      if (options.json)
        process.stdout.write(`${JSON.stringify({ ok: false, file: options.scenario, errors: scenario.errors })}\n`);
      else process.stderr.write(`${errors.join('\n')}\n`);
      process.exitCode = 1;
      return;
    }
    base = scenario;
  }
  const result = readMselFile(file, { ...context, ...(base !== undefined && { scenario: base }) });
  if (!result.ok) {
    if (options.json) process.stdout.write(`${JSON.stringify({ ok: false, file, errors: result.errors })}\n`);
    else
      process.stderr.write(
        `${file}: ${String(result.errors.length)} problem(s), nothing imported\n${result.errors.map((error) => `  line ${String(error.line)}: ${error.message}\n`).join('')}`,
      );
    process.exitCode = 1;
    return;
  }
  const lines = injectLines(result.injects);
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ ok: true, file, format: 'msel', injects: lines })}\n`);
    return;
  }
  const seatsNote = base === undefined ? ' (seats and units not checked: give --scenario)' : '';
  process.stdout.write(
    `MSEL ${file}: ${String(lines.length)} injects, in time order${seatsNote}\n${injectTable(lines).join('\n')}\n`,
  );
}

interface RunOptions {
  readonly speed: string;
  readonly autopilot?: string;
  readonly data?: string;
  readonly json?: boolean;
}

/** Registers `nida drill …` on the program. */
export function registerDrillCommands(program: Command): void {
  const drill = program
    .command('drill')
    .description('drills for trainers: check a scenario or an MSEL sheet (docs/drills.md)')
    // Usage errors exit 2 (invalid files are 1); help exits 0. main() turns the error into the exit code.
    .exitOverride((error) => {
      throw new CommanderError(error.exitCode === 0 ? 0 : 2, error.code, error.message);
    });

  drill
    .command('check <file>')
    .description('validate a scenario (.drill.json) or an MSEL sheet (.csv); print its summary or each problem')
    .option('--json', 'print the summary or the problems as one JSON object')
    .option('--scenario <file>', 'for an MSEL sheet: check its seats and units against this .drill.json')
    .option('-d, --data <dir>', "use the center's taxonomy (its data directory) instead of the shipped one")
    .action((file: string, options: CheckOptions, command: Command) => {
      const path = resolve(file);
      const isScenario = /\.drill\.json$/i.test(file);
      const isMsel = /\.csv$/i.test(file);
      if (!isScenario && !isMsel) command.error('FILE must be a scenario (….drill.json) or an MSEL sheet (….csv)');
      if (isScenario && options.scenario !== undefined) command.error('--scenario is for an MSEL sheet (.csv)');
      const taxonomy = taxonomyFor(options.data);
      if (isScenario) checkScenarioFile(path, options, taxonomy);
      else checkMselFile(path, options, taxonomy);
    });

  drill
    .command('run <file>')
    .description('run a scenario on a drill console of its own, optionally worked by the autopilot trainee')
    .option('--speed <n>', 'drill speed, ×0.5 to ×4', '1')
    .option('--autopilot <mode>', `a trainee that works the drill: ${autopilotModes.join(', ')}`)
    .option('-d, --data <dir>', 'the drill data directory (default: <user data>/drill, never the live one)')
    .option('--json', 'print the final state as one JSON object')
    .action(async (file: string, options: RunOptions, command: Command) => {
      const speed = Number(options.speed);
      if (!Number.isFinite(speed) || speed < DRILL_SPEED_MIN || speed > DRILL_SPEED_MAX)
        command.error(`--speed must be between ${String(DRILL_SPEED_MIN)} and ${String(DRILL_SPEED_MAX)}`);
      const autopilot = options.autopilot ?? null;
      if (autopilot !== null && !(autopilotModes as readonly string[]).includes(autopilot))
        command.error(`--autopilot must be one of ${autopilotModes.join(', ')}`);
      try {
        await runDrill({
          dataDir: options.data ? resolve(options.data) : join(defaultDataDir(), 'drill'),
          scenarioPath: resolve(file),
          speed,
          autopilot: autopilot as AutopilotMode | null,
          json: options.json ?? false,
          version: packageVersion(),
          write: (text) => process.stdout.write(text),
        });
      } catch (error) {
        if (!(error instanceof DrillRunRefusedError)) throw error;
        process.stderr.write(`${error.message}\n`);
        process.exitCode = 1;
      }
    });
  registerReportCommand(drill);
}

interface ReportOptions {
  readonly json?: boolean;
  readonly data?: string;
}

/**
 * `nida drill report RUN`: a run's report from the drill database (`<data>/drill.db`), opened
 * read-only. RUN is the run's id (the audit seq of its `drill.loaded` row) or `latest`.
 * Exit codes: 0 printed, 1 no database, run or scenario, 2 usage.
 */
function registerReportCommand(drill: Command): void {
  drill
    .command('report <run>')
    .description('print a drill run’s report per seat (RUN: the run id, or latest); read-only')
    .option('--json', 'print the report as one JSON object')
    .option('-d, --data <dir>', 'the data directory (default: this workstation’s)')
    .action((runArg: string, options: ReportOptions, command: Command) => {
      const ref = runArg === 'latest' ? 'latest' : /^[1-9][0-9]{0,15}$/.test(runArg) ? Number(runArg) : null;
      if (ref === null) command.error('RUN must be a run id (a whole number) or "latest"');
      else printDrillReport(ref, options);
    });
}

function printDrillReport(ref: number | 'latest', options: ReportOptions): void {
  const dataDir = options.data !== undefined ? resolve(options.data) : defaultDataDir();
  const path = databasePath(dataDir, 'drill');
  const failed = (message: string): void => {
    if (options.json) process.stdout.write(`${JSON.stringify({ ok: false, error: message })}\n`);
    else process.stderr.write(`nida: ${message}\n`);
    process.exitCode = 1;
  };
  if (!existsSync(path)) {
    failed(`there is no drill database at ${path}`);
    return;
  }
  let opened: ReturnType<typeof openDrillRecordsFile>;
  try {
    opened = openDrillRecordsFile(path);
  } catch (error) {
    failed(`cannot open ${path}: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  try {
    const resources = resourcesDir();
    const taxonomy = loadTaxonomy(dataDir, resources).taxonomy;
    const result = readDrillReport({ records: opened.records, taxonomy, dataDir, resourcesDir: resources }, ref);
    if (!result.ok) {
      failed(result.message);
      return;
    }
    if (options.json) process.stdout.write(`${JSON.stringify({ ok: true, report: result.report })}\n`);
    else process.stdout.write(`${drillReportText(result.report).join('\n')}\n`);
  } finally {
    opened.close();
  }
}
