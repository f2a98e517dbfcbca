import { describe, expect, it } from 'vitest';
import { explicitCountriesIn, findPhoneNumbers, mightContainPhone } from './detect';
import { found } from '../../tests/unit/support/found';

describe('mightContainPhone', () => {
  it('is false below seven digits and true from seven on', () => {
    expect(mightContainPhone('')).toBe(false);
    expect(mightContainPhone('Total: $12.99 for 3 items')).toBe(false);
    expect(mightContainPhone('Call 555-0132')).toBe(true);
    expect(mightContainPhone('１２３４５６７')).toBe(true); // full-width digits (Japanese pages)
  });
});

describe('findPhoneNumbers: formats', () => {
  it.each([
    ['US', '(415) 555-0132', '+14155550132'],
    ['US', '415-555-0132', '+14155550132'],
    ['US', '415.555.0132', '+14155550132'],
    ['US', '1-800-555-0199', '+18005550199'],
    ['US', '+1 (212) 555-0187', '+12125550187'],
    ['GB', '020 7946 0000', '+442079460000'],
    ['GB', '+44 (0)20 7946 0018', '+442079460018'],
    ['GB', '07400 123456', '+447400123456'],
    ['DE', '030 12345678', '+493012345678'],
    ['DE', '+49 (0) 30 12 34 56 78', '+493012345678'],
    ['DE', '030/1234567', '+49301234567'],
    ['DE', '030 / 123 45 67', '+49301234567'],
    ['FR', '01 23 45 67 89', '+33123456789'],
    ['FR', '06.12.34.56.78', '+33612345678'],
    ['AU', '(02) 9876 5432', '+61298765432'],
    ['AU', '0412 345 678', '+61412345678'],
    ['IN', '+91 98765 43210', '+919876543210'],
    ['JP', '03-1234-5678', '+81312345678'],
    ['JP', '０３－１２３４－５６７８', '+81312345678'],
    ['BR', '(11) 91234-5678', '+5511912345678'],
    ['NL', '06-12345678', '+31612345678'],
    ['CH', '044 668 18 00', '+41446681800'],
    ['ES', '912 345 678', '+34912345678'],
    ['IT', '02 1234 5678', '+390212345678'],
  ])('%s %s', (country, written, e164) => {
    const text = `Contact: ${written} (office)`;
    expect(found(text, country)).toEqual([[written, e164]]);
  });

  it('accepts non-breaking spaces, narrow no-break spaces and Unicode dashes as separators', () => {
    expect(found('Ruf an: 030\u00A012345678', 'DE')).toEqual([['030\u00A012345678', '+493012345678']]);
    expect(found('+33\u202F1\u202F42\u202F68\u202F53\u202F00', 'FR')).toEqual([
      ['+33\u202F1\u202F42\u202F68\u202F53\u202F00', '+33142685300'],
    ]);
    expect(found('415\u2011555\u20110132 or 415\u2013555\u20130133', 'US')).toEqual([
      ['415\u2011555\u20110132', '+14155550132'],
      ['415\u2013555\u20130133', '+14155550133'],
    ]);
  });

  it('reports offsets into the text, with parentheses around the whole number left outside', () => {
    const text = 'Jane (415-555-0132) and (415) 555-0133.';
    const matches = findPhoneNumbers(text, { country: 'US' });
    expect(matches.map((m) => [m.start, m.end])).toEqual([
      [6, 18],
      [24, 38],
    ]);
    expect(found(text, 'US')).toEqual([
      ['415-555-0132', '+14155550132'],
      ['(415) 555-0133', '+14155550133'],
    ]);
  });

  it('reads international numbers whatever the page country', () => {
    expect(found('Tokyo +81 3-1234-5678, Berlin +49 30 12345678', 'US')).toEqual([
      ['+81 3-1234-5678', '+81312345678'],
      ['+49 30 12345678', '+493012345678'],
    ]);
  });

  it('finds nothing in national format for an unknown country, but still reads "+" numbers', () => {
    expect(found('Call 030 12345678 or +49 30 12345679', 'ZZ')).toEqual([['+49 30 12345679', '+493012345679']]);
  });

  it('splits numbers that share one run of digits and separators', () => {
    expect(found('Telefon: 030 1234567 / 030 1234568', 'DE')).toEqual([
      ['030 1234567', '+49301234567'],
      ['030 1234568', '+49301234568'],
    ]);
    expect(found('Tel.(415)555-0156/(415)555-0157', 'US')).toEqual([
      ['(415)555-0156', '+14155550156'],
      ['(415)555-0157', '+14155550157'],
    ]);
    expect(found('17 (415) 555-0132 2 items', 'US')).toEqual([['(415) 555-0132', '+14155550132']]);
  });
});

describe('findPhoneNumbers: extensions', () => {
  it.each([
    ['415-555-0132 x204', '204'],
    ['415-555-0132x204', '204'],
    ['415-555-0132 ext. 204', '204'],
    ['415-555-0132 ext 204', '204'],
    ['415-555-0132 Ext: 204', '204'],
    ['415-555-0132 extension 204', '204'],
    ['415-555-0132;ext=204', '204'],
    ['415-555-0132 #204', '204'],
  ])('%s', (written, ext) => {
    expect(found(`Support ${written}, thanks`, 'US')).toEqual([[written, '+14155550132', ext]]);
  });

  it('does not read a following word starting with x as an extension', () => {
    expect(found('415-555-0132 x2y', 'US')).toEqual([['415-555-0132', '+14155550132']]);
  });
});

describe('explicitCountriesIn', () => {
  it('counts the countries of a text\'s +CC numbers, most frequent first, not "+" in code or sums', () => {
    expect(explicitCountriesIn('Call +44 20 7946 0958 or +44 161 496 0000, US +1 415 555 0132')).toEqual(['GB', 'US']);
    expect(explicitCountriesIn('C++11, 2+2, x+1234567890')).toEqual([]);
  });
});
