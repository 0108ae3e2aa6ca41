import { csvLines, csvRow, readCsvTable } from './csv';
import { unitDefinitionSchema, type UnitDefinition } from './unit';

/**
 * Roster import and export as CSV or JSON. Every row is validated on its own with the roster's zod
 * schema, errors name the line, and a refused row is never half-applied. Pure.
 *
 * CSV columns (header required, any order, RFC 4180 quoting; lists separated by `;`):
 * id, callsign, agency, kind, capabilities, station, home_lat, home_lon, crew, radio_id, device_id
 * Export guards text cells against spreadsheet formulas (csv.ts); import drops that guard again, so
 * an exported roster reads back to the same units.
 */

export const ROSTER_CSV_COLUMNS = [
  'id',
  'callsign',
  'agency',
  'kind',
  'capabilities',
  'station',
  'home_lat',
  'home_lon',
  'crew',
  'radio_id',
  'device_id',
] as const;
type Column = (typeof ROSTER_CSV_COLUMNS)[number];
const REQUIRED: readonly Column[] = ['id', 'callsign', 'agency', 'kind'];

export interface RosterRow {
  /** 1-based line of the CSV file (header is line 1), or 1-based position in the JSON list. */
  readonly line: number;
  readonly unit: UnitDefinition;
}

export interface RosterParseResult {
  readonly rows: readonly RosterRow[];
  readonly errors: readonly { readonly line: number; readonly message: string }[];
}

const list = (value: string): string[] =>
  value
    .split(';')
    .map((item) => item.trim())
    .filter((item) => item !== '');

function numberOrNull(value: string, column: string): number | null | string {
  if (value.trim() === '') return null;
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : `${column} is not a number: "${value}"`;
}

function issuesOf(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): string {
  return error.issues.map((issue) => `${issue.path.map(String).join('.') || 'row'}: ${issue.message}`).join('; ');
}

/** Rows refused because another row of the same file already uses the id, callsign or radio id. */
function refuseDuplicates(rows: RosterRow[], errors: { line: number; message: string }[]): RosterRow[] {
  const seen = new Map<string, number>();
  const kept: RosterRow[] = [];
  for (const row of rows) {
    const keys = [
      `id ${row.unit.id}`,
      `callsign ${row.unit.callsign}`,
      ...(row.unit.radioId ? [`radio id ${row.unit.radioId}`] : []),
      ...(row.unit.deviceId ? [`device ${row.unit.deviceId}`] : []),
    ];
    const clash = keys.find((key) => seen.has(key));
    if (clash) {
      errors.push({ line: row.line, message: `${clash} is also on line ${String(seen.get(clash))}` });
      continue;
    }
    for (const key of keys) seen.set(key, row.line);
    kept.push(row);
  }
  return kept;
}

export function parseRosterCsv(text: string): RosterParseResult {
  const table = readCsvTable(text, {
    columns: ROSTER_CSV_COLUMNS,
    required: REQUIRED,
    document: 'file',
    trimCells: true,
  });
  if (!table.ok) return { rows: [], errors: [table.problem] };
  const rows: RosterRow[] = [];
  const errors: { line: number; message: string }[] = [];
  for (const row of table.rows) {
    if ('message' in row) {
      errors.push(row);
      continue;
    }
    const cell = (column: Column): string => row.cell(column);
    const lat = numberOrNull(cell('home_lat'), 'home_lat');
    const lon = numberOrNull(cell('home_lon'), 'home_lon');
    if (typeof lat === 'string' || typeof lon === 'string') {
      errors.push({ line: row.line, message: [lat, lon].filter((value) => typeof value === 'string').join('; ') });
      continue;
    }
    if ((lat === null) !== (lon === null)) {
      errors.push({ line: row.line, message: 'home_lat and home_lon go together' });
      continue;
    }
    const parsed = unitDefinitionSchema.safeParse({
      id: cell('id'),
      callsign: cell('callsign'),
      agency: cell('agency'),
      kind: cell('kind'),
      capabilities: list(cell('capabilities')),
      station: cell('station') || null,
      home: lat !== null && lon !== null ? { lat, lon } : null,
      crew: list(cell('crew')),
      radioId: cell('radio_id') || null,
      deviceId: cell('device_id') || null,
    });
    if (parsed.success) rows.push({ line: row.line, unit: parsed.data });
    else errors.push({ line: row.line, message: issuesOf(parsed.error) });
  }
  return { rows: refuseDuplicates(rows, errors), errors };
}

/** JSON: a list of roster entries (or `{ "units": [...] }`, as exported). Lines are positions in the list. */
export function parseRosterJson(text: string): RosterParseResult {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    return { rows: [], errors: [{ line: 0, message: `not JSON: ${error instanceof Error ? error.message : ''}` }] };
  }
  const items = Array.isArray(document)
    ? (document as unknown[])
    : typeof document === 'object' && document !== null && 'units' in document && Array.isArray(document.units)
      ? (document.units as unknown[])
      : null;
  if (!items) return { rows: [], errors: [{ line: 0, message: 'expected a list of units or { "units": [...] }' }] };
  const rows: RosterRow[] = [];
  const errors: { line: number; message: string }[] = [];
  items.forEach((item, index) => {
    const parsed = unitDefinitionSchema.safeParse(item);
    if (parsed.success) rows.push({ line: index + 1, unit: parsed.data });
    else errors.push({ line: index + 1, message: issuesOf(parsed.error) });
  });
  return { rows: refuseDuplicates(rows, errors), errors };
}

export function parseRoster(format: 'csv' | 'json', text: string): RosterParseResult {
  return format === 'csv' ? parseRosterCsv(text) : parseRosterJson(text);
}

/** CSV with the full header; `parseRosterCsv` reads it back to the same definitions. */
export function formatRosterCsv(units: readonly UnitDefinition[]): string {
  const lines = [csvRow(ROSTER_CSV_COLUMNS)];
  for (const unit of units) {
    const cells: Record<Column, string | number | null> = {
      id: unit.id,
      callsign: unit.callsign,
      agency: unit.agency,
      kind: unit.kind,
      capabilities: unit.capabilities.join(';'),
      station: unit.station,
      home_lat: unit.home?.lat ?? null,
      home_lon: unit.home?.lon ?? null,
      crew: unit.crew.join(';'),
      radio_id: unit.radioId,
      device_id: unit.deviceId,
    };
    lines.push(csvRow(ROSTER_CSV_COLUMNS.map((column) => cells[column])));
  }
  return csvLines(lines);
}

/** The definition part of a unit record (what import/export carry). */
export function definitionOf(unit: UnitDefinition): UnitDefinition {
  return {
    id: unit.id,
    callsign: unit.callsign,
    agency: unit.agency,
    kind: unit.kind,
    capabilities: [...unit.capabilities],
    station: unit.station,
    home: unit.home ? { lat: unit.home.lat, lon: unit.home.lon } : null,
    crew: [...unit.crew],
    radioId: unit.radioId,
    deviceId: unit.deviceId,
  };
}

export function formatRosterJson(units: readonly UnitDefinition[]): string {
  return `${JSON.stringify({ units: units.map(definitionOf) }, null, 2)}\n`;
}
