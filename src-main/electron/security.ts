import { app, session, type WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from '../http/securityHeaders';

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

/** Electron security checklist items that apply to the whole session. */
export function hardenSession(): void {
  const defaultSession = session.defaultSession;
  // Checklist 5: a dispatch console needs no camera, microphone, notifications or geolocation from Chromium.
  defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  defaultSession.setPermissionCheckHandler(() => false);
  // Checklist 7: CSP on every response, also for anything not served by our protocol handler.
  defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
  // No remote content: only app:// and devtools may load.
  defaultSession.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAppUrl(details.url) || details.url.startsWith('devtools://') || details.url.startsWith('blob:');
    callback({ cancel: !allowed });
  });
}

/** Checklist 13-15: no navigation away, no new windows, no <webview>. */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
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

export { SECURITY_HEADERS };
