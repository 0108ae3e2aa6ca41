import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { useEffect } from 'react';
import { useMapUiStore } from '../mapUiStore';

const SOURCE = 'measure';
const LAYERS = ['measure-line', 'measure-points'] as const;

/** The distance being measured: the clicked points and the path through them. */
export function MeasureLayer(props: { map: MapLibreMap }) {
  const { map } = props;
  useEffect(() => {
    map.addSource(SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
    map.addLayer({
      id: 'measure-line',
      type: 'line',
      source: SOURCE,
      filter: ['==', ['geometry-type'], 'LineString'],
      paint: { 'line-color': '#ffffff', 'line-width': 2, 'line-dasharray': [2, 1] },
    });
    map.addLayer({
      id: 'measure-points',
      type: 'circle',
      source: SOURCE,
      filter: ['==', ['geometry-type'], 'Point'],
      paint: {
        'circle-radius': 4,
        'circle-color': '#ffffff',
        'circle-stroke-color': '#0b111b',
        'circle-stroke-width': 1.5,
      },
    });
    const draw = (points: readonly (readonly [number, number])[] | null): void => {
      const coordinates = (points ?? []).map(([lon, lat]) => [lon, lat]);
      const features: GeoJSON.Feature[] = coordinates.map((point) => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: point },
        properties: {},
      }));
      if (coordinates.length >= 2) {
        features.push({ type: 'Feature', geometry: { type: 'LineString', coordinates }, properties: {} });
      }
      void map.getSource<GeoJSONSource>(SOURCE)?.setData({ type: 'FeatureCollection', features });
      map.getCanvas().style.cursor = points ? 'crosshair' : '';
    };
    const stop = useMapUiStore.subscribe((state, previous) => {
      if (state.measure !== previous.measure) draw(state.measure);
    });
    return () => {
      stop();
      for (const layer of [...LAYERS].reverse()) if (map.getLayer(layer)) map.removeLayer(layer);
      if (map.getSource(SOURCE)) map.removeSource(SOURCE);
    };
  }, [map]);
  return null;
}
