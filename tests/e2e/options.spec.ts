/**
 * The options page end to end: every provider configured through the form against the simulator and its
 * connection tested; Kazoo's click-to-call picker; inline validation; a failed save and a bad import that
 * change nothing; export without secrets; the welcome; axe checks in light and dark mode.
 */
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test, expect, extensionOf, launchWithExtension, EXTENSION_DIR, type Extension } from './support/fixtures';
import { expectNoSeriousViolations } from './support/a11y';
import { PROVIDER_TYPES } from '../../lib/settings/schema';

/** Fills the provider section of the options form from a provider settings object, as a person would. */
async function fillProvider(page: Page, provider: Record<string, unknown>): Promise<void> {
  await page.getByLabel('Your phone system (PBX)').selectOption(String(provider.type));
  for (const [name, value] of Object.entries(provider)) {
    if (name === 'type') continue;
    const field = page.locator(`#f-provider-${name}`);
    if (name === 'method') await field.selectOption(String(value));
    else if (name === 'headers')
      await field.fill(
        Object.entries(value as Record<string, string>)
          .map(([k, v]) => `${k}: ${v}`)
          .join('\n'),
      );
    else await field.fill(String(value));
  }
}

async function openOptions(extension: Extension, query = '') {
  const opened = await extension.openPage(`options.html${query}`);
  await expect(opened.page.getByRole('heading', { level: 1 })).toHaveText('PBX Click-to-Dial settings');
  // The heading shows while loading too; the form is there once the settings are read.
  await expect(opened.page.getByLabel('Your phone system (PBX)')).toBeVisible();
  return opened;
}

test.describe('each provider through the options page', () => {
  for (const type of PROVIDER_TYPES) {
    test(`${type}: fill in, test the connection, save`, async ({ extension, sim }) => {
      const { page, errors } = await openOptions(extension);
      const provider = sim.settingsFor(type).provider as Record<string, unknown>;
      await fillProvider(page, provider);

      await page.getByRole('button', { name: 'Test connection' }).click();
      const result = page.locator('.test-result');
      await expect(result).toContainText('Connection works.', { timeout: 15_000 });
      await expect(result.locator('.steps li').first()).toContainText('Settings');
      // The custom URL has no way to check without placing a call, so it must send nothing at all.
      if (type === 'custom') expect(sim.requestsFor(type)).toEqual([]);
      else expect(sim.requestsFor(type).length).toBeGreaterThan(0);

      await page.getByRole('button', { name: 'Save' }).click();
      await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
      const stored = await extension.storage<{ provider: Record<string, unknown> }>('settings');
      expect(stored?.provider).toEqual(provider);
      expect(errors).toEqual([]);
    });
  }

  test('a failed connection test names the step and the provider’s own words', async ({ extension, sim }) => {
    const { page } = await openOptions(extension);
    await fillProvider(page, { ...(sim.settingsFor('maxotel').provider as object), apiKey: 'wrong-key' });
    await page.getByRole('button', { name: 'Test connection' }).click();
    const result = page.locator('.test-result');
    await expect(result).toContainText('Connection failed.', { timeout: 15_000 });
    await expect(result.locator('.steps li').nth(1)).toContainText('MaxoTel');
  });
});

test('Kazoo: list the click-to-call objects, pick one, or create one for an extension', async ({ extension, sim }) => {
  const { page, errors } = await openOptions(extension);
  const provider = sim.settingsFor('kazoo').provider as Record<string, string>;
  await fillProvider(page, { ...provider, clickToCallId: '' });

  await page.getByRole('button', { name: 'Find click-to-call objects' }).click();
  const list = page.getByRole('group', { name: 'Pick the object to use' });
  await expect(list).toBeVisible({ timeout: 15_000 });
  await list.getByRole('radio').first().check();
  await expect(page.locator('#f-provider-clickToCallId')).toHaveValue(provider.clickToCallId!);

  await page.getByLabel('Extension for a new click-to-call object').fill('2042');
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(page.getByText(/Created click-to-call object/)).toBeVisible({ timeout: 15_000 });
  const created = await page.locator('#f-provider-clickToCallId').inputValue();
  expect(created).not.toBe(provider.clickToCallId);
  await expect(list.getByRole('radio', { name: /rings extension 2042/ })).toBeChecked();
  expect(errors).toEqual([]);
});

