import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** Electron's productName; the desktop app's user-data folder is named after it. */
export const PRODUCT_NAME = 'Nida';

export { appRoot, packageVersion } from '../config/appPaths';
import { appRoot } from '../config/appPaths';

/**
 * The same folder Electron's `app.getPath('userData')` gives the desktop app, so `nida serve` and
 * `nida desktop` share one database unless `--data` says otherwise.
 */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  if (env['NIDA_DATA_DIR']) return resolve(env['NIDA_DATA_DIR']);
  // An empty variable counts as unset (as in Chromium's GetXDGDirectory); `??` would give a relative 'Nida'.
  if (platform === 'win32') return join(env['APPDATA'] || join(homedir(), 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', PRODUCT_NAME);
  return join(env['XDG_CONFIG_HOME'] || join(homedir(), '.config'), PRODUCT_NAME);
}

export type ElectronBinary =
  { readonly available: true; readonly path: string } | { readonly available: false; readonly reason: string };

/**
 * Finds the Electron executable without triggering the npm package's download-on-first-use
 * (which needs internet and hangs on an offline control-room PC).
 */
export function findElectronBinary(root = appRoot(), env: NodeJS.ProcessEnv = process.env): ElectronBinary {
  const packageDir = join(root, 'node_modules', 'electron');
  if (!existsSync(join(packageDir, 'package.json'))) {
    return { available: false, reason: 'the electron package is not installed (run `npm install`)' };
  }
  const pathFile = join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const override = env['ELECTRON_OVERRIDE_DIST_PATH'];
  if (override) {
    const path = join(override, relative || 'electron');
    return existsSync(path) ? { available: true, path } : { available: false, reason: `no Electron binary at ${path}` };
  }
  if (!relative) {
    return {
      available: false,
      reason:
        'the Electron binary has not been downloaded (it is fetched on first use and needs internet once: `npx install-electron`)',
    };
  }
  const path = join(packageDir, 'dist', relative);
  return existsSync(path)
    ? { available: true, path }
    : {
        available: false,
        reason: `the Electron binary is missing from ${path} (run \`npx install-electron\` with internet)`,
      };
}
