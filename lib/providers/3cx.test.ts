import { describe, expect, it } from 'vitest';
import { THREECX_SIM_CLIENT_ID, THREECX_SIM_CLIENT_SECRET } from '../../tests/sim/3cx';
import { PROVIDER_NUMBER_FORMATS } from '../settings/schema';
import type { ThreeCxProvider } from './3cx';
import { describe3cxStatus, forget3cxSessions, THREECX_SESSION_KEY, threeCx, threeCxRoot } from './3cx';
import { memorySessionArea } from './types';
import { providerFailure, visibleText } from '@/tests/unit/support/provider-errors';
import { fileSimulator, simAdapter } from '@/tests/unit/support/simulator';
import { english } from '@/tests/unit/support/locale';

const sim = await fileSimulator(forget3cxSessions);

const MINUTE = 60_000;
const { adapter, requests } = simAdapter(sim, threeCx);
const dialRequest = { number: '4155550132', autoAnswer: true };

const calls = () => requests().map((r) => `${r.method} ${r.path}`);
const bearer = (i: number) => requests()[i]!.headers.authorization?.replace(/^Bearer /, '');

async function failure(action: () => Promise<unknown>) {
  const error = await providerFailure(action, [THREECX_SIM_CLIENT_SECRET]);
  const shown = visibleText(error);
  for (const r of requests()) {
    const token = r.headers.authorization?.replace(/^Bearer /, '');
    if (token) expect(shown).not.toContain(token);
  }
  return error;
}

