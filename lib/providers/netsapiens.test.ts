import { beforeEach, describe, expect, it } from 'vitest';
import { NETSAPIENS_SIM_KEY, NETSAPIENS_SIM_OFFICE_KEY, NETSAPIENS_SIM_RESELLER_KEY } from '../../tests/sim/netsapiens';
import type { NetsapiensProvider } from './netsapiens';
import { netsapiens, netsapiensApiRoot } from './netsapiens';
import { providerFailure } from '@/tests/unit/support/provider-errors';
import { fileSimulator, simAdapter } from '@/tests/unit/support/simulator';
import { english } from '@/tests/unit/support/locale';

const sim = await fileSimulator();

let ids = 0;
const { context, settings, adapter, requests } = simAdapter(sim, netsapiens, { randomId: () => `call-${++ids}` });
const dialRequest = { number: '14155550132', autoAnswer: true };

const failure = (action: () => Promise<unknown>) => providerFailure(action, [NETSAPIENS_SIM_KEY]);

beforeEach(() => {
  ids = 0;
});

describe('netsapiens adapter against the simulator', () => {
  it('POSTs the hyphenated call request with the Bearer key and keeps the call-id', async () => {
    const outcome = await adapter().dial(dialRequest);
    expect(outcome).toEqual({ callId: 'call-1' });
    const [request, ...rest] = requests();
    expect(rest).toHaveLength(0);
    expect(request!.method).toBe('POST');
    expect(request!.path).toBe('/ns-api/v2/domains/~/users/~/calls');
    expect([...request!.query.keys()]).toEqual([]);
    expect(request!.headers.authorization).toBe(`Bearer ${NETSAPIENS_SIM_KEY}`);
    expect(request!.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request!.body)).toEqual({
      synchronous: 'no',
      'call-id': 'call-1',
      'call-term-user': '14155550132',
      'auto-answer-enabled': 'yes',
    });
  });

  it('sends call-orig-user and caller-id-number only when set, and auto-answer "no"', async () => {
    await adapter({ origination: '1000@sim.example', callerId: '8585551234' }).dial({
      number: '14155550132',
      autoAnswer: false,
    });
    expect(JSON.parse(requests()[0]!.body)).toEqual({
      synchronous: 'no',
      'call-id': 'call-1',
      'call-term-user': '14155550132',
      'auto-answer-enabled': 'no',
      'call-orig-user': '1000@sim.example',
      'caller-id-number': '8585551234',
    });
  });

  it('uses the configured domain and user, URL-encoded', async () => {
    await adapter({ domain: 'sim.example', user: '1000' }).dial(dialRequest);
    expect(requests()[0]!.path).toBe('/ns-api/v2/domains/sim.example/users/1000/calls');
    const error = await failure(() => adapter({ user: 'front desk' }).dial(dialRequest));
    expect(requests()[1]!.path).toBe('/ns-api/v2/domains/~/users/front%20desk/calls');
    expect(error.kind).toBe('not-found');
  });

  it.each(['', '/', '/ns-api/v2', '/ns-api/v2/', '/ns-api'])(
    'accepts the base URL written as root + %j',
    async (suffix) => {
      await adapter({ baseUrl: `${sim.url}${suffix}` }).dial(dialRequest);
      expect(requests()[0]!.path).toBe('/ns-api/v2/domains/~/users/~/calls');
    },
  );

  it('takes a 202 with an empty body as success', async () => {
    sim.configure('netsapiens', { acceptedBody: 'empty' });
    await expect(adapter().dial(dialRequest)).resolves.toEqual({ callId: 'call-1' });
  });

  it.each<[string, Record<string, unknown>, Partial<NetsapiensProvider>, string, number, RegExp]>([
    ['a wrong key', {}, { apiKey: 'nsu_wrong' }, 'auth', 401, /did not accept the API key: Invalid or expired token/],
    ['a read-only key', { readOnly: true }, {}, 'permission', 403, /Permission Denied/],
    ['another user', {}, { user: '1001' }, 'permission', 403, /user 1001 in the key's domain: Permission Denied/],
    ['another domain', {}, { domain: 'other.example' }, 'permission', 403, /Domain not found or access denied/],
    ['an unknown user', {}, { user: '4242' }, 'not-found', 404, /User 4242 does not exist in domain sim.example/],
    ['a rejected number', { rejectNumber: true }, {}, 'number-rejected', 400, /14155550132: Invalid call-term-user/],
  ])('reports %s', async (_name, config, overrides, kind, status, message) => {
    sim.configure('netsapiens', config);
    const error = await failure(() => adapter(overrides).dial(dialRequest));
    expect(error.kind).toBe(kind);
    expect(error.details.status).toBe(status);
    expect(error.details.step).toBe('dial');
    expect(error.message).toMatch(message);
  });

  it('never retries a failed dial', async () => {
    sim.configure('netsapiens', { rejectNumber: true });
    await failure(() => adapter().dial(dialRequest));
    expect(requests()).toHaveLength(1);
  });

  it('times out after context.timeoutMs', async () => {
    sim.configure('netsapiens', { delayMs: 600 });
    const error = await failure(() => adapter({}, { timeoutMs: 150 }).dial(dialRequest));
    expect(error.kind).toBe('timeout');
  });

  it('blanks the key should the server ever echo it', async () => {
    const stub: typeof fetch = async () =>
      new Response(JSON.stringify({ code: 401, message: `Unknown key ${NETSAPIENS_SIM_KEY}` }), { status: 401 });
    const error = await failure(() => adapter({}, { fetch: stub }).dial(dialRequest));
    expect(error.message).toContain('Unknown key [API key]');
  });

  describe('hangup', () => {
    it('DELETEs the call by the id dial returned', async () => {
      const pbx = adapter();
      const { callId } = await pbx.dial(dialRequest);
      await pbx.hangup!(callId!);
      const request = requests()[1]!;
      expect(request.method).toBe('DELETE');
      expect(request.path).toBe('/ns-api/v2/domains/~/users/~/calls/call-1');
      expect(request.headers.authorization).toBe(`Bearer ${NETSAPIENS_SIM_KEY}`);
      // The simulator no longer lists the call.
      const listed = await fetch(`${sim.url}/ns-api/v2/domains/~/users/~/calls`, {
        headers: { authorization: `Bearer ${NETSAPIENS_SIM_KEY}` },
      });
      expect(await listed.json()).toEqual([]);
    });

    it('reports a call that no longer exists', async () => {
      const error = await failure(() => adapter().hangup!('gone'));
      expect(error.kind).toBe('not-found');
      expect(error.details.step).toBe('hangup');
    });
  });

  describe('testConnection (GET /ns-api/v2/apikeys/~, the key identity)', () => {
    it('reads the identity and places no call', async () => {
      const outcome = await adapter().testConnection();
      expect(english(outcome.detail)).toMatch(/accepted the API key \(user 1000 in domain sim\.example, Basic User\)/);
      const [request, ...rest] = requests();
      expect(rest).toHaveLength(0);
      expect(request!.method).toBe('GET');
      expect(request!.path).toBe('/ns-api/v2/apikeys/~');
      expect(request!.headers.authorization).toBe(`Bearer ${NETSAPIENS_SIM_KEY}`);
    });

    it('fails for a read-only key, which cannot place calls', async () => {
      sim.configure('netsapiens', { readOnly: true });
      const error = await failure(() => adapter().testConnection());
      expect(error.kind).toBe('permission');
      expect(error.message).toMatch(/read-only/);
    });
  });
});

