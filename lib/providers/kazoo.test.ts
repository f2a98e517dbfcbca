import { beforeEach, describe, expect, it } from 'vitest';
import { providerFailure as failure, visibleText as visible } from '@/tests/unit/support/provider-errors';
import { KAZOO_CONNECT_PATH as connectPath, kazooHarness } from '@/tests/unit/support/kazoo-harness';
import { parseSettings } from '@/lib/settings/validate';
import { KAZOO_SIM, kazooNormalize, kazooUrlencode } from '@/tests/sim/kazoo';
import { kazoo, KAZOO_TOKEN_LIFETIME_MS } from './kazoo';
import { english } from '@/tests/unit/support/locale';

const h = kazooHarness();
const { context, settings, noKey, kazooRequests, connects, logins, step } = h;

describe('kazoo dial without a token (auth_required=false)', () => {
  beforeEach(() => h.sim.configure('kazoo', { authRequired: false }));

  it('sends exactly the documented GET connect with contact and auto_answer, and no token', async () => {
    const outcome = await kazoo.create(noKey(), context()).dial({ number: '+14155550132', autoAnswer: true });
    expect(kazooRequests()).toHaveLength(1);
    const [request] = kazooRequests();
    expect(request!.method).toBe('GET');
    expect(request!.path).toBe(connectPath);
    expect([...request!.query.keys()].sort()).toEqual(['auto_answer', 'contact']);
    expect(request!.query.get('contact')).toBe('14155550132');
    expect(request!.query.get('auto_answer')).toBe('true');
    expect(request!.headers['x-auth-token']).toBeUndefined();
    expect(request!.body).toBe('');
    // Kazoo's outbound_call_id is "c2c-{click-to-call id}-…": the id is a credential, so no call id is returned.
    expect(outcome).toEqual({});
    expect(JSON.stringify(outcome)).not.toContain(KAZOO_SIM.clickToCallId);
  });

  it('sends the contact as digits with the country code and no "+", which Kazoo normalises to E.164', async () => {
    // cb_clicktocall URL-encodes the contact before normalising it: a "+" would become "%2B", match none of the
    // E.164 converters and be dialled literally. The simulator does exactly that (kazooNormalize).
    for (const number of ['+14155550132', '+442079460958', '14155550132']) {
      await kazoo.create(noKey(), context()).dial({ number, autoAnswer: true });
    }
    expect(connects().map((r) => r.query.get('contact'))).toEqual(['14155550132', '442079460958', '14155550132']);
    await new Promise((r) => setTimeout(r, 400));
    const history = (await h.simHistory()).map((item) => item.contact);
    expect(history).toEqual(['+14155550132', '+442079460958', '+14155550132']);
  });

  it('sends auto_answer=false when the user turned auto-answer off', async () => {
    await kazoo.create(noKey(), context()).dial({ number: '4155550132', autoAnswer: false });
    expect(connects()[0]!.query.get('auto_answer')).toBe('false');
  });

  it('accepts 200 as well as the documented 202', async () => {
    h.sim.configure('kazoo', { connectStatus: 200 });
    const outcome = await kazoo.create(noKey(), context()).dial({ number: '+14155550132', autoAnswer: true });
    expect(outcome).toEqual({});
  });

  it('a whitelist mismatch is number-rejected and names the number', async () => {
    h.sim.configure('kazoo', { whitelist: ['^\\+1'] });
    const error = await failure(kazoo.create(noKey(), context()).dial({ number: '+442079460958', autoAnswer: true }));
    expect(error.kind).toBe('number-rejected');
    expect(error.message).toContain('+442079460958');
    expect(error.message).toContain('whitelist');
    expect(error.details.status).toBe(400);
    expect(error.details.providerMessage).toContain("Contact doesn't match whitelist");
    expect(connects()).toHaveLength(1);
  });

  it('a locked (expired) account is "locked"', async () => {
    h.sim.configure('kazoo', { accountLocked: true });
    const error = await failure(kazoo.create(noKey(), context()).dial({ number: '+14155550132', autoAnswer: true }));
    expect(error.kind).toBe('locked');
    expect(error.details.status).toBe(423);
  });

  it('429 is rate-limited and the dial is not repeated', async () => {
    h.sim.configure('kazoo', { rateLimited: true });
    const error = await failure(kazoo.create(noKey(), context()).dial({ number: '+14155550132', autoAnswer: true }));
    expect(error.kind).toBe('rate-limited');
    expect(connects()).toHaveLength(1);
  });
});

