import type { Map as MapLibreMap } from 'maplibre-gl';
import { useEffect } from 'react';
import { returnToPreviousView, toggleFollow, zoomToSelectedIncident, zoomToSelectedUnit } from './mapActions';

/** The key that takes the map back to where the dispatcher was before it followed a call (Alt+B). */
export const MAP_BACK_KEY = 'Alt+B';

/**
 * The map's keyboard shortcuts (listed in docs/operator-guide.md): Alt+I zoom to the open incident (during
 * intake: the caller), Alt+U zoom to the selected unit, Alt+F follow it (again to stop), Alt+B back to
 * where the map was before it followed the call, Alt+M focus the map (then arrows pan, + and − zoom,
 * Shift+F10 opens the menu), Alt+L the place search.
 */
export function useMapShortcuts(map: MapLibreMap | null): void {
  useEffect(() => {
    if (!map) return;
    const onKeyDown = (event: KeyboardEvent): void => {
      if (!event.altKey || event.ctrlKey || event.metaKey) return;
      let handled = true;
      switch (event.code) {
        case 'KeyI':
          zoomToSelectedIncident(map);
          break;
        case 'KeyU':
          zoomToSelectedUnit(map);
          break;
        case 'KeyF':
          toggleFollow(map);
          break;
        case 'KeyB':
          returnToPreviousView(map);
          break;
        case 'KeyM':
          map.getCanvas().focus();
          break;
        case 'KeyL':
          document.getElementById('map-place-search')?.focus();
          break;
        default:
          handled = false;
      }
      if (handled) event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [map]);
}
