import type { FilterSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { useEffect } from 'react';
import { useCallStore } from '../../../store/calls/callStore';
import { useIntakeStore } from '../../../store/intake/intakeStore';
import { callerFeatures, callerLocations } from '../mapFeatures';

const SOURCE = 'callers';
const LAYERS = ['callers-area', 'callers-outline', 'callers-point'] as const;

function data(): GeoJSON.FeatureCollection {
  const features = callerFeatures(callerLocations(useCallStore.getState().byId, useIntakeStore.getState().drafts));
  return { type: 'FeatureCollection', features };
}

/** Where callers are: waiting and answered calls, and each open intake's location, with the uncertainty circle. */
export function CallersLayer(props: { map: MapLibreMap }) {
  const { map } = props;
  useEffect(() => {
    map.addSource(SOURCE, { type: 'geojson', data: data() });
    const isArea: FilterSpecification = ['==', ['geometry-type'], 'Polygon'];
    map.addLayer({
      id: 'callers-area',
      type: 'fill',
      source: SOURCE,
      filter: isArea,
      paint: { 'fill-color': '#56ccf2', 'fill-opacity': 0.12 },
    });
    map.addLayer({
      id: 'callers-outline',
      type: 'line',
      source: SOURCE,
      filter: isArea,
      paint: { 'line-color': '#56ccf2', 'line-width': 1.5, 'line-dasharray': [2, 2] },
    });
    map.addLayer({
      id: 'callers-point',
      type: 'circle',
      source: SOURCE,
      filter: ['==', ['geometry-type'], 'Point'],
      paint: {
        'circle-radius': 6,
        'circle-color': ['match', ['get', 'origin'], 'intake', '#ffd166', '#56ccf2'],
        'circle-stroke-color': '#0b111b',
        'circle-stroke-width': 2,
      },
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
    const stopCalls = useCallStore.subscribe((state, previous) => {
      if (state.byId !== previous.byId) schedule();
    });
    const stopDrafts = useIntakeStore.subscribe((state, previous) => {
      if (state.drafts !== previous.drafts) schedule();
    });
    return () => {
      stopCalls();
      stopDrafts();
      if (frame !== 0) cancelAnimationFrame(frame);
      for (const layer of [...LAYERS].reverse()) if (map.getLayer(layer)) map.removeLayer(layer);
      if (map.getSource(SOURCE)) map.removeSource(SOURCE);
    };
  }, [map]);
  return null;
}
