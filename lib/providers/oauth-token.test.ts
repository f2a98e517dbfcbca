import { describe, expect, it } from 'vitest';
import { oauthToken, type OAuthTokenOptions } from './oauth-token';
import { memorySessionArea, ProviderError, type ProviderContext } from './types';

/**
 * A token endpoint and an API behind one fake fetch: the API takes only the tokens in `valid`, where each token
 * issued goes unless `refuseNew` is set.
 */
function fakeServer(answer: (n: number) => Response) {
  let now = 0;
  let issued = 0;
  const valid = new Set<string>();
  const log: string[] = [];
  const state = { refuseNew: false };
  const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input);
    log.push(url.endsWith('/token') ? 'token' : `api ${new Headers(init?.headers).get('authorization')}`);
    if (url.endsWith('/token')) {
      const response = answer(++issued);
      const json = (await response.clone().json()) as { access_token?: string };
      if (json.access_token && !state.refuseNew) valid.add(json.access_token);
      return response;
    }
    return valid.has(new Headers(init?.headers).get('authorization') ?? '')
      ? Response.json({ ok: true })
      : new Response('{}', { status: 401 });
  }) as typeof globalThis.fetch;
  const context: ProviderContext = { fetch, now: () => now, timeoutMs: 1000, randomId: () => 'id' };
  return {
    context,
    log,
    valid,
    state,
    advance: (ms: number) => (now += ms),
  };
}

const issue = (expiresIn?: number) => (n: number) =>
  Response.json({ access_token: `tok-${n}-abcdefgh`, ...(expiresIn === undefined ? {} : { expires_in: expiresIn }) });

function tokenFor(server: ReturnType<typeof fakeServer>, overrides: Partial<OAuthTokenOptions> = {}) {
  return oauthToken({
    provider: 'Test PBX',
    context: server.context,
    area: memorySessionArea(),
    key: 'test:session',
    root: 'https://pbx.example',
    credentials: ['id', 'secret'],
    request: { method: 'POST', url: 'https://pbx.example/token', body: 'grant_type=client_credentials' },
    refused: (response) =>
      new ProviderError('auth', 'refused', { provider: 'Test PBX', status: response.status, step: 'login' }),
    notTokenEndpoint: () => 'not a token endpoint',
    defaultLifetimeS: 3600,
    ...overrides,
  });
}

const call = (server: ReturnType<typeof fakeServer>) => (bearer: string) =>
  import('../net/http').then(({ httpRequest }) =>
    httpRequest(
      server.context,
      { method: 'GET', url: 'https://pbx.example/api', headers: { authorization: bearer } },
      'Test PBX',
      'dial',
    ),
  );

describe('oauthToken', () => {
  it('gets a token once and sends with it while it is usable', async () => {
    const server = fakeServer(issue(3600));
    const token = tokenFor(server);
    expect((await token.send(call(server))).status).toBe(200);
    expect((await token.send(call(server))).status).toBe(200);
    expect(server.log).toEqual(['token', 'api tok-1-abcdefgh', 'api tok-1-abcdefgh']);
    expect([...token.tokens]).toEqual(['tok-1-abcdefgh']);
  });

  it('replaces a kept token the API refuses with 401 once; a fresh one refused is dropped, not retried', async () => {
    const server = fakeServer(issue(3600));
    const token = tokenFor(server);
    await token.send(call(server));
    server.valid.clear();
    expect((await token.send(call(server))).status).toBe(200);
    expect(server.log.slice(2)).toEqual(['api tok-1-abcdefgh', 'token', 'api tok-2-abcdefgh']);
    server.valid.clear();
    server.state.refuseNew = true;
    server.log.length = 0;
    // The kept tok-2 is refused: one new token (tok-3, refused too), then no more.
    expect((await token.send(call(server))).status).toBe(401);
    expect(server.log).toEqual(['api tok-2-abcdefgh', 'token', 'api tok-3-abcdefgh']);
    // tok-3 was dropped from the session: the next send asks for a new one first.
    server.log.length = 0;
    await token.send(call(server));
    expect(server.log[0]).toBe('token');
  });

  it('renews a minute early, or a quarter of a short lifetime early; never trusts a token beyond the maximum', async () => {
    const short = fakeServer(issue(120));
    const token = tokenFor(short);
    await token.send(call(short));
    short.advance(89_000);
    await token.send(call(short));
    short.advance(2000);
    await token.send(call(short));
    expect(short.log.filter((l) => l === 'token')).toHaveLength(2);

    const long = fakeServer(issue(86_400));
    const capped = tokenFor(long, { maxLifetimeS: 3600 });
    await capped.send(call(long));
    long.advance(59 * 60_000 + 1000);
    await capped.send(call(long));
    expect(long.log.filter((l) => l === 'token')).toHaveLength(2);
  });

  it('uses the default lifetime when the answer has no expires_in', async () => {
    const server = fakeServer(issue());
    const token = tokenFor(server, { defaultLifetimeS: 600 });
    await token.send(call(server));
    server.advance(8 * 60_000);
    await token.send(call(server));
    server.advance(60_000 + 1000);
    await token.send(call(server));
    expect(server.log.filter((l) => l === 'token')).toHaveLength(2);
  });

  it('a refused token request at Test connection is the provider\'s error at the step "test"', async () => {
    const server = fakeServer(() => new Response('{"error":"invalid_client"}', { status: 400 }));
    const error = await tokenFor(server)
      .fresh('test')
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'auth', message: 'refused', details: { status: 400, step: 'test' } });
  });

  it('a 200 without an access token is the provider\'s "not a token endpoint"', async () => {
    const server = fakeServer(() => Response.json({ hello: 'world' }));
    const error = await tokenFor(server)
      .send(call(server))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'unexpected', message: 'not a token endpoint', details: { step: 'login' } });
  });

  it('remembers a refresh token it is given, to blank it out of text', async () => {
    const server = fakeServer(() => Response.json({ access_token: 'tok-abcdefgh', refresh_token: 'ref-abcdefgh' }));
    const token = tokenFor(server);
    await token.fresh('login');
    expect([...token.tokens]).toEqual(['tok-abcdefgh', 'ref-abcdefgh']);
  });
});
