import { describe, expect, it } from 'vitest';
import { YEASTAR_P_SIM_CLIENT_ID, YEASTAR_P_SIM_CLIENT_SECRET } from '../../tests/sim/yeastar-p';
import { PROVIDER_NUMBER_FORMATS } from '../settings/schema';
import type { YeastarPProvider } from './yeastar-p';
import {
  describeYeastarPError,
  forgetYeastarPSessions,
  YEASTAR_P_SESSION_KEY,
  yeastarP,
  yeastarPApiRoot,
} from './yeastar-p';
import { memorySessionArea } from './types';
import { providerFailure, visibleText } from '@/tests/unit/support/provider-errors';
import { fileSimulator, simAdapter } from '@/tests/unit/support/simulator';
import { english } from '@/tests/unit/support/locale';

const sim = await fileSimulator(forgetYeastarPSessions);

const MINUTE = 60_000;
const { context, settings, adapter, requests } = simAdapter(sim, yeastarP);
const dialRequest = { number: '4155550132', autoAnswer: true };

const endpoints = () => requests().map((r) => `${r.method} ${r.path.replace('/openapi/v1.0/', '')}`);
const bodyOf = (i: number) => JSON.parse(requests()[i]!.body) as Record<string, string>;
const tokensSeen = () =>
  requests().flatMap((r) => {
    const out: string[] = [];
    const token = r.query.get('access_token');
    if (token) out.push(token);
    return out;
  });

async function failure(action: () => Promise<unknown>) {
  const error = await providerFailure(action, [YEASTAR_P_SIM_CLIENT_ID, YEASTAR_P_SIM_CLIENT_SECRET]);
  const shown = visibleText(error);
  for (const token of tokensSeen()) expect(shown).not.toContain(token);
  return error;
}

