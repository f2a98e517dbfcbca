import { describe, expect, it } from 'vitest';
import { hostMatchesPattern, isHostBlocked, isValidSitePattern } from './sites';

describe('site patterns', () => {
  it.each(['example.com', '*.bank.example', 'localhost', '127.0.0.1', 'xn--bcher-kva.example', 'a-b.c'])(
    'accepts %s',
    (p) => expect(isValidSitePattern(p)).toBe(true),
  );
  it.each([
    '',
    '*',
    '*.',
    'https://example.com',
    'example.com/path',
    'exa mple.com',
    '-a.com',
    'a-.com',
    'ex*.com',
    'example.com:8080',
  ])('rejects %j', (p) => expect(isValidSitePattern(p)).toBe(false));
  it('matches exact hosts and wildcard subdomains', () => {
    expect(hostMatchesPattern('crm.example.com', 'crm.example.com')).toBe(true);
    expect(hostMatchesPattern('www.crm.example.com', 'crm.example.com')).toBe(false);
    expect(hostMatchesPattern('bank.example', '*.bank.example')).toBe(true);
    expect(hostMatchesPattern('a.b.bank.example', '*.bank.example')).toBe(true);
    expect(hostMatchesPattern('notbank.example', '*.bank.example')).toBe(false);
    expect(hostMatchesPattern('Bank.Example.', '*.bank.example')).toBe(true);
    expect(isHostBlocked('x.example', ['a.example', '*.x.example'])).toBe(true);
    expect(isHostBlocked('x.example', [])).toBe(false);
  });
});
