import { describe, expect, it } from 'vitest';
import { defaultSettings, type Settings } from '@/lib/settings/schema';
import { exportSettings, importSettings } from './transfer';

const current: Settings = {
  ...defaultSettings('DE'),
  provider: { type: 'maxotel', baseUrl: 'https://myapi.maxo.com.au/', apiKey: 'current-key', extension: '101' },
  callLog: {
    type: 'helpdeskeddy',
    baseUrl: 'https://acme.helpdeskeddy.com',
    channelKey: 'chan',
    email: 'a@example.com',
    apiKey: 'hde-key',
  },
};

describe('exportSettings', () => {
  it('leaves every credential out by default', () => {
    const text = exportSettings(current, false);
    expect(text).not.toContain('current-key');
    expect(text).not.toContain('hde-key');
    const doc = JSON.parse(text);
    expect(doc.provider).toEqual({ type: 'maxotel', baseUrl: 'https://myapi.maxo.com.au/', extension: '101' });
    expect(doc.callLog).not.toHaveProperty('apiKey');
    // The channel key in the call-card URL may authorise the endpoint on its own (issue 14).
    expect(doc.callLog).not.toHaveProperty('channelKey');
    expect(doc.callLog).toEqual({
      type: 'helpdeskeddy',
      baseUrl: 'https://acme.helpdeskeddy.com',
      email: 'a@example.com',
    });
  });

  it("leaves out Kazoo's click-to-call id (the only credential of an open click-to-call) and its API key", () => {
    const kazoo: Settings = {
      ...current,
      provider: {
        type: 'kazoo',
        baseUrl: 'http://pbx.example.com:8000',
        accountId: 'acc-4b31dd1d',
        clickToCallId: 'c2c5f0e1d2c3b4a5968778695a4b3c2d',
        apiKey: 'k'.repeat(64),
      },
    };
    const text = exportSettings(kazoo, false);
    expect(text).not.toContain('c2c5f0e1d2c3b4a5968778695a4b3c2d');
    expect(text).not.toContain('k'.repeat(64));
    expect(JSON.parse(text).provider).toEqual({
      type: 'kazoo',
      baseUrl: 'http://pbx.example.com:8000',
      accountId: 'acc-4b31dd1d',
    });
    const back = importSettings(text, kazoo);
    expect(back).toEqual({
      ok: true,
      settings: kazoo,
      keptSecrets: ['provider.clickToCallId', 'provider.apiKey', 'callLog.channelKey', 'callLog.apiKey'],
    });
  });

  it("leaves out a custom provider's URL (passcode=, key=) and headers (Authorization), and imports them back", () => {
    const custom: Settings = {
      ...current,
      provider: {
        type: 'custom',
        method: 'GET',
        url: 'http://192.0.2.7/cgi-bin/api-make_call?passcode=Adm1nPa55&phonenumber={number}',
        headers: { Authorization: 'Bearer cst_live_9f8e7d6c5b4a' },
        body: '',
        extension: '',
      },
    };
    const text = exportSettings(custom, false);
    expect(text).not.toContain('Adm1nPa55');
    expect(text).not.toContain('cst_live_9f8e7d6c5b4a');
    expect(JSON.parse(text).provider).toEqual({ type: 'custom', method: 'GET', body: '', extension: '' });
    const back = importSettings(text, custom);
    expect(back.ok && back.settings).toEqual(custom);
    expect(back.ok && back.keptSecrets).toContain('provider.headers');
  });

  it('leaves the Yeastar password out too', () => {
    const yeastar: Settings = {
      ...current,
      provider: {
        type: 'yeastar-s',
        baseUrl: 'https://pbx.example.com',
        username: 'api',
        password: 'pw-1',
        extension: '1',
        dialPermission: '',
      },
    };
    expect(JSON.parse(exportSettings(yeastar, false)).provider).not.toHaveProperty('password');
  });

  it('includes credentials when asked, and the result imports back to the same settings', () => {
    const text = exportSettings(current, true);
    expect(JSON.parse(text).provider.apiKey).toBe('current-key');
    expect(importSettings(text, defaultSettings())).toEqual({ ok: true, settings: current, keptSecrets: [] });
  });

  it('does not change the settings it was given', () => {
    const copy = structuredClone(current);
    exportSettings(current, false);
    expect(current).toEqual(copy);
  });
});

