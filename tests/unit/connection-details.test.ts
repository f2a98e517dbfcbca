/**
 * The branches of the adapters' connection-test result lines (plural, optional version, identity, limits, a
 * registration that cannot be read): each picks its own message, and reads in English exactly as the sentence the
 * adapter built before the lines moved to the locale table. The simulator answers everything but the one answer a
 * case replaces.
 */
import { describe, expect, it } from 'vitest';
import { helpdeskeddy } from '@/lib/calllog/helpdeskeddy';
import { threeCx } from '@/lib/providers/3cx';
import { asteriskAri } from '@/lib/providers/asterisk-ari';
import { freeswitch, freeswitchContext, type FreeswitchProvider } from '@/lib/providers/freeswitch';
import { kazoo } from '@/lib/providers/kazoo';
import { forgetKazooTokens } from '@/lib/providers/kazoo-client';
import { netsapiens } from '@/lib/providers/netsapiens';
import { ringcentral } from '@/lib/providers/ringcentral';
import type { ConnectionTestOutcome, ProviderContext } from '@/lib/providers/types';
import { NETSAPIENS_SIM_OFFICE_KEY } from '@/tests/sim/netsapiens';
import { english, localeText } from './support/locale';
import { fileSimulator, simContext, simProvider } from './support/simulator';

const sim = await fileSimulator(forgetKazooTokens);
const german = localeText('de');

