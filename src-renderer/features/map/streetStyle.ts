import type {
  DataDrivenPropertyValueSpecification,
  ExpressionSpecification,
  LayerSpecification,
} from '@maplibre/maplibre-gl-style-spec';
import type { Language } from '../../../src-shared/contract/schemas';
import { STREET_POI_CLASSES, type StreetPoiClass } from '../../../src-shared/domain/streetPois';
import { FIRST_BOUNDARY_LAYER, FONT_STACK, type MapTheme } from './basemapStyle';

/**
 * How the map draws a center's street basemap. An archive made by `nida map import` has the layers
 * of resources/tilemaker/process.lua — `roads` (class, name, name_en, ref), `buildings`, `pois`
 * (class, name, name_en) and `water` (class, name) — and gets roads styled by class, labels along
 * the roads and at points of interest in the console's language, buildings from zoom 14. Other
 * vector archives get simple road, water and building layers guessed from their layer ids.
 * Pure: the layer component (layers/StreetBasemap.tsx) adds what this returns.
 */

export const STREET_SOURCE = 'street';
/** Street layers go above the land and below the boundaries and labels. */
export const STREET_BEFORE = FIRST_BOUNDARY_LAYER;

export const ROAD_CLASSES = [
  'motorway',
  'trunk',
  'primary',
  'secondary',
  'tertiary',
  'residential',
  'service',
  'path',
] as const;
type RoadClass = (typeof ROAD_CLASSES)[number];

export const POI_CLASSES = STREET_POI_CLASSES;
type PoiClass = StreetPoiClass;
/** Shown from zoom 13; the other points of interest from zoom 15, where there is room. */
const EMERGENCY_POIS: readonly PoiClass[] = ['hospital', 'police', 'fire_station'];

/** The vector layers of our importer's archives: all four present means our styling applies. */
export const NIDA_STREET_LAYERS = ['roads', 'buildings', 'pois', 'water'] as const;

interface StreetPalette {
  readonly roads: Readonly<Record<RoadClass, string>>;
  readonly casing: string;
  readonly building: string;
  readonly buildingOpacity: number;
  readonly water: string;
  readonly waterway: string;
  readonly text: string;
  readonly halo: string;
}

const PALETTES: Record<MapTheme, StreetPalette> = {
  night: {
    roads: {
      motorway: '#d39b5a',
      trunk: '#c7955e',
      primary: '#b8a476',
      secondary: '#95a1b6',
      tertiary: '#7f8ca3',
      residential: '#5f6c82',
      service: '#4d596d',
      path: '#4d596d',
    },
    casing: '#0d131d',
    building: '#2c374b',
    buildingOpacity: 0.8,
    water: '#0f2a47',
    waterway: '#1f4d7c',
    text: '#dfe7f2',
    halo: '#0b111b',
  },
  day: {
    roads: {
      motorway: '#e39b55',
      trunk: '#eab06a',
      primary: '#f2c96b',
      secondary: '#f6de8d',
      tertiary: '#ffffff',
      residential: '#ffffff',
      service: '#ffffff',
      path: '#e4ddcf',
    },
    casing: '#b4a993',
    building: '#ded6c7',
    buildingOpacity: 0.9,
    water: '#b9d3e8',
    waterway: '#98bfe0',
    text: '#2b2620',
    halo: '#ffffff',
  },
};

/** Points of interest keep their colour by day and night: red for a hospital, blue for police. */
const POI_COLOURS: Readonly<Record<PoiClass, string>> = {
  hospital: '#e0393e',
  police: '#2f6fdb',
  fire_station: '#f07d1a',
  mosque: '#2f9e62',
  school: '#8e5bd6',
  university: '#8e5bd6',
  marketplace: '#b9822f',
  fuel: '#7a8391',
};

/** Width at zoom 16, in pixels; narrower when zoomed out, wider in. */
const ROAD_WIDTH: Readonly<Record<RoadClass, number>> = {
  motorway: 9,
  trunk: 8,
  primary: 7,
  secondary: 6,
  tertiary: 5,
  residential: 3.5,
  service: 2,
  path: 1.2,
};

