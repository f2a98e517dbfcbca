/**
 * Emergency numbers are never dialled through the PBX (issue 15, item 1). A click-to-call goes out as the
 * company's trunk: the emergency service may get the wrong location or caller ID, and a page could trick a
 * person into calling one. libphonenumber-js has no emergency-number metadata (that is libphonenumber's
 * ShortNumberInfo, which the JS port leaves out), so the lists are kept here: the numbers every phone network
 * routes to emergency services (ITU-T E.161.1: 112 and 911; plus 999 and 000, which people dial abroad from
 * habit) and each country's own.
 */
import { getCountryCallingCode, isSupportedCountry, type CountryCode } from 'libphonenumber-js/min';
import { msg, type UiText } from '../ui/text';
import { stripTelUri } from './number';

/** Refused whatever the country: GSM phones route these to emergency services almost everywhere. */
export const UNIVERSAL_EMERGENCY = ['112', '911', '999', '000'] as const;

/**
 * National emergency numbers (police, fire, ambulance, coast guard), from each country's regulator and the
 * ITU's list of emergency numbers (https://www.itu.int/en/ITU-T/inr/Pages/emergency.aspx).
 */
export const NATIONAL_EMERGENCY: Readonly<Record<string, readonly string[]>> = {
  AE: ['997', '998', '999'],
  AR: ['100', '101', '107', '911'],
  AT: ['122', '128', '133', '140', '141', '144'],
  AU: ['000', '106', '112'],
  BE: ['100', '101', '112'],
  BR: ['190', '192', '193', '199'],
  CA: ['911'],
  CH: ['112', '117', '118', '143', '144', '145', '1414'],
  CL: ['131', '132', '133'],
  CN: ['110', '119', '120', '122'],
  CO: ['123'],
  CZ: ['150', '155', '158'],
  DE: ['110', '112', '116117'],
  DK: ['112', '114'],
  EG: ['122', '123', '180'],
  ES: ['061', '062', '080', '085', '088', '091', '092', '112'],
  FI: ['112'],
  FR: ['15', '17', '18', '112', '114', '115', '119', '191', '196'],
  GB: ['999', '112'],
  GR: ['100', '108', '166', '199'],
  HK: ['999', '112'],
  HU: ['104', '105', '107'],
  ID: ['110', '112', '113', '118', '119'],
  IE: ['999', '112'],
  IL: ['100', '101', '102'],
  IN: ['100', '101', '102', '108', '112'],
  IT: ['112', '113', '115', '118', '1530'],
  JP: ['110', '118', '119'],
  KE: ['999', '112'],
  KR: ['112', '119', '122'],
  MX: ['911', '065', '066', '068', '080'],
  MY: ['999', '991', '994'],
  NG: ['112', '199'],
  NL: ['112'],
  NO: ['110', '112', '113'],
  NZ: ['111'],
  PE: ['105', '116', '117'],
  PH: ['911', '117'],
  PK: ['15', '115', '1122'],
  PL: ['112', '997', '998', '999'],
  PT: ['112'],
  RU: ['101', '102', '103', '104', '112'],
  SA: ['911', '997', '998', '999'],
  SE: ['112'],
  SG: ['999', '995'],
  TH: ['191', '199', '1669'],
  TR: ['110', '112', '155', '156', '158'],
  TW: ['110', '119'],
  UA: ['101', '102', '103', '104', '112'],
  US: ['911'],
  VN: ['113', '114', '115'],
  ZA: ['10111', '10177', '112'],
};

function emergencyListFor(country: string): readonly string[] {
  return [...UNIVERSAL_EMERGENCY, ...(NATIONAL_EMERGENCY[country] ?? [])];
}

/**
 * The emergency number a dial request names, or undefined. Read in the countries of `countryHints` (the page's,
 * then `dialing.defaultCountry`), with or without the PBX's outbound prefix in front ("9911"), and written with
 * a country code ("+44 999", "+1 911").
 */
export function emergencyNumber(
  raw: string,
  countryHints: readonly (string | undefined)[],
  outboundPrefix = '',
): string | undefined {
  const text = stripTelUri(raw).replace(/;.*$/, '');
  // Letters mean it is not a bare short number (a SIP name, words typed in the dialer).
  if (/[a-z]/i.test(text)) return undefined;
  let digits = text.replace(/\D/g, '');
  if (!digits || digits.length > 12) return undefined;
  // "+44 999", or "0044 999" (the international prefix; "000" itself is Australia's emergency number).
  const idd = !text.trim().startsWith('+') && digits.startsWith('00') && digits.length > 4;
  if (text.trim().startsWith('+') || idd) {
    if (idd) digits = digits.slice(2);
    for (const country of Object.keys(NATIONAL_EMERGENCY)) {
      if (!isSupportedCountry(country)) continue;
      const code = getCountryCallingCode(country as CountryCode);
      if (!digits.startsWith(code)) continue;
      const rest = digits.slice(code.length);
      const hit = emergencyListFor(country).find((n) => n === rest);
      if (hit) return hit;
    }
    return undefined;
  }
  const lists = new Set<string>(UNIVERSAL_EMERGENCY);
  for (const hint of countryHints) {
    for (const n of NATIONAL_EMERGENCY[hint?.toUpperCase() ?? ''] ?? []) lists.add(n);
  }
  const prefix = outboundPrefix.replace(/\D/g, '');
  for (const n of lists) {
    if (digits === n || (prefix && digits === `${prefix}${n}`)) return n;
  }
  return undefined;
}

/** What the person is told instead of a call (`dial_emergency` in the locale table). */
export function emergencyText(number: string): UiText {
  return msg('dial_emergency', number);
}
