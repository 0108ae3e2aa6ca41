import type { RemoteApi } from '../../src-shared/contract/api';
import type { NidaBridge } from '../../src-shared/contract/bridge';
import { AppError } from '../../src-shared/contract/errors';
import { rememberAccessToken } from './accessToken';
import { createElectronTransport } from './electron';
import type { Transport } from './transport';
import { createWebSocketTransport } from './websocket';

export type { Transport, TransportKind, TransportState } from './transport';

const TOKEN_KEY = 'nida.token';

declare global {
  interface Window {
    /** Present only in Electron windows (src-preload). */
    readonly nida?: NidaBridge;
  }
}

/**
 * The access token `nida serve` prints in its URL. Kept for this tab's session and removed from
 * the address bar so it is not shown on a wall display or copied into a screenshot.
 */
export function takeAccessToken(location: Location, storage: Storage, history: History): string | null {
  const params = new URLSearchParams(location.search);
  const fromUrl = params.get('token');
  if (fromUrl) {
    storage.setItem(TOKEN_KEY, fromUrl);
    params.delete('token');
    const query = params.toString();
    history.replaceState(history.state, '', `${location.pathname}${query ? `?${query}` : ''}${location.hash}`);
    return fromUrl;
  }
  return storage.getItem(TOKEN_KEY);
}

export type TransportChoice =
  { readonly transport: Transport } | { readonly transport: null; readonly reason: 'no-token' };

/** Electron's bridge when present, otherwise the WebSocket of the host that served this page. */
export function chooseTransport(): TransportChoice {
  if (window.nida) return { transport: createElectronTransport(window.nida) };
  const token = takeAccessToken(window.location, window.sessionStorage, window.history);
  if (!token) return { transport: null, reason: 'no-token' };
  rememberAccessToken(token);
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  const url = `${scheme}://${window.location.host}/ws?token=${encodeURIComponent(token)}`;
  return { transport: createWebSocketTransport(url) };
}

/** The typed proxy the rest of the renderer uses: `remote.system.ping({ echo })`. */
export function createRemote(transport: Transport): RemoteApi {
  const domains = new Map<string, object>();
  return new Proxy({} as RemoteApi, {
    get(_target, domain) {
      if (typeof domain !== 'string' || domain === 'then') return undefined;
      let proxy = domains.get(domain);
      if (!proxy) {
        proxy = new Proxy(
          {},
          {
            get(_inner, method) {
              // 'then' must stay undefined or `await remote.system` would treat the proxy as a promise.
              if (typeof method !== 'string' || method === 'then') return undefined;
              return async (args: unknown) => {
                const result = await transport.invoke(`${domain}.${method}`, args);
                if (!result.ok) throw AppError.fromData(result.error);
                return result.value;
              };
            },
          },
        );
        domains.set(domain, proxy);
      }
      return proxy;
    },
  });
}
