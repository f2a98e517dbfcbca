/**
 * Issue 14 (items 2, 7, 8) and issue 15 item 8, through the built extension against the simulator: each
 * provider's number format is picked with the provider; a NetSapiens office-manager key with a domain and user;
 * redirects and SSO login pages are errors that say what to do. (An office-manager key without them, MaxoTel's
 * UNAVAILABLE in a 200 answer and an HTML answer are in providers-refusals.spec.ts.)
 */
import { readFile } from 'node:fs/promises';
import { test, expect } from './support/fixtures';
import { NETSAPIENS_SIM_OFFICE_KEY } from '../sim/netsapiens';
import { dialOnPage, providerSettings, type Browsing } from './page-helpers';

// A launch, a page and a dial take about 15 s on a busy machine: room to stay under half the timeout.
test.describe.configure({ timeout: 60_000 });

/** Stores `settings`, opens a US page with one number as `/click/audit-<name>.html`, clicks it: the dial's entry. */
const dialAudit = async (browsing: Browsing, name: string, settings: unknown) =>
  (await dialOnPage(browsing, `audit-${name}`, settings, { body: '<p>Call (415) 555-0132 today.</p>' })).entry;

test('options: picking a provider sets its number format and says why (Yeastar: as dialled; Kazoo: digits)', async ({
  extension,
}) => {
  const { page } = await extension.openPage('options.html');
  const picker = page.getByLabel('Your phone system (PBX)');
  const format = page.getByLabel('Number format sent to the PBX');
  await picker.selectOption('yeastar-s');
  await expect(format).toHaveValue('dialable');
  await expect(page.locator('#provider-format-help')).toContainText('must match an outbound route');
  await picker.selectOption('kazoo');
  await expect(format).toHaveValue('digits');
  await expect(page.locator('#provider-format-help')).toContainText('it cannot read a +');
});

test('NetSapiens office-manager key with domain and user: dials as that user with call-orig-user', async ({
  context,
  extension,
  pages,
  sim,
}) => {
  const officeKeyAsUser = { apiKey: NETSAPIENS_SIM_OFFICE_KEY, domain: 'sim.example', user: '1001' };
  expect(
    await dialAudit(
      { context, extension, pages },
      'ns-office-named',
      providerSettings(sim, 'netsapiens', {}, officeKeyAsUser),
    ),
  ).toMatchObject({ result: 'queued', provider: 'netsapiens' });
  const [post] = sim.requestsFor('netsapiens');
  expect(post!.path).toBe('/ns-api/v2/domains/sim.example/users/1001/calls');
  expect(JSON.parse(post!.body)).toMatchObject({
    'call-orig-user': '1001@sim.example',
    'call-term-user': '14155550132',
  });
});

test('Yeastar on http:// redirecting to https://: "redirects to …; use that address", nothing sent on', async ({
  context,
  extension,
  pages,
  sim,
}) => {
  sim.configure('yeastar-s', { redirectToHttps: true });
  const entry = await dialAudit({ context, extension, pages }, 'yeastar-redirect', providerSettings(sim, 'yeastar-s'));
  expect(entry.result).toBe('failed');
  expect(entry.errorKind).not.toBe('auth');
  expect(entry.errorKind).not.toBe('certificate');
  // The browser does not reveal an unfollowed redirect's target to an extension: the message names the origin.
  expect(entry.message).toContain(`The Yeastar S-Series address (${sim.url}) redirects elsewhere`);
  expect(sim.requestsFor('yeastar-s').map((r) => r.path)).toEqual(['/api/v2.0.0/login']);
});

test('custom endpoint behind SSO: the login page is not "Calling", and the Authorization header stays home', async ({
  context,
  extension,
  pages,
  sim,
}) => {
  sim.configure('custom', { redirectTo: `${sim.url}/custom/sso-login` });
  const entry = await dialAudit(
    { context, extension, pages },
    'custom-sso',
    providerSettings(sim, 'custom', {}, { headers: { Authorization: 'Bearer cst_e2e_sso_51c0' } }),
  );
  expect(entry.result).toBe('failed');
  expect(entry.message).toContain('redirects elsewhere');
  expect(sim.requests.map((r) => r.path)).toEqual(['/custom/dial']);
});

test('export without secrets leaves out Kazoo’s click-to-call id and key, HelpDeskEddy’s channel key, a custom URL and headers', async ({
  extension,
  sim,
}) => {
  const kazoo = sim.settingsFor('kazoo').provider as Record<string, string>;
  const hde = sim.settingsFor('helpdeskeddy').callLog as Record<string, string>;
  await extension.setSettings({ version: 1, provider: kazoo, callLog: hde });
  const { page } = await extension.openPage('options.html');
  const exportText = async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export settings' }).click(),
    ]);
    return readFile((await download.path())!, 'utf8');
  };
  const text = await exportText();
  for (const secret of [kazoo.clickToCallId!, kazoo.apiKey!, hde.channelKey!, hde.apiKey!]) {
    expect(text).not.toContain(secret);
  }
  expect(JSON.parse(text).provider).toEqual({ type: 'kazoo', baseUrl: kazoo.baseUrl, accountId: kazoo.accountId });

  const custom = {
    ...(sim.settingsFor('custom').provider as Record<string, unknown>),
    url: `${sim.url}/custom/dial?passcode=Adm1nPa55&to={number}`,
    headers: { Authorization: 'Bearer cst_export_93ab' },
  };
  await extension.setSettings({ version: 1, provider: custom });
  await page.reload();
  const customText = await exportText();
  expect(customText).not.toContain('Adm1nPa55');
  expect(customText).not.toContain('cst_export_93ab');
});
