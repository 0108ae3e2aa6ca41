// Issue 20, finding 1: a page whose DNS name was rebound to 127.0.0.1 (its Host header is the
// attacker's name) gets nothing from the console, and the map's files need the console's token.
import { writeFileSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { allowedHostsFor } from '../../../src-main/transports/requestGuards';
import { useCleanup, useTempDirs } from '../support/cleanup';
import { startTestServer, type TestServer } from '../support/testServer';

interface RawAnswer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** A GET with exactly these headers (fetch would not let a test forge Host). */
function rawGet(origin: string, path: string, headers: Record<string, string>): Promise<RawAnswer> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const outgoing = request({ hostname, port, path, method: 'GET', headers, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        });
      });
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

/** The status of a WebSocket upgrade, or 101 when it opened. */
function upgradeStatus(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    socket.on('open', () => {
      socket.close();
      resolve(101);
    });
    socket.on('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      socket.terminate();
    });
    socket.on('error', reject);
  });
}

const LAYER =
  '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"Sensitive site"},"geometry":{"type":"Point","coordinates":[44.4,33.3]}}]}';

describe('the console server answers only to its own addresses, and /map/ only with the token', () => {
  const tempDir = useTempDirs();
  const defer = useCleanup();

  async function start(bindAddress = '127.0.0.1'): Promise<TestServer & { port: string }> {
    const directory = tempDir();
    writeFileSync(join(directory, 'sites.geojson'), LAYER);
    const started = await startTestServer(directory, {
      bindAddress,
      config: { gisLayers: [{ path: join(directory, 'sites.geojson'), kind: 'landmark' }] },
    });
    defer(() => started.stop());
    return { ...started, port: new URL(started.server.origin).port };
  }

  it.each(['/', '/queue', '/assets/app-abc123.js', '/map/manifest.json', '/map/gis/0.geojson'])(
    'given a rebound DNS name in Host, when %s is requested (even with the token), then 421 and nothing of the console',
    async (path) => {
      const { server, port } = await start();

      const answer = await rawGet(server.origin, path, {
        Host: `attacker.example:${port}`,
        Authorization: `Bearer ${server.token}`,
      });

      expect(answer.status).toBe(421);
      expect(answer.body).toBe('');
    },
  );

  it('given a Host of the right name on another port, or none, then 421 as well', async () => {
    const { server, port } = await start();

    expect((await rawGet(server.origin, '/', { Host: `127.0.0.1:${String(Number(port) + 1)}` })).status).toBe(421);
    expect((await rawGet(server.origin, '/', { Host: '127.0.0.1' })).status).toBe(421);
  });

  it.each(['127.0.0.1', 'localhost', 'LOCALHOST', '[::1]'])(
    'given Host %s with the port, when the index is requested, then it is served',
    async (name) => {
      const { server, port } = await start();

      expect((await rawGet(server.origin, '/', { Host: `${name}:${port}` })).status).toBe(200);
    },
  );

  it('given the WebSocket with a rebound Host but the right token and a matching Origin, then the upgrade is refused with 421', async () => {
    const started = await start();
    const { server, port } = started;
    const wsUrl = (token: string): string => started.wsUrl(token);
    const forged = `attacker.example:${port}`;

    expect(await upgradeStatus(wsUrl(server.token), { Host: forged, Origin: `http://${forged}` })).toBe(421);
    expect(await upgradeStatus(wsUrl(server.token), { Origin: server.origin })).toBe(101);
  });

  it('given the map files, when asked for without the token or with a wrong one, then 401 and not a byte of the layer', async () => {
    const { server, port } = await start();
    const host = `127.0.0.1:${port}`;

    for (const path of ['/map/manifest.json', '/map/gis/0.geojson']) {
      const attempts: Record<string, string>[] = [
        { Host: host },
        { Host: host, Authorization: 'Bearer wrong-token' },
        { Host: host, Authorization: server.token },
      ];
      for (const headers of attempts) {
        const answer = await rawGet(server.origin, path, headers);
        expect(answer.status, `${path} ${JSON.stringify(headers)}`).toBe(401);
        expect(answer.body).not.toContain('Sensitive site');
      }
    }
    // The token in the query string (as the page URL carries it) is not accepted for files either.
    expect((await rawGet(server.origin, `/map/gis/0.geojson?token=${server.token}`, { Host: host })).status).toBe(401);
  });

  it('given the map files, when asked for with the token as a bearer header, then they are served', async () => {
    const { server, port } = await start();
    const headers = { Host: `localhost:${port}`, Authorization: `Bearer ${server.token}` };

    const manifest = await rawGet(server.origin, '/map/manifest.json', headers);
    const layer = await rawGet(server.origin, '/map/gis/0.geojson', headers);

    expect(manifest.status).toBe(200);
    expect(JSON.parse(manifest.body)).toMatchObject({ layers: [{ url: '/map/gis/0.geojson' }] });
    expect(layer.status).toBe(200);
    expect(layer.body).toBe(LAYER);
  });

  it('given a wildcard bind, when a LAN display uses one of the machine addresses, then Host and Origin are accepted; an outside name is not', async () => {
    const lanAddress = Object.values(networkInterfaces())
      .flatMap((entries) => entries ?? [])
      .find((entry) => entry.family === 'IPv4' && !entry.internal)?.address;
    const started = await start('0.0.0.0');
    const { server, port } = started;
    const wsUrl = (token: string): string => started.wsUrl(token);
    const lanHost = `${lanAddress ?? '127.0.0.1'}:${port}`;

    expect((await rawGet(server.origin, '/', { Host: lanHost })).status).toBe(200);
    expect(await upgradeStatus(wsUrl(server.token), { Host: lanHost, Origin: `http://${lanHost}` })).toBe(101);
    expect((await rawGet(server.origin, '/', { Host: `attacker.example:${port}` })).status).toBe(421);
    expect(await upgradeStatus(wsUrl(server.token), { Origin: `http://attacker.example:${port}` })).toBe(403);
  });

  it('given a bind on one LAN address, then that address, localhost and 127.0.0.1 are the allowed hosts and origins (no others)', () => {
    const allowed = allowedHostsFor('192.168.1.20', 8080);

    expect([...allowed.hosts].sort()).toEqual(
      ['127.0.0.1:8080', '192.168.1.20:8080', '[::1]:8080', 'localhost:8080'].sort(),
    );
    expect(allowed.origins.has('http://192.168.1.20:8080')).toBe(true);
    expect(allowed.origins.has('http://192.168.1.21:8080')).toBe(false);
  });
});
