import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { loadConfig, withOverrides } from '../config/config';
import { createHost, type Host } from '../host/createHost';
import { closeFileLogger, createFileLogger } from '../host/logger';
import { startConsoleServer, type ConsoleServer } from '../http/consoleServer';
import { demoOperatorLines, seedDemoOperators } from '../services/operators/demoOperators';
import { appRoot, packageVersion } from './paths';

export interface ServeOptions {
  readonly dataDir: string;
  readonly port?: number;
  readonly bindAddress?: string;
  readonly open?: boolean;
  /** Print one JSON line `{url, origin, token, dataDir}` instead of prose (for tests and scripts). */
  readonly json?: boolean;
  /** Center mode over the file's `center.servers` (`--center URL[,URL…]`). */
  readonly center?: readonly string[];
  /** This position's code over the file's `consoleCode` (`--console C2`). */
  readonly consoleCode?: string;
}

export interface RunningConsole {
  readonly host: Host;
  readonly server: ConsoleServer;
  stop(): Promise<void>;
}

/** `nida serve`: the host plus the built renderer over HTTP + WebSocket. */
export async function serve(options: ServeOptions): Promise<RunningConsole> {
  const root = appRoot();
  const config = withOverrides(loadConfig(options.dataDir, packageVersion(root)), {
    ...(options.center !== undefined && { centerServers: options.center }),
    ...(options.consoleCode !== undefined && { consoleCode: options.consoleCode }),
  });
  const logger = createFileLogger(options.dataDir, { alsoStderr: true });
  let host: Host;
  try {
    host = createHost(config, { logger });
  } catch (error) {
    await closeFileLogger(logger);
    throw error;
  }
  let server: ConsoleServer;
  try {
    // A demo or drill opens in one command: its operators exist, and their passwords are printed below.
    if (config.profile !== 'live') await seedDemoOperators(host.operators);
    server = await startConsoleServer({
      host,
      rendererDir: join(root, 'out', 'renderer'),
      port: options.port ?? config.serve.port,
      bindAddress: options.bindAddress ?? config.serve.bindAddress,
    });
  } catch (error) {
    await host.dispose();
    await closeFileLogger(logger);
    throw error;
  }

  if (options.json) {
    process.stdout.write(
      `${JSON.stringify({ url: server.url, origin: server.origin, token: server.token, dataDir: options.dataDir, consoleCode: config.consoleCode })}\n`,
    );
  } else {
    process.stdout.write(
      [
        `Nida console for ${config.center.name.en} (${config.center.code}/${config.consoleCode}, profile ${config.profile})`,
        `  data:  ${options.dataDir}`,
        ...(config.center.servers.length > 0 ? [`  center: ${config.center.servers.join(', ')}`] : []),
        `  open:  ${server.url}`,
        ...(config.profile !== 'live' ? [`  sign in (${config.profile} operators):`, ...demoOperatorLines()] : []),
        '  stop:  Ctrl+C',
        '',
      ].join('\n'),
    );
  }
  if (options.open) openInBrowser(server.url);

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      await server.close();
      await host.dispose();
      await closeFileLogger(logger);
    })();
    return stopping;
  };
  return { host, server, stop };
}

function openInBrowser(url: string): void {
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  const child = spawn(command, [url], { detached: true, stdio: 'ignore' });
  child.on('error', () => process.stderr.write(`could not open a browser; open ${url} by hand\n`));
  child.unref();
}
