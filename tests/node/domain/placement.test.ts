import { describe, expect, it } from 'vitest';
import {
  MIN_WINDOW,
  defaultLayout,
  displayOf,
  migrateWindowPlacement,
  moveToDisplay,
  nextDisplay,
  nextWindowKey,
  placeWindows,
  recordPlacement,
  type DisplayInfo,
  type PlacedWindow,
  type Rect,
  type WindowPlacement,
  type WindowView,
} from '../../../src-shared/domain/placement';

const TASKBAR = 40;

/** A monitor as Electron reports it: `size` in DIP at `scale`, a task bar at the bottom. */
function display(id: string, x: number, y: number, width: number, height: number, extra: Partial<DisplayInfo> = {}) {
  const info: DisplayInfo = {
    id,
    bounds: { x, y, width, height },
    workArea: { x, y, width, height: height - TASKBAR },
    scaleFactor: 1,
    primary: x === 0 && y === 0,
    label: '',
    ...extra,
  };
  return info;
}

function placement(
  key: string,
  view: WindowView,
  on: DisplayInfo,
  bounds: Rect,
  extra: Partial<WindowPlacement> = {},
): WindowPlacement {
  return {
    key,
    view,
    display: { id: on.id, bounds: on.bounds, workArea: on.workArea },
    bounds,
    maximized: false,
    fullscreen: false,
    ...extra,
  };
}

function inside(inner: Rect, outer: Rect): boolean {
  return (
    inner.x >= outer.x &&
    inner.y >= outer.y &&
    inner.x + inner.width <= outer.x + outer.width &&
    inner.y + inner.height <= outer.y + outer.height
  );
}

/** Every window fully inside the work area of the display it was given, none off-screen. */
function expectAllOnScreen(placed: readonly PlacedWindow[], displays: readonly DisplayInfo[]): void {
  for (const window of placed) {
    const target = displays.find((candidate) => candidate.id === window.displayId);
    expect(target, `${window.key} has a display`).toBeDefined();
    expect(inside(window.bounds, target!.workArea), `${window.key} ${JSON.stringify(window.bounds)}`).toBe(true);
  }
}

const byKey = (placed: readonly PlacedWindow[], key: string): PlacedWindow => {
  const found = placed.find((window) => window.key === key);
  if (!found) throw new Error(`no window ${key}`);
  return found;
};

// Three 1920×1080 monitors side by side: console in the middle (primary), map on the right, queue + units on the left.
const left = display('11', -1920, 0, 1920, 1080);
const middle = display('22', 0, 0, 1920, 1080);
const right = display('33', 1920, 0, 1920, 1080);
const threeScreens = [left, middle, right];
const layout: WindowPlacement[] = [
  placement('console-1', 'console', middle, { x: 0, y: 0, width: 1920, height: 1040 }, { maximized: true }),
  placement('map-1', 'map', right, { x: 1920, y: 0, width: 1920, height: 1040 }, { fullscreen: true }),
  placement('queue-1', 'queue', left, { x: -1920, y: 0, width: 960, height: 1040 }),
  placement('units-1', 'units', left, { x: -960, y: 0, width: 960, height: 1040 }),
];

