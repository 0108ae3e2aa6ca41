import { z } from 'zod';

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
  streetBasemap: z.object({ url: z.literal('/map/street.pmtiles') }).nullable(),
});
export type MapManifest = z.infer<typeof mapManifestSchema>;

export const EMPTY_MANIFEST: MapManifest = { layers: [], streetBasemap: null };

export async function loadMapManifest(): Promise<MapManifest> {
  const response = await fetch(new URL('/map/manifest.json', document.baseURI));
  if (!response.ok) return EMPTY_MANIFEST;
  const parsed = mapManifestSchema.safeParse(await response.json());
  if (!parsed.success) throw new Error(`the host's map manifest is invalid: ${parsed.error.message}`);
  return parsed.data;
}
