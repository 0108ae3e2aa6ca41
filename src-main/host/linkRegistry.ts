import type { LinkKind, LinkState, LinkStatus } from '../../src-shared/contract/links';
import type { Clock } from './clock';

/** Holds the state of every outside link; each change is reported to `onChange` (the event bus). */
export class LinkRegistry {
  private readonly links = new Map<string, LinkStatus>();

  constructor(
    private readonly clock: Clock,
    private readonly onChange: (status: LinkStatus) => void,
  ) {}

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
    return status;
  }

  list(): LinkStatus[] {
    return [...this.links.values()].sort((a, b) => a.id.localeCompare(b.id));
  }
}