describe('yeastar-p adapter against the simulator', () => {
  it('gets a token with the Client ID and Secret in the JSON body, then dials with it', async () => {
    const outcome = await adapter().dial(dialRequest);
    expect(endpoints()).toEqual(['POST get_token', 'POST call/dial']);
    const [login, dial] = requests();
    expect(login!.headers['content-type']).toBe('application/json');
    expect([...login!.query.keys()]).toEqual([]);
    expect(bodyOf(0)).toEqual({ username: YEASTAR_P_SIM_CLIENT_ID, password: YEASTAR_P_SIM_CLIENT_SECRET });
    expect([...dial!.query.keys()]).toEqual(['access_token']);
    expect(dial!.query.get('access_token')).toMatch(/^[0-9a-f]{32}$/);
    expect(bodyOf(1)).toEqual({ caller: '1000', callee: '4155550132', auto_answer: 'yes' });
    expect(outcome.callId).toMatch(/^\d+\.1$/);
  });

  it('auto-answer off sends auto_answer "no"; a dial permission is sent as dial_permission', async () => {
    await adapter({ dialPermission: '2002' }).dial({ ...dialRequest, autoAnswer: false });
    expect(bodyOf(1)).toEqual({ caller: '1000', callee: '4155550132', auto_answer: 'no', dial_permission: '2002' });
  });

  it('accepts the address with /openapi/v1.0 already on it', () => {
    expect(yeastarPApiRoot('https://pbx:8088/openapi/v1.0/')).toBe('https://pbx:8088/openapi/v1.0');
    expect(yeastarPApiRoot('https://pbx:8088/')).toBe('https://pbx:8088/openapi/v1.0');
  });

  it('keeps the tokens in the session area, so a new adapter (service worker restart) dials without a login', async () => {
    const session = memorySessionArea();
    await adapter({}, { session }).dial(dialRequest);
    const kept = session.data.get(YEASTAR_P_SESSION_KEY) as Record<string, unknown>;
    expect(kept.accessToken).toMatch(/^[0-9a-f]{32}$/);
    expect(kept.refreshToken).toMatch(/^[0-9a-f]{32}$/);
    // get_token's access_token_expire_time (1800 s) from when it arrived.
    expect(kept.accessExpiresAt as number).toBeLessThanOrEqual(sim.clock.now() + 1800_000);
    expect(kept.accessExpiresAt as number).toBeGreaterThan(sim.clock.now() + 1800_000 - 5000);
    expect(kept.refreshExpiresAt as number).toBeGreaterThan(sim.clock.now() + 86_400_000 - 5000);
    // Neither the Client ID nor the Secret is stored.
    expect(JSON.stringify(kept)).not.toContain(YEASTAR_P_SIM_CLIENT_SECRET);
    expect(JSON.stringify(kept)).not.toContain(YEASTAR_P_SIM_CLIENT_ID);
    await adapter({}, { session }).dial(dialRequest);
    expect(endpoints()).toEqual(['POST get_token', 'POST call/dial', 'POST call/dial']);
  });

  it('renews with the refresh token a minute before the access token expires, without a dial in between', async () => {
    const yp = adapter();
    await yp.dial(dialRequest);
    sim.clock.advance(29 * MINUTE + 1000);
    await yp.dial(dialRequest);
    expect(endpoints()).toEqual(['POST get_token', 'POST call/dial', 'POST refresh_token', 'POST call/dial']);
    expect(Object.keys(bodyOf(2))).toEqual(['refresh_token']);
    expect(requests()[3]!.query.get('access_token')).not.toBe(requests()[1]!.query.get('access_token'));
  });

  it('after the refresh token expired too, logs in again with get_token', async () => {
    const yp = adapter();
    await yp.dial(dialRequest);
    sim.clock.advance(24 * 60 * MINUTE);
    await yp.dial(dialRequest);
    expect(endpoints()).toEqual(['POST get_token', 'POST call/dial', 'POST get_token', 'POST call/dial']);
  });

  it('a kept token the PBX calls expired (10004) is renewed once and the dial sent once more', async () => {
    const yp = adapter();
    await yp.dial(dialRequest);
    sim.configure('yeastar-p', { revokeTokens: true });
    const outcome = await yp.dial(dialRequest);
    expect(endpoints()).toEqual([
      'POST get_token',
      'POST call/dial',
      'POST call/dial',
      'POST refresh_token',
      'POST call/dial',
    ]);
    expect(outcome.callId).toMatch(/\.2$/);
  });

  it('a fresh token refused with 10004 is not renewed again: "auth", one dial', async () => {
    // Every token is forgotten right after it is issued: the first dial with it is refused.
    const original = globalThis.fetch;
    const fetchRevoking: typeof fetch = async (input, init) => {
      const response = await original(input, init);
      if (String(input).endsWith('/get_token')) sim.configure('yeastar-p', { revokeTokens: true });
      return response;
    };
    const error = await failure(() => yeastarP.create(settings(), context({ fetch: fetchRevoking })).dial(dialRequest));
    expect(error.kind).toBe('auth');
    expect(endpoints()).toEqual(['POST get_token', 'POST call/dial']);
  });

  it('a wrong Client Secret is "auth", pauses further logins until Test connection', async () => {
    const wrong = { clientSecret: 'Wrong-Secret-Yeastar-P-1234' };
    const first = await failure(() => adapter(wrong).dial(dialRequest));
    expect(first.kind).toBe('auth');
    expect(first.message).toMatch(/Client ID or Client Secret/);
    expect(first.details.providerMessage).toBe('errcode -1 FAILURE');
    const second = await failure(() => adapter(wrong).dial(dialRequest));
    expect(second.kind).toBe('auth');
    expect(second.message).toMatch(/^Not dialled/);
    expect(endpoints()).toEqual(['POST get_token']);
    // Test connection tries again (and fails again); the right secret works at once.
    await failure(() => adapter(wrong).testConnection());
    expect(endpoints()).toEqual(['POST get_token', 'POST get_token']);
    await adapter().dial(dialRequest);
    expect(endpoints().slice(2)).toEqual(['POST get_token', 'POST call/dial']);
  });

  it('test connection gets a token and places no call; a kept token is given back first (del_token)', async () => {
    const session = memorySessionArea();
    await adapter({}, { session }).dial(dialRequest);
    const outcome = await adapter({}, { session }).testConnection();
    expect(english(outcome.detail)).toMatch(/accepted the Client ID/);
    expect(endpoints()).toEqual(['POST get_token', 'POST call/dial', 'GET del_token', 'POST get_token']);
    expect(requests()[2]!.body).toBe('');
  });

  it.each([
    [{ accessDenied: true }, 'permission', /ACCESS DENIED/],
    [{ actionForbidden: true }, 'permission', /ACTION FORBIDDEN/],
    [{ rejectCallee: true }, 'number-rejected', /refused the number 4155550132/],
    [{ internalError: true }, 'unexpected', /internal server error/],
  ] as const)('%o on the dial → %s, never retried', async (configure, kind, message) => {
    sim.configure('yeastar-p', configure);
    const error = await failure(() => adapter().dial(dialRequest));
    expect(error.kind).toBe(kind);
    expect(error.message).toMatch(message);
    expect(error.details.status).toBe(200);
    expect(endpoints()).toEqual(['POST get_token', 'POST call/dial']);
  });

  it('an IP block (70004) is "locked" and pauses further logins', async () => {
    sim.configure('yeastar-p', { ipBlocked: true });
    const error = await failure(() => adapter().dial(dialRequest));
    expect(error.kind).toBe('locked');
    const again = await failure(() => adapter().dial(dialRequest));
    expect(again.kind).toBe('locked');
    expect(endpoints()).toEqual(['POST get_token']);
  });

  it('an unknown caller extension or dial permission is "not-found"', async () => {
    expect((await failure(() => adapter({ extension: '1999' }).dial(dialRequest))).kind).toBe('not-found');
    expect((await failure(() => adapter({ dialPermission: '3999' }).dial(dialRequest))).kind).toBe('not-found');
  });

  it('a "+" in the callee matches no outbound route: "number-rejected"', async () => {
    const error = await failure(() => adapter().dial({ number: '+14155550132', autoAnswer: true }));
    expect(error.kind).toBe('number-rejected');
  });

  it('an address that is no P-Series API (HTML, other JSON) is "unexpected", naming no secret', async () => {
    const html: typeof fetch = async () =>
      new Response('<!doctype html><html>login</html>', { status: 200, headers: { 'content-type': 'text/html' } });
    expect((await failure(() => adapter({}, { fetch: html }).dial(dialRequest))).kind).toBe('unexpected');
    const other: typeof fetch = async () =>
      new Response(JSON.stringify({ status: 'Failed', errno: '10003' }), { status: 200 });
    expect((await failure(() => adapter({}, { fetch: other }).dial(dialRequest))).message).toMatch(
      /does not answer like a Yeastar P-Series API/,
    );
  });

  it('uses the number format the docs ask for', () => {
    expect(PROVIDER_NUMBER_FORMATS['yeastar-p']).toBe('dialable');
  });
});

