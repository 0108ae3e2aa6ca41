import type { Frame, StreamParser } from '../../../src-shared/domain/protocols/framing';
import type { Clock } from '../runtime/clock';
import type { Logger } from '../runtime/logger';

/** One configured serial port (telephony ALI feed, radio gateway, GPS receiver). */
export interface SerialPortConfig {
  readonly id: string;
  readonly path: string;
  readonly baudRate: number;
  readonly dataBits: 5 | 6 | 7 | 8;
  readonly parity: 'none' | 'even' | 'odd' | 'mark' | 'space';
  readonly stopBits: 1 | 1.5 | 2;
  readonly flowControl: 'none' | 'rtscts' | 'xonxoff';
  readonly protocol: string;
}

export type { PortState, PortStatus } from '../../../src-shared/contract/serial';
import type { PortStatus } from '../../../src-shared/contract/serial';

/** The slice of a serialport stream the manager uses (a fake in unit tests, `serialport` in production). */
export interface SerialConnection {
  onData(listener: (chunk: Uint8Array) => void): void;
  /** The port went away (unplugged, error, closed by the other end). */
  onEnd(listener: (reason: string) => void): void;
  close(): Promise<void>;
}

export type OpenSerial = (config: SerialPortConfig) => Promise<SerialConnection>;

/** Receives every frame: its raw bytes are stored first, then the parsed value (or error) is acted on. */
export interface FrameSink<T> {
  /** Stores the bytes exactly as received; returns the raw-input id. Must not throw for bad input. */
  storeRaw(port: SerialPortConfig, raw: Uint8Array, receivedAt: number): number;
  accepted(port: SerialPortConfig, rawId: number, value: T, receivedAt: number): void;
  rejected(port: SerialPortConfig, rawId: number, error: string, receivedAt: number): void;
}

export interface PortManagerOptions<T> {
  readonly ports: readonly SerialPortConfig[];
  readonly open: OpenSerial;
  readonly parserFor: (port: SerialPortConfig) => StreamParser<T>;
  readonly sink: FrameSink<T>;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly onStatus: (status: PortStatus) => void;
  /** Reopen delays grow from `minMs` to `maxMs` (serialport has no reconnect of its own). */
  readonly backoff?: { readonly minMs: number; readonly maxMs: number };
}

export interface PortManager {
  statuses(): PortStatus[];
  dispose(): Promise<void>;
}

const DEFAULT_BACKOFF = { minMs: 500, maxMs: 30_000 };

/** Next reopen delay: exponential with ±25 % jitter, so ports that drop together do not retry in lockstep. */
export function backoffDelay(attempt: number, minMs: number, maxMs: number, random = Math.random): number {
  const base = Math.min(maxMs, minMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.75 + random() * 0.5));
}

/**
 * Opens every configured port, reopens it after an unplug or error with backoff, frames and
 * parses what arrives, and keeps per-port status. One port's trouble never blocks another:
 * each has its own parser, buffer and timers.
 */
export function startPortManager<T>(options: PortManagerOptions<T>): PortManager {
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const statuses = new Map<string, PortStatus>();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const connections = new Map<string, SerialConnection>();
  let disposed = false;
  // Read through a function: `disposed` changes while a port is opening (across an await).
  const isDisposed = (): boolean => disposed;

  const update = (id: string, patch: Partial<PortStatus>): void => {
    const current = statuses.get(id);
    if (!current) return;
    const next: PortStatus = {
      ...current,
      ...patch,
      since: patch.state !== undefined && patch.state !== current.state ? options.clock.now() : current.since,
    };
    statuses.set(id, next);
    options.onStatus(next);
  };

  const deliver = (port: SerialPortConfig, frames: readonly Frame<T>[]): void => {
    const receivedAt = options.clock.now();
    for (const frame of frames) {
      const current = statuses.get(port.id);
      let rawId: number;
      try {
        rawId = options.sink.storeRaw(port, frame.raw, receivedAt);
      } catch (error) {
        // The store refused (disk full, damaged file): say so loudly, keep reading the port.
        options.logger.error({ err: error, port: port.id }, 'raw serial frame could not be stored');
        update(port.id, { errors: (current?.errors ?? 0) + 1, lastError: 'raw frame not stored' });
        continue;
      }
      if (frame.result.ok) {
        options.sink.accepted(port, rawId, frame.result.value, receivedAt);
        update(port.id, { frames: (current?.frames ?? 0) + 1, lastFrameAt: receivedAt });
      } else {
        options.sink.rejected(port, rawId, frame.result.error, receivedAt);
        update(port.id, { errors: (current?.errors ?? 0) + 1, lastError: frame.result.error, lastFrameAt: receivedAt });
      }
    }
  };

  const scheduleReopen = (port: SerialPortConfig): void => {
    if (disposed) return;
    const attempts = (statuses.get(port.id)?.attempts ?? 0) + 1;
    update(port.id, { state: 'reconnecting', attempts });
    const timer = setTimeout(
      () => {
        timers.delete(timer);
        void connect(port);
      },
      backoffDelay(attempts, backoff.minMs, backoff.maxMs),
    );
    timers.add(timer);
  };

  const connect = async (port: SerialPortConfig): Promise<void> => {
    if (disposed) return;
    let connection: SerialConnection;
    try {
      connection = await options.open(port);
    } catch (error) {
      update(port.id, { lastError: error instanceof Error ? error.message : String(error) });
      scheduleReopen(port);
      return;
    }
    if (isDisposed()) {
      await connection.close().catch(() => undefined);
      return;
    }
    const parser = options.parserFor(port);
    connections.set(port.id, connection);
    update(port.id, { state: 'open', attempts: 0, lastError: null });
    options.logger.info({ port: port.id, path: port.path }, 'serial port open');
    let ended = false;
    const end = (reason: string): void => {
      if (ended) return;
      ended = true;
      connections.delete(port.id);
      deliver(port, parser.flush()); // a record cut off by the unplug is still kept (raw) and reported
      options.logger.warn({ port: port.id, reason }, 'serial port lost; reopening');
      update(port.id, { lastError: reason });
      scheduleReopen(port);
    };
    connection.onData((chunk) => deliver(port, parser.push(chunk)));
    connection.onEnd(end);
  };

  for (const port of options.ports) {
    statuses.set(port.id, {
      id: port.id,
      path: port.path,
      protocol: port.protocol,
      state: 'opening',
      since: options.clock.now(),
      lastError: null,
      lastFrameAt: null,
      frames: 0,
      errors: 0,
      attempts: 0,
    });
    options.onStatus(statuses.get(port.id) as PortStatus);
    void connect(port);
  }

  return {
    statuses: () => [...statuses.values()],
    async dispose() {
      disposed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await Promise.all([...connections.values()].map((connection) => connection.close().catch(() => undefined)));
      connections.clear();
      for (const id of statuses.keys()) update(id, { state: 'closed' });
    },
  };
}
