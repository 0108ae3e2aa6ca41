import { closeSync, openSync, readSync, statSync } from 'node:fs';

export type StreetBasemapKind = 'pmtiles' | 'mbtiles';

export type StreetBasemapCheck =
  { readonly ok: true; readonly kind: StreetBasemapKind } | { readonly ok: false; readonly problem: string };

const PMTILES_MAGIC = Buffer.from('PMTiles');
const SQLITE_MAGIC = Buffer.from('SQLite format 3\0');

/** The kind the file's name promises: `.mbtiles` is an MBTiles archive, anything else PMTiles. */
export function streetBasemapKindByName(path: string): StreetBasemapKind {
  return /\.mbtiles$/i.test(path) ? 'mbtiles' : 'pmtiles';
}

function errorCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

/**
 * Checks `map.streetBasemap` by its first bytes, so a wrong or unreadable file is named at start
 * in words an administrator can act on (and the map goes without street detail) instead of
 * failing in the browser.
 */
export function checkStreetBasemap(path: string): StreetBasemapCheck {
  const expected = streetBasemapKindByName(path);
  const head = Buffer.alloc(SQLITE_MAGIC.length);
  let read: number;
  try {
    if (statSync(path).isDirectory()) {
      return { ok: false, problem: `map.streetBasemap is a folder, not a file: ${path}` };
    }
    const fd = openSync(path, 'r');
    try {
      read = readSync(fd, head, 0, head.length, 0);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOENT') return { ok: false, problem: `map.streetBasemap names a file that does not exist: ${path}` };
    if (code === 'EACCES' || code === 'EPERM') {
      return { ok: false, problem: `map.streetBasemap cannot be read by Nida's user (permissions): ${path}` };
    }
    return { ok: false, problem: `map.streetBasemap cannot be read (${code ?? String(error)}): ${path}` };
  }
  const bytes = head.subarray(0, read);
  const actual: StreetBasemapKind | null = bytes.subarray(0, PMTILES_MAGIC.length).equals(PMTILES_MAGIC)
    ? 'pmtiles'
    : bytes.equals(SQLITE_MAGIC)
      ? 'mbtiles'
      : null;
  if (actual === null) {
    return {
      ok: false,
      problem:
        `map.streetBasemap is neither a PMTiles file nor an MBTiles archive: ${path} ` +
        '(make one with `nida map import`, or convert it with the pmtiles tool)',
    };
  }
  if (actual !== expected) {
    const rightName = actual === 'mbtiles' ? '.mbtiles' : '.pmtiles';
    return {
      ok: false,
      problem: `map.streetBasemap is a${actual === 'mbtiles' ? 'n MBTiles archive' : ' PMTiles file'} but its name does not end in ${rightName}: ${path}`,
    };
  }
  return { ok: true, kind: actual };
}
