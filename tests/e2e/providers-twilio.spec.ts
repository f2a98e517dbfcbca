/**
 * Issue 12, end to end for Twilio: a click on a number the content script linked reaches the simulator as exactly
 * one form-encoded `POST /2010-04-01/Accounts/{AccountSid}/Calls.json` (Basic auth with the API key in the header,
 * the body docs/providers/twilio.md describes), identical with auto-answer on and off (it does not apply to a
 * phone number); and the options page's caller-ID finder. Its refusals (Twilio's error codes) are in
 * providers-refusals.spec.ts.
 */
import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './support/fixtures';
import type { Simulator } from '../sim/server';
import { TWILIO_SIM } from '../sim/twilio';
import { dialOnPage, providerSettings, soleRequest, US_E164, basicAuth, expectFormBody } from './page-helpers';

const onlyRequest = (sim: Simulator) => soleRequest(sim, `twilio POST ${CALLS}`);

const CALLS = `/2010-04-01/Accounts/${TWILIO_SIM.accountSid}/Calls.json`;
const AUTH = basicAuth(TWILIO_SIM.apiKeySid, TWILIO_SIM.apiKeySecret);

const EXPECTED_BODY = {
  To: TWILIO_SIM.phone,
  From: TWILIO_SIM.number,
  Twiml: `<Response><Dial callerId="${TWILIO_SIM.number}">${US_E164}</Dial></Response>`,
  Timeout: '30',
};

test('Twilio: one form POST Calls.json with the API key, To your phone, From the caller ID, Twiml <Dial>', async ({
  context,
  extension,
  pages,
  sim,
}) => {
  const { entry } = await dialOnPage({ context, extension, pages }, 'twilio-on', providerSettings(sim, 'twilio'));
  expect(entry).toMatchObject({ result: 'queued', provider: 'twilio', number: US_E164, source: 'link' });

  const request = onlyRequest(sim);
  expect(request.headers.authorization).toBe(AUTH);
  expectFormBody(request, EXPECTED_BODY);
  // The Call SID Twilio returned is kept with the call.
  expect(entry.callId).toMatch(/^CA[0-9a-f]{32}$/);
});

test('Twilio: with auto-answer off the request is the same (a phone number is answered by a person)', async ({
  context,
  extension,
  pages,
  sim,
}) => {
  const { entry } = await dialOnPage(
    { context, extension, pages },
    'twilio-off',
    providerSettings(sim, 'twilio', { autoAnswer: false }),
  );
  expect(entry).toMatchObject({ result: 'queued', provider: 'twilio' });
  expect(Object.fromEntries(new URLSearchParams(onlyRequest(sim).body))).toEqual(EXPECTED_BODY);
});

test('Twilio options: "Find caller IDs" lists the numbers and verified caller IDs; picking one sets the caller ID', async ({
  extension,
  sim,
}) => {
  const { page, errors } = await extension.openPage('options.html');
  // The form shows once the settings are read (slow on a loaded machine).
  await expect(page.getByLabel('Your phone system (PBX)')).toBeVisible({ timeout: 15_000 });
  const provider = sim.settingsFor('twilio').provider as Record<string, string>;
  await page.getByLabel('Your phone system (PBX)').selectOption('twilio');
  for (const [name, value] of Object.entries({ ...provider, callerId: '' })) {
    if (name !== 'type') await page.locator(`#f-provider-${name}`).fill(value);
  }

  // Leaving the empty caller ID shows "is required" under it; let that settle before clicking below it.
  await page.locator('#f-provider-callerId').blur();
  await expect(page.locator('#f-provider-callerId')).toHaveAttribute('aria-invalid', 'true');
  await page.getByRole('button', { name: 'Find caller IDs' }).click();
  const list = page.getByRole('group', { name: 'Pick the caller ID' });
  await expect(list).toBeVisible({ timeout: 15_000 });
  await expect(list.getByRole('radio')).toHaveCount(2);
  await list.getByRole('radio', { name: /Office line/ }).check();
  await expect(page.locator('#f-provider-callerId')).toHaveValue(TWILIO_SIM.verifiedCallerId);
  // Only the two lists were read; nothing was called.
  expect(sim.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
    `GET /2010-04-01/Accounts/${TWILIO_SIM.accountSid}/IncomingPhoneNumbers.json`,
    `GET /2010-04-01/Accounts/${TWILIO_SIM.accountSid}/OutgoingCallerIds.json`,
  ]);
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual(
    [],
  );
  expect(errors).toEqual([]);
});
