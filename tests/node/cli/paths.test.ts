import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PRODUCT_NAME, defaultDataDir, findElectronBinary } from '../../../src-main/cli/paths';
import { useTempDirs } from '../support/cleanup';

describe('defaultDataDir', () => {
  it.each(['linux', 'win32', 'darwin'] as const)(
    'given NIDA_DATA_DIR on %s, when resolved, then it wins and is made absolute',
    (platform) => {
      const env = { NIDA_DATA_DIR: 'relative/data', XDG_CONFIG_HOME: '/xdg', APPDATA: 'C:\\AppData' };

      const dir = defaultDataDir(env, platform);

      expect(dir).toBe(resolve('relative/data'));
      expect(isAbsolute(dir)).toBe(true);
    },
  );

  it('given linux with XDG_CONFIG_HOME, when resolved, then the folder is under it', () => {
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/srv/config' }, 'linux')).toBe(join('/srv/config', PRODUCT_NAME));
  });

  it('given linux without XDG_CONFIG_HOME, when resolved, then the folder is ~/.config/Nida', () => {
    expect(defaultDataDir({}, 'linux')).toBe(join(homedir(), '.config', 'Nida'));
  });

  it('given linux with an empty XDG_CONFIG_HOME, when resolved, then it falls back to ~/.config/Nida as Electron does', () => {
    expect(defaultDataDir({ XDG_CONFIG_HOME: '' }, 'linux')).toBe(join(homedir(), '.config', 'Nida'));
  });

  it('given an empty NIDA_DATA_DIR, when resolved, then it is ignored', () => {
    expect(defaultDataDir({ NIDA_DATA_DIR: '', XDG_CONFIG_HOME: '/x' }, 'linux')).toBe(join('/x', 'Nida'));
  });

  it('given win32 with APPDATA, when resolved, then the folder is %APPDATA%\\Nida', () => {
    const appData = 'C:\\Users\\op\\AppData\\Roaming';

    expect(defaultDataDir({ APPDATA: appData }, 'win32')).toBe(join(appData, 'Nida'));
  });

  it('given win32 without APPDATA, when resolved, then the folder is under the home AppData\\Roaming', () => {
    expect(defaultDataDir({}, 'win32')).toBe(join(homedir(), 'AppData', 'Roaming', 'Nida'));
  });

  it('given win32 with an empty APPDATA, when resolved, then it falls back to the home AppData\\Roaming', () => {
    expect(defaultDataDir({ APPDATA: '' }, 'win32')).toBe(join(homedir(), 'AppData', 'Roaming', 'Nida'));
  });

  it('given darwin, when resolved, then the folder is ~/Library/Application Support/Nida whatever XDG says', () => {
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/xdg' }, 'darwin')).toBe(
      join(homedir(), 'Library', 'Application Support', 'Nida'),
    );
  });
});

describe('findElectronBinary', () => {
  const tempDir = useTempDirs();

  /** A fake package root with as much of the electron package as the test asks for. */
  function fakeRoot(parts: { packageJson?: boolean; pathTxt?: string; binary?: string } = {}): {
    root: string;
    packageDir: string;
  } {
    const root = tempDir();
    const packageDir = join(root, 'node_modules', 'electron');
    if (parts.packageJson ?? true) {
      mkdirSync(packageDir, { recursive: true });
      writeFileSync(join(packageDir, 'package.json'), JSON.stringify({ name: 'electron', version: '45.5.0' }));
    }
    if (parts.pathTxt !== undefined) writeFileSync(join(packageDir, 'path.txt'), parts.pathTxt);
    if (parts.binary !== undefined) writeExecutable(join(packageDir, 'dist', parts.binary));
    return { root, packageDir };
  }

  function writeExecutable(path: string): void {
    mkdirSync(resolve(path, '..'), { recursive: true });
    writeFileSync(path, '#!/bin/sh\n');
    chmodSync(path, 0o755);
  }

  it('given no electron package, when searched, then it is unavailable and says to install it', () => {
    const { root } = fakeRoot({ packageJson: false });

    const found = findElectronBinary(root, {});

    expect(found).toEqual({ available: false, reason: expect.stringContaining('not installed') as unknown });
  });

  it('given the package without path.txt, when searched, then it is unavailable and the reason mentions the download', () => {
    const { root } = fakeRoot();

    const found = findElectronBinary(root, {});

    expect(found.available).toBe(false);
    if (found.available) return;
    expect(found.reason).toMatch(/download/);
    expect(found.reason).toContain('install-electron');
  });

  it('given path.txt but no binary in dist, when searched, then it is unavailable and names the missing path', () => {
    const { root, packageDir } = fakeRoot({ pathTxt: 'electron' });

    const found = findElectronBinary(root, {});

    expect(found).toEqual({
      available: false,
      reason: expect.stringContaining(join(packageDir, 'dist', 'electron')) as unknown,
    });
  });

  it('given path.txt (with a trailing newline) and the binary, when searched, then it is available at dist/<path.txt>', () => {
    const { root, packageDir } = fakeRoot({ pathTxt: 'electron\n', binary: 'electron' });

    expect(findElectronBinary(root, {})).toEqual({ available: true, path: join(packageDir, 'dist', 'electron') });
  });

  it('given ELECTRON_OVERRIDE_DIST_PATH with a binary there, when searched, then that binary is used even without path.txt', () => {
    const { root } = fakeRoot();
    const override = tempDir();
    writeExecutable(join(override, 'electron'));

    const found = findElectronBinary(root, { ELECTRON_OVERRIDE_DIST_PATH: override });

    expect(found).toEqual({ available: true, path: join(override, 'electron') });
  });

  it('given ELECTRON_OVERRIDE_DIST_PATH and a platform path.txt, when searched, then the override dir is joined with path.txt', () => {
    const macPath = 'Electron.app/Contents/MacOS/Electron';
    const { root } = fakeRoot({ pathTxt: macPath, binary: macPath });
    const override = tempDir();
    writeExecutable(join(override, macPath));

    const found = findElectronBinary(root, { ELECTRON_OVERRIDE_DIST_PATH: override });

    expect(found).toEqual({ available: true, path: join(override, macPath) });
  });

  it('given ELECTRON_OVERRIDE_DIST_PATH without a binary, when searched, then it is unavailable even if dist has one', () => {
    const { root } = fakeRoot({ pathTxt: 'electron', binary: 'electron' });
    const override = tempDir();

    const found = findElectronBinary(root, { ELECTRON_OVERRIDE_DIST_PATH: override });

    expect(found).toEqual({ available: false, reason: `no Electron binary at ${join(override, 'electron')}` });
  });
});
