import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { YEASTAR_SIM_PASSWORD } from '../../tests/sim/yeastar-s';
import { PROVIDER_NUMBER_FORMATS } from '../settings/schema';
import { forgetYeastarSessions, YEASTAR_SESSION_KEY, yeastarS, type YeastarSProvider } from './yeastar-s';
import { memorySessionArea, ProviderError } from './types';
import { providerFailure, visibleText } from '@/tests/unit/support/provider-errors';
import { fileSimulator, simAdapter } from '@/tests/unit/support/simulator';
import { english } from '@/tests/unit/support/locale';

const sim = await fileSimulator(forgetYeastarSessions);

const MD5 = createHash('md5').update(YEASTAR_SIM_PASSWORD).digest('hex');
const MINUTE = 60_000;

const { context, settings, adapter, requests } = simAdapter(sim, yeastarS);
const dialRequest = { number: '4155550132', autoAnswer: true };

const endpoints = () => requests().map((r) => r.path.replace('/api/v2.0.0/', ''));
const bodyOf = (i: number) => JSON.parse(requests()[i]!.body) as Record<string, string>;

/** Runs `action`, which must fail, and returns its ProviderError after checking no secret leaked. */
async function failure(action: () => Promise<unknown>): Promise<ProviderError> {
  const error = await providerFailure(action, [YEASTAR_SIM_PASSWORD, MD5]);
  const shown = visibleText(error);
  for (const request of requests()) {
    const token = request.query.get('token');
    if (token) expect(shown).not.toContain(token);
  }
  return error;
}

