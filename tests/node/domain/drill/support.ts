// The shipped taxonomy, demo roster and scenarios, read once for the drill tests.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Scenario } from '../../../../src-shared/domain/drill/scenario';
import { parseRosterJson } from '../../../../src-shared/domain/roster';
import { parseTaxonomy, type Taxonomy } from '../../../../src-shared/domain/taxonomy';
import type { UnitDefinition } from '../../../../src-shared/domain/unit';

export const DRILLS_DIR = 'resources/drills';

function loadTaxonomy(): Taxonomy {
  const parsed = parseTaxonomy(JSON.parse(readFileSync('resources/taxonomy/taxonomy.json', 'utf8')));
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.value;
}

export const taxonomy = loadTaxonomy();
export const demoUnits: readonly UnitDefinition[] = parseRosterJson(
  readFileSync('resources/demo/units.json', 'utf8'),
).rows.map((row) => row.unit);

export const shippedScenarioFiles: readonly string[] = readdirSync(DRILLS_DIR)
  .filter((name) => name.endsWith('.drill.json'))
  .sort();

/** A shipped scenario as raw JSON (tests break a copy of it). */
export function rawScenario(name = '04-acceptance-three-calls.drill.json'): Scenario {
  return JSON.parse(readFileSync(join(DRILLS_DIR, name), 'utf8')) as Scenario;
}
