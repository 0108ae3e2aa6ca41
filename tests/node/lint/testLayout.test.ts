// Test folders mirror the source folders (docs/architecture.md, "Tests"): a capability's tests are
// in the folder named after its code, so a newcomer finds one beside the other.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../support/prerequisites';

/** Test folders that mirror a source folder of another name; every other one mirrors `src-main`. */
const MIRRORS: Readonly<Record<string, string>> = {
  domain: 'src-shared/domain',
  contract: 'src-shared/contract',
  renderer: 'src-renderer',
  lint: 'eslint-rules',
  scripts: 'scripts',
};

/** Helpers shared by the tests around them, at any depth: they have no source of their own. */
const HELPERS = new Set(['support', 'fixtures']);

const isFolder = (path: string): boolean => existsSync(path) && statSync(path).isDirectory();

/** The source folders a test folder (its path under tests/node, as parts) may mirror. */
function sourcesOf(parts: readonly string[]): string[] {
  const [top = '', ...rest] = parts;
  const mirrored = MIRRORS[top];
  if (mirrored !== undefined) return [join(mirrored, ...rest)];
  return [join('src-main', ...parts), join('src-main', 'services', ...parts)];
}

/** Test folders under tests/node, helpers left out, as path parts. */
function testFolders(parts: readonly string[] = []): string[][] {
  const dir = join(REPO_ROOT, 'tests', 'node', ...parts);
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !HELPERS.has(entry.name))
    .flatMap((entry) => [[...parts, entry.name], ...testFolders([...parts, entry.name])]);
}

/** Each folder whose source folder does not exist, with the places it was looked for. */
function withoutSource(folders: readonly (readonly string[])[]): string[] {
  return folders
    .filter((parts) => !sourcesOf(parts).some((source) => isFolder(join(REPO_ROOT, source))))
    .map((parts) => `tests/node/${parts.join('/')} (no ${sourcesOf(parts).join(' or ')})`);
}

describe('test folder layout', () => {
  it('given every folder under tests/node, then each mirrors a source folder', () => {
    const folders = testFolders();

    expect(folders.length).toBeGreaterThan(20);
    expect(withoutSource(folders)).toEqual([]);
  });

  it('given folders named after no code, then they are reported', () => {
    expect(withoutSource([['storeRaw'], ['renderer', 'nowhere'], ['domain', 'avl'], ['store']])).toEqual([
      'tests/node/storeRaw (no src-main/storeRaw or src-main/services/storeRaw)',
      'tests/node/renderer/nowhere (no src-renderer/nowhere)',
    ]);
  });
});