describe('yeastar-s adapter against the simulator', () => {
  it('logs in with the MD5 of the password, then dials with the token', async () => {
    const outcome = await adapter().dial(dialRequest);
    expect(endpoints()).toEqual(['login', 'call/dial']);
    const [login, dial] = requests();
    expect(login!.method).toBe('POST');
    expect(login!.headers['content-type']).toBe('application/json; charset=utf-8');
    expect([...login!.query.keys()]).toEqual([]);
    expect(bodyOf(0)).toEqual({ username: 'api', password: MD5, version: '2.0.0' });
    expect(dial!.method).toBe('POST');
    expect(dial!.headers['content-type']).toBe('application/json; charset=utf-8');
    expect([...dial!.query.keys()]).toEqual(['token']);
    expect(dial!.query.get('token')).toMatch(/^[0-9a-f]{32}$/);
    expect(bodyOf(1)).toEqual({ caller: '1023', callee: '4155550132', autoanswer: 'yes' });
    expect(outcome.callId).toMatch(/^\d+\.\d+$/);
  });

  it('sends autoanswer "no" and dialpermission when set', async () => {
    await adapter({ dialPermission: '1024' }).dial({ number: '4155550132', autoAnswer: false });
    expect(bodyOf(1)).toEqual({ caller: '1023', callee: '4155550132', autoanswer: 'no', dialpermission: '1024' });
  });

  it('accepts a base URL that already ends in /api/v2.0.0', async () => {
    await adapter({ baseUrl: `${sim.url}/api/v2.0.0/` }).dial(dialRequest);
    expect(requests().map((r) => r.path)).toEqual(['/api/v2.0.0/login', '/api/v2.0.0/call/dial']);
  });

  it('reuses the token while it is alive: its 30 minutes slide with each use', async () => {
    const pbx = adapter();
    await pbx.dial(dialRequest);
    sim.clock.advance(20 * MINUTE);
    await pbx.dial(dialRequest);
    sim.clock.advance(20 * MINUTE); // 40 minutes after login, 20 after last use
    await pbx.dial(dialRequest);
    expect(endpoints()).toEqual(['login', 'call/dial', 'call/dial', 'call/dial']);
    const tokens = new Set(
      requests()
        .slice(1)
        .map((r) => r.query.get('token')),
    );
    expect(tokens.size).toBe(1);
  });

  it('logs in again before dialling when the cached token has lapsed by its own clock', async () => {
    const pbx = adapter();
    await pbx.dial(dialRequest);
    sim.clock.advance(31 * MINUTE);
    await pbx.dial(dialRequest);
    expect(endpoints()).toEqual(['login', 'call/dial', 'login', 'call/dial']);
  });

  it('re-logs in once and dials again when the PBX says the token timed out (20006)', async () => {
    // The adapter's clock stands still, so it believes its token is fresh; the PBX's clock moves on.
    const frozen = sim.clock.now();
    const pbx = adapter({}, { now: () => frozen });
    await pbx.dial(dialRequest);
    sim.clock.advance(31 * MINUTE);
    const outcome = await pbx.dial(dialRequest);
    expect(endpoints()).toEqual(['login', 'call/dial', 'call/dial', 'login', 'call/dial']);
    expect(outcome.callId).toBeTruthy();
    expect(requests()[4]!.query.get('token')).not.toBe(requests()[2]!.query.get('token'));
  });

  it('re-logs in once when the PBX no longer knows the token (20004)', async () => {
    const pbx = adapter();
    await pbx.dial(dialRequest);
    sim.configure('yeastar-s', { revokeTokens: true });
    await pbx.dial(dialRequest);
    expect(endpoints()).toEqual(['login', 'call/dial', 'call/dial', 'login', 'call/dial']);
  });

  it('gives up after one re-login: never a third dial', async () => {
    // Once switched on, every dial reaches the PBX just after its tokens were revoked.
    let revoke = false;
    const revokingFetch: typeof fetch = (input, init) => {
      if (revoke && String(input).includes('/call/dial')) sim.configure('yeastar-s', { revokeTokens: true });
      return fetch(input, init);
    };
    const pbx = yeastarS.create(settings(), context({ fetch: revokingFetch }));
    await pbx.dial(dialRequest);
    revoke = true;
    // Cached token refused → one login → dial refused again → stop.
    const error = await failure(() => pbx.dial(dialRequest));
    expect(error.kind).toBe('auth');
    expect(error.details.providerMessage).toBe('errno 20004');
    expect(endpoints()).toEqual(['login', 'call/dial', 'call/dial', 'login', 'call/dial']);
    // The token is dropped, so the next dial starts with a login; a fresh token refused is not retried.
    await failure(() => pbx.dial(dialRequest));
    expect(endpoints().slice(5)).toEqual(['login', 'call/dial']);
  });

  it('never retries a dial the PBX refused for another reason', async () => {
    const pbx = adapter();
    await pbx.dial(dialRequest);
    sim.configure('yeastar-s', { extensionBusy: true });
    await failure(() => pbx.dial(dialRequest));
    expect(endpoints()).toEqual(['login', 'call/dial', 'call/dial']);
  });

  it.each<[string, Record<string, unknown>, Partial<YeastarSProvider>, string, string, RegExp]>([
    ['wrong password', {}, { password: 'wrong' }, 'auth', '20003', /API user "api" or its password/],
    ['wrong username', {}, { username: 'nobody' }, 'auth', '20003', /API user "nobody"/],
    ['IP not allowed', { allowedIp: false }, {}, 'permission', '20015', /allowed-IP list/],
    ['unknown extension', {}, { extension: '9999' }, 'not-found', '10006', /Extension 9999 does not exist/],
    ['unknown dial permission extension', {}, { dialPermission: '8888' }, 'not-found', '10006', /1023 or 8888/],
    ['busy extension', { extensionBusy: true }, {}, 'extension-unavailable', '10008', /Extension 1023 is busy/],
    [
      'no outbound permission',
      { outboundPermission: false },
      {},
      'permission',
      '10024',
      /no permission to call outside/,
    ],
    ['number does not exist', { rejectNumber: '10011' }, {}, 'number-rejected', '10011', /4155550132 does not exist/],
    ['number fits no route', { rejectNumber: '10031' }, {}, 'number-rejected', '10031', /outbound route/],
    ['API service down', { apiServerRunning: false }, {}, 'unexpected', '30003', /API service is not working/],
  ])('reports %s', async (_name, config, overrides, kind, errno, message) => {
    sim.configure('yeastar-s', config);
    const error = await failure(() => adapter(overrides).dial(dialRequest));
    expect(error.kind).toBe(kind);
    expect(error.details.status).toBe(200);
    expect(error.details.providerMessage).toBe(`errno ${errno}`);
    expect(error.message).toMatch(message);
  });

  it('after a refused login (20003) tries no further login: five dials cost one login, and say why', async () => {
    const first = await failure(() => adapter({ password: 'wrong' }).dial(dialRequest));
    expect(first.kind).toBe('auth');
    expect(first.message).toMatch(/rejected API user "api" or its password/);
    expect(first.message).toMatch(/no further login is tried until you correct .* or press Test connection/);
    for (let i = 0; i < 4; i++) {
      const again = await failure(() => adapter({ password: 'wrong' }).dial(dialRequest));
      expect(again.kind).toBe('auth');
      expect(again.message).toMatch(/^Not dialled: the last login to the PBX was refused/);
      expect(again.message).toMatch(/Test connection/);
    }
    expect(endpoints()).toEqual(['login']);
    // The PBX never reached its lock: the right password works at once.
    await expect(adapter().dial(dialRequest)).resolves.toHaveProperty('callId');
  });

  it('a callee with "+" matches no outbound route (the doc types callee Integer): 10031 says which format to use', async () => {
    const error = await failure(() => adapter().dial({ number: '+14155550132', autoAnswer: true }));
    expect(error.kind).toBe('number-rejected');
    expect(error.details.providerMessage).toBe('errno 10031');
    expect(error.message).toMatch(/\+14155550132 does not match any outbound route/);
    expect(error.message).toMatch(/As dialled from your country/);
    expect(PROVIDER_NUMBER_FORMATS['yeastar-s']).toBe('dialable');
  });

  it('Test connection logs in again after a refused login; the pause ends when it succeeds', async () => {
    await failure(() => adapter({ password: 'wrong' }).dial(dialRequest));
    const test = await failure(() => adapter({ password: 'wrong' }).testConnection());
    expect(test.kind).toBe('auth');
    expect(endpoints()).toEqual(['login', 'login']);
    await failure(() => adapter({ password: 'wrong' }).dial(dialRequest));
    expect(endpoints()).toEqual(['login', 'login']);
  });

  it('the lock (20002), reached only by pressing Test connection, pauses logins too and says to wait', async () => {
    for (let i = 0; i < 5; i++) await failure(() => adapter({ password: 'wrong' }).testConnection());
    const locked = await failure(() => adapter().testConnection());
    expect(locked.kind).toBe('locked');
    expect(locked.message).toMatch(/Wait 10 minutes/);
    const dial = await failure(() => adapter().dial(dialRequest));
    expect(dial.kind).toBe('locked');
    expect(endpoints().filter((e) => e === 'login')).toHaveLength(6);
    expect(endpoints()).not.toContain('call/dial');
    sim.clock.advance(10 * MINUTE);
    await adapter().testConnection();
    await expect(adapter().dial(dialRequest)).resolves.toHaveProperty('callId');
  });

  it('keeps the token in the session area: a new adapter (a restarted worker) dials without a login', async () => {
    const session = memorySessionArea();
    await adapter({}, { session }).dial(dialRequest);
    await adapter({}, { session }).dial(dialRequest);
    expect(endpoints()).toEqual(['login', 'call/dial', 'call/dial']);
    const kept = session.data.get(YEASTAR_SESSION_KEY) as Record<string, unknown>;
    expect(kept.token).toBe(requests()[1]!.query.get('token'));
    // Never the password or its MD5.
    expect(JSON.stringify(kept)).not.toContain(YEASTAR_SIM_PASSWORD);
    expect(JSON.stringify(kept)).not.toContain(MD5);
  });

  it('logs the old token out when the credentials change, then logs in with the new ones', async () => {
    const session = memorySessionArea();
    await adapter({}, { session }).dial(dialRequest);
    const oldToken = requests()[1]!.query.get('token');
    await adapter({ extension: '1024' }, { session }).dial(dialRequest); // not a credential: same login
    await failure(() => adapter({ password: 'changed' }, { session }).dial(dialRequest));
    expect(endpoints()).toEqual(['login', 'call/dial', 'call/dial', 'logout', 'login']);
    expect(requests()[3]!.query.get('token')).toBe(oldToken);
    // The old token is gone on the PBX.
    const stale = await fetch(`${sim.url}/api/v2.0.0/heartbeat?token=${oldToken}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(await stale.json()).toEqual({ status: 'Failed', errno: '20004' });
  });

  it('keepAlive sends the heartbeat for a kept token, extending it; never logs in', async () => {
    await adapter().keepAlive!();
    expect(endpoints()).toEqual([]);
    await adapter().dial(dialRequest);
    await adapter().keepAlive!(); // just used: nothing to do
    sim.clock.advance(25 * MINUTE);
    await adapter().keepAlive!();
    sim.clock.advance(25 * MINUTE);
    await adapter().dial(dialRequest);
    expect(endpoints()).toEqual(['login', 'call/dial', 'heartbeat', 'call/dial']);
  });

  it('times out after context.timeoutMs', async () => {
    sim.configure('yeastar-s', { delayMs: 600 });
    const error = await failure(() => adapter({}, { timeoutMs: 150 }).dial(dialRequest));
    expect(error.kind).toBe('timeout');
    expect(error.details.step).toBe('login');
  });

  it('reports an address that does not answer like the Yeastar API', async () => {
    const error = await failure(() => adapter({ baseUrl: `${sim.url}/elsewhere` }).dial(dialRequest));
    expect(error.kind).toBe('unexpected');
    expect(error.message).toMatch(/does not answer like a Yeastar S-Series API \(HTTP 404/);
  });

  it('maps every documented errno to a kind and names it', async () => {
    const table: Record<string, string> = {
      '10002': 'unexpected',
      '10003': 'not-found',
      '10004': 'unexpected',
      '10006': 'not-found',
      '10008': 'extension-unavailable',
      '10011': 'number-rejected',
      '10012': 'number-rejected',
      '10013': 'number-rejected',
      '10014': 'number-rejected',
      '10024': 'permission',
      '10028': 'number-rejected',
      '10031': 'number-rejected',
      '20000': 'unexpected',
      '20001': 'unexpected',
      '20002': 'locked',
      '20003': 'auth',
      '20009': 'unexpected',
      '20010': 'unexpected',
      '20015': 'permission',
      '30003': 'unexpected',
      '99999': 'unexpected',
    };
    for (const [errno, kind] of Object.entries(table)) {
      // A PBX that logs in fine and then answers the dial with this errno.
      const stub: typeof fetch = async (input) =>
        new Response(
          String(input).includes('/login')
            ? '{"status":"Success","token":"0123456789abcdef0123456789abcdef","transport":"TCP"}'
            : `{"status":"Failed","errno":"${errno}"}`,
          { status: 200 },
        );
      const error = await failure(() => adapter({}, { fetch: stub }).dial(dialRequest));
      expect(error.kind, errno).toBe(kind);
      expect(error.message.length, errno).toBeGreaterThan(20);
    }
  });

  describe('testConnection (a fresh login)', () => {
    it('logs in and places no call', async () => {
      const outcome = await adapter().testConnection();
      expect(english(outcome.detail)).toMatch(/Logged in to the PBX as API user "api"/);
      expect(endpoints()).toEqual(['login']);
    });
  });
});

describe('yeastar-s simulator strictness (HTTP 200 and an errno for every failure)', () => {
  const post = (path: string, body: string, type = 'application/json') =>
    fetch(`${sim.url}/api/v2.0.0/${path}`, { method: 'POST', headers: { 'content-type': type }, body });

  it.each([
    ['GET', () => fetch(`${sim.url}/api/v2.0.0/login`), '20001'],
    ['a form body', () => post('login', 'username=api', 'application/x-www-form-urlencoded'), '20000'],
    ['malformed JSON', () => post('login', '{"username":'), '20000'],
    ['an unknown endpoint', () => post('call/hangup', '{}'), '10003'],
    ['an unknown field', () => post('login', JSON.stringify({ username: 'api', password: MD5, user: 'x' })), '10002'],
    ['a missing field', () => post('login', JSON.stringify({ username: 'api' })), '10004'],
    [
      'the plain password',
      () => post('login', JSON.stringify({ username: 'api', password: YEASTAR_SIM_PASSWORD })),
      '20003',
    ],
    ['a dial without token', () => post('call/dial', JSON.stringify({ caller: '1023', callee: '1' })), '20005'],
    [
      'a dial with an unknown token',
      () => post('call/dial?token=abc', JSON.stringify({ caller: '1023', callee: '1' })),
      '20004',
    ],
  ])('answers %s with HTTP 200 and the documented errno', async (_name, send, errno) => {
    const response = await send();
    expect(response.status).toBe(200);
    expect(response.headers.get('server')).toBe('Boa/0.94.14rc21');
    expect(await response.json()).toEqual({ status: 'Failed', errno });
  });

  it('answers a good login with a 32-hex token and the TCP transport', async () => {
    const response = await post('login', JSON.stringify({ username: 'api', password: MD5, version: '2.0.0' }));
    const body = await response.json();
    expect(body).toEqual({ status: 'Success', token: expect.stringMatching(/^[0-9a-f]{32}$/), transport: 'TCP' });
    const heartbeat = await post(`heartbeat?token=${body.token}`, '{}');
    expect(await heartbeat.json()).toEqual({ status: 'Success' });
    await post(`logout?token=${body.token}`, '{}');
    const after = await post(`heartbeat?token=${body.token}`, '{}');
    expect(await after.json()).toEqual({ status: 'Failed', errno: '20004' });
  });
});
