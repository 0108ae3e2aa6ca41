import { readFileSync } from 'node:fs';

/** A byte order mark some Windows editors put at the start of a UTF-8 file. */
const BOM = '\uFEFF';

/** The text of a UTF-8 file an operator may have edited, without a leading byte order mark. */
export function readTextFile(path: string): string {
  const text = readFileSync(path, 'utf8');
  return text.startsWith(BOM) ? text.slice(BOM.length) : text;
}

/** Parses a JSON file an operator may have edited (a byte order mark is accepted); JSON errors throw. */
export function readJsonFile(path: string): unknown {
  return JSON.parse(readTextFile(path)) as unknown;
}
