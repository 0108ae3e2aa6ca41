import { csvLines, csvRow, csvText, parseCsv } from '../csv';
import { formatIssuePath, type Taxonomy } from '../taxonomy';
import type { UnitDefinition } from '../unit';
import { checkInjects, drillRuleIds, injectSchema, injectStates, type Inject } from './scenario';
import { formatDrillTime } from './schedule';

/**
 * The master scenario events list (MSEL) as the exercise spreadsheet trainers keep: one inject a
 * row, UTF-8 with a byte order mark (so spreadsheet programs read the Arabic), CRLF, RFC 4180
 * quoting (csv.ts). The sheet holds the injects only; the header (title, seats, roster) stays in
 * the `.drill.json`.
 *
 * Columns, in this order (docs/drills.md):
 * - `inject_id`, `time` (`H:MM:SS`, or `manual`, or empty when `after` is given),
 * - `after` (`call-1 answered +0:00:30`), `if` (`not-done call-2 dispatched` or `rule-failed answer-time call-2`),
 * - `seat`, `kind`, `summary`, `payload` (the kind's own fields as compact JSON),
 * - `expected_action`, `controller_note`.
 *
 * Import is all or nothing: every bad row is reported with its line and no inject is returned.
 * Export writes the fields in the schema's order, so an exported sheet imports and exports back
 * byte for byte.
 */

export const MSEL_COLUMNS = [
  'inject_id',
  'time',
  'after',
  'if',
  'seat',
  'kind',
  'summary',
  'payload',
  'expected_action',
  'controller_note',
] as const;
type Column = (typeof MSEL_COLUMNS)[number];

const BOM = '\uFEFF';

/** The fields an inject row keeps in its own columns; everything else of the inject is the payload. */
const COLUMN_FIELDS = new Set([
  'id',
  'at',
  'after',
  'manual',
  'if',
  'seat',
  'kind',
  'summary',
  'expectedAction',
  'controllerNote',
]);

export interface MselIssue {
  /** 1-based line of the sheet (the header is line 1). */
  readonly line: number;
  readonly message: string;
}

export type MselResult = { ok: true; injects: Inject[] } | { ok: false; errors: MselIssue[] };

export interface MselContext {
  readonly taxonomy: Taxonomy;
  readonly rosterUnits?: readonly UnitDefinition[];
  /** The seats of the scenario the sheet belongs to; `null` when checked alone. */
  readonly seats: readonly string[] | null;
}

/** `0:01:30`, `01:30` or `90` → seconds; `null` when it is none of these. */
export function parseDrillTime(text: string): number | null {
  const trimmed = text.trim();
  if (/^[0-9]+$/.test(trimmed)) return Number(trimmed);
  const parts = /^(?:([0-9]+):)?([0-5]?[0-9]):([0-5][0-9])$/.exec(trimmed);
  if (parts === null) return null;
  return Number(parts[1] ?? 0) * 3600 + Number(parts[2]) * 60 + Number(parts[3]);
}

function afterText(after: NonNullable<Inject['after']>): string {
  return `${after.inject} ${after.state} +${formatDrillTime(after.delaySeconds)}`;
}

function conditionText(condition: NonNullable<Inject['if']>): string {
  if ('notDone' in condition) return `not-done ${condition.notDone.inject} ${condition.notDone.state}`;
  const { rule, inject } = condition.ruleFailed;
  return inject === undefined ? `rule-failed ${rule}` : `rule-failed ${rule} ${inject}`;
}

function payloadOf(inject: Inject): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(inject).filter(([key, value]) => !COLUMN_FIELDS.has(key) && value !== undefined),
  );
}

/** The sheet for these injects, BOM first. */
export function exportMsel(injects: readonly Inject[]): string {
  const rows = injects.map((inject) =>
    csvRow([
      inject.id,
      inject.at !== undefined ? formatDrillTime(inject.at) : inject.manual === true ? 'manual' : '',
      inject.after === undefined ? '' : afterText(inject.after),
      inject.if === undefined ? '' : conditionText(inject.if),
      inject.seat,
      inject.kind,
      inject.summary,
      JSON.stringify(payloadOf(inject)),
      inject.expectedAction,
      inject.controllerNote,
    ]),
  );
  return BOM + csvLines([csvRow([...MSEL_COLUMNS]), ...rows]);
}

type Parsed<T> = { value: T } | { error: string };

function parseAfter(text: string): Parsed<Inject['after']> {
  const match = /^(\S+)\s+(\S+)\s+\+(\S+)$/.exec(text.trim());
  const delay = match === null ? null : parseDrillTime(match[3] ?? '');
  if (match === null || delay === null) {
    return { error: `after must be "INJECT STATE +H:MM:SS" (e.g. "call-1 answered +0:00:30"), not "${text}"` };
  }
  const state = match[2] ?? '';
  if (!(injectStates as readonly string[]).includes(state)) {
    return { error: `after: unknown state "${state}" (${injectStates.join(', ')})` };
  }
  return { value: { inject: match[1] ?? '', state: state as (typeof injectStates)[number], delaySeconds: delay } };
}

