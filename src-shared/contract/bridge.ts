/**
 * What the Electron preload exposes as `window.nida`. Values are untyped here on purpose: the
 * renderer validates results and events exactly as it does for the WebSocket transport.
 */
export interface NidaBridge {
  invoke(channel: string, args: unknown): Promise<unknown>;
  /** Host events for this window; returns the unsubscribe function. */
  subscribe(listener: (event: unknown) => void): () => void;
}
