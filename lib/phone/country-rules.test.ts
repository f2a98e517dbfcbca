import { describe, expect, it } from 'vitest';
import {
  countriesNamedIn,
  countryHint,
  hasWrittenTrunkPrefix,
  isBareNational,
  isPlaceholderNumber,
} from './country-rules';

describe('hasWrittenTrunkPrefix', () => {
  it('wants the 0 where the country always writes it', () => {
    expect(hasWrittenTrunkPrefix('FR', '123456789')).toBe(false);
    expect(hasWrittenTrunkPrefix('FR', '0123456789')).toBe(true);
    expect(hasWrittenTrunkPrefix('DE', '20240815')).toBe(false);
    expect(hasWrittenTrunkPrefix('GB', '00442079460000')).toBe(true); // international prefix
  });
  it('accepts service numbers written without it, and countries without the habit', () => {
    expect(hasWrittenTrunkPrefix('AU', '1300975707')).toBe(true);
    expect(hasWrittenTrunkPrefix('AU', '123456782')).toBe(false);
    expect(hasWrittenTrunkPrefix('IE', '1800555012')).toBe(true);
    expect(hasWrittenTrunkPrefix('IN', '9876543210')).toBe(true);
    expect(hasWrittenTrunkPrefix('IT', '3471234567')).toBe(true);
  });
});

describe('isBareNational (one trunk-0 country list with hasWrittenTrunkPrefix, issue 16)', () => {
  it('takes a whole national number written bare with its "0" where people write them so, and Chinese mobiles', () => {
    expect(isBareNational('GB', '02079460000')).toBe(true);
    expect(isBareNational('AU', '0492990844')).toBe(true);
    expect(isBareNational('JP', '0312345678')).toBe(true);
    expect(isBareNational('CN', '13912345678')).toBe(true);
  });
  it('not in trunk-0 countries where bare runs are order numbers, nor without the "0", nor too short or long', () => {
    expect(isBareNational('SE', '0812345678')).toBe(false);
    expect(isBareNational('IL', '0312345678')).toBe(false);
    expect(isBareNational('US', '04155550132')).toBe(false);
    expect(isBareNational('GB', '2079460000')).toBe(false);
    expect(isBareNational('GB', '012345678')).toBe(false);
    expect(isBareNational('GB', '0123456789012')).toBe(false);
    // A country that writes numbers bare still writes them with their trunk prefix.
    for (const cc of ['GB', 'FR', 'DE', 'AT', 'AU', 'NZ', 'IE', 'NL', 'BE', 'CH', 'ZA', 'JP']) {
      expect(isBareNational(cc, '0301234567'), cc).toBe(true);
      expect(hasWrittenTrunkPrefix(cc, '0301234567'), cc).toBe(true);
    }
  });
});

describe('isPlaceholderNumber', () => {
  it('is true when the last eight digits are one digit', () => {
    expect(isPlaceholderNumber('+442000000000')).toBe(true);
    expect(isPlaceholderNumber('+33899999999')).toBe(true);
    expect(isPlaceholderNumber('+18002222222')).toBe(false);
    expect(isPlaceholderNumber('+14155550132')).toBe(false);
  });
});

describe('countryHint', () => {
  it.each([
    ['UK: ', 'GB'],
    ['Phone (UK) ', 'GB'],
    ['London office: ', 'GB'],
    ['Germany (Berlin): ', 'DE'],
    ['New Zealand customers call ', 'NZ'],
    ['Niederlassung Österreich: ', 'AT'],
    ['UK: 020 7946 0411 · Australia: ', 'AU'],
  ])('%j names %s', (before, country) => expect(countryHint(before)).toBe(country));
  it.each([
    '',
    'Call us at ',
    'Germany 2024: ', // a number in between labels that one
    'made in germany: ', // names are capitalised
    'Zealand: ', // "New" is missing
    'Constructor: ', // not an Object.prototype key
    'IT support: ', // "IT" is a word, not a country code here
    'Australia, and after a long detour, call: ', // more than 32 characters back
  ])('%j names no country', (before) => expect(countryHint(before)).toBeNull());
});

describe('countriesNamedIn (issue 10: a page that says nothing in its host or lang)', () => {
  it('counts country and city names, currency signs, UK postcodes and one-country scripts', () => {
    expect(countriesNamedIn('Pennine & Co, Leeds LS1 5AB, England. Prices in £. Also New Zealand.')).toEqual(
      new Map([
        ['GB', 4],
        ['NZ', 1],
      ]),
    );
    expect(countriesNamedIn('Offices in Mumbai and Bengaluru, fees in ₹')).toEqual(new Map([['IN', 3]]));
    expect(countriesNamedIn('CS CENTER 고객센터')).toEqual(new Map([['KR', 5]]));
  });

  it('ignores lower-case words and words that only look like codes', () => {
    expect(countriesNamedIn('the london look, IT support, CONTACT US')).toEqual(new Map());
  });
});
