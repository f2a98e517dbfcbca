import { test, expect } from './support/fixtures';

test('the built extension loads: service worker running, options and popup open without errors', async ({
  extension,
}) => {
  expect(extension.id).toMatch(/^[a-p]{32}$/);
  const manifest = await extension.evaluate(() => chrome.runtime.getManifest(), undefined);
  expect(manifest.manifest_version).toBe(3);

  for (const path of ['options.html', 'popup.html']) {
    const { page, errors } = await extension.openPage(path);
    await expect(page.locator('#app')).not.toBeEmpty();
    await page.waitForLoadState('networkidle');
    expect(errors, `${path} console errors`).toEqual([]);
    await page.close();
  }
});
