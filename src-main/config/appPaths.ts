import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The installed package root (found from this file, whether bundled into `out/main/` or run from source). */
export function appRoot(): string {
  let directory = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(directory, 'package.json'))) return directory;
    directory = dirname(directory);
  }
  throw new Error('cannot find the Nida package root');
}

/** Shipped data: taxonomy, gazetteer, map, sample config. */
export function resourcesDir(root = appRoot()): string {
  return join(root, 'resources');
}

export function packageVersion(root = appRoot()): string {
  const parsed = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: unknown };
  return typeof parsed.version === 'string' ? parsed.version : '0.0.0';
}
