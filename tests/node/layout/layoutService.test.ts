import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LayoutState } from '../../../src-shared/contract/api';
import type { HostEvent } from '../../../src-shared/contract/events';
import type { WindowPlacement } from '../../../src-shared/domain/placement';
import { LAYOUT_FILE_NAME } from '../../../src-main/services/layout/layoutService';
import { useCleanup, useTempDirs } from '../support/cleanup';
import { createTestHost, testContext } from '../support/testHost';
import { readDatabase } from '../support/readDatabase';

const screen = {
  id: '22',
  bounds: { x: 0, y: 0, width: 1920, height: 1080 },
  workArea: { x: 0, y: 0, width: 1920, height: 1040 },
};
const wall = {
  id: '33',
  bounds: { x: 1920, y: 0, width: 1920, height: 1080 },
  workArea: { x: 1920, y: 0, width: 1920, height: 1040 },
};

const windows: WindowPlacement[] = [
  { key: 'console-1', view: 'console', display: screen, bounds: screen.workArea, maximized: true, fullscreen: false },
  { key: 'wall-1', view: 'wall', display: wall, bounds: wall.workArea, maximized: false, fullscreen: true },
];

describe('workstation layout service', () => {
  const tempDir = useTempDirs();
  const defer = useCleanup();

  function start(dataDir: string) {
    const started = createTestHost(dataDir);
    defer(() => started.host.dispose());
    return started;
  }

  it('given a new workstation, when the layout is saved and the console restarts, then the same layout is restored from the data directory', async () => {
    const dataDir = tempDir();
    const first = start(dataDir);
    expect(await first.host.dispatch('layout.get', {}, testContext)).toEqual({
      ok: true,
      value: { layout: { version: 0, updatedAt: null, windows: [] }, displays: [] },
    });

    const saved = await first.host.dispatch('layout.save', { windows, expectedVersion: 0 }, testContext);
    expect(saved).toMatchObject({ ok: true, value: { layout: { version: 1, windows } } });
    await first.host.dispose();

    expect(JSON.parse(readFileSync(join(dataDir, LAYOUT_FILE_NAME), 'utf8'))).toMatchObject({
      format: 2,
      version: 1,
      savedBy: testContext.actor,
      windows,
    });
    const second = start(dataDir);
    const restored = await second.host.dispatch('layout.get', {}, testContext);
    expect(restored).toMatchObject({ ok: true, value: { layout: { version: 1, windows } } });
    expect(second.host.layout.current().windows).toEqual(windows);
  });

  it('given two windows editing the layout, when the second saves over a version it did not see, then it is refused with CONFLICT', async () => {
    const { host } = start(tempDir());
    await host.dispatch('layout.save', { windows, expectedVersion: 0 }, testContext);

    const stale = await host.dispatch('layout.save', { windows: windows.slice(0, 1), expectedVersion: 0 }, testContext);

    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(host.layout.current().windows).toHaveLength(2);
  });

  it('given a layout with duplicate window keys, off-limits numbers or an unknown view, when saved, then it is refused as an invalid argument and nothing is written', async () => {
    const dataDir = tempDir();
    const { host } = start(dataDir);
    const bad = [
      { windows: [windows[0], windows[0]] },
      { windows: [{ ...windows[0], view: 'kitchen' }] },
      { windows: [{ ...windows[0], bounds: { x: 0, y: 0, width: -5, height: 10 } }] },
      { windows: [] },
    ];
    for (const args of bad) {
      const result = await host.dispatch('layout.save', args, testContext);
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    }
    expect(existsSync(join(dataDir, LAYOUT_FILE_NAME))).toBe(false);
  });

  it("given a layout saved before the window view was renamed (format 1, `role`), when the console starts, then it loads with each window's view", () => {
    const dataDir = tempDir();
    const legacyWindows = windows.map(({ view, ...rest }) => ({ ...rest, role: view }));
    writeFileSync(
      join(dataDir, LAYOUT_FILE_NAME),
      JSON.stringify({ format: 1, version: 4, updatedAt: 1, savedBy: 'desktop', windows: legacyWindows }),
    );

    const { host } = start(dataDir);

    expect(host.layout.current()).toEqual({ version: 4, updatedAt: 1, windows });
    expect(readdirSync(dataDir).some((name) => name.startsWith(`${LAYOUT_FILE_NAME}.invalid-`))).toBe(false);
  });

  it('given a damaged layout file, when the console starts, then it starts with the default layout and keeps the damaged file aside', () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, LAYOUT_FILE_NAME), '{"format":1,"version":"three"');

    const { host } = start(dataDir);

    expect(host.layout.current()).toEqual({ version: 0, updatedAt: null, windows: [] });
    expect(readdirSync(dataDir).some((name) => name.startsWith(`${LAYOUT_FILE_NAME}.invalid-`))).toBe(true);
  });

  it('given a connected window, when the desktop shell reports displays or a layout is saved, then every window is told and the save is audited', async () => {
    const { host } = start(tempDir());
    const seen: LayoutState[] = [];
    defer(
      host.subscribe((event: HostEvent) => {
        if (event.name === 'onLayoutChanged') seen.push(event.payload);
      }),
    );

    host.layout.reportDisplays([{ ...screen, scaleFactor: 1, primary: true, label: 'DELL' }]);
    await host.dispatch('layout.save', { windows }, testContext);

    expect(seen).toHaveLength(2);
    expect(seen[0]?.displays.map((display) => display.id)).toEqual(['22']);
    expect(seen[1]?.layout.version).toBe(1);
    const audit = readDatabase(host.store, (db) =>
      db
        .prepare<[], { actor: string; details: string }>(
          "SELECT actor, details FROM audit WHERE action = 'layout.save'",
        )
        .all(),
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actor).toBe(testContext.actor);
    expect(JSON.parse(audit[0]!.details)).toMatchObject({
      version: 1,
      windows: [{ key: 'console-1' }, { key: 'wall-1' }],
    });
  });
});
