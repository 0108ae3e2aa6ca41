/**
 * The access token of `nida serve` this page connected with, for the few plain HTTP requests that
 * need it too (the map's files under /map/). Null in the desktop app, whose app:// protocol only
 * its own windows can reach.
 */
let current: string | null = null;

export function rememberAccessToken(token: string): void {
  current = token;
}

export function accessToken(): string | null {
  return current;
}