/** The simulator, except that a request whose URL matches `pattern` gets `answer` instead. */
function replacing(pattern: RegExp, answer: () => Response): typeof fetch {
  return async (input, init) =>
    pattern.test(input instanceof Request ? input.url : String(input)) ? answer() : globalThis.fetch(input, init);
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  Response.json(body, { status, headers });

/** What a provider or call log definition offers for this test: its type and an adapter with a connection test. */
interface Testable<S> {
  type: string;
  create(settings: S, context: ProviderContext): { testConnection(): Promise<ConnectionTestOutcome> };
}

/** The result line of `definition`'s connection test when the requests go to `fetcher`, with settings overrides. */
async function detail<S>(definition: Testable<S>, fetcher: typeof fetch, overrides: Partial<S> = {}) {
  const working =
    definition.type === 'helpdeskeddy'
      ? (sim.settingsFor('helpdeskeddy').callLog as S)
      : simProvider<S>(sim, definition.type);
  const adapter = definition.create({ ...working, ...overrides }, simContext(sim, { fetch: fetcher }));
  return (await adapter.testConnection()).detail;
}

describe('3CX: the device count', () => {
  const devices = (n: number) =>
    replacing(/\/callcontrol\/100$/, () => json({ dn: '100', devices: Array.from({ length: n }, (_, i) => ({ i })) }));

  it.each([
    [0, '(0 registered devices)', '(0 registrierte Geräte)'],
    [1, '(1 registered device)', '(1 registriertes Gerät)'],
    [2, '(2 registered devices)', '(2 registrierte Geräte)'],
  ])('%i devices', async (n, en, de) => {
    const text = await detail(threeCx, devices(n));
    expect(english(text)).toBe(
      `3CX accepted the API client, and the Call Control API may control extension 100 ${en}.`,
    );
    expect(german(text)).toContain(de);
  });
});

describe('HelpDeskEddy: the ticket permission and the API limit', () => {
  const note = 'The channel key can only be checked by creating a call card, so it was not checked.';
  const tickets = (status: number, headers: Record<string, string>) =>
    replacing(/\/api\/v2\/tickets\/$/, () =>
      json(status === 200 ? { data: [] } : { errors: ['forbidden'] }, status, headers),
    );

  it.each([
    [200, {}, `HelpDeskEddy accepted the e-mail and API key. ${note}`],
    [
      200,
      { 'x-rate-limit': '60' },
      `HelpDeskEddy accepted the e-mail and API key. API limit: 60 requests a minute. ${note}`,
    ],
    [
      403,
      { 'x-rate-limit': '300', 'x-rate-limit-remaining': '12' },
      `HelpDeskEddy accepted the e-mail and API key, though this user may not read tickets. API limit: 300 requests a minute, 12 left. ${note}`,
    ],
    [403, {}, `HelpDeskEddy accepted the e-mail and API key, though this user may not read tickets. ${note}`],
  ])('HTTP %i with limit headers %j', async (status, headers, expected) => {
    expect(english(await detail(helpdeskeddy, tickets(status, headers)))).toBe(expected);
  });

  it('a German user reads the limit in German', async () => {
    const text = await detail(helpdeskeddy, tickets(403, { 'x-rate-limit': '300', 'x-rate-limit-remaining': '12' }));
    expect(german(text)).toBe(
      'HelpDeskEddy hat die E-Mail-Adresse und den API-Schlüssel akzeptiert, allerdings darf dieser Benutzer keine Tickets lesen. API-Limit: 300 Anfragen pro Minute, 12 übrig. Der Schlüssel des Telefonie-Kanals lässt sich nur prüfen, indem eine Anrufkarte angelegt wird, daher wurde er nicht geprüft.',
    );
  });
});

describe("NetSapiens: the key's identity", () => {
  const key = (body: Record<string, string>) => replacing(/\/apikeys\/~$/, () => json(body));
  const checked = 'The domain and user settings are checked on the first call.';

  it.each([
    [{}, `NetSapiens accepted the API key. ${checked}`],
    [{ 'user-scope': 'Basic User' }, `NetSapiens accepted the API key. ${checked}`],
    [{ user: '1000' }, `NetSapiens accepted the API key (user 1000). ${checked}`],
    [
      { domain: 'sim.example', 'user-scope': 'Basic User' },
      `NetSapiens accepted the API key (domain sim.example, Basic User). ${checked}`,
    ],
    [
      { user: '1000', domain: 'sim.example', 'user-scope': 'Basic User' },
      `NetSapiens accepted the API key (user 1000 in domain sim.example, Basic User). ${checked}`,
    ],
  ])('%j', async (body, expected) => {
    expect(english(await detail(netsapiens, key(body)))).toBe(expected);
  });

  it('an office-manager key without an identity names the user and domain it calls as', async () => {
    const text = await detail(netsapiens, key({}), {
      apiKey: NETSAPIENS_SIM_OFFICE_KEY,
      domain: 'sim.example',
      user: '1001',
    });
    expect(english(text)).toBe(
      'NetSapiens accepted the office-manager API key; it calls as user 1001 in domain sim.example, which is checked on the first call.',
    );
    expect(german(text)).toBe(
      'NetSapiens hat den API-Schlüssel vom Typ office-manager akzeptiert; er ruft als Benutzer 1001 in der Domain sim.example an, was beim ersten Anruf geprüft wird.',
    );
  });
});

describe('FreeSWITCH: the version and the registration', () => {
  it('without a version, and a registration it may not read', async () => {
    const settings = simProvider<FreeswitchProvider>(sim, 'freeswitch');
    const answers: typeof fetch = async (input, init) => {
      const url = String(input);
      if (/\/txtapi\/status/.test(url)) return new Response('UP 0 years, 0 days\nFreeSWITCH is ready\n');
      if (/\/txtapi\/sofia_contact/.test(url)) return new Response('', { status: 403 });
      return globalThis.fetch(input, init);
    };
    const who = `${settings.extension}@${settings.domain}`;
    const text = await detail(freeswitch, answers);
    expect(english(text)).toBe(
      `Logged in to FreeSWITCH as ${settings.username}; the user may run bgapi, and whether your phone (${who}) is registered could not be read (sofia_contact is not allowed). Calls are dialled in context ${freeswitchContext(settings)}.`,
    );
    expect(german(text)).toContain(`ob Ihr Telefon (${who}) registriert ist, ließ sich nicht lesen`);
  });
});

describe('Asterisk: the version and the endpoint state', () => {
  it('without a version, an endpoint without a state is "known"', async () => {
    const settings = simProvider<{ username: string; context: string; endpoint: string }>(sim, 'asterisk-ari');
    const answers: typeof fetch = async (input, init) => {
      const url = String(input);
      if (/\/asterisk\/info$/.test(url)) return json({ system: {} });
      if (/\/endpoints\//.test(url)) return json({ technology: 'PJSIP', resource: '101' });
      return globalThis.fetch(input, init);
    };
    const text = await detail(asteriskAri, answers);
    expect(english(text)).toMatch(
      new RegExp(
        `^Logged in to Asterisk as ${settings.username}; endpoint \\S+ is known, and the user may place calls \\(checked with an originate Asterisk refuses before dialling\\)\\. Calls are dialled in context ${settings.context}\\.$`,
      ),
    );
    expect(german(text)).toMatch(/^Bei Asterisk als .* ist bekannt,/);
  });
});

describe('RingCentral: the name and extension', () => {
  it('without either: "your user"', async () => {
    const settings = simProvider<{ fromNumber: string }>(sim, 'ringcentral');
    const text = await detail(
      ringcentral,
      replacing(/\/extension\/~$/, () => json({ id: 1 })),
    );
    expect(english(text)).toBe(
      `RingCentral accepted the app and the JWT credential of your user. RingOut will ring ${settings.fromNumber} first.`,
    );
    expect(german(text)).toContain('die JWT-Anmeldedaten von Ihrem Benutzer akzeptiert');
  });
});

describe('Kazoo: a click-to-call without name or extension', () => {
  it('says "(no name)" and "(none)", in German too', async () => {
    const text = await detail(
      kazoo,
      replacing(/\/clicktocall\/[0-9a-f]+$/, () => json({ status: 'success', data: { auth_required: false } })),
    );
    expect(english(text)).toBe(
      'Logged in with the API key. Click-to-call "(no name)" rings extension (none) first; it does not require a token (auth_required is off), so the API key is optional.',
    );
    expect(german(text)).toBe(
      'Mit dem API-Schlüssel angemeldet. Das Click-to-Call-Objekt „(kein Name)“ lässt zuerst die Nebenstelle (keine) klingeln; es verlangt kein Token (auth_required ist aus), der API-Schlüssel ist also optional.',
    );
  });
});
