import type { ExpressionSpecification, FilterSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { AddLayerObject, Map as MapLibreMap } from 'maplibre-gl';
import { useEffect } from 'react';
import type { Language } from '../../../../src-shared/contract/schemas';
import { FONT_STACK } from '../basemapStyle';
import type { MapManifest } from '../mapManifest';

/** Overlay layers drawn above the operator's layers: the operator's layers go underneath them. */
export const OVERLAY_PREFIXES = ['callers-', 'trail-', 'incidents-', 'units-', 'measure-', 'search-'];

export function firstOverlayLayer(map: MapLibreMap): string | undefined {
  return map.getStyle().layers.find((layer) => OVERLAY_PREFIXES.some((prefix) => layer.id.startsWith(prefix)))?.id;
}

function label(language: Language): ExpressionSpecification {
  const keys =
    language === 'en'
      ? ['name_en', 'name_ar', 'name']
      : language === 'ckb'
        ? ['name_ku', 'name_ckb', 'name_ar', 'name_en', 'name']
        : ['name_ar', 'name_en', 'name'];
  return ['coalesce', ...keys.map((key): ExpressionSpecification => ['get', key])];
}

/**
 * The operator's GeoJSON layers from the configuration (districts, hospitals, stations), served by
 * the host under /map/gis/. Areas get an outline and a faint fill, points a dot, and named
 * features a label in the console's language.
 */
export function GisLayers(props: { map: MapLibreMap; manifest: MapManifest; language: Language }) {
  const { map, manifest, language } = props;
  useEffect(() => {
    const added: { sources: string[]; layers: string[] } = { sources: [], layers: [] };
    manifest.layers.forEach((layer, index) => {
      const source = layer.id;
      const hue = (index * 67 + 160) % 360;
      const colour = `hsl(${String(hue)} 70% 62%)`;
      map.addSource(source, { type: 'geojson', data: new URL(layer.url, document.baseURI).href });
      added.sources.push(source);
      const before = firstOverlayLayer(map);
      const polygon: FilterSpecification = ['==', ['geometry-type'], 'Polygon'];
      const specs: AddLayerObject[] = [
        {
          id: `${source}-fill`,
          type: 'fill',
          source,
          filter: polygon,
          paint: { 'fill-color': colour, 'fill-opacity': 0.06 },
        },
        {
          id: `${source}-line`,
          type: 'line',
          source,
          filter: ['!=', ['geometry-type'], 'Point'],
          paint: { 'line-color': colour, 'line-width': 1.2 },
        },
        {
          id: `${source}-point`,
          type: 'circle',
          source,
          filter: ['==', ['geometry-type'], 'Point'],
          paint: {
            'circle-radius': 4,
            'circle-color': colour,
            'circle-stroke-color': '#0b111b',
            'circle-stroke-width': 1,
          },
        },
        {
          id: `${source}-label`,
          type: 'symbol',
          source,
          minzoom: layer.kind === 'district' || layer.kind === 'governorate' ? 7 : 9,
          layout: { 'text-field': label(language), 'text-font': FONT_STACK, 'text-size': 11, 'text-optional': true },
          paint: { 'text-color': colour, 'text-halo-color': '#0b111b', 'text-halo-width': 1.2 },
        },
      ];
      for (const spec of specs) {
        map.addLayer(spec, before);
        added.layers.push(spec.id);
      }
    });
    return () => {
      for (const layer of added.layers.reverse()) if (map.getLayer(layer)) map.removeLayer(layer);
      for (const source of added.sources) if (map.getSource(source)) map.removeSource(source);
    };
    // The language only changes the labels' text field (the effect below), not the layers.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [map, manifest]);

  useEffect(() => {
    for (const layer of manifest.layers) {
      if (map.getLayer(`${layer.id}-label`)) map.setLayoutProperty(`${layer.id}-label`, 'text-field', label(language));
    }
  }, [map, manifest, language]);
  return null;
}
