import type { LinkKind, LinkState, LinkStatus } from '../../../src-shared/contract/links';
import type { Clock } from './clock';

/** Called when a link's state itself changed (not only its label or detail): the outage log. */
export type LinkStateListener = (status: LinkStatus, previous: LinkStatus | undefined) => void;

/**
 * Holds the state of every outside link; each change is reported to `onChange` (the event bus),
 * and each change of state to the state listeners (the outage log persists them with their time).
 */
export class LinkRegistry {
  private readonly links = new Map<string, LinkStatus>();
  private readonly stateListeners = new Set<LinkStateListener>();

  constructor(
    private readonly clock: Clock,
    private readonly onChange: (status: LinkStatus) => void,
  ) {}

  /** Follows every state change from now on; the links already known are replayed first. Returns the unsubscribe. */
  onStateChange(listener: LinkStateListener): () => void {
    for (const status of this.links.values()) listener(status, undefined);
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  /** Records a link's state; `since` moves only when the state itself changes. */
  report(id: string, kind: LinkKind, label: string, state: LinkState, detail?: string): LinkStatus {
    const previous = this.links.get(id);
    const since = previous && previous.state === state ? previous.since : this.clock.now();
    const status: LinkStatus =
      detail === undefined ? { id, kind, label, state, since } : { id, kind, label, state, since, detail };
    const unchanged =
      previous !== undefined &&
      previous.state === status.state &&
      previous.label === status.label &&
      previous.detail === status.detail;
    this.links.set(id, status);
    if (!unchanged) this.onChange(status);
    if (previous?.state !== state) for (const listener of this.stateListeners) listener(status, previous);
    return status;
  }

  list(): LinkStatus[] {
    return [...this.links.values()].sort((a, b) => a.id.localeCompare(b.id));
  }
}
