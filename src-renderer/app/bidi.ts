/**
 * Bidi isolation for text put inside a translated sentence (a callsign, a number, a Latin address):
 * FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE, the plain-text form of `<bdi>`. Without it
 * `دفاع-305` inside an English sentence shows as `305-دفاع`, and a leading house number moves.
 */
export function isolate(text: string): string {
  return `\u2068${text}\u2069`;
}
