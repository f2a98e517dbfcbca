/**
 * Issue 12, RingCentral RingOut end to end (docs/providers/ringcentral.md): a click on a number the content
 * script linked reaches the simulator as exactly the documented requests (the JWT bearer grant with the app's
 * Basic credentials, then ring-out from the user's phone to the number in E.164 with playPrompt false), the same
 * with auto-answer on and off (RingOut has none); a refusal is shown to the person; and a token RingCentral no
 * longer accepts is replaced and the call placed without a second click.
 */
import { test, expect } from './support/fixtures';
import type { SimRequest } from '../sim/server';
import {
  RINGCENTRAL_SIM_CLIENT_ID,
  RINGCENTRAL_SIM_CLIENT_SECRET,
  RINGCENTRAL_SIM_FROM,
  RINGCENTRAL_SIM_JWT,
} from '../sim/ringcentral';
import type { DialingSettings } from '../../lib/settings/schema';
import { clickNumber, dialingWith, historyAfter, historyOf, requestLines, US_E164, US_PAGE } from './page-helpers';

const dialing = (patch: Partial<DialingSettings>) => dialingWith({ numberFormat: 'e164', ...patch });

const RING_OUT = '/restapi/v1.0/account/~/extension/~/ring-out';

for (const autoAnswer of [true, false]) {
  test(`RingCentral: JWT bearer grant with Basic client auth, then ring-out in E.164, auto-answer ${autoAnswer ? 'on' : 'off'}`, async ({
    context,
    extension,
    pages,
    sim,
  }) => {
    await extension.setSettings({ ...sim.settingsFor('ringcentral'), dialing: dialing({ autoAnswer }) });
    await clickNumber(context, pages, `ringcentral-${autoAnswer}`, US_PAGE, US_E164);
    const [entry] = await historyAfter(extension, 1);
    expect(entry).toMatchObject({ result: 'queued', provider: 'ringcentral', number: US_E164, source: 'link' });

    const requests = sim.requestsFor('ringcentral');
    expect(requestLines(requests)).toEqual(['POST /restapi/oauth/token', `POST ${RING_OUT}`]);
    expect(sim.requests).toHaveLength(2);
    const [token, ringOut] = requests as [SimRequest, SimRequest];
    const basic = Buffer.from(`${RINGCENTRAL_SIM_CLIENT_ID}:${RINGCENTRAL_SIM_CLIENT_SECRET}`).toString('base64');
    expect(token.headers.authorization).toBe(`Basic ${basic}`);
    expect(token.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect([...token.query.keys()]).toEqual([]);
    expect(Object.fromEntries(new URLSearchParams(token.body))).toEqual({
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      assertion: RINGCENTRAL_SIM_JWT,
    });
    expect(ringOut.headers.authorization).toMatch(/^Bearer \S{20,}$/);
    expect(ringOut.headers['content-type']).toBe('application/json');
    expect([...ringOut.query.keys()]).toEqual([]);
    expect(JSON.parse(ringOut.body)).toEqual({
      from: { phoneNumber: RINGCENTRAL_SIM_FROM },
      to: { phoneNumber: US_E164 },
      playPrompt: false,
    });
    expect(entry!.callId).toBe('234001');
    const shown = JSON.stringify(await historyOf(extension));
    for (const secret of [
      RINGCENTRAL_SIM_CLIENT_SECRET,
      RINGCENTRAL_SIM_JWT,
      ringOut.headers.authorization!.slice(7),
    ]) {
      expect(shown).not.toContain(secret);
    }
  });
}

test('RingCentral: an app without the RingOut permission (403 CMN-408) is shown to the person, and sent once', async ({
  context,
  extension,
  pages,
  sim,
}) => {
  sim.configure('ringcentral', { ringOutPermission: false });
  await extension.setSettings({ ...sim.settingsFor('ringcentral'), dialing: dialing({}) });
  await clickNumber(context, pages, 'ringcentral-refused', US_PAGE, US_E164);
  const [entry] = await historyAfter(extension, 1);
  expect(entry).toMatchObject({ result: 'failed', provider: 'ringcentral', errorKind: 'permission' });
  expect(entry!.message).toMatch(/^Call to \+1 415 555 0132 failed: .*"RingOut" permission/);
  await expect.poll(() => extension.evaluate(() => chrome.action.getBadgeText({}), null)).toBe('!');
  expect(await extension.evaluate(() => chrome.action.getTitle({}), null)).toContain(entry!.message!);
  expect(requestLines(sim.requestsFor('ringcentral'))).toEqual(['POST /restapi/oauth/token', `POST ${RING_OUT}`]);
});

test('RingCentral: a token RingCentral no longer accepts is replaced and the call placed, with no second click', async ({
  context,
  extension,
  pages,
  sim,
}) => {
  await extension.setSettings({ ...sim.settingsFor('ringcentral'), dialing: dialing({}) });
  const page = await clickNumber(context, pages, 'ringcentral-expiry', `${US_PAGE}<p>Or (415) 555-0199.</p>`, US_E164);
  await historyAfter(extension, 1);
  sim.configure('ringcentral', { revokeTokens: true });
  // A second number: the same one again within seconds would be taken for a double click.
  await page.locator('a[data-pbx-dial="+14155550199"]').click();
  const all = await historyAfter(extension, 2);
  expect(all.map((e) => e.result)).toEqual(['queued', 'queued']);
  const requests = sim.requestsFor('ringcentral');
  expect(requestLines(requests)).toEqual([
    'POST /restapi/oauth/token',
    `POST ${RING_OUT}`,
    `POST ${RING_OUT}`,
    'POST /restapi/oauth/token',
    `POST ${RING_OUT}`,
  ]);
  const [, first, refused, , retried] = requests as SimRequest[];
  expect(refused!.headers.authorization).toBe(first!.headers.authorization);
  expect(retried!.headers.authorization).not.toBe(first!.headers.authorization);
  expect(JSON.parse(retried!.body)).toMatchObject({ to: { phoneNumber: '+14155550199' } });
  expect(retried!.body).toBe(refused!.body);
});
