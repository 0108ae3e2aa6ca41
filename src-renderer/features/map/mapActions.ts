import { LngLatBounds, type Map as MapLibreMap } from 'maplibre-gl';
import type { RemoteApi } from '../../../src-shared/contract/api';
import type { IncidentLocation } from '../../../src-shared/domain/incident';
import { useIncidentStore } from '../../store/incidents/incidentStore';
import { intakeSelectors, useIntakeStore } from '../../store/intake/intakeStore';
import { usePositionStore } from '../../store/positions/positionStore';
import { useSelectionStore } from '../../store/selection/selectionStore';
import { openManualIntake } from '../intake/intakeActions';
import { useMapUiStore } from './mapUiStore';

/** What the dispatcher does on the map, as one function each (toolbar buttons and shortcuts share them). */

const CLOSE_ZOOM = 15;
/** The closest the map goes to fit a caller's uncertainty circle (a 10 m circle is not a street view). */
const CALLER_MAX_ZOOM = 17;
const METRES_PER_DEGREE = 111_320;

/** Zooms to a place; a known uncertainty (a caller's circle) is fitted whole, with some margin. */
export function zoomToLocation(map: MapLibreMap, location: IncidentLocation): void {
  const radius = location.accuracyM;
  if (radius === undefined || radius <= 0) {
    map.flyTo({ center: [location.lon, location.lat], zoom: Math.max(map.getZoom(), CLOSE_ZOOM) });
    return;
  }
  const dLat = (radius * 1.5) / METRES_PER_DEGREE;
  const dLon = dLat / Math.max(0.01, Math.cos((location.lat * Math.PI) / 180));
  map.fitBounds(
    new LngLatBounds([location.lon - dLon, location.lat - dLat], [location.lon + dLon, location.lat + dLat]),
    { padding: 40, maxZoom: CALLER_MAX_ZOOM },
  );
}

/**
 * Alt+I: zooms to the open incident, or during intake to the caller's location with its circle;
 * false when there is neither.
 */
export function zoomToSelectedIncident(map: MapLibreMap): boolean {
  const id = useSelectionStore.getState().incidentId;
  const location = id
    ? useIncidentStore.getState().byId[id]?.location
    : intakeSelectors.active(useIntakeStore.getState())?.location;
  if (!location) return false;
  zoomToLocation(map, location);
  return true;
}

/** Alt+B: back to where the dispatcher was before the map followed the call; false when it has not moved. */
export function returnToPreviousView(map: MapLibreMap): boolean {
  const ui = useMapUiStore.getState();
  const view = ui.returnView;
  if (!view) return false;
  ui.setReturnView(null);
  map.flyTo({ center: [view.center[0], view.center[1]], zoom: view.zoom });
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
