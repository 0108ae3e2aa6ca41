import { z } from 'zod';

/**
 * Bidi control characters: LRM/RLM (U+200E/F), the embeddings and overrides (U+202A–202E) and the
 * isolates (U+2066–2069). A phone number never needs one, and a right-to-left override inside a number
 * makes it display reversed (`0770‮1234567` shows as `07707654321`): a wrong call-back number.
 */
const BIDI_CONTROLS = /[\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** The text without bidi control characters. */
export function stripBidiControls(value: string): string {
  return value.replace(BIDI_CONTROLS, '');
}

/**
 * A phone number as every schema accepts it: bidi controls removed first, so that the number is stored
 * and shown as it was dialled, then bounded. Still a string schema (`.optional()` and friends work).
 */
export function phoneNumberSchema(max = 40): z.ZodString {
  return z.string().overwrite(stripBidiControls).max(max);
}