describe('describeYeastarPError maps every documented errcode to its own kind', () => {
  const s = { ...({} as YeastarPProvider), extension: '1000', dialPermission: '' };
  it.each([
    [-2, 'unexpected'],
    [-1, 'unexpected'],
    [10001, 'not-found'],
    [10002, 'unexpected'],
    [10003, 'unexpected'],
    [10004, 'auth'],
    [10005, 'permission'],
    [40001, 'unexpected'],
    [60001, 'not-found'],
    [60002, 'rate-limited'],
    [70004, 'locked'],
    [70082, 'rate-limited'],
    [70084, 'permission'],
  ] as const)('%i → %s', (code, kind) => {
    const [got, message] = describeYeastarPError(code, {}, s);
    expect(got).toBe(kind);
    expect(message).toMatch(code === -1 ? /FAILURE/ : new RegExp(String(code === 10004 ? 10004 : code)));
  });
  it('-1 naming "username or password" is "auth"', () => {
    expect(describeYeastarPError(-1, { invalid_param_list: [{ field: 'username or password' }] }, s)[0]).toBe('auth');
  });
  it('40002 is told apart by the field it names', () => {
    const at = (field: string) => describeYeastarPError(40002, { invalid_param_list: [{ field }] }, s)[0];
    expect(at('callee')).toBe('number-rejected');
    expect(at('caller')).toBe('not-found');
    expect(at('dial_permission')).toBe('not-found');
    expect(at('name')).toBe('unexpected');
  });
});
