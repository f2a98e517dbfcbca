/**
 * Issue 12's desk-phone presets end to end: in the options page, the custom request is filled in from a Snom
 * phone's address and password, saved, and a call from the popup reaches the simulated phone as exactly the
 * command its vendor documents (tests/sim/desk-phones.ts), with the number as dialled from the user's country.
 */
import { test, expect, type Extension } from './support/fixtures';
import type { SimRequest, Simulator } from '../sim/server';
import { DESK_PHONE_SIM } from '../sim/desk-phones';
import { basicAuth } from './page-helpers';

/** Opens the options page with the custom request picked and `phone` chosen among the desk phone presets. */
async function openPreset(extension: Extension, phone: string) {
  const { page, errors } = await extension.openPage('options.html');
  await page.getByLabel('Your phone system (PBX)').selectOption('custom');
  const presets = page.getByRole('group', { name: 'Desk phone presets' });
  await presets.getByLabel('Phone', { exact: true }).selectOption(phone);
  return { page, errors, presets };
}

/**
 * Calls +1 415 555 0132 from the popup and checks that the simulated phone received that one command with the
 * web credentials and that the popup shows no error: the command, and the popup's errors.
 */
async function callFromPopup(extension: Extension, sim: Simulator): Promise<{ request: SimRequest; errors: string[] }> {
  const popup = await extension.openPage('popup.html');
  await popup.page.getByLabel('Number to call').fill('+1 415 555 0132');
  await popup.page.getByRole('button', { name: 'Call', exact: true }).click();
  await expect.poll(() => sim.requestsFor('custom').length, { timeout: 15_000 }).toBe(1);
  const [request] = sim.requestsFor('custom');
  expect(request!.headers.authorization).toBe(basicAuth(DESK_PHONE_SIM.username, DESK_PHONE_SIM.password));
  await expect(popup.page.locator('[role="status"] .notice.error')).toHaveCount(0);
  return { request: request!, errors: popup.errors };
}

test('Snom preset: fill in from the address and password, save, and a call reaches the phone', async ({
  extension,
  sim,
}) => {
  const { page, errors, presets } = await openPreset(extension, 'snom');
  await expect(presets.getByRole('link', { name: /Can I control my snom phone remotely/ })).toBeVisible();

  // A bad address is named, and nothing is filled in.
  await presets.getByLabel(/Phone address/).fill('http://phone/');
  await presets.getByRole('button', { name: 'Fill in the request' }).click();
  await expect(presets.getByRole('status')).toContainText('"http://phone/" is not an address');
  await expect(page.locator('#f-provider-url')).toHaveValue('');

  const address = new URL(sim.url).host;
  await presets.getByLabel(/Phone address/).fill(address);
  await presets.getByLabel('Web password').fill(DESK_PHONE_SIM.password);
  await presets.getByRole('button', { name: 'Fill in the request' }).click();
  await expect(presets.getByRole('status')).toContainText('Filled in for Snom (command.htm)');
  await expect(page.locator('#f-provider-url')).toHaveValue(`http://${address}/command.htm?number={number}`);
  await expect(page.locator('#f-provider-headers')).toHaveValue(/^Authorization: Basic /);

  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  const stored = await extension.storage<{ provider: Record<string, unknown>; dialing: { numberFormat: string } }>(
    'settings',
  );
  expect(stored?.provider).toMatchObject({ type: 'custom', method: 'GET' });
  // A desk phone dials as a person would on it: the national number at home.
  expect(stored?.dialing.numberFormat).toBe('dialable');

  const call = await callFromPopup(extension, sim);
  expect(call.request).toMatchObject({ method: 'GET', path: '/command.htm' });
  expect(call.request.query.get('number')).toBe('4155550132');
  expect([...errors, ...call.errors]).toEqual([]);
});

test('Fanvil preset: the Active URI key sequence, filled in from the address and credentials, reaches the phone', async ({
  extension,
  sim,
}) => {
  const { page, errors, presets } = await openPreset(extension, 'fanvil');
  await expect(presets.getByRole('link', { name: /NethVoice CTI phone URLs/ })).toBeVisible();
  await expect(presets.getByText(/"Enabled Active Uri"/)).toBeVisible();
  // The web user name field offers the vendor's default.
  await expect(presets.getByLabel('Web user name')).toHaveAttribute('placeholder', 'admin');

  const address = new URL(sim.url).host;
  await presets.getByLabel(/Phone address/).fill(address);
  await presets.getByLabel('Web password').fill(DESK_PHONE_SIM.password);
  await presets.getByRole('button', { name: 'Fill in the request' }).click();
  await expect(presets.getByRole('status')).toContainText('Filled in for Fanvil (Active URI)');
  await expect(page.locator('#f-provider-method')).toHaveValue('GET');
  await expect(page.locator('#f-provider-url')).toHaveValue(
    `http://${address}/cgi-bin/ConfigManApp.com?key={number};ENTER`,
  );

  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();

  const call = await callFromPopup(extension, sim);
  expect(call.request).toMatchObject({ method: 'GET', path: '/cgi-bin/ConfigManApp.com' });
  // The national number's keys, then Enter: exactly what the phone presses.
  expect(call.request.rawQuery).toBe('key=4155550132;ENTER');
  expect([...errors, ...call.errors]).toEqual([]);
});
