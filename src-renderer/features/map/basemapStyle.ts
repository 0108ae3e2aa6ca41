import type {
  AllPaintProperties,
  ExpressionSpecification,
  FontFacesSpecification,
  LayerSpecification,
  StyleSpecification,
} from '@maplibre/maplibre-gl-style-spec';
import type { Language } from '../../../src-shared/contract/schemas';

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
  readonly water: string;
  readonly land: string;
  readonly iraq: string;
  readonly governorate: string;
  readonly governorateLine: string;
  readonly border: string;
  readonly text: string;
  readonly textMuted: string;
  readonly halo: string;
}

const PALETTES: Record<MapTheme, Palette> = {
  night: {
    water: '#0a1a2c',
    land: '#151d2a',
    iraq: '#1b2536',
    governorate: '#1b2536',
    governorateLine: '#3a4a66',
    border: '#7587a3',
    text: '#e8eef6',
    textMuted: '#a9b7cb',
    halo: '#0b111b',
  },
  day: {
    water: '#b9d3e8',
    land: '#ece8df',
    iraq: '#faf7f0',
    governorate: '#faf7f0',
    governorateLine: '#9a8f7c',
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
    'basemap-governorate-lines': { 'line-color': palette.governorateLine },
    'basemap-borders': { 'line-color': palette.border },
    'basemap-country-labels': { 'text-color': palette.textMuted, 'text-halo-color': palette.halo },
    'basemap-governorate-labels': { 'text-color': palette.textMuted, 'text-halo-color': palette.halo },
    'basemap-place-labels': { 'text-color': palette.text, 'text-halo-color': palette.halo },
    'basemap-place-dots': { 'circle-color': palette.text, 'circle-stroke-color': palette.halo },
  };
}

/** Label layers whose text follows the console's language. */
export const LABEL_LAYERS = ['basemap-country-labels', 'basemap-governorate-labels', 'basemap-place-labels'] as const;

export function basemapStyle(urls: BasemapUrls, language: Language, theme: MapTheme): StyleSpecification {
  const palette = PALETTES[theme];
  const text = nameExpression(language);
  const layers: LayerSpecification[] = [
    { id: 'basemap-water', type: 'background', paint: { 'background-color': palette.water } },
    { id: 'basemap-land', type: 'fill', source: 'countries', paint: { 'fill-color': palette.land } },
    {
      id: 'basemap-iraq',
      type: 'fill',
      source: 'governorates',
      paint: { 'fill-color': palette.iraq },
    },
    {
      id: 'basemap-governorate-lines',
      type: 'line',
      source: 'governorates',
      paint: { 'line-color': palette.governorateLine, 'line-width': 1, 'line-dasharray': [3, 2] },
    },
    {
      id: 'basemap-borders',
      type: 'line',
      source: 'countries',
      paint: { 'line-color': palette.border, 'line-width': ['interpolate', ['linear'], ['zoom'], 4, 0.8, 10, 2] },
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
    },
    layers,
  };
}
