/**
 * The session token sign-in gave this tab: kept for the tab only (sessionStorage), so that a reload or
 * a reconnection takes the session back; never in localStorage, never in the address. The host forgets
 * every session when it restarts, so an old token is refused and the tab signs in again.
 */
const SESSION_KEY = 'nida.session';

export function savedSessionToken(): string | null {
  try {
    return window.sessionStorage.getItem(SESSION_KEY);
  } catch {
    return null;
  }
}

export function saveSessionToken(token: string): void {
  window.sessionStorage.setItem(SESSION_KEY, token);
}

export function forgetSessionToken(): void {
  window.sessionStorage.removeItem(SESSION_KEY);
}
