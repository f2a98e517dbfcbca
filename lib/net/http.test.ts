import { describe, expect, it } from 'vitest';
import { joinUrl, redactSecrets, refusalError, type HttpResponse } from './http';

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

describe('refusalError', () => {
  const answer = (status: number, text: string, type = 'application/json'): HttpResponse => ({
    status,
    headers: new Headers({ 'content-type': type }),
    text,
    json: undefined,
  });
  const hide = (text: string) => redactSecrets(text, ['s3cret-key'], '[secret]');

  it("gives the provider's kind and message, with its words blanked, else an excerpt of the body, else the status", () => {
    const said = refusalError(
      answer(403, '{}'),
      'PBX',
      'dial',
      ['permission', 'Not allowed.'],
      'denied s3cret-key',
      hide,
    );
    expect(said).toMatchObject({
      kind: 'permission',
      message: 'Not allowed.',
      details: { provider: 'PBX', status: 403, providerMessage: 'denied [secret]', step: 'dial' },
    });
    const body = refusalError(answer(500, ' oops  s3cret-key\n'), 'PBX', 'dial', ['unexpected', 'Error.'], '', hide);
    expect(body.details.providerMessage).toBe('oops [secret]');
    const bare = refusalError(answer(502, '  '), 'PBX', 'login', ['unexpected', 'Error.'], undefined, hide);
    expect(bare.details.providerMessage).toBe('HTTP 502');
  });

  it('a web page is the HTML-answer error, whatever the status', () => {
    const page = refusalError(
      answer(200, '<!doctype html><p>Sign in', 'text/html'),
      'PBX',
      'test',
      ['auth', 'x'],
      undefined,
      hide,
    );
    expect(page).toMatchObject({ kind: 'unexpected', details: { providerMessage: 'an HTML page', step: 'test' } });
  });
});
