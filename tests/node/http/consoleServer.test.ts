import { writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RendererMissingError, startConsoleServer } from '../../../src-main/http/consoleServer';
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from '../../../src-main/http/securityHeaders';
import { useCleanup, useTempDirs } from '../support/cleanup';
import { createTestHost } from '../support/testHost';
import { ASSET_JS, INDEX_HTML, startTestServer, type TestServer } from '../support/testServer';

describe('console server over HTTP', () => {
  const tempDir = useTempDirs();
  const defer = useCleanup();

  async function start(): Promise<TestServer> {
    const started = await startTestServer(tempDir());
    defer(() => started.stop());
    return started;
  }

  function expectSecurityHeaders(response: Response): void {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(response.headers.get(name), name).toBe(value);
  }

  /** A raw GET, so the path reaches the server exactly as written (fetch would normalize `..`). */
  function rawGet(origin: string, path: string): Promise<{ status: number; body: string }> {
    const { hostname, port } = new URL(origin);
    return new Promise((resolve, reject) => {
      const outgoing = request({ hostname, port, path, method: 'GET', agent: false }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
        });
        response.on('error', reject);
      });
      outgoing.on('error', reject);
      outgoing.end();
    });
  }

  it('given a started server, when it reports where it listens, then it is loopback on a real port and the url carries the token', async () => {
    const { server } = await start();

    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.origin).not.toBe('http://127.0.0.1:0');
    expect(server.token.length).toBeGreaterThanOrEqual(32);
    expect(server.url).toBe(`${server.origin}/?token=${server.token}`);
  });

  it('given two servers, when started, then each has its own token', async () => {
    const first = await start();
    const second = await start();

    expect(first.server.token).not.toBe(second.server.token);
  });

  it('given the index, when fetched, then it is served as HTML with every security header and no-cache', async () => {
    const { server } = await start();

    const response = await fetch(`${server.origin}/`);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response.text()).toBe(INDEX_HTML);
    expectSecurityHeaders(response);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('cache-control')).toBe('no-cache');
  });

  it('given a hashed asset, when fetched, then it is served with an immutable cache header and the security headers', async () => {
    const { server } = await start();

    const response = await fetch(`${server.origin}/assets/app-abc123.js`);

    expect(response.status).toBe(200);
    expect(await response.text()).toBe(ASSET_JS);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expectSecurityHeaders(response);
  });

  it.each(['/map', '/queue', '/incident/BGD-261129-C3-0042'])(
    'given the view URL %s, when fetched, then the app shell (index.html) is served',
    async (path) => {
      const { server } = await start();

      const response = await fetch(`${server.origin}${path}`);

      expect(response.status).toBe(200);
      expect(await response.text()).toBe(INDEX_HTML);
      expectSecurityHeaders(response);
    },
  );

  it('given a missing file with an extension, when fetched, then it is 404 (not the app shell) and still carries the headers', async () => {
    const { server } = await start();

    const response = await fetch(`${server.origin}/assets/missing.js`);

    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('nida test shell');
    expectSecurityHeaders(response);
  });

  it.each(['POST', 'PUT', 'DELETE', 'PATCH'])(
    'given a %s request, when sent, then it is refused with 405 and the security headers',
    async (method) => {
      const { server } = await start();

      const response = await fetch(`${server.origin}/`, { method, body: 'x' });

      expect(response.status).toBe(405);
      expect(await response.text()).toBe('');
      expectSecurityHeaders(response);
    },
  );

  it('given a HEAD request, when sent, then it is answered like GET without a body', async () => {
    const { server } = await start();

    const response = await fetch(`${server.origin}/`, { method: 'HEAD' });

    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
    expectSecurityHeaders(response);
  });

  it.each(['/../secret.txt', '/..%2fsecret.txt', '/assets/..%2f..%2fsecret.txt', '/%2e%2e/secret.txt'])(
    'given a file next to the renderer folder, when %s is requested, then its content is never served',
    async (path) => {
      const { server, rendererDir } = await start();
      writeFileSync(join(rendererDir, '..', 'secret.txt'), 'TOP-SECRET');

      const response = await rawGet(server.origin, path);

      expect(response.body).not.toContain('TOP-SECRET');
    },
  );

  it('given a renderer folder without index.html, when the server starts, then it fails with RendererMissingError and listens on nothing', async () => {
    const directory = tempDir();
    const { host } = createTestHost(join(directory, 'data'));
    defer(() => host.dispose());

    const starting = startConsoleServer({ host, rendererDir: directory, port: 0, bindAddress: '127.0.0.1' });

    await expect(starting).rejects.toBeInstanceOf(RendererMissingError);
    await expect(starting).rejects.toThrow('npm run build');
  });

  it('given a closed server, when fetched again, then the connection is refused', async () => {
    const started = await start();
    const response = await fetch(`${started.server.origin}/`);
    expect(response.status).toBe(200);

    await started.stop();

    await expect(fetch(`${started.server.origin}/`)).rejects.toThrow();
  });
});