test('inline validation as the user types, and a failed save keeps input and stored settings', async ({
  extension,
  sim,
}) => {
  const before = { ...sim.settingsFor('maxotel'), dialing: { outboundPrefix: '9' } };
  await extension.setSettings(before);
  const { page, errors } = await openOptions(extension);
  const storedBefore = await extension.storage('settings');

  const url = page.locator('#f-provider-baseUrl');
  await url.fill('myapi.maxo');
  await expect(page.locator('#f-provider-baseUrl-error')).toContainText('is not a valid URL');
  await expect(url).toHaveAttribute('aria-invalid', 'true');
  await url.fill('https://myapi.maxo.com.au/');
  await expect(page.locator('#f-provider-baseUrl-error')).toHaveCount(0);

  await page.getByLabel('Your extension').fill('10 1');
  await page.getByLabel('Sites to leave alone').fill('ok.example\nhttps://bad/');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Not saved' })).toBeVisible();
  await expect(page.getByLabel('Your extension')).toBeFocused();
  await expect(page.locator('#f-pages-blockedSites-error')).toContainText('"https://bad/" is not a host pattern');
  // Nothing was written, and what the user typed is still there.
  expect(await extension.storage('settings')).toEqual(storedBefore);
  await expect(page.getByLabel('Your extension')).toHaveValue('10 1');
  expect(errors).toEqual([]);
});

test('a press on Save that takes the focus from an empty required field is not lost to the problems it shows', async ({
  extension,
}) => {
  const { page } = await openOptions(extension);
  await page.getByLabel('Your phone system (PBX)').selectOption('maxotel');
  // The field's "required" shows when it loses focus: if it showed in the middle of the press, it would push
  // Save down under the pointer and the browser would send the click elsewhere.
  // Tall enough that the field and Save are both in view: nothing scrolls, so what shows above Save moves it.
  await page.setViewportSize({ width: 1000, height: 4000 });
  const key = page.getByRole('textbox', { name: 'API key' });
  await key.focus();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Not saved' })).toBeVisible();
  await expect(key).toHaveAttribute('aria-invalid', 'true');
});

test('a save the browser refuses keeps the input and the stored settings, and says why', async ({ extension, sim }) => {
  const before = sim.settingsFor('maxotel');
  await extension.setSettings(before);
  const { page, errors } = await openOptions(extension);
  // Stand in for a full or failing storage: storage.local.set rejects in this page only.
  await page.addInitScript(() => {
    const local = (globalThis as unknown as { chrome: { storage: { local: { set: unknown } } } }).chrome.storage.local;
    local.set = () => Promise.reject(new Error('QUOTA_BYTES quota exceeded'));
  });
  await page.reload();
  await page.getByLabel('Outbound prefix (optional)').fill('9');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Not saved: QUOTA_BYTES quota exceeded' })).toContainText(
    'Your input is kept',
  );
  await expect(page.getByLabel('Outbound prefix (optional)')).toHaveValue('9');
  expect(await extension.storage('settings')).toEqual(before);
  // The page reported the failure itself; nothing was thrown at the console.
  expect(errors).toEqual([]);
});

test('the dialing preview shows what the PBX receives, live', async ({ extension }) => {
  const { page } = await openOptions(extension);
  await page.getByLabel('Your country').selectOption('DE');
  await page.getByLabel('Number format sent to the PBX').selectOption('dialable');
  await page.getByLabel('Outbound prefix (optional)').fill('0');
  const rows = page.locator('.preview tbody tr');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0).locator('code.sent')).toHaveText(/^00\d+$/);
  await expect(rows.nth(1).locator('code.sent')).toHaveText(/^00044\d+$/);
  await expect(rows.nth(2)).toContainText('Choose your phone system');
  await page.getByLabel('Your phone system (PBX)').selectOption('kazoo');
  await expect(rows.nth(2)).toContainText('Extension 204 is not sent: Kazoo');
  await page.getByLabel('Outbound prefix (optional)').fill('x');
  await expect(page.locator('.preview')).toContainText('Fix the dialing fields above');
});

