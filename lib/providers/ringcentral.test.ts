import { describe, expect, it } from 'vitest';
import {
  RINGCENTRAL_SIM_CLIENT_ID,
  RINGCENTRAL_SIM_CLIENT_SECRET,
  RINGCENTRAL_SIM_FROM,
  RINGCENTRAL_SIM_JWT,
} from '../../tests/sim/ringcentral';
import { PROVIDER_NUMBER_FORMATS } from '../settings/schema';
import { parseSettings } from '../settings/validate';
import {
  describeRingcentralError,
  forgetRingcentralSessions,
  RINGCENTRAL_SESSION_KEY,
  ringcentral,
} from './ringcentral';
import { memorySessionArea } from './types';
import { providerFailure, visibleText } from '@/tests/unit/support/provider-errors';
import { fileSimulator, simAdapter } from '@/tests/unit/support/simulator';
import { english } from '@/tests/unit/support/locale';

const sim = await fileSimulator(forgetRingcentralSessions);

const MINUTE = 60_000;
const RING_OUT = '/restapi/v1.0/account/~/extension/~/ring-out';
const { settings, adapter, requests } = simAdapter(sim, ringcentral);
const dialRequest = { number: '+14155550132', autoAnswer: true };
const SECRETS = [RINGCENTRAL_SIM_CLIENT_SECRET, RINGCENTRAL_SIM_JWT];

const calls = () => requests().map((r) => `${r.method} ${r.path}`);
const auth = (i: number) => requests()[i]!.headers.authorization;

async function failure(action: () => Promise<unknown>) {
  const error = await providerFailure(action, SECRETS);
  const shown = visibleText(error);
  for (const r of requests()) {
    const token = r.headers.authorization?.replace(/^(Bearer|Basic) /, '');
    if (token) expect(shown).not.toContain(token);
  }
  return error;
}

