import { normalizeForSearch } from './arabic';
import { isAssignable, type UnitRecord, type UnitStatus } from './unit';

/**
 * The dispatcher's command line: short typed commands for what otherwise takes several clicks.
 *
 *   d  <unit> [<unit>…] [to] <incident>     dispatch units to an incident     (dispatch, ارسل)
 *   s  <unit> <status>                      set a unit's status               (status, حالة)
 *   n  <incident> <text…>                   add a note to an incident          (note, ملاحظة)
 *
 * A unit is its callsign or id; an incident is its number or the number's last digits (`42` for
 * `BGD-261129-C1-0042`). A callsign with spaces goes in double quotes. Arabic words and digits work
 * (`٤٢`). Pure: parsing, resolution against the roster and open incidents, and autocomplete.
 */

export type CommandKind = 'dispatch' | 'status' | 'note';

export type ParsedCommand =
  | { readonly kind: 'dispatch'; readonly units: readonly string[]; readonly incident: string }
  | { readonly kind: 'status'; readonly unit: string; readonly status: SettableStatus }
  | { readonly kind: 'note'; readonly incident: string; readonly text: string };

export type CommandErrorCode =
  | 'empty'
  | 'unknownCommand'
  | 'missingUnit'
  | 'missingIncident'
  | 'missingStatus'
  | 'unknownStatus'
  | 'missingText'
  | 'unclosedQuote'
  | 'unknownUnit'
  | 'unknownIncident'
  | 'ambiguousIncident';

export interface CommandError {
  readonly code: CommandErrorCode;
  /** The word the error is about (shown as typed). */
  readonly detail: string;
}

export type CommandResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: CommandError };

/** Statuses a dispatcher sets by command (dispatching goes through `d`, which records the incident). */
export type SettableStatus = Exclude<UnitStatus, 'dispatched'>;

const COMMAND_WORDS: Readonly<Record<string, CommandKind>> = {
  d: 'dispatch',
  dispatch: 'dispatch',
  ارسل: 'dispatch',
  ارسال: 'dispatch',
  s: 'status',
  status: 'status',
  حاله: 'status',
  n: 'note',
  note: 'note',
  ملاحظه: 'note',
};

/** Words for each status, as typed (normalized: `بالموقع`, `os`, `on-scene` …). */
export const STATUS_WORDS: Readonly<Record<string, SettableStatus>> = {
  av: 'available',
  available: 'available',
  متاح: 'available',
  ar: 'available-on-radio',
  radio: 'available-on-radio',
  'available-on-radio': 'available-on-radio',
  لاسلكي: 'available-on-radio',
  er: 'en-route',
  enroute: 'en-route',
  'en-route': 'en-route',
  بالطريق: 'en-route',
  os: 'on-scene',
  onscene: 'on-scene',
  'on-scene': 'on-scene',
  بالموقع: 'on-scene',
  tr: 'transporting',
  transporting: 'transporting',
  نقل: 'transporting',
  ah: 'at-hospital',
  hospital: 'at-hospital',
  'at-hospital': 'at-hospital',
  بالمستشفي: 'at-hospital',
  oos: 'out-of-service',
  'out-of-service': 'out-of-service',
  خارج: 'out-of-service',
};

/** The short word shown for each status in suggestions. */
export const STATUS_SHORT: Readonly<Record<SettableStatus, string>> = {
  available: 'av',
  'available-on-radio': 'ar',
  'en-route': 'er',
  'on-scene': 'os',
  transporting: 'tr',
  'at-hospital': 'ah',
  'out-of-service': 'oos',
};

const TO_WORDS = new Set(['to', 'الي', 'ل']);

interface Token {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** Words split on spaces; `"…"` keeps spaces inside one word. Null when a quote is left open. */
export function tokenize(text: string): Token[] | null {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    if (/\s/.test(text[i] ?? '')) {
      i++;
      continue;
    }
    const start = i;
    if (text[i] === '"') {
      const close = text.indexOf('"', i + 1);
      if (close < 0) return null;
      tokens.push({ text: text.slice(i + 1, close), start, end: close + 1 });
      i = close + 1;
      continue;
    }
    while (i < text.length && !/\s/.test(text[i] ?? '')) i++;
    tokens.push({ text: text.slice(start, i), start, end: i });
  }
  return tokens;
}

