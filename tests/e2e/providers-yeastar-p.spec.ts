/**
 * Issue 12, Yeastar P-Series / Cloud PBX end to end (docs/providers/yeastar-p.md): a click on a number the
 * content script linked reaches the simulator as exactly the documented requests (get_token with the Client ID
 * and Secret in the JSON body, then call/dial with `access_token` in the query), with auto-answer on and off; a
 * refusal is shown to the person (history message and badge title); and a token the PBX calls expired is renewed
 * and the call placed without a second click.
 */
import { test, expect } from './support/fixtures';
import type { SimRequest } from '../sim/server';
import { YEASTAR_P_SIM_CLIENT_ID, YEASTAR_P_SIM_CLIENT_SECRET } from '../sim/yeastar-p';
import type { DialingSettings } from '../../lib/settings/schema';
import { clickNumber, dialingWith, historyAfter, historyOf, requestLines, US_E164, US_PAGE } from './page-helpers';

const dialing = (patch: Partial<DialingSettings>) => dialingWith({ numberFormat: 'dialable', ...patch });

const json = (request: SimRequest): unknown => JSON.parse(request.body);

for (const autoAnswer of [true, false]) {
  test(`Yeastar P-Series: get_token with the Client ID and Secret in the body, then call/dial?access_token=, auto-answer ${autoAnswer ? 'on' : 'off'}`, async ({
    context,
    extension,
    pages,
    sim,
  }) => {
    await extension.setSettings({
      ...sim.settingsFor('yeastar-p'),
      dialing: dialing({ autoAnswer, outboundPrefix: '9' }),
    });
    await clickNumber(context, pages, `yeastar-p-${autoAnswer}`, US_PAGE, US_E164);
    const [entry] = await historyAfter(extension, 1);
    expect(entry).toMatchObject({ result: 'queued', provider: 'yeastar-p', number: US_E164, source: 'link' });

    const requests = sim.requestsFor('yeastar-p');
    expect(requestLines(requests)).toEqual(['POST /openapi/v1.0/get_token', 'POST /openapi/v1.0/call/dial']);
    expect(sim.requests).toHaveLength(2);
    const [login, dial] = requests as [SimRequest, SimRequest];
    expect(login.headers['content-type']).toBe('application/json');
    expect(login.headers['user-agent']).toBeTruthy();
    expect([...login.query.keys()]).toEqual([]);
    expect(json(login)).toEqual({ username: YEASTAR_P_SIM_CLIENT_ID, password: YEASTAR_P_SIM_CLIENT_SECRET });

    expect(dial.headers['content-type']).toBe('application/json');
    expect([...dial.query.keys()]).toEqual(['access_token']);
    expect(dial.query.get('access_token')).toMatch(/^[0-9a-f]{32}$/);
    // National digits at home (US), after the outbound prefix; no dial_permission when none is set.
    expect(json(dial)).toEqual({ caller: '1000', callee: '94155550132', auto_answer: autoAnswer ? 'yes' : 'no' });
    expect(entry!.callId).toMatch(/^\d+\.1$/);
    // Nothing the person can see holds a credential or the token.
    const shown = JSON.stringify(await historyOf(extension));
    for (const secret of [YEASTAR_P_SIM_CLIENT_ID, YEASTAR_P_SIM_CLIENT_SECRET, dial.query.get('access_token')!]) {
      expect(shown).not.toContain(secret);
    }
  });
}

test('Yeastar P-Series: a refused dial (70084 ACTION FORBIDDEN) is shown to the person, and sent once', async ({
  context,
  extension,
  pages,
  sim,
}) => {
  sim.configure('yeastar-p', { actionForbidden: true });
  await extension.setSettings({ ...sim.settingsFor('yeastar-p'), dialing: dialing({}) });
  await clickNumber(context, pages, 'yeastar-p-refused', US_PAGE, US_E164);
  const [entry] = await historyAfter(extension, 1);
  expect(entry).toMatchObject({ result: 'failed', provider: 'yeastar-p', errorKind: 'permission' });
  expect(entry!.message).toMatch(/^Call to \+1 415 555 0132 failed: .*ACTION FORBIDDEN/);
  await expect.poll(() => extension.evaluate(() => chrome.action.getBadgeText({}), null)).toBe('!');
  expect(await extension.evaluate(() => chrome.action.getTitle({}), null)).toContain(entry!.message!);
  expect(requestLines(sim.requestsFor('yeastar-p'))).toEqual([
    'POST /openapi/v1.0/get_token',
    'POST /openapi/v1.0/call/dial',
  ]);
});

test('Yeastar P-Series: a token the PBX calls expired is renewed and the call placed, with no second click', async ({
  context,
  extension,
  pages,
  sim,
}) => {
  await extension.setSettings({ ...sim.settingsFor('yeastar-p'), dialing: dialing({}) });
  const page = await clickNumber(context, pages, 'yeastar-p-expiry', `${US_PAGE}<p>Or (415) 555-0199.</p>`, US_E164);
  await historyAfter(extension, 1);
  // The PBX forgets the access token (its 30 minutes ran out on the PBX's clock, or it was revoked).
  sim.configure('yeastar-p', { revokeTokens: true });
  // A second number: the same one again within seconds would be taken for a double click.
  await page.locator('a[data-pbx-dial="+14155550199"]').click();
  const all = await historyAfter(extension, 2);
  expect(all.map((e) => e.result)).toEqual(['queued', 'queued']);
  const requests = sim.requestsFor('yeastar-p');
  expect(requestLines(requests)).toEqual([
    'POST /openapi/v1.0/get_token',
    'POST /openapi/v1.0/call/dial',
    'POST /openapi/v1.0/call/dial',
    'POST /openapi/v1.0/refresh_token',
    'POST /openapi/v1.0/call/dial',
  ]);
  const [, first, refused, refresh, retried] = requests as SimRequest[];
  expect(refused!.query.get('access_token')).toBe(first!.query.get('access_token'));
  expect(Object.keys(json(refresh!) as object)).toEqual(['refresh_token']);
  expect(retried!.query.get('access_token')).not.toBe(first!.query.get('access_token'));
  expect(json(refused!)).toEqual({ caller: '1000', callee: '4155550199', auto_answer: 'yes' });
  expect(json(retried!)).toEqual(json(refused!));
});
