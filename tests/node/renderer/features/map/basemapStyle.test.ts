import { describe, expect, it } from 'vitest';
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import {
  basemapStyle,
  FIRST_BOUNDARY_LAYER,
  LABEL_LAYERS,
  themePaint,
  type BasemapUrls,
} from '../../../../../src-renderer/features/map/basemapStyle';
import { glyphWarmupCollection, glyphWarmupWords } from '../../../../../src-renderer/features/map/glyphWarmup';

const URLS: BasemapUrls = {
  countries: 'http://host/countries.geojson',
  governorates: 'http://host/governorates.geojson',
  labels: 'http://host/labels.geojson',
  boundaries: 'http://host/boundaries.geojson',
  neighbourhoods: 'http://host/neighbourhoods.geojson',
  localities: 'http://host/localities.geojson',
  water: 'http://host/water.geojson',
  arabicFont: 'http://host/ar.woff2',
  latinFont: 'http://host/latin.woff2',
};

const style = basemapStyle(URLS, 'ar', 'night');
const ids = style.layers.map((layer) => layer.id);
const at = (id: string): number => {
  const index = ids.indexOf(id);
  if (index === -1) throw new Error(`no layer ${id}`);
  return index;
};

describe('the basemap style', () => {
  it('is a valid MapLibre style', () => {
    expect(validateStyleMin(style)).toEqual([]);
  });

  it('stacks land < water < (street archive) < boundaries < labels', () => {
    expect(at('basemap-land')).toBeLessThan(at('basemap-neighbourhoods'));
    expect(at('basemap-neighbourhoods')).toBeLessThan(at('basemap-lakes'));
    expect(at('basemap-rivers')).toBeLessThan(at(FIRST_BOUNDARY_LAYER));
    // The street archive goes right below the first boundary layer: every boundary comes after it.
    for (const line of ['basemap-district-lines', 'basemap-subdistrict-lines', 'basemap-neighbourhood-lines']) {
      expect(at(line)).toBeGreaterThan(at(FIRST_BOUNDARY_LAYER));
    }
    const firstLabel = Math.min(...LABEL_LAYERS.map(at));
    expect(firstLabel).toBeGreaterThan(at('basemap-borders'));
    // Cities win a collision over villages: the later symbol layer is placed first.
    expect(at('basemap-place-labels')).toBeGreaterThan(at('basemap-neighbourhood-labels'));
    expect(at('basemap-neighbourhood-labels')).toBeGreaterThan(at('basemap-locality-labels'));
  });

  it('shows sub-districts from zoom 9, neighbourhoods from zoom 11 and villages from zoom 9', () => {
    const minzoom = (id: string): number | undefined => style.layers[at(id)]?.minzoom;

    expect(minzoom('basemap-subdistrict-lines')).toBe(9);
    expect(minzoom('basemap-neighbourhoods')).toBe(11);
    expect(minzoom('basemap-neighbourhood-labels')).toBe(11);
    expect(minzoom('basemap-locality-labels')).toBe(9);
  });

  it('gives every themed layer a colour in both themes, and each label layer a text in the language', () => {
    for (const theme of ['day', 'night'] as const) {
      for (const layer of Object.keys(themePaint(theme))) expect(ids, `${theme}: ${layer}`).toContain(layer);
    }
    for (const layer of LABEL_LAYERS) {
      const spec = style.layers[at(layer)];
      expect(spec?.type === 'symbol' && spec.layout?.['text-field'], layer).toEqual([
        'coalesce',
        ['get', 'name_ar'],
        ['get', 'name_en'],
      ]);
    }
  });
});

describe('the glyph warm-up', () => {
  it('asks for every joined form of every letter, hidden, blocking no label, at the country view only', () => {
    const layer = style.layers.find((candidate) => candidate.id === 'basemap-glyph-warmup');
    expect(layer?.type).toBe('symbol');
    if (layer?.type !== 'symbol') return;
    expect(layer.paint?.['text-opacity']).toBe(0);
    expect(layer.layout?.['text-ignore-placement']).toBe(true);
    expect(layer.layout?.['text-allow-overlap']).toBe(true);
    expect(layer.maxzoom).toBeLessThanOrEqual(7);
    expect(style.sources['glyph-warmup']).toMatchObject({ type: 'geojson' });
  });

  it('holds each letter alone, first, in the middle and last in a word, and the lam-alef ligatures', () => {
    const words = new Set(glyphWarmupWords());
    for (const letter of 'بعكهيڵێ') {
      for (const form of [letter, `${letter}ـ`, `ـ${letter}ـ`, `ـ${letter}`]) expect(words.has(form), form).toBe(true);
    }
    for (const letter of 'اردوەۆڕ') {
      expect(words.has(letter), letter).toBe(true);
      expect(words.has(`ـ${letter}`), letter).toBe(true);
    }
    expect(words.has('لا')).toBe(true);
    expect([...words].some((word) => word.includes('7') && word.includes('٧'))).toBe(true);
    const labels = glyphWarmupCollection().features.map((feature) => feature.properties.text);
    expect(labels.join(' ').split(' ')).toEqual(glyphWarmupWords());
  });
});
