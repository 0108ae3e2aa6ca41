/**
 * The Electron IPC channels between the preload and the host: one for calls, one for events.
 * Constants only (no imports), so the sandboxed preload's bundle inlines them.
 */
export const IPC_INVOKE = 'nida:invoke';
export const IPC_EVENT = 'nida:event';

/**
 * What the Electron preload exposes as `window.nida`. Values are untyped here on purpose: the
 * renderer validates results and events exactly as it does for the WebSocket transport.
 */
export interface NidaBridge {
  invoke(channel: string, args: unknown): Promise<unknown>;
  /** Host events for this window; returns the unsubscribe function. */
  subscribe(listener: (event: unknown) => void): () => void;
}
