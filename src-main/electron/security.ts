import { app, session, type WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../http/securityHeaders';
import { FORBIDDEN_SWITCHES, isAllowedRequest, isAppUrl } from './policy';

// The Electron security checklist (https://www.electronjs.org/docs/latest/tutorial/security), item by
// item, is in docs/adr/0002-electron-security.md. The numbers below refer to it.

/** DevTools exist only in unpackaged builds (`nida desktop` from a checkout). */
export function devToolsEnabled(): boolean {
  return !app.isPackaged;
}

/**
 * The debugging switches (see FORBIDDEN_SWITCHES) this process was started with, if it is a packaged
 * console; a packaged console refuses to start with any. Unpackaged builds may be debugged.
 */
export function forbiddenSwitchesPresent(): string[] {
  if (!app.isPackaged) return [];
  return FORBIDDEN_SWITCHES.filter((name) => app.commandLine.hasSwitch(name)).map((name) => `--${name}`);
}

/** Checklist items that apply to the whole session. */
export function hardenSession(): void {
  const defaultSession = session.defaultSession;
  // 5: a dispatch console needs no camera, microphone, notifications, geolocation, serial or USB
  // from Chromium (serial ports belong to the host, not to the page).
  defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  defaultSession.setPermissionCheckHandler(() => false);
  defaultSession.setDevicePermissionHandler(() => false);
  // 7: CSP on every response, also for anything not served by our protocol handler.
  defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
  // 1, 18: no remote content and no file://, only the app's own protocol.
  const withDevTools = devToolsEnabled();
  defaultSession.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRequest(details.url, withDevTools) });
  });
}

/** 11-14: no navigation away from the app in any frame, no new windows, no <webview>. */
export function hardenWebContents(contents: WebContents): void {
  // Unlike 'will-navigate', this fires for subframes too.
  contents.on('will-frame-navigate', (details) => {
    if (!isAppUrl(details.url)) details.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

export function installSecurityHandlers(): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
}
