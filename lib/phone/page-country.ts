/**
 * The countries a page's national-format numbers may be written in, in order of the evidence for them (issue 10,
 * design.md "Numbers"): host, the page's own +CC numbers and the places it names (lib/page/page-evidence.ts),
 * `lang`, and the user's `dialing.defaultCountry`. Pure, so it is unit-tested under Node.
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

/** What a page says about the country of its national-format numbers (see {@link pageCountries}). */
export interface PageCountryEvidence {
  /** The `lang` attribute of the page's root element (templates often copy it wrongly). */
  lang?: string | null;
  /** The page's host name (its country-code TLD). */
  host: string;
  /** The user's `dialing.defaultCountry`. */
  fallback: string;
  /** The countries of the page's own "+CC" numbers, most frequent first (lib/phone/detect `explicitCountriesIn`). */
  explicit?: readonly string[];
  /** The countries the page names (addresses, currency, postcodes), most mentioned first (`countriesNamedIn`). */
  named?: readonly string[];
}

/** How many of the page's "+CC" countries are tried: a multinational office list names many. */
const MAX_EXPLICIT = 4;
/** How many of the countries the page names are tried. */
const MAX_NAMED = 2;

/**
 * The countries a page's national-format numbers may be written in, strongest evidence first (issue 10,
 * design.md "Numbers"): the host's country-code TLD (".de" → DE, ".co.uk"/".uk" → GB; generic-use TLDs like
 * .io, .co, .tv are skipped); the countries of the "+CC" numbers elsewhere on the page; the countries it names
 * (its address's country or city, its currency, a UK postcode); the `lang` attribute's
 * region ("de-AT" → AT); on a host without a country, a language spoken in one country (de → DE, ja → JP; en,
 * es, ar, pt, zh… are ambiguous and skipped); and last the user's own `fallback`. The detector reads each number in the first of these under
 * which it is valid and well formed, so a `lang` copied from a template never vetoes a number that is right for
 * the host, the page's other numbers or the user's own country. Each country appears once.
 */
export function pageCountries(input: PageCountryEvidence): string[] {
  const out: string[] = [];
  const add = (c: string | null | undefined): void => {
    if (c && !out.includes(c)) out.push(c);
  };
  const lang = input.lang ?? '';
  const tld = tldCountry(input.host);
  add(tld);
  for (const c of (input.explicit ?? []).slice(0, MAX_EXPLICIT)) add(c);
  for (const c of (input.named ?? []).slice(0, MAX_NAMED)) add(c);
  add(lang.length > 0 ? regionOf(lang) : null);
  // A language says less than a host: German on ".at" is Austrian, not a second hypothesis for Germany.
  if (tld === null) add(LANGUAGE_COUNTRY[lang.trim().split(/[-_]/)[0]!.toLowerCase()]);
  add(input.fallback);
  return out;
}

/**
 * Those of {@link pageCountries} that only the page's "+CC" numbers or the places it names point to (not its
 * host, `lang` or the user): the detector reads a number in them only when it is unmistakably written as a phone number.
 */
export function strictPageCountries(input: PageCountryEvidence): string[] {
  const others = pageCountries({ ...input, explicit: [], named: [] });
  return pageCountries(input).filter((c) => !others.includes(c));
}

/** How a page's national-format numbers are read: the linker's and the detector's country options. */
export interface PageReading {
  country: string;
  otherCountries: string[];
  strictCountries: string[];
}

/** The country options for a page's linker from its evidence ({@link pageCountries}, {@link strictPageCountries}). */
export function readingFrom(evidence: PageCountryEvidence): PageReading {
  const [country, ...otherCountries] = pageCountries(evidence);
  return { country: country!, otherCountries, strictCountries: strictPageCountries(evidence) };
}

/**
 * The one country a page's evidence points to first (see {@link pageCountries}): what a `tel:` link's national
 * number is read in, and the first hypothesis for the numbers in its text.
 */
export function inferPageCountry(input: PageCountryEvidence): string {
  return pageCountries(input)[0]!;
}
