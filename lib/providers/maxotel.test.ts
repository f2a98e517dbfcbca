import { describe, expect, it } from 'vitest';
import { MAXOTEL_SIM_KEY } from '../../tests/sim/maxotel';
import { maxotel } from './maxotel';
import { providerFailure } from '@/tests/unit/support/provider-errors';
import { closedPort, fileSimulator, simAdapter } from '@/tests/unit/support/simulator';
import { english } from '@/tests/unit/support/locale';

const sim = await fileSimulator();

const { adapter } = simAdapter(sim, maxotel);

const failure = (action: () => Promise<unknown>) => providerFailure(action, [MAXOTEL_SIM_KEY]);

describe('maxotel adapter against the simulator', () => {
  it('POSTs calls/initiate as a form with the key in the body, never in the URL', async () => {
    await expect(adapter().dial({ number: '61299998888', autoAnswer: true })).resolves.toEqual({});
    const [request, ...rest] = sim.requestsFor('maxotel');
    expect(rest).toHaveLength(0);
    expect(request!.method).toBe('POST');
    expect(request!.path).toBe('/calls/initiate/');
    expect([...request!.query.keys()]).toEqual([]);
    expect(request!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(request!.body))).toEqual({
      key: MAXOTEL_SIM_KEY,
      origin: '101',
      destination: '61299998888',
      autoAnswer: '1',
    });
  });

  it('sends autoAnswer=0 when auto-answer is off', async () => {
    await adapter().dial({ number: '61299998888', autoAnswer: false });
    expect(new URLSearchParams(sim.requestsFor('maxotel')[0]!.body).get('autoAnswer')).toBe('0');
  });

  it('works with a base URL without the trailing slash (white-label hosts)', async () => {
    await adapter({ baseUrl: sim.url }).dial({ number: '61299998888', autoAnswer: true });
    expect(sim.requestsFor('maxotel')[0]!.path).toBe('/calls/initiate/');
  });

  it("reports a wrong key as an auth error, in MaxoTel's own words", async () => {
    const error = await failure(() =>
      adapter({ apiKey: 'wrong-key' }).dial({ number: '61299998888', autoAnswer: true }),
    );
    expect(error.kind).toBe('auth');
    expect(error.details.status).toBe(401);
    expect(error.details.providerMessage).toBe('UNAUTHORISED: Invalid API key');
    expect(error.details.step).toBe('dial');
    expect(error.message).toMatch(/did not accept the API key: Invalid API key/);
    expect(error.message).not.toContain('wrong-key');
  });

  it('reports a key without the Click to Call permission', async () => {
    sim.configure('maxotel', { clickToCallPermission: false });
    const error = await failure(() => adapter().dial({ number: '61299998888', autoAnswer: true }));
    expect(error.kind).toBe('permission');
    expect(error.details.status).toBe(403);
    expect(error.message).toMatch(/Account Functions \/ Click to Call/);
  });

  it.each([200, 400, 409, 503])('reports an unregistered extension (UNAVAILABLE with HTTP %i)', async (status) => {
    sim.configure('maxotel', { extensionOnline: false, unavailableStatus: status });
    const error = await failure(() => adapter().dial({ number: '61299998888', autoAnswer: true }));
    expect(error.kind).toBe('extension-unavailable');
    expect(error.details.status).toBe(status);
    expect(error.details.providerMessage).toBe(
      'UNAVAILABLE: The extension is not currently available (not registered)',
    );
    expect(error.message).toContain('extension 101: The extension is not currently available (not registered)');
  });

  it('reports an extension that is not on the account as unavailable', async () => {
    const error = await failure(() => adapter({ extension: '999' }).dial({ number: '61299998888', autoAnswer: true }));
    expect(error.kind).toBe('extension-unavailable');
    expect(error.message).toContain('extension 999');
  });

  it('reports a rejected number (400)', async () => {
    sim.configure('maxotel', { rejectNumber: true });
    const error = await failure(() => adapter().dial({ number: '61299998888', autoAnswer: true }));
    expect(error.kind).toBe('number-rejected');
    expect(error.details.status).toBe(400);
    expect(error.message).toContain('61299998888: The destination number is not valid');
  });

  it('reports a wrong API address (404 invalid method)', async () => {
    const error = await failure(() =>
      adapter({ baseUrl: `${sim.url}/calls/` }).dial({ number: '61299998888', autoAnswer: true }),
    );
    expect(error.kind).toBe('not-found');
    expect(error.details.status).toBe(404);
    expect(error.message).toMatch(/No MaxoTel API at this address/);
  });

  it('never retries a failed dial', async () => {
    sim.configure('maxotel', { extensionOnline: false });
    await failure(() => adapter().dial({ number: '61299998888', autoAnswer: true }));
    expect(sim.requestsFor('maxotel')).toHaveLength(1);
  });

  it('times out after context.timeoutMs', async () => {
    sim.configure('maxotel', { delayMs: 600 });
    const started = Date.now();
    const error = await failure(() =>
      adapter({}, { timeoutMs: 150 }).dial({ number: '61299998888', autoAnswer: true }),
    );
    expect(error.kind).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(550);
    expect(sim.requestsFor('maxotel')).toHaveLength(1);
  });

  it('reports an unreachable host', async () => {
    const port = await closedPort();
    const error = await failure(() =>
      adapter({ baseUrl: `http://127.0.0.1:${port}/` }).dial({ number: '61299998888', autoAnswer: true }),
    );
    expect(error.kind).toBe('unreachable');
    expect(error.message).toContain(`127.0.0.1:${port}`);
  });

  it('treats a 200 without callstatus "queued" as an unexpected answer', async () => {
    const fetchStub: typeof fetch = async () =>
      new Response('{"status":1,"request":"calls\\/initiate","callstatus":"failed"}', { status: 200 });
    const error = await failure(() =>
      adapter({}, { fetch: fetchStub }).dial({ number: '61299998888', autoAnswer: true }),
    );
    expect(error.kind).toBe('unexpected');
  });

  it('blanks the key should MaxoTel ever echo it in an error', async () => {
    const fetchStub: typeof fetch = async () =>
      new Response(JSON.stringify({ status: 0, error: 'UNAUTHORISED', reason: `Unknown key ${MAXOTEL_SIM_KEY}` }), {
        status: 401,
      });
    const error = await failure(() =>
      adapter({}, { fetch: fetchStub }).dial({ number: '61299998888', autoAnswer: true }),
    );
    expect(error.message).toContain('Unknown key [API key]');
  });

  describe('testConnection (calls/list: checks the key, not the Click to Call permission)', () => {
    it('asks calls/list for one record of the last minute, key in the body', async () => {
      const outcome = await adapter().testConnection();
      expect(english(outcome.detail)).toMatch(/accepted the API key/);
      expect(english(outcome.detail)).toMatch(/no way to check the Click to Call permission/);
      const [request] = sim.requestsFor('maxotel');
      expect(request!.method).toBe('POST');
      expect(request!.path).toBe('/calls/list/');
      expect([...request!.query.keys()]).toEqual([]);
      const params = Object.fromEntries(new URLSearchParams(request!.body));
      const end = Math.floor(sim.clock.now() / 1000);
      expect(params).toMatchObject({ key: MAXOTEL_SIM_KEY, outputFormat: 'json', limit: '1' });
      expect(Number(params.endTime) - Number(params.startTime)).toBe(60);
      expect(Math.abs(Number(params.endTime) - end)).toBeLessThanOrEqual(2);
    });

    it('passes a key that lacks only the Call History permission (403 proves the key is known)', async () => {
      sim.configure('maxotel', { callHistoryPermission: false });
      expect(english((await adapter().testConnection()).detail)).toMatch(/recognised the API key/);
    });

    it('takes any 200 as proof of the key, even a CSV body', async () => {
      const csv: typeof fetch = async () => new Response('', { status: 200, headers: { 'content-type': 'text/csv' } });
      await expect(adapter({}, { fetch: csv }).testConnection()).resolves.toHaveProperty('detail');
      const refused: typeof fetch = async () => new Response('{"status":0,"error":"X"}', { status: 200 });
      expect((await failure(() => adapter({}, { fetch: refused }).testConnection())).kind).toBe('unexpected');
    });

    it('places no call', async () => {
      await adapter().testConnection();
      expect(sim.requestsFor('maxotel').every((r) => !r.path.includes('initiate'))).toBe(true);
    });
  });
});

