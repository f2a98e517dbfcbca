import { describe, expect, it } from 'vitest';
import { english } from '@/tests/unit/support/locale';
import {
  canonicalNumber,
  findNumberInText,
  isTelLink,
  parseDialNumber,
  stripTelUri,
  type NumberOutcome,
} from './number';

/** A failed outcome as an English reader sees it. */
const inEnglish = (o: NumberOutcome) => (o.ok ? o : { ok: false, message: english(o.text) });

describe('stripTelUri', () => {
  it.each([
    ['tel:+1-415-555-0132', '+1-415-555-0132'],
    ['tel:+1-415-555-0132;ext=204', '+1-415-555-0132;ext=204'],
    ['tel:0412345678;phone-context=+61', '0412345678'],
    ['callto://+14155550132', '+14155550132'],
    ['sip:+14155550132@pbx.example.com;transport=tcp', '+14155550132'],
    ['tel:%2B14155550132', '+14155550132'],
    ['+61 412 345 678', '+61 412 345 678'],
  ])('%s → %s', (raw, expected) => {
    expect(stripTelUri(raw)).toBe(expected);
  });
});

describe('parseDialNumber', () => {
  it('reads E.164 with an extension from a page link', () => {
    const r = parseDialNumber('+14155550132;ext=204', ['US']);
    expect(r).toEqual({
      ok: true,
      number: {
        e164: '+14155550132',
        extension: '204',
        display: '+1 415 555 0132 ext. 204',
        displayNumber: '+1 415 555 0132',
        premiumRate: false,
      },
    });
    expect(r.ok && canonicalNumber(r.number)).toBe('+14155550132;ext=204');
  });

  it('tries the page country first, then the default country', () => {
    const r = parseDialNumber('0412 345 678', ['AU', 'US']);
    expect(r.ok && r.number.e164).toBe('+61412345678');
    const fallback = parseDialNumber('(415) 555-0132', ['AU', 'US']);
    expect(fallback.ok && fallback.number.e164).toBe('+14155550132');
  });

  it('reads tel:, callto: and sip: links', () => {
    for (const raw of ['tel:+1-415-555-0132', 'callto:+14155550132', 'sip:+14155550132@pbx.example']) {
      const r = parseDialNumber(raw, ['DE']);
      expect(r.ok && r.number.e164).toBe('+14155550132');
    }
  });

  it('flags premium-rate numbers from the metadata, not ordinary ones', () => {
    const premium = (n: string, c: string) => {
      const r = parseDialNumber(n, [c]);
      return r.ok && r.number.premiumRate;
    };
    expect(premium('+1 900 555 0100', 'US')).toBe(true);
    expect(premium('1900 123 456', 'AU')).toBe(true);
    expect(premium('0412 345 678', 'AU')).toBe(false);
    expect(premium('+1 415 555 0132', 'US')).toBe(false);
  });

  it('refuses text that is not a number, and numbers that do not exist', () => {
    expect(inEnglish(parseDialNumber('hello', ['US']))).toEqual({
      ok: false,
      message: '"hello" is not a phone number.',
    });
    const r = parseDialNumber('123', ['US']);
    expect(r.ok).toBe(false);
    expect(!r.ok && english(r.text)).toMatch(/"123" is not a valid phone number in US/);
    expect(parseDialNumber('call 0412 345 678 later', ['AU']).ok).toBe(false);
  });

  it('ignores hints that are not countries', () => {
    const r = parseDialNumber('+14155550132', ['XX', undefined]);
    expect(r.ok).toBe(true);
  });
});

describe('findNumberInText', () => {
  it('finds the first number in a selection', () => {
    const r = findNumberInText('Ring Anna on 0412 345 678 or the office', ['AU']);
    expect(r.ok && r.number.e164).toBe('+61412345678');
  });

  it('says when a selection holds no number', () => {
    expect(inEnglish(findNumberInText('Invoice 2024-11-03 paid', ['US']))).toEqual({
      ok: false,
      message: 'No phone number found in "Invoice 2024-11-03 paid".',
    });
    expect(inEnglish(findNumberInText('   ', ['US']))).toEqual({
      ok: false,
      message: 'Nothing is selected: select a phone number first.',
    });
  });
});

describe('isTelLink', () => {
  it('knows the phone schemes', () => {
    expect(isTelLink('tel:+1')).toBe(true);
    expect(isTelLink('CALLTO:+1')).toBe(true);
    expect(isTelLink('sips:+1@x')).toBe(true);
    expect(isTelLink('https://example.com/tel:1')).toBe(false);
    expect(isTelLink(undefined)).toBe(false);
  });
});
