import { describe, expect, it } from 'vitest';
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import {
  basemapStyle,
  FIRST_BOUNDARY_LAYER,
  LABEL_LAYERS,
  themePaint,
  type BasemapUrls,
} from '../../../../../src-renderer/features/map/basemapStyle';

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