describe('ringcentral adapter against the simulator', () => {
  it('JWT bearer grant with Basic client auth, then ring-out from the user phone with playPrompt false', async () => {
    const outcome = await adapter().dial(dialRequest);
    expect(calls()).toEqual(['POST /restapi/oauth/token', `POST ${RING_OUT}`]);
    const [token, ringOut] = requests();
    const basic = Buffer.from(`${RINGCENTRAL_SIM_CLIENT_ID}:${RINGCENTRAL_SIM_CLIENT_SECRET}`).toString('base64');
    expect(token!.headers.authorization).toBe(`Basic ${basic}`);
    expect(token!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect([...token!.query.keys()]).toEqual([]);
    expect(Object.fromEntries(new URLSearchParams(token!.body))).toEqual({
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      assertion: RINGCENTRAL_SIM_JWT,
    });
    expect(ringOut!.headers.authorization).toMatch(/^Bearer \S{20,}$/);
    expect(ringOut!.headers['content-type']).toBe('application/json');
    expect(JSON.parse(ringOut!.body)).toEqual({
      from: { phoneNumber: RINGCENTRAL_SIM_FROM },
      to: { phoneNumber: '+14155550132' },
      playPrompt: false,
    });
    expect(outcome).toEqual({ callId: '234001', status: 'InProgress' });
  });

  it('auto-answer off sends the same RingOut (RingOut has no auto-answer)', async () => {
    await adapter().dial({ ...dialRequest, autoAnswer: false });
    expect(JSON.parse(requests()[1]!.body)).toMatchObject({ playPrompt: false });
  });

  it('keeps the access token in the session area, never the JWT or secret, and reuses it', async () => {
    const session = memorySessionArea();
    await adapter({}, { session }).dial(dialRequest);
    const kept = JSON.stringify(session.data.get(RINGCENTRAL_SESSION_KEY));
    for (const secret of SECRETS) expect(kept).not.toContain(secret);
    await adapter({}, { session }).dial(dialRequest);
    expect(calls()).toEqual(['POST /restapi/oauth/token', `POST ${RING_OUT}`, `POST ${RING_OUT}`]);
    expect(auth(2)).toBe(auth(1));
  });

  it('asks for a new token with the JWT a minute before the hour is up', async () => {
    const rc = adapter();
    await rc.dial(dialRequest);
    sim.clock.advance(59 * MINUTE + 1000);
    await rc.dial(dialRequest);
    expect(calls()).toEqual([
      'POST /restapi/oauth/token',
      `POST ${RING_OUT}`,
      'POST /restapi/oauth/token',
      `POST ${RING_OUT}`,
    ]);
  });

  it('a kept token refused with 401 is replaced once and the RingOut sent once more', async () => {
    const rc = adapter();
    await rc.dial(dialRequest);
    sim.configure('ringcentral', { revokeTokens: true });
    const outcome = await rc.dial(dialRequest);
    expect(calls()).toEqual([
      'POST /restapi/oauth/token',
      `POST ${RING_OUT}`,
      `POST ${RING_OUT}`,
      'POST /restapi/oauth/token',
      `POST ${RING_OUT}`,
    ]);
    expect(outcome.callId).toBe('234002');
  });

  it('a fresh token refused with 401 is not renewed again', async () => {
    const original = globalThis.fetch;
    const revoking: typeof fetch = async (input, init) => {
      const response = await original(input, init);
      if (String(input).endsWith('/restapi/oauth/token')) sim.configure('ringcentral', { revokeTokens: true });
      return response;
    };
    const error = await failure(() => adapter({}, { fetch: revoking }).dial(dialRequest));
    expect(error.kind).toBe('auth');
    expect(calls()).toEqual(['POST /restapi/oauth/token', `POST ${RING_OUT}`]);
  });

  it('a wrong JWT is "auth" about the JWT credential; a wrong secret about the client ID and secret', async () => {
    const jwt = await failure(() => adapter({ jwt: 'eyJ.bad.jwt-credential' }).dial(dialRequest));
    expect(jwt).toMatchObject({ kind: 'auth', details: { status: 400, step: 'login' } });
    expect(jwt.message).toMatch(/JWT credential/);
    expect(jwt.details.providerMessage).toMatch(/^OAU-140: Invalid resource owner credentials/);
    const secret = await failure(() => adapter({ clientSecret: 'wrong-secret-1234' }).dial(dialRequest));
    expect(secret).toMatchObject({ kind: 'auth', details: { status: 401 } });
    expect(secret.message).toMatch(/client ID or client secret/);
    expect(visibleText(secret)).not.toContain('wrong-secret-1234');
  });

  it.each([
    [{ ringOutPermission: false }, 'permission', 403, /RingOut/],
    [{ rejectNumber: true }, 'number-rejected', 400, /\+14155550132/],
    [{ internationalDisabled: true }, 'permission', 200, /international calls are disabled/],
    [{ rateLimited: true }, 'rate-limited', 429, /limiting/],
  ] as const)('%o → %s (HTTP %i), never retried', async (configure, kind, status, message) => {
    sim.configure('ringcentral', configure);
    const error = await failure(() => adapter().dial(dialRequest));
    expect(error.kind).toBe(kind);
    expect(error.details.status).toBe(status);
    expect(error.message).toMatch(message);
    expect(calls()).toEqual(['POST /restapi/oauth/token', `POST ${RING_OUT}`]);
  });

  it('a from number the API refuses names "Your phone"', async () => {
    const error = await failure(() => adapter({ fromNumber: '6505550100' }).dial(dialRequest));
    expect(error.kind).toBe('not-found');
    expect(error.message).toMatch(/Your phone/);
  });

  it('test connection reads the user extension with a fresh token and places no call', async () => {
    const outcome = await adapter().testConnection();
    expect(calls()).toEqual(['POST /restapi/oauth/token', 'GET /restapi/v1.0/account/~/extension/~']);
    expect(english(outcome.detail)).toMatch(/Sim User \(extension 101\)/);
  });

  it('the settings refuse a "Your phone" that is not in international format', () => {
    const parsed = parseSettings({ provider: { ...settings(), fromNumber: '650 555 0100' } });
    expect(parsed.ok).toBe(false);
    expect(parseSettings({ provider: settings() }).ok).toBe(true);
  });

  it('sends numbers in E.164', () => {
    expect(PROVIDER_NUMBER_FORMATS.ringcentral).toBe('e164');
  });
});

describe('describeRingcentralError', () => {
  it.each([
    [401, {}, 'login', 'auth'],
    [400, { code: 'invalid_grant' }, 'login', 'auth'],
    [429, { code: 'CMN-301' }, 'dial', 'rate-limited'],
    [401, { code: 'OAU-128' }, 'dial', 'auth'],
    [403, { code: 'CMN-408' }, 'dial', 'permission'],
    [404, { code: 'CMN-102' }, 'dial', 'not-found'],
    [400, { code: 'CMN-101', parameter: 'to.phoneNumber' }, 'dial', 'number-rejected'],
    [400, { code: 'CMN-101', parameter: 'from.phoneNumber' }, 'dial', 'not-found'],
    [400, { code: 'CMN-101', parameter: 'country' }, 'dial', 'unexpected'],
    [503, {}, 'dial', 'unexpected'],
  ] as const)('%i %o at %s → %s', (status, error, step, kind) => {
    expect(describeRingcentralError(status, error, step)[0]).toBe(kind);
  });
});
