import type { ExpressionSpecification, FilterSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { AddLayerObject, GeoJSONSource, Map as MapLibreMap, MapLayerMouseEvent } from 'maplibre-gl';
import { useEffect } from 'react';
import { usePositionStore } from '../../../store/positions/positionStore';
import { useSelectionStore } from '../../../store/selection/selectionStore';
import { useUnitStore } from '../../../store/units/unitStore';
import { FONT_STACK } from '../basemapStyle';
import { INCIDENT_LAYER_BOTTOM } from './IncidentsLayer';
import { collectionOf, unitFeature } from '../mapFeatures';
import { useMapUiStore } from '../mapUiStore';
import { addUnitImages } from '../unitImages';
import { CLUSTER_MAX_ZOOM, clusteredAt, grownBox, unitSourceDiff, VIEW_MARGIN } from '../unitSource';
import { UNIT_STATUS_COLOURS } from '../../units/unitLabels';

export const UNIT_SOURCE = 'units';
export const UNIT_LAYERS = [
  'units-clusters',
  'units-cluster-count',
  'units-selected',
  'units-dot',
  'units-icon',
  'units-heading',
  'units-label',
] as const;

/** Status colours: the unit board's, none of them a priority colour of the incidents. */
const STATUS_COLOUR: ExpressionSpecification = [
  'match',
  ['get', 'status'],
  ...Object.entries(UNIT_STATUS_COLOURS).flat(),
  '#8a94a6',
] as unknown as ExpressionSpecification;

/** Where labels collide, committed units' callsigns are placed before the free ones' (lower first). */
const LABEL_SORT_KEY: ExpressionSpecification = [
  'match',
  ['get', 'status'],
  ['dispatched', 'en-route', 'on-scene', 'transporting', 'at-hospital'],
  0,
  1,
];

/** Single units (not clusters). */
const UNCLUSTERED: ExpressionSpecification = ['!', ['has', 'point_count']];

/** Each unclustered layer's own filter, before the board's agency filter is added to it. */
const BASE_FILTERS: Readonly<Record<string, ExpressionSpecification>> = {
  'units-dot': UNCLUSTERED,
  'units-icon': UNCLUSTERED,
  'units-heading': ['all', UNCLUSTERED, ['>=', ['get', 'heading'], 0], ['==', ['get', 'freshness'], 'live']],
  'units-label': UNCLUSTERED,
};

/** A layer's filter narrowed to the agency the unit board shows (null: all). */
function withAgency(filter: ExpressionSpecification, agency: string | null): FilterSpecification {
  return agency === null ? filter : ['all', filter, ['==', ['get', 'agency'], agency]];
}

/** Above this many units on the map, diffs are applied at most once per LARGE_FLEET_INTERVAL_MS. */
const LARGE_FLEET = 1000;
const LARGE_FLEET_INTERVAL_MS = 1000;

/**
 * The dot's radius in pixels: a small status-coloured dot across a city (1,700 units on a screen would
 * otherwise cover it, and every pixel of a dot is shaded each frame), the size of the agency icon
 * on it from street level.
 */
const DOT_RADIUS: ExpressionSpecification = ['interpolate', ['linear'], ['zoom'], 10, 4, 12, 7, 14, 10];

/** Agency icons, heading arrows and callsigns are drawn from this zoom on. */
const ICON_MIN_ZOOM = 12;

/**
 * The tile buffer in pixels. Circles and symbols of a point are drawn only by the tile that holds it,
 * so a buffer only copies units into their neighbours' tiles (MapLibre's default, 128 px, parses 2.25×
 * the units); a few pixels keep a unit on a tile edge from being rounded out of both tiles.
 */
const TILE_BUFFER_PX = 4;

/**
 * Every unit with a position, as one GeoJSON source (clustered below city level). Positions never go
 * through React: the layer subscribes to the position and unit stores, collects the ids that changed,
 * and applies those in and around the view as one `updateData` diff per animation frame (once a second
 * for a large fleet); the others wait until the view comes near them. A position whose unit the roster
 * does not know (yet) is drawn with its id.
 */
export function UnitsLayer(props: { map: MapLibreMap }) {
  const { map } = props;

  useEffect(() => {
    addUnitImages(map);
    const initial = usePositionStore.getState().positions;
    const units = useUnitStore.getState().units;
    map.addSource(UNIT_SOURCE, {
      type: 'geojson',
      data: collectionOf([...initial.values()].map((position) => unitFeature(position, units[position.unitId]))),
      cluster: clusteredAt(map.getZoom()),
      clusterMaxZoom: CLUSTER_MAX_ZOOM,
      clusterRadius: 44,
      buffer: TILE_BUFFER_PX,
    });
    const unclustered = UNCLUSTERED;
    // Units are drawn under the incidents: a unit's dot or callsign must never hide an incident.
    const add = (layer: AddLayerObject): void => {
      map.addLayer(layer, map.getLayer(INCIDENT_LAYER_BOTTOM) ? INCIDENT_LAYER_BOTTOM : undefined);
    };
    add({
      id: 'units-clusters',
      type: 'circle',
      source: UNIT_SOURCE,
      filter: ['has', 'point_count'],
      paint: {
        'circle-color': '#2a6fb0',
        'circle-opacity': 0.85,
        'circle-radius': ['step', ['get', 'point_count'], 13, 20, 17, 200, 22, 1000, 27],
        'circle-stroke-color': '#e8eef6',
        'circle-stroke-width': 1.5,
      },
    });
    add({
      id: 'units-cluster-count',
      type: 'symbol',
      source: UNIT_SOURCE,
      filter: ['has', 'point_count'],
      layout: {
        'text-field': ['get', 'point_count_abbreviated'],
        'text-font': FONT_STACK,
        'text-size': 12,
        'text-allow-overlap': true,
      },
      paint: { 'text-color': '#ffffff' },
    });
    add({
      id: 'units-selected',
      type: 'circle',
      source: UNIT_SOURCE,
      filter: ['all', unclustered, ['==', ['get', 'id'], '']],
      paint: {
        'circle-radius': 17,
        'circle-color': 'rgba(0,0,0,0)',
        'circle-stroke-color': '#ffd166',
        'circle-stroke-width': 3,
      },
    });
    add({
      id: 'units-dot',
      type: 'circle',
      source: UNIT_SOURCE,
      filter: unclustered,
      paint: {
        'circle-radius': DOT_RADIUS,
        // Stale positions are greyed; a lost unit keeps a hollow red ring where it was last seen.
        'circle-color': ['case', ['==', ['get', 'freshness'], 'live'], STATUS_COLOUR, '#5d6b80'],
        'circle-opacity': ['match', ['get', 'freshness'], 'live', 1, 'stale', 0.55, 0.15],
        'circle-stroke-color': ['match', ['get', 'freshness'], 'lost', '#ff5a52', '#0b111b'],
        'circle-stroke-width': ['match', ['get', 'freshness'], 'lost', 2, 1],
      },
    });
    add({
      id: 'units-icon',
      type: 'symbol',
      source: UNIT_SOURCE,
      filter: unclustered,
      // Across a whole city a unit is its status colour; the agency icon and heading from street level.
      minzoom: ICON_MIN_ZOOM,
      layout: {
        'icon-image': ['concat', 'unit-', ['get', 'icon']],
        'icon-size': 0.75,
        'icon-allow-overlap': true,
        'icon-ignore-placement': true,
      },
      paint: { 'icon-opacity': ['match', ['get', 'freshness'], 'live', 1, 'stale', 0.6, 0.35] },
    });
    add({
      id: 'units-heading',
      type: 'symbol',
      source: UNIT_SOURCE,
      minzoom: ICON_MIN_ZOOM,
      filter: ['all', unclustered, ['>=', ['get', 'heading'], 0], ['==', ['get', 'freshness'], 'live']],
      layout: {
        'icon-image': 'unit-arrow',
        'icon-size': 0.9,
        'icon-rotate': ['get', 'heading'],
        'icon-rotation-alignment': 'map',
        'icon-allow-overlap': true,
        'icon-ignore-placement': true,
      },
    });
    add({
      id: 'units-label',
      type: 'symbol',
      source: UNIT_SOURCE,
      filter: unclustered,
      // Callsigns from street level: across a whole city they would only hide each other.
      minzoom: ICON_MIN_ZOOM,
      layout: {
        'text-field': ['get', 'label'],
        'text-font': FONT_STACK,
        'text-size': 12,
        'text-offset': [0, 1.4],
        'text-anchor': 'top',
        'text-optional': true,
        'symbol-sort-key': LABEL_SORT_KEY,
      },
      paint: {
        'text-color': '#e8eef6',
        'text-halo-color': '#0b111b',
        'text-halo-width': 1.5,
        'text-opacity': ['match', ['get', 'freshness'], 'live', 1, 0.6],
      },
    });

    const source = map.getSource<GeoJSONSource>(UNIT_SOURCE);
    const drawn = new Set(initial.keys());
    const pending = new Set<string>();
    let frame = 0;

    // Clustering only where clusters form (below city level): see clusteredAt.
    let clustered = clusteredAt(map.getZoom());
    const onZoom = (): void => {
      if (clusteredAt(map.getZoom()) === clustered) return;
      clustered = !clustered;
      void source?.setClusterOptions({ cluster: clustered });
    };
    map.on('zoom', onZoom);

    const flush = (): void => {
      frame = 0;
      if (!source || pending.size === 0) return;
      const positions = usePositionStore.getState().positions;
      const view = map.getBounds();
      const area = grownBox(
        { west: view.getWest(), south: view.getSouth(), east: view.getEast(), north: view.getNorth() },
        VIEW_MARGIN,
      );
      const { add, remove, deferred } = unitSourceDiff(pending, positions, useUnitStore.getState().units, drawn, area);
      pending.clear();
      for (const id of deferred) pending.add(id);
      if (add.length > 0 || remove.length > 0) void source.updateData({ add, remove });
      const followed = useMapUiStore.getState().followUnitId;
      const target = followed ? positions.get(followed) : undefined;
      if (target) map.easeTo({ center: [target.lon, target.lat], duration: 600 });
    };
    let lastFlush = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const schedule = (): void => {
      if (frame !== 0 || timer !== undefined) return;
      // Every diff re-tiles and re-uploads each tile in view that it touches, for a fleet spread over
      // a city all of them: a large fleet is redrawn once a second (its devices report at 1 Hz), a
      // small one on the next frame.
      const fleet = usePositionStore.getState().positions.size;
      const wait = fleet > LARGE_FLEET ? lastFlush + LARGE_FLEET_INTERVAL_MS - performance.now() : 0;
      const next = (): void => {
        timer = undefined;
        frame = requestAnimationFrame((now) => {
          lastFlush = now;
          flush();
        });
      };
      if (wait > 0) timer = setTimeout(next, wait);
      else next();
    };

    const stopPositions = usePositionStore.subscribe((state, previous) => {
      if (state.positions === previous.positions) return;
      for (const id of state.changed) pending.add(id);
      // A resync replaced everything: units gone from the host's list leave the map.
      if (state.positions.size < drawn.size) for (const id of drawn) if (!state.positions.has(id)) pending.add(id);
      schedule();
    });
    const stopUnits = useUnitStore.subscribe((state, previous) => {
      if (state.units === previous.units) return;
      const positions = usePositionStore.getState().positions;
      for (const [id, unit] of Object.entries(state.units)) {
        if (previous.units[id] !== unit && positions.has(id)) pending.add(id);
      }
      if (pending.size > 0) schedule();
    });
    // Units left waiting outside the view are sent once it comes near them.
    const onMoveEnd = (): void => {
      if (pending.size > 0) schedule();
    };
    map.on('moveend', onMoveEnd);

    const select = (event: MapLayerMouseEvent): void => {
      const id: unknown = event.features?.[0]?.properties['id'];
      if (typeof id === 'string' && useMapUiStore.getState().measure === null) {
        useSelectionStore.getState().selectUnit(id);
      }
    };
    const expandCluster = (event: MapLayerMouseEvent): void => {
      const feature = event.features?.[0];
      const clusterId: unknown = feature?.properties['cluster_id'];
      if (!source || typeof clusterId !== 'number' || feature?.geometry.type !== 'Point') return;
      const [lon, lat] = feature.geometry.coordinates;
      void source.getClusterExpansionZoom(clusterId).then((zoom) => {
        if (lon !== undefined && lat !== undefined) map.easeTo({ center: [lon, lat], zoom });
      });
    };
    const pointer = (): void => {
      map.getCanvas().style.cursor = 'pointer';
    };
    const plain = (): void => {
      map.getCanvas().style.cursor = '';
    };
    map.on('click', 'units-dot', select);
    map.on('click', 'units-clusters', expandCluster);
    for (const layer of ['units-dot', 'units-clusters']) {
      map.on('mouseenter', layer, pointer);
      map.on('mouseleave', layer, plain);
    }

    return () => {
      stopPositions();
      stopUnits();
      map.off('zoom', onZoom);
      map.off('moveend', onMoveEnd);
      if (frame !== 0) cancelAnimationFrame(frame);
      if (timer !== undefined) clearTimeout(timer);
      map.off('click', 'units-dot', select);
      map.off('click', 'units-clusters', expandCluster);
      for (const layer of ['units-dot', 'units-clusters']) {
        map.off('mouseenter', layer, pointer);
        map.off('mouseleave', layer, plain);
      }
      for (const layer of [...UNIT_LAYERS].reverse()) if (map.getLayer(layer)) map.removeLayer(layer);
      if (map.getSource(UNIT_SOURCE)) map.removeSource(UNIT_SOURCE);
    };
  }, [map]);

  // The selected unit's ring: one filter change, no data update.
  const selectedUnit = useSelectionStore((state) => state.unitId);
  useEffect(() => {
    if (!map.getLayer('units-selected')) return;
    map.setFilter('units-selected', ['all', UNCLUSTERED, ['==', ['get', 'id'], selectedUnit ?? '']]);
  }, [map, selectedUnit]);

  // The unit board's agency filter applies here too (clusters, city-wide, still count every unit).
  const agency = useMapUiStore((state) => state.unitAgency);
  useEffect(() => {
    for (const [layer, filter] of Object.entries(BASE_FILTERS)) {
      if (map.getLayer(layer)) map.setFilter(layer, withAgency(filter, agency));
    }
  }, [map, agency]);

  return null;
}
