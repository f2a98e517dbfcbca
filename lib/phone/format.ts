/**
 * What reaches the PBX for a number: `dialing.numberFormat` and `dialing.outboundPrefix` applied to an E.164
 * number (../shared/design.md "Numbers", issue 4).
 *
 * Uses the `min` metadata: it holds what formatting needs (national formats with the trunk prefix, IDD
 * prefixes), which detection's trimmed `max` (lib/phone/metadata.detect.json) deliberately drops, and it
 * keeps the background small. The number was already validated when it was detected or typed.
 */
import {
  getCountryCallingCode,
  isSupportedCountry,
  Metadata,
  parsePhoneNumberFromString,
  type CountryCode,
} from 'libphonenumber-js/min';

export interface FormatOptions {
  numberFormat: 'e164' | 'digits' | 'dialable';
  /** Prepended in `digits` and `dialable` formats only, e.g. "9". */
  outboundPrefix: string;
  /** ISO 3166-1 alpha-2 country the user dials from. */
  defaultCountry: string;
}

const E164 = /^\+[1-9]\d{1,14}$/;

/**
 * The single international (IDD) prefix dialled from `country` (011 from the US, 00 from most of Europe, 0011
 * from Australia, 810 from Russia), or undefined when the country has none single (Brazil, South Korea,
 * Singapore… pick one per carrier) or the country is unknown.
 */
export function internationalPrefix(country: string): string | undefined {
  const code = country.toUpperCase();
  if (!isSupportedCountry(code)) return undefined;
  const metadata = new Metadata();
  metadata.selectNumberingPlan(code);
  const plan = metadata.numberingPlan;
  if (!plan) return undefined;
  // Same rule as libphonenumber's own IDD formatter: a preferred prefix if the metadata names one, else the
  // prefix pattern when it is a plain digit string. A "~" means "wait for a second dial tone"; a PBX dials the
  // digits straight through, so it is dropped ("8~10" → "810").
  const preferred = plan.defaultIDDPrefix();
  const candidate = preferred || plan.IDDPrefix();
  if (!/^\d+(?:[~\u2053\u223C\uFF5E]\d+)?$/.test(candidate)) return undefined;
  return candidate.replace(/\D/g, '');
}

/**
 * What reaches the PBX for an E.164 number.
 * - `e164`: `+14155550132`, unchanged (the outbound prefix is not added: a "+" number needs none).
 * - `digits`: prefix + `14155550132`.
 * - `dialable`: prefix + the number as dialled from `defaultCountry`: national digits with the trunk prefix at
 *   home (`4155550132` in the US, `02079460958` in GB), the home IDD prefix + country code + number abroad
 *   (`011442079460958` from the US). Where the home country has no single IDD prefix, the E.164 form is sent
 *   (most PBXs route a leading "+" as international), without the outbound prefix.
 * @throws TypeError when `e164` is not an E.164 number, or (for `dialable`) `defaultCountry` is not a country.
 */
export function formatForPbx(e164: string, options: FormatOptions): string {
  if (!E164.test(e164)) throw new TypeError(`"${e164}" is not an international number in E.164 form (+ and digits)`);
  const prefix = options.outboundPrefix;
  switch (options.numberFormat) {
    case 'e164':
      return e164;
    case 'digits':
      return prefix + e164.slice(1);
    case 'dialable': {
      const dialable = asDialledFrom(e164, options.defaultCountry);
      return dialable.startsWith('+') ? dialable : prefix + dialable;
    }
  }
}

function asDialledFrom(e164: string, defaultCountry: string): string {
  const home = defaultCountry.toUpperCase();
  if (!isSupportedCountry(home)) {
    throw new TypeError(
      `"${defaultCountry}" is not a country code the number formatter knows (dialing.defaultCountry)`,
    );
  }
  const number = parsePhoneNumberFromString(e164);
  if (!number) throw new TypeError(`"${e164}" does not start with a known country calling code`);
  const homeCallingCode = getCountryCallingCode(home as CountryCode);
  if (number.countryCallingCode === homeCallingCode) {
    // NANP countries share +1 but a call between two of them (US → CA) is dialled 1 + ten digits, as
    // libphonenumber's out-of-country formatter does; within one country (or when the metadata cannot tell
    // which country a +1 number belongs to) the ten national digits are dialled.
    if (homeCallingCode === '1' && number.country && number.country !== home) {
      return `1${number.nationalNumber}`;
    }
    // Countries sharing another code (GB, GG, JE, IM on +44) dial each other as national numbers.
    return number.format('NATIONAL').replace(/\D/g, '');
  }
  const idd = internationalPrefix(home);
  if (!idd) return e164;
  return `${idd}${number.countryCallingCode}${number.nationalNumber}`;
}
