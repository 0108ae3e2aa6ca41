import type {
  AllPaintProperties,
  ExpressionSpecification,
  FontFacesSpecification,
  LayerSpecification,
  StyleSpecification,
} from '@maplibre/maplibre-gl-style-spec';
import type { Language } from '../../../src-shared/contract/schemas';
import { glyphWarmupCollection } from './glyphWarmup';

/**
 * The offline basemap (resources/basemap/, built by scripts/build-basemap.mjs) as a MapLibre style.
 *
 * Text: the style declares the bundled Noto Sans Arabic / Noto Sans files as `font-faces`, so
 * MapLibre draws every label locally with the browser's text engine (TinySDF) from those files: no
 * glyph server, no glyph PBFs. MapLibre 6 shapes Arabic itself (letters joined into their
 * Presentation Forms-B shapes, lam-alef ligatures) and orders right-to-left text with its built-in
 * bidi, so no RTL text plugin is loaded either.
 */

export type MapTheme = 'day' | 'night';

/** Iraq's extent (lon/lat), the first view of a console. */
export const IRAQ_BOUNDS: [[number, number], [number, number]] = [
  [38.7, 29.0],
  [48.8, 37.4],
];

export const FONT_STACK = ['Noto Sans'];

export interface BasemapUrls {
  readonly countries: string;
  readonly governorates: string;
  readonly labels: string;
  readonly boundaries: string;
  readonly neighbourhoods: string;
  readonly localities: string;
  readonly water: string;
  readonly arabicFont: string;
  readonly latinFont: string;
}

/** Arabic-script ranges of the Noto Sans Arabic file; the Latin file covers the rest. */
const ARABIC_RANGES = ['U+0600-06FF', 'U+0750-077F', 'U+0870-08FF', 'U+200C-200E', 'U+FB50-FDFF', 'U+FE70-FEFF'];
const LATIN_RANGES = ['U+0000-024F', 'U+0300-036F', 'U+2000-206F', 'U+20AC', 'U+2122', 'U+2190-21FF'];

export function fontFaces(urls: Pick<BasemapUrls, 'arabicFont' | 'latinFont'>): FontFacesSpecification {
  return {
    'Noto Sans': [
      { url: urls.arabicFont, 'unicode-range': ARABIC_RANGES },
      { url: urls.latinFont, 'unicode-range': LATIN_RANGES },
    ],
  };
}

/** A label in the console's language, falling back to another script rather than to nothing. */
export function nameExpression(language: Language): ExpressionSpecification {
  const order: Record<Language, readonly string[]> = {
    ar: ['name_ar', 'name_en'],
    ckb: ['name_ckb', 'name_ar', 'name_en'],
    en: ['name_en', 'name_ar'],
  };
  return ['coalesce', ...order[language].map((key): ExpressionSpecification => ['get', key])];
}

interface Palette {
  /** The sea around the land (the style's background). */
  readonly water: string;
  /** Rivers and lakes, lighter than the sea so they read on land at night too. */
  readonly river: string;
  readonly riverText: string;
  readonly land: string;
  readonly iraq: string;
  readonly governorate: string;
  readonly governorateLine: string;
  readonly districtLine: string;
  readonly subdistrictLine: string;
  readonly neighbourhood: string;
  readonly neighbourhoodLine: string;
  readonly neighbourhoodText: string;
  readonly border: string;
  readonly text: string;
  readonly textMuted: string;
  readonly halo: string;
}

const PALETTES: Record<MapTheme, Palette> = {
  night: {
    water: '#0a1a2c',
    river: '#1f4a70',
    riverText: '#7fb0dc',
    land: '#151d2a',
    iraq: '#1b2536',
    governorate: '#1b2536',
    governorateLine: '#3a4a66',
    districtLine: '#34435c',
    subdistrictLine: '#2a3649',
    neighbourhood: '#202b3e',
    neighbourhoodLine: '#34425a',
    neighbourhoodText: '#b9c3d3',
    border: '#7587a3',
    text: '#e8eef6',
    textMuted: '#a9b7cb',
    halo: '#0b111b',
  },
  day: {
    water: '#b9d3e8',
    river: '#9fc4e4',
    riverText: '#2b5d88',
    land: '#ece8df',
    iraq: '#faf7f0',
    governorate: '#faf7f0',
    governorateLine: '#9a8f7c',
    districtLine: '#c4b8a3',
    subdistrictLine: '#ddd4c4',
    neighbourhood: '#f3eee4',
    neighbourhoodLine: '#d9cdb9',
    neighbourhoodText: '#65584a',
    border: '#5b5246',
    text: '#1d1a16',
    textMuted: '#4a4339',
    halo: '#ffffff',
  },
};