const fail = (code: CommandErrorCode, detail = ''): { ok: false; error: CommandError } => ({
  ok: false,
  error: { code, detail },
});

// Own keys only: a typed word such as "constructor" must not find Object.prototype's members.
const lookup = <T>(table: Readonly<Record<string, T>>, word: string): T | null => {
  const key = normalizeForSearch(word);
  return Object.hasOwn(table, key) ? (table[key] ?? null) : null;
};

export function commandKindOf(word: string): CommandKind | null {
  return lookup(COMMAND_WORDS, word);
}

export function statusOf(word: string): SettableStatus | null {
  return lookup(STATUS_WORDS, word);
}

/** Parses one command line. Never throws. */
export function parseCommand(text: string): CommandResult<ParsedCommand> {
  const tokens = tokenize(text);
  if (tokens === null) return fail('unclosedQuote');
  const [head, ...rest] = tokens;
  if (!head) return fail('empty');
  const kind = commandKindOf(head.text);
  if (kind === null) return fail('unknownCommand', head.text);
  switch (kind) {
    case 'dispatch': {
      const words = rest.map((token) => token.text).filter((word) => !TO_WORDS.has(normalizeForSearch(word)));
      if (words.length === 0) return fail('missingUnit');
      if (words.length === 1) return fail('missingIncident');
      const incident = words.at(-1) ?? '';
      return { ok: true, value: { kind, units: words.slice(0, -1), incident } };
    }
    case 'status': {
      const [unit, status] = rest;
      if (!unit) return fail('missingUnit');
      if (!status) return fail('missingStatus');
      const resolved = statusOf(status.text);
      if (resolved === null) return fail('unknownStatus', status.text);
      return { ok: true, value: { kind, unit: unit.text, status: resolved } };
    }
    case 'note': {
      const [incident, first] = rest;
      if (!incident) return fail('missingIncident');
      if (!first) return fail('missingText');
      return { ok: true, value: { kind, incident: incident.text, text: text.slice(first.start).trim() } };
    }
  }
}

/** What the command line resolves references against. */
export interface CommandContext {
  readonly units: readonly Pick<UnitRecord, 'id' | 'callsign' | 'status' | 'agency'>[];
  readonly incidents: readonly { readonly id: string; readonly number: string }[];
}

export type ResolvedCommand =
  | { readonly kind: 'dispatch'; readonly unitIds: readonly string[]; readonly incidentId: string }
  | { readonly kind: 'status'; readonly unitId: string; readonly status: SettableStatus }
  | { readonly kind: 'note'; readonly incidentId: string; readonly text: string };

export function findUnit(context: CommandContext, ref: string): CommandContext['units'][number] | null {
  const wanted = normalizeForSearch(ref);
  return (
    context.units.find((unit) => normalizeForSearch(unit.callsign) === wanted) ??
    context.units.find((unit) => unit.id.toLowerCase() === wanted) ??
    null
  );
}

/** An incident by full number, or by the digits it ends with (`42` → `…-0042`). */
export function findIncidents(context: CommandContext, ref: string): CommandContext['incidents'][number][] {
  const wanted = normalizeForSearch(ref);
  const exact = context.incidents.filter((incident) => incident.number.toLowerCase() === wanted);
  if (exact.length > 0) return exact;
  if (!/^\d{1,6}$/.test(wanted)) return [];
  const suffix = `-${wanted.padStart(4, '0')}`;
  return context.incidents.filter((incident) => incident.number.endsWith(suffix));
}

function resolveIncident(context: CommandContext, ref: string): CommandResult<string> {
  const found = findIncidents(context, ref);
  if (found.length === 0) return fail('unknownIncident', ref);
  if (found.length > 1) return fail('ambiguousIncident', ref);
  return { ok: true, value: found[0]?.id ?? '' };
}

