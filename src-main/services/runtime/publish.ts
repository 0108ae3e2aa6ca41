import type { EventName, HostEvents } from '../../../src-shared/contract/events';

/**
 * How a service tells every window about a change that is not a record in the log (positions,
 * drafts, alarms, layout): the host's event bus, limited to the events that service owns.
 * Incident, call and unit changes are never published by hand: the store announces what each
 * committed transaction changed, and the host turns that into events (docs/architecture.md).
 */
export type Publish<N extends EventName> = <K extends N>(name: K, payload: HostEvents[K]) => void;
