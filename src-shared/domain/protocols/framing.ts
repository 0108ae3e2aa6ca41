/**
 * Turning a serial byte stream into frames. Serial links deliver arbitrary chunks (half a sentence,
 * three records at once, line noise), so every protocol parser sits behind a framer that buffers
 * bytes until a frame is complete, and never lets garbage grow the buffer without bound.
 */

/** What one frame parsed to. Bad input is a value, never an exception. */
export type FrameResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

export interface Frame<T> {
  /** The frame's bytes exactly as received (stored raw before anything else). */
  readonly raw: Uint8Array;
  readonly result: FrameResult<T>;
}

/** A protocol on a serial link: bytes in, frames out. */
export interface StreamParser<T> {
  push(chunk: Uint8Array): Frame<T>[];
  /** Whatever is buffered when the link closes, as a (probably truncated) final frame. */
  flush(): Frame<T>[];
}

export interface DelimitedFramerOptions {
  /** Byte that starts a frame (e.g. STX 0x02); without it a frame starts right after the previous end. */
  readonly start?: number;
  /** Bytes any of which ends a frame (e.g. LF, or ETX 0x03). */
  readonly end: readonly number[];
  /** A frame longer than this is cut off and reported: a missing terminator must not eat memory. */
  readonly maxLength: number;
}

/**
 * Splits a byte stream on end bytes (optionally starting at a start byte). Empty frames (CR LF
 * pairs) are skipped. Over-long or cut-off frames come out with `truncated` with their first bytes kept raw.
 */
export function createDelimitedFramer(options: DelimitedFramerOptions): {
  push(chunk: Uint8Array): { raw: Uint8Array; truncated: boolean }[];
  flush(): { raw: Uint8Array; truncated: boolean }[];
} {
  const ends = new Set(options.end);
  let buffer: number[] = [];
  let inFrame = options.start === undefined;
  let truncatedFrame = false;

  const take = (): { raw: Uint8Array; truncated: boolean } | null => {
    const raw = Uint8Array.from(buffer);
    const truncated = truncatedFrame;
    buffer = [];
    truncatedFrame = false;
    inFrame = options.start === undefined;
    return raw.length === 0 && !truncated ? null : { raw, truncated };
  };

  return {
    push(chunk) {
      const frames: { raw: Uint8Array; truncated: boolean }[] = [];
      for (const byte of chunk) {
        if (options.start !== undefined && byte === options.start) {
          // A start byte inside a frame means the previous one lost its end: report what we had.
          if (buffer.length > 0) {
            const cut = take();
            if (cut) frames.push({ raw: cut.raw, truncated: true });
          }
          inFrame = true;
          continue;
        }
        if (!inFrame) continue; // noise between frames
        if (ends.has(byte)) {
          const frame = take();
          if (frame) frames.push(frame);
          continue;
        }
        if (buffer.length < options.maxLength) buffer.push(byte);
        else truncatedFrame = true; // keep the head for the audit record, drop the rest until the next end
      }
      return frames;
    },
    flush() {
      const frame = take();
      return frame ? [{ raw: frame.raw, truncated: true }] : [];
    },
  };
}