describe('kazoo dial that needs a token', () => {
  it('without a key, a 401 tells the user to add the API key (or check the ids), once', async () => {
    const error = await failure(kazoo.create(noKey(), context()).dial({ number: '+14155550132', autoAnswer: true }));
    expect(error.kind).toBe('auth');
    expect(error.message).toMatch(/API key/);
    expect(error.message).toMatch(/click-to-call id/);
    expect(error.details.status).toBe(401);
    expect(kazooRequests()).toHaveLength(1);
  });

  it('logs in with PUT /v2/api_auth and sends the token as X-Auth-Token', async () => {
    const outcome = await kazoo.create(settings(), context()).dial({ number: '+14155550132', autoAnswer: true });
    expect(outcome).toEqual({});
    const [login, connect] = kazooRequests();
    expect(login!.method).toBe('PUT');
    expect(login!.path).toBe('/v2/api_auth');
    expect(login!.headers['content-type']).toContain('application/json');
    expect(JSON.parse(login!.body)).toEqual({ data: { api_key: KAZOO_SIM.apiKey } });
    expect(connect!.path).toBe(connectPath);
    expect(connect!.headers['x-auth-token']).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    // Then the click-to-call's history, where the originate's result appears.
    expect(kazooRequests().map((r) => `${r.method} ${r.path}`)).toEqual([
      'PUT /v2/api_auth',
      `GET ${connectPath}`,
      `GET ${connectPath.replace(/connect$/, 'history')}`,
    ]);
  });

  it('reuses the cached token across adapters (one login for two dials)', async () => {
    await kazoo.create(settings(), context()).dial({ number: '+14155550132', autoAnswer: true });
    await kazoo.create(settings(), context()).dial({ number: '+14155550133', autoAnswer: true });
    expect(logins()).toHaveLength(1);
    expect(connects()).toHaveLength(2);
    expect(connects()[1]!.headers['x-auth-token']).toBe(connects()[0]!.headers['x-auth-token']);
  });

  it('a token the PBX expired (3600 s on its clock) is renewed once and the dial retried once', async () => {
    await kazoo.create(settings(), context()).dial({ number: '+14155550132', autoAnswer: true });
    const firstToken = connects()[0]!.headers['x-auth-token'];
    // The PBX's clock moves past the token's expiry; the adapter's does not, so it still trusts its cache.
    h.sim.clock.advance(3601_000);
    h.adapterOffset = -3601_000;
    const outcome = await kazoo.create(settings(), context()).dial({ number: '+14155550134', autoAnswer: true });
    expect(outcome).toEqual({});
    const paths = kazooRequests().map(step);
    expect(paths).toEqual(['login', 'connect', 'history', 'connect', 'login', 'connect', 'history']);
    expect(connects()[1]!.headers['x-auth-token']).toBe(firstToken);
    expect(connects()[2]!.headers['x-auth-token']).not.toBe(firstToken);
  });

  it('renews ahead of time when its own clock says the token is about to expire', async () => {
    await kazoo.create(settings(), context()).dial({ number: '+14155550132', autoAnswer: true });
    h.adapterOffset = KAZOO_TOKEN_LIFETIME_MS - 30_000;
    await kazoo.create(settings(), context()).dial({ number: '+14155550133', autoAnswer: true });
    const paths = kazooRequests().map(step);
    expect(paths).toEqual(['login', 'connect', 'history', 'login', 'connect', 'history']);
  });

  it('renews only once: a second 401 is reported, with no third connect', async () => {
    await kazoo.create(settings(), context()).dial({ number: '+14155550132', autoAnswer: true });
    // The cached token expires on the PBX, and the PBX now issues tokens that are dead on arrival.
    h.sim.configure('kazoo', { tokenTtlSeconds: 0 });
    h.sim.clock.advance(3601_000);
    h.adapterOffset = -3601_000;
    const error = await failure(kazoo.create(settings(), context()).dial({ number: '+14155550133', autoAnswer: true }));
    expect(error.kind).toBe('auth');
    expect(logins()).toHaveLength(2);
    expect(connects()).toHaveLength(3);
  });

  it('a 401 right after a fresh login is not retried', async () => {
    h.sim.configure('kazoo', { tokenTtlSeconds: 0 });
    const error = await failure(kazoo.create(settings(), context()).dial({ number: '+14155550132', autoAnswer: true }));
    expect(error.kind).toBe('auth');
    expect(logins()).toHaveLength(1);
    expect(connects()).toHaveLength(1);
  });

  it('an unknown API key is "auth", and the key appears nowhere in the error', async () => {
    const wrongKey = 'f'.repeat(64);
    const error = await failure(
      kazoo.create(settings({ apiKey: wrongKey }), context()).dial({ number: '+14155550132', autoAnswer: true }),
    );
    expect(error.kind).toBe('auth');
    expect(error.details.step).toBe('login');
    expect(error.details.status).toBe(404);
    // The simulator, like Kazoo, echoes the key in `data`: it must be taken out.
    expect(error.details.providerMessage).toContain('bad identifier');
    expect(visible(error)).not.toContain(wrongKey);
    expect(connects()).toHaveLength(0);
  });

  it('a key of the wrong length (400 validation) is "auth" too', async () => {
    const error = await failure(
      kazoo.create(settings({ apiKey: 'short-key' }), context()).dial({ number: '+14155550132', autoAnswer: true }),
    );
    expect(error.kind).toBe('auth');
    expect(error.details.status).toBe(400);
    expect(visible(error)).not.toContain('short-key');
  });

  it('an unknown click-to-call id is not-found and says it is the click-to-call id', async () => {
    const error = await failure(
      kazoo
        .create(settings({ clickToCallId: 'ffffffffffffffffffffffffffffffff' }), context())
        .dial({ number: '+14155550132', autoAnswer: true }),
    );
    expect(error.kind).toBe('not-found');
    expect(error.message).toContain('check the click-to-call id');
    // With auth_required=false the id is a credential: it is never echoed.
    expect(visible(error)).not.toContain('ffffffffffffffffffffffffffffffff');
    expect(error.details.status).toBe(404);
  });

  it('an unknown account id is not-found and says it is the account', async () => {
    const error = await failure(
      kazoo
        .create(settings({ accountId: '00000000000000000000000000000000' }), context())
        .dial({ number: '+14155550132', autoAnswer: true }),
    );
    expect(error.kind).toBe('not-found');
    expect(error.message).toContain('account with id 00000000000000000000000000000000');
  });

  it('an unexpected answer shows the envelope words, never its auth_token or the click-to-call id', async () => {
    const token = await h.simToken();
    const fake: typeof fetch = async () =>
      new Response(
        JSON.stringify({
          auth_token: token,
          data: { authorizing_id: KAZOO_SIM.clickToCallId },
          status: 'fine',
          message: 'odd',
        }),
        { status: 200, headers: { 'content-type': 'application/json' } },
      );
    const error = await failure(
      kazoo.create(noKey(), context({ fetch: fake })).dial({ number: '+14155550132', autoAnswer: true }),
    );
    expect(error.kind).toBe('unexpected');
    expect(visible(error)).not.toContain(token);
    expect(visible(error)).not.toContain(KAZOO_SIM.clickToCallId);
    expect(error.details.providerMessage).toContain('odd');
  });

  it('never leaks the key or the token into errors', async () => {
    await kazoo.create(settings(), context()).dial({ number: '+14155550132', autoAnswer: true });
    const token = connects()[0]!.headers['x-auth-token']!;
    h.sim.configure('kazoo', { whitelist: ['^\\+1'] });
    const error = await failure(
      kazoo.create(settings(), context()).dial({ number: '+442079460958', autoAnswer: true }),
    );
    expect(error.kind).toBe('number-rejected');
    expect(visible(error)).not.toContain(token);
    expect(visible(error)).not.toContain(KAZOO_SIM.apiKey);
  });
});

