import { describe, expect, it } from 'vitest';
import { WINDOW_SHORTCUTS, isAppUrl, toDisplayInfo, windowUrl } from '../../../src-main/electron/policy';
import { displayInfoSchema, placeWindows, windowViews } from '../../../src-shared/domain/placement';

describe('desktop windows of the workstation layout (pure parts of windows.ts)', () => {
  it('given a layout window, then its page is the bundled app with its view and key, and nothing else', () => {
    expect(windowUrl({ key: 'console-1', view: 'console' })).toBe('app://nida/index.html?window=console-1');
    expect(windowUrl({ key: 'map-2', view: 'map' })).toBe('app://nida/index.html?view=map&window=map-2');
    for (const view of windowViews) {
      const url = windowUrl({ key: `${view}-1`, view });
      expect(isAppUrl(url), url).toBe(true);
    }
  });

  it('given Electron displays with fractional DIP (125 % scale), then they become valid DisplayInfo the placement function accepts', () => {
    const electronDisplays = [
      {
        id: 2528732444,
        label: 'DELL U2720Q',
        bounds: { x: 0, y: 0, width: 3072, height: 1728 },
        workArea: { x: 0, y: 0, width: 3072, height: 1687.2 },
        scaleFactor: 1.25,
      },
      {
        id: 1,
        bounds: { x: 3072, y: 0, width: 1920, height: 1080 },
        workArea: { x: 3072, y: 0, width: 1920, height: 1040 },
        scaleFactor: 1,
      },
    ];
    const displays = electronDisplays.map((display) => toDisplayInfo(display, 2528732444));
    for (const display of displays) expect(displayInfoSchema.safeParse(display).success).toBe(true);
    expect(displays.map((display) => [display.id, display.primary, display.workArea.height])).toEqual([
      ['2528732444', true, 1687],
      ['1', false, 1040],
    ]);
    const [placed] = placeWindows(displays, [
      {
        key: 'map-1',
        view: 'map',
        display: { id: '1', bounds: displays[1]!.bounds, workArea: displays[1]!.workArea },
        bounds: displays[1]!.workArea,
        maximized: false,
        fullscreen: true,
      },
    ]);
    expect(placed).toMatchObject({ displayId: '1', fullscreen: true });
  });

  it('names distinct keyboard shortcuts for focusing windows and moving a window to the next display', () => {
    expect(new Set(Object.values(WINDOW_SHORTCUTS)).size).toBe(3);
  });
});
