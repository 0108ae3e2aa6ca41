import { createReadStream, statSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { isAbsolute, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { HostConfig } from '../config/config';
import type { Logger } from '../services/runtime/logger';
import { checkStreetBasemap, streetBasemapKindByName } from '../services/runtime/streetBasemapFile';
import { MAX_TILE_ZOOM, MbtilesArchive, type MbtilesInfo, type TileFormat } from './mbtilesArchive';

/**
 * The map's files that live outside the built renderer: the operator GIS layers and the street
 * basemap named in the configuration. Both transports serve them under `/map/` (the console
 * server over HTTP, the Electron `app://` protocol), always from the configured paths and never
 * from a path the page names, so a page cannot read other files.
 *
 * - `/map/manifest.json`: `{ layers: [{ id, kind, url, attribution }], streetBasemap }` — the street
 *   basemap is `null`, `{ kind: 'pmtiles', url }`, or `{ kind: 'mbtiles', tiles, format, minzoom,
 *   maxzoom, bounds, layers, attribution }` from the archive's metadata
 * - `/map/gis/<index>.geojson`: the configured layer
 * - `/map/street.pmtiles`: a PMTiles street basemap, with HTTP range requests (PMTiles reads by range)
 * - `/map/street/<z>/<x>/<y>.<format>`: a tile of an MBTiles street basemap (`.mbtiles`), straight
 *   from SQLite: 204 when the archive has no such tile, 404 outside its zooms or the tile grid
 */

export type MapFilesConfig = Pick<HostConfig, 'dataDir' | 'gisLayers' | 'map'>;

export type StreetBasemapManifest =
  | { readonly kind: 'pmtiles'; readonly url: string }
  | ({
      readonly kind: 'mbtiles';
      /** The tile URL template, `/map/street/{z}/{x}/{y}.pbf`. */
      readonly tiles: string;
    } & MbtilesInfo);

export interface MapManifest {
  readonly layers: readonly { id: string; kind: string; url: string; attribution: string | null }[];
  readonly streetBasemap: StreetBasemapManifest | null;
}

export interface MapResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /**
   * Small answers (manifest, tiles) in memory; a file or range streamed from disk. A stream holds
   * one of the few read slots until it ends or is destroyed: a transport that does not send it
   * (HEAD) must destroy it.
   */
  readonly body: Buffer | Readable | null;
}

/** What of the request the map files look at. */
export interface MapRequest {
  readonly range: string | null;
  /** The request's Accept-Encoding: gzip-stored tiles go out as stored when it allows gzip. */
  readonly acceptEncoding: string | null;
}

export interface MapFilesOptions {
  /** better-sqlite3 built for Electron's ABI, as the store uses it (src-main/electron/main.ts). */
  readonly sqliteNativeBinding?: string;
  readonly logger?: Logger;
}

const GIS_PATH = /^\/map\/gis\/(\d{1,2})\.geojson$/;
const TILE_PATH = /^\/map\/street\/(\d{1,2})\/(\d{1,7})\/(\d{1,7})\.(pbf|png|jpg|webp)$/;
const RANGE = /^bytes=(\d*)-(\d*)$/;

/**
 * The longest range one request gets (RFC 7233 lets a server send less than asked, with the
 * Content-Range it did send): PMTiles asks for a few KiB to a few hundred KiB at a time.
 */
export const MAX_RANGE_BYTES = 16 * 1024 * 1024;
/** Files read from disk at once; more wait their turn, and past the queue get 503. */
export const MAX_CONCURRENT_READS = 8;
export const MAX_WAITING_READS = 64;
/** Small read chunks: a stream holds at most this much of the file in memory while the client is slow. */
const READ_CHUNK_BYTES = 64 * 1024;
const GZIP_MAGIC = [0x1f, 0x8b] as const;

const TILE_CONTENT_TYPES: Readonly<Record<TileFormat, string>> = {
  pbf: 'application/x-protobuf',
  png: 'image/png',
  jpg: 'image/jpeg',
  webp: 'image/webp',
};

function notFound(): MapResponse {
  return { status: 404, headers: {}, body: null };
}

function acceptsGzip(acceptEncoding: string | null): boolean {
  return (acceptEncoding ?? '').split(',').some((coding) => {
    const [name = '', ...parameters] = coding.trim().toLowerCase().split(';');
    return name.trim() === 'gzip' && !parameters.some((parameter) => /^\s*q\s*=\s*0(\.0*)?\s*$/.test(parameter));
  });
}

/** An MBTiles archive stays open while its file is the same one (a new import replaces the file). */
interface OpenArchive {
  readonly path: string;
  readonly identity: string;
  readonly archive: MbtilesArchive;
}

function fileIdentity(path: string): string | null {
  try {
    const info = statSync(path);
    return `${String(info.dev)}:${String(info.ino)}:${String(info.mtimeMs)}:${String(info.size)}`;
  } catch {
    return null;
  }
}

/**
 * Serves the map's files for one configuration. Holds the MBTiles street archive open read-only
 * between requests; `close()` releases it.
 */
export class MapFiles {
  private readonly config: MapFilesConfig;
  private readonly options: MapFilesOptions;
  private open: OpenArchive | null = null;
  private failedIdentity: string | null = null;
  private readonly reads = new ReadSlots(MAX_CONCURRENT_READS, MAX_WAITING_READS);

  constructor(config: MapFilesConfig, options: MapFilesOptions = {}) {
    this.config = config;
    this.options = options;
  }

  private resolvePath(path: string): string {
    return isAbsolute(path) ? path : resolve(this.config.dataDir, path);
  }

  /** The configured street basemap's path and format, by its file name. */
  private streetFile(): { path: string; kind: 'pmtiles' | 'mbtiles' } | null {
    const configured = this.config.map.streetBasemap;
    if (configured === null) return null;
    return { path: this.resolvePath(configured), kind: streetBasemapKindByName(configured) };
  }

  /**
   * The MBTiles archive, opened on first use and again when its file was replaced; null when it
   * cannot be read (logged once per file version, and the map goes without street detail).
   */
  private archive(recheck: boolean): MbtilesArchive | null {
    const street = this.streetFile();
    if (street?.kind !== 'mbtiles') return null;
    if (this.open && !recheck) return this.open.archive;
    const identity = fileIdentity(street.path);
    if (this.open && this.open.identity === identity) return this.open.archive;
    this.close();
    if (identity === null || identity === this.failedIdentity) return null;
    try {
      const archive = MbtilesArchive.open(street.path, {
        ...(this.options.sqliteNativeBinding !== undefined && { nativeBinding: this.options.sqliteNativeBinding }),
      });
      this.open = { path: street.path, identity, archive };
      this.failedIdentity = null;
      return archive;
    } catch (error) {
      this.failedIdentity = identity;
      this.options.logger?.warn({ err: error, path: street.path }, 'street basemap not usable; the map goes without');
      return null;
    }
  }

  /** Reads the archive's metadata afresh (a page load), so a re-imported archive is picked up. */
  manifest(): MapManifest {
    const street = this.streetFile();
    let streetBasemap: StreetBasemapManifest | null = null;
    // A file that is not PMTiles is left out (the host named the problem at start): the map draws without it.
    if (street?.kind === 'pmtiles' && checkStreetBasemap(street.path).ok) {
      streetBasemap = { kind: 'pmtiles', url: '/map/street.pmtiles' };
    } else if (street?.kind === 'mbtiles') {
      const archive = this.archive(true);
      if (archive) {
        const { format, minzoom, maxzoom, bounds, layers, attribution } = archive.info;
        streetBasemap = {
          kind: 'mbtiles',
          tiles: `/map/street/{z}/{x}/{y}.${format}`,
          format,
          minzoom,
          maxzoom,
          bounds,
          layers,
          attribution,
        };
      }
    }
    return {
      layers: this.config.gisLayers.map((layer, index) => ({
        id: `gis-${String(index)}`,
        kind: layer.kind,
        url: `/map/gis/${String(index)}.geojson`,
        attribution: layer.attribution ?? null,
      })),
      streetBasemap,
    };
  }

  /** Answers a `/map/…` request, or `null` when the path is not one of the map's (the caller serves it as usual). */
  async serve(pathname: string, request: MapRequest): Promise<MapResponse | null> {
    if (!pathname.startsWith('/map/')) return null;
    if (pathname === '/map/manifest.json') {
      return {
        status: 200,
        headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache' },
        body: Buffer.from(JSON.stringify(this.manifest())),
      };
    }
    const tile = TILE_PATH.exec(pathname);
    if (tile) return this.serveTile(tile, request);
    const gis = GIS_PATH.exec(pathname);
    if (gis?.[1] !== undefined) {
      const layer = this.config.gisLayers[Number(gis[1])];
      return layer
        ? serveFile(this.reads, this.resolvePath(layer.path), 'application/geo+json', request.range)
        : notFound();
    }
    const street = this.streetFile();
    if (pathname === '/map/street.pmtiles' && street?.kind === 'pmtiles') {
      return serveFile(this.reads, street.path, 'application/octet-stream', request.range);
    }
    return notFound();
  }

  private serveTile(match: RegExpExecArray, request: MapRequest): MapResponse {
    const [, zText = '', xText = '', yText = '', extension = ''] = match;
    const archive = this.archive(false);
    if (!archive || extension !== archive.info.format) return notFound();
    const [z, x, y] = [Number(zText), Number(xText), Number(yText)];
    const { minzoom, maxzoom, format } = archive.info;
    if (z > MAX_TILE_ZOOM || z < minzoom || z > maxzoom || x >= 2 ** z || y >= 2 ** z) return notFound();
    const stored = archive.tile(z, x, y);
    // Inside the archive's zooms and grid, a missing tile is empty land: no content, not an error.
    if (stored === undefined) return { status: 204, headers: { 'Cache-Control': 'no-cache' }, body: null };
    const gzipped = stored[0] === GZIP_MAGIC[0] && stored[1] === GZIP_MAGIC[1];
    const sendGzipped = gzipped && acceptsGzip(request.acceptEncoding);
    const body = gzipped && !sendGzipped ? gunzipSync(stored) : stored;
    return {
      status: 200,
      headers: {
        'Content-Type': TILE_CONTENT_TYPES[format],
        'Content-Length': String(body.length),
        'Cache-Control': 'no-cache',
        Vary: 'Accept-Encoding',
        ...(sendGzipped && { 'Content-Encoding': 'gzip' }),
      },
      body,
    };
  }

  close(): void {
    this.open?.archive.close();
    this.open = null;
  }
}

/** A counting semaphore for file reads: a bounded number at once, a bounded queue behind them. */
class ReadSlots {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly limit: number,
    private readonly queueLimit: number,
  ) {}

  /** A release function once a slot is free, or null when the queue is full too. */
  async acquire(): Promise<(() => void) | null> {
    if (this.active >= this.limit) {
      if (this.waiting.length >= this.queueLimit) return null;
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else this.active++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      // The slot passes straight to the next reader (active stays the same).
      if (next) next();
      else this.active--;
    };
  }
}

