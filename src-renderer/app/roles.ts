import { windowRoleSchema, windowRoles, type WindowRole } from '../../src-shared/domain/placement';

export { windowRoles, type WindowRole };

/**
 * Which part of the console this window shows. Every role has its own address, so a wall display
 * or a spare PC opens exactly that part: `?role=map` (or `#/map`), plus `&window=map-2` in the
 * desktop app, which names the window of the saved layout. The access token of `nida serve` is
 * taken from the same URL and removed (transport/index.ts); the role stays.
 */
export function roleFromLocation(location: Pick<Location, 'search' | 'hash'>): WindowRole {
  const fromQuery = new URLSearchParams(location.search).get('role');
  const fromHash = /^#\/([a-z]+)/.exec(location.hash)?.[1] ?? null;
  const parsed = windowRoleSchema.safeParse(fromQuery ?? fromHash);
  return parsed.success ? parsed.data : 'console';
}

/** The layout window this is (desktop app), when the shell named it. */
export function windowKeyFromLocation(location: Pick<Location, 'search'>): string | null {
  const key = new URLSearchParams(location.search).get('window');
  return key && /^[a-z][a-z0-9-]{0,39}$/.test(key) ? key : null;
}

/** The address of a role on this console (same origin and page; never carries the access token). */
export function roleHref(role: WindowRole, location: Pick<Location, 'origin' | 'pathname'>): string {
  const path = location.pathname || '/';
  return role === 'console' ? `${location.origin}${path}` : `${location.origin}${path}?role=${role}`;
}