describe('kazoo transport failures', () => {
  it('a timeout is "timeout" and the dial is sent exactly once', async () => {
    h.sim.configure('kazoo', { authRequired: false, delayMs: 600 });
    const error = await failure(
      kazoo.create(noKey(), context({ timeoutMs: 150 })).dial({ number: '+14155550132', autoAnswer: true }),
    );
    expect(error.kind).toBe('timeout');
    await new Promise((r) => setTimeout(r, 700));
    expect(connects()).toHaveLength(1);
  });

  it('an unreachable host is "unreachable" and names the host, not the key', async () => {
    const error = await failure(
      kazoo
        .create(settings({ baseUrl: 'http://127.0.0.1:9' }), context())
        .dial({ number: '+14155550132', autoAnswer: true }),
    );
    expect(error.kind).toBe('unreachable');
    expect(error.message).toContain('127.0.0.1:9');
    expect(visible(error)).not.toContain(KAZOO_SIM.apiKey);
  });
});

describe('kazoo test connection', () => {
  it('with a key: logs in, reads the click-to-call, reports its name, extension and auth_required; no call', async () => {
    const detail = english((await kazoo.create(settings(), context()).testConnection()).detail);
    expect(detail).toContain('"Sales desk"');
    expect(detail).toContain('extension 101');
    expect(detail).toContain('auth_required is on');
    expect(kazooRequests().map((r) => `${r.method} ${r.path}`)).toEqual([
      'PUT /v2/api_auth',
      `GET /v2/accounts/${KAZOO_SIM.accountId}/clicktocall/${KAZOO_SIM.clickToCallId}`,
    ]);
  });

  it('with a key, says when the key is optional', async () => {
    h.sim.configure('kazoo', { authRequired: false });
    const detail = english((await kazoo.create(settings(), context()).testConnection()).detail);
    expect(detail).toContain('the API key is optional');
  });

  it('without a key: a contact-less connect proves the ids, and no call is placed', async () => {
    h.sim.configure('kazoo', { authRequired: false });
    const detail = english((await kazoo.create(noKey(), context()).testConnection()).detail);
    expect(detail).toContain('without a token');
    expect(connects()).toHaveLength(1);
    expect(connects()[0]!.query.has('contact')).toBe(false);
    // Read the history with a token: the probe left no call behind.
    const history = await fetch(`${h.sim.url}${connectPath.replace(/connect$/, 'history')}`, {
      headers: { 'X-Auth-Token': await h.simToken() },
    }).then((r) => r.json() as Promise<{ data: unknown[] }>);
    expect(history.data).toEqual([]);
  });

  it('without a key, when the click-to-call requires auth: "auth" with what to do', async () => {
    const error = await failure(kazoo.create(noKey(), context()).testConnection());
    expect(error.kind).toBe('auth');
    expect(error.message).toMatch(/API key/);
  });

  it('with a key and a wrong click-to-call id: not-found', async () => {
    const error = await failure(
      kazoo.create(settings({ clickToCallId: 'ffffffffffffffffffffffffffffffff' }), context()).testConnection(),
    );
    expect(error.kind).toBe('not-found');
  });
});

