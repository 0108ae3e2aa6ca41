import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import type { Logger } from '../services/runtime/logger';

/** Logs JSON lines to `<dataDir>/logs/nida.log` and, when asked, to stderr. */
export function createFileLogger(dataDir: string, options: { level?: string; alsoStderr?: boolean } = {}): Logger {
  const directory = join(dataDir, 'logs');
  mkdirSync(directory, { recursive: true });
  const file = pino.destination({ dest: join(directory, 'nida.log'), mkdir: true, sync: false });
  const streams: pino.StreamEntry[] = [{ stream: file }];
  if (options.alsoStderr) streams.push({ stream: process.stderr, level: 'warn' });
  const logger = pino({ level: options.level ?? 'info', base: { pid: process.pid } }, pino.multistream(streams));
  logFiles.set(logger, file);
  return logger;
}

const logFiles = new WeakMap<Logger, ReturnType<typeof pino.destination>>();

/**
 * Writes out and closes a file logger's log (the file is opened asynchronously, so a host stopped
 * right after it started must wait for the open before closing, or a late open errors unhandled).
 */
export async function closeFileLogger(logger: Logger): Promise<void> {
  const file = logFiles.get(logger);
  if (!file) return;
  logFiles.delete(logger);
  // sonic-boom's `fd` is -1 until its asynchronous open completes.
  if ((file as unknown as { fd: number }).fd < 0) await new Promise<void>((done) => file.once('ready', () => done()));
  await new Promise<void>((done) => {
    file.once('close', () => done());
    file.end();
  });
}
