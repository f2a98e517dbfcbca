/**
 * The popup dialer end to end (popup.html opened as a page): the number field first and focused, pasted
 * numbers read as the user types, Enter dials and the simulator receives the call, one-click redial, the
 * last error, the site switch, the way to set it up, and axe checks in light and dark mode.
 */
import type { Page } from '@playwright/test';
import { test, expect, type Extension } from './support/fixtures';
import { expectNoSeriousViolations } from './support/a11y';
import type { SimRequest } from '../sim/server';
import { maxotelParams } from '../sim/maxotel';

async function openPopup(extension: Extension, init?: (page: Page) => Promise<unknown>) {
  if (!init) return extension.openPage('popup.html');
  // An init script runs before the page's own scripts on the next load: add it, then reload.
  const opened = await extension.openPage('popup.html');
  await init(opened.page);
  await opened.page.reload();
  return opened;
}

/** Parameters of the MaxoTel calls the simulator received. */
const maxotelCalls = (requests: SimRequest[]) =>
  requests.filter((r) => r.path.startsWith('/calls/initiate')).map(maxotelParams);

test('not configured: one clear button to set it up, which opens the options', async ({ extension, context }) => {
  const { page, errors } = await openPopup(extension);
  await expect(page.getByText('Not set up yet')).toBeVisible();
  const setup = page.getByRole('button', { name: 'Set up PBX Click-to-Dial' });
  await expect(setup).toBeFocused();
  const [options] = await Promise.all([context.waitForEvent('page'), setup.click()]);
  await expect(options).toHaveURL(/options\.html/);
  expect(errors).toEqual([]);
});

test('dial a pasted number with Enter; the simulator receives it; redial from history', async ({ extension, sim }) => {
  await extension.setSettings({ ...sim.settingsFor('maxotel'), dialing: { defaultCountry: 'GB' } });
  const { page, errors } = await openPopup(extension);
  const number = page.getByLabel('Number to call');
  await expect(number).toBeFocused();

  await number.fill('tel:+44-20-7946-0018');
  await expect(page.locator('#parsed')).toContainText('+44 20 7946 0018 · United Kingdom');
  await number.fill('+44 (0)20 7946 0018');
  await expect(page.locator('#parsed')).toContainText('+44 20 7946 0018');
  await number.fill('020 7946 001');
  await expect(page.locator('#parsed')).toContainText(/Not a complete number yet|United Kingdom/);
  await number.fill('020 7946 0018');
  await expect(page.locator('#parsed')).toContainText('+44 20 7946 0018 · United Kingdom');
  await number.press('Enter');

  await expect(page.locator('.notice.ok')).toBeVisible({ timeout: 15_000 });
  await expect.poll(() => maxotelCalls(sim.requestsFor('maxotel')).length).toBe(1);
  expect(maxotelCalls(sim.requestsFor('maxotel'))[0]).toMatchObject({ destination: '+442079460018', origin: '101' });

  const history = page.locator('.history li');
  await expect(history).toHaveCount(1);
  await expect(history.first()).toContainText('+44 20 7946 0018');
  const redial = history.first().getByRole('button', { name: /Call \+44 20 7946 0018 again/ });
  // At once, the background ignores it as a double click (lib/dial/service.ts DEDUPE_MS = 3 s) and says so.
  await redial.click();
  await expect(page.locator('[role="status"] .notice')).toContainText('Already calling');
  expect(maxotelCalls(sim.requestsFor('maxotel'))).toHaveLength(1);
  await page.waitForTimeout(3_200);
  await redial.click();
  await expect.poll(() => maxotelCalls(sim.requestsFor('maxotel')).length, { timeout: 15_000 }).toBe(2);
  await expect(history).toHaveCount(2);
  expect(errors).toEqual([]);
});

test('a failed call shows the provider’s reason and the last error', async ({ extension, sim }) => {
  await extension.setSettings(sim.settingsFor('maxotel'));
  sim.configure('maxotel', { extensionOnline: false });
  const { page } = await openPopup(extension);
  await page.getByLabel('Number to call').fill('+1 415 555 0132');
  await page.getByRole('button', { name: 'Call', exact: true }).click();
  await expect(page.locator('[role="status"] .notice.error')).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('last-error')).toBeVisible();
  await expect(page.getByTestId('last-error')).toContainText(/not currently available|not registered|offline/i);
});

