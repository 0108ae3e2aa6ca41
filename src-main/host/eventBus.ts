import type { EventName, HostEvent, HostEvents } from '../../src-shared/contract/events';
import type { Logger } from '../services/runtime/logger';

export type EventListener = (event: HostEvent) => void;

/** Fans every host event out to every connected client. A failing listener never stops the others. */
export class EventBus {
  private readonly listeners = new Set<EventListener>();

  constructor(private readonly logger: Logger) {}

  publish<N extends EventName>(name: N, payload: HostEvents[N]): void {
    const event = { name, payload } as HostEvent;
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.logger.error({ err: error, event: name }, 'event listener failed');
      }
    }
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get listenerCount(): number {
    return this.listeners.size;
  }
}