/** The `class` attribute of roads, points of interest and water alike. */
const featureClass: ExpressionSpecification = ['get', 'class'];

/** Major roads drawn over minor ones where they cross. */
const ROAD_ORDER: Readonly<Record<RoadClass, number>> = {
  motorway: 8,
  trunk: 7,
  primary: 6,
  secondary: 5,
  tertiary: 4,
  residential: 3,
  service: 2,
  path: 1,
};

function byRoadClass(values: Readonly<Record<RoadClass, string | number>>): ExpressionSpecification {
  return [
    'match',
    featureClass,
    ...ROAD_CLASSES.flatMap((name) => [name, values[name]]),
    values.residential,
  ] as ExpressionSpecification;
}

/** A road's width by zoom and class; `extra` pixels more for the casing underneath it. */
function roadWidth(extra: number): DataDrivenPropertyValueSpecification<number> {
  const at = (factor: number): ExpressionSpecification => ['+', ['*', byRoadClass(ROAD_WIDTH), factor], extra];
  return ['interpolate', ['exponential', 1.6], ['zoom'], 8, at(0.12), 12, at(0.4), 16, at(1), 18, at(2.2)];
}

/** A street's name in the console's language: Arabic (`name`: name:ar, else name) unless English is asked for. */
export function streetNameExpression(language: Language): ExpressionSpecification {
  return language === 'en'
    ? ['coalesce', ['get', 'name_en'], ['get', 'name'], ['get', 'ref']]
    : ['coalesce', ['get', 'name'], ['get', 'name_en'], ['get', 'ref']];
}

/** The street layers whose text follows the console's language. */
export const STREET_LABEL_LAYERS = ['street-road-labels', 'street-poi-labels', 'street-water-labels'] as const;

function poiFilter(): ExpressionSpecification {
  // Emergency services from zoom 13, everything from 15.
  return ['step', ['zoom'], ['in', featureClass, ['literal', EMERGENCY_POIS]], 15, true];
}

