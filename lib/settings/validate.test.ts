import { describe, expect, it } from 'vitest';
import { parseSettings, describeProblems, type SettingsProblem } from './validate';
import { defaultSettings, PROVIDER_FIELDS, type ProviderType } from './schema';
import { VALID_PROVIDERS } from '../../tests/fixtures/settings/valid-providers';

function problems(input: unknown): SettingsProblem[] {
  const result = parseSettings(input);
  if (result.ok) throw new Error(`expected problems, got a valid document: ${JSON.stringify(result.settings)}`);
  return result.problems;
}

function problemAt(input: unknown, path: string): string {
  const found = problems(input).find((p) => p.path === path);
  if (!found) throw new Error(`no problem at ${path}; got ${JSON.stringify(problems(input))}`);
  return found.message;
}

describe('parseSettings: defaults', () => {
  it('fills every missing key with its default', () => {
    const result = parseSettings({ version: 1 });
    expect(result).toEqual({ ok: true, settings: defaultSettings() });
  });

  it('treats a missing version as the current one', () => {
    expect(parseSettings({})).toEqual({ ok: true, settings: defaultSettings() });
  });

  it('uses the given default country for a fresh document', () => {
    const result = parseSettings({}, { defaultCountry: 'DE' });
    expect(result.ok && result.settings.dialing.defaultCountry).toBe('DE');
  });

  it('fills a partly given section and keeps what was given', () => {
    const result = parseSettings({ dialing: { confirm: true }, pages: { linkify: false } });
    expect(result.ok && result.settings.dialing).toEqual({ ...defaultSettings().dialing, confirm: true });
    expect(result.ok && result.settings.pages).toEqual({ ...defaultSettings().pages, linkify: false });
  });

  it('fills optional provider fields with their defaults', () => {
    const result = parseSettings({
      provider: { type: 'netsapiens', baseUrl: 'https://portal.example.com', apiKey: 'nsu_x' },
    });
    expect(result.ok && result.settings.provider).toEqual({
      type: 'netsapiens',
      baseUrl: 'https://portal.example.com',
      apiKey: 'nsu_x',
      domain: '~',
      user: '~',
      origination: '',
      callerId: '',
    });
  });

  it('gives MaxoTel its documented base URL by default', () => {
    const result = parseSettings({ provider: { type: 'maxotel', apiKey: 'k', extension: '101' } });
    expect(result.ok && result.settings.provider).toMatchObject({ baseUrl: 'https://myapi.maxo.com.au/' });
  });

  it.each(Object.entries(VALID_PROVIDERS))('accepts a complete %s provider unchanged', (_type, provider) => {
    const result = parseSettings({ version: 1, provider });
    expect(result.ok && result.settings.provider).toEqual(provider);
  });

  it('accepts the HelpDeskEddy call log', () => {
    const callLog = {
      type: 'helpdeskeddy',
      baseUrl: 'https://acme.helpdeskeddy.com',
      channelKey: 'abcdefghij0123456789',
      email: 'agent@acme.example',
      apiKey: 'key',
    };
    const result = parseSettings({ callLog });
    expect(result.ok && result.settings.callLog).toEqual(callLog);
  });

  it('normalises country case, trims fields and de-duplicates blocked sites', () => {
    const result = parseSettings({
      dialing: { defaultCountry: 'gb' },
      pages: { blockedSites: ['Bank.Example', 'bank.example', ' *.crm.example '] },
      provider: { ...VALID_PROVIDERS.maxotel, extension: ' 101 ' },
    });
    expect(result.ok && result.settings.dialing.defaultCountry).toBe('GB');
    expect(result.ok && result.settings.pages.blockedSites).toEqual(['bank.example', '*.crm.example']);
    expect(result.ok && result.settings.provider).toMatchObject({ extension: '101' });
  });
});

