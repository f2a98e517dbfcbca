import { describe, expect, it } from 'vitest';
import { dialNumberFor, readDialInput, stripDialUri } from './dial-input';

describe('readDialInput', () => {
  it.each([
    ['+1 415-555-0132', '+14155550132', 'US'],
    ['(415) 555.0132', '+14155550132', 'US'],
    ['tel:+1-415-555-0132', '+14155550132', 'US'],
    ['tel:%2B14155550132;phone-context=example.com', '+14155550132', 'US'],
    ['callto://+442079460018', '+442079460018', 'GB'],
    ['sip:+4930123456@pbx.example.com;user=phone', '+4930123456', 'DE'],
    ['+44 (0)20 7946 0018', '+442079460018', 'GB'],
    ['  +49 (30) 1234-567  ', '+49301234567', 'DE'],
  ])('reads %j as %s in %s', (text, e164, country) => {
    const input = readDialInput(text, 'US');
    expect(input).toMatchObject({ kind: 'number', e164, country, valid: true });
  });

  it('reads national numbers with the default country', () => {
    expect(readDialInput('030 1234567', 'DE')).toMatchObject({ kind: 'number', e164: '+49301234567', country: 'DE' });
    expect(readDialInput('020 7946 0018', 'GB')).toMatchObject({ e164: '+442079460018', display: '+44 20 7946 0018' });
  });

  it('keeps an extension apart from the number', () => {
    expect(readDialInput('(415) 555-0132 ext. 204', 'US')).toMatchObject({ e164: '+14155550132', ext: '204' });
    expect(readDialInput('tel:+14155550132;ext=7', 'US')).toMatchObject({ e164: '+14155550132', ext: '7' });
  });

  it('says when a number is possible but not valid for its country', () => {
    expect(readDialInput('030 1234567', 'US')).toMatchObject({ kind: 'number', valid: false });
  });

  it('shows partial input as typed so far', () => {
    expect(readDialInput('+1 415 55', 'US')).toEqual({ kind: 'partial', typed: '+1 415 55' });
    expect(readDialInput('abc', 'US')).toEqual({ kind: 'partial', typed: 'abc' });
    expect(readDialInput('   ', 'US')).toEqual({ kind: 'empty' });
  });
});

describe('stripDialUri', () => {
  it('drops the scheme, the SIP host and parameters except ext', () => {
    expect(stripDialUri('sip:1000@pbx.example.com;transport=tcp')).toBe('1000');
    expect(stripDialUri('TEL:+1-415-555-0132;ext=22;isub=1')).toBe('+1-415-555-0132;ext=22');
    expect(stripDialUri(' 0201 ')).toBe('0201');
  });

  it('keeps text with a stray % as it is', () => {
    expect(stripDialUri('tel:12%')).toBe('12%');
  });
});

describe('dialNumberFor', () => {
  it('sends E.164 with ;ext= for a number', () => {
    const text = '+1 (415) 555-0132 x 12';
    expect(dialNumberFor(readDialInput(text, 'US'), text)).toBe('+14155550132;ext=12');
  });

  it('sends what was typed (scheme stripped) when it is not a number, for the background to explain', () => {
    expect(dialNumberFor(readDialInput('tel:12', 'US'), 'tel:12')).toBe('12');
  });
});
