import { defineConfig } from '@playwright/test';

/**
 * Browser tests of the HTML reports. Debian's chromium only (installed by .ci/run with apt-get):
 * Playwright never downloads a browser here.
 */
export default defineConfig({
  testDir: 'test/browser',
  outputDir: 'test-results/',
  reporter: 'line',
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  workers: 1,
  timeout: 60_000,
  use: {
    browserName: 'chromium',
    headless: true,
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
});
