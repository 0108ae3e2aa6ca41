import { BrowserWindow, screen, type MenuItemConstructorOptions, type Rectangle } from 'electron';
import type { HostEvent } from '../../src-shared/contract/events';
import {
  defaultLayout,
  displayOf,
  moveToDisplay,
  nextDisplay,
  nextWindowKey,
  placeWindows,
  recordPlacement,
  windowViews,
  type DisplayInfo,
  type PlacedWindow,
  type WindowPlacement,
  type WindowView,
} from '../../src-shared/domain/placement';
import type { Host } from '../host/createHost';
import { WINDOW_SHORTCUTS, toDisplayInfo, windowUrl } from './policy';

/** Screen events come in bursts (a dock unplugged removes two displays, then changes a third). */
const DISPLAY_SETTLE_MS = 300;
/** A window being dragged fires `move` continuously; its place is saved once it rests. */
const SAVE_AFTER_MOVE_MS = 1_000;
const ACTOR = 'desktop';

/** Creates one BrowserWindow with the shell's security settings (main.ts owns those). */
export type WindowFactory = (url: string, bounds: Rectangle) => BrowserWindow;

export interface WindowManager {
  /** Focus the next (or previous) window of the workstation, in layout order. */
  focusNext(step: 1 | -1): void;
  /** Moves the focused window to the next display, keeping its share of the screen, and saves. */
  moveFocusedToNextDisplay(): void;
  /** Opens one more window of a view on the focused window's display (saved in the layout). */
  open(view: WindowView): void;
  /** Brings back the layout's windows (macOS dock click after every window was closed). */
  reopen(): void;
  /** From now on a closing window is the app quitting, not the dispatcher removing it from the layout. */
  quitting(): void;
  readonly count: number;
  first(): BrowserWindow | undefined;
}

function currentDisplays(): DisplayInfo[] {
  const primaryId = screen.getPrimaryDisplay().id;
  return screen.getAllDisplays().map((display) => toDisplayInfo(display, primaryId));
}

/**
 * The desktop side of the workstation layout: opens one window per entry of the saved layout,
 * places them with the pure `placeWindows` (src-shared/domain/placement.ts), re-places them when a
 * display is added, removed or changes resolution, scale or primary, and saves where the dispatcher
 * moves them. The layout itself lives in the host (services/layout), so the layout editor of any
 * window edits the same thing.
 */
