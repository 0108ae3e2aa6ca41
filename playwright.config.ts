import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

// Playwright cannot download its own browser here; use Debian's Chromium when it has none.
const systemChromium = '/usr/bin/chromium';
const executablePath = process.env['NIDA_CHROMIUM'] ?? (existsSync(systemChromium) ? systemChromium : undefined);

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    locale: 'ar-IQ',
    timezoneId: 'Asia/Baghdad',
    viewport: { width: 1600, height: 900 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      ...(executablePath !== undefined && { executablePath }),
      // The sandbox needs user namespaces that root in a container does not get.
      args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    },
  },
});
