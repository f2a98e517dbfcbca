/**
 * Issue 12, 3CX V20 Call Control API end to end (docs/providers/3cx.md): a click on a number the content script
 * linked reaches the simulator as exactly the documented requests (client credentials in the form body of
 * /connect/token, then makecall on the user's DN with a Bearer header), the same with auto-answer on and off (the
 * API has no auto-answer switch); a refusal is shown to the person; and a token 3CX no longer accepts is replaced
 * and the call placed without a second click.
 */
import { test, expect } from './support/fixtures';
import type { SimRequest } from '../sim/server';
import { THREECX_SIM_CLIENT_ID, THREECX_SIM_CLIENT_SECRET } from '../sim/3cx';
import type { DialingSettings } from '../../lib/settings/schema';
import { clickNumber, dialingWith, historyAfter, historyOf, requestLines, US_E164, US_PAGE } from './page-helpers';

const dialing = (patch: Partial<DialingSettings>) => dialingWith({ numberFormat: 'dialable', ...patch });

for (const autoAnswer of [true, false]) {
  test(`3CX: /connect/token with client credentials, then makecall on the extension with Bearer, auto-answer ${autoAnswer ? 'on' : 'off'}`, async ({
    context,
    extension,
    pages,
    sim,
  }) => {
    await extension.setSettings({ ...sim.settingsFor('3cx'), dialing: dialing({ autoAnswer, outboundPrefix: '9' }) });
    await clickNumber(context, pages, `3cx-${autoAnswer}`, US_PAGE, US_E164);
    const [entry] = await historyAfter(extension, 1);
    expect(entry).toMatchObject({ result: 'queued', provider: '3cx', number: US_E164, source: 'link' });

    const requests = sim.requestsFor('3cx');
    expect(requestLines(requests)).toEqual(['POST /connect/token', 'POST /callcontrol/100/makecall']);
    expect(sim.requests).toHaveLength(2);
    const [token, call] = requests as [SimRequest, SimRequest];
    expect(token.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect([...token.query.keys()]).toEqual([]);
    expect(Object.fromEntries(new URLSearchParams(token.body))).toEqual({
      client_id: THREECX_SIM_CLIENT_ID,
      client_secret: THREECX_SIM_CLIENT_SECRET,
      grant_type: 'client_credentials',
    });
    expect(call.headers.authorization).toMatch(/^Bearer [\w-]{20,}$/);
    expect(call.headers['content-type']).toBe('application/json');
    expect([...call.query.keys()]).toEqual([]);
    // National digits after the outbound prefix; no auto-answer field exists, on or off.
    expect(JSON.parse(call.body)).toEqual({ destination: '94155550132' });
    expect(entry!.callId).toBe('1001');
    const shown = JSON.stringify(await historyOf(extension));
    for (const secret of [THREECX_SIM_CLIENT_SECRET, call.headers.authorization!.slice(7)]) {
      expect(shown).not.toContain(secret);
    }
  });
}

test('3CX: an extension the API client does not monitor (403) is shown to the person, and sent once', async ({
  context,
  extension,
  pages,
  sim,
}) => {
  sim.configure('3cx', { monitored: false });
  await extension.setSettings({ ...sim.settingsFor('3cx'), dialing: dialing({}) });
  await clickNumber(context, pages, '3cx-refused', US_PAGE, US_E164);
  const [entry] = await historyAfter(extension, 1);
  expect(entry).toMatchObject({ result: 'failed', provider: '3cx', errorKind: 'permission' });
  expect(entry!.message).toMatch(/^Call to \+1 415 555 0132 failed: .*extensions the client monitors/);
  await expect.poll(() => extension.evaluate(() => chrome.action.getBadgeText({}), null)).toBe('!');
  expect(await extension.evaluate(() => chrome.action.getTitle({}), null)).toContain(entry!.message!);
  expect(requestLines(sim.requestsFor('3cx'))).toEqual(['POST /connect/token', 'POST /callcontrol/100/makecall']);
});

test('3CX: a token 3CX no longer accepts is replaced and the call placed, with no second click', async ({
  context,
  extension,
  pages,
  sim,
}) => {
  await extension.setSettings({ ...sim.settingsFor('3cx'), dialing: dialing({}) });
  const page = await clickNumber(context, pages, '3cx-expiry', `${US_PAGE}<p>Or (415) 555-0199.</p>`, US_E164);
  await historyAfter(extension, 1);
  sim.configure('3cx', { revokeTokens: true });
  // A second number: the same one again within seconds would be taken for a double click.
  await page.locator('a[data-pbx-dial="+14155550199"]').click();
  const all = await historyAfter(extension, 2);
  expect(all.map((e) => e.result)).toEqual(['queued', 'queued']);
  const requests = sim.requestsFor('3cx');
  expect(requestLines(requests)).toEqual([
    'POST /connect/token',
    'POST /callcontrol/100/makecall',
    'POST /callcontrol/100/makecall',
    'POST /connect/token',
    'POST /callcontrol/100/makecall',
  ]);
  const [, first, refused, , retried] = requests as SimRequest[];
  expect(refused!.headers.authorization).toBe(first!.headers.authorization);
  expect(retried!.headers.authorization).not.toBe(first!.headers.authorization);
  expect(JSON.parse(retried!.body)).toEqual({ destination: '4155550199' });
  expect(retried!.body).toBe(refused!.body);
});