describe('3cx adapter against the simulator', () => {
  it('gets a token with client credentials in the form body, then makecall on the extension with Bearer', async () => {
    const outcome = await adapter().dial(dialRequest);
    expect(calls()).toEqual(['POST /connect/token', 'POST /callcontrol/100/makecall']);
    const [token, call] = requests();
    expect(token!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect([...token!.query.keys()]).toEqual([]);
    expect(Object.fromEntries(new URLSearchParams(token!.body))).toEqual({
      client_id: THREECX_SIM_CLIENT_ID,
      client_secret: THREECX_SIM_CLIENT_SECRET,
      grant_type: 'client_credentials',
    });
    expect(call!.headers.authorization).toMatch(/^Bearer [\w-]{20,}$/);
    expect(call!.headers['content-type']).toBe('application/json');
    expect([...call!.query.keys()]).toEqual([]);
    expect(JSON.parse(call!.body)).toEqual({ destination: '4155550132' });
    expect(outcome.callId).toBe('1001');
  });

  it('auto-answer off sends the very same request (the API has no auto-answer switch)', async () => {
    await adapter().dial({ ...dialRequest, autoAnswer: false });
    expect(JSON.parse(requests()[1]!.body)).toEqual({ destination: '4155550132' });
  });

  it('accepts the address with /callcontrol or /xapi/v1 on it', () => {
    expect(threeCxRoot('https://pbx.example.com/callcontrol/')).toBe('https://pbx.example.com');
    expect(threeCxRoot('https://pbx.example.com:5001/xapi/v1')).toBe('https://pbx.example.com:5001');
  });

  it('keeps the token in the session area (never the key) and reuses it across adapters', async () => {
    const session = memorySessionArea();
    await adapter({}, { session }).dial(dialRequest);
    const kept = JSON.stringify(session.data.get(THREECX_SESSION_KEY));
    expect(kept).toContain(bearer(1)!);
    expect(kept).not.toContain(THREECX_SIM_CLIENT_SECRET);
    await adapter({}, { session }).dial(dialRequest);
    expect(calls()).toEqual([
      'POST /connect/token',
      'POST /callcontrol/100/makecall',
      'POST /callcontrol/100/makecall',
    ]);
    expect(bearer(2)).toBe(bearer(1));
  });

  it('gets a new token a minute before the old one expires (expires_in seconds)', async () => {
    const tcx = adapter();
    await tcx.dial(dialRequest);
    sim.clock.advance(58 * MINUTE);
    await tcx.dial(dialRequest);
    expect(calls()).toEqual([
      'POST /connect/token',
      'POST /callcontrol/100/makecall',
      'POST /callcontrol/100/makecall',
    ]);
    sim.clock.advance(MINUTE + 1000);
    await tcx.dial(dialRequest);
    expect(calls().slice(3)).toEqual(['POST /connect/token', 'POST /callcontrol/100/makecall']);
  });

  it('a kept token answered with 401 is replaced once and the call sent once more', async () => {
    const tcx = adapter();
    await tcx.dial(dialRequest);
    sim.configure('3cx', { revokeTokens: true });
    const outcome = await tcx.dial(dialRequest);
    expect(calls()).toEqual([
      'POST /connect/token',
      'POST /callcontrol/100/makecall',
      'POST /callcontrol/100/makecall',
      'POST /connect/token',
      'POST /callcontrol/100/makecall',
    ]);
    expect(bearer(4)).not.toBe(bearer(1));
    expect(outcome.callId).toBe('1002');
  });

  it('a fresh token answered with 401 is not renewed again: "auth" after one makecall', async () => {
    const original = globalThis.fetch;
    const revoking: typeof fetch = async (input, init) => {
      const response = await original(input, init);
      if (String(input).endsWith('/connect/token')) sim.configure('3cx', { revokeTokens: true });
      return response;
    };
    const error = await failure(() => adapter({}, { fetch: revoking }).dial(dialRequest));
    expect(error.kind).toBe('auth');
    expect(calls()).toEqual(['POST /connect/token', 'POST /callcontrol/100/makecall']);
  });

  it('a wrong API key is "auth" naming Integrations → API, with the OAuth2 error, never the key', async () => {
    const error = await failure(() => adapter({ clientSecret: 'wrong-key-123456' }).dial(dialRequest));
    expect(error.kind).toBe('auth');
    expect(error.message).toMatch(/Integrations → API/);
    expect(error.details).toMatchObject({ status: 400, providerMessage: 'invalid_client', step: 'login' });
    expect(visibleText(error)).not.toContain('wrong-key-123456');
  });

  it.each([
    [{ monitored: false }, 'permission', 403, /monitors/],
    [{ rejectDestination: true }, 'number-rejected', 422, /4155550132/],
    [{ serverError: true }, 'unexpected', 500, /server error/],
    [{ rateLimited: true }, 'rate-limited', 429, /limiting/],
  ] as const)('%o → %s (HTTP %i), never retried', async (configure, kind, status, message) => {
    sim.configure('3cx', configure);
    const error = await failure(() => adapter().dial(dialRequest));
    expect(error.kind).toBe(kind);
    expect(error.details.status).toBe(status);
    expect(error.message).toMatch(message);
    expect(calls()).toEqual(['POST /connect/token', 'POST /callcontrol/100/makecall']);
  });

  it('an unknown extension is "not-found"', async () => {
    expect((await failure(() => adapter({ extension: '199' }).dial(dialRequest))).kind).toBe('not-found');
  });

  it('a 200 whose finalstatus is not Success fails with the reason, never retried', async () => {
    const fake: typeof fetch = async (input) =>
      String(input).endsWith('/connect/token')
        ? Response.json({ token_type: 'Bearer', expires_in: 3600, access_token: 'tok-abcdefghijkl' })
        : Response.json({ finalstatus: 'Failure', reason: 'DestinationBusy', reasontext: 'busy' });
    const error = await failure(() => adapter({}, { fetch: fake }).dial(dialRequest));
    expect(error.kind).toBe('unexpected');
    expect(error.message).toMatch(/Failure: DestinationBusy/);
    expect(visibleText(error)).not.toContain('tok-abcdefghijkl');
  });

  it('test connection reads the extension state with a fresh token and places no call', async () => {
    const outcome = await adapter().testConnection();
    expect(calls()).toEqual(['POST /connect/token', 'GET /callcontrol/100']);
    expect(english(outcome.detail)).toMatch(/extension 100 \(1 registered device\)/);
  });

  it('test connection names an extension the client does not monitor', async () => {
    sim.configure('3cx', { monitored: false });
    const error = await failure(() => adapter().testConnection());
    expect(error).toMatchObject({ kind: 'permission', details: { status: 403, step: 'test' } });
  });

  it('test connection with a wrong key is "auth" at the step "test"', async () => {
    const error = await failure(() => adapter({ clientSecret: 'wrong-key-123456' }).testConnection());
    expect(error).toMatchObject({ kind: 'auth', details: { step: 'test' } });
  });

  it('uses the number format of the outbound rules', () => {
    expect(PROVIDER_NUMBER_FORMATS['3cx']).toBe('dialable');
  });
});

describe('describe3cxStatus gives each status its own kind', () => {
  const s = { type: '3cx', baseUrl: '', clientId: '', clientSecret: '', extension: '100' } as ThreeCxProvider;
  it.each([
    [400, 'login', 'auth'],
    [401, 'login', 'auth'],
    [400, 'dial', 'unexpected'],
    [401, 'dial', 'auth'],
    [403, 'dial', 'permission'],
    [404, 'dial', 'not-found'],
    [422, 'dial', 'number-rejected'],
    [429, 'dial', 'rate-limited'],
    [503, 'dial', 'unexpected'],
  ] as const)('%i at %s → %s', (status, step, kind) => {
    expect(describe3cxStatus(status, step, s)[0]).toBe(kind);
  });
});
