/** What kind of outside connection a link is. */
/** `map`: the configured street basemap file (checked at start; down when it cannot be used). */
export const linkKinds = ['host', 'broker', 'serial', 'peer', 'center', 'map'] as const;
export type LinkKind = (typeof linkKinds)[number];

/**
 * `up`: working. `connecting`: trying (first time or after a drop). `down`: failed, retrying.
 * `disabled`: not configured on this console.
 */
export const linkStates = ['up', 'connecting', 'down', 'disabled'] as const;
export type LinkState = (typeof linkStates)[number];

/** The state of one connection the dispatcher depends on, shown in the header. */
export interface LinkStatus {
  /** Stable id, e.g. `broker`, `serial:/dev/ttyS0`. */
  readonly id: string;
  readonly kind: LinkKind;
  /** Short label for the header: port path, broker host. Not translated (it is a name). */
  readonly label: string;
  readonly state: LinkState;
  /** UTC ms when `state` last changed. */
  readonly since: number;
  /** Technical detail of the last error, for the tooltip and the log. */
  readonly detail?: string;
}