describe('kazoo simulator strictness', () => {
  it('answers Crossbar error envelopes with request_id, node, timestamp, version 4.3.1 and auth_token "undefined"', async () => {
    const response = await fetch(`${h.sim.url}${connectPath}?contact=1`);
    expect(response.status).toBe(401);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      auth_token: 'undefined',
      error: '401',
      message: 'invalid_credentials',
      status: 'error',
      version: '4.3.1',
      node: KAZOO_SIM.node,
    });
    expect(body.request_id).toMatch(/^[0-9a-f]{32}$/);
    expect(body.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('rejects other verbs on connect (405) and the token in a non-standard header', async () => {
    h.sim.configure('kazoo', { authRequired: false });
    expect((await fetch(`${h.sim.url}${connectPath}?contact=1`, { method: 'DELETE' })).status).toBe(405);
    h.sim.configure('kazoo', { authRequired: true });
    const token = await h.simToken();
    const bearer = await fetch(`${h.sim.url}${connectPath}?contact=1`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(bearer.status).toBe(401);
  });

  it('blocking connects answer 200 with the history item', async () => {
    h.sim.configure('kazoo', { authRequired: false });
    const response = await fetch(`${h.sim.url}${connectPath}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ data: { contact: '+14155550132', blocking: true } }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data: Record<string, unknown> };
    // cb_clicktocall URL-encodes, then normalises: a "+" survives as "%2B" and is dialled literally.
    expect(body.data).toMatchObject({ contact: '%2B14155550132', result: 'success' });
  });

  it('normalises contacts as knm_converter_regex does with the default converters', () => {
    expect(kazooNormalize(kazooUrlencode('+14155550132'))).toBe('%2B14155550132');
    expect(kazooNormalize('4155550132')).toBe('+14155550132');
    expect(kazooNormalize('14155550132')).toBe('+14155550132');
    expect(kazooNormalize('011442079460958')).toBe('+442079460958');
    expect(kazooNormalize('00442079460958')).toBe('+442079460958');
    expect(kazooNormalize('442079460958')).toBe('+442079460958');
    expect(kazooNormalize('02079460958')).toBe('02079460958');
  });
});

describe('kazoo simulator settings', () => {
  it('are a valid settings document (what `npm run sim` prints)', () => {
    const result = parseSettings(h.sim.settingsFor('kazoo'));
    expect(result.ok ? [] : result.problems).toEqual([]);
  });
});