/** Turns typed references into ids. */
export function resolveCommand(command: ParsedCommand, context: CommandContext): CommandResult<ResolvedCommand> {
  switch (command.kind) {
    case 'dispatch': {
      const unitIds: string[] = [];
      for (const ref of command.units) {
        const unit = findUnit(context, ref);
        if (!unit) return fail('unknownUnit', ref);
        if (!unitIds.includes(unit.id)) unitIds.push(unit.id);
      }
      const incident = resolveIncident(context, command.incident);
      if (!incident.ok) return incident;
      return { ok: true, value: { kind: 'dispatch', unitIds, incidentId: incident.value } };
    }
    case 'status': {
      const unit = findUnit(context, command.unit);
      if (!unit) return fail('unknownUnit', command.unit);
      return { ok: true, value: { kind: 'status', unitId: unit.id, status: command.status } };
    }
    case 'note': {
      const incident = resolveIncident(context, command.incident);
      if (!incident.ok) return incident;
      return { ok: true, value: { kind: 'note', incidentId: incident.value, text: command.text } };
    }
  }
}

export function parseAndResolve(text: string, context: CommandContext): CommandResult<ResolvedCommand> {
  const parsed = parseCommand(text);
  return parsed.ok ? resolveCommand(parsed.value, context) : parsed;
}

/** One autocomplete proposal: the whole line after accepting it. */
export interface Suggestion {
  readonly kind: 'command' | 'unit' | 'incident' | 'status';
  /** What the list shows (a callsign, an incident number, a status word). */
  readonly label: string;
  /** The command line with this proposal accepted (and a space after it). */
  readonly text: string;
  /** The status code, unit status or incident id the proposal stands for. */
  readonly value: string;
}

const COMMAND_SUGGESTIONS: readonly { word: string; kind: CommandKind }[] = [
  { word: 'd', kind: 'dispatch' },
  { word: 's', kind: 'status' },
  { word: 'n', kind: 'note' },
];

const quoteIfNeeded = (word: string): string => (/\s/.test(word) ? `"${word}"` : word);

/**
 * Proposals for the word being typed (the last one, or a new one after a trailing space): command
 * words first, then units (available ones first when dispatching), incidents or statuses.
 */
export function suggestCommand(text: string, context: CommandContext, limit = 8): Suggestion[] {
  const tokens = tokenize(text) ?? tokenize(`${text}"`);
  if (tokens === null) return [];
  const typingNew = text === '' || /\s$/.test(text);
  const current = typingNew ? null : (tokens.at(-1) ?? null);
  const before = typingNew ? tokens : tokens.slice(0, -1);
  const prefix = normalizeForSearch(current?.text ?? '');
  const head = text.slice(0, current ? current.start : text.length);
  const accept = (word: string): string => `${head}${quoteIfNeeded(word)} `;
  const matches = (candidate: string): boolean => prefix === '' || normalizeForSearch(candidate).startsWith(prefix);

  if (before.length === 0) {
    return COMMAND_SUGGESTIONS.filter((entry) => matches(entry.word) || matches(entry.kind)).map((entry) => ({
      kind: 'command',
      label: entry.word,
      text: accept(entry.word),
      value: entry.kind,
    }));
  }
  const kind = commandKindOf(before[0]?.text ?? '');
  if (kind === null) return [];
  const position = before.length; // 1 = first argument
  const units = (onlyAssignable: boolean): Suggestion[] => {
    const taken = new Set(before.slice(1).map((token) => normalizeForSearch(token.text)));
    return context.units
      .filter((unit) => !taken.has(normalizeForSearch(unit.callsign)) && matches(unit.callsign))
      .filter((unit) => !onlyAssignable || isAssignable(unit.status))
      .sort((a, b) => a.callsign.localeCompare(b.callsign))
      .slice(0, limit)
      .map((unit) => ({ kind: 'unit', label: unit.callsign, text: accept(unit.callsign), value: unit.id }));
  };
  const incidents = (): Suggestion[] =>
    context.incidents
      .filter((incident) => prefix === '' || incident.number.toLowerCase().includes(prefix))
      .slice(0, limit)
      .map((incident) => ({
        kind: 'incident',
        label: incident.number,
        text: accept(incident.number),
        value: incident.id,
      }));
  switch (kind) {
    case 'dispatch':
      return position === 1 ? units(true) : [...units(true), ...incidents()].slice(0, limit);
    case 'status':
      if (position === 1) return units(false);
      if (position === 2)
        return (Object.entries(STATUS_SHORT) as [SettableStatus, string][])
          .filter(([status, word]) => matches(word) || matches(status))
          .map(([status, word]) => ({ kind: 'status', label: word, text: accept(word), value: status }));
      return [];
    case 'note':
      return position === 1 ? incidents() : [];
  }
}