test('a bad import names each problem and changes nothing', async ({ extension, sim }) => {
  const before = sim.settingsFor('maxotel');
  await extension.setSettings(before);
  const { page, errors } = await openOptions(extension);
  const storedBefore = await extension.storage('settings');
  await expect(page.locator('#f-provider-apiKey')).toHaveValue(String((before.provider as { apiKey: string }).apiKey));

  await page.getByLabel('Import settings from a file').setInputFiles({
    name: 'broken.json',
    mimeType: 'application/json',
    buffer: Buffer.from(
      JSON.stringify({ version: 1, provider: { type: 'maxotel', baseUrl: 'ftp://x', extension: 'abc' }, colour: 1 }),
    ),
  });
  const outcome = page.getByTestId('transfer-outcome');
  await expect(outcome).toContainText('broken.json was not imported; your settings are unchanged.');
  await expect(outcome).toContainText('provider.baseUrl: must start with https:// or http://');
  await expect(outcome).toContainText('provider.extension: must be 1 to 20 digits');
  await expect(outcome).toContainText('colour: unknown key');
  expect(await extension.storage('settings')).toEqual(storedBefore);
  await expect(page.locator('#f-provider-baseUrl')).toHaveValue(
    String((before.provider as { baseUrl: string }).baseUrl),
  );

  await page.getByLabel('Import settings from a file').setInputFiles({
    name: 'not-json.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{ nope'),
  });
  await expect(outcome).toContainText('The file is not JSON');
  expect(await extension.storage('settings')).toEqual(storedBefore);
  expect(errors).toEqual([]);
});

test('export leaves secrets out; importing it back keeps the stored ones and says so', async ({ extension, sim }) => {
  const before = sim.settingsFor('maxotel');
  await extension.setSettings(before);
  const { page } = await openOptions(extension);
  const apiKey = (before.provider as { apiKey: string }).apiKey;

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export settings' }).click(),
  ]);
  const text = await readFile((await download.path())!, 'utf8');
  expect(download.suggestedFilename()).toBe('pbx-click-to-dial-settings.json');
  expect(text).not.toContain(apiKey);
  const exported = JSON.parse(text);
  exported.dialing.outboundPrefix = '9';

  await page.getByLabel('Import settings from a file').setInputFiles({
    name: 'colleague.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(exported)),
  });
  await expect(page.getByTestId('transfer-outcome')).toContainText('your current ones were kept (provider.apiKey)');
  const stored = await extension.storage<{ provider: { apiKey: string }; dialing: { outboundPrefix: string } }>(
    'settings',
  );
  expect(stored?.provider.apiKey).toBe(apiKey);
  expect(stored?.dialing.outboundPrefix).toBe('9');
  await expect(page.getByLabel('Outbound prefix (optional)')).toHaveValue('9');

  await page.getByLabel('Include credentials (API keys, passwords)').check();
  const [withSecrets] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export settings' }).click(),
  ]);
  expect(await readFile((await withSecrets.path())!, 'utf8')).toContain(apiKey);
});

test('a first install opens with a short welcome', async ({ extension }) => {
  const { page } = await openOptions(extension, '?welcome=1');
  await expect(page.getByRole('heading', { name: 'Welcome to PBX Click-to-Dial' })).toBeVisible();
  const plain = await openOptions(extension);
  await expect(plain.page.getByRole('heading', { name: 'Welcome to PBX Click-to-Dial' })).toHaveCount(0);
});

test('keyboard only: pick a provider, fill it in and save with Enter', async ({ extension, sim }) => {
  const { page } = await openOptions(extension);
  const provider = sim.settingsFor('maxotel').provider as Record<string, string>;
  await page.bringToFront();
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Your phone system (PBX)')).toBeFocused();
  await page.getByLabel('Your phone system (PBX)').selectOption('maxotel');
  for (const name of ['baseUrl', 'apiKey', 'extension']) {
    await page.keyboard.press('Tab');
    await expect(page.locator(`#f-provider-${name}`)).toBeFocused();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type(provider[name]!);
  }
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  expect((await extension.storage<{ provider: unknown }>('settings'))?.provider).toEqual(provider);
});

