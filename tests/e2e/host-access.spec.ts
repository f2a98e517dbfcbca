/**
 * Issue 15, item 2, end to end: without host access to the PBX (a managed-policy user never asked, a refused
 * prompt), a dial places nothing and says "Allow access". The simulator answers like a PBX without CORS support
 * (`sim.corsHeaders(false)`), so these tests see what a real one does: a simple request (MaxoTel's form POST)
 * still arrives and places the call while the browser hides the answer.
 */
import { test, expect } from './support/fixtures';
import type { Page } from '@playwright/test';
import {
  expectRequestsStay,
  badgeText,
  historyOf,
  html,
  openUnlinked,
  openWithSettings,
  usMaxotel,
  type ProviderRun,
} from './page-helpers';

/**
 * The PBX (MaxoTel's simulator) answers without CORS headers; the user's settings name it; a page with one number is
 * open and linked, and that number is clicked.
 */
async function clickWithoutCors({ sim, ...browsing }: ProviderRun, name: string): Promise<Page> {
  sim.corsHeaders(false);
  const doc = html('<p>Office: +1 415-555-0132</p>');
  const page = await openWithSettings(browsing, usMaxotel(sim), `/access/${name}.html`, doc);
  await page.locator('a[data-pbx-dial]').click();
  return page;
}

const notificationIds = (extension: import('./support/fixtures').Extension) =>
  extension.evaluate(async () => Object.keys(await chrome.notifications.getAll()), null);

test.describe('without access to the PBX host', () => {
  test.use({ hostAccess: [] });

  test('the simulator without CORS acts like such a PBX: a simple POST arrives and acts, its answer hidden; a JSON POST never arrives', async ({
    context,
    pages,
    sim,
  }) => {
    // From a web page, where CORS always applies. (In Chromium the extension's own worker is not a witness:
    // its content scripts match <all_urls>, which Chromium also counts as hosts the worker may fetch from. Firefox
    // does not, and a person can restrict the extension's site access: there the worker is in the page's place.)
    sim.corsHeaders(false);
    const page = await openUnlinked(context, pages, '/access/cors.html', html('<p>no numbers</p>'));
    const outcome = await page.evaluate(async (url) => {
      const attempt = (init: RequestInit) =>
        fetch(`${url}/calls/click2call`, { method: 'POST', ...init }).then(
          () => 'answer seen',
          (error: Error) => error.name,
        );
      return {
        form: await attempt({
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: 'key=x&origin=101&destination=%2B14155550132',
        }),
        json: await attempt({ headers: { 'content-type': 'application/json' }, body: '{"key":"x"}' }),
      };
    }, sim.url);
    expect(outcome).toEqual({ form: 'TypeError', json: 'TypeError' });
    // Only the form POST reached the PBX (the JSON one died at its refused preflight).
    expect(sim.requestsFor('maxotel').map((r) => r.headers['content-type'])).toEqual([
      'application/x-www-form-urlencoded',
    ]);
  });

  test('a click places nothing, is recorded as "host-permission", and the notice opens the settings', async ({
    context,
    extension,
    pages,
    sim,
  }) => {
    const page = await clickWithoutCors({ context, extension, pages, sim }, 'none');

    await expect.poll(() => historyOf(extension), { timeout: 10_000 }).toHaveLength(1);
    const [entry] = await historyOf(extension);
    expect(entry).toMatchObject({ result: 'failed', errorKind: 'host-permission' });
    expect(entry!.message).toContain('has not allowed PBX Click-to-Dial to reach http://127.0.0.1');
    expect(entry!.message).toContain('Allow access');
    // A notice that opens the options page, where "Allow access" asks for the host.
    expect((await notificationIds(extension)).some((id) => id.startsWith('pbx-settings:'))).toBe(true);
    await expect.poll(() => badgeText(extension)).toBe('!');
    await expectRequestsStay(page, sim, 0);

    // The options page says the same and offers the button.
    const options = await extension.openPage('options.html');
    await expect(options.page.getByRole('alert').getByRole('button', { name: 'Allow access' })).toBeVisible();
  });
});

test('with access allowed, the same PBX without CORS headers takes the call and the answer is read', async ({
  context,
  extension,
  pages,
  sim,
}) => {
  await clickWithoutCors({ context, extension, pages, sim }, 'allowed');
  await expect.poll(async () => (await historyOf(extension))[0]?.result, { timeout: 10_000 }).toBe('queued');
  expect(sim.requestsFor('maxotel')).toHaveLength(1);
});