function busy(): MapResponse {
  return { status: 503, headers: { 'Retry-After': '1', 'Cache-Control': 'no-store' }, body: null };
}

/**
 * A configured file, whole or by an HTTP byte range, streamed from disk in small chunks (a client
 * that reads slowly holds a chunk, not the file). A range longer than MAX_RANGE_BYTES is cut to
 * that length and says so in Content-Range.
 */
async function serveFile(
  slots: ReadSlots,
  file: string,
  contentType: string,
  rangeHeader: string | null,
): Promise<MapResponse> {
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
    end = Math.min(end, start + MAX_RANGE_BYTES - 1);
    status = 206;
  }
  const length = end - start + 1;
  const headers = {
    'Content-Type': contentType,
    'Content-Length': String(length),
    'Accept-Ranges': 'bytes',
    'Cache-Control': 'no-cache',
    ...(status === 206 && { 'Content-Range': `bytes ${String(start)}-${String(end)}/${String(size)}` }),
  };
  if (size === 0) return { status, headers, body: Buffer.alloc(0) };
  const release = await slots.acquire();
  if (!release) return busy();
  let body: Readable;
  try {
    body = createReadStream(file, { start, end, highWaterMark: READ_CHUNK_BYTES });
  } catch (error) {
    release();
    throw error;
  }
  body.once('close', release);
  // The transport sees read errors through its pipeline; this keeps a stream it destroyed unread
  // (HEAD, a client gone) from failing the process when the file vanished meanwhile.
  body.on('error', () => undefined);
  return { status, headers, body };
}
