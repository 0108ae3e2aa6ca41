import { callerKey } from '../demo/demoCalls';
import type { SerialConnection } from '../serial/portManager';

/**
 * The far ends of a drill's serial lines: the telephony system and the radio gateway, played by the
 * drill runner. The serial service opens them for `demo:drill` ports (drill profile only) and reads
 * them exactly as it reads a device: raw bytes stored, parsed, acted on. A drill outage of the
 * `serial` link cuts the lines: the open port ends, and reopening fails until the link is restored.
 */
export interface DrillLine {
  /** Sends bytes to the console; dropped while the line is cut (as a cut cable drops them). */
  deliver(text: string): boolean;
  cut(reason: string): void;
  restore(): void;
  readonly isCut: boolean;
  /** For the serial service: the console's end of the line. Refused while the line is cut. */
  open(): Promise<SerialConnection>;
}

export class DrillLineCutError extends Error {
  constructor(reason: string) {
    super(`the line is down: ${reason}`);
    this.name = 'DrillLineCutError';
  }
}

export function createDrillLine(): DrillLine {
  const encoder = new TextEncoder();
  let cutReason: string | null = null;
  let current: {
    readonly data: ((chunk: Uint8Array) => void)[];
    readonly end: ((reason: string) => void)[];
    closed: boolean;
  } | null = null;

  return {
    deliver(text) {
      if (cutReason !== null || !current || current.closed) return false;
      const bytes = encoder.encode(text);
      for (const listener of current.data) listener(bytes);
      return true;
    },
    cut(reason) {
      if (cutReason !== null) return;
      cutReason = reason;
      const connection = current;
      current = null;
      if (connection && !connection.closed) {
        connection.closed = true;
        for (const listener of connection.end) listener(reason);
      }
    },
    restore() {
      cutReason = null;
    },
    get isCut() {
      return cutReason !== null;
    },
    open() {
      if (cutReason !== null) return Promise.reject(new DrillLineCutError(cutReason));
      const connection = { data: [], end: [], closed: false } as NonNullable<typeof current>;
      current = connection;
      return Promise.resolve({
        onData: (listener) => {
          connection.data.push(listener);
        },
        onEnd: (listener) => {
          connection.end.push(listener);
        },
        close: () => {
          connection.closed = true;
          if (current === connection) current = null;
          return Promise.resolve();
        },
      });
    },
  };
}

/** A drill's two lines, by the protocol of the port that reads them, and what its callers say. */
export interface DrillLines {
  readonly telephony: DrillLine;
  readonly radio: DrillLine;
  /** The role player's lines for a caller, shown with the call (null for a number not in the drill). */
  scriptFor(callbackNumber: string): readonly string[] | null;
  setScript(callbackNumber: string, script: readonly string[]): void;
}

export function createDrillLines(): DrillLines {
  const scripts = new Map<string, readonly string[]>();
  return {
    telephony: createDrillLine(),
    radio: createDrillLine(),
    scriptFor: (callbackNumber) => scripts.get(callerKey(callbackNumber)) ?? null,
    setScript: (callbackNumber, script) => {
      scripts.set(callerKey(callbackNumber), script);
    },
  };
}
