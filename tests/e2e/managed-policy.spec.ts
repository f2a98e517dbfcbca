/**
 * Issue 15, item 7, end to end: one invalid key in the admin's policy is ignored alone and shown (the locked
 * provider and `confirm` stay); Save writes only what the user set, never the policy's credentials; and neither
 * Save nor the popup's site switch writes over a stored document with problems.
 */
import type { Page } from '@playwright/test';
import { test, expect } from './support/fixtures';

const ADMIN_KEY = 'admin-secret-key-0123456789';
const POLICY = {
  provider: { type: 'maxotel', baseUrl: 'https://myapi.voipportal.com.au/', apiKey: ADMIN_KEY, extension: '7' },
  dialing: { confirm: true, numberFormat: 'weird' },
};

/** Chrome reads policies from the OS; stand in for one by answering storage.managed.get in this page. */
async function withPolicy(page: Page, policy: unknown): Promise<void> {
  await page.addInitScript((p) => {
    const managed = (globalThis as unknown as { chrome: { storage: { managed: { get: unknown } } } }).chrome.storage
      .managed;
    managed.get = () => Promise.resolve(p);
  }, policy);
  await page.reload();
  await expect(page.getByLabel('Your phone system (PBX)')).toBeVisible();
}

test('a policy with one invalid key still locks the rest; Save stores the user’s own values, never the admin’s key', async ({
  extension,
  sim,
}) => {
  const mine = sim.settingsFor('maxotel');
  await extension.setSettings(mine);
  const { page, errors } = await extension.openPage('options.html');
  await withPolicy(page, POLICY);

  // The bad key is named and ignored; the admin's provider and "ask before each call" still apply, locked.
  await expect(page.getByText('dialing.numberFormat', { exact: true })).toBeVisible();
  await expect(page.getByText(/\(managed policy, ignored\) must be one of/)).toBeVisible();
  await expect(page.getByLabel('Your phone system (PBX)')).toBeDisabled();
  await expect(page.locator('#f-provider-baseUrl')).toHaveValue('https://myapi.voipportal.com.au/');
  await expect(page.locator('#f-dialing-confirm')).toBeChecked();
  await expect(page.locator('#f-dialing-confirm')).toBeDisabled();

  await page.getByLabel('Outbound prefix (optional)').fill('9');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();

  const stored = await extension.storage<Record<string, { [k: string]: unknown }>>('settings');
  expect(JSON.stringify(stored)).not.toContain(ADMIN_KEY);
  expect(stored?.provider).toEqual(mine.provider);
  expect(stored?.dialing).toMatchObject({ outboundPrefix: '9', confirm: false });
  expect(errors).toEqual([]);
});

test('over a stored document from a newer version, neither Save nor the site switch writes: the credentials stay', async ({
  extension,
  sim,
}) => {
  const newer = { ...sim.settingsFor('maxotel'), version: 2, dialing: { ringGroup: 'sales' } };
  await extension.setSettings(newer);
  const { page } = await extension.openPage('options.html');
  await expect(page.getByLabel('Your phone system (PBX)')).toBeVisible();

  // The popup's site switch, as the popup sends it.
  const answer = await page.evaluate(() =>
    chrome.runtime.sendMessage({ type: 'setSiteBlocked', host: 'crm.example.com', blocked: true }),
  );
  expect(answer).toMatchObject({ ok: false });
  expect(await extension.storage('settings')).toEqual(newer);

  // The options page's Save of what it shows (defaults, as the stored document could not be read).
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText(/nothing was written over them/).first()).toBeVisible();
  expect(await extension.storage('settings')).toEqual(newer);
});
