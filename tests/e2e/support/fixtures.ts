import { test as base } from '@playwright/test';
import { startConsole, type ConsoleOptions, type RunningConsole } from './console';

interface Fixtures {
  /** Closes the windows a test opened in extra browser contexts (they would keep drawing maps for the rest of the run). */
  closeExtraContexts: undefined;
  /** A console host on a fresh data directory, stopped after the test. */
  nida: RunningConsole;
  /** Starts more hosts (restarts, damaged databases); every one is stopped after the test, pass or fail. */
  launchConsole: (options?: ConsoleOptions) => Promise<RunningConsole>;
}

export const test = base.extend<Fixtures>({
  closeExtraContexts: [
    async ({ browser, context }, use) => {
      // Taken after the test's own context exists: that one Playwright closes itself (after its screenshots).
      const before = new Set([...browser.contexts(), context]);
      await use(undefined);
      for (const context of browser.contexts()) if (!before.has(context)) await context.close().catch(() => undefined);
    },
    { auto: true },
  ],
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
