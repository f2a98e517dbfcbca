/**
 * The country whose national format a page's phone numbers are written in (issue 3, design.md "Numbers"):
 * the page says it better than the user's default does. Pure, so it is unit-tested under Node; the content
 * script passes `document.documentElement.lang`, `location.hostname` and `dialing.defaultCountry`.
 */

/** Country-code TLDs that sites use as generic names (".io" start-ups, ".tv" streams, ".me" blogs). */
const VANITY_TLDS = new Set([
  'ac',
  'ai',
  'cc',
  'co',
  'fm',
  'gd',
  'gg',
  'im',
  'io',
  'la',
  'ly',
  'me',
  'ms',
  'nu',
  'sh',
  'so',
  'tk',
  'to',
  'tv',
  'vc',
  'ws',
  'eu',
  'su',
  'yt',
  'gl',
  'ag',
  'bz',
  'cx',
  'st',
]);

/** TLDs that are not the ISO code of their country. */
const TLD_COUNTRY: Record<string, string> = { uk: 'GB' };

/** Region subtags that are not ISO 3166-1 codes but are used for a country ("en-UK"). */
const REGION_ALIASES: Record<string, string> = { UK: 'GB' };

/**
 * Languages whose pages overwhelmingly come from one country. Left out because they are spoken in many:
 * en, es, ar, pt, zh, ca, bn, ta, ur, sw, ms. German maps to DE: Austrian and Swiss pages usually say
 * de-AT / de-CH or sit on .at / .ch, which are checked first.
 */
const LANGUAGE_COUNTRY: Record<string, string> = {
  af: 'ZA',
  bg: 'BG',
  cs: 'CZ',
  da: 'DK',
  de: 'DE',
  el: 'GR',
  et: 'EE',
  fa: 'IR',
  fi: 'FI',
  fil: 'PH',
  fr: 'FR',
  ga: 'IE',
  he: 'IL',
  hi: 'IN',
  hr: 'HR',
  hu: 'HU',
  hy: 'AM',
  id: 'ID',
  is: 'IS',
  it: 'IT',
  iw: 'IL',
  ja: 'JP',
  ka: 'GE',
  km: 'KH',
  ko: 'KR',
  lo: 'LA',
  lt: 'LT',
  lv: 'LV',
  mk: 'MK',
  mn: 'MN',
  mt: 'MT',
  my: 'MM',
  nb: 'NO',
  ne: 'NP',
  nl: 'NL',
  nn: 'NO',
  no: 'NO',
  pl: 'PL',
  ro: 'RO',
  ru: 'RU',
  si: 'LK',
  sk: 'SK',
  sl: 'SI',
  sq: 'AL',
  sr: 'RS',
  sv: 'SE',
  th: 'TH',
  tl: 'PH',
  tr: 'TR',
  uk: 'UA',
  vi: 'VN',
};

const ALPHA2_RE = /^[a-z]{2}$/i;

/** The region of a BCP 47 tag ("de-AT" → "AT", "zh-Hant-TW" → "TW", "es-419" → null), upper-cased. */
function regionOf(lang: string): string | null {
  const parts = lang.trim().split(/[-_]/);
  // Subtags after the language: an optional 4-letter script, then an optional 2-letter region.
  for (let i = 1; i < parts.length && i <= 2; i++) {
    const part = parts[i]!;
    if (part.length === 4 && i === 1) continue;
    if (ALPHA2_RE.test(part)) {
      const upper = part.toUpperCase();
      return REGION_ALIASES[upper] ?? upper;
    }
    break;
  }
  return null;
}

/** The country of a host's country-code TLD (".de" → "DE", ".co.uk"/".uk" → "GB"), or null. */
function tldCountry(host: string): string | null {
  const h = host.trim().toLowerCase().replace(/\.$/, '');
  const dot = h.lastIndexOf('.');
  if (dot === -1) return null; // "localhost", intranet names
  const tld = h.slice(dot + 1);
  if (!ALPHA2_RE.test(tld) || VANITY_TLDS.has(tld)) return null; // also IP addresses ("…168.1.20")
  return TLD_COUNTRY[tld] ?? tld.toUpperCase();
}

/**
 * Country for national-format numbers on a page: the `lang` attribute's region ("de-AT" → AT), then the
 * host's country-code TLD (".de" → DE, ".co.uk"/".uk" → GB; generic-use TLDs like .io, .co, .tv are
 * skipped), then a language spoken in one country (de → DE, fr → FR, ja → JP; en, es, ar, pt, zh… are
 * ambiguous and skipped), then `fallback` (the user's `dialing.defaultCountry`).
 */
export function inferPageCountry(input: { lang?: string | null; host: string; fallback: string }): string {
  const lang = input.lang ?? '';
  const region = lang.length > 0 ? regionOf(lang) : null;
  if (region !== null) return region;
  const fromTld = tldCountry(input.host);
  if (fromTld !== null) return fromTld;
  const language = lang.trim().split(/[-_]/)[0]!.toLowerCase();
  const fromLanguage = LANGUAGE_COUNTRY[language];
  if (fromLanguage !== undefined) return fromLanguage;
  return input.fallback;
}
