import { z } from 'zod';

/**
 * Where the console's windows go on a workstation with several monitors. Pure: the Electron shell
 * reads the displays (`screen.getAllDisplays()`), calls `placeWindows` with the saved layout, and
 * applies the bounds it gets back — again whenever a display is added, removed or changes
 * resolution, scale or primary. All coordinates are Electron's DIP (device-independent pixels).
 */

/**
 * What a window shows (its view). `console` is the full console; the others are one part of it on its
 * own screen. Not to be confused with the operator's role (call-taker, dispatcher, shift lead).
 */
export const windowViews = ['console', 'map', 'queue', 'incident', 'units', 'wall', 'outage', 'trainer'] as const;
export const windowViewSchema = z.enum(windowViews);
export type WindowView = z.infer<typeof windowViewSchema>;

const coordinate = z.number().int().min(-100_000).max(100_000);
const extent = z.number().int().min(1).max(100_000);

export const rectSchema = z.strictObject({ x: coordinate, y: coordinate, width: extent, height: extent });
export type Rect = z.infer<typeof rectSchema>;

/** A monitor as Electron describes it (id as text: Electron's numeric ids do not survive JSON everywhere). */
export const displayInfoSchema = z.strictObject({
  id: z.string().min(1).max(40),
  /** Whole monitor, DIP. */
  bounds: rectSchema,
  /** Monitor minus task bars and docks, DIP. */
  workArea: rectSchema,
  scaleFactor: z.number().min(0.5).max(8),
  primary: z.boolean(),
  /** Shown in the layout editor ("DELL U2720Q"); not used for matching. */
  label: z.string().max(120).default(''),
});
export type DisplayInfo = z.infer<typeof displayInfoSchema>;
export type DisplayInfoInput = z.input<typeof displayInfoSchema>;

/** One window of the saved layout, with the monitor it was on when it was saved. */
export const windowPlacementSchema = z.strictObject({
  /** Stable per window (`map-1`, `map-2`): a view may be open more than once. */
  key: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'lower-case key'),
  view: windowViewSchema,
  /** The display it belongs on: matched by id first, then by where that display was. */
  display: z.strictObject({ id: z.string().min(1).max(40), bounds: rectSchema, workArea: rectSchema }),
  /** Normal (restored) bounds on that display, absolute DIP as they were when saved. */
  bounds: rectSchema,
  maximized: z.boolean().default(false),
  fullscreen: z.boolean().default(false),
});
export type WindowPlacement = z.infer<typeof windowPlacementSchema>;
export type WindowPlacementInput = z.input<typeof windowPlacementSchema>;

/** A window as the shell must show it now. */
export interface PlacedWindow {
  readonly key: string;
  readonly view: WindowView;
  readonly displayId: string;
  readonly bounds: Rect;
  readonly maximized: boolean;
  readonly fullscreen: boolean;
  /** How its display was found; `fallback` means its own display is missing and it went elsewhere. */
  readonly matchedBy: 'id' | 'position' | 'arrangement' | 'fallback';
}

/** Smallest window the console lays out usefully (BrowserWindow minWidth/minHeight), shrunk on smaller screens. */
export const MIN_WINDOW = { width: 480, height: 360 } as const;
/** Offset between windows that fell back onto the same display, so none hides another exactly. */
export const CASCADE_STEP = 32;

function center(rect: Rect): { x: number; y: number } {
  return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
}

function origin(rects: readonly Rect[]): { x: number; y: number } {
  return {
    x: Math.min(...rects.map((rect) => rect.x)),
    y: Math.min(...rects.map((rect) => rect.y)),
  };
}

function overlapArea(a: Rect, b: Rect): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width > 0 && height > 0 ? width * height : 0;
}

const clamp = (value: number, low: number, high: number): number => Math.min(Math.max(value, low), high);

type SavedDisplay = WindowPlacement['display'];
export interface DisplayMatch {
  readonly display: DisplayInfo;
  readonly matchedBy: PlacedWindow['matchedBy'];
}

/**
 * Which current display each saved one corresponds to: the same id; else, for displays whose ids
 * changed (a reboot, a driver update), the one at the same place — by absolute position, or by the
 * place in the arrangement when the primary moved and every origin shifted, whichever explains more
 * of them; else the nearest one, so windows of an unplugged right-hand screen land on the screen that
 * is now rightmost.
 */