describe('importSettings', () => {
  it('keeps the current credentials when the file is for the same provider and has none', () => {
    const file = exportSettings({ ...current, dialing: { ...current.dialing, outboundPrefix: '9' } }, false);
    const result = importSettings(file, current);
    expect(result).toEqual({
      ok: true,
      settings: { ...current, dialing: { ...current.dialing, outboundPrefix: '9' } },
      keptSecrets: ['provider.apiKey', 'callLog.channelKey', 'callLog.apiKey'],
    });
  });

  it('never carries a stored credential to another host: the file goes to the form with it blank (issue 15)', () => {
    const file = JSON.stringify({
      version: 1,
      provider: { type: 'maxotel', baseUrl: 'https://evil.example/', extension: '101' },
    });
    const result = importSettings(file, current);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([{ path: 'provider.apiKey', message: 'is required' }]);
    expect(result.clearedSecrets).toEqual(['provider.apiKey']);
    expect(result.incomplete?.provider).toEqual({
      type: 'maxotel',
      baseUrl: 'https://evil.example/',
      apiKey: '',
      extension: '101',
    });
    expect(JSON.stringify(result)).not.toContain('current-key');
  });

  it.each([
    ['http://myapi.maxo.com.au/', 'another scheme'],
    ['https://myapi.maxo.com.au:8443/', 'another port'],
    ['https://myapi.voipportal.com.au/', 'another reseller host'],
  ])('treats %s as another host (%s)', (baseUrl) => {
    const file = JSON.stringify({ version: 1, provider: { type: 'maxotel', baseUrl, extension: '101' } });
    const result = importSettings(file, current);
    expect(!result.ok && result.clearedSecrets).toEqual(['provider.apiKey']);
  });

  it('keeps the key when the file leaves the address to its default, the same as the stored one', () => {
    const file = JSON.stringify({ version: 1, provider: { type: 'maxotel', extension: '102' } });
    const result = importSettings(file, current);
    expect(result.ok && result.keptSecrets).toEqual(['provider.apiKey']);
  });

  it('clears the call log key too when its host changes', () => {
    const file = JSON.stringify({
      version: 1,
      provider: { type: 'maxotel', extension: '101' },
      callLog: { type: 'helpdeskeddy', baseUrl: 'https://other.helpdeskeddy.com', channelKey: 'c', email: 'a@b.co' },
    });
    const result = importSettings(file, current);
    expect(!result.ok && result.clearedSecrets).toEqual(['callLog.apiKey']);
    expect(!result.ok && result.incomplete?.provider).toMatchObject({ apiKey: 'current-key' });
  });

  it('uses the credentials in the file when it has them', () => {
    const file = JSON.stringify({ version: 1, provider: { ...current.provider, apiKey: 'from-file' } });
    const result = importSettings(file, current);
    expect(result.ok && result.settings.provider).toMatchObject({ apiKey: 'from-file' });
    expect(result.ok && result.keptSecrets).toEqual([]);
  });

  it('does not carry credentials over to another provider: the missing key is a named problem', () => {
    const file = JSON.stringify({
      version: 1,
      provider: { type: 'netsapiens', baseUrl: 'https://portal.example.com' },
    });
    expect(importSettings(file, current)).toEqual({
      ok: false,
      problems: [{ path: 'provider.apiKey', message: 'is required' }],
    });
  });

  it('names every problem of an invalid document', () => {
    const file = JSON.stringify({
      version: 1,
      provider: { type: 'maxotel', baseUrl: 'nope', apiKey: 'k', extension: '101' },
      dialing: { numberFormat: 'weird' },
      colour: 'blue',
    });
    const result = importSettings(file, current);
    expect(result.ok).toBe(false);
    const paths = result.ok ? [] : result.problems.map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['colour', 'provider.baseUrl', 'dialing.numberFormat']));
  });

  it('says when the file is not JSON, or not an object', () => {
    const notJson = importSettings('{ "version": 1,', current);
    expect(notJson.ok).toBe(false);
    expect(notJson.ok ? '' : notJson.problems[0]!.message).toMatch(/^The file is not JSON/);
    const list = importSettings('[1, 2]', current);
    expect(list.ok ? '' : list.problems[0]!.message).toMatch(/one settings object/);
  });

  it('rejects a document from a future version by name', () => {
    const result = importSettings(JSON.stringify({ version: 99 }), current);
    expect(result.ok ? [] : result.problems.map((p) => p.path)).toEqual(['version']);
  });
});
