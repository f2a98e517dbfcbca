import { describe, expect, it } from 'vitest';
import { joinUrl, redactSecrets } from './http';

describe('redactSecrets', () => {
  it('takes every occurrence of each secret out, with the given mark', () => {
    expect(redactSecrets('key abcd1234 rejected; abcd1234 again', ['abcd1234'])).toBe('key … rejected; … again');
    expect(redactSecrets('Unknown key k-9999', ['k-9999'], '[API key]')).toBe('Unknown key [API key]');
    expect(redactSecrets('tok T0K3N and pw p4ss', ['T0K3N', 'p4ss', undefined])).toBe('tok … and pw …');
  });

  it('leaves secrets under 4 characters, which would blank ordinary words', () => {
    expect(redactSecrets('extension 101 is offline', ['101', ''])).toBe('extension 101 is offline');
  });
});

describe('joinUrl', () => {
  it('joins with exactly one slash', () => {
    expect(joinUrl('https://pbx.example/', '/api/x')).toBe('https://pbx.example/api/x');
    expect(joinUrl('https://pbx.example', 'api/x')).toBe('https://pbx.example/api/x');
  });
});
