import { open, stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import type { HostConfig } from '../config/config';

/**
 * The map's files that live outside the built renderer: the operator GIS layers and the street
 * basemap named in the configuration. Both transports serve them under `/map/` (the console
 * server over HTTP, the Electron `app://` protocol), always from the configured paths and never
 * from a path the page names, so a page cannot read other files.
 *
 * - `/map/manifest.json`: `{ layers: [{ id, kind, url, attribution }], streetBasemap: { url } | null }`
 * - `/map/gis/<index>.geojson`: the configured layer
 * - `/map/street.pmtiles`: the street basemap, with HTTP range requests (PMTiles reads by range)
 */

export type MapFilesConfig = Pick<HostConfig, 'dataDir' | 'gisLayers' | 'map'>;

export interface MapManifest {
  readonly layers: readonly { id: string; kind: string; url: string; attribution: string | null }[];
  readonly streetBasemap: { readonly url: string } | null;
}

export interface MapResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer | null;
}

function resolvePath(config: MapFilesConfig, path: string): string {
  return isAbsolute(path) ? path : resolve(config.dataDir, path);
}

export function mapManifest(config: MapFilesConfig): MapManifest {
  return {
    layers: config.gisLayers.map((layer, index) => ({
      id: `gis-${String(index)}`,
      kind: layer.kind,
      url: `/map/gis/${String(index)}.geojson`,
      attribution: layer.attribution ?? null,
    })),
    streetBasemap: config.map.streetBasemap ? { url: '/map/street.pmtiles' } : null,
  };
}

const GIS_PATH = /^\/map\/gis\/(\d{1,2})\.geojson$/;
const RANGE = /^bytes=(\d*)-(\d*)$/;

function notFound(): MapResponse {
  return { status: 404, headers: {}, body: null };
}

/** Answers a `/map/…` request, or `null` when the path is not one of the map's (the caller serves it as usual). */
export async function serveMapFile(
  config: MapFilesConfig,
  pathname: string,
  rangeHeader: string | null,
): Promise<MapResponse | null> {
  if (!pathname.startsWith('/map/')) return null;
  if (pathname === '/map/manifest.json') {
    return {
      status: 200,
      headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache' },
      body: Buffer.from(JSON.stringify(mapManifest(config))),
    };
  }
  let file: string | null = null;
  let contentType = 'application/octet-stream';
  const gis = GIS_PATH.exec(pathname);
  if (gis?.[1] !== undefined) {
    const layer = config.gisLayers[Number(gis[1])];
    if (layer) file = resolvePath(config, layer.path);
    contentType = 'application/geo+json';
  } else if (pathname === '/map/street.pmtiles' && config.map.streetBasemap) {
    file = resolvePath(config, config.map.streetBasemap);
  }
  if (file === null) return notFound();
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch {
    return notFound();
  }
  let start = 0;
  let end = size - 1;
  let status = 200;
  const range = rangeHeader ? RANGE.exec(rangeHeader.trim()) : null;
  if (rangeHeader && !range)
    return { status: 416, headers: { 'Content-Range': `bytes */${String(size)}` }, body: null };
  if (range) {
    const [, from = '', to = ''] = range;
    if (from === '' && to !== '') start = Math.max(0, size - Number(to));
    else {
      start = Number(from);
      if (to !== '') end = Math.min(size - 1, Number(to));
    }
    if (start > end || start >= size) {
      return { status: 416, headers: { 'Content-Range': `bytes */${String(size)}` }, body: null };
    }
    status = 206;
  }
  const length = end - start + 1;
  const body = Buffer.alloc(length);
  const handle = await open(file, 'r');
  try {
    await handle.read(body, 0, length, start);
  } finally {
    await handle.close();
  }
  return {
    status,
    headers: {
      'Content-Type': contentType,
      'Content-Length': String(length),
      'Accept-Ranges': 'bytes',
      'Cache-Control': 'no-cache',
      ...(status === 206 && { 'Content-Range': `bytes ${String(start)}-${String(end)}/${String(size)}` }),
    },
    body,
  };
}
