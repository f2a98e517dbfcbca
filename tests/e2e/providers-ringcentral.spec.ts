/**
 * Issue 12, RingCentral RingOut end to end (docs/providers/ringcentral.md): a click on a number the content
 * script linked reaches the simulator as exactly the documented requests (the JWT bearer grant with the app's
 * Basic credentials, then ring-out from the user's phone to the number in E.164 with playPrompt false), the same
 * with auto-answer on and off (RingOut has none). Its refusals are in providers-refusals.spec.ts, its token
 * renewal in providers-token-renewal.spec.ts.
 */
import { test, expect } from './support/fixtures';
import type { SimRequest } from '../sim/server';
import {
  RINGCENTRAL_SIM_CLIENT_ID,
  RINGCENTRAL_SIM_CLIENT_SECRET,
  RINGCENTRAL_SIM_FROM,
  RINGCENTRAL_SIM_JWT,
} from '../sim/ringcentral';
import {
  dialOnPage,
  expectHistoryHides,
  providerSettings,
  US_E164,
  requestsMade,
  basicAuth,
  expectFormBody,
  expectJsonBody,
} from './page-helpers';

const RING_OUT = '/restapi/v1.0/account/~/extension/~/ring-out';

for (const autoAnswer of [true, false]) {
  test(`RingCentral: JWT bearer grant with Basic client auth, then ring-out in E.164, auto-answer ${autoAnswer ? 'on' : 'off'}`, async ({
    context,
    extension,
    pages,
    sim,
  }) => {
    const { entry } = await dialOnPage(
      { context, extension, pages },
      `ringcentral-${autoAnswer}`,
      providerSettings(sim, 'ringcentral', { autoAnswer }),
    );
    expect(entry).toMatchObject({ result: 'queued', provider: 'ringcentral', number: US_E164, source: 'link' });

    const [token, ringOut] = requestsMade(sim, [
      'ringcentral POST /restapi/oauth/token',
      `ringcentral POST ${RING_OUT}`,
    ]) as [SimRequest, SimRequest];
    expect(token.headers.authorization).toBe(basicAuth(RINGCENTRAL_SIM_CLIENT_ID, RINGCENTRAL_SIM_CLIENT_SECRET));
    expectFormBody(token, {
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      assertion: RINGCENTRAL_SIM_JWT,
    });
    expect(ringOut.headers.authorization).toMatch(/^Bearer \S{20,}$/);
    expectJsonBody(ringOut, {
      from: { phoneNumber: RINGCENTRAL_SIM_FROM },
      to: { phoneNumber: US_E164 },
      playPrompt: false,
    });
    expect(entry.callId).toBe('234001');
    await expectHistoryHides(extension, [
      RINGCENTRAL_SIM_CLIENT_SECRET,
      RINGCENTRAL_SIM_JWT,
      ringOut.headers.authorization!.slice(7),
    ]);
  });
}