test('the site switch is off limits on a page that is not a web page', async ({ extension, sim }) => {
  await extension.setSettings(sim.settingsFor('maxotel'));
  const { page } = await openPopup(extension);
  const toggle = page.getByRole('switch', { name: 'Link phone numbers on this page' });
  await expect(toggle).toBeDisabled();
  await expect(page.getByText('Only available on web pages.')).toBeVisible();
});

test('the site switch stops linking numbers on the active tab’s site', async ({ extension, sim }) => {
  await extension.setSettings(sim.settingsFor('maxotel'));
  // The popup opened as a tab is its own active tab; stand in for a web page being active.
  const { page, errors } = await openPopup(extension, (p) =>
    p.addInitScript(() => {
      const tabs = (globalThis as unknown as { chrome: { tabs: { query: unknown } } }).chrome.tabs;
      tabs.query = () => Promise.resolve([{ id: 1, url: 'https://crm.example.de/customers/42' }]);
    }),
  );
  const toggle = page.getByRole('switch', { name: 'Link phone numbers on crm.example.de' });
  await expect(toggle).toBeChecked();
  await toggle.click();
  await expect
    .poll(async () => (await extension.storage<{ pages: { blockedSites: string[] } }>('settings'))?.pages?.blockedSites)
    .toEqual(['crm.example.de']);
  await expect(toggle).not.toBeChecked();
  await toggle.click();
  await expect
    .poll(async () => (await extension.storage<{ pages: { blockedSites: string[] } }>('settings'))?.pages?.blockedSites)
    .toEqual([]);
  expect(errors).toEqual([]);
});

test('when the admin’s policy sets the blocked sites, the switch is locked and says why', async ({ extension }) => {
  // Stand in for the background's answer for a managed browser (policies come from the OS, not from tests).
  const { page, errors } = await openPopup(extension, (p) =>
    p.addInitScript(() => {
      const runtime = (globalThis as unknown as { chrome: { runtime: { sendMessage: unknown } } }).chrome.runtime;
      runtime.sendMessage = (message: { type: string }) =>
        Promise.resolve(
          message.type === 'getPopupState'
            ? {
                configured: true,
                providerLabel: 'MaxoTel',
                extension: '101',
                defaultCountry: 'AU',
                history: [],
                site: { host: 'crm.example.de', blocked: true, locked: true },
              }
            : undefined,
        );
    }),
  );
  const toggle = page.getByRole('switch', { name: 'Link phone numbers on crm.example.de' });
  await expect(toggle).toBeDisabled();
  await expect(toggle).not.toBeChecked();
  await expect(page.getByText('Set by your administrator')).toBeVisible();
  await expect(page.getByText('No calls yet.')).toBeVisible();
  await expect(page.getByText('MaxoTel · extension 101')).toBeVisible();
  expect(errors).toEqual([]);
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`axe: no serious or critical violations (${colorScheme})`, async ({ extension, sim }) => {
    await extension.setSettings(sim.settingsFor('maxotel'));
    sim.configure('maxotel', { extensionOnline: false });
    const { page, errors } = await openPopup(extension);
    await page.emulateMedia({ colorScheme });
    await page.getByLabel('Number to call').fill('+1 415 555 0132');
    await page.getByLabel('Number to call').press('Enter');
    await expect(page.getByTestId('last-error')).toBeVisible({ timeout: 15_000 });
    await expectNoSeriousViolations(page);
    expect(errors).toEqual([]);
  });

  test(`axe: the set-up view passes too (${colorScheme})`, async ({ extension }) => {
    const { page } = await openPopup(extension);
    await page.emulateMedia({ colorScheme });
    await expect(page.getByRole('button', { name: 'Set up PBX Click-to-Dial' })).toBeVisible();
    await expectNoSeriousViolations(page);
  });
}
