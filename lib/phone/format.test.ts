import { describe, expect, it } from 'vitest';
import { formatForPbx, internationalPrefix, type FormatOptions } from './format';

const opts = (
  numberFormat: FormatOptions['numberFormat'],
  defaultCountry = 'US',
  outboundPrefix = '',
): FormatOptions => ({
  numberFormat,
  defaultCountry,
  outboundPrefix,
});

describe('formatForPbx', () => {
  it.each<[string, FormatOptions, string]>([
    // e164: unchanged, and never prefixed.
    ['+14155550132', opts('e164'), '+14155550132'],
    ['+14155550132', opts('e164', 'US', '9'), '+14155550132'],
    ['+442079460958', opts('e164', 'DE', '0'), '+442079460958'],
    // digits: the E.164 digits, with the outbound prefix.
    ['+14155550132', opts('digits'), '14155550132'],
    ['+14155550132', opts('digits', 'US', '9'), '914155550132'],
    ['+442079460958', opts('digits', 'GB', '9'), '9442079460958'],
  ])('%s as %j → %s', (input, options, expected) => {
    expect(formatForPbx(input, options)).toBe(expected);
  });

  describe('dialable at home: national digits with the trunk prefix', () => {
    it.each<[string, string, string]>([
      ['+14155550132', 'US', '4155550132'],
      ['+442079460958', 'GB', '02079460958'],
      ['+4915112345678', 'DE', '015112345678'],
      ['+33142685300', 'FR', '0142685300'],
      ['+390612345678', 'IT', '0612345678'], // Italy keeps the 0 inside the national number
      ['+61291234567', 'AU', '0291234567'],
      ['+81312345678', 'JP', '0312345678'],
      ['+74951234567', 'RU', '84951234567'], // Russia's trunk prefix is 8
      ['+3612345678', 'HU', '0612345678'], // Hungary's trunk prefix is 06
      ['+8613812345678', 'CN', '13812345678'], // Chinese mobiles are dialled without the 0
      ['+14155550132', 'us', '4155550132'], // country code in lower case
    ])('%s from %s → %s', (input, country, expected) => {
      expect(formatForPbx(input, opts('dialable', country))).toBe(expected);
    });
  });

  describe('dialable abroad: home IDD prefix + country code + number', () => {
    it.each<[string, string, string]>([
      ['+442079460958', 'US', '011442079460958'],
      ['+442079460958', 'DE', '00442079460958'],
      ['+442079460958', 'FR', '00442079460958'],
      ['+442079460958', 'AU', '0011442079460958'],
      ['+442079460958', 'JP', '010442079460958'],
      ['+14155550132', 'GB', '0014155550132'],
      ['+14155550132', 'RU', '81014155550132'], // "8~10": the wait-for-tone mark is dropped
      ['+390612345678', 'US', '011390612345678'], // the Italian leading 0 stays after the country code
      ['+61291234567', 'GB', '0061291234567'],
    ])('%s from %s → %s', (input, country, expected) => {
      expect(formatForPbx(input, opts('dialable', country))).toBe(expected);
    });
  });

  describe('dialable between countries sharing a calling code', () => {
    it.each<[string, string, string]>([
      ['+16045550132', 'US', '16045550132'], // US → Canada: 1 + ten digits
      ['+14155550132', 'CA', '14155550132'], // Canada → US
      ['+16045550132', 'CA', '6045550132'], // at home in Canada
      ['+441481123456', 'GB', '01481123456'], // Guernsey from GB: a national number
      ['+79123456789', 'KZ', '89123456789'], // Russia from Kazakhstan (+7): national
    ])('%s from %s → %s', (input, country, expected) => {
      expect(formatForPbx(input, opts('dialable', country))).toBe(expected);
    });
  });

  it('prepends the outbound prefix to dialable numbers, at home and abroad', () => {
    expect(formatForPbx('+14155550132', opts('dialable', 'US', '9'))).toBe('94155550132');
    expect(formatForPbx('+442079460958', opts('dialable', 'US', '9'))).toBe('9011442079460958');
    expect(formatForPbx('+442079460958', opts('dialable', 'GB', '9'))).toBe('902079460958');
  });

  it('sends E.164 (without the prefix) abroad from a country with no single IDD prefix', () => {
    // Brazil picks a carrier code per call (0021, 0015…), Korea and Singapore per carrier too.
    expect(formatForPbx('+14155550132', opts('dialable', 'BR', '9'))).toBe('+14155550132');
    expect(formatForPbx('+442079460958', opts('dialable', 'KR'))).toBe('+442079460958');
    // …while at home they still get national digits.
    expect(formatForPbx('+5511912345678', opts('dialable', 'BR'))).toBe('11912345678');
  });

  it.each(['4155550132', '+0123', '+1 415 555 0132', '', '+1234567890123456'])('rejects %j as not E.164', (input) => {
    expect(() => formatForPbx(input, opts('digits'))).toThrow(/E\.164/);
  });

  it('names an unknown home country', () => {
    expect(() => formatForPbx('+14155550132', opts('dialable', 'XX'))).toThrow(/"XX".*defaultCountry/);
  });

  it('rejects a number with no known country calling code when it must be dialled', () => {
    expect(() => formatForPbx('+99912345', opts('dialable', 'US'))).toThrow(/calling code/);
    // e164 and digits need no metadata.
    expect(formatForPbx('+99912345', opts('digits'))).toBe('99912345');
  });
});

describe('internationalPrefix', () => {
  it.each<[string, string | undefined]>([
    ['US', '011'],
    ['CA', '011'],
    ['GB', '00'],
    ['DE', '00'],
    ['AU', '0011'],
    ['JP', '010'],
    ['RU', '810'],
    ['BR', undefined],
    ['KR', undefined],
    ['XX', undefined],
  ])('%s → %s', (country, prefix) => {
    expect(internationalPrefix(country)).toBe(prefix);
  });
});
