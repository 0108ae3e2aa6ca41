/** Serial ports as the status view shows them. */
export type PortState = 'opening' | 'open' | 'reconnecting' | 'closed';

/** What the status view and the header show for one port. */
export interface PortStatus {
  readonly id: string;
  readonly path: string;
  readonly protocol: string;
  readonly state: PortState;
  /** When `state` last changed (UTC ms). */
  readonly since: number;
  readonly lastError: string | null;
  readonly lastFrameAt: number | null;
  readonly frames: number;
  readonly errors: number;
  /** Reopen attempts since the port was last open. */
  readonly attempts: number;
}
