import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { Readable } from 'node:stream';
import { protocol } from 'electron';
import type { MapFiles } from '../http/mapFiles';
import { SECURITY_HEADERS } from '../http/securityHeaders';
import { APP_HOST, APP_SCHEME } from './policy';

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.pbf': 'application/x-protobuf',
  '.pmtiles': 'application/octet-stream',
};

/** A file stream from the map files as the body of a protocol Response (streamed, not read whole). */
function toWebStream(stream: Readable): ReadableStream<Uint8Array> {
  return Readable.toWeb(stream) as ReadableStream<Uint8Array>;
}

/** Must run before `app` is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves the built renderer from disk as `app://nida/…`; never outside `rendererDir`. */
export function serveRenderer(rendererDir: string, mapFiles?: MapFiles): void {
  const root = normalize(rendererDir + sep);
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return new Response(null, { status: 404 });
    let relative: string;
    try {
      relative = decodeURIComponent(url.pathname);
    } catch {
      return new Response(null, { status: 400 });
    }
    if (mapFiles && relative.startsWith('/map/')) {
      // Tiles go out decompressed here: the custom protocol is not relied on to undo Content-Encoding.
      const answer = await mapFiles.serve(relative, { range: request.headers.get('range'), acceptEncoding: null });
      if (answer) {
        const body = answer.body instanceof Readable ? toWebStream(answer.body) : answer.body;
        return new Response(body, {
          status: answer.status,
          headers: { ...SECURITY_HEADERS, ...answer.headers },
        });
      }
    }
    // View URLs (/map, /queue, …) have no file: they load the app shell.
    const wanted = extname(relative) ? normalize(join(root, relative)) : join(root, 'index.html');
    if (!wanted.startsWith(root)) return new Response(null, { status: 403 });
    try {
      const body = await readFile(wanted);
      return new Response(body, {
        headers: { ...SECURITY_HEADERS, 'Content-Type': MIME_TYPES[extname(wanted)] ?? 'application/octet-stream' },
      });
    } catch {
      return new Response(null, { status: 404 });
    }
  });
}
