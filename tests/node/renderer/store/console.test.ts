// Who and where this console is, and whether its store accepts writes.
import { describe, expect, it } from 'vitest';
import { consoleSelectors, useConsoleStore } from '../../../../src-renderer/store/console/consoleStore';
import { consoleInfo, storage } from '../support/records';
import { useWindow } from '../support/window';

describe('console store', () => {
  const host = useWindow();

  it('given no answer from the host yet, then it is neither a training console nor refusing writes', () => {
    const state = useConsoleStore.getState();
    expect(consoleSelectors.isTraining(state)).toBe(false);
    expect(consoleSelectors.storageRefused(state)).toBe(false);
  });

  it.each([
    ['live', false],
    ['drill', true],
    ['demo', true],
  ] as const)('given a %s profile, then the console is flagged as training: %s', async (profile, training) => {
    await host.connect({ system: { info: consoleInfo({ profile }) } });

    expect(consoleSelectors.isTraining(useConsoleStore.getState())).toBe(training);
  });

  it('given a writable store, when the host reports it cannot be written, then writes are shown as refused; and back', async () => {
    await host.connect();
    expect(consoleSelectors.storageRefused(useConsoleStore.getState())).toBe(false);

    host.send({ name: 'onStorageStatus', payload: storage({ writable: false, problem: 'disk full' }) });
    expect(consoleSelectors.storageRefused(useConsoleStore.getState())).toBe(true);

    host.send({ name: 'onStorageStatus', payload: storage() });
    expect(consoleSelectors.storageRefused(useConsoleStore.getState())).toBe(false);
  });
});
