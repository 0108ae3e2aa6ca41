import { readTextFile } from '../runtime/jsonFile';
import { join } from 'node:path';
import { parseRosterJson } from '../../../src-shared/domain/roster';
import type { UnitDefinition } from '../../../src-shared/domain/unit';
import { silentLogger } from '../runtime/logger';
import type { Store } from '../store/store';
import { loadTaxonomy } from '../taxonomy/taxonomyService';
import { createUnitService } from './unitService';

/** The shipped demo roster: ~50 Baghdad units bound to the unit simulator's devices (sim-0001 …). */
export function demoRosterPath(resourcesDir: string): string {
  return join(resourcesDir, 'demo', 'units.json');
}

/** Reads and validates the demo roster; throws with every bad entry named when the file is wrong. */
export function loadDemoRoster(resourcesDir: string): UnitDefinition[] {
  const path = demoRosterPath(resourcesDir);
  const parsed = parseRosterJson(readTextFile(path));
  if (parsed.errors.length > 0) {
    throw new Error(
      `${path}: ${parsed.errors.map((error) => `unit ${String(error.line)}: ${error.message}`).join('; ')}`,
    );
  }
  return parsed.rows.map((row) => row.unit);
}

/**
 * Adds the demo roster's units that a drill or demo database does not have yet (`nida db seed`).
 * The caller refuses the live profile; returns how many units were added.
 */
export function seedDemoUnits(
  store: Store,
  config: { readonly dataDir: string; readonly resourcesDir: string },
  actor: string,
): number {
  const { taxonomy } = loadTaxonomy(config.dataDir, config.resourcesDir);
  const units = createUnitService({
    store,
    taxonomy,
    logger: silentLogger(),
  });
  try {
    return units.seedRoster(loadDemoRoster(config.resourcesDir), actor);
  } finally {
    units.dispose();
  }
}
