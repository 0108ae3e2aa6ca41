import type { RemoteApi } from '../../../src-shared/contract/api';
import { CASCADE_STEP, nextWindowKey, type WindowPlacement } from '../../../src-shared/domain/placement';
import { viewHref, windowKeyFromLocation, type WindowView } from '../../app/views';

/** Used for a first window when no display was ever reported (a browser-only console). */
export const FALLBACK_DISPLAY: WindowPlacement['display'] = {
  id: 'primary',
  bounds: { x: 0, y: 0, width: 1920, height: 1080 },
  workArea: { x: 0, y: 0, width: 1920, height: 1040 },
};

/**
 * Opens one more window of `view`. In the desktop app a window is an entry of the workstation
 * layout: it is added beside this window and the shell opens it (and restores it at the next
 * start). In a browser it is a new tab at the view's own address; the tab inherits this tab's
 * session (and so the access token).
 */
export async function openViewWindow(remote: RemoteApi, view: WindowView): Promise<void> {
  if (!window.nida) {
    window.open(viewHref(view, window.location), `nida-${view}-${String(Date.now())}`);
    return;
  }
  const { layout, displays } = await remote.layout.get({});
  const here = windowKeyFromLocation(window.location);
  const anchor = layout.windows.find((window) => window.key === here) ?? layout.windows[0];
  const primary = displays.find((display) => display.primary) ?? displays[0];
  const display =
    anchor?.display ??
    (primary ? { id: primary.id, bounds: primary.bounds, workArea: primary.workArea } : FALLBACK_DISPLAY);
  const area = display.workArea;
  const width = Math.min(1280, area.width);
  const height = Math.min(800, area.height);
  const offset = CASCADE_STEP * (layout.windows.length % 8);
  const added: WindowPlacement = {
    key: nextWindowKey(view, layout.windows),
    view,
    display,
    bounds: {
      x: area.x + Math.min(offset, area.width - width),
      y: area.y + Math.min(offset, area.height - height),
      width,
      height,
    },
    maximized: false,
    fullscreen: false,
  };
  await remote.layout.save({ windows: [...layout.windows, added], expectedVersion: layout.version });
}
