import type { Map as MapLibreMap, MapLibreEvent } from 'maplibre-gl';
import { useEffect } from 'react';
import type { IncidentLocation } from '../../../src-shared/domain/incident';
import { viewFromLocation } from '../../app/views';
import { intakeSelectors, useIntakeStore, type IntakeState } from '../../store/intake/intakeStore';
import { zoomToLocation } from './mapActions';
import { useMapUiStore } from './mapUiStore';

/** The place of the intake in front of the dispatcher, as a key that changes when the map should move. */
function callerKey(state: IntakeState): { key: string; location: IncidentLocation } | null {
  const draft = intakeSelectors.active(state);
  const location = draft?.location;
  // A point the dispatcher right-clicked on the map is already in view: moving there would only jolt it.
  if (!draft || !location || location.source === 'map') return null;
  return { key: `${draft.id}:${String(location.lat)},${String(location.lon)},${String(location.accuracyM)}`, location };
}

/**
 * The map follows the work: it shows the caller (with the uncertainty circle) when a call is answered,
 * an intake tab is switched to or its location is picked, and the incident when it is created. The view
 * the dispatcher had before the first such move is kept for Alt+B (mapShortcuts).
 */
export function useMapFollowsWork(map: MapLibreMap | null): void {
  useEffect(() => {
    // Only the dispatcher's console: a map of its own on a wall display or spare monitor is not moved under a viewer.
    if (!map || viewFromLocation(window.location) !== 'console') return;
    // Whether the dispatcher moved the map since it last followed the work: then that view is the one to keep.
    let movedByHand = true;
    const onMoveStart = (event: MapLibreEvent): void => {
      if (event.originalEvent) movedByHand = true;
    };
    map.on('movestart', onMoveStart);
    // An animation keeps the screen point it started from: when the intake opens or closes mid-flight and
    // the map is resized, the place would land off-centre, so the move is aimed again at the new size.
    let aimingAt: IncidentLocation | null = null;
    const aim = (location: IncidentLocation): void => {
      zoomToLocation(map, location);
      aimingAt = location;
    };
    const onResize = (): void => {
      if (aimingAt) aim(aimingAt);
    };
    const onMoveEnd = (): void => {
      aimingAt = null;
    };
    map.on('resize', onResize);
    map.on('moveend', onMoveEnd);

    const follow = (location: IncidentLocation): void => {
      const ui = useMapUiStore.getState();
      if (movedByHand || !ui.returnView) {
        const center = map.getCenter();
        ui.setReturnView({ center: [center.lng, center.lat], zoom: map.getZoom() });
      }
      movedByHand = false;
      // Following a unit would pull the camera straight back.
      if (ui.followUnitId) ui.follow(null);
      aim(location);
    };

    // An intake already open when the map became ready (a reload mid-call) is shown too.
    let lastCaller = '';
    const onIntake = (state: IntakeState): void => {
      const caller = callerKey(state);
      if (!caller || caller.key === lastCaller) return;
      lastCaller = caller.key;
      follow(caller.location);
    };
    onIntake(useIntakeStore.getState());
    const stopIntake = useIntakeStore.subscribe(onIntake);
    const stopRequests = useMapUiStore.subscribe((state, previous) => {
      if (state.showRequest && state.showRequest !== previous.showRequest) follow(state.showRequest.location);
    });
    return () => {
      map.off('movestart', onMoveStart);
      map.off('resize', onResize);
      map.off('moveend', onMoveEnd);
      stopIntake();
      stopRequests();
    };
  }, [map]);
}
