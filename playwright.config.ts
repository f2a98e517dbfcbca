import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  // Each worker runs its own Chromium with the extension; two cores, so two workers.
  workers: 2,
  fullyParallel: true,
  retries: 0,
  // A test shares its worker's Chromium, reset for it (tests/e2e/support/fixtures.ts); the first test of a worker
  // and a test with `freshBrowser` also start one (4-8 s on an idle 2-core machine, 20 s and more on a saturated
  // one). Twice the longest test seen on a saturated machine, so no test needs more than half of its timeout.
  timeout: 60_000,
  expect: { timeout: 5_000 },
  reporter: [['list']],
  forbidOnly: !!process.env.CI,
});