/** The paint properties that change with the theme, per basemap layer: applied in place (no style reload). */
export function themePaint(theme: MapTheme): Record<string, Partial<Record<keyof AllPaintProperties, string>>> {
  const palette = PALETTES[theme];
  return {
    'basemap-water': { 'background-color': palette.water },
    'basemap-land': { 'fill-color': palette.land },
    'basemap-iraq': { 'fill-color': palette.iraq },
    'basemap-neighbourhoods': { 'fill-color': palette.neighbourhood },
    'basemap-lakes': { 'fill-color': palette.river },
    'basemap-rivers': { 'line-color': palette.river },
    'basemap-governorate-lines': { 'line-color': palette.governorateLine },
    'basemap-district-lines': { 'line-color': palette.districtLine },
    'basemap-subdistrict-lines': { 'line-color': palette.subdistrictLine },
    'basemap-neighbourhood-lines': { 'line-color': palette.neighbourhoodLine },
    'basemap-borders': { 'line-color': palette.border },
    'basemap-river-labels': { 'text-color': palette.riverText, 'text-halo-color': palette.halo },
    'basemap-lake-labels': { 'text-color': palette.riverText, 'text-halo-color': palette.halo },
    'basemap-locality-labels': { 'text-color': palette.textMuted, 'text-halo-color': palette.halo },
    'basemap-neighbourhood-labels': { 'text-color': palette.neighbourhoodText, 'text-halo-color': palette.halo },
    'basemap-country-labels': { 'text-color': palette.textMuted, 'text-halo-color': palette.halo },
    'basemap-governorate-labels': { 'text-color': palette.textMuted, 'text-halo-color': palette.halo },
    'basemap-place-labels': { 'text-color': palette.text, 'text-halo-color': palette.halo },
    'basemap-place-dots': { 'circle-color': palette.text, 'circle-stroke-color': palette.halo },
  };
}

/** Label layers whose text follows the console's language. */
export const LABEL_LAYERS = [
  'basemap-river-labels',
  'basemap-lake-labels',
  'basemap-locality-labels',
  'basemap-neighbourhood-labels',
  'basemap-country-labels',
  'basemap-governorate-labels',
  'basemap-place-labels',
] as const;

/**
 * The layer the street archive (layers/StreetBasemap.tsx) is inserted below: the first boundary
 * layer, so streets lie over land and water and under every boundary and label.
 */
export const FIRST_BOUNDARY_LAYER = 'basemap-governorate-lines';

const isKind = (kind: string): ExpressionSpecification => ['==', ['get', 'kind'], kind];

