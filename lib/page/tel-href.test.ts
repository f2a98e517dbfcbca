import { describe, expect, it } from 'vitest';
import { numberFromTelHref, telScheme } from './tel-href';

describe('numberFromTelHref', () => {
  it.each([
    ['tel:+14155550132', '+14155550132'],
    ['TEL:+1-415-555-0132', '+1-415-555-0132'],
    ['tel:%2B1%20415%20555%200132', '+1 415 555 0132'],
    ['tel:+14155550132;ext=204', '+14155550132;ext=204'],
    ['tel:+14155550132;phone-context=example.com', '+14155550132'],
    ['tel:(030)%2012345678', '(030) 12345678'],
    ['callto:+14155550132', '+14155550132'],
    ['callto://+14155550132', '+14155550132'],
    ['sip:+14155550132@pbx.example;user=phone', '+14155550132'],
    ['sip:1001@pbx.example', '1001'],
    ['tel:+14155550132?body=hi', '+14155550132'],
  ])('%s → %s', (href, number) => {
    expect(numberFromTelHref(href)).toBe(number);
  });

  it.each([
    'sip:alice@example.com', // user part is a name
    'sip:pbx.example', // no user part
    'callto:skype.name',
    'tel:',
    'tel:abc',
    'tel:%E0%A4%A', // malformed escape
    'mailto:+14155550132@example.com',
    'https://example.com/tel:+14155550132',
    'javascript:alert(1)',
    'sips:+14155550132@pbx.example',
  ])('%s is not a number to dial', (href) => {
    expect(numberFromTelHref(href)).toBeNull();
  });
});

describe('telScheme', () => {
  it('names the scheme, case-insensitively', () => {
    expect(telScheme(' Tel:+1')).toBe('tel');
    expect(telScheme('CALLTO:x')).toBe('callto');
    expect(telScheme('sip:x@y')).toBe('sip');
    expect(telScheme('http://x')).toBeNull();
  });
});
