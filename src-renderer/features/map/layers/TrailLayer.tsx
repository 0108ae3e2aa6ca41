import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { useEffect } from 'react';
import type { RemoteApi } from '../../../../src-shared/contract/api';
import type { TrailPoint } from '../../../../src-shared/domain/unit';
import { runTask } from '../../../store/errors/errorStore';
import { usePositionStore } from '../../../store/positions/positionStore';
import { useSelectionStore } from '../../../store/selection/selectionStore';
import { trailLine } from '../mapFeatures';

const SOURCE = 'trail';
const LAYER = 'trail-line';
/** The last two hours of the selected unit's movement. */
const TRAIL_WINDOW_MS = 2 * 60 * 60 * 1000;

/** The selected unit's stored trail (`avl.trail`), extended by its live positions as they arrive. */
export function TrailLayer(props: { map: MapLibreMap; remote: RemoteApi }) {
  const { map, remote } = props;
  useEffect(() => {
    map.addSource(SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
    map.addLayer({
      id: LAYER,
      type: 'line',
      source: SOURCE,
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: { 'line-color': '#ffd166', 'line-width': 3, 'line-opacity': 0.8 },
    });
    return () => {
      if (map.getLayer(LAYER)) map.removeLayer(LAYER);
      if (map.getSource(SOURCE)) map.removeSource(SOURCE);
    };
  }, [map]);

  const unitId = useSelectionStore((state) => state.unitId);
  useEffect(() => {
    const source = map.getSource<GeoJSONSource>(SOURCE);
    if (!source) return;
    void source.setData({ type: 'FeatureCollection', features: [] });
    if (!unitId) return;
    let points: TrailPoint[] = [];
    let current = true;
    const draw = (): void => {
      const line = trailLine(points, usePositionStore.getState().positions.get(unitId));
      void source.setData({ type: 'FeatureCollection', features: line ? [line] : [] });
    };
    runTask(
      remote.avl.trail({ unitId, since: Date.now() - TRAIL_WINDOW_MS }).then((trail) => {
        if (!current) return;
        points = [...trail];
        draw();
      }),
    );
    const stop = usePositionStore.subscribe((state) => {
      const live = state.positions.get(unitId);
      if (!live || !state.changed.includes(unitId)) return;
      const last = points.at(-1);
      if (!last || live.at > last.at) {
        points.push({ at: live.at, lat: live.lat, lon: live.lon, speed: live.speed, heading: live.heading });
        draw();
      }
    });
    return () => {
      current = false;
      stop();
    };
  }, [map, remote, unitId]);
  return null;
}
