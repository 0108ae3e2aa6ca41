import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pino, type Logger as PinoLogger } from 'pino';

/** The logging surface services depend on (pino's, so any pino child works). */
export type Logger = Pick<PinoLogger, 'debug' | 'info' | 'warn' | 'error' | 'fatal'> & {
  child(bindings: Record<string, unknown>): Logger;
};

/** Logs JSON lines to `<dataDir>/logs/nida.log` and, when asked, to stderr. */
export function createFileLogger(dataDir: string, options: { level?: string; alsoStderr?: boolean } = {}): Logger {
  const directory = join(dataDir, 'logs');
  mkdirSync(directory, { recursive: true });
  const file = pino.destination({ dest: join(directory, 'nida.log'), mkdir: true, sync: false });
  const streams: pino.StreamEntry[] = [{ stream: file }];
  if (options.alsoStderr) streams.push({ stream: process.stderr, level: 'warn' });
  return pino({ level: options.level ?? 'info', base: { pid: process.pid } }, pino.multistream(streams));
}

/** For tests and one-shot CLI commands. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
