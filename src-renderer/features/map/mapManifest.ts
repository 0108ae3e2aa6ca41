import { z } from 'zod';
import { mapRequestHeaders } from './mapRequests';

const lon = z.number().min(-180).max(180);
const lat = z.number().min(-90).max(90);
const zoom = z.number().int().min(0).max(22);

/** The street basemap as the host serves it: a PMTiles file read by range, or tiles out of an MBTiles archive. */
export const streetBasemapSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('pmtiles'), url: z.literal('/map/street.pmtiles') }),
  z.object({
    kind: z.literal('mbtiles'),
    tiles: z.string().regex(/^\/map\/street\/\{z\}\/\{x\}\/\{y\}\.(pbf|png|jpg|webp)$/),
    format: z.enum(['pbf', 'png', 'jpg', 'webp']),
    minzoom: zoom,
    maxzoom: zoom,
    bounds: z.tuple([lon, lat, lon, lat]).nullable(),
    layers: z.array(z.string().max(100)).max(200),
    attribution: z.string().max(300).nullable(),
  }),
]);
export type StreetBasemapSource = z.infer<typeof streetBasemapSchema>;

/** What the host serves under /map/ (src-main/http/mapFiles.ts): checked before the map uses it. */
export const mapManifestSchema = z.object({
  layers: z
    .array(
      z.object({
        id: z.string().regex(/^gis-\d{1,2}$/),
        kind: z.string().max(40),
        url: z.string().regex(/^\/map\/gis\/\d{1,2}\.geojson$/),
        attribution: z.string().max(300).nullable(),
      }),
    )
    .max(50),
  streetBasemap: streetBasemapSchema.nullable(),
});
export type MapManifest = z.infer<typeof mapManifestSchema>;

export const EMPTY_MANIFEST: MapManifest = { layers: [], streetBasemap: null };

export async function loadMapManifest(): Promise<MapManifest> {
  const response = await fetch(new URL('/map/manifest.json', document.baseURI), { headers: mapRequestHeaders() });
  if (!response.ok) return EMPTY_MANIFEST;
  const parsed = mapManifestSchema.safeParse(await response.json());
  if (!parsed.success) throw new Error(`the host's map manifest is invalid: ${parsed.error.message}`);
  return parsed.data;
}