export function matchDisplays(
  savedDisplays: readonly SavedDisplay[],
  displays: readonly DisplayInfo[],
): Map<string, DisplayMatch> {
  const matches = new Map<string, DisplayMatch>();
  const [first] = displays;
  if (!first) return matches;
  const currentIds = new Set(displays.map((display) => display.id));
  const savedIds = new Set(savedDisplays.map((display) => display.id));
  for (const saved of savedDisplays) {
    const byId = displays.find((display) => display.id === saved.id);
    if (byId) matches.set(saved.id, { display: byId, matchedBy: 'id' });
  }
  // A display that still answers to a saved id belongs to that one, not to another by position.
  const free = displays.filter((display) => !savedIds.has(display.id));
  const unmatched = savedDisplays.filter((saved) => !currentIds.has(saved.id));
  const savedOrigin = origin(savedDisplays.map((display) => display.bounds));
  const currentOrigin = origin(displays.map((display) => display.bounds));
  const relative = (rect: Rect, from: { x: number; y: number }) => ({ x: rect.x - from.x, y: rect.y - from.y });
  const byPosition = (saved: SavedDisplay) =>
    free.find((display) => display.bounds.x === saved.bounds.x && display.bounds.y === saved.bounds.y);
  const byArrangement = (saved: SavedDisplay) => {
    const want = relative(saved.bounds, savedOrigin);
    return free.find((display) => {
      const at = relative(display.bounds, currentOrigin);
      return at.x === want.x && at.y === want.y;
    });
  };
  const positionHits = unmatched.filter((saved) => byPosition(saved)).length;
  const arrangementHits = unmatched.filter((saved) => byArrangement(saved)).length;
  const [find, matchedBy] =
    arrangementHits > positionHits ? ([byArrangement, 'arrangement'] as const) : ([byPosition, 'position'] as const);
  const taken = new Set<string>();
  for (const saved of unmatched) {
    const found = find(saved);
    if (found && !taken.has(found.id)) {
      taken.add(found.id);
      matches.set(saved.id, { display: found, matchedBy });
    }
  }
  for (const saved of unmatched) {
    if (matches.has(saved.id)) continue;
    const want = center({ ...saved.bounds, ...relative(saved.bounds, savedOrigin) });
    let best = first;
    let bestDistance = Number.POSITIVE_INFINITY;
    for (const display of displays) {
      const at = center({ ...display.bounds, ...relative(display.bounds, currentOrigin) });
      const distance = Math.hypot(at.x - want.x, at.y - want.y);
      if (distance < bestDistance) {
        best = display;
        bestDistance = distance;
      }
    }
    matches.set(saved.id, { display: best, matchedBy: 'fallback' });
  }
  return matches;
}

/**
 * Bounds on `workArea` for a window that had `bounds` on a work area of `savedWorkArea`: the same
 * place when the screen is the same size, the same share of the screen when it changed (resolution,
 * scale factor, another monitor), never smaller than MIN_WINDOW (unless the screen is) and never
 * outside the work area.
 */
export function fitBounds(bounds: Rect, savedWorkArea: Rect, workArea: Rect, cascade = 0): Rect {
  const sameSize = savedWorkArea.width === workArea.width && savedWorkArea.height === workArea.height;
  const scaleX = sameSize ? 1 : workArea.width / savedWorkArea.width;
  const scaleY = sameSize ? 1 : workArea.height / savedWorkArea.height;
  const width = clamp(Math.round(bounds.width * scaleX), Math.min(MIN_WINDOW.width, workArea.width), workArea.width);
  const height = clamp(
    Math.round(bounds.height * scaleY),
    Math.min(MIN_WINDOW.height, workArea.height),
    workArea.height,
  );
  const x = workArea.x + Math.round((bounds.x - savedWorkArea.x) * scaleX) + cascade;
  const y = workArea.y + Math.round((bounds.y - savedWorkArea.y) * scaleY) + cascade;
  return {
    x: clamp(x, workArea.x, workArea.x + workArea.width - width),
    y: clamp(y, workArea.y, workArea.y + workArea.height - height),
    width,
    height,
  };
}

/** Where every window of the layout goes on the displays there are now. */
export function placeWindows(displays: readonly DisplayInfo[], layout: readonly WindowPlacement[]): PlacedWindow[] {
  if (displays.length === 0) return [];
  const savedDisplays = [...new Map(layout.map((window) => [window.display.id, window.display])).values()];
  const matches = matchDisplays(savedDisplays, displays);
  const cascades = new Map<string, number>();
  return layout.map((window) => {
    const match = matches.get(window.display.id);
    if (!match) throw new Error(`no display matched for ${window.display.id}`);
    const { display, matchedBy } = match;
    let cascade = 0;
    if (matchedBy === 'fallback') {
      cascade = (cascades.get(display.id) ?? 0) + CASCADE_STEP;
      cascades.set(display.id, cascade);
    }
    return {
      key: window.key,
      view: window.view,
      displayId: display.id,
      bounds: fitBounds(window.bounds, window.display.workArea, display.workArea, cascade),
      maximized: window.maximized,
      fullscreen: window.fullscreen,
      matchedBy,
    };
  });
}

