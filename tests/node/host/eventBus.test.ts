import { describe, expect, it } from 'vitest';
import { EventBus } from '../../../src-main/host/eventBus';
import type { HostEvent } from '../../../src-shared/contract/events';
import type { LinkStatus } from '../../../src-shared/contract/links';
import { captureLogger } from '../support/captureLogger';

const status: LinkStatus = { id: 'broker', kind: 'broker', label: 'broker', state: 'down', since: 1 };

describe('EventBus', () => {
  it('given a listener that throws before another, when an event is published, then the other still gets it and the failure is logged', () => {
    const { logger, lines } = captureLogger();
    const bus = new EventBus(logger);
    const received: HostEvent[] = [];
    bus.subscribe(() => {
      throw new Error('listener exploded');
    });
    bus.subscribe((event) => received.push(event));

    bus.publish('onLinkStatus', status);
    bus.publish('onLinkStatus', { ...status, state: 'up' });

    expect(received).toEqual([
      { name: 'onLinkStatus', payload: status },
      { name: 'onLinkStatus', payload: { ...status, state: 'up' } },
    ]);
    const failures = lines.filter((line) => line.msg === 'event listener failed');
    expect(failures).toHaveLength(2);
    expect(JSON.stringify(failures[0])).toContain('listener exploded');
  });

  it('given two subscribers, when one unsubscribes, then only the other receives later events', () => {
    const bus = new EventBus(captureLogger().logger);
    const first: HostEvent[] = [];
    const second: HostEvent[] = [];
    const unsubscribeFirst = bus.subscribe((event) => first.push(event));
    bus.subscribe((event) => second.push(event));

    unsubscribeFirst();
    bus.publish('onLinkStatus', status);

    expect(first).toEqual([]);
    expect(second).toHaveLength(1);
    expect(bus.listenerCount).toBe(1);
  });
});
