import type { Map as MapLibreMap } from 'maplibre-gl';
import type { RemoteApi } from '../../../src-shared/contract/api';
import { useIncidentStore } from '../../store/incidents/incidentStore';
import { useIntakeStore } from '../../store/intake/intakeStore';
import { usePositionStore } from '../../store/positions/positionStore';
import { useSelectionStore } from '../../store/selection/selectionStore';
import { openManualIntake } from '../intake/intakeActions';
import { useMapUiStore } from './mapUiStore';

/** What the dispatcher does on the map, as one function each (toolbar buttons and shortcuts share them). */

const CLOSE_ZOOM = 15;

/** Zooms to the selected incident; false when none is selected or it has no location. */
export function zoomToSelectedIncident(map: MapLibreMap): boolean {
  const id = useSelectionStore.getState().incidentId;
  const location = id ? useIncidentStore.getState().byId[id]?.location : null;
  if (!location) return false;
  map.flyTo({ center: [location.lon, location.lat], zoom: Math.max(map.getZoom(), CLOSE_ZOOM) });
  return true;
}

export function zoomToSelectedUnit(map: MapLibreMap): boolean {
  const id = useSelectionStore.getState().unitId;
  const position = id ? usePositionStore.getState().positions.get(id) : undefined;
  if (!position) return false;
  map.flyTo({ center: [position.lon, position.lat], zoom: Math.max(map.getZoom(), CLOSE_ZOOM) });
  return true;
}

/** Follows the selected unit, or stops following. */
export function toggleFollow(map: MapLibreMap): void {
  const ui = useMapUiStore.getState();
  if (ui.followUnitId) {
    ui.follow(null);
    return;
  }
  const id = useSelectionStore.getState().unitId;
  if (id && zoomToSelectedUnit(map)) ui.follow(id);
}

/**
 * "New incident here": the point becomes the location of the intake in front of the dispatcher
 * (source `map`), or of a new intake opened by hand when none is open.
 */
export async function newIncidentAt(remote: RemoteApi, lat: number, lon: number): Promise<void> {
  const location = { lat: Number(lat.toFixed(6)), lon: Number(lon.toFixed(6)), source: 'map' as const };
  let draftId = useIntakeStore.getState().activeId;
  if (!draftId || !useIntakeStore.getState().drafts[draftId]) {
    await openManualIntake(remote);
    draftId = useIntakeStore.getState().activeId;
  }
  if (draftId) useIntakeStore.getState().edit(draftId, { location });
}
