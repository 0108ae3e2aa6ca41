/**
 * CSV as Nida writes and reads it: RFC 4180 quoting, CRLF between records, and cells that a
 * spreadsheet program cannot run as formulas.
 *
 * Exports leave the console and are opened in spreadsheet programs, which run a cell starting with
 * `=`, `+`, `-` or `@` (or tab or CR, which some treat the same) as a formula ("CSV injection"). A
 * text cell starting so gets a leading `'`, which spreadsheets show as text and do not store.
 * Only text is neutralised: numbers (a negative interval, a latitude south of the equator) are
 * passed as numbers and stay numbers a spreadsheet can sum. A caller that has a number as text
 * passes the number, never its string.
 *
 * The guard is reversible, so a file Nida exports reads back to the same text (`csvText`): a text
 * that already starts with `'` before one of those characters gets one more.
 */

/** A number written with a fixed count of decimals (`10.0`), still a number cell. */
export interface CsvFixed {
  readonly fixed: number;
  readonly digits: number;
}

/** What a cell can hold. `null` and `undefined` are empty cells; booleans are `true` / `false`. */
export type CsvValue = string | number | boolean | CsvFixed | null | undefined;

export function csvFixed(value: number, digits: number): CsvFixed {
  return { fixed: value, digits };
}

/** Text a spreadsheet would run as a formula, counting leading `'` that an earlier guard added. */
const FORMULA_START = /^'*[=+\-@\t\r]/;
/** A guarded text: one of our `'` before what would start a formula. */
const GUARDED = /^'+[=+\-@\t\r]/;
/** RFC 4180 quotes a field with a quote, comma or line break. Also quoted: `;` (the separator of
 * spreadsheets in many locales) and outer spaces (which readers, ours included, would trim). */
const NEEDS_QUOTES = /[",;\r\n]|^\s|\s$/;

function cellText(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return FORMULA_START.test(value) ? `'${value}` : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return value.fixed.toFixed(value.digits);
}

/** One cell: text guarded against formulas, then quoted when it needs quotes. */
export function csvField(value: CsvValue): string {
  const text = cellText(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record (no line break). */
export function csvRow(fields: readonly CsvValue[]): string {
  return fields.map(csvField).join(',');
}

/** Records joined with CRLF, the file ending in one. */
export function csvLines(rows: readonly string[]): string {
  return `${rows.join('\r\n')}\r\n`;
}

/** The text a cell held before `csvField` guarded it: one leading `'` before a formula start is dropped. */
export function csvText(field: string): string {
  return GUARDED.test(field) ? field.slice(1) : field;
}

/** Splits CSV text into records of fields, with the line each record starts on. Quotes may span lines. */
export function parseCsv(text: string): { line: number; fields: string[] }[] {
  const records: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let touched = false;
  const endRecord = (): void => {
    fields.push(field);
    if (touched || fields.length > 1 || field !== '') records.push({ line: start, fields });
    fields = [];
    field = '';
    touched = false;
  };
  for (let i = 0; i < text.length; i++) {
    const char = text.charAt(i);
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (char === '\n') line++;
        field += char;
      }
      continue;
    }
    if (char === '"') {
      quoted = true;
      touched = true;
    } else if (char === ',') {
      fields.push(field);
      field = '';
      touched = true;
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      start = line;
    } else field += char;
  }
  if (field !== '' || fields.length > 0 || touched) endRecord();
  return records;
}

/** A problem of one line of a CSV file. */
export interface CsvLineProblem {
  readonly line: number;
  readonly message: string;
}

/** A data row of a table read by `readCsvTable`. */
export interface CsvTableRow<C extends string> {
  readonly line: number;
  /** The cell under `column` as it was before export guarded it; '' for a column the file lacks. */
  cell(column: C): string;
}

export type CsvTable<C extends string> =
  | { readonly ok: false; readonly problem: CsvLineProblem }
  | {
      readonly ok: true;
      readonly headerLine: number;
      /** In file order; a row with another count of fields than the header is a problem of its line. */
      readonly rows: readonly (CsvTableRow<C> | CsvLineProblem)[];
    };

const BYTE_ORDER_MARK = '\uFEFF';

/**
 * A CSV table under a header line (a byte order mark allowed; column names in any case, spaces
 * around them ignored), as the imports read them: refused whole when the header lacks a required
 * column or names one not in `columns`.
 */
export function readCsvTable<C extends string>(
  text: string,
  options: {
    readonly columns: readonly C[];
    readonly required: readonly C[];
    /** What the file is called in the refusal of an empty one ("file", "sheet"). */
    readonly document: string;
    /** Spaces around a cell are not part of it. */
    readonly trimCells?: boolean;
  },
): CsvTable<C> {
  const records = parseCsv(text.startsWith(BYTE_ORDER_MARK) ? text.slice(BYTE_ORDER_MARK.length) : text);
  const header = records[0];
  if (header === undefined)
    return { ok: false, problem: { line: 1, message: `empty ${options.document}: a header line is required` } };
  const names = header.fields.map((name) => name.trim().toLowerCase());
  const missing = options.required.filter((column) => !names.includes(column));
  const unknown = names.filter((name) => !(options.columns as readonly string[]).includes(name));
  if (missing.length > 0 || unknown.length > 0) {
    const problems = [
      ...(missing.length > 0 ? [`missing column ${missing.join(', ')}`] : []),
      ...(unknown.length > 0 ? [`unknown column ${unknown.map((name) => `"${name}"`).join(', ')}`] : []),
    ];
    return {
      ok: false,
      problem: { line: header.line, message: `${problems.join('; ')} (columns: ${options.columns.join(', ')})` },
    };
  }
  const rows: (CsvTableRow<C> | CsvLineProblem)[] = [];
  for (const record of records.slice(1)) {
    if (record.fields.length !== names.length) {
      rows.push({
        line: record.line,
        message: `${String(record.fields.length)} fields, the header has ${String(names.length)}`,
      });
      continue;
    }
    rows.push({
      line: record.line,
      cell: (column) => {
        const index = names.indexOf(column);
        if (index < 0) return '';
        const field = record.fields[index] ?? '';
        return csvText(options.trimCells === true ? field.trim() : field);
      },
    });
  }
  return { ok: true, headerLine: header.line, rows };
}
