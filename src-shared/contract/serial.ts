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

/** A serial device found on this machine (settings: which ports exist, which are in use). */
export interface DiscoveredPort {
  readonly path: string;
  readonly manufacturer: string | null;
  readonly serialNumber: string | null;
  readonly vendorId: string | null;
  readonly productId: string | null;
  /** Stable name of a USB adapter (`/dev/serial/by-id/…`), which survives replugging into another socket. */
  readonly pnpId: string | null;
  /** `system`: the OS device database (udev, Windows, macOS). `device-nodes`: /dev scanned (no udev). */
  readonly source: 'system' | 'device-nodes';
  /** The configured port id reading this device, if any. */
  readonly configuredAs: string | null;
}
