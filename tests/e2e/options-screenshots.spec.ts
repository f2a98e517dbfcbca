/**
 * Screenshots of the options page and the popup, light and dark, for the README (docs/screenshots/).
 * They change the repository, so they run only when asked: `PBX_SCREENSHOTS=1 npx playwright test
 * tests/e2e/options-screenshots.spec.ts`.
 */
import { fileURLToPath } from 'node:url';
import { test, expect } from './support/fixtures';

const OUT = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));

test.skip(!process.env.PBX_SCREENSHOTS, 'set PBX_SCREENSHOTS=1 to refresh docs/screenshots');

for (const colorScheme of ['light', 'dark'] as const) {
  test(`options page and popup (${colorScheme})`, async ({ extension, sim }) => {
    await extension.setSettings({
      ...sim.settingsFor('maxotel'),
      dialing: { defaultCountry: 'AU', numberFormat: 'dialable', outboundPrefix: '0' },
    });

    const { page: options, errors } = await extension.openPage('options.html');
    await options.setViewportSize({ width: 900, height: 1300 });
    await options.emulateMedia({ colorScheme });
    await expect(options.locator('#f-provider-apiKey')).toBeVisible();
    await options.getByRole('button', { name: 'Test connection' }).click();
    await expect(options.locator('.test-result')).toContainText('Connection works.', { timeout: 15_000 });
    // A viewport as tall as the page, rather than `fullPage`, so the sticky Save bar sits at the end.
    const height = await options.evaluate(() => document.documentElement.scrollHeight);
    await options.setViewportSize({ width: 900, height });
    await options.screenshot({ path: `${OUT}options-${colorScheme}.png` });

    const { page: popup } = await extension.openPage('popup.html');
    await popup.setViewportSize({ width: 380, height: 520 });
    await popup.emulateMedia({ colorScheme });
    await popup.getByLabel('Number to call').fill('(02) 9374 4000');
    await popup.getByLabel('Number to call').press('Enter');
    await expect(popup.locator('.history li')).toHaveCount(1, { timeout: 15_000 });
    await popup.getByLabel('Number to call').fill('+61 3 9600 1234');
    await popup.screenshot({ path: `${OUT}popup-${colorScheme}.png`, fullPage: true });
    expect(errors).toEqual([]);
  });
}
