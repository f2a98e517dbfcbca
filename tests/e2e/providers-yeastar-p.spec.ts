/**
 * Issue 12, Yeastar P-Series / Cloud PBX end to end (docs/providers/yeastar-p.md): a click on a number the
 * content script linked reaches the simulator as exactly the documented requests (get_token with the Client ID
 * and Secret in the JSON body, then call/dial with `access_token` in the query), with auto-answer on and off. Its
 * refusals are in providers-refusals.spec.ts, its token renewal in providers-token-renewal.spec.ts.
 */
import { test, expect } from './support/fixtures';
import type { SimRequest } from '../sim/server';
import { YEASTAR_P_SIM_CLIENT_ID, YEASTAR_P_SIM_CLIENT_SECRET } from '../sim/yeastar-p';
import { dialOnPage, expectHistoryHides, providerSettings, US_E164, requestsMade } from './page-helpers';

const json = (request: SimRequest): unknown => JSON.parse(request.body);

for (const autoAnswer of [true, false]) {
  test(`Yeastar P-Series: get_token with the Client ID and Secret in the body, then call/dial?access_token=, auto-answer ${autoAnswer ? 'on' : 'off'}`, async ({
    context,
    extension,
    pages,
    sim,
  }) => {
    const { entry } = await dialOnPage(
      { context, extension, pages },
      `yeastar-p-${autoAnswer}`,
      providerSettings(sim, 'yeastar-p', { autoAnswer, outboundPrefix: '9' }),
    );
    expect(entry).toMatchObject({ result: 'queued', provider: 'yeastar-p', number: US_E164, source: 'link' });

    const [login, dial] = requestsMade(sim, [
      'yeastar-p POST /openapi/v1.0/get_token',
      'yeastar-p POST /openapi/v1.0/call/dial',
    ]) as [SimRequest, SimRequest];
    expect(login.headers['content-type']).toBe('application/json');
    expect(login.headers['user-agent']).toBeTruthy();
    expect([...login.query.keys()]).toEqual([]);
    expect(json(login)).toEqual({ username: YEASTAR_P_SIM_CLIENT_ID, password: YEASTAR_P_SIM_CLIENT_SECRET });

    expect(dial.headers['content-type']).toBe('application/json');
    expect([...dial.query.keys()]).toEqual(['access_token']);
    expect(dial.query.get('access_token')).toMatch(/^[0-9a-f]{32}$/);
    // National digits at home (US), after the outbound prefix; no dial_permission when none is set.
    expect(json(dial)).toEqual({ caller: '1000', callee: '94155550132', auto_answer: autoAnswer ? 'yes' : 'no' });
    expect(entry.callId).toMatch(/^\d+\.1$/);
    // Nothing the person can see holds a credential or the token.
    await expectHistoryHides(extension, [
      YEASTAR_P_SIM_CLIENT_ID,
      YEASTAR_P_SIM_CLIENT_SECRET,
      dial.query.get('access_token')!,
    ]);
  });
}
