import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { useEffect } from 'react';
import { useMapUiStore } from '../mapUiStore';

const SOURCE = 'search-result';
const LAYER = 'search-result-ring';

/** A ring on the place found with the map's search. */
export function SearchResultLayer(props: { map: MapLibreMap }) {
  const { map } = props;
  useEffect(() => {
    map.addSource(SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
    map.addLayer({
      id: LAYER,
      type: 'circle',
      source: SOURCE,
      paint: {
        'circle-radius': 14,
        'circle-color': 'rgba(0,0,0,0)',
        'circle-stroke-color': '#3fa7ff',
        'circle-stroke-width': 3,
      },
    });
    const draw = (point: { lon: number; lat: number } | null): void => {
      void map.getSource<GeoJSONSource>(SOURCE)?.setData({
        type: 'FeatureCollection',
        features: point
          ? [{ type: 'Feature', geometry: { type: 'Point', coordinates: [point.lon, point.lat] }, properties: {} }]
          : [],
      });
    };
    draw(useMapUiStore.getState().searchResult);
    const stop = useMapUiStore.subscribe((state, previous) => {
      if (state.searchResult !== previous.searchResult) draw(state.searchResult);
    });
    return () => {
      stop();
      if (map.getLayer(LAYER)) map.removeLayer(LAYER);
      if (map.getSource(SOURCE)) map.removeSource(SOURCE);
    };
  }, [map]);
  return null;
}
