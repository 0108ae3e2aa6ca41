// What a test needs from outside the repository (the data in ../shared, a built CLI, mosquitto,
// socat, the Electron binary), and the one rule for when it is missing: skip and say why, unless
// the run demands everything (`NIDA_REQUIRE_ALL=1`, set by .ci/run), where a skip would hide a gap
// and the test fails instead. Used by the node tests and the Playwright specs alike.
import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

export const REPO_ROOT = resolve(import.meta.dirname, '..', '..');

/** The environment variable that turns every missing prerequisite into a failure. */
export const REQUIRE_ALL = 'NIDA_REQUIRE_ALL';

export interface Prerequisite {
  /** What is needed, as a person looks for it: "mosquitto", "../shared/testdata/nmea/README.md". */
  readonly name: string;
  /** Why it cannot be used here and how to get it; null when it is present. */
  readonly missing: string | null;
  /**
   * The environment variable that makes it mandatory when set to `1`: `NIDA_REQUIRE_ALL` for all
   * but the Electron binary, which cannot be installed everywhere CI runs (see electronApp()).
   */
  readonly requiredBy: string;
}

export function prerequisite(name: string, missing: string | null, requiredBy: string = REQUIRE_ALL): Prerequisite {
  return { name, missing, requiredBy };
}

/** Thrown instead of skipping when the run requires the prerequisite. */
export class MissingPrerequisiteError extends Error {
  override readonly name = 'MissingPrerequisiteError';
}

const announced = new Set<string>();

/**
 * Null when every prerequisite is present. Otherwise the reason to skip, printed once per process
 * so the run log says why; or, when the run requires one that is missing (`NIDA_REQUIRE_ALL=1`),
 * throws a MissingPrerequisiteError naming it, so the test (or the whole file, when called while
 * tests are collected) fails.
 */
export function requirePrerequisites(...prerequisites: readonly Prerequisite[]): string | null {
  const missing = prerequisites.filter((needed) => needed.missing !== null);
  const required = missing.filter((needed) => process.env[needed.requiredBy] === '1');
  if (required.length > 0) {
    throw new MissingPrerequisiteError(
      required
        .map((needed) => `${needed.name} is required (${needed.requiredBy}=1): ${needed.missing ?? ''}`)
        .join('\n'),
    );
  }
  if (missing.length === 0) return null;
  const reason = `skipped: ${missing.map((needed) => `${needed.name}: ${needed.missing ?? ''}`).join('; ')}`;
  if (!announced.has(reason)) {
    announced.add(reason);
    console.log(reason);
  }
  return reason;
}

/** The shared data beside the checkout (`../shared`), or wherever `NIDA_SHARED_DIR` points. */
export function sharedDir(): string {
  const fromEnvironment = process.env['NIDA_SHARED_DIR'];
  return fromEnvironment ? resolve(fromEnvironment) : join(REPO_ROOT, '..', 'shared');
}

export interface SharedFile extends Prerequisite {
  readonly path: string;
}

/** A file of the shared data (`sharedFile('mapdata', 'iraq-districts.geojson')`), never copied into the repo. */
export function sharedFile(...segments: readonly string[]): SharedFile {
  const path = join(sharedDir(), ...segments);
  const missing = existsSync(path)
    ? null
    : `${path} not found: put the shared data beside this checkout (../shared) or point NIDA_SHARED_DIR at it`;
  return { ...prerequisite(`../shared/${segments.join('/')}`, missing), path };
}

/** A file `npm run build` makes (the CLI, the renderer); `npm test` builds before the node tests. */
export function builtFile(...segments: readonly string[]): Prerequisite & { readonly path: string } {
  const path = join(REPO_ROOT, ...segments);
  const missing = existsSync(path) ? null : `${relative(REPO_ROOT, path)} is missing: run \`npm run build\` first`;
  return { ...prerequisite(`the built ${segments.join('/')}`, missing), path };
}

/** The built `nida` CLI (out/main/cli.js) that bin/nida.js runs. */
export const builtCli = (): Prerequisite & { readonly path: string } => builtFile('out', 'main', 'cli.js');

/** The part of a test's context (vitest) that skips it. */
interface SkippableTest {
  skip(note?: string): void;
}

/** Inside a test: skips it with the reason when a prerequisite is missing, or fails it when the run requires them. */
export function skipTestWithout(context: SkippableTest, ...prerequisites: readonly Prerequisite[]): void {
  const reason = requirePrerequisites(...prerequisites);
  if (reason !== null) context.skip(reason);
}