/** The display a window is on: the one it overlaps most, else the nearest (a window dragged off every screen). */
export function displayOf(bounds: Rect, displays: readonly DisplayInfo[]): DisplayInfo | null {
  let best: DisplayInfo | null = null;
  let bestArea = 0;
  for (const display of displays) {
    const area = overlapArea(bounds, display.bounds);
    if (area > bestArea) {
      best = display;
      bestArea = area;
    }
  }
  if (best) return best;
  const at = center(bounds);
  let nearest: DisplayInfo | null = null;
  let nearestDistance = Number.POSITIVE_INFINITY;
  for (const display of displays) {
    const c = center(display.bounds);
    const distance = Math.hypot(c.x - at.x, c.y - at.y);
    if (distance < nearestDistance) {
      nearest = display;
      nearestDistance = distance;
    }
  }
  return nearest;
}

/** Displays in reading order (top to bottom, then left to right): the order "next display" walks. */
export function orderedDisplays(displays: readonly DisplayInfo[]): DisplayInfo[] {
  return [...displays].sort((a, b) => a.bounds.y - b.bounds.y || a.bounds.x - b.bounds.x || a.id.localeCompare(b.id));
}

/** The display after `displayId` (wrapping), for the "move window to next display" shortcut. */
export function nextDisplay(displays: readonly DisplayInfo[], displayId: string): DisplayInfo | null {
  const ordered = orderedDisplays(displays);
  if (ordered.length === 0) return null;
  const index = ordered.findIndex((display) => display.id === displayId);
  return ordered[(index + 1) % ordered.length] ?? null;
}

/** What to save for a window that is now at `bounds` (its normal bounds) on `displays`. */
export function recordPlacement(
  window: { key: string; view: WindowView; bounds: Rect; maximized: boolean; fullscreen: boolean },
  displays: readonly DisplayInfo[],
): WindowPlacement | null {
  const display = displayOf(window.bounds, displays);
  if (!display) return null;
  return {
    key: window.key,
    view: window.view,
    display: { id: display.id, bounds: display.bounds, workArea: display.workArea },
    bounds: fitBounds(window.bounds, display.workArea, display.workArea),
    maximized: window.maximized,
    fullscreen: window.fullscreen,
  };
}

/** The same window moved onto `target`, keeping its share of the screen. */
export function moveToDisplay(window: WindowPlacement, target: DisplayInfo): WindowPlacement {
  return {
    ...window,
    display: { id: target.id, bounds: target.bounds, workArea: target.workArea },
    bounds: fitBounds(window.bounds, window.display.workArea, target.workArea),
  };
}

/** First start on a workstation: the full console, maximized, on the primary display. */
export function defaultLayout(displays: readonly DisplayInfo[]): WindowPlacement[] {
  const primary = displays.find((display) => display.primary) ?? displays[0];
  if (!primary) return [];
  const width = Math.min(1600, primary.workArea.width);
  const height = Math.min(960, primary.workArea.height);
  return [
    {
      key: 'console-1',
      view: 'console',
      display: { id: primary.id, bounds: primary.bounds, workArea: primary.workArea },
      bounds: {
        x: primary.workArea.x + Math.round((primary.workArea.width - width) / 2),
        y: primary.workArea.y + Math.round((primary.workArea.height - height) / 2),
        width,
        height,
      },
      maximized: true,
      fullscreen: false,
    },
  ];
}

/** A key for one more window of `view` that no window of the layout uses yet (`map-1`, `map-2`, …). */
export function nextWindowKey(view: WindowView, layout: readonly Pick<WindowPlacement, 'key'>[]): string {
  const used = new Set(layout.map((window) => window.key));
  let n = 1;
  while (used.has(`${view}-${n}`)) n++;
  return `${view}-${n}`;
}

/**
 * A saved window as an older Nida wrote it: the view was called `role` then. Returns the entry with
 * `view` (unchanged when it already has one, or is not an object), for the schema to check.
 */
export function migrateWindowPlacement(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || !('role' in raw) || 'view' in raw) return raw;
  const { role, ...rest } = raw as { role: unknown } & Record<string, unknown>;
  return { ...rest, view: role };
}
