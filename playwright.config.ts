import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  // Each worker runs its own Chromium with the extension; two cores, so two workers.
  workers: 2,
  fullyParallel: true,
  retries: 0,
  // Each test starts its own Chromium with a new profile and the extension installed: 4-8 s of a test on an
  // idle 2-core machine, up to 20 s when it is saturated (measured with six other jobs running). Twice the
  // longest test seen then, so no test needs more than half of its timeout.
  timeout: 60_000,
  expect: { timeout: 5_000 },
  reporter: [['list']],
  forbidOnly: !!process.env.CI,
});
