import type { Profile } from '../../src-shared/contract/schemas';
import { windowViewSchema, windowViews, type WindowView } from '../../src-shared/domain/placement';

export { windowViews, type WindowView };

/** The query parameter naming a window's view. */
export const VIEW_PARAM = 'view';
/** What the parameter was called before (saved bookmarks and wall displays still use it). */
const LEGACY_VIEW_PARAM = 'role';

/**
 * Which part of the console this window shows. Every view has its own address, so a wall display
 * or a spare PC opens exactly that part: `?view=map` (or `#/map`; the older `?role=map` still works),
 * plus `&window=map-2` in the desktop app, which names the window of the saved layout. The access
 * token of `nida serve` is taken from the same URL and removed (transport/index.ts); the view stays.
 */
export function viewFromLocation(location: { readonly search: string; readonly hash: string }): WindowView {
  const query = new URLSearchParams(location.search);
  const fromQuery = query.get(VIEW_PARAM) ?? query.get(LEGACY_VIEW_PARAM);
  const fromHash = /^#\/([a-z]+)/.exec(location.hash)?.[1] ?? null;
  const parsed = windowViewSchema.safeParse(fromQuery ?? fromHash);
  return parsed.success ? parsed.data : 'console';
}

/** The layout window this is (desktop app), when the shell named it. */
export function windowKeyFromLocation(location: { readonly search: string }): string | null {
  const key = new URLSearchParams(location.search).get('window');
  return key && /^[a-z][a-z0-9-]{0,39}$/.test(key) ? key : null;
}

/** The address of a view on this console (same origin and page; never carries the access token). */
export function viewHref(view: WindowView, location: { readonly origin: string; readonly pathname: string }): string {
  const path = location.pathname || '/';
  return view === 'console' ? `${location.origin}${path}` : `${location.origin}${path}?${VIEW_PARAM}=${view}`;
}

/**
 * The view this window shows its operator. On a drill console a trainer's full console is the trainer
 * window (their work there is the drill; the trainees sit at other windows): any other view is still
 * theirs by its address. Everywhere else, the address decides.
 */
export function viewForOperator(
  view: WindowView,
  operator: { readonly isTrainer: boolean; readonly profile: Profile | null },
): WindowView {
  return view === 'console' && operator.profile === 'drill' && operator.isTrainer ? 'trainer' : view;
}
