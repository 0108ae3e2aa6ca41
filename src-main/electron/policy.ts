// The decisions of the Electron shell as plain functions and constants, so they can be unit-tested
// without Electron. security.ts and main.ts apply them.

/** The app's own origin: the built renderer served by the `app://` protocol handler. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'nida';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** True only for pages of the bundled renderer (custom-scheme URLs have an opaque `origin`). */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/**
 * Requests the session lets through: the app itself, and the blob: URLs MapLibre builds its worker
 * from. DevTools pages only while DevTools exist at all (unpackaged builds).
 */
export function isAllowedRequest(url: string, devToolsEnabled: boolean): boolean {
  return isAppUrl(url) || url.startsWith('blob:') || (devToolsEnabled && url.startsWith('devtools://'));
}

/**
 * Chromium and Node switches that open a debugger or change the JavaScript engine. A packaged console
 * refuses to start with them: anyone who can add a flag to a shortcut would otherwise get code
 * execution inside the dispatch host. The `inspect` family is also blocked by the
 * `enableNodeCliInspectArguments` fuse (electron-builder.yml); Chromium's remote debugging has no fuse.
 */
export const FORBIDDEN_SWITCHES: readonly string[] = [
  'remote-debugging-port',
  'remote-debugging-pipe',
  'remote-debugging-address',
  'inspect',
  'inspect-brk',
  'inspect-port',
  'js-flags',
];

/** The page a window of the workstation layout loads: its view and its key travel in the query. */
export function windowUrl(window: { readonly key: string; readonly view: string }): string {
  const query = new URLSearchParams();
  if (window.view !== 'console') query.set('view', window.view);
  query.set('window', window.key);
  return `${APP_ORIGIN}/index.html?${query.toString()}`;
}

/** An Electron display (structurally: no 'electron' import here) as the placement function takes it. */
export function toDisplayInfo(
  display: {
    readonly id: number;
    readonly label?: string;
    readonly bounds: { x: number; y: number; width: number; height: number };
    readonly workArea: { x: number; y: number; width: number; height: number };
    readonly scaleFactor: number;
  },
  primaryId: number,
): {
  id: string;
  label: string;
  bounds: { x: number; y: number; width: number; height: number };
  workArea: { x: number; y: number; width: number; height: number };
  scaleFactor: number;
  primary: boolean;
} {
  const rect = (r: { x: number; y: number; width: number; height: number }) => ({
    x: Math.round(r.x),
    y: Math.round(r.y),
    width: Math.max(1, Math.round(r.width)),
    height: Math.max(1, Math.round(r.height)),
  });
  return {
    id: String(display.id),
    label: (display.label ?? '').slice(0, 120),
    bounds: rect(display.bounds),
    workArea: rect(display.workArea),
    scaleFactor: display.scaleFactor,
    primary: display.id === primaryId,
  };
}

/** Keyboard shortcuts of the desktop app's window menu (Electron accelerators). */
export const WINDOW_SHORTCUTS = {
  focusNextWindow: 'CommandOrControl+F6',
  focusPreviousWindow: 'CommandOrControl+Shift+F6',
  moveToNextDisplay: 'CommandOrControl+F7',
} as const;
