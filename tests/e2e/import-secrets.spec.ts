/**
 * Issue 15, item 3, end to end: a "settings from IT" file that keeps the provider type but names another host
 * must not get the stored API key. The file goes into the form with the key blank and nothing is saved; the
 * next dial still goes to the stored host, and nothing ever reaches the new one with the key.
 */
import { test, expect, type Extension } from './support/fixtures';
import { html } from './page-helpers';

async function openOptions(extension: Extension) {
  const opened = await extension.openPage('options.html');
  await expect(opened.page.getByLabel('Your phone system (PBX)')).toBeVisible();
  return opened;
}

test('an imported file naming another host does not get the stored API key: the form asks for it, nothing is saved', async ({
  context,
  extension,
  pages,
  sim,
}) => {
  const before: Record<string, unknown> = { ...sim.settingsFor('maxotel'), dialing: { defaultCountry: 'US' } };
  const apiKey = (before.provider as { apiKey: string }).apiKey;
  await extension.setSettings(before);
  const storedBefore = await extension.storage('settings');
  const { page, errors } = await openOptions(extension);

  // Same type, another host (every host name resolves to 127.0.0.1 here, so evil.example reaches the simulator).
  const evil = `http://evil.example:${sim.port}/`;
  await page.getByLabel('Import settings from a file').setInputFiles({
    name: 'from-it.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ version: 1, provider: { type: 'maxotel', baseUrl: evil, extension: '101' } })),
  });
  const outcome = page.getByTestId('transfer-outcome');
  await expect(outcome).toContainText('from-it.json names another address than your current settings');
  await expect(outcome).toContainText('provider.apiKey');
  await expect(page.locator('#f-provider-baseUrl')).toHaveValue(evil);
  await expect(page.locator('#f-provider-apiKey')).toHaveValue('');
  expect(await extension.storage('settings')).toEqual(storedBefore);

  // A dial now still goes to the stored host; the new host never sees the key.
  const web = await context.newPage();
  await web.goto(pages.add('/import/after.html', html('<p>Office: +1 415-555-0132</p>')));
  await web.locator('a[data-pbx-dial]').click();
  await expect.poll(() => sim.requestsFor('maxotel').length).toBe(1);
  for (const request of sim.requests) {
    const sentKey = request.body.includes(apiKey) || request.query.toString().includes(apiKey);
    expect((request.headers.host ?? '').startsWith('evil.example') && sentKey).toBe(false);
  }
  expect(sim.requests.every((r) => !(r.headers.host ?? '').startsWith('evil.example'))).toBe(true);
  expect(errors).toEqual([]);
});

test('an imported file for the same host keeps the stored API key, as before', async ({ extension, sim }) => {
  const before = sim.settingsFor('maxotel');
  const provider = before.provider as { apiKey: string; baseUrl: string };
  await extension.setSettings(before);
  const { page } = await openOptions(extension);
  await page.getByLabel('Import settings from a file').setInputFiles({
    name: 'same.json',
    mimeType: 'application/json',
    buffer: Buffer.from(
      JSON.stringify({
        version: 1,
        provider: { type: 'maxotel', baseUrl: provider.baseUrl, extension: '102' },
      }),
    ),
  });
  await expect(page.getByTestId('transfer-outcome')).toContainText('your current ones were kept (provider.apiKey)');
  const stored = await extension.storage<{ provider: { apiKey: string; extension: string } }>('settings');
  expect(stored?.provider).toMatchObject({ apiKey: provider.apiKey, extension: '102' });
});