test.describe('without host access', () => {
  // The harness grants the simulator's host by default (support/fixtures.ts): this one starts without it.
  test.use({ hostAccess: [] });
  test('saves even when the browser has not allowed the PBX host, and says calls cannot reach it', async ({
    extension,
    sim,
  }) => {
    const { page } = await openOptions(extension);
    await expect(page.getByRole('alert')).toHaveCount(0);
    const provider = sim.settingsFor('maxotel').provider as Record<string, string>;
    await fillProvider(page, provider);
    // Headless Chromium leaves the permission prompt unanswered: the settings must be saved regardless.
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
    expect((await extension.storage<{ provider: unknown }>('settings'))?.provider).toEqual(provider);
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('calls cannot reach your PBX until you allow it');
    await expect(alert).toContainText('http://127.0.0.1');
    await expect(alert.getByRole('button', { name: 'Allow access' })).toBeVisible();

    // The same message greets the user on the next visit, until access is allowed.
    const again = await openOptions(extension);
    await expect(again.page.getByRole('alert')).toContainText('http://127.0.0.1');
  });
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`axe: no serious or critical violations (${colorScheme})`, async ({ extension, sim }) => {
    await extension.setSettings({ ...sim.settingsFor('kazoo'), callLog: sim.settingsFor('helpdeskeddy').callLog });
    const { page, errors } = await openOptions(extension, '?welcome=1');
    await page.emulateMedia({ colorScheme });
    await expect(page.locator('#f-provider-accountId')).toBeVisible();
    await expectNoSeriousViolations(page);
    // With problems and locks showing, too.
    await page.locator('#f-provider-baseUrl').fill('nope');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.locator('#f-provider-baseUrl-error')).toBeVisible();
    await expectNoSeriousViolations(page);
    expect(errors).toEqual([]);
  });
}

test('fields set by an admin policy are shown locked, with why; the rest stay editable', async ({ extension, sim }) => {
  await extension.setSettings(sim.settingsFor('maxotel'));
  const { page, errors } = await extension.openPage('options.html');
  // Chrome reads policies from the OS; stand in for one by answering storage.managed.get in this page.
  await page.addInitScript(() => {
    const managed = (globalThis as unknown as { chrome: { storage: { managed: { get: unknown } } } }).chrome.storage
      .managed;
    managed.get = () =>
      Promise.resolve({
        provider: { type: 'maxotel', baseUrl: 'https://myapi.voipportal.com.au/' },
        dialing: { defaultCountry: 'AU' },
      });
  });
  await page.reload();
  await expect(page.getByText('Some settings are set by your administrator')).toBeVisible();
  const picker = page.getByLabel('Your phone system (PBX)');
  await expect(picker).toBeDisabled();
  await expect(picker).toHaveValue('maxotel');
  const baseUrl = page.locator('#f-provider-baseUrl');
  await expect(baseUrl).toBeDisabled();
  await expect(baseUrl).toHaveValue('https://myapi.voipportal.com.au/');
  await expect(page.locator('#f-provider-baseUrl-locked')).toHaveText('Set by your administrator');
  await expect(baseUrl).toHaveAttribute('aria-describedby', /f-provider-baseUrl-locked/);
  await expect(page.getByLabel('Your country')).toBeDisabled();
  await expect(page.locator('#f-provider-apiKey')).toBeEnabled();
  await expect(page.getByLabel('Outbound prefix (optional)')).toBeEnabled();
  expect(errors).toEqual([]);
});

test('speaks German in a German browser, with no message name left untranslated', async () => {
  const { context, close } = await launchWithExtension({
    args: ['--lang=de'],
    env: { ...process.env, LANGUAGE: 'de', LANG: 'de_DE.UTF-8' },
  });
  try {
    const { page } = await (await extensionOf(context)).openPage('options.html?welcome=1');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('PBX Click-to-Dial – Einstellungen');
    await page.getByLabel('Ihre Telefonanlage (PBX)').selectOption('kazoo');
    await expect(page.getByRole('button', { name: 'Verbindung testen' })).toBeVisible();
    const names = Object.keys(
      JSON.parse(readFileSync(join(EXTENSION_DIR, '_locales/en/messages.json'), 'utf8')) as object,
    );
    const text = await page.locator('body').innerText();
    expect(names.filter((name) => name.includes('_') && text.includes(name))).toEqual([]);
  } finally {
    await close();
  }
});
