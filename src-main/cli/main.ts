import { restrictNewFiles } from '../services/runtime/privateFiles';
import { resolve } from 'node:path';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { ConfigError } from '../config/config';
import { ProfileLockedError } from '../host/profileLock';
import { RendererMissingError } from '../http/consoleServer';
import { StoreUnavailableError } from '../services/store/storeErrors';
import { CenterMismatchError } from '../services/store/store';
import { TaxonomyError } from '../services/taxonomy/taxonomyService';
import { GazetteerError } from '../services/places/placeService';
import { registerAvlCommands } from './avl';
import { registerDbCommands } from './db';
import { registerDemoCommand } from './demo';
import { registerDrillCommands } from './drill';
import { registerMapCommands } from './map';
import { registerOperatorCommands } from './operators';
import { registerParseCommands } from './parse';
import { registerPlaceCommands } from './place';
import { registerExportCommands } from './exportEido';
import { registerSimulateCommands } from './simulate';
import { parseUrlList, registerCenterCommands } from './center';
import { launchDesktop } from './desktop';
import { defaultDataDir, findElectronBinary, packageVersion } from './paths';
import { serve, type RunningConsole } from './serve';

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError('a port is 0-65535');
  return port;
}

function dataDirOf(options: { data?: string }): string {
  return options.data ? resolve(options.data) : defaultDataDir();
}

/** Keeps `nida serve` running until a signal, then closes cleanly (the database is flushed). */
async function serveUntilSignal(options: Parameters<typeof serve>[0]): Promise<void> {
  const running: RunningConsole = await serve(options);
  await new Promise<void>((done) => {
    const shutdown = (): void => {
      process.off('SIGINT', shutdown);
      process.off('SIGTERM', shutdown);
      void running.stop().then(done);
    };
    process.on('SIGINT', shutdown);
    process.on('SIGTERM', shutdown);
  });
}

export function buildProgram(): Command {
  const program = new Command('nida')
    .description('Nida (نداء) — dispatch console for unified 911 control rooms')
    .version(packageVersion())
    .showHelpAfterError();

  program
    .command('serve')
    .description('run the console host and serve the console to browsers on loopback')
    .option('-p, --port <port>', 'HTTP/WebSocket port (0 picks a free one; default from config, 9110)', parsePort)
    .option('-d, --data <dir>', 'data directory (config, databases, logs)')
    .option('--bind <address>', 'address to listen on (default 127.0.0.1)')
    .option('--open', 'open the console in the default browser')
    .option('--json', 'print one JSON line with the URL and token (for scripts)')
    .option(
      '--center <urls>',
      "center mode: the center's NATS servers, comma-separated (over center.servers)",
      parseUrlList,
    )
    .option('--console <code>', "this position's console code, e.g. C2 (over consoleCode)")
    .action(
      async (options: {
        port?: number;
        data?: string;
        bind?: string;
        open?: boolean;
        json?: boolean;
        center?: string[];
        console?: string;
      }) => {
        await serveUntilSignal({
          dataDir: dataDirOf(options),
          ...(options.port !== undefined && { port: options.port }),
          ...(options.bind !== undefined && { bindAddress: options.bind }),
          open: options.open ?? false,
          json: options.json ?? false,
          ...(options.center !== undefined && { center: options.center }),
          ...(options.console !== undefined && { consoleCode: options.console }),
        });
      },
    );

  program
    .command('desktop')
    .description('launch the Electron desktop console')
    .option('-d, --data <dir>', 'data directory (default: the app user-data folder)')
    .action(async (options: { data?: string }) => {
      process.exitCode = await launchDesktop(options.data ? resolve(options.data) : undefined);
    });

  program
    .command('start')
    .description('launch the desktop console, or serve it to the browser when Electron cannot run here')
    .option('-d, --data <dir>', 'data directory')
    .option('-p, --port <port>', 'port for the browser console', parsePort)
    .action(async (options: { data?: string; port?: number }) => {
      const binary = findElectronBinary();
      if (binary.available) {
        process.exitCode = await launchDesktop(options.data ? resolve(options.data) : undefined);
        return;
      }
      process.stdout.write(
        `Desktop app not started: ${binary.reason}.\nServing the console to the browser instead.\n\n`,
      );
      await serveUntilSignal({
        dataDir: dataDirOf(options),
        ...(options.port !== undefined && { port: options.port }),
      });
    });

  registerDbCommands(program);
  registerParseCommands(program);
  registerPlaceCommands(program);
  registerExportCommands(program);
  registerSimulateCommands(program);
  registerAvlCommands(program);
  registerDemoCommand(program, parsePort);
  registerCenterCommands(program);
  registerMapCommands(program);
  registerOperatorCommands(program);
  registerDrillCommands(program);

  return program;
}

export async function main(argv: readonly string[]): Promise<void> {
  // Backups, exports and logs the CLI writes hold callers' data: readable by this user only.
  restrictNewFiles();
  try {
    await buildProgram().parseAsync([...argv]);
  } catch (error) {
    // Thrown by command groups that override commander's exit (`nida db`): already reported.
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode;
      return;
    }
    if (
      error instanceof ConfigError ||
      error instanceof RendererMissingError ||
      error instanceof StoreUnavailableError ||
      error instanceof ProfileLockedError ||
      error instanceof TaxonomyError ||
      error instanceof GazetteerError ||
      error instanceof CenterMismatchError
    ) {
      process.stderr.write(`nida: ${error.message}\n`);
    } else if (error instanceof Error && 'code' in error && error.code === 'EADDRINUSE') {
      process.stderr.write(`nida: the port is in use; pass --port <n> or --port 0\n`);
    } else {
      process.stderr.write(`nida: ${error instanceof Error ? error.message : String(error)}\n`);
    }
    process.exitCode = 1;
  }
}
