// The call queue: calls waiting or being answered, oldest first; ended calls leave it.
import { describe, expect, it } from 'vitest';
import { callSelectors, useCallStore } from '../../../../src-renderer/store/calls/callStore';
import { T0, call } from '../support/records';
import { useWindow } from '../support/window';

const queueIds = (): string[] => callSelectors.queue(useCallStore.getState()).map((queued) => queued.id);

describe('call store', () => {
  const host = useWindow();

  it('given calls rung at different times, then the queue is oldest first and the next to take is the oldest waiting', () => {
    host.send({ name: 'onCallChanged', payload: call({ id: 'late', receivedAt: T0 + 30_000 }) });
    host.send({ name: 'onCallChanged', payload: call({ id: 'first', receivedAt: T0, status: 'answered' }) });
    host.send({ name: 'onCallChanged', payload: call({ id: 'second', receivedAt: T0 + 10_000 }) });

    expect(queueIds()).toEqual(['first', 'second', 'late']);
    expect(callSelectors.nextWaiting(useCallStore.getState())?.id).toBe('second');
  });

  it('given a call transferred to C2, then it is in C2’s queue and next there, and has left C1’s', () => {
    host.send({ name: 'onCallChanged', payload: call({ id: 'older', receivedAt: T0, transferredTo: 'C2' }) });
    host.send({ name: 'onCallChanged', payload: call({ id: 'newer', receivedAt: T0 + 10_000 }) });
    const state = useCallStore.getState();

    expect(callSelectors.queue(state, 'C1').map((queued) => queued.id)).toEqual(['newer']);
    expect(callSelectors.nextWaiting(state, 'C1')?.id).toBe('newer');
    expect(callSelectors.queue(state, 'C2').map((queued) => queued.id)).toEqual(['older', 'newer']);
    expect(callSelectors.nextWaiting(state, 'C2')?.id).toBe('older');
    // Standalone there is one queue.
    expect(queueIds()).toEqual(['older', 'newer']);
  });

  it('given no call waits, then there is no next call', () => {
    host.send({ name: 'onCallChanged', payload: call({ id: 'taken', status: 'answered' }) });

    expect(callSelectors.nextWaiting(useCallStore.getState())).toBeUndefined();
  });

  it.each(['linked', 'released'] as const)('given a call that ends %s, then it leaves the queue', (status) => {
    host.send({ name: 'onCallChanged', payload: call({ id: 'c1', version: 1 }) });
    host.send({ name: 'onCallChanged', payload: call({ id: 'c1', version: 2, status: 'answered' }) });

    host.send({ name: 'onCallChanged', payload: call({ id: 'c1', version: 3, status }) });

    expect(queueIds()).toEqual([]);
  });

  it('given an older version arriving after a newer one, then the newer stays', () => {
    host.send({
      name: 'onCallChanged',
      payload: call({ id: 'c1', version: 2, status: 'answered', answeredBy: 'amal' }),
    });

    host.send({ name: 'onCallChanged', payload: call({ id: 'c1', version: 1, status: 'waiting' }) });

    expect(useCallStore.getState().byId['c1']).toMatchObject({ status: 'answered', answeredBy: 'amal' });
  });

  it('given a reconnect, then the queue is what the host has, ended calls left out', async () => {
    host.send({ name: 'onCallChanged', payload: call({ id: 'gone' }) });

    await host.connect({
      call: { list: [call({ id: 'c1' }), call({ id: 'c2', status: 'released', receivedAt: T0 - 1 })] },
    });

    expect(queueIds()).toEqual(['c1']);
  });
});
