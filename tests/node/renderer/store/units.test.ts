// The unit roster as every window shows it, and the pending dispatch of the open incident.
import { describe, expect, it } from 'vitest';
import { useDispatchStore } from '../../../../src-renderer/store/dispatch/dispatchStore';
import { useUnitStore } from '../../../../src-renderer/store/units/unitStore';
import { unit } from '../support/records';
import { useWindow } from '../support/window';

describe('unit store', () => {
  const host = useWindow();

  it('given a newer version of a unit, then it replaces the one held', () => {
    host.send({ name: 'onUnitChanged', payload: unit({ id: 'U-101', version: 1 }) });
    host.send({ name: 'onUnitChanged', payload: unit({ id: 'U-101', version: 2, status: 'dispatched' }) });

    expect(useUnitStore.getState().units['U-101']).toMatchObject({ version: 2, status: 'dispatched' });
  });

  it('given an older version arriving late, then it is ignored', () => {
    host.send({ name: 'onUnitChanged', payload: unit({ id: 'U-101', version: 4, status: 'on-scene' }) });

    host.send({ name: 'onUnitChanged', payload: unit({ id: 'U-101', version: 3, status: 'en-route' }) });

    expect(useUnitStore.getState().units['U-101']).toMatchObject({ version: 4, status: 'on-scene' });
  });

  it('given a reconnect, then the roster is what the host has', async () => {
    host.send({ name: 'onUnitChanged', payload: unit({ id: 'removed' }) });

    await host.connect({ unit: { list: [unit({ id: 'U-101' }), unit({ id: 'U-102' })] } });

    expect(Object.keys(useUnitStore.getState().units).sort()).toEqual(['U-101', 'U-102']);
  });
});

describe('pending dispatch', () => {
  useWindow();

  it('holds what the dispatch panel would send, and each command-line key press asks the bar to focus again', () => {
    useDispatchStore.getState().setPending({ incidentId: 'i-1', unitIds: ['U-301', 'U-306'] });
    useDispatchStore.getState().focusCommandLine();
    useDispatchStore.getState().focusCommandLine();

    expect(useDispatchStore.getState()).toMatchObject({
      pending: { incidentId: 'i-1', unitIds: ['U-301', 'U-306'] },
      commandFocus: 2,
    });
    useDispatchStore.getState().setPending(null);
    expect(useDispatchStore.getState().pending).toBeNull();
  });
});
