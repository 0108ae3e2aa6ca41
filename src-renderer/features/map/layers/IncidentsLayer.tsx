import type { ExpressionSpecification, FilterSpecification } from '@maplibre/maplibre-gl-style-spec';
import { Marker, type GeoJSONSource, type Map as MapLibreMap, type MapLayerMouseEvent } from 'maplibre-gl';
import { useEffect } from 'react';
import { useIncidentStore } from '../../../store/incidents/incidentStore';
import { useSelectionStore } from '../../../store/selection/selectionStore';
import { FONT_STACK } from '../basemapStyle';
import { collectionOf, incidentFeature } from '../mapFeatures';
import { useMapUiStore } from '../mapUiStore';

const SOURCE = 'incidents';
/** The lowest incident layer: the unit layers are inserted below it. */
export const INCIDENT_LAYER_BOTTOM = 'incidents-pulse';
const LAYERS = ['incidents-pulse', 'incidents-selected', 'incidents-dot', 'incidents-label'] as const;
/** Priority 1 (life at risk) to 4. */
const PRIORITY_COLOUR: ExpressionSpecification = [
  'match',
  ['get', 'priority'],
  1,
  '#ff3b30',
  2,
  '#ff8c42',
  3,
  '#f2c94c',
  '#56ccf2',
];

type IncidentFeature = NonNullable<ReturnType<typeof incidentFeature>>;

/** The open incidents with a location, as drawn. */
function features(): IncidentFeature[] {
  return Object.values(useIncidentStore.getState().byId).flatMap((incident) => incidentFeature(incident) ?? []);
}

/** Unassigned P1 incidents (life at risk, no unit yet) among those drawn: each gets a pulsing ring. */
function urgentPoints(drawn: readonly IncidentFeature[]): Map<string, [number, number]> {
  const points = new Map<string, [number, number]>();
  for (const feature of drawn) {
    if (!feature.properties.unassigned || feature.properties.priority !== 1) continue;
    const [lon = 0, lat = 0] = feature.geometry.coordinates;
    points.set(feature.properties.id, [lon, lat]);
  }
  return points;
}

/**
 * Open incidents by priority colour; an unassigned P1 pulses until a unit is dispatched. The pulse
 * is a CSS animation on an element over the map (map.css), not a paint property: changing one
 * redraws the whole map, which ten times a second kept a console without a GPU busy on two cores.
 * Under `prefers-reduced-motion` the ring stays still; the `incidents-pulse` layer's static halo
 * marks the incident on the map itself either way.
 */
export function IncidentsLayer(props: { map: MapLibreMap }) {
  const { map } = props;
  useEffect(() => {
    const drawn = features();
    map.addSource(SOURCE, { type: 'geojson', data: collectionOf(drawn) });
    const urgent: FilterSpecification = ['all', ['==', ['get', 'priority'], 1], ['==', ['get', 'unassigned'], true]];
    map.addLayer({
      id: 'incidents-pulse',
      type: 'circle',
      source: SOURCE,
      filter: urgent,
      paint: { 'circle-radius': 12, 'circle-color': '#ff3b30', 'circle-opacity': 0.35, 'circle-blur': 0.4 },
    });
    map.addLayer({
      id: 'incidents-selected',
      type: 'circle',
      source: SOURCE,
      filter: ['==', ['get', 'id'], ''],
      paint: {
        'circle-radius': 15,
        'circle-color': 'rgba(0,0,0,0)',
        'circle-stroke-color': '#ffd166',
        'circle-stroke-width': 3,
      },
    });
    map.addLayer({
      id: 'incidents-dot',
      type: 'circle',
      source: SOURCE,
      paint: {
        'circle-radius': 9,
        'circle-color': PRIORITY_COLOUR,
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 2,
      },
    });
    map.addLayer({
      id: 'incidents-label',
      type: 'symbol',
      source: SOURCE,
      minzoom: 9,
      layout: {
        'text-field': ['get', 'number'],
        'text-font': FONT_STACK,
        'text-size': 11,
        'text-offset': [0, -1.5],
        'text-anchor': 'bottom',
        'text-optional': true,
        // Where incident numbers collide, the most urgent is placed first (P1 before P4).
        'symbol-sort-key': ['get', 'priority'],
      },
      paint: { 'text-color': '#ffffff', 'text-halo-color': '#7a1410', 'text-halo-width': 1.5 },
    });

    const source = map.getSource<GeoJSONSource>(SOURCE);
    let frame = 0;
    const pulses = new Map<string, Marker>();
    const refreshPulse = (drawn: readonly IncidentFeature[]): void => {
      const urgent = urgentPoints(drawn);
      for (const [id, marker] of pulses)
        if (!urgent.has(id)) {
          marker.remove();
          pulses.delete(id);
        }
      for (const [id, point] of urgent) {
        const known = pulses.get(id);
        if (known !== undefined) {
          known.setLngLat(point);
          continue;
        }
        const element = document.createElement('div');
        element.className = 'incident-pulse';
        element.dataset['incidentId'] = id;
        element.dataset['testid'] = 'incident-pulse';
        element.setAttribute('aria-hidden', 'true');
        // The marker positions its element with a transform: the ring inside is what scales.
        element.append(Object.assign(document.createElement('div'), { className: 'incident-pulse-ring' }));
        pulses.set(id, new Marker({ element }).setLngLat(point).addTo(map));
      }
    };
    refreshPulse(drawn);
    const stop = useIncidentStore.subscribe((state, previous) => {
      if (state.byId === previous.byId || frame !== 0) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        const drawn = features();
        void source?.setData(collectionOf(drawn));
        refreshPulse(drawn);
      });
    });
    const open = (event: MapLayerMouseEvent): void => {
      const id: unknown = event.features?.[0]?.properties['id'];
      if (typeof id === 'string' && useMapUiStore.getState().measure === null) {
        useSelectionStore.getState().selectIncident(id);
      }
    };
    const pointer = (): void => {
      map.getCanvas().style.cursor = 'pointer';
    };
    const plain = (): void => {
      map.getCanvas().style.cursor = '';
    };
    map.on('click', 'incidents-dot', open);
    map.on('mouseenter', 'incidents-dot', pointer);
    map.on('mouseleave', 'incidents-dot', plain);
    return () => {
      stop();
      if (frame !== 0) cancelAnimationFrame(frame);
      for (const marker of pulses.values()) marker.remove();
      map.off('click', 'incidents-dot', open);
      map.off('mouseenter', 'incidents-dot', pointer);
      map.off('mouseleave', 'incidents-dot', plain);
      for (const layer of [...LAYERS].reverse()) if (map.getLayer(layer)) map.removeLayer(layer);
      if (map.getSource(SOURCE)) map.removeSource(SOURCE);
    };
  }, [map]);

  const selected = useSelectionStore((state) => state.incidentId);
  useEffect(() => {
    if (map.getLayer('incidents-selected')) map.setFilter('incidents-selected', ['==', ['get', 'id'], selected ?? '']);
  }, [map, selected]);
  return null;
}
