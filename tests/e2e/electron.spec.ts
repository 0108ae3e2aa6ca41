import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { findElectronBinary } from '../../src-main/cli/paths';
import { prerequisite, requirePrerequisites } from '../support/prerequisites';

/**
 * Smoke test of the desktop app with Playwright's Electron support. It needs the Electron binary
 * (downloaded once with internet, docs/desktop.md) and better-sqlite3 built for Electron's ABI; where
 * either is missing it is reported as skipped with the reason. It never calls `require('electron')`,
 * which would start a download.
 *
 * The one documented exception to `NIDA_REQUIRE_ALL=1`: the binary cannot be downloaded on every
 * machine CI runs on, so this test is required only with `NIDA_REQUIRE_ELECTRON=1`.
 */
const repoRoot = join(import.meta.dirname, '..', '..');
const binary = findElectronBinary(repoRoot);
const sqliteForElectron = join(repoRoot, 'resources', 'native', 'electron', 'better_sqlite3.node');
const REQUIRE_ELECTRON = 'NIDA_REQUIRE_ELECTRON';
const skipReason = requirePrerequisites(
  prerequisite('the Electron binary', binary.available ? null : binary.reason, REQUIRE_ELECTRON),
  prerequisite(
    'better-sqlite3 built for Electron',
    existsSync(sqliteForElectron) ? null : `${sqliteForElectron} is missing (see docs/desktop.md)`,
    REQUIRE_ELECTRON,
  ),
);

test.describe('desktop app (Electron)', () => {
  test.skip(skipReason !== null, skipReason ?? '');

  test('given a saved two-screen layout, when the desktop app starts, then it opens the console and the map window, sandboxed, placed by the layout', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'nida-electron-'));
    const display = {
      id: 'unknown-display',
      bounds: { x: 0, y: 0, width: 1280, height: 800 },
      workArea: { x: 0, y: 0, width: 1280, height: 800 },
    };
    writeFileSync(
      join(dataDir, 'workstation-layout.json'),
      JSON.stringify({
        format: 1,
        version: 1,
        updatedAt: Date.now(),
        savedBy: 'test',
        windows: [
          {
            key: 'console-1',
            role: 'console',
            display,
            bounds: { x: 0, y: 0, width: 1024, height: 700 },
            maximized: false,
            fullscreen: false,
          },
          {
            key: 'map-1',
            role: 'map',
            display,
            bounds: { x: 200, y: 50, width: 800, height: 600 },
            maximized: false,
            fullscreen: false,
          },
        ],
      }),
    );
    const app = await electron.launch({
      executablePath: binary.available ? binary.path : '',
      args: [repoRoot, `--nida-data=${dataDir}`],
    });
    try {
      await expect.poll(() => app.windows().length, { timeout: 30_000 }).toBe(2);
      const pages = app.windows();
      for (const page of pages) await expect(page.getByTestId('link-host')).toHaveAttribute('data-state', 'up');
      const roles = await Promise.all(
        pages.map((page) =>
          page.evaluate(
            () => document.querySelector('[data-testid="role-window"]')?.getAttribute('data-role') ?? 'console',
          ),
        ),
      );
      expect(roles.sort()).toEqual(['console', 'map']);
      // The renderer gets the bridge and nothing of Node.
      const surface = await pages[0]!.evaluate(() => ({
        bridge: typeof (window as { nida?: unknown }).nida,
        require: typeof (window as { require?: unknown }).require,
        process: typeof (window as { process?: unknown }).process,
      }));
      expect(surface).toEqual({ bridge: 'object', require: 'undefined', process: 'undefined' });
      // Every window lies inside a display's work area.
      const inside = await app.evaluate(({ BrowserWindow, screen }) =>
        BrowserWindow.getAllWindows().every((window) => {
          const bounds = window.getBounds();
          return screen
            .getAllDisplays()
            .some(
              (display) =>
                bounds.x >= display.workArea.x &&
                bounds.y >= display.workArea.y &&
                bounds.x + bounds.width <= display.workArea.x + display.workArea.width &&
                bounds.y + bounds.height <= display.workArea.y + display.workArea.height,
            );
        }),
      );
      expect(inside).toBe(true);
    } finally {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
