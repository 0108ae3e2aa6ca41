import type { Result } from '../../src-shared/contract/errors';
import type { HostEvent } from '../../src-shared/contract/events';

export type TransportKind = 'electron' | 'websocket';
/** `open`: calls go through. `connecting`: first connect or reconnecting after a drop. */
export type TransportState = 'connecting' | 'open' | 'closed';

/** How a window reaches the host. Only transport/ knows which one it has. */
export interface Transport {
  readonly kind: TransportKind;
  /** Never rejects: transport failures come back as `{ ok: false, error: { code: 'TRANSPORT' } }`. */
  invoke(channel: string, args: unknown): Promise<Result<unknown>>;
  onEvent(listener: (event: HostEvent) => void): () => void;
  onState(listener: (state: TransportState) => void): () => void;
  readonly state: TransportState;
}

export function transportFailure(message: string): Result<never> {
  return { ok: false, error: { code: 'TRANSPORT', message } };
}
