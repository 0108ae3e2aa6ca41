import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { newClientId } from '../../src-shared/contract/ids';
import { MAX_MESSAGE_BYTES, clientMessageSchema, type HostMessage } from '../../src-shared/contract/wire';
import type { Host } from '../host/createHost';
import { tokensMatch } from './requestGuards';

export const WEBSOCKET_PATH = '/ws';

/** A window that stops reading gets dropped rather than buffering without bound; it reconnects and resyncs. */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

export interface WebSocketTransportOptions {
  readonly server: Server;
  readonly host: Host;
  /** Per-start secret every client must present (`?token=`). */
  readonly token: string;
  /** The Host header must name this host (a DNS-rebound name is refused with 421). */
  readonly isAllowedHost: (host: string | undefined) => boolean;
  /** Browsers always send Origin; only pages served by this host may connect. */
  readonly isAllowedOrigin: (origin: string) => boolean;
}

export interface WebSocketTransport {
  readonly clientCount: () => number;
  close(): Promise<void>;
}

function textOf(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.from(data).toString('utf8');
}

function refuse(socket: Duplex, status: 401 | 403 | 404 | 421, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/** Serves the host's dispatcher and events over WebSocket (JSON messages, see contract/wire.ts). */
export function attachWebSocketTransport(options: WebSocketTransportOptions): WebSocketTransport {
  const { server, host, token, isAllowedHost, isAllowedOrigin } = options;
  const logger = host.logger.child({ transport: 'websocket' });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname !== WEBSOCKET_PATH) {
      refuse(socket, 404, 'Not Found');
      return;
    }
    if (!isAllowedHost(request.headers.host)) {
      logger.warn({ host: request.headers.host }, 'websocket refused: Host is not this console');
      refuse(socket, 421, 'Misdirected Request');
      return;
    }
    const origin = request.headers.origin;
    if (origin !== undefined && !isAllowedOrigin(origin)) {
      logger.warn({ origin }, 'websocket refused: origin not allowed');
      refuse(socket, 403, 'Forbidden');
      return;
    }
    if (!tokensMatch(token, url.searchParams.get('token'))) {
      logger.warn({ origin }, 'websocket refused: missing or wrong token');
      refuse(socket, 401, 'Unauthorized');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
  };
  server.on('upgrade', onUpgrade);

  wss.on('connection', (ws: WebSocket) => {
    const clientId = newClientId();
    // Who acts is the window's signed-in operator: the host's dispatcher stamps it on each call.
    const context = { clientId, transport: 'websocket' as const, actor: 'anonymous' };
    const send = (message: HostMessage): void => {
      if (ws.readyState !== WebSocket.OPEN) return;
      if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
        logger.warn({ clientId }, 'client too slow; closing so it resyncs');
        ws.close(1013, 'too slow');
        return;
      }
      ws.send(JSON.stringify(message));
    };
    const unsubscribe = host.subscribe(
      (event) => send({ type: 'event', name: event.name, payload: event.payload }),
      clientId,
    );
    logger.info({ clientId }, 'client connected');
    send({ type: 'welcome', clientId, hostTime: host.clock.now() });

    ws.on('message', (data: RawData, isBinary: boolean) => {
      void handleMessage(data, isBinary);
    });
    const handleMessage = async (data: RawData, isBinary: boolean): Promise<void> => {
      if (isBinary) {
        send({
          type: 'protocol-error',
          error: { code: 'INVALID_ARGUMENT', message: 'binary messages are not accepted' },
        });
        return;
      }
      let json: unknown;
      try {
        json = JSON.parse(textOf(data));
      } catch {
        send({ type: 'protocol-error', error: { code: 'INVALID_ARGUMENT', message: 'message is not valid JSON' } });
        return;
      }
      const parsed = clientMessageSchema.safeParse(json);
      if (!parsed.success) {
        send({ type: 'protocol-error', error: { code: 'INVALID_ARGUMENT', message: 'message has an unknown shape' } });
        return;
      }
      const { id, channel, args } = parsed.data;
      const result = await host.dispatch(channel, args, context);
      send({ type: 'result', id, result });
    };

    ws.on('close', () => {
      unsubscribe();
      host.disconnect(clientId);
      logger.info({ clientId }, 'client disconnected');
    });
    ws.on('error', (error) => logger.warn({ clientId, err: error }, 'client socket error'));
  });

  return {
    clientCount: () => wss.clients.size,
    close: () =>
      new Promise<void>((resolve) => {
        server.off('upgrade', onUpgrade);
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve());
      }),
  };
}
