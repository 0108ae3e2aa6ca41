import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');
const storeDir = join(root, 'src-main', 'services', 'store');

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** What only the store may do: hold a better-sqlite3 connection, open the database, prepare SQL. */
const storeOnly = [
  { what: 'imports better-sqlite3', pattern: /from 'better-sqlite3'/ },
  { what: 'opens the database itself', pattern: /from '[./]*(?:services\/)?store\/database'/ },
  { what: 'prepares SQL', pattern: /\.prepare(?:<[^>]*>)?\(/ },
];

/** SQLite files that are not Nida's database, each read by its own module (and why). */
const otherDatabases: Readonly<Record<string, string>> = {
  'src-main/http/mbtilesArchive.ts': 'a street map archive: MBTiles is SQLite, opened read-only to serve its tiles',
};

describe('the store owns its SQL', () => {
  it('given the host code outside services/store, then none of it holds a connection, opens the database or prepares SQL', () => {
    const offenders = sourceFiles(join(root, 'src-main'))
      .filter((path) => !path.startsWith(storeDir) && otherDatabases[relative(root, path)] === undefined)
      .flatMap((path) => {
        const text = readFileSync(path, 'utf8');
        return storeOnly
          .filter((rule) => rule.pattern.test(text))
          .map((rule) => `${relative(root, path)} ${rule.what}`);
      });

    expect(offenders).toEqual([]);
  });
});
