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
  const isEnd = new Uint8Array(256);
  for (const byte of options.end) isEnd[byte] = 1;
  const start = options.start;
  // The frame being collected: slices of the chunks it spans (copied, chunks are reused by serial drivers).
  let parts: Uint8Array[] = [];
  let length = 0;
  let inFrame = start === undefined;
  let truncatedFrame = false;

  const append = (chunk: Uint8Array, from: number, to: number): void => {
    const room = options.maxLength - length;
    const take = Math.min(room, to - from);
    if (take > 0) {
      parts.push(chunk.slice(from, from + take));
      length += take;
    }
    // Keep the head for the audit record, drop the rest until the next end.
    if (to - from > take) truncatedFrame = true;
  };

  const take = (): { raw: Uint8Array; truncated: boolean } | null => {
    const raw = parts.length === 1 && parts[0] ? parts[0] : new Uint8Array(length);
    if (parts.length > 1) {
      let offset = 0;
      for (const part of parts) {
        raw.set(part, offset);
        offset += part.length;
      }
    }
    const truncated = truncatedFrame;
    parts = [];
    length = 0;
    truncatedFrame = false;
    inFrame = start === undefined;
    return raw.length === 0 && !truncated ? null : { raw, truncated };
  };

  return {
    push(chunk) {
      const frames: { raw: Uint8Array; truncated: boolean }[] = [];
      let segment = 0; // where the part of the current frame inside this chunk begins
      for (let index = 0; index < chunk.length; index++) {
        const byte = chunk[index] ?? 0;
        if (start !== undefined && byte === start) {
          if (inFrame) {
            append(chunk, segment, index);
            // A start byte inside a frame means the previous one lost its end: report what we had.
            const cut = take();
            if (cut) frames.push({ raw: cut.raw, truncated: true });
          }
          inFrame = true;
          segment = index + 1;
          continue;
        }
        if (!inFrame) {
          segment = index + 1; // noise between frames
          continue;
        }
        if (isEnd[byte] === 1) {
          append(chunk, segment, index);
          const frame = take();
          if (frame) frames.push(frame);
          segment = index + 1;
        }
      }
      if (inFrame) append(chunk, segment, chunk.length);
      return frames;
    },
    flush() {
      const frame = take();
      return frame ? [{ raw: frame.raw, truncated: true }] : [];
    },
  };
}