describe('maxotel simulator strictness', () => {
  const call = (path: string, init?: RequestInit) => fetch(`${sim.url}${path}`, init);

  it('answers success with the documented escaped slash', async () => {
    const query = new URLSearchParams({
      key: MAXOTEL_SIM_KEY,
      origin: '101',
      destination: '0299998888',
      autoAnswer: '1',
    });
    const response = await call(`/calls/initiate/?${query}`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('{"status":1,"request":"calls\\/initiate","callstatus":"queued"}');
  });

  it('accepts a JSON body', async () => {
    const response = await call('/calls/initiate', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ key: MAXOTEL_SIM_KEY, origin: '101', destination: '0299998888' }),
    });
    expect(response.status).toBe(200);
  });

  it.each([
    ['a missing destination', { origin: '101' }, 400],
    [
      'an unknown parameter (autoanswer in lower case)',
      { origin: '101', destination: '0299998888', autoanswer: '1' },
      400,
    ],
    ['autoAnswer outside 0/1', { origin: '101', destination: '0299998888', autoAnswer: 'yes' }, 400],
  ])('rejects %s', async (_name, params, status) => {
    const body = new URLSearchParams({ key: MAXOTEL_SIM_KEY, ...params } as Record<string, string>);
    const response = await call('/calls/initiate/', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    expect(response.status).toBe(status);
    expect(await response.json()).toMatchObject({ status: 0, request: 'calls/initiate', error: 'BAD_REQUEST' });
  });

  it('rejects other methods and endpoints with 404 invalid method', async () => {
    expect((await call('/calls/initiate/', { method: 'PUT' })).status).toBe(404);
    expect((await call(`/calls/hangup/?key=${MAXOTEL_SIM_KEY}`)).status).toBe(404);
  });
});