describe('window placement across displays (pure)', () => {
  it('given the layout and the same three displays, when placed, then every window returns exactly where it was saved', () => {
    const placed = placeWindows(threeScreens, layout);
    expect(placed.map((window) => [window.key, window.displayId, window.matchedBy])).toEqual([
      ['console-1', '22', 'id'],
      ['map-1', '33', 'id'],
      ['queue-1', '11', 'id'],
      ['units-1', '11', 'id'],
    ]);
    for (const saved of layout) expect(byKey(placed, saved.key).bounds).toEqual(saved.bounds);
    expect(byKey(placed, 'console-1').maximized).toBe(true);
    expect(byKey(placed, 'map-1').fullscreen).toBe(true);
  });

  it('given a layout saved on 3 screens, when restored on 2, then the missing screen’s windows move to the nearest remaining one and none is off-screen', () => {
    const twoScreens = [middle, right];
    const placed = placeWindows(twoScreens, layout);
    expectAllOnScreen(placed, twoScreens);
    // The left screen is gone: its windows go to the nearest remaining screen (the middle one).
    expect(byKey(placed, 'queue-1')).toMatchObject({ displayId: '22', matchedBy: 'fallback' });
    expect(byKey(placed, 'units-1')).toMatchObject({ displayId: '22', matchedBy: 'fallback' });
    // Windows that fell onto the same screen are cascaded, not stacked exactly on each other.
    expect(byKey(placed, 'queue-1').bounds).not.toEqual(byKey(placed, 'units-1').bounds);
    // The others stay put.
    expect(byKey(placed, 'console-1').bounds).toEqual(layout[0]!.bounds);
    expect(byKey(placed, 'map-1').bounds).toEqual(layout[1]!.bounds);
  });

  it('given a layout saved on 3 screens, when the right-hand screen is missing, then its windows go to the screen that is now rightmost', () => {
    const placed = placeWindows([left, middle], layout);
    expect(byKey(placed, 'map-1')).toMatchObject({ displayId: '22', matchedBy: 'fallback', fullscreen: true });
    expectAllOnScreen(placed, [left, middle]);
  });

  it('given a single small laptop screen left, when a 3-screen layout is restored, then every window fits on it', () => {
    const laptop = display('99', 0, 0, 1366, 768, { primary: true });
    const placed = placeWindows([laptop], layout);
    expectAllOnScreen(placed, [laptop]);
    for (const window of placed) {
      expect(window.bounds.width).toBeGreaterThanOrEqual(Math.min(MIN_WINDOW.width, laptop.workArea.width));
      expect(window.bounds.height).toBeLessThanOrEqual(laptop.workArea.height);
    }
  });

  it('given a resolution change on one display, when placed, then its windows keep their share of the screen', () => {
    const bigger = display('11', -2560, 0, 2560, 1440);
    const placed = placeWindows([bigger, middle, right], layout);
    expectAllOnScreen(placed, [bigger, middle, right]);
    const queue = byKey(placed, 'queue-1');
    const units = byKey(placed, 'units-1');
    expect(queue.matchedBy).toBe('id');
    // Left half and right half of the (larger) left screen, as before.
    expect(queue.bounds).toEqual({ x: -2560, y: 0, width: 1280, height: 1400 });
    expect(units.bounds).toEqual({ x: -1280, y: 0, width: 1280, height: 1400 });
  });

  it('given a scale change from 100 % to 150 % (fewer DIP on the same monitor), when placed, then windows shrink with it and stay inside', () => {
    // 1920×1080 physical at 1.5 is 1280×720 DIP; Electron moves the neighbours' origins accordingly.
    const scaledRight = display('33', 1920, 0, 1280, 720, { scaleFactor: 1.5 });
    const placed = placeWindows([left, middle, scaledRight], layout);
    expectAllOnScreen(placed, [left, middle, scaledRight]);
    expect(byKey(placed, 'map-1').bounds).toEqual(scaledRight.workArea);
  });

  it('given a display unplugged while running and plugged back in, when placed each time, then its windows leave and then come back', () => {
    const whileUnplugged = placeWindows([left, middle], layout);
    expect(byKey(whileUnplugged, 'map-1').displayId).toBe('22');
    // The saved layout still names the right-hand screen: once it is back, so is the map.
    const replugged = placeWindows(threeScreens, layout);
    expect(byKey(replugged, 'map-1')).toMatchObject({ displayId: '33', matchedBy: 'id', bounds: layout[1]!.bounds });
  });

  it('given the primary display changed (every origin shifts), when placed, then windows follow their own monitor by id', () => {
    // The right screen becomes primary: it is now at (0,0) and everything else moves left.
    const shifted = [
      display('11', -3840, 0, 1920, 1080, { primary: false }),
      display('22', -1920, 0, 1920, 1080, { primary: false }),
      display('33', 0, 0, 1920, 1080, { primary: true }),
    ];
    const placed = placeWindows(shifted, layout);
    expectAllOnScreen(placed, shifted);
    expect(byKey(placed, 'console-1')).toMatchObject({ displayId: '22', bounds: { x: -1920, y: 0 } });
    expect(byKey(placed, 'map-1')).toMatchObject({ displayId: '33', bounds: { x: 0, y: 0 } });
    expect(byKey(placed, 'units-1')).toMatchObject({ displayId: '11', bounds: { x: -2880, y: 0 } });
  });

  it('given new display ids (after a reboot or a driver update), when placed, then displays are matched by position', () => {
    const renamed = threeScreens.map((screen) => ({ ...screen, id: `new-${screen.id}` }));
    const placed = placeWindows(renamed, layout);
    expect(placed.map((window) => [window.key, window.displayId, window.matchedBy])).toEqual([
      ['console-1', 'new-22', 'position'],
      ['map-1', 'new-33', 'position'],
      ['queue-1', 'new-11', 'position'],
      ['units-1', 'new-11', 'position'],
    ]);
  });

  it('given new display ids and a new primary, when placed, then displays are matched by their place in the arrangement', () => {
    const renamedShifted = [
      display('a', -3840, 0, 1920, 1080),
      display('b', -1920, 0, 1920, 1080),
      display('c', 0, 0, 1920, 1080),
    ];
    const placed = placeWindows(renamedShifted, layout);
    expect(byKey(placed, 'queue-1')).toMatchObject({ displayId: 'a', matchedBy: 'arrangement' });
    expect(byKey(placed, 'console-1')).toMatchObject({ displayId: 'b', matchedBy: 'arrangement' });
    expect(byKey(placed, 'map-1')).toMatchObject({ displayId: 'c', matchedBy: 'arrangement' });
  });

  it('given mixed DPI (a 4K screen at 200 % beside a 1080p screen at 100 %), when placed, then each window lies inside its own screen’s DIP work area', () => {
    const hiDpi = display('22', 0, 0, 1920, 1080, { scaleFactor: 2 }); // 3840×2160 physical
    const lowDpi = display('33', 1920, 0, 1920, 1080, { scaleFactor: 1 });
    const mixed = [
      placement('console-1', 'console', hiDpi, { x: 100, y: 50, width: 1600, height: 900 }),
      placement('wall-1', 'wall', lowDpi, { x: 2020, y: 50, width: 1600, height: 900 }),
    ];
    const placed = placeWindows([hiDpi, lowDpi], mixed);
    expectAllOnScreen(placed, [hiDpi, lowDpi]);
    expect(byKey(placed, 'console-1').bounds).toEqual(mixed[0]!.bounds);
    // The 4K screen goes to 150 %: 2560×1440 DIP. The console keeps its share of that screen.
    const hiDpi150 = display('22', 0, 0, 2560, 1440, { scaleFactor: 1.5 });
    const lowMoved = display('33', 2560, 0, 1920, 1080);
    const after = placeWindows([hiDpi150, lowMoved], mixed);
    expectAllOnScreen(after, [hiDpi150, lowMoved]);
    const console1 = byKey(after, 'console-1').bounds;
    expect(console1.width / hiDpi150.workArea.width).toBeCloseTo(1600 / 1920, 2);
    // The low-DPI screen moved right (its neighbour grew): the wall window moved with it.
    expect(byKey(after, 'wall-1').bounds.x).toBe(2660);
  });

  it('given a window dragged half onto another screen, when recorded, then it belongs to the screen it overlaps most and is saved fully on it', () => {
    const saved = recordPlacement(
      {
        key: 'map-1',
        view: 'map',
        bounds: { x: 1500, y: 100, width: 1200, height: 800 },
        maximized: false,
        fullscreen: false,
      },
      threeScreens,
    );
    expect(saved?.display.id).toBe('33');
    expect(inside(saved!.bounds, right.workArea)).toBe(true);
    expect(displayOf({ x: 9000, y: 9000, width: 100, height: 100 }, threeScreens)?.id).toBe('33');
  });

  it('given the "next display" shortcut, then it walks the displays left to right and wraps, and the moved window keeps its share of the screen', () => {
    expect(nextDisplay(threeScreens, '11')?.id).toBe('22');
    expect(nextDisplay(threeScreens, '33')?.id).toBe('11');
    const moved = moveToDisplay(layout[2]!, right);
    expect(moved.display.id).toBe('33');
    expect(moved.bounds).toEqual({ x: 1920, y: 0, width: 960, height: 1040 });
  });

  it('given no saved layout, then the full console opens maximized on the primary display; new windows get unused keys', () => {
    const [only] = defaultLayout(threeScreens);
    expect(only).toMatchObject({ view: 'console', maximized: true, display: { id: '22' } });
    expect(nextWindowKey('map', layout)).toBe('map-2');
    expect(nextWindowKey('wall', layout)).toBe('wall-1');
    expect(placeWindows([], layout)).toEqual([]);
  });

  it('given a window saved by an older Nida (its view called `role`), when migrated, then it has a view and nothing else changed', () => {
    const saved = placement('map-1', 'map', right, right.workArea);
    const { view, ...rest } = saved;

    expect(migrateWindowPlacement({ ...rest, role: view })).toEqual(saved);
    expect(migrateWindowPlacement(saved)).toBe(saved);
    expect(migrateWindowPlacement('not a window')).toBe('not a window');
  });
});
