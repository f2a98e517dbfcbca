/**
 * The three providers that keep an OAuth-style access token (lib/providers/oauth-token.ts, token-cache.ts): a
 * token the PBX stops accepting between two clicks is replaced and the second call placed, with no second click
 * and the same call request sent again.
 */
import { test, expect } from './support/fixtures';
import type { SimRequest } from '../sim/server';
import type { ProviderType } from '../../lib/settings/schema';
import { dialAfterTokenRevoked, expectRetriedWithNewBearer, providerSettings, requestLines } from './page-helpers';

const RING_OUT = '/restapi/v1.0/account/~/extension/~/ring-out';
const json = (request: SimRequest): unknown => JSON.parse(request.body);

const CASES: {
  title: string;
  type: ProviderType;
  requests: string[];
  /** What the refused and the retried call requests carry (the provider's own token and body). */
  check: (requests: SimRequest[]) => void;
}[] = [
  {
    title: '3CX: a token 3CX no longer accepts is replaced and the call placed, with no second click',
    type: '3cx',
    requests: [
      'POST /connect/token',
      'POST /callcontrol/100/makecall',
      'POST /callcontrol/100/makecall',
      'POST /connect/token',
      'POST /callcontrol/100/makecall',
    ],
    check: (requests) => expect(json(expectRetriedWithNewBearer(requests))).toEqual({ destination: '4155550199' }),
  },
  {
    title: 'RingCentral: a token RingCentral no longer accepts is replaced and the call placed, with no second click',
    type: 'ringcentral',
    requests: [
      'POST /restapi/oauth/token',
      `POST ${RING_OUT}`,
      `POST ${RING_OUT}`,
      'POST /restapi/oauth/token',
      `POST ${RING_OUT}`,
    ],
    check: (requests) =>
      expect(json(expectRetriedWithNewBearer(requests))).toMatchObject({ to: { phoneNumber: '+14155550199' } }),
  },
  {
    title: 'Yeastar P-Series: a token the PBX calls expired is renewed and the call placed, with no second click',
    type: 'yeastar-p',
    // Renewed with the refresh token, not a new login; the token rides in the query, not a header.
    requests: [
      'POST /openapi/v1.0/get_token',
      'POST /openapi/v1.0/call/dial',
      'POST /openapi/v1.0/call/dial',
      'POST /openapi/v1.0/refresh_token',
      'POST /openapi/v1.0/call/dial',
    ],
    check: (requests) => {
      const [, first, refused, refresh, retried] = requests;
      expect(refused!.query.get('access_token')).toBe(first!.query.get('access_token'));
      expect(Object.keys(json(refresh!) as object)).toEqual(['refresh_token']);
      expect(retried!.query.get('access_token')).not.toBe(first!.query.get('access_token'));
      expect(json(refused!)).toEqual({ caller: '1000', callee: '4155550199', auto_answer: 'yes' });
      expect(json(retried!)).toEqual(json(refused!));
    },
  },
];

for (const c of CASES) {
  test(c.title, async ({ context, extension, pages, sim }) => {
    const settings = providerSettings(sim, c.type);
    const requests = await dialAfterTokenRevoked({ context, extension, pages }, sim, c.type, settings);
    expect(requestLines(requests)).toEqual(c.requests);
    c.check(requests);
  });
}
