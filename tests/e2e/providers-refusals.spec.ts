/**
 * A provider's refusal is what the person sees: for each provider, the ways its PBX says no (a permission it lacks,
 * a wrong password, the user's phone offline, an answer that is no answer) reach the person as a failed call with the
 * PBX's reason in its own words, the badge turns '!' with that reason, no secret is in it, and the call request was
 * sent once (a dial is never retried). One table; each provider's successful calls are in its own spec.
 */
import { test, expect } from './support/fixtures';
import { NETSAPIENS_SIM_OFFICE_KEY } from '../sim/netsapiens';
import { TWILIO_SIM } from '../sim/twilio';
import type { ErrorKind } from '../../lib/net/errors';
import type { ProviderType } from '../../lib/settings/schema';
import { dialOnPage, expectFailureShown, providerSettings, requestLines } from './page-helpers';

interface Refusal {
  title: string;
  /** The provider, as its settings `type` and the simulator's name. */
  type: ProviderType;
  /** How the simulator is told to refuse ({@link Simulator.configure}); none where the settings are wrong. */
  sim?: Record<string, unknown>;
  /** Provider fields that differ from the simulator's working settings (a wrong password, say). */
  fields?: Record<string, unknown>;
  errorKind: ErrorKind;
  /** What the message says after "Call to +1 415 555 0132 failed: ": the provider's reason, in its words. */
  says: RegExp;
  /** The provider's requests, in order: the call request once, never retried. */
  requests: string[];
}

const TWILIO_CALLS = `POST /2010-04-01/Accounts/${TWILIO_SIM.accountSid}/Calls.json`;
const YEASTAR_P = ['POST /openapi/v1.0/get_token', 'POST /openapi/v1.0/call/dial'];

const REFUSALS: Refusal[] = [
  {
    title: '3CX: an extension the API client does not monitor (403)',
    type: '3cx',
    sim: { monitored: false },
    errorKind: 'permission',
    says: /extensions the client monitors/,
    requests: ['POST /connect/token', 'POST /callcontrol/100/makecall'],
  },
  {
    title: 'RingCentral: an app without the RingOut permission (403 CMN-408)',
    type: 'ringcentral',
    sim: { ringOutPermission: false },
    errorKind: 'permission',
    says: /"RingOut" permission/,
    requests: ['POST /restapi/oauth/token', 'POST /restapi/v1.0/account/~/extension/~/ring-out'],
  },
  {
    title: 'Yeastar P-Series: a refused dial (70084 ACTION FORBIDDEN)',
    type: 'yeastar-p',
    sim: { actionForbidden: true },
    errorKind: 'permission',
    says: /ACTION FORBIDDEN/,
    requests: YEASTAR_P,
  },
  {
    title: 'Asterisk ARI: a read-only ARI user (403 "Write access denied")',
    type: 'asterisk-ari',
    sim: { readOnly: true },
    errorKind: 'permission',
    says: /read-only/,
    requests: ['POST /ari/channels'],
  },
  {
    title: 'Asterisk ARI: no phone registered to the endpoint (500), reported as your phone being unavailable',
    type: 'asterisk-ari',
    sim: { extensionOnline: false },
    errorKind: 'extension-unavailable',
    says: /PJSIP\/101/,
    requests: ['POST /ari/channels'],
  },
  {
    title: 'FreeSWITCH: a user not allowed to run bgapi (403)',
    type: 'freeswitch',
    sim: { bgapiAllowed: false },
    errorKind: 'permission',
    says: /http-allowed-api/,
    requests: ['GET /txtapi/bgapi'],
  },
  {
    title: 'FreeSWITCH: a wrong password (401), reported as a login problem',
    type: 'freeswitch',
    fields: { password: 'not-the-fs-password' },
    errorKind: 'auth',
    says: /./,
    requests: ['GET /txtapi/bgapi'],
  },
  {
    title: 'Twilio: a trial account calling an unverified phone (21219)',
    type: 'twilio',
    sim: { trial: true },
    errorKind: 'permission',
    says: /trial/,
    requests: [TWILIO_CALLS],
  },
  {
    title: 'Twilio: a wrong API key secret (20003), reported as a login problem',
    type: 'twilio',
    fields: { apiKeySecret: 'WrongTwilioSecret00000000000000aa' },
    errorKind: 'auth',
    says: /./,
    requests: [TWILIO_CALLS],
  },
  {
    title: 'MaxoTel: UNAVAILABLE in an HTTP 200 answer, "extension not registered", not a generic error',
    type: 'maxotel',
    sim: { extensionOnline: false, unavailableStatus: 200 },
    errorKind: 'extension-unavailable',
    says: /MaxoTel could not ring extension 101/,
    requests: ['POST /calls/initiate/'],
  },
  {
    title:
      'NetSapiens: an office-manager key with "~" is not dialled, and the person is told to enter the domain and user',
    type: 'netsapiens',
    fields: { apiKey: NETSAPIENS_SIM_OFFICE_KEY },
    errorKind: 'not-found',
    says: /office-manager \(nsd_\) key.*enter the domain and the user/,
    requests: [],
  },
  {
    title: 'Custom template: an endpoint answering 200 with an HTML page is an error, not "Calling"',
    type: 'custom',
    sim: { body: '<!DOCTYPE html><html><body>Sign in</body></html>', contentType: 'text/html' },
    fields: { headers: { Authorization: 'Bearer cst_e2e_html_51c0' } },
    errorKind: 'unexpected',
    says: /answered with a web page \(HTML\)/,
    requests: ['GET /custom/dial'],
  },
];

/**
 * The secrets in a provider's settings (never in what the person sees): its password, secret, key, token or JWT
 * fields, and a custom template's header values (where its credentials go).
 */
const secretsOf = (provider: Record<string, unknown>): string[] => [
  ...Object.entries(provider)
    .filter(([name, value]) => typeof value === 'string' && value && /password|secret|key|token|jwt/i.test(name))
    .map(([, value]) => value as string),
  ...Object.values((provider.headers ?? {}) as Record<string, string>),
];

for (const c of REFUSALS) {
  test(`${c.title}: shown to the person, without secrets, sent once`, async ({ context, extension, pages, sim }) => {
    if (c.sim) sim.configure(c.type, c.sim);
    const settings = providerSettings(sim, c.type, {}, c.fields);
    const { entry } = await dialOnPage({ context, extension, pages }, `refused-${c.type}-${c.errorKind}`, settings);

    expect(entry).toMatchObject({ result: 'failed', provider: c.type, errorKind: c.errorKind });
    expect(entry.message).toMatch(/^Call to \+1 415 555 0132 failed: ./);
    expect(entry.message!.replace(/^Call to \+1 415 555 0132 failed: /, '')).toMatch(c.says);
    await expectFailureShown(extension, entry);
    const secrets = secretsOf(settings.provider as Record<string, unknown>);
    expect(secrets.length).toBeGreaterThan(0);
    for (const secret of secrets) expect(JSON.stringify(entry)).not.toContain(secret);
    expect(requestLines(sim.requestsFor(c.type))).toEqual(c.requests);
  });
}
