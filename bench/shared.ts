import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { WebSocket, type RawData } from 'ws';
import { connectRemote } from '../tests/support/wsClient';
import { testOperators } from '../tests/support/testOperators';
import { parseGazetteer, placesFromGeoJson, type GazetteerPlace, type PlaceKind } from '../src-shared/domain/gazetteer';

/** Paths and data several benchmarks measure against. */
export const REPO_ROOT = join(import.meta.dirname, '..');
export const RENDERER_INDEX = join(REPO_ROOT, 'out', 'renderer', 'index.html');
export const BUILT_CLI = join(REPO_ROOT, 'out', 'main', 'cli.js');
export const CHROMIUM = '/usr/bin/chromium';
const GAZETTEER_FILE = join(REPO_ROOT, 'resources', 'gazetteer', 'iraq-gazetteer.json');
/** Real Iraqi admin layers (../shared/mapdata), read when present, never copied into the repo. */
export const MAPDATA_DIR = join(REPO_ROOT, '..', 'shared', 'mapdata');

/** The operator layers a center would load, as `gisLayers` entries, for those present on this machine. */
export function mapdataLayers(
  files: readonly (readonly [file: string, kind: PlaceKind])[],
): { path: string; kind: PlaceKind }[] {
  return files.map(([file, kind]) => ({ path: join(MAPDATA_DIR, file), kind })).filter(({ path }) => existsSync(path));
}

/** The places the host searches: the shipped gazetteer plus the given layers, loaded as the host loads them. */
export function loadPlaces(layers: readonly { path: string; kind: PlaceKind }[]): GazetteerPlace[] {
  const parsed = parseGazetteer(JSON.parse(readFileSync(GAZETTEER_FILE, 'utf8')));
  if (!parsed.ok) throw new Error(`gazetteer does not validate: ${parsed.errors.join('; ')}`);
  const places = [...parsed.value];
  for (const { path, kind } of layers) {
    places.push(...placesFromGeoJson(JSON.parse(readFileSync(path, 'utf8')), kind, { idPrefix: `layer:${path}` }));
  }
  return places;
}

/**
 * A source module as it was at an earlier commit, for a same-run baseline against the code it
 * replaced: taken from git (not kept as a copy in the tree), its relative imports pointed back at
 * today's files, written under bench/.previous (ignored by git) and imported.
 */
export async function previousModule<Module>(commit: string, path: string): Promise<Module> {
  const shown = spawnSync('git', ['show', `${commit}:${path}`], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (shown.status !== 0)
    throw new Error(`the baseline needs ${path} at ${commit} from git history: ${shown.stderr.trim()}`);
  const target = join(REPO_ROOT, 'bench', '.previous', commit, path);
  const back = relative(dirname(target), join(REPO_ROOT, dirname(path)))
    .split('\\')
    .join(posix.sep);
  mkdirSync(dirname(target), { recursive: true });
  const source = shown.stdout.replace(/from '(\.\.?)\//g, (_match, dots: string) =>
    dots === '.' ? `from '${back}/` : `from '${back}/../`,
  );
  writeFileSync(target, source);
  return (await import(pathToFileURL(target).href)) as Module;
}

/**
 * Signs in on the console's sign-in screen as the test shift lead (the first administrator that
 * `startConsole` creates) and resolves once the console is shown: every window of a live console
 * asks who works it first. Returns the milliseconds of page time the sign-in itself took, which
 * figures timed from navigation start leave out.
 */
export async function signInBench(page: Page): Promise<number> {
  const form = page.getByTestId('sign-in-form');
  await form.waitFor({ state: 'visible', timeout: 60_000 });
  const shownAt = await page.evaluate(() => performance.now());
  await form.getByTestId('sign-in-form-operator').fill('lead');
  await form.getByTestId('sign-in-form-password').fill(testOperators.lead.password);
  await form.getByTestId('sign-in-form-submit').click();
  await form.waitFor({ state: 'hidden', timeout: 60_000 });
  return (await page.evaluate(() => performance.now())) - shownAt;
}

/**
 * A bare WebSocket to the console at `origin`, signed in as the test shift lead (created as the
 * first administrator when the roster is empty): since issue 16 a window that is not signed in gets
 * no calls or incidents. Bare, so that a benchmark's client does no more work than a window's socket.
 */
export async function signedInSocket(origin: string, token: string): Promise<WebSocket> {
  const remote = await connectRemote({ origin, token });
  await remote.close();
  const socket = new WebSocket(`${origin.replace(/^http/, 'ws')}/ws?token=${encodeURIComponent(token)}`, { origin });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  await callOverSocket(socket, 'session.signIn', { operatorId: 'lead', password: testOperators.lead.password });
  return socket;
}

/** Bench calls over a bare socket count up from here, clear of the small ids a benchmark's own calls use. */
let nextBenchCallId = 1_000_000_000;

/** One host call over a bare socket: resolves with its value, rejects with the host's refusal. */
export function callOverSocket(socket: WebSocket, channel: string, args: unknown): Promise<unknown> {
  const id = nextBenchCallId++;
  return new Promise((resolve, reject) => {
    const listener = (data: RawData): void => {
      const text = Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.from(data as ArrayBuffer).toString('utf8');
      const message = JSON.parse(text) as { type?: string; id?: number; result?: { ok?: boolean; value?: unknown } };
      if (message.type !== 'result' || message.id !== id) return;
      socket.off('message', listener);
      if (message.result?.ok === true) resolve(message.result.value);
      else reject(new Error(`bench: ${channel} refused: ${JSON.stringify(message.result)}`));
    };
    socket.on('message', listener);
    socket.send(JSON.stringify({ type: 'call', id, channel, args }));
  });
}
