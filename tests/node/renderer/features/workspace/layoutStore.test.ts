// The workstation layout as the host last announced it.
import { describe, expect, it } from 'vitest';
import { useLayoutStore } from '../../../../../src-renderer/features/workspace/layoutStore';
import { layout } from '../../support/records';
import { useWindow } from '../../support/window';

describe('layout store', () => {
  const host = useWindow();

  it('given a newer layout, then it replaces the one held; an older one arriving late does not', async () => {
    await host.connect({ layout: { get: layout(2) } });

    host.send({ name: 'onLayoutChanged', payload: layout(3) });
    host.send({ name: 'onLayoutChanged', payload: layout(1) });

    expect(useLayoutStore.getState().state?.layout.version).toBe(3);
  });
});
