import type { RequestParameters } from 'maplibre-gl';
import { accessToken } from '../../transport/accessToken';

/**
 * The host serves the map's own files (/map/: GIS layers, street basemap, manifest) only to a page
 * that shows the console's access token, sent as `Authorization: Bearer` (never in the URL, so it
 * is not logged or kept in history).
 */
export function mapRequestHeaders(): Record<string, string> {
  const token = accessToken();
  return token === null ? {} : { Authorization: `Bearer ${token}` };
}

function isOwnMapFile(url: string): boolean {
  try {
    const parsed = new URL(url, document.baseURI);
    return parsed.origin === new URL(document.baseURI).origin && parsed.pathname.startsWith('/map/');
  } catch {
    return false;
  }
}

/** MapLibre's `transformRequest`: the token on requests for /map/ files of this console, nothing else. */
export function transformMapRequest(url: string): RequestParameters {
  return isOwnMapFile(url) ? { url, headers: mapRequestHeaders() } : { url };
}
