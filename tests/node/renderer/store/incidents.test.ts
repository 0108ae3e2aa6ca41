// The incident store: open incidents from the host, newest version wins, the queue most urgent first.
import { describe, expect, it } from 'vitest';
import { incidentSelectors, useIncidentStore } from '../../../../src-renderer/store/incidents/incidentStore';
import { T0, incident } from '../support/records';
import { useWindow } from '../support/window';

const queueIds = (): string[] => incidentSelectors.openQueue(useIncidentStore.getState()).map((open) => open.id);

describe('incident store', () => {
  const host = useWindow();

  it('given a newer version of an incident, then it replaces the one held', () => {
    host.send({ name: 'onIncidentChanged', payload: incident({ id: '1', version: 1 }) });
    host.send({ name: 'onIncidentChanged', payload: incident({ id: '1', version: 2, status: 'dispatched' }) });

    expect(useIncidentStore.getState().byId['1']).toMatchObject({ version: 2, status: 'dispatched' });
  });

  it('given an older or the same version arriving late, then the newer one stays', () => {
    const newer = incident({ id: '1', version: 3, status: 'on-scene' });
    host.send({ name: 'onIncidentChanged', payload: newer });

    host.send({ name: 'onIncidentChanged', payload: incident({ id: '1', version: 2, status: 'dispatched' }) });
    host.send({ name: 'onIncidentChanged', payload: incident({ id: '1', version: 3, status: 'pending' }) });

    expect(useIncidentStore.getState().byId['1']).toBe(newer);
  });

  it('given incidents of several priorities and ages, then the queue is most urgent first, then oldest, without closed ones', () => {
    for (const open of [
      incident({ id: 'p3-old', priority: 3, createdAt: T0 }),
      incident({ id: 'p1-new', priority: 1, createdAt: T0 + 60_000 }),
      incident({ id: 'p1-old', priority: 1, createdAt: T0 }),
      incident({ id: 'p2', priority: 2, createdAt: T0 - 60_000 }),
      incident({ id: 'closed', priority: 1, createdAt: T0 - 120_000, status: 'closed' }),
    ])
      host.send({ name: 'onIncidentChanged', payload: open });

    expect(queueIds()).toEqual(['p1-old', 'p1-new', 'p2', 'p3-old']);
  });

  it('given an open incident, when it is closed, then it leaves the queue', () => {
    host.send({ name: 'onIncidentChanged', payload: incident({ id: '1', version: 1 }) });
    host.send({ name: 'onIncidentChanged', payload: incident({ id: '1', version: 2, status: 'closed' }) });

    expect(queueIds()).toEqual([]);
  });

  it('is not loaded until the first reload of the queue', async () => {
    expect(useIncidentStore.getState().loaded).toBe(false);

    await host.connect({ incident: { listOpen: [incident({ id: '1' })] } });

    expect(useIncidentStore.getState().loaded).toBe(true);
    expect(queueIds()).toEqual(['1']);
  });
});
