import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DrillApi, Handlers } from '../../../src-shared/contract/api';
import { AppError } from '../../../src-shared/contract/errors';
import type { DrillScenarioSummary } from '../../../src-shared/domain/drill/drillRun';
import { DrillSpeedError } from '../../../src-shared/domain/drill/drillClock';
import type { Taxonomy } from '../../../src-shared/domain/taxonomy';
import { readDrillReport } from './drillReportReader';
import { DrillControlError } from './drillRunner';
import type { DrillRecordSource } from './drillTimeline';
import { DrillRefusedError, type DrillService } from './drillService';
import { readScenarioFile } from './scenarioFile';

/**
 * The `drill.*` channels: scenarios from the center's `<data>/drills/` (first) and the shipped
 * `resources/drills/`, and the controls of the drill service, with its refusals as contract errors.
 */

const SCENARIO_FILE = /^[A-Za-z0-9_-]{1,80}\.drill\.json$/;

export interface DrillApiDeps {
  readonly service: DrillService;
  readonly dataDir: string;
  readonly resourcesDir: string;
  readonly taxonomy: Taxonomy;
  /** The console's records a run's report is read from (the store's `drillRecords`). */
  readonly records: () => DrillRecordSource;
}

/** The contract's error for a drill refusal; anything else is left to the dispatcher. */
function asAppError(error: unknown): unknown {
  if (error instanceof DrillRefusedError) return new AppError('UNAVAILABLE', error.message);
  if (error instanceof DrillControlError) return new AppError('CONFLICT', error.message);
  if (error instanceof DrillSpeedError) return new AppError('INVALID_ARGUMENT', error.message);
  return error;
}

function guarded<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    throw asAppError(error);
  }
}

export function createDrillHandlers(deps: DrillApiDeps): Handlers<DrillApi> {
  const folders = [join(deps.dataDir, 'drills'), join(deps.resourcesDir, 'drills')];
  const context = { taxonomy: deps.taxonomy, resourcesDir: deps.resourcesDir };

  const pathOf = (file: string): string | null => {
    if (!SCENARIO_FILE.test(file)) return null;
    return folders.map((folder) => join(folder, file)).find((path) => existsSync(path)) ?? null;
  };

  const read = (file: string) => {
    const path = pathOf(file);
    if (path === null) throw new AppError('NOT_FOUND', `no drill scenario ${file}`);
    const result = readScenarioFile(path, context);
    if (!result.ok)
      throw new AppError(
        'INVALID_ARGUMENT',
        `${file} is not a valid scenario`,
        result.errors.map((issue) => ({ path: issue.path, message: issue.message })),
      );
    return result.scenario;
  };

  return {
    scenarios: () =>
      guarded(() => {
        deps.service.requireDrillConsole();
        const files = new Set<string>();
        for (const folder of folders)
          if (existsSync(folder)) for (const file of readdirSync(folder)) if (SCENARIO_FILE.test(file)) files.add(file);
        return [...files].sort().flatMap((file): DrillScenarioSummary[] => {
          const path = pathOf(file);
          const result = path === null ? null : readScenarioFile(path, context);
          if (!result?.ok) return [];
          const { scenario } = result;
          return [
            {
              file,
              id: scenario.id,
              title: scenario.title,
              level: scenario.level,
              durationSeconds: scenario.durationSeconds,
              injects: scenario.injects.length,
            },
          ];
        });
      }),
    load: (args) =>
      guarded(() => {
        deps.service.requireDrillConsole();
        return deps.service.load(read(args.file));
      }),
    state: () => guarded(() => deps.service.state()),
    start: (args, context) => guarded(() => deps.service.start(context.actor, args.speed)),
    pause: (_args, context) => guarded(() => deps.service.pause(context.actor)),
    resume: (_args, context) => guarded(() => deps.service.resume(context.actor)),
    setSpeed: (args, context) => guarded(() => deps.service.setSpeed(args.speed, context.actor)),
    fireNow: (args, context) => guarded(() => deps.service.fireNow(args.injectId, context.actor)),
    hold: (args, context) => guarded(() => deps.service.hold(args.injectId, context.actor)),
    release: (args, context) => guarded(() => deps.service.release(args.injectId, context.actor)),
    skip: (args, context) => guarded(() => deps.service.skip(args.injectId, context.actor)),
    report: (args) =>
      guarded(() => {
        deps.service.requireDrillConsole();
        const state = deps.service.state();
        const result = readDrillReport(
          { records: deps.records(), taxonomy: deps.taxonomy, dataDir: deps.dataDir, resourcesDir: deps.resourcesDir },
          args.run ?? 'latest',
          state?.status === 'running' || state?.status === 'paused' ? state.seconds : undefined,
        );
        if (!result.ok) throw new AppError('NOT_FOUND', result.message);
        return result.report;
      }),
  };
}