describe('netsapiensApiRoot', () => {
  it.each([
    ['https://portal.example.com', 'https://portal.example.com/ns-api/v2'],
    ['https://portal.example.com/', 'https://portal.example.com/ns-api/v2'],
    ['https://portal.example.com/ns-api/v2', 'https://portal.example.com/ns-api/v2'],
    ['https://portal.example.com/ns-api/v2/', 'https://portal.example.com/ns-api/v2'],
    ['https://portal.example.com/ns-api', 'https://portal.example.com/ns-api/v2'],
    ['https://voip.example.com/pbx', 'https://voip.example.com/pbx/ns-api/v2'],
  ])('%s → %s', (base, root) => {
    expect(netsapiensApiRoot(base)).toBe(root);
  });
});

describe('netsapiens simulator strictness', () => {
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${sim.url}/ns-api/v2/domains/~/users/~/calls`, {
      method: 'POST',
      headers: { authorization: `Bearer ${NETSAPIENS_SIM_KEY}`, 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('answers 202 {"code":202,"message":"Accepted"} by default', async () => {
    const response = await post({ 'call-id': 'x1', 'call-term-user': '14155550132' });
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ code: 202, message: 'Accepted' });
  });

  it('answers 200 with the call when synchronous is "yes"', async () => {
    const response = await post({ synchronous: 'yes', 'call-id': 'x2', 'call-term-user': '14155550132' });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ 'call-id': 'x2', 'call-term-user': '14155550132' });
  });

  it.each([
    ['the doc page labels instead of v2 keys', { callid: 'x', destination: '14155550132' }, 400],
    ['a missing call-id', { 'call-term-user': '14155550132' }, 400],
    [
      'auto-answer-enabled outside yes/no',
      { 'call-id': 'x', 'call-term-user': '1', 'auto-answer-enabled': 'true' },
      400,
    ],
    ['a non-JSON body', 'call-id=x', 400],
  ])('rejects %s with {code, message}', async (_name, body, status) => {
    const response = await post(body);
    expect(response.status).toBe(status);
    expect(await response.json()).toEqual({ code: status, message: expect.any(String) });
  });

  it('rejects a missing bearer with 401 {code, message}', async () => {
    const response = await fetch(`${sim.url}/ns-api/v2/apikeys/~`);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ code: 401, message: expect.any(String) });
  });
});

describe('netsapiens key types: "~" is only the own domain and user of a basic-user (nsu_) key', () => {
  const office = (overrides: Partial<NetsapiensProvider> = {}) =>
    settings({ apiKey: NETSAPIENS_SIM_OFFICE_KEY, ...overrides });
  const reseller = (overrides: Partial<NetsapiensProvider> = {}) =>
    settings({ apiKey: NETSAPIENS_SIM_RESELLER_KEY, ...overrides });
  const dial = { number: '14155550132', autoAnswer: true };

  it.each([
    ['office-manager (nsd_)', office],
    ['reseller (nsr_)', reseller],
  ])('a %s key with "~": Test connection fails and says to enter the domain and user', async (_n, make) => {
    const error = await providerFailure(netsapiens.create(make(), context()).testConnection(), [
      NETSAPIENS_SIM_OFFICE_KEY,
      NETSAPIENS_SIM_RESELLER_KEY,
    ]);
    expect(error.kind).toBe('not-found');
    expect(error.message).toMatch(/has no .* of its own, so "~" cannot stand for one: enter the domain and the user/);
  });

  it.each([
    ['office-manager (nsd_)', office],
    ['reseller (nsr_)', reseller],
  ])('a %s key with "~" is not dialled at all (it would only fail)', async (_n, make) => {
    const error = await providerFailure(netsapiens.create(make(), context()).dial(dial));
    expect(error.kind).toBe('not-found');
    expect(sim.requestsFor('netsapiens').filter((r) => r.method === 'POST')).toHaveLength(0);
  });

  it.each([
    ['office-manager (nsd_)', office],
    ['reseller (nsr_)', reseller],
  ])('a %s key with domain and user: dials as that user, sending call-orig-user', async (_n, make) => {
    const named = make({ domain: 'sim.example', user: '1001' });
    const adapter = netsapiens.create(named, context({ randomId: () => 'c-1' }));
    const test = await adapter.testConnection();
    expect(english(test.detail)).toMatch(/calls as user 1001 in domain sim\.example/);
    await adapter.dial(dial);
    const post = sim.requestsFor('netsapiens').find((r) => r.method === 'POST')!;
    expect(post.path).toBe('/ns-api/v2/domains/sim.example/users/1001/calls');
    expect(JSON.parse(post.body)['call-orig-user']).toBe('1001@sim.example');
  });

  it('the simulator refuses "~" for a key without a user, and a call without call-orig-user', async () => {
    const headers = { authorization: `Bearer ${NETSAPIENS_SIM_OFFICE_KEY}`, 'content-type': 'application/json' };
    const body = JSON.stringify({ synchronous: 'no', 'call-id': 'x1', 'call-term-user': '14155550132' });
    const tilde = await fetch(`${sim.url}/ns-api/v2/domains/~/users/~/calls`, { method: 'POST', headers, body });
    expect(tilde.status).toBe(404);
    const named = await fetch(`${sim.url}/ns-api/v2/domains/sim.example/users/1001/calls`, {
      method: 'POST',
      headers,
      body,
    });
    expect(named.status).toBe(400);
    expect(((await named.json()) as { message: string }).message).toMatch(/call-orig-user is required/);
  });
});