describe('parseSettings: every field names its problem', () => {
  it('rejects a document that is not an object', () => {
    expect(problems('[]')[0]!.message).toMatch(/must be a JSON object/);
    expect(problems([])[0]!.message).toMatch(/got an array/);
    expect(problems(null)[0]!.message).toMatch(/got null/);
  });

  it('names each unknown key, at every level', () => {
    const found = problems({
      extra: 1,
      dialing: { speed: 'fast' },
      pages: { colour: 'red' },
      provider: { ...VALID_PROVIDERS.maxotel, token: 'x' },
      callLog: {
        type: 'helpdeskeddy',
        baseUrl: 'https://a.example',
        channelKey: 'k',
        email: 'a@b.example',
        apiKey: 'x',
        z: 1,
      },
    });
    expect(found.map((p) => p.path)).toEqual(
      expect.arrayContaining(['extra', 'dialing.speed', 'pages.colour', 'provider.token', 'callLog.z']),
    );
    expect(found.find((p) => p.path === 'extra')!.message).toMatch(/unknown key "extra"; expected one of: version/);
  });

  it('version: a newer one, a bad one', () => {
    expect(problemAt({ version: 2 }, 'version')).toMatch(/settings version 2.*newer/);
    expect(problemAt({ version: '1' }, 'version')).toMatch(/whole number/);
    expect(problemAt({ version: 0 }, 'version')).toMatch(/whole number/);
  });

  it('provider: not an object, unknown type, missing type', () => {
    expect(problemAt({ provider: 'maxotel' }, 'provider')).toMatch(/must be an object or null/);
    expect(problemAt({ provider: { type: 'asterisk' } }, 'provider.type')).toMatch(
      /must be one of "maxotel", "yeastar-s", "netsapiens", "kazoo", "custom", "yeastar-p", "3cx", "ringcentral", "asterisk-ari", "freeswitch", "twilio", got string "asterisk"/,
    );
    expect(problemAt({ provider: {} }, 'provider.type')).toMatch(/got undefined/);
  });

  it.each(
    Object.entries(PROVIDER_FIELDS).flatMap(([type, fields]) =>
      Object.entries(fields)
        .filter(([, spec]) => spec.default === undefined)
        .map(([field]) => [type, field] as const),
    ),
  )('%s: a missing required %s is named', (type, field) => {
    const provider: Record<string, unknown> = { ...VALID_PROVIDERS[type as ProviderType] };
    delete provider[field];
    expect(problemAt({ provider }, `provider.${field}`)).toMatch(/is required/);
  });

  it('baseUrl: not a URL, wrong scheme, credentials inside', () => {
    const bad = (baseUrl: unknown) =>
      problemAt({ provider: { ...VALID_PROVIDERS.kazoo, baseUrl } }, 'provider.baseUrl');
    expect(bad('pbx.example.com')).toMatch(/not a valid URL/);
    expect(bad('ftp://pbx.example.com')).toMatch(/https:\/\/ or http:\/\//);
    expect(bad('https://user:pw@pbx.example.com')).toMatch(/must not contain a user name or password/);
    expect(bad(42)).toMatch(/must be a string, got number 42/);
  });

  it('extension: empty, letters, too long', () => {
    const bad = (extension: string) =>
      problemAt({ provider: { ...VALID_PROVIDERS.maxotel, extension } }, 'provider.extension');
    expect(bad('')).toMatch(/is required/);
    expect(bad('1o1')).toMatch(/digits/);
    expect(bad('1'.repeat(21))).toMatch(/digits/);
  });

  it('secrets and text fields: blank is not enough', () => {
    expect(problemAt({ provider: { ...VALID_PROVIDERS.maxotel, apiKey: '   ' } }, 'provider.apiKey')).toMatch(
      /is required/,
    );
    expect(problemAt({ provider: { ...VALID_PROVIDERS.kazoo, accountId: '' } }, 'provider.accountId')).toMatch(
      /is required/,
    );
  });

  it('optional extension fields: empty is fine, letters are not', () => {
    expect(parseSettings({ provider: { ...VALID_PROVIDERS['yeastar-s'], dialPermission: '' } }).ok).toBe(true);
    expect(
      problemAt({ provider: { ...VALID_PROVIDERS['yeastar-s'], dialPermission: 'abc' } }, 'provider.dialPermission'),
    ).toMatch(/must be empty or 1 to 20 digits/);
    expect(problemAt({ provider: { ...VALID_PROVIDERS.netsapiens, callerId: '+1 415' } }, 'provider.callerId')).toMatch(
      /must be empty or/,
    );
  });

  it('custom: method, URL template, headers', () => {
    const custom = VALID_PROVIDERS.custom;
    expect(problemAt({ provider: { ...custom, method: 'DELETE' } }, 'provider.method')).toMatch(
      /"GET", "POST" or "PUT"/,
    );
    expect(problemAt({ provider: { ...custom, url: 'https://pbx.example.com/dial' } }, 'provider.url')).toMatch(
      /must contain \{number\}/,
    );
    const postBody = { ...custom, method: 'POST', url: 'https://pbx.example.com/dial', body: 'to={number}' };
    expect(parseSettings({ provider: postBody }).ok).toBe(true);
    expect(problemAt({ provider: { ...custom, body: 'to={number}' } }, 'provider.body')).toMatch(/GET request cannot/);
    expect(problemAt({ provider: { ...custom, extension: '' } }, 'provider.extension')).toMatch(/no extension is set/);
    expect(problemAt({ provider: { ...custom, url: 'javascript:{number}' } }, 'provider.url')).toMatch(/https:\/\//);
    expect(problemAt({ provider: { ...custom, headers: [] } }, 'provider.headers')).toMatch(/object of header names/);
    expect(problemAt({ provider: { ...custom, headers: { 'Bad Name': 'x' } } }, 'provider.headers.Bad Name')).toMatch(
      /not a valid HTTP header name/,
    );
    expect(problemAt({ provider: { ...custom, headers: { 'X-A': 1 } } }, 'provider.headers.X-A')).toMatch(
      /must be a string/,
    );
    expect(problemAt({ provider: { ...custom, headers: { 'X-A': 'a\r\nb' } } }, 'provider.headers.X-A')).toMatch(
      /line breaks/,
    );
    expect(problemAt({ provider: { ...custom, body: 'x'.repeat(20000) } }, 'provider.body')).toMatch(/too long/);
  });

  it('callLog: type, e-mail, channel key', () => {
    const callLog = {
      type: 'helpdeskeddy',
      baseUrl: 'https://acme.helpdeskeddy.com',
      channelKey: '',
      email: 'not-an-email',
      apiKey: 'k',
    };
    const found = problems({ callLog });
    expect(found.find((p) => p.path === 'callLog.email')!.message).toMatch(/must be an e-mail address/);
    expect(found.find((p) => p.path === 'callLog.channelKey')!.message).toMatch(/is required/);
    expect(problemAt({ callLog: { type: 'zendesk' } }, 'callLog.type')).toMatch(/must be one of "helpdeskeddy"/);
  });

  it('dialing: every field', () => {
    expect(problemAt({ dialing: 'x' }, 'dialing')).toMatch(/must be an object/);
    expect(problemAt({ dialing: { defaultCountry: 'XX' } }, 'dialing.defaultCountry')).toMatch(/two-letter country/);
    expect(problemAt({ dialing: { defaultCountry: 'USA' } }, 'dialing.defaultCountry')).toMatch(/got "USA"/);
    expect(problemAt({ dialing: { defaultCountry: 1 } }, 'dialing.defaultCountry')).toMatch(/must be a string/);
    expect(problemAt({ dialing: { autoAnswer: 'yes' } }, 'dialing.autoAnswer')).toMatch(/true or false/);
    expect(problemAt({ dialing: { confirm: 1 } }, 'dialing.confirm')).toMatch(/true or false/);
    expect(problemAt({ dialing: { numberFormat: 'E164' } }, 'dialing.numberFormat')).toMatch(
      /"e164", "digits", "dialable", got string "E164"/,
    );
    expect(problemAt({ dialing: { outboundPrefix: '9a' } }, 'dialing.outboundPrefix')).toMatch(/up to 8 digits/);
  });

  it('pages: every field', () => {
    expect(problemAt({ pages: [] }, 'pages')).toMatch(/must be an object/);
    expect(problemAt({ pages: { linkify: 'on' } }, 'pages.linkify')).toMatch(/true or false/);
    expect(problemAt({ pages: { telLinks: null } }, 'pages.telLinks')).toMatch(/got null/);
    expect(problemAt({ pages: { blockedSites: 'bank.example' } }, 'pages.blockedSites')).toMatch(
      /list of host patterns/,
    );
    expect(
      problemAt({ pages: { blockedSites: ['ok.example', 'https://bad.example/path'] } }, 'pages.blockedSites[1]'),
    ).toMatch(/not a host pattern/);
    expect(problemAt({ pages: { blockedSites: [3] } }, 'pages.blockedSites[0]')).toMatch(/must be a string/);
  });

  it('reports every problem at once, not just the first', () => {
    const found = problems({ dialing: { confirm: 'x', numberFormat: 'y' }, pages: { linkify: 'z' } });
    expect(found).toHaveLength(3);
    expect(describeProblems(found)).toBe(
      [
        'dialing.confirm: must be true or false, got string "x"',
        'dialing.numberFormat: must be one of "e164", "digits", "dialable", got string "y"',
        'pages.linkify: must be true or false, got string "z"',
      ].join('\n'),
    );
  });
});
