import { describe, expect, it } from 'vitest';
import { defaultSettings, type Settings } from '@/lib/settings/schema';
import { originPattern, requiredOrigins } from './permissions';

describe('requiredOrigins', () => {
  it('is empty when nothing is configured', () => {
    expect(requiredOrigins(defaultSettings())).toEqual([]);
  });

  it('asks for the provider and call log hosts, any port, without duplicates', () => {
    const settings: Settings = {
      ...defaultSettings(),
      provider: {
        type: 'kazoo',
        baseUrl: 'http://pbx.example.com:8000',
        accountId: 'a',
        clickToCallId: 'c',
        apiKey: '',
      },
      callLog: {
        type: 'helpdeskeddy',
        baseUrl: 'https://acme.helpdeskeddy.com/',
        channelKey: 'k',
        email: 'a@example.com',
        apiKey: 'x',
      },
    };
    expect(requiredOrigins(settings)).toEqual(['http://pbx.example.com/*', 'https://acme.helpdeskeddy.com/*']);
    expect(
      requiredOrigins({ ...settings, callLog: { ...settings.callLog!, baseUrl: 'http://pbx.example.com:9' } }),
    ).toEqual(['http://pbx.example.com/*']);
  });

  it('reads the host of a custom URL template', () => {
    const settings: Settings = {
      ...defaultSettings(),
      provider: {
        type: 'custom',
        method: 'GET',
        url: 'https://{extension}.phones.example/dial?n={number}',
        headers: {},
        body: '',
        extension: '7',
      },
    };
    expect(requiredOrigins(settings)).toEqual(['https://7.phones.example/*']);
  });
});

describe('originPattern', () => {
  it('refuses what is not http(s)', () => {
    expect(originPattern('ftp://x.example')).toBeNull();
    expect(originPattern('not a url')).toBeNull();
  });
});
