import { describe, expect, it } from 'vitest';
import { manualClock } from '../../../src-main/services/runtime/clock';
import { LinkRegistry } from '../../../src-main/services/runtime/linkRegistry';
import type { LinkStatus } from '../../../src-shared/contract/links';

const START = Date.UTC(2026, 10, 29, 9, 0, 0);

function setup(): { registry: LinkRegistry; clock: ReturnType<typeof manualClock>; changes: LinkStatus[] } {
  const clock = manualClock(START);
  const changes: LinkStatus[] = [];
  const registry = new LinkRegistry(clock, (status) => changes.push(status));
  return { registry, clock, changes };
}

describe('LinkRegistry', () => {
  it('given a new link, when it is reported, then since is now, there is no detail key, and onChange fires once', () => {
    const { registry, changes } = setup();

    const status = registry.report('broker', 'broker', 'localhost:1883', 'connecting');

    expect(status).toStrictEqual({
      id: 'broker',
      kind: 'broker',
      label: 'localhost:1883',
      state: 'connecting',
      since: START,
    });
    expect(changes).toStrictEqual([status]);
  });

  it('given a link, when the identical state is reported later, then since stays and onChange does not fire again', () => {
    const { registry, clock, changes } = setup();
    registry.report('broker', 'broker', 'localhost:1883', 'up');

    clock.advance(60_000);
    const again = registry.report('broker', 'broker', 'localhost:1883', 'up');

    expect(again.since).toBe(START);
    expect(changes).toHaveLength(1);
    expect(registry.list()).toEqual([again]);
  });

  it('given a link, when its state changes, then since moves to now and onChange fires', () => {
    const { registry, clock, changes } = setup();
    registry.report('broker', 'broker', 'localhost:1883', 'up');

    clock.advance(30_000);
    const down = registry.report('broker', 'broker', 'localhost:1883', 'down', 'ECONNREFUSED');

    expect(down).toEqual({
      id: 'broker',
      kind: 'broker',
      label: 'localhost:1883',
      state: 'down',
      since: START + 30_000,
      detail: 'ECONNREFUSED',
    });
    expect(changes).toEqual([expect.objectContaining({ state: 'up' }), down]);
  });

  it('given a down link, when only its detail or label changes, then onChange fires but since stays', () => {
    const { registry, clock, changes } = setup();
    registry.report('serial:/dev/ttyS0', 'serial', '/dev/ttyS0', 'down', 'ENOENT');

    clock.advance(5_000);
    const newDetail = registry.report('serial:/dev/ttyS0', 'serial', '/dev/ttyS0', 'down', 'EACCES');
    clock.advance(5_000);
    const newLabel = registry.report('serial:/dev/ttyS0', 'serial', 'COM1', 'down', 'EACCES');
    clock.advance(5_000);
    registry.report('serial:/dev/ttyS0', 'serial', 'COM1', 'down', 'EACCES');

    expect(newDetail.since).toBe(START);
    expect(newLabel.since).toBe(START);
    expect(changes.map((change) => [change.label, change.detail])).toEqual([
      ['/dev/ttyS0', 'ENOENT'],
      ['/dev/ttyS0', 'EACCES'],
      ['COM1', 'EACCES'],
    ]);
  });

  it('given a link that goes down and comes back, when reported, then since follows each state change', () => {
    const { registry, clock } = setup();
    registry.report('peer:C2', 'peer', 'C2', 'up');
    clock.advance(1_000);
    registry.report('peer:C2', 'peer', 'C2', 'down');
    clock.advance(1_000);

    const back = registry.report('peer:C2', 'peer', 'C2', 'up');

    expect(back.since).toBe(START + 2_000);
  });

  it('given several links, when listed, then they come sorted by id', () => {
    const { registry } = setup();
    registry.report('serial:/dev/ttyS1', 'serial', '/dev/ttyS1', 'up');
    registry.report('broker', 'broker', 'broker', 'up');
    registry.report('host', 'host', 'C1', 'up');

    expect(registry.list().map((link) => link.id)).toEqual(['broker', 'host', 'serial:/dev/ttyS1']);
  });
});
