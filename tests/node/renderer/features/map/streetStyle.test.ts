import {
  featureFilter,
  validateStyleMin,
  type LayerSpecification,
  type StyleSpecification,
} from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import {
  NIDA_STREET_LAYERS,
  STREET_LABEL_LAYERS,
  STREET_SOURCE,
  streetLayers,
  streetNameExpression,
} from '../../../../../src-renderer/features/map/streetStyle';

/** A style holding only the street source and layers, as MapLibre would check it. */
function styleOf(layers: LayerSpecification[]): StyleSpecification {
  return {
    version: 8,
    sources: { [STREET_SOURCE]: { type: 'vector', tiles: ['http://127.0.0.1/map/street/{z}/{x}/{y}.pbf'] } },
    layers,
  };
}

const layer = (layers: readonly LayerSpecification[], id: string): LayerSpecification => {
  const found = layers.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no layer ${id}`);
  return found;
};

/** Whether a layer's filter keeps a point feature with these properties at this zoom. */
function keeps(spec: LayerSpecification, zoom: number, properties: Record<string, string>): boolean {
  const filter = 'filter' in spec ? spec.filter : undefined;
  return featureFilter(filter, 'filter').filter({ zoom }, { type: 1, properties });
}

describe('the street basemap style', () => {
  it('given an archive of `nida map import`, when styled, then MapLibre accepts the layers in day and night and every language', () => {
    for (const theme of ['day', 'night'] as const) {
      for (const language of ['ar', 'en', 'ckb'] as const) {
        const errors = validateStyleMin(styleOf(streetLayers(NIDA_STREET_LAYERS, theme, language)));
        expect(
          errors.map((error) => error.message),
          `${theme} ${language}`,
        ).toEqual([]);
      }
    }
  });

  it('given our archive, when styled, then water and buildings lie under the roads, and labels and points of interest on top', () => {
    const ids = streetLayers(NIDA_STREET_LAYERS, 'night', 'ar').map((spec) => spec.id);

    expect(ids).toEqual([
      'street-water',
      'street-waterways',
      'street-buildings',
      'street-road-casing',
      'street-roads',
      'street-water-labels',
      'street-road-labels',
      'street-pois',
      'street-poi-labels',
    ]);
    expect(ids.filter((id) => id.endsWith('-labels')).sort()).toEqual([...STREET_LABEL_LAYERS].sort());
  });

  it('given our archive, when styled, then buildings appear from zoom 14 and roads are coloured by class, differently by day and night', () => {
    const night = streetLayers(NIDA_STREET_LAYERS, 'night', 'ar');
    const day = streetLayers(NIDA_STREET_LAYERS, 'day', 'ar');

    expect(layer(night, 'street-buildings').minzoom).toBe(14);
    const roadColour = (layers: readonly LayerSpecification[]): unknown =>
      (layer(layers, 'street-roads') as { paint: { 'line-color': unknown } }).paint['line-color'];
    expect(roadColour(night)).toEqual(expect.arrayContaining(['match', ['get', 'class'], 'motorway', 'primary']));
    expect(roadColour(day)).not.toEqual(roadColour(night));
  });

  it('given the console language, when roads are labelled, then Arabic names come first except in English', () => {
    expect(streetNameExpression('ar')).toEqual(['coalesce', ['get', 'name'], ['get', 'name_en'], ['get', 'ref']]);
    expect(streetNameExpression('ckb')).toEqual(streetNameExpression('ar'));
    expect(streetNameExpression('en')).toEqual(['coalesce', ['get', 'name_en'], ['get', 'name'], ['get', 'ref']]);
    const labels = layer(streetLayers(NIDA_STREET_LAYERS, 'day', 'en'), 'street-road-labels') as {
      layout: Record<string, unknown>;
    };
    expect(labels.layout['text-field']).toEqual(streetNameExpression('en'));
    expect(labels.layout['symbol-placement']).toBe('line');
  });

  it('given points of interest, when zoomed out to 13–14, then only hospitals, police and civil-defence stations show; all from 15', () => {
    const pois = layer(streetLayers(NIDA_STREET_LAYERS, 'night', 'ar'), 'street-pois');

    for (const poi of ['hospital', 'police', 'fire_station']) expect(keeps(pois, 13, { class: poi }), poi).toBe(true);
    for (const poi of ['mosque', 'school', 'fuel']) {
      expect(keeps(pois, 14, { class: poi }), poi).toBe(false);
      expect(keeps(pois, 15, { class: poi }), poi).toBe(true);
    }
  });

  it('given an archive made elsewhere, when styled, then roads, water and buildings are guessed from its layer ids', () => {
    const layers = streetLayers(['transportation', 'building', 'water', 'place'], 'night', 'ar');

    expect(layers.map((spec) => spec.id)).toEqual(['street-transportation', 'street-building', 'street-water']);
    expect(validateStyleMin(styleOf(layers))).toEqual([]);
  });
});
