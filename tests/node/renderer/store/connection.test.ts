// The connection slice: the transport's state, the links the header shows, and the round trip.
import { describe, expect, it } from 'vitest';
import { connectionSelectors, useConnectionStore } from '../../../../src-renderer/store/connection/connectionStore';
import { link } from '../support/records';
import { useWindow } from '../support/window';

describe('connection store', () => {
  const host = useWindow();

  it('given a window that has not connected yet, then the host is not reachable', () => {
    expect(connectionSelectors.isHostReachable(useConnectionStore.getState())).toBe(false);
  });

  it('given the transport opens and then drops, then the host is reachable only while it is open, and the time of each change is kept', async () => {
    await host.connect();
    const opened = useConnectionStore.getState();
    expect(connectionSelectors.isHostReachable(opened)).toBe(true);
    expect(opened).toMatchObject({ transportKind: 'websocket', transportState: 'open' });

    host.disconnect();

    const dropped = useConnectionStore.getState();
    expect(connectionSelectors.isHostReachable(dropped)).toBe(false);
    expect(dropped.transportSince).toBeGreaterThanOrEqual(opened.transportSince);
  });

  it('given link reports, then the header lists the outside links broker first, then serial ports, then peers, by id; the host itself not', () => {
    for (const reported of [
      link({ id: 'peer:C2', kind: 'peer' }),
      link({ id: 'serial:radio', kind: 'serial' }),
      link({ id: 'host', kind: 'host' }),
      link({ id: 'serial:ali', kind: 'serial' }),
      link({ id: 'broker', kind: 'broker' }),
    ])
      host.send({ name: 'onLinkStatus', payload: reported });

    expect(connectionSelectors.outsideLinks(useConnectionStore.getState()).map((shown) => shown.id)).toEqual([
      'broker',
      'serial:ali',
      'serial:radio',
      'peer:C2',
    ]);
  });

  it('given a link that changes state, then the latest report is shown', () => {
    host.send({ name: 'onLinkStatus', payload: link({ id: 'broker', kind: 'broker', state: 'up' }) });
    host.send({
      name: 'onLinkStatus',
      payload: link({ id: 'broker', kind: 'broker', state: 'down', detail: 'ECONNREFUSED' }),
    });

    expect(useConnectionStore.getState().links['broker']).toMatchObject({ state: 'down', detail: 'ECONNREFUSED' });
  });
});
