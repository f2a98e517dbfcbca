import { describe, expect, it } from 'vitest';
import { PROVIDER_TYPES, defaultSettings, type ProviderSettings, type Settings } from '@/lib/settings/schema';
import {
  emptyForm,
  emptyProviderValues,
  formToDocument,
  headersToText,
  problemsAt,
  settingsToForm,
  textToHeaders,
  unplacedProblems,
  validateForm,
} from './form';
import { VALID_PROVIDERS as SHARED_PROVIDERS } from '../../tests/fixtures/settings/valid-providers';

/** One valid provider section per type (the test below fails when a new type has none). */
const VALID_PROVIDERS: Record<string, ProviderSettings> = {
  ...SHARED_PROVIDERS,
  // A custom template with every part filled in, to check the form carries each one.
  custom: {
    type: 'custom',
    method: 'POST',
    url: 'https://pbx.example.com/dial?to={number}',
    headers: { Authorization: 'Bearer x', 'X-Tenant': 'acme' },
    body: '{"to":"{number}"}',
    extension: '204',
  },
};

function withProvider(provider: ProviderSettings | null): Settings {
  return {
    ...defaultSettings('DE'),
    provider,
    callLog: {
      type: 'helpdeskeddy',
      baseUrl: 'https://acme.helpdeskeddy.com',
      channelKey: 'abc',
      email: 'a@example.com',
      apiKey: 'hk',
    },
    pages: { linkify: false, telLinks: true, blockedSites: ['crm.example.com', '*.bank.example'] },
  };
}

describe('settingsToForm / validateForm', () => {
  it.each(PROVIDER_TYPES)('round-trips a valid %s document unchanged', (type) => {
    const provider = VALID_PROVIDERS[type];
    expect(provider, `no fixture for provider ${type}`).toBeDefined();
    const settings = withProvider(provider!);
    const result = validateForm(settingsToForm(settings));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.settings).toEqual(settings);
  });

  it('round-trips "nothing configured" as provider null and callLog null', () => {
    const result = validateForm(emptyForm('GB'));
    expect(result.ok && result.settings).toEqual(defaultSettings('GB'));
  });

  it('keeps the values of a provider when the picker switches away and back', () => {
    const form = settingsToForm(withProvider(VALID_PROVIDERS.maxotel!));
    const switched = {
      ...form,
      providerType: 'kazoo' as const,
      providers: { ...form.providers, kazoo: emptyProviderValues('kazoo') },
    };
    expect(formToDocument(switched).document.provider).toMatchObject({ type: 'kazoo', baseUrl: '' });
    const back = { ...switched, providerType: 'maxotel' as const };
    expect(formToDocument(back).document.provider).toEqual(VALID_PROVIDERS.maxotel);
  });

  it('names each problem by the path of the field the user typed into', () => {
    const form = settingsToForm(withProvider(VALID_PROVIDERS.maxotel!));
    form.providers.maxotel = { baseUrl: 'ftp://x', apiKey: '  ', extension: '10a' };
    form.dialing.outboundPrefix = '9x';
    form.pages.blockedSites = 'ok.example\nnot a host';
    const result = validateForm(form);
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    expect(problemsAt(problems, 'provider.baseUrl')[0]).toMatch(/https:\/\/ or http:\/\//);
    expect(problemsAt(problems, 'provider.apiKey')).toEqual(['is required']);
    expect(problemsAt(problems, 'provider.extension')[0]).toMatch(/digits/);
    expect(problemsAt(problems, 'dialing.outboundPrefix')[0]).toMatch(/9x/);
    // A bad line of the blocked-sites list shows at the list, naming the entry.
    expect(problemsAt(problems, 'pages.blockedSites')).toEqual([expect.stringContaining('"not a host"')]);
    expect(problemsAt(problems, 'pages.linkify')).toEqual([]);
  });

  it('reads blocked sites one per line (or comma separated) and ignores blank lines', () => {
    const form = emptyForm();
    form.pages.blockedSites = ' crm.example.com \n\n*.bank.example, shop.example\n';
    expect(formToDocument(form).document.pages).toMatchObject({
      blockedSites: ['crm.example.com', '*.bank.example', 'shop.example'],
    });
  });

  it('reports the HelpDeskEddy fields only while the call log is switched on', () => {
    const form = emptyForm();
    form.callLogEnabled = true;
    const on = validateForm(form);
    expect(on.ok ? [] : on.problems.map((p) => p.path)).toEqual(
      expect.arrayContaining(['callLog.baseUrl', 'callLog.channelKey', 'callLog.email', 'callLog.apiKey']),
    );
    form.callLogEnabled = false;
    expect(validateForm(form).ok).toBe(true);
  });
});

describe('headers text', () => {
  it('parses Name: value lines and keeps colons inside values', () => {
    expect(textToHeaders('Authorization: Bearer a:b\n\nX-Id:  7 ')).toEqual({
      headers: { Authorization: 'Bearer a:b', 'X-Id': '7' },
      problems: [],
    });
  });

  it('names the line that has no colon', () => {
    const { problems } = textToHeaders('X-Ok: 1\nBroken line');
    expect(problems).toEqual([expect.stringContaining('line 2 ("Broken line")')]);
  });

  it('makes a header line without a colon a provider.headers problem that blocks saving', () => {
    const form = settingsToForm(withProvider(VALID_PROVIDERS.custom!));
    form.providers.custom!.headers = 'nonsense';
    const result = validateForm(form);
    expect(result.ok).toBe(false);
    expect(problemsAt(result.ok ? [] : result.problems, 'provider.headers')).toHaveLength(1);
  });

  it('turns an invalid header name into a problem at provider.headers', () => {
    const form = settingsToForm(withProvider(VALID_PROVIDERS.custom!));
    form.providers.custom!.headers = 'Bad Name: 1';
    const result = validateForm(form);
    expect(problemsAt(result.ok ? [] : result.problems, 'provider.headers')[0]).toMatch(/header name/);
  });

  it('writes headers back as lines', () => {
    expect(headersToText({ A: '1', B: 'x: y' })).toBe('A: 1\nB: x: y');
  });
});

describe('unplacedProblems', () => {
  it('keeps only problems no visible field shows', () => {
    const problems = [
      { path: 'provider.apiKey', message: 'is required' },
      { path: 'provider.headers.X', message: 'bad' },
      { path: 'surprise', message: 'unknown key' },
    ];
    expect(unplacedProblems(problems, ['provider.apiKey', 'provider.headers'])).toEqual([problems[2]]);
  });
});
