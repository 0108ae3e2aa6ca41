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
    // What a workstation that asks for less motion sees: nothing blinks or pulses. Each animation frame
    // redraws the window in software GL, which kept both cores busy while a call rang or a P1 waited;
    // map.spec checks the pulse itself with motion allowed.
    reducedMotion: 'reduce',
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
