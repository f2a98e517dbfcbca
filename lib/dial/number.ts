/**
 * Turns what a dial request carries (a page link's E.164, a tel:/callto:/sip: link's number part, a selection,
 * whatever a person typed) into one checked number, and says whether it is premium rate.
 *
 * Uses libphonenumber-js with the `max` metadata. `min` has no number types, and the premium-rate guard needs
 * them (`getType() === 'PREMIUM_RATE'`): Google's metadata lists each country's premium ranges (US 900,
 * AU 1900, GB 09, DE 0900, …) far more completely than a hand-kept prefix table could. `max` also checks
 * validity per range, so "0412 345 678" with country US is refused with a clear reason instead of sent to the
 * PBX as "+10412345678". The cost is bundle size in the background only (measured in the report of issue 5);
 * the content script does not import this module.
 */
import {
  findPhoneNumbersInText,
  isSupportedCountry,
  parsePhoneNumberFromString,
  type CountryCode,
  type PhoneNumber,
} from 'libphonenumber-js/max';
import { msg, type UiText } from '../ui/text';

/** A checked number, ready to format for the PBX. */
export interface DialNumber {
  /** `+14155550132` */
  e164: string;
  /** Extension digits carried by the number (`;ext=204`, `x204`, `ext. 204`). */
  extension?: string;
  /** As people read it, extension included: "+1 415 555 0132 ext. 204". */
  display: string;
  /** Without the extension: "+1 415 555 0132". */
  displayNumber: string;
  /** The number is in a premium-rate range of its country (always confirmed before dialling). */
  premiumRate: boolean;
}

/** A checked number, or why there is none (a text for the locale table, lib/ui/text.ts). */
export type NumberOutcome = { ok: true; number: DialNumber } | { ok: false; text: UiText };

const TEL_SCHEME = /^(?:tel|callto|sips?):(?:\/\/)?/i;

/** `e164;ext=N`: the key for deduplication and the history's `number`. */
export function canonicalNumber(number: DialNumber): string {
  return number.extension ? `${number.e164};ext=${number.extension}` : number.e164;
}

function toDialNumber(parsed: PhoneNumber): DialNumber {
  const displayNumber = parsed.formatInternational().replace(/\s+ext\..*$/, '');
  const extension = parsed.ext || undefined;
  return {
    e164: parsed.number,
    extension,
    display: extension ? `${displayNumber} ext. ${extension}` : displayNumber,
    displayNumber,
    premiumRate: parsed.getType() === 'PREMIUM_RATE',
  };
}

function countries(list: readonly (string | undefined)[]): CountryCode[] {
  const out: CountryCode[] = [];
  for (const c of list) {
    const code = c?.toUpperCase();
    if (code && isSupportedCountry(code) && !out.includes(code)) out.push(code);
  }
  return out;
}

/**
 * Reduces a tel:/callto:/sip: URI (or its number part) to text libphonenumber reads: drops the scheme, a SIP
 * host (`sip:+1415…@pbx.example`), and URI parameters other than `ext` (RFC 3966 `;phone-context=`, `;isub=`).
 */
export function stripTelUri(raw: string): string {
  let text = raw.trim();
  if (TEL_SCHEME.test(text)) {
    text = text.replace(TEL_SCHEME, '');
    try {
      text = decodeURIComponent(text);
    } catch {
      // A stray "%" is not an escape: keep the text as it is and let the parser judge it.
    }
    text = text.replace(/\?.*$/, '');
  }
  text = text.replace(/@.*$/, '');
  const [main = '', ...params] = text.split(';');
  const ext = params.map((p) => /^ext=([0-9]{1,20})$/i.exec(p.trim())?.[1]).find(Boolean);
  return ext ? `${main};ext=${ext}` : main;
}

/**
 * Checks one number as a dial request carries it. National numbers are read with each of `countryHints` in
 * turn (the page's country, then `dialing.defaultCountry`); the first reading that is a valid number wins.
 */
export function parseDialNumber(raw: string, countryHints: readonly (string | undefined)[]): NumberOutcome {
  const text = stripTelUri(raw);
  const shown = raw.trim().slice(0, 40);
  if (!/\d/.test(text)) return { ok: false, text: msg('number_not_phone', shown) };
  const tried = countries(countryHints);
  const semicolonExt = /;ext=(\d{1,20})$/i.exec(text);
  const body = semicolonExt ? text.slice(0, semicolonExt.index) : text;
  for (const country of tried.length ? tried : [undefined]) {
    // extract: false — the whole string must be the number, so "call 0412… later" typed in the dialer is not
    // silently trimmed to a number the person did not quite write.
    const parsed = parsePhoneNumberFromString(body, { defaultCountry: country, extract: false });
    if (parsed?.isValid()) {
      if (semicolonExt && !parsed.ext) parsed.setExt(semicolonExt[1]!);
      return { ok: true, number: toDialNumber(parsed) };
    }
  }
  const countryList = tried
    .slice(1)
    .reduce<string | UiText>((list, c) => msg('number_countries_or', list, c), tried[0] ?? '');
  const invalid = tried.length ? msg('number_invalid_in', shown, countryList) : msg('number_invalid', shown);
  return { ok: false, text: body.trim().startsWith('+') ? invalid : msg('number_add_country_code', invalid) };
}

/**
 * Finds the first valid number in free text (a selection, a link's text). Says so when there is none.
 */
export function findNumberInText(text: string, countryHints: readonly (string | undefined)[]): NumberOutcome {
  const sample = text.replace(/\s+/g, ' ').trim();
  if (!sample) return { ok: false, text: msg('number_nothing_selected') };
  const tried = countries(countryHints);
  for (const country of tried.length ? tried : [undefined]) {
    const found = findPhoneNumbersInText(sample.slice(0, 2000), { defaultCountry: country }).find((m) =>
      m.number.isValid(),
    );
    if (found) return { ok: true, number: toDialNumber(found.number) };
  }
  const shown = sample.length > 40 ? `${sample.slice(0, 40)}…` : sample;
  return { ok: false, text: msg('number_none_found', shown) };
}

/** True for the link schemes that name a phone number. */
export function isTelLink(url: string | undefined): boolean {
  return !!url && TEL_SCHEME.test(url);
}

/** Number types a page's own link is confirmed for (issue 15): calls to them cost more or reach no one fixed. */
const UNUSUAL_TYPES = new Set(['PREMIUM_RATE', 'SHARED_COST', 'PERSONAL_NUMBER', 'UAN', 'VOICEMAIL', 'PAGER']);

/**
 * Where a checked number is and what kind it is: `country` undefined for the non-geographic codes (satellite
 * +870/+881, international networks +882/+883, freephone +800); `unusual` for premium-rate, shared-cost, personal,
 * UAN, voicemail and pager numbers, and for every non-geographic one.
 */
export function numberInfo(e164: string): { country?: string; unusual: boolean } {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return { unusual: true };
  const country = parsed.country;
  const type = parsed.getType();
  return { country, unusual: !country || (type !== undefined && UNUSUAL_TYPES.has(type)) };
}
