import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildDrillReport, type DrillReport } from '../../../src-shared/domain/drill/drillReport';
import type { Scenario } from '../../../src-shared/domain/drill/scenario';
import type { Taxonomy } from '../../../src-shared/domain/taxonomy';
import { buildDrillTimeline, findDrillRun, type DrillRecordSource } from './drillTimeline';
import { readScenarioFile } from './scenarioFile';

/**
 * A run's report from a drill console's records (the `drill.report` channel and `nida drill
 * report`): the run, its scenario found again by id and version among the center's scenarios
 * (`<data>/drills/`) and the shipped ones, its timeline, and the report built from them.
 */

export const DRILL_SCENARIO_FILE = /^[A-Za-z0-9_-]{1,80}\.drill\.json$/;

/** Where scenarios are looked up: the center's own first, then the shipped ones. */
export function drillScenarioFolders(dataDir: string, resourcesDir: string): string[] {
  return [join(dataDir, 'drills'), join(resourcesDir, 'drills')];
}

/** The scenario a run was loaded from (same id and version), or null when no file has it now. */
export function findRunScenario(
  folders: readonly string[],
  scenarioId: string,
  version: number,
  context: { readonly taxonomy: Taxonomy; readonly resourcesDir: string },
): Scenario | null {
  for (const folder of folders) {
    if (!existsSync(folder)) continue;
    for (const file of readdirSync(folder).sort()) {
      if (!DRILL_SCENARIO_FILE.test(file)) continue;
      const result = readScenarioFile(join(folder, file), context);
      if (result.ok && result.scenario.id === scenarioId && result.scenario.version === version) return result.scenario;
    }
  }
  return null;
}

export type DrillReportResult =
  | { readonly ok: true; readonly report: DrillReport }
  | { readonly ok: false; readonly problem: 'no-run' | 'no-scenario'; readonly message: string };

export interface DrillReportSources {
  readonly records: DrillRecordSource;
  readonly taxonomy: Taxonomy;
  readonly dataDir: string;
  readonly resourcesDir: string;
}

/**
 * The report of a run (its id, or `'latest'`). `secondsNow`: the running drill's clock, which a run
 * still in progress is scored at (else the last second its records reach).
 */
export function readDrillReport(
  sources: DrillReportSources,
  ref: number | 'latest',
  secondsNow?: number,
): DrillReportResult {
  const run = findDrillRun(sources.records, ref);
  if (run === null)
    return {
      ok: false,
      problem: 'no-run',
      message: ref === 'latest' ? 'no drill has been run here' : `no drill run ${String(ref)}`,
    };
  const scenario = findRunScenario(
    drillScenarioFolders(sources.dataDir, sources.resourcesDir),
    run.scenarioId,
    run.version,
    sources,
  );
  if (scenario === null)
    return {
      ok: false,
      problem: 'no-scenario',
      message: `run ${String(run.id)} used scenario ${run.scenarioId} v${String(run.version)}, which is no longer in the drills folders`,
    };
  const record = buildDrillTimeline(sources.records, scenario, run);
  const running = run.next === null && !record.ended && secondsNow !== undefined;
  return {
    ok: true,
    report: buildDrillReport({
      run: { id: run.id, scenarioId: run.scenarioId, version: run.version, seed: run.seed, loadedAt: run.loadedAt },
      scenario,
      taxonomy: sources.taxonomy,
      timeline: record.timeline,
      controls: record.controls,
      started: record.started,
      ended: record.ended,
      lastSeconds: running ? Math.max(secondsNow, record.lastSeconds) : record.lastSeconds,
    }),
  };
}
