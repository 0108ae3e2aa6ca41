import { test as base } from '@playwright/test';
import { startConsole, type RunningConsole } from './console';

/** Every spec gets its own console host (fresh data directory) and tears it down afterwards. */
export const test = base.extend<{ nida: RunningConsole }>({
  nida: async ({}, use) => {
    const running = await startConsole();
    await use(running);
    await running.stop();
  },
});

export { expect } from '@playwright/test';
