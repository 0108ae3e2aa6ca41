import { test as base } from '@playwright/test';
import { startConsole, type ConsoleOptions, type RunningConsole } from './console';

interface Fixtures {
  /** A console host on a fresh data directory, stopped after the test. */
  nida: RunningConsole;
  /** Starts more hosts (restarts, damaged databases); every one is stopped after the test, pass or fail. */
  launchConsole: (options?: ConsoleOptions) => Promise<RunningConsole>;
}

export const test = base.extend<Fixtures>({
  // Playwright reads a fixture's dependencies from its destructuring pattern: `{}` means none.
  // eslint-disable-next-line no-empty-pattern
  nida: async ({}, use) => {
    const running = await startConsole();
    await use(running);
    await running.stop();
  },
  // eslint-disable-next-line no-empty-pattern
  launchConsole: async ({}, use) => {
    const started: RunningConsole[] = [];
    await use(async (options) => {
      const running = await startConsole(options);
      started.push(running);
      return running;
    });
    for (const running of started.reverse()) await running.stop();
  },
});

export { expect } from '@playwright/test';
