import type { AllPaintProperties, LayerSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { addProtocol, removeProtocol } from 'maplibre-gl';
import { FetchSource, PMTiles, Protocol, TileType } from 'pmtiles';
import { useEffect, useRef } from 'react';
import { z } from 'zod';
import type { Language } from '../../../../src-shared/contract/schemas';
import { currentLanguage } from '../../../i18n';
import { runTask } from '../../../store/errors/errorStore';
import type { MapTheme } from '../basemapStyle';
import type { StreetBasemapSource } from '../mapManifest';
import { mapRequestHeaders } from '../mapRequests';
import { useMapUiStore } from '../mapUiStore';
import { STREET_BEFORE, STREET_LABEL_LAYERS, STREET_SOURCE, streetLayers } from '../streetStyle';

const metadataSchema = z.object({
  vector_layers: z
    .array(z.object({ id: z.string().max(100) }))
    .max(200)
    .optional(),
  attribution: z.string().max(300).optional().catch(undefined),
});

type Bounds = [number, number, number, number];

/** What the layer added, so theme and language changes can restyle it in place. */
interface Drawn {
  readonly vectorLayers: readonly string[];
  readonly layerIds: readonly string[];
}

function addLayers(map: MapLibreMap, layers: readonly LayerSpecification[]): string[] {
  const before = map.getLayer(STREET_BEFORE) ? STREET_BEFORE : undefined;
  for (const layer of layers) map.addLayer(layer, before);
  return layers.map((layer) => layer.id);
}

/**
 * A center's own street-level basemap, named in the configuration and served by the host: an
 * MBTiles archive (`nida map import`) as tiles under /map/street/, or a PMTiles file read by range
 * through the `pmtiles://` protocol — no tile server, no network. Vector archives are drawn with
 * streetStyle.ts between the land and the boundaries; raster archives as they are. While it is
 * drawn, its credit line is in the map's credits.
 */
export function StreetBasemap(props: {
  map: MapLibreMap;
  source: StreetBasemapSource;
  theme: MapTheme;
  language: Language;
}) {
  const { map, source, theme, language } = props;
  const drawn = useRef<Drawn | null>(null);

  useEffect(() => {
    const added: string[] = [];
    const state = { current: true };
    const stale = (): boolean => !state.current;
    const setCredit = useMapUiStore.getState().setStreetCredit;
    let protocolAdded = false;
    // The theme and language when the archive arrives (later changes restyle in place, below).
    const vectorStyle = (vectorLayers: readonly string[]): LayerSpecification[] =>
      streetLayers(vectorLayers, useMapUiStore.getState().theme, currentLanguage());
    const drawVector = (vectorLayers: readonly string[]): void => {
      added.push(...addLayers(map, vectorStyle(vectorLayers)));
      drawn.current = { vectorLayers, layerIds: [...added] };
    };

    if (source.kind === 'mbtiles') {
      const tiles = [new URL(source.tiles, document.baseURI).href.replace(/%7B/gi, '{').replace(/%7D/gi, '}')];
      const extent = {
        minzoom: source.minzoom,
        maxzoom: source.maxzoom,
        ...(source.bounds && { bounds: [...source.bounds] as Bounds }),
      };
      if (source.format === 'pbf') {
        map.addSource(STREET_SOURCE, { type: 'vector', tiles, ...extent });
        drawVector(source.layers);
      } else {
        map.addSource(STREET_SOURCE, { type: 'raster', tiles, tileSize: 256, ...extent });
        added.push(...addLayers(map, [{ id: 'street-raster', type: 'raster', source: STREET_SOURCE }]));
      }
      setCredit(source.attribution);
    } else {
      const protocol = new Protocol();
      addProtocol('pmtiles', protocol.tile);
      protocolAdded = true;
      const absolute = new URL(source.url, document.baseURI).href;
      // PMTiles fetches by itself (not through MapLibre's transformRequest): it sends the token here.
      const archive = new PMTiles(new FetchSource(absolute, new Headers(mapRequestHeaders())));
      protocol.add(archive);
      const load = async (): Promise<void> => {
        const header = await archive.getHeader();
        if (stale()) return;
        const bounds: Bounds = [header.minLon, header.minLat, header.maxLon, header.maxLat];
        const metadata = metadataSchema.parse(await archive.getMetadata());
        if (stale()) return;
        if (header.tileType === TileType.Mvt) {
          map.addSource(STREET_SOURCE, { type: 'vector', url: `pmtiles://${absolute}`, bounds });
          drawVector((metadata.vector_layers ?? []).map((layer) => layer.id));
        } else {
          map.addSource(STREET_SOURCE, { type: 'raster', url: `pmtiles://${absolute}`, tileSize: 256, bounds });
          added.push(...addLayers(map, [{ id: 'street-raster', type: 'raster', source: STREET_SOURCE }]));
        }
        setCredit(metadata.attribution ?? null);
      };
      runTask(load());
    }
    return () => {
      state.current = false;
      drawn.current = null;
      setCredit(null);
      for (const layer of added.reverse()) if (map.getLayer(layer)) map.removeLayer(layer);
      if (map.getSource(STREET_SOURCE)) map.removeSource(STREET_SOURCE);
      if (protocolAdded) removeProtocol('pmtiles');
    };
  }, [map, source]);

  // Day/night and the console's language, applied to the drawn layers in place (no reload of tiles).
  useEffect(() => {
    const current = drawn.current;
    if (!current) return;
    for (const layer of streetLayers(current.vectorLayers, theme, language)) {
      if (!current.layerIds.includes(layer.id) || !map.getLayer(layer.id)) continue;
      const paint = Object.entries(layer.paint ?? {}) as [
        keyof AllPaintProperties,
        AllPaintProperties[keyof AllPaintProperties],
      ][];
      for (const [property, value] of paint) map.setPaintProperty(layer.id, property, value);
      if ((STREET_LABEL_LAYERS as readonly string[]).includes(layer.id) && layer.type === 'symbol') {
        map.setLayoutProperty(layer.id, 'text-field', layer.layout?.['text-field']);
      }
    }
  }, [map, theme, language]);
  return null;
}
