import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { useEffect } from 'react';
import { describeRadioEmergency } from '../../alarms/radioEmergency';
import { alarmSelectors, useAlarmStore } from '../../../store/alarms/alarmStore';
import { useIncidentStore } from '../../../store/incidents/incidentStore';
import { usePositionStore } from '../../../store/positions/positionStore';
import { useUnitStore } from '../../../store/units/unitStore';
import { FONT_STACK } from '../basemapStyle';
import { useMapUiStore } from '../mapUiStore';

const SOURCE = 'radio-emergencies';
/** The ring's layer: the e2e tests read its rendered ids (the alarm ids). */
export const RADIO_EMERGENCY_LAYER = 'radio-emergency-ring';
const LAYERS = [RADIO_EMERGENCY_LAYER, 'radio-emergency-label'] as const;
const CLOSE_ZOOM = 15;

function data(): GeoJSON.FeatureCollection {
  const units = useUnitStore.getState().units;
  const positions = usePositionStore.getState().positions;
  const incidents = useIncidentStore.getState().byId;
  const features = alarmSelectors
    .ordered(useAlarmStore.getState())
    .filter((alarm) => alarm.kind === 'radio-emergency')
    .flatMap((alarm): GeoJSON.Feature[] => {
      const view = describeRadioEmergency(alarm, units, positions, (id) => incidents[id]?.number ?? null);
      if (!view.position) return [];
      return [
        {
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [view.position.lon, view.position.lat] },
          properties: { id: alarm.id, label: view.label, acknowledged: alarm.acknowledgedAt !== null },
        },
      ];
    });
  return { type: 'FeatureCollection', features };
}

/**
 * A red ring on every radio emergency until it is resolved (acknowledged ones too: someone is on
 * it, the crew is still in danger), at the unit's latest position; and the alarm's "zoom".
 */
export function RadioEmergencyLayer(props: { map: MapLibreMap }) {
  const { map } = props;
  useEffect(() => {
    map.addSource(SOURCE, { type: 'geojson', data: data() });
    map.addLayer({
      id: RADIO_EMERGENCY_LAYER,
      type: 'circle',
      source: SOURCE,
      paint: {
        'circle-radius': 16,
        'circle-color': 'rgba(229,57,53,0.25)',
        'circle-stroke-color': '#ff3b30',
        // Thinner once acknowledged: still there, no longer calling for someone.
        'circle-stroke-width': ['case', ['get', 'acknowledged'], 3, 5],
      },
    });
    map.addLayer({
      id: 'radio-emergency-label',
      type: 'symbol',
      source: SOURCE,
      layout: {
        'text-field': ['get', 'label'],
        'text-font': FONT_STACK,
        'text-size': 13,
        'text-offset': [0, -1.8],
        'text-anchor': 'bottom',
        'text-allow-overlap': true,
      },
      paint: { 'text-color': '#ffffff', 'text-halo-color': '#b00020', 'text-halo-width': 2 },
    });
    const source = map.getSource<GeoJSONSource>(SOURCE);
    let frame = 0;
    const schedule = (): void => {
      if (frame !== 0) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        void source?.setData(data());
      });
    };
    const stops = [
      useAlarmStore.subscribe((state, previous) => {
        if (state.active !== previous.active) schedule();
      }),
      useUnitStore.subscribe((state, previous) => {
        if (state.units !== previous.units) schedule();
      }),
      usePositionStore.subscribe((state, previous) => {
        if (state.positions !== previous.positions) schedule();
      }),
      useMapUiStore.subscribe((state, previous) => {
        const request = state.zoomRequest;
        if (request && request !== previous.zoomRequest)
          map.flyTo({ center: [request.lon, request.lat], zoom: Math.max(map.getZoom(), CLOSE_ZOOM) });
      }),
    ];
    return () => {
      for (const stop of stops) stop();
      if (frame !== 0) cancelAnimationFrame(frame);
      for (const layer of [...LAYERS].reverse()) if (map.getLayer(layer)) map.removeLayer(layer);
      if (map.getSource(SOURCE)) map.removeSource(SOURCE);
    };
  }, [map]);
  return null;
}