export function startWindowManager(host: Host, createWindow: WindowFactory): WindowManager {
  const open = new Map<string, BrowserWindow>();
  let layout: WindowPlacement[] = [];
  let savedVersion = host.layout.current().version;
  let closingForQuit = false;
  let placing = false;
  let displayTimer: NodeJS.Timeout | undefined;
  const saveTimers = new Map<string, NodeJS.Timeout>();

  let saving = false;
  const save = (): void => {
    // The host announces the save (onLayoutChanged) before it returns: that one is ours, not an editor's.
    saving = true;
    try {
      savedVersion = host.layout.save(layout, ACTOR, savedVersion).layout.version;
    } catch (error) {
      // Another window's editor saved first: take its layout (the next onLayoutChanged brings it).
      host.logger.warn({ err: error }, 'workstation layout not saved');
    } finally {
      saving = false;
    }
  };

  const apply = (window: BrowserWindow, placed: PlacedWindow, displays: readonly DisplayInfo[]): void => {
    if (window.isDestroyed()) return;
    placing = true;
    try {
      if (window.isFullScreen() && !placed.fullscreen) window.setFullScreen(false);
      if (window.isMaximized() && !placed.maximized) window.unmaximize();
      const from = displayOf(window.getBounds(), displays);
      window.setBounds(placed.bounds);
      // Moving between displays of different scale factors, Chromium sizes the window for the old
      // scale first; the second call lands it at the intended size (electron/electron#10862).
      if (from && from.id !== placed.displayId) window.setBounds(placed.bounds);
      if (placed.maximized && !window.isMaximized()) window.maximize();
      if (placed.fullscreen && !window.isFullScreen()) window.setFullScreen(true);
    } finally {
      placing = false;
    }
  };

  const placeAll = (): void => {
    const displays = currentDisplays();
    for (const placed of placeWindows(displays, layout)) {
      const window = open.get(placed.key);
      if (window) apply(window, placed, displays);
    }
  };

  const remember = (key: string): void => {
    if (placing) return;
    clearTimeout(saveTimers.get(key));
    saveTimers.set(
      key,
      setTimeout(() => {
        saveTimers.delete(key);
        const window = open.get(key);
        const entry = layout.find((candidate) => candidate.key === key);
        if (!window || window.isDestroyed() || !entry) return;
        const recorded = recordPlacement(
          {
            key,
            view: entry.view,
            bounds: window.getNormalBounds(),
            maximized: window.isMaximized(),
            fullscreen: window.isFullScreen(),
          },
          currentDisplays(),
        );
        if (!recorded) return;
        layout = layout.map((candidate) => (candidate.key === key ? recorded : candidate));
        save();
      }, SAVE_AFTER_MOVE_MS),
    );
  };

  const openWindow = (entry: WindowPlacement, placed: PlacedWindow | undefined): void => {
    const bounds = placed?.bounds ?? entry.bounds;
    const window = createWindow(windowUrl(entry), bounds);
    open.set(entry.key, window);
    window.once('ready-to-show', () => {
      if (placed?.maximized) window.maximize();
      if (placed?.fullscreen) window.setFullScreen(true);
    });
    for (const event of [
      'moved',
      'resized',
      'maximize',
      'unmaximize',
      'enter-full-screen',
      'leave-full-screen',
    ] as const) {
      window.on(event as 'moved', () => remember(entry.key));
    }
    window.on('closed', () => {
      open.delete(entry.key);
      clearTimeout(saveTimers.get(entry.key));
      // Closing one of several windows removes it from the layout; quitting (or the last window) keeps it.
      if (!closingForQuit && open.size > 0 && layout.some((candidate) => candidate.key === entry.key)) {
        layout = layout.filter((candidate) => candidate.key !== entry.key);
        save();
      }
    });
  };

  /** Opens what the layout has and this app does not, closes what it no longer has, places everything. */
  const reconcile = (): void => {
    const displays = currentDisplays();
    const placed = new Map(placeWindows(displays, layout).map((window) => [window.key, window]));
    for (const [key, window] of open) {
      if (!layout.some((entry) => entry.key === key)) window.close();
    }
    for (const entry of layout) {
      const window = open.get(entry.key);
      const target = placed.get(entry.key);
      if (!window) openWindow(entry, target);
      else if (target) apply(window, target, displays);
    }
  };

  const onDisplaysChanged = (): void => {
    clearTimeout(displayTimer);
    displayTimer = setTimeout(() => {
      host.layout.reportDisplays(currentDisplays());
      // The layout still names the displays it was saved on: a display that comes back gets its windows back.
      placeAll();
    }, DISPLAY_SETTLE_MS);
  };

  host.layout.reportDisplays(currentDisplays());
  const saved = host.layout.current().windows;
  layout = saved.length > 0 ? [...saved] : defaultLayout(currentDisplays());
  reconcile();

  screen.on('display-added', onDisplaysChanged);
  screen.on('display-removed', onDisplaysChanged);
  screen.on('display-metrics-changed', onDisplaysChanged);
  host.subscribe((event: HostEvent) => {
    if (event.name !== 'onLayoutChanged' || saving || event.payload.layout.version === savedVersion) return;
    if (event.payload.layout.windows.length === 0) return;
    // Saved by a layout editor: open, close and move windows to match.
    savedVersion = event.payload.layout.version;
    layout = [...event.payload.layout.windows];
    reconcile();
  });

  const ordered = (): [string, BrowserWindow][] =>
    layout.flatMap((entry) => {
      const window = open.get(entry.key);
      return window ? [[entry.key, window] as [string, BrowserWindow]] : [];
    });

  const focused = (): [string, BrowserWindow] | undefined => {
    const window = BrowserWindow.getFocusedWindow();
    return ordered().find(([, candidate]) => candidate === window);
  };

  return {
    focusNext(step) {
      const windows = ordered();
      if (windows.length === 0) return;
      const current = focused();
      const index = current ? windows.findIndex(([key]) => key === current[0]) : -1;
      const next = windows[(index + step + windows.length) % windows.length];
      next?.[1].focus();
    },
    moveFocusedToNextDisplay() {
      const current = focused();
      if (!current) return;
      const [key] = current;
      const entry = layout.find((candidate) => candidate.key === key);
      const displays = currentDisplays();
      const here = placeWindows(displays, entry ? [entry] : [])[0];
      const target = here ? nextDisplay(displays, here.displayId) : null;
      if (!entry || !target || target.id === here?.displayId) return;
      const moved = moveToDisplay(
        { ...entry, display: displays.find((d) => d.id === here?.displayId) ?? entry.display },
        target,
      );
      layout = layout.map((candidate) => (candidate.key === key ? moved : candidate));
      placeAll();
      save();
    },
    open(view) {
      const current = focused();
      const anchor = layout.find((entry) => entry.key === current?.[0]) ?? layout[0];
      const displays = currentDisplays();
      const display = anchor?.display ?? defaultLayout(displays)[0]?.display;
      if (!display) return;
      const width = Math.min(1280, display.workArea.width);
      const height = Math.min(800, display.workArea.height);
      layout = [
        ...layout,
        {
          key: nextWindowKey(view, layout),
          view,
          display,
          bounds: { x: display.workArea.x, y: display.workArea.y, width, height },
          maximized: false,
          fullscreen: false,
        },
      ];
      reconcile();
      save();
    },
    reopen() {
      if (layout.length === 0) layout = defaultLayout(currentDisplays());
      reconcile();
    },
    quitting() {
      closingForQuit = true;
    },
    get count() {
      return open.size;
    },
    first() {
      return ordered()[0]?.[1];
    },
  };
}

/** The Window menu: focus and move between windows and displays by keyboard, open more windows. */
export function windowMenu(manager: () => WindowManager | undefined): MenuItemConstructorOptions {
  return {
    label: 'Window',
    submenu: [
      {
        label: 'Next window',
        accelerator: WINDOW_SHORTCUTS.focusNextWindow,
        click: () => manager()?.focusNext(1),
      },
      {
        label: 'Previous window',
        accelerator: WINDOW_SHORTCUTS.focusPreviousWindow,
        click: () => manager()?.focusNext(-1),
      },
      {
        label: 'Move window to next display',
        accelerator: WINDOW_SHORTCUTS.moveToNextDisplay,
        click: () => manager()?.moveFocusedToNextDisplay(),
      },
      { type: 'separator' },
      {
        label: 'Open window',
        submenu: windowViews.map((view) => ({ label: view, click: () => manager()?.open(view) })),
      },
      { type: 'separator' },
      { role: 'minimize' },
      { role: 'close' },
    ],
  };
}
