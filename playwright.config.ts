import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './tests/harness/chromium';

const ci = !!process.env.CI;

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results',
  // The app (production build) and the fake Graph API, started once; see tests/e2e/serve.ts.
  globalSetup: './tests/e2e/global-setup.ts',
  timeout: 60_000,
  workers: 1,
  retries: ci ? 1 : 0,
  forbidOnly: ci,
  reporter: 'list',
  expect: { timeout: 10_000 },
  use: {
    headless: true,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      // Debian's /usr/bin/chromium, not Playwright's downloaded build (none can be downloaded here).
      use: { browserName: 'chromium', launchOptions: chromiumLaunchOptions },
    },
  ],
});
