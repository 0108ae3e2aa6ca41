import { Writable } from 'node:stream';
import { pino } from 'pino';
import type { Logger } from '../../../src-main/services/runtime/logger';

export interface LogLine {
  readonly level: number;
  readonly msg?: string;
  readonly [key: string]: unknown;
}

/** A real pino logger that keeps every line in memory, so tests can see what the host logged. */
export function captureLogger(): { logger: Logger; lines: LogLine[]; text: () => string } {
  const lines: LogLine[] = [];
  const raw: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      const text = chunk.toString('utf8');
      raw.push(text);
      for (const line of text.split('\n')) if (line.trim() !== '') lines.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  // pino writes synchronously to a plain stream, so lines are here as soon as the call returns.
  const logger = pino({ level: 'debug' }, sink);
  return { logger, lines, text: () => raw.join('') };
}