function parseCondition(text: string): Parsed<unknown> {
  const words = text.trim().split(/\s+/);
  if (words[0] === 'not-done' && words.length === 3) {
    return { value: { notDone: { inject: words[1], state: words[2] } } };
  }
  if (words[0] === 'rule-failed' && (words.length === 2 || words.length === 3)) {
    return { value: { ruleFailed: { rule: words[1], ...(words[2] !== undefined && { inject: words[2] }) } } };
  }
  return {
    error: `if must be "not-done INJECT STATE" or "rule-failed RULE [INJECT]" (rules: ${drillRuleIds.join(', ')}), not "${text}"`,
  };
}

/** One row → the raw inject object the schema checks, or what is wrong with the row's own cells. */
function rowToRaw(cell: (column: Column) => string): Parsed<Record<string, unknown>> {
  const raw: Record<string, unknown> = { id: cell('inject_id') };
  const time = cell('time');
  if (time === 'manual') raw['manual'] = true;
  else if (time !== '') {
    const seconds = parseDrillTime(time);
    if (seconds === null) return { error: `time must be H:MM:SS, seconds or "manual", not "${time}"` };
    raw['at'] = seconds;
  }
  if (cell('after') !== '') {
    const after = parseAfter(cell('after'));
    if ('error' in after) return after;
    raw['after'] = after.value;
  }
  if (cell('if') !== '') {
    const condition = parseCondition(cell('if'));
    if ('error' in condition) return condition;
    raw['if'] = condition.value;
  }
  if (cell('seat') !== '') raw['seat'] = cell('seat');
  raw['kind'] = cell('kind');
  if (cell('summary') !== '') raw['summary'] = cell('summary');
  if (cell('expected_action') !== '') raw['expectedAction'] = cell('expected_action');
  if (cell('controller_note') !== '') raw['controllerNote'] = cell('controller_note');
  const payloadText = cell('payload');
  let payload: unknown = {};
  if (payloadText !== '') {
    try {
      payload = JSON.parse(payloadText) as unknown;
    } catch (error) {
      return { error: `payload is not JSON: ${error instanceof Error ? error.message : String(error)}` };
    }
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    return { error: 'payload must be a JSON object of the kind’s fields' };
  }
  const clash = Object.keys(payload).find((key) => COLUMN_FIELDS.has(key));
  if (clash !== undefined) return { error: `payload: "${clash}" has its own column` };
  return { value: { ...raw, ...payload } };
}

/** Reads a sheet (BOM optional). Nothing is returned unless every row is good. */
export function importMsel(text: string, context: MselContext): MselResult {
  const records = parseCsv(text.startsWith(BOM) ? text.slice(BOM.length) : text);
  const header = records[0];
  if (header === undefined)
    return { ok: false, errors: [{ line: 1, message: 'empty sheet: a header line is required' }] };
  const names = header.fields.map((name) => name.trim().toLowerCase());
  const missing = MSEL_COLUMNS.filter((column) => !names.includes(column));
  const unknown = names.filter((name) => !(MSEL_COLUMNS as readonly string[]).includes(name));
  if (missing.length > 0 || unknown.length > 0) {
    const problems = [
      ...(missing.length > 0 ? [`missing column ${missing.join(', ')}`] : []),
      ...(unknown.length > 0 ? [`unknown column ${unknown.map((name) => `"${name}"`).join(', ')}`] : []),
    ];
    return {
      ok: false,
      errors: [{ line: header.line, message: `${problems.join('; ')} (columns: ${MSEL_COLUMNS.join(', ')})` }],
    };
  }
  const errors: MselIssue[] = [];
  const injects: Inject[] = [];
  const lines: number[] = [];
  for (const record of records.slice(1)) {
    if (record.fields.length !== names.length) {
      errors.push({
        line: record.line,
        message: `${String(record.fields.length)} fields, the header has ${String(names.length)}`,
      });
      continue;
    }
    const cell = (column: Column): string => csvText(record.fields[names.indexOf(column)] ?? '');
    const raw = rowToRaw(cell);
    if ('error' in raw) {
      errors.push({ line: record.line, message: raw.error });
      continue;
    }
    const parsed = injectSchema.safeParse(raw.value);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        errors.push({ line: record.line, message: `${formatIssuePath(issue.path)}: ${issue.message}` });
      }
      continue;
    }
    injects.push(parsed.data);
    lines.push(record.line);
  }
  if (records.length < 2) errors.push({ line: header.line, message: 'no inject rows' });
  if (errors.length === 0) {
    const prefix = 'injects';
    for (const issue of checkInjects(injects, context, [prefix])) {
      const match = /^injects\[([0-9]+)\]\.?(.*)$/.exec(issue.path);
      const line = match === null ? header.line : (lines[Number(match[1])] ?? header.line);
      errors.push({ line, message: `${match?.[2] || 'row'}: ${issue.message}` });
    }
  }
  errors.sort((a, b) => a.line - b.line);
  return errors.length === 0 ? { ok: true, injects } : { ok: false, errors };
}