export function basemapStyle(urls: BasemapUrls, language: Language, theme: MapTheme): StyleSpecification {
  const palette = PALETTES[theme];
  const text = nameExpression(language);
  const layers: LayerSpecification[] = [
    { id: 'basemap-water', type: 'background', paint: { 'background-color': palette.water } },
    {
      // Never seen: asks for every glyph's shape at the country view, while the map loads
      // (glyphWarmup.ts), and hides and blocks no other label.
      id: 'basemap-glyph-warmup',
      type: 'symbol',
      source: 'glyph-warmup',
      maxzoom: 7,
      layout: {
        'text-field': ['get', 'text'],
        'text-font': FONT_STACK,
        'text-max-width': 100,
        'text-allow-overlap': true,
        'text-ignore-placement': true,
      },
      paint: { 'text-opacity': 0 },
    },
    { id: 'basemap-land', type: 'fill', source: 'countries', paint: { 'fill-color': palette.land } },
    {
      id: 'basemap-iraq',
      type: 'fill',
      source: 'governorates',
      paint: { 'fill-color': palette.iraq },
    },
    // Street level: neighbourhoods as a faint tint (under water and streets), outlined further up.
    {
      id: 'basemap-neighbourhoods',
      type: 'fill',
      source: 'neighbourhoods',
      minzoom: 11,
      paint: {
        'fill-color': palette.neighbourhood,
        'fill-opacity': ['interpolate', ['linear'], ['zoom'], 11, 0, 12, 1],
      },
    },
    {
      id: 'basemap-lakes',
      type: 'fill',
      source: 'water',
      filter: isKind('lake'),
      paint: { 'fill-color': palette.river },
    },
    {
      id: 'basemap-rivers',
      type: 'line',
      source: 'water',
      filter: isKind('river'),
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: {
        'line-color': palette.river,
        'line-width': ['interpolate', ['linear'], ['zoom'], 5, 0.8, 8, 1.6, 12, 4, 16, 8],
      },
    },
    // A center's street archive goes here (before FIRST_BOUNDARY_LAYER).
    {
      id: FIRST_BOUNDARY_LAYER,
      type: 'line',
      source: 'governorates',
      paint: { 'line-color': palette.governorateLine, 'line-width': 1, 'line-dasharray': [3, 2] },
    },
    {
      id: 'basemap-district-lines',
      type: 'line',
      source: 'boundaries',
      filter: ['==', ['get', 'level'], 'district'],
      minzoom: 8,
      paint: {
        'line-color': palette.districtLine,
        'line-width': ['interpolate', ['linear'], ['zoom'], 8, 0.6, 12, 1.4],
      },
    },
    {
      id: 'basemap-subdistrict-lines',
      type: 'line',
      source: 'boundaries',
      filter: ['==', ['get', 'level'], 'subdistrict'],
      minzoom: 9,
      paint: {
        'line-color': palette.subdistrictLine,
        'line-width': ['interpolate', ['linear'], ['zoom'], 9, 0.5, 12, 1],
        'line-dasharray': [4, 2],
      },
    },
    {
      id: 'basemap-neighbourhood-lines',
      type: 'line',
      source: 'neighbourhoods',
      minzoom: 11,
      paint: {
        'line-color': palette.neighbourhoodLine,
        'line-width': ['interpolate', ['linear'], ['zoom'], 11, 0.5, 15, 1.5],
      },
    },
    {
      id: 'basemap-borders',
      type: 'line',
      source: 'countries',
      paint: { 'line-color': palette.border, 'line-width': ['interpolate', ['linear'], ['zoom'], 4, 0.8, 10, 2] },
    },
    // Labels: a layer later in this list (drawn above) is placed first and wins a collision: cities over
    // rivers over neighbourhoods over villages.
    {
      // Towns and villages: those with a known population (rank 1–4) from zoom 9, all from zoom 10,
      // the biggest placed first (the file is sorted by population, the sort key is the rank).
      id: 'basemap-locality-labels',
      type: 'symbol',
      source: 'localities',
      minzoom: 9,
      filter: ['<=', ['get', 'rank'], ['step', ['zoom'], 4, 10, 5]],
      layout: {
        'text-field': text,
        'text-font': FONT_STACK,
        'text-size': ['interpolate', ['linear'], ['zoom'], 9, ['match', ['get', 'rank'], 5, 11, 12.5], 14, 13.5],
        'text-padding': 4,
        'symbol-sort-key': ['get', 'rank'],
      },
      paint: { 'text-color': palette.textMuted, 'text-halo-color': palette.halo, 'text-halo-width': 1.4 },
    },
    {
      id: 'basemap-neighbourhood-labels',
      type: 'symbol',
      source: 'labels',
      filter: isKind('neighbourhood'),
      minzoom: 11,
      layout: {
        'text-field': text,
        'text-font': FONT_STACK,
        'text-size': ['interpolate', ['linear'], ['zoom'], 11, 11.5, 15, 14.5],
        'text-max-width': 8,
        'text-padding': 3,
      },
      paint: { 'text-color': palette.neighbourhoodText, 'text-halo-color': palette.halo, 'text-halo-width': 1.5 },
    },
    {
      id: 'basemap-river-labels',
      type: 'symbol',
      source: 'water',
      filter: isKind('river'),
      minzoom: 7,
      layout: {
        'symbol-placement': 'line',
        'symbol-spacing': 300,
        'text-field': text,
        'text-font': FONT_STACK,
        'text-size': ['interpolate', ['linear'], ['zoom'], 7, 11, 13, 14],
      },
      paint: { 'text-color': palette.riverText, 'text-halo-color': palette.halo, 'text-halo-width': 1.4 },
    },
    {
      id: 'basemap-lake-labels',
      type: 'symbol',
      source: 'water',
      filter: isKind('lake'),
      minzoom: 7,
      layout: { 'text-field': text, 'text-font': FONT_STACK, 'text-size': 12 },
      paint: { 'text-color': palette.riverText, 'text-halo-color': palette.halo, 'text-halo-width': 1.4 },
    },
    {
      id: 'basemap-country-labels',
      type: 'symbol',
      source: 'labels',
      filter: ['all', ['==', ['get', 'kind'], 'country'], ['!=', ['get', 'id'], '368']],
      maxzoom: 8,
      layout: {
        'text-field': text,
        'text-font': FONT_STACK,
        'text-size': 15,
        'text-letter-spacing': 0.05,
      },
      paint: { 'text-color': palette.textMuted, 'text-halo-color': palette.halo, 'text-halo-width': 1.5 },
    },
    {
      id: 'basemap-governorate-labels',
      type: 'symbol',
      source: 'labels',
      filter: ['==', ['get', 'kind'], 'governorate'],
      minzoom: 5,
      maxzoom: 10,
      layout: {
        'text-field': text,
        'text-font': FONT_STACK,
        'text-size': ['interpolate', ['linear'], ['zoom'], 5, 12, 8, 15],
        'text-padding': 4,
      },
      paint: {
        'text-color': palette.textMuted,
        'text-halo-color': palette.halo,
        'text-halo-width': 1.5,
        'text-opacity': 0.9,
      },
    },
    {
      id: 'basemap-place-dots',
      type: 'circle',
      source: 'labels',
      filter: [
        'all',
        ['in', ['get', 'kind'], ['literal', ['city', 'town']]],
        ['<=', ['get', 'rank'], ['step', ['zoom'], 2, 6, 3, 7.5, 4]],
      ],
      maxzoom: 11,
      paint: {
        'circle-radius': ['match', ['get', 'rank'], 1, 4.5, 2, 3.5, 2.5],
        'circle-color': palette.text,
        'circle-stroke-color': palette.halo,
        'circle-stroke-width': 1,
      },
    },
    {
      id: 'basemap-place-labels',
      type: 'symbol',
      source: 'labels',
      filter: [
        'all',
        ['in', ['get', 'kind'], ['literal', ['city', 'town']]],
        ['<=', ['get', 'rank'], ['step', ['zoom'], 2, 6, 3, 7.5, 4]],
      ],
      layout: {
        'text-field': text,
        'text-font': FONT_STACK,
        'text-size': ['match', ['get', 'rank'], 1, 17, 2, 14, 3, 13, 12],
        'text-variable-anchor': ['top', 'bottom', 'left', 'right'],
        'text-radial-offset': 0.6,
        'symbol-sort-key': ['get', 'rank'],
      },
      paint: { 'text-color': palette.text, 'text-halo-color': palette.halo, 'text-halo-width': 1.6 },
    },
  ];
  return {
    version: 8,
    'font-faces': fontFaces(urls),
    sources: {
      countries: { type: 'geojson', data: urls.countries },
      governorates: { type: 'geojson', data: urls.governorates },
      labels: { type: 'geojson', data: urls.labels },
      'glyph-warmup': { type: 'geojson', data: glyphWarmupCollection() },
      // Tiles no finer than zoom 12 (MapLibre scales them up), still finer than the data (~10 m), and
      // a small buffer where nothing is drawn across a tile's edge but lines.
      boundaries: { type: 'geojson', data: urls.boundaries, maxzoom: 12, buffer: 16 },
      neighbourhoods: { type: 'geojson', data: urls.neighbourhoods, maxzoom: 12, buffer: 16 },
      water: { type: 'geojson', data: urls.water, maxzoom: 12 },
      // 17,000 villages. Unclustered, geojson-vt cuts every tile out of the whole set, level by level
      // down from zoom 0, the first time a place is viewed (seconds on a slow control-room PC);
      // clustered, they are indexed once at load (a k-d tree) and a tile is a range query. Clusters
      // exist only up to zoom 1, far below the layer's minzoom, so the map only ever sees single
      // villages with their own properties. The tiny radius is also the tile buffer: labels are
      // placed by their point, which lies inside the tile.
      localities: {
        type: 'geojson',
        data: urls.localities,
        maxzoom: 12,
        cluster: true,
        clusterMaxZoom: 1,
        clusterRadius: 1,
      },
    },
    layers,
  };
}
