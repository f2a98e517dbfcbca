/**
 * Issue 12, 3CX V20 Call Control API end to end (docs/providers/3cx.md): a click on a number the content script
 * linked reaches the simulator as exactly the documented requests (client credentials in the form body of
 * /connect/token, then makecall on the user's DN with a Bearer header), the same with auto-answer on and off (the
 * API has no auto-answer switch). Its refusals are in providers-refusals.spec.ts, its token renewal in
 * providers-token-renewal.spec.ts.
 */
import { test, expect } from './support/fixtures';
import type { SimRequest } from '../sim/server';
import { THREECX_SIM_CLIENT_ID, THREECX_SIM_CLIENT_SECRET } from '../sim/3cx';
import {
  dialOnPage,
  expectHistoryHides,
  providerSettings,
  US_E164,
  requestsMade,
  expectFormBody,
  expectJsonBody,
} from './page-helpers';

for (const autoAnswer of [true, false]) {
  test(`3CX: /connect/token with client credentials, then makecall on the extension with Bearer, auto-answer ${autoAnswer ? 'on' : 'off'}`, async ({
    context,
    extension,
    pages,
    sim,
  }) => {
    const { entry } = await dialOnPage(
      { context, extension, pages },
      `3cx-${autoAnswer}`,
      providerSettings(sim, '3cx', { autoAnswer, outboundPrefix: '9' }),
    );
    expect(entry).toMatchObject({ result: 'queued', provider: '3cx', number: US_E164, source: 'link' });

    const [token, call] = requestsMade(sim, ['3cx POST /connect/token', '3cx POST /callcontrol/100/makecall']) as [
      SimRequest,
      SimRequest,
    ];
    expectFormBody(token, {
      client_id: THREECX_SIM_CLIENT_ID,
      client_secret: THREECX_SIM_CLIENT_SECRET,
      grant_type: 'client_credentials',
    });
    expect(call.headers.authorization).toMatch(/^Bearer [\w-]{20,}$/);
    // National digits after the outbound prefix; no auto-answer field exists, on or off.
    expectJsonBody(call, { destination: '94155550132' });
    expect(entry.callId).toBe('1001');
    await expectHistoryHides(extension, [THREECX_SIM_CLIENT_SECRET, call.headers.authorization!.slice(7)]);
  });
}
