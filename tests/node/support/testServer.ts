import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Host } from '../../../src-main/host/createHost';
import { startConsoleServer, type ConsoleServer } from '../../../src-main/http/consoleServer';
import { WEBSOCKET_PATH } from '../../../src-main/transports/ws';
import { createTestHost, type TestHost } from './testHost';

export const INDEX_HTML = '<!doctype html><html><head><title>nida test shell</title></head><body></body></html>';
export const ASSET_JS = 'console.log("nida test asset");';

/** The smallest renderer build the console server accepts: an index and one hashed asset. */
export function writeRendererDir(directory: string): string {
  const rendererDir = join(directory, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), INDEX_HTML);
  writeFileSync(join(rendererDir, 'assets', 'app-abc123.js'), ASSET_JS);
  return rendererDir;
}

export interface TestServer extends TestHost {
  readonly server: ConsoleServer;
  readonly rendererDir: string;
  /** `ws://…/ws`, with `?token=` when one is given. */
  wsUrl(token?: string): string;
  /** Closes the server, then the host. Safe to call more than once. */
  stop(): Promise<void>;
}

export interface TestServerOptions {
  /** Lets a test watch what the transport does with the host (e.g. count subscriptions). */
  readonly instrument?: (host: Host) => Host;
  /** Configuration file fields for the host (its data directory is `directory/data`). */
  readonly config?: Parameters<typeof createTestHost>[1];
  /** `127.0.0.1` unless told. */
  readonly bindAddress?: string;
}

/** A real host and console server on 127.0.0.1, port 0, serving a renderer written into `directory`. */
export async function startTestServer(directory: string, options: TestServerOptions = {}): Promise<TestServer> {
  const rendererDir = writeRendererDir(directory);
  const { host, clock } = createTestHost(join(directory, 'data'), options.config);
  let server: ConsoleServer;
  try {
    const served = options.instrument ? options.instrument(host) : host;
    server = await startConsoleServer({
      host: served,
      rendererDir,
      port: 0,
      bindAddress: options.bindAddress ?? '127.0.0.1',
    });
  } catch (error) {
    await host.dispose();
    throw error;
  }
  let stopping: Promise<void> | undefined;
  return {
    host,
    clock,
    server,
    rendererDir,
    wsUrl(token?: string) {
      const url = new URL(WEBSOCKET_PATH, server.origin.replace(/^http/, 'ws'));
      if (token !== undefined) url.searchParams.set('token', token);
      return url.toString();
    },
    stop() {
      stopping ??= (async () => {
        await server.close();
        await host.dispose();
      })();
      return stopping;
    },
  };
}
