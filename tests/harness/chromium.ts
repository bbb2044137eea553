/**
 * Launch options for Debian's Chromium (Playwright cannot download its own browser
 * here). Install it with `bash scripts/ensure-chromium.sh`.
 */
import type { LaunchOptions } from '@playwright/test';

export const chromiumLaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox', // we run as root (CI too), where Chromium's sandbox refuses to start
    '--disable-gpu',
    // The network is closed: without these, Chromium keeps phoning Google and logs refused connections.
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-dev-shm-usage', // /dev/shm may be small in containers; use /tmp instead
  ],
} satisfies LaunchOptions;
