import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXTENSION_DIR, test, expect } from './support/fixtures';

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

test('the content script is declared once, for every page and frame from document_start, and compiled eagerly', async ({
  extension,
}) => {
  const manifest = await extension.evaluate(() => chrome.runtime.getManifest(), undefined);
  // Built as a plain script without WXT's context and declared in wxt.config.ts (issue 13).
  expect(manifest.content_scripts).toEqual([
    {
      matches: ['<all_urls>'],
      js: ['content.js'],
      run_at: 'document_start',
      all_frames: true,
      match_about_blank: true,
    },
  ]);
  // Chrome's compile hint must be the file's first line (added after minification, which drops comments).
  const script = readFileSync(join(EXTENSION_DIR, 'content.js'), 'utf8');
  expect(script.split('\n', 1)[0]).toBe('//# allFunctionsCalledOnLoad');
  // No WXT context: its start event to older copies of the script is not in the file.
  expect(script).not.toContain('wxt:content-script-started');
});