function nidaLayers(theme: MapTheme, language: Language): LayerSpecification[] {
  const palette = PALETTES[theme];
  const name = streetNameExpression(language);
  const source = STREET_SOURCE;
  return [
    {
      id: 'street-water',
      type: 'fill',
      source,
      'source-layer': 'water',
      filter: ['==', ['geometry-type'], 'Polygon'],
      paint: { 'fill-color': palette.water },
    },
    {
      id: 'street-waterways',
      type: 'line',
      source,
      'source-layer': 'water',
      filter: ['==', ['geometry-type'], 'LineString'],
      paint: {
        'line-color': palette.waterway,
        'line-width': ['interpolate', ['linear'], ['zoom'], 8, ['match', featureClass, 'river', 1, 0.4], 16, 4],
      },
    },
    {
      id: 'street-buildings',
      type: 'fill',
      source,
      'source-layer': 'buildings',
      minzoom: 14,
      paint: { 'fill-color': palette.building, 'fill-opacity': palette.buildingOpacity },
    },
    {
      id: 'street-road-casing',
      type: 'line',
      source,
      'source-layer': 'roads',
      minzoom: 12,
      filter: ['!=', featureClass, 'path'],
      layout: { 'line-join': 'round', 'line-cap': 'round', 'line-sort-key': byRoadClass(ROAD_ORDER) },
      paint: { 'line-color': palette.casing, 'line-width': roadWidth(1.5) },
    },
    {
      id: 'street-roads',
      type: 'line',
      source,
      'source-layer': 'roads',
      layout: { 'line-join': 'round', 'line-cap': 'round', 'line-sort-key': byRoadClass(ROAD_ORDER) },
      paint: { 'line-color': byRoadClass(palette.roads), 'line-width': roadWidth(0) },
    },
    {
      id: 'street-water-labels',
      type: 'symbol',
      source,
      'source-layer': 'water',
      minzoom: 12,
      filter: ['all', ['==', ['geometry-type'], 'LineString'], ['has', 'name']],
      layout: {
        'symbol-placement': 'line',
        'text-field': name,
        'text-font': FONT_STACK,
        'text-size': 12,
        'text-letter-spacing': 0.05,
      },
      paint: { 'text-color': palette.waterway, 'text-halo-color': palette.halo, 'text-halo-width': 1.4 },
    },
    {
      id: 'street-road-labels',
      type: 'symbol',
      source,
      'source-layer': 'roads',
      minzoom: 13,
      filter: ['any', ['has', 'name'], ['has', 'name_en'], ['has', 'ref']],
      layout: {
        'symbol-placement': 'line',
        'symbol-sort-key': ['-', 10, byRoadClass(ROAD_ORDER)],
        'text-field': name,
        'text-font': FONT_STACK,
        'text-size': ['interpolate', ['linear'], ['zoom'], 13, 11, 17, 14],
        'text-max-angle': 35,
        'text-padding': 2,
      },
      paint: { 'text-color': palette.text, 'text-halo-color': palette.halo, 'text-halo-width': 1.6 },
    },
    {
      id: 'street-pois',
      type: 'circle',
      source,
      'source-layer': 'pois',
      minzoom: 13,
      filter: poiFilter(),
      paint: {
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 13, 3.5, 17, 6],
        'circle-color': [
          'match',
          featureClass,
          ...POI_CLASSES.flatMap((poi) => [poi, POI_COLOURS[poi]]),
          POI_COLOURS.fuel,
        ] as ExpressionSpecification,
        'circle-stroke-color': palette.halo,
        'circle-stroke-width': 1.5,
      },
    },
    {
      id: 'street-poi-labels',
      type: 'symbol',
      source,
      'source-layer': 'pois',
      minzoom: 13,
      filter: ['all', poiFilter(), ['any', ['has', 'name'], ['has', 'name_en']]],
      layout: {
        'text-field': name,
        'text-font': FONT_STACK,
        'text-size': 11,
        'text-anchor': 'top',
        'text-offset': [0, 0.7],
        'text-optional': true,
        'symbol-sort-key': ['match', featureClass, ['hospital', 'police', 'fire_station'], 0, 1],
      },
      paint: { 'text-color': palette.text, 'text-halo-color': palette.halo, 'text-halo-width': 1.4 },
    },
  ];
}

/** Simple layers for an archive made elsewhere (OpenMapTiles and the like), by its layer ids. */
function guessedLayers(vectorLayers: readonly string[], theme: MapTheme): LayerSpecification[] {
  const palette = PALETTES[theme];
  const layers: LayerSpecification[] = [];
  for (const id of vectorLayers) {
    const common = { id: `street-${id}`, source: STREET_SOURCE, 'source-layer': id };
    if (/water|ocean|river/i.test(id)) {
      layers.push({
        ...common,
        type: 'fill',
        filter: ['==', ['geometry-type'], 'Polygon'],
        paint: { 'fill-color': palette.water, 'fill-opacity': 0.8 },
      });
    } else if (/building/i.test(id)) {
      layers.push({
        ...common,
        type: 'fill',
        minzoom: 14,
        paint: { 'fill-color': palette.building, 'fill-opacity': 0.5 },
      });
    } else if (/road|street|transport|highway/i.test(id)) {
      layers.push({
        ...common,
        type: 'line',
        paint: {
          'line-color': palette.roads.secondary,
          'line-opacity': 0.8,
          'line-width': ['interpolate', ['linear'], ['zoom'], 8, 0.4, 16, 3],
        },
      });
    }
  }
  return layers;
}

/** The layers to draw a vector street archive with the given layers, bottom to top. */
export function streetLayers(
  vectorLayers: readonly string[],
  theme: MapTheme,
  language: Language,
): LayerSpecification[] {
  const ours = NIDA_STREET_LAYERS.every((id) => vectorLayers.includes(id));
  return ours ? nidaLayers(theme, language) : guessedLayers(vectorLayers, theme);
}
