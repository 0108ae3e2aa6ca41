import type { AddLayerObject, Map as MapLibreMap } from 'maplibre-gl';
import { addProtocol, removeProtocol } from 'maplibre-gl';
import { PMTiles, Protocol, TileType } from 'pmtiles';
import { useEffect } from 'react';
import { z } from 'zod';
import { runTask } from '../../../store/errors/errorStore';

const SOURCE = 'street';
/** Street layers go above the land and below the boundaries and labels. */
const BEFORE = 'basemap-governorate-lines';

const metadataSchema = z.object({
  vector_layers: z
    .array(z.object({ id: z.string().max(100) }))
    .max(200)
    .optional(),
});

function vectorLayers(ids: readonly string[]): AddLayerObject[] {
  const layers: AddLayerObject[] = [];
  for (const id of ids) {
    const sourceLayer = id;
    if (/water|ocean|river/i.test(id)) {
      layers.push({
        id: `street-${id}`,
        type: 'fill',
        source: SOURCE,
        'source-layer': sourceLayer,
        filter: ['==', ['geometry-type'], 'Polygon'],
        paint: { 'fill-color': '#163556', 'fill-opacity': 0.8 },
      });
    } else if (/building/i.test(id)) {
      layers.push({
        id: `street-${id}`,
        type: 'fill',
        source: SOURCE,
        'source-layer': sourceLayer,
        minzoom: 14,
        paint: { 'fill-color': '#8a94a6', 'fill-opacity': 0.25 },
      });
    } else if (/road|street|transport|highway/i.test(id)) {
      layers.push({
        id: `street-${id}`,
        type: 'line',
        source: SOURCE,
        'source-layer': sourceLayer,
        paint: {
          'line-color': '#9aabc2',
          'line-opacity': 0.7,
          'line-width': ['interpolate', ['linear'], ['zoom'], 8, 0.4, 16, 3],
        },
      });
    }
  }
  return layers;
}

/**
 * A center's own street-level basemap: a local PMTiles file named in the configuration, served by
 * the host with range requests and read through the `pmtiles://` protocol (no tile server, no
 * network). Vector archives get simple road, water and building layers; raster archives are drawn as is.
 */
export function StreetBasemap(props: { map: MapLibreMap; url: string }) {
  const { map, url } = props;
  useEffect(() => {
    const protocol = new Protocol();
    addProtocol('pmtiles', protocol.tile);
    const absolute = new URL(url, document.baseURI).href;
    const archive = new PMTiles(absolute);
    protocol.add(archive);
    const added: string[] = [];
    const state = { current: true };
    const stale = (): boolean => !state.current;
    const load = async (): Promise<void> => {
      const header = await archive.getHeader();
      if (stale()) return;
      const bounds: [number, number, number, number] = [header.minLon, header.minLat, header.maxLon, header.maxLat];
      if (header.tileType === TileType.Mvt) {
        const metadata = metadataSchema.parse(await archive.getMetadata());
        if (stale()) return;
        map.addSource(SOURCE, { type: 'vector', url: `pmtiles://${absolute}`, bounds });
        const layers = vectorLayers((metadata.vector_layers ?? []).map((layer) => layer.id));
        for (const layer of layers) {
          map.addLayer(layer, map.getLayer(BEFORE) ? BEFORE : undefined);
          added.push(layer.id);
        }
      } else {
        map.addSource(SOURCE, { type: 'raster', url: `pmtiles://${absolute}`, tileSize: 256, bounds });
        map.addLayer(
          { id: 'street-raster', type: 'raster', source: SOURCE },
          map.getLayer(BEFORE) ? BEFORE : undefined,
        );
        added.push('street-raster');
      }
    };
    runTask(load());
    return () => {
      state.current = false;
      for (const layer of added.reverse()) if (map.getLayer(layer)) map.removeLayer(layer);
      if (map.getSource(SOURCE)) map.removeSource(SOURCE);
      removeProtocol('pmtiles');
    };
  }, [map, url]);
  return null;
}
