import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { join } from 'node:path';
import sirv from 'sirv';
import type { Host } from '../host/createHost';
import { attachWebSocketTransport, type WebSocketTransport } from '../transports/ws';
import { MapFiles } from './mapFiles';
import {
  allowedHostsFor,
  bearerToken,
  isAllowedHost,
  tokensMatch,
  type AllowedHosts,
} from '../transports/requestGuards';
import { SECURITY_HEADERS } from './securityHeaders';

export interface ConsoleServerOptions {
  readonly host: Host;
  /** The built renderer (`out/renderer`). */
  readonly rendererDir: string;
  readonly port: number;
  readonly bindAddress: string;
}

export interface ConsoleServer {
  /** Base URL of the console, without the token. */
  readonly origin: string;
  /** URL to open: carries the per-start token the page hands to the WebSocket. */
  readonly url: string;
  readonly token: string;
  readonly websocket: WebSocketTransport;
  close(): Promise<void>;
}

export class RendererMissingError extends Error {
  override readonly name = 'RendererMissingError';
}

/** Serves the built renderer over HTTP and the host over WebSocket, on loopback by default. */
export async function startConsoleServer(options: ConsoleServerOptions): Promise<ConsoleServer> {
  const { host, rendererDir, bindAddress } = options;
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new RendererMissingError(`no built console in ${rendererDir}; run \`npm run build\` first`);
  }
  const token = randomBytes(24).toString('base64url');
  const serveStatic = sirv(rendererDir, {
    single: true, // role URLs (/map, /queue, …) all load the app shell
    etag: true,
    dotfiles: false,
    setHeaders: (response, pathname) => {
      if (pathname.startsWith('/assets/')) response.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
      else response.setHeader('Cache-Control', 'no-cache');
    },
  });

  const mapFiles = new MapFiles(host.config, { logger: host.logger.child({ service: 'map-files' }) });
  // Known once listening (port 0 picks one); until then nothing can arrive.
  let allowed: AllowedHosts = { hosts: new Set(), origins: new Set() };
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
    if (!isAllowedHost(allowed, request.headers.host)) {
      response.statusCode = 421;
      response.end();
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.statusCode = 405;
      response.end();
      return;
    }
    if (request.url?.startsWith('/map/')) {
      // The operator's layers and basemap are for this console's own pages only: they carry the token.
      if (!tokensMatch(token, bearerToken(request.headers.authorization))) {
        response.statusCode = 401;
        response.end();
        return;
      }
      serveMap(host, mapFiles, request, response);
      return;
    }
    serveStatic(request, response, () => {
      response.statusCode = 404;
      response.end();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, bindAddress, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const displayHost = bindAddress === '0.0.0.0' || bindAddress === '::' ? '127.0.0.1' : bindAddress;
  const origin = `http://${displayHost.includes(':') ? `[${displayHost}]` : displayHost}:${port}`;
  allowed = allowedHostsFor(bindAddress, port);

  const websocket = attachWebSocketTransport({
    server,
    host,
    token,
    isAllowedHost: (candidate) => isAllowedHost(allowed, candidate),
    isAllowedOrigin: (candidate) => allowed.origins.has(candidate),
  });
  host.logger.info({ origin, allowedHosts: [...allowed.hosts] }, 'console server listening');

  return {
    origin,
    url: `${origin}/?token=${token}`,
    token,
    websocket,
    async close() {
      await websocket.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      mapFiles.close();
    },
  };
}

/** The operator's GIS layers and street basemap (see mapFiles.ts): files named by the configuration only. */
function serveMap(host: Host, mapFiles: MapFiles, request: IncomingMessage, response: ServerResponse): void {
  const pathname = new URL(request.url ?? '/', 'http://host').pathname;
  mapFiles
    .serve(pathname, {
      range: request.headers.range ?? null,
      acceptEncoding: request.headers['accept-encoding'] ?? null,
    })
    .then((answer) => {
      response.statusCode = answer?.status ?? 404;
      for (const [name, value] of Object.entries(answer?.headers ?? {})) response.setHeader(name, value);
      const body = answer?.body ?? null;
      if (body instanceof Readable) {
        if (request.method === 'HEAD') {
          body.destroy();
          response.end();
          return;
        }
        // pipeline destroys the file stream when the client goes away, which frees its read slot.
        pipeline(body, response).catch((error: unknown) => {
          host.logger.debug({ err: error, pathname }, 'map file stream ended early');
        });
        return;
      }
      response.end(request.method === 'HEAD' ? undefined : (body ?? undefined));
    })
    .catch((error: unknown) => {
      host.logger.warn({ err: error, pathname }, 'map file not served');
      response.statusCode = 500;
      response.end();
    });
}
