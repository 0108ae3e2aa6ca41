import { join } from 'node:path';
import { importMsel, type MselIssue } from '../../../src-shared/domain/drill/msel';
import { parseScenario, type Scenario, type ScenarioIssue } from '../../../src-shared/domain/drill/scenario';
import type { Inject } from '../../../src-shared/domain/drill/scenario';
import { parseRosterJson } from '../../../src-shared/domain/roster';
import type { Taxonomy } from '../../../src-shared/domain/taxonomy';
import type { UnitDefinition } from '../../../src-shared/domain/unit';
import { readTextFile } from '../runtime/jsonFile';

/**
 * Reads drill files from disk for `nida drill check` (and the drill runner, later): a `.drill.json`
 * with its roster file, or an MSEL sheet. Problems come back as values, each with its path or line.
 */

export type ScenarioFileResult =
  | { readonly ok: true; readonly scenario: Scenario; readonly rosterUnits: readonly UnitDefinition[] }
  | { readonly ok: false; readonly errors: readonly ScenarioIssue[] };

export type MselFileResult =
  | { readonly ok: true; readonly injects: readonly Inject[] }
  | { readonly ok: false; readonly errors: readonly MselIssue[] };

export interface DrillFileContext {
  readonly taxonomy: Taxonomy;
  /** Where `roster.file` is looked up: `<resources>/demo/<file>`. */
  readonly resourcesDir: string;
}

function readText(path: string): { text: string } | { error: string } {
  try {
    return { text: readTextFile(path) };
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : '';
    return { error: code === 'ENOENT' ? `${path} not found` : `${path} cannot be read: ${String(error)}` };
  }
}

/** The units of a roster file under resources/demo, or the problem with it. */
function readRosterFile(resourcesDir: string, file: string): { units: UnitDefinition[] } | { error: string } {
  const path = join(resourcesDir, 'demo', file);
  const read = readText(path);
  if ('error' in read) return read;
  const parsed = parseRosterJson(read.text);
  if (parsed.errors.length > 0) {
    return {
      error: `${path}: ${parsed.errors.map((error) => `unit ${String(error.line)}: ${error.message}`).join('; ')}`,
    };
  }
  return { units: parsed.rows.map((row) => row.unit) };
}

/** Reads and validates a `.drill.json` (a UTF-8 byte order mark is accepted). */
export function readScenarioFile(path: string, context: DrillFileContext): ScenarioFileResult {
  const read = readText(path);
  if ('error' in read) return { ok: false, errors: [{ path: '(file)', message: read.error }] };
  let raw: unknown;
  try {
    raw = JSON.parse(read.text) as unknown;
  } catch (error) {
    return {
      ok: false,
      errors: [{ path: '(file)', message: `not JSON: ${error instanceof Error ? error.message : String(error)}` }],
    };
  }
  let rosterUnits: readonly UnitDefinition[] | undefined;
  const roster = typeof raw === 'object' && raw !== null && 'roster' in raw ? raw.roster : undefined;
  if (typeof roster === 'object' && roster !== null && 'file' in roster && typeof roster.file === 'string') {
    if (/^[A-Za-z0-9_-]+\.json$/.test(roster.file)) {
      const units = readRosterFile(context.resourcesDir, roster.file);
      if ('error' in units) return { ok: false, errors: [{ path: 'roster.file', message: units.error }] };
      rosterUnits = units.units;
    }
  }
  const parsed = parseScenario(raw, { taxonomy: context.taxonomy, ...(rosterUnits !== undefined && { rosterUnits }) });
  if (!parsed.ok) return parsed;
  const units = rosterUnits ?? ('units' in parsed.value.roster ? parsed.value.roster.units : []);
  return { ok: true, scenario: parsed.value, rosterUnits: units };
}

/**
 * Reads and validates an MSEL sheet. With the scenario it belongs to, seats and unit and radio ids
 * are checked against it; alone, only what the sheet itself says.
 */
export function readMselFile(
  path: string,
  context: DrillFileContext & {
    readonly scenario?: { readonly scenario: Scenario; readonly rosterUnits: readonly UnitDefinition[] };
  },
): MselFileResult {
  const read = readText(path);
  if ('error' in read) return { ok: false, errors: [{ line: 0, message: read.error }] };
  const base = context.scenario;
  return importMsel(read.text, {
    taxonomy: context.taxonomy,
    seats: base === undefined ? null : base.scenario.seats.map((seat) => seat.id),
    ...(base !== undefined && { rosterUnits: base.rosterUnits }),
  });
}
