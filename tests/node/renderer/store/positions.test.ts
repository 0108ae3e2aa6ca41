// Unit positions: the latest per unit, replaced on every batch so the map sees a change, and which units it changed.
import { describe, expect, it } from 'vitest';
import { usePositionStore } from '../../../../src-renderer/store/positions/positionStore';
import { T0, position } from '../support/records';
import { useWindow } from '../support/window';

describe('position store', () => {
  const host = useWindow();

  it('given two batches, then each unit keeps its latest position and `changed` names only the last batch', () => {
    host.send({
      name: 'onUnitPositions',
      payload: { positions: [position({ unitId: 'U-101' }), position({ unitId: 'U-102' })] },
    });
    const first = usePositionStore.getState().positions;

    host.send({
      name: 'onUnitPositions',
      payload: { positions: [position({ unitId: 'U-102', lat: 33.4, at: T0 + 1 })] },
    });

    const { positions, changed } = usePositionStore.getState();
    expect(positions).not.toBe(first); // a new map: subscribers see the change
    expect(positions.get('U-101')).toMatchObject({ lat: 33.3333 });
    expect(positions.get('U-102')).toMatchObject({ lat: 33.4, at: T0 + 1 });
    expect(changed).toEqual(['U-102']);
  });

  it('given a freshness change, then the unit shows it', () => {
    host.send({ name: 'onUnitPositions', payload: { positions: [position({ unitId: 'U-101' })] } });
    host.send({ name: 'onUnitPositions', payload: { positions: [position({ unitId: 'U-101', freshness: 'stale' })] } });

    expect(usePositionStore.getState().positions.get('U-101')?.freshness).toBe('stale');
  });

  it('given a reconnect, then the positions are the host’s and every unit counts as changed', async () => {
    host.send({ name: 'onUnitPositions', payload: { positions: [position({ unitId: 'gone' })] } });

    await host.connect({ avl: { positions: [position({ unitId: 'U-101' }), position({ unitId: 'U-102' })] } });

    const { positions, changed } = usePositionStore.getState();
    expect([...positions.keys()]).toEqual(['U-101', 'U-102']);
    expect(changed).toEqual(['U-101', 'U-102']);
  });
});
