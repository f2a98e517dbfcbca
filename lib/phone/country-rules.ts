/**
 * What libphonenumber-js accepts but people do not write, per country (issue 3, issue 10): the trunk prefix a
 * country's national numbers are written with (and where they are written bare), template placeholders, and
 * the countries a label or a page names.
 */
// Countries whose national numbers are always written with the trunk prefix 0 ("030 …", "020 …", "01 42 …"),
// so a national-format candidate without it is some other number: a French SIREN "123 456 789", a German
// case number "2024-0815", an Australian TFN. AU, IE and IL also write their 1300/1800 service numbers
// without it. Left out: countries where the 0 is part of the number (IT), with no trunk prefix (ES, DK, NO,
// PL, CZ…), or where numbers are commonly written without it (IN mobiles, BR, AE 800 numbers, CN 400s).
// `bare`: people there also write a whole national number with its "0" and no separators ("0492990844"),
// measured on the blind page batches; SE, FI and IL numbers written bare were order and account numbers.
// The one list of trunk-0 countries (issue 16): the linker and the detector read it from here.
const ZERO_RE = /^0/;
const TRUNK_ZERO: Record<string, { prefix: RegExp; bare: boolean }> = {
  GB: { prefix: ZERO_RE, bare: true },
  DE: { prefix: ZERO_RE, bare: true },
  FR: { prefix: ZERO_RE, bare: true },
  NL: { prefix: ZERO_RE, bare: true },
  BE: { prefix: ZERO_RE, bare: true },
  CH: { prefix: ZERO_RE, bare: true },
  AT: { prefix: ZERO_RE, bare: true },
  SE: { prefix: ZERO_RE, bare: false },
  FI: { prefix: ZERO_RE, bare: false },
  NZ: { prefix: ZERO_RE, bare: true },
  JP: { prefix: ZERO_RE, bare: true },
  ZA: { prefix: ZERO_RE, bare: true },
  AU: { prefix: /^(?:0|1[389])/, bare: true }, // 13 xx xx, 1300, 1800, 1900
  IE: { prefix: /^(?:0|1[589])/, bare: true }, // 1800, 1850, 1890, 15xx
  IL: { prefix: /^(?:0|1[5-9])/, bare: false }, // 1-800, 1-700, 1-599
};

/**
 * False when `digits` (a national-format candidate, no "+") of `country` lacks the trunk prefix that the
 * country's numbers are always written with; true otherwise, and for countries without that habit.
 */
export function hasWrittenTrunkPrefix(country: string, digits: string): boolean {
  const rule = TRUNK_ZERO[country];
  return rule === undefined || rule.prefix.test(digits);
}

const CN_MOBILE_RE = /^1[3-9]\d{9}$/;

/**
 * Whether `digits`, bare, is a whole national number the way people in `country` write one without
 * separators: ten to twelve digits with the trunk "0" where people write them so, or a Chinese mobile number.
 */
export function isBareNational(country: string, digits: string): boolean {
  return (
    (digits.length >= 10 && digits.length <= 12 && digits[0] === '0' && TRUNK_ZERO[country]?.bare === true) ||
    (country === 'CN' && CN_MOBILE_RE.test(digits))
  );
}

/**
 * True for template placeholders such as "020 0000 0000", "08 99 99 99 99", "+1 999 999 9999": the last eight
 * digits of the E.164 number are one digit repeated. No real subscriber number is.
 */
export function isPlaceholderNumber(e164: string): boolean {
  const n = e164.length;
  if (n < 9) return false;
  const d = e164.charCodeAt(n - 1);
  for (let i = n - 8; i < n - 1; i++) if (e164.charCodeAt(i) !== d) return false;
  return true;
}

// Country names (English and their own), English exonyms and major business cities, lower-case, for a
// national-format number of another country: "UK: 020 7946 0000" on a US page, "New Zealand customers call
// 0800 123 457" on an Australian one. Two-word names are keyed by their last word and checked with the one
// before ("new zealand"). Only places whose national format differs from their neighbours' are worth it.
// Maps, not object literals: a page's "Constructor:" must not find Object.prototype.constructor.
const HINT_WORDS = new Map<string, string>();
const hintGroups: Array<[string, string]> = [
  ['GB', 'uk britain england scotland wales london manchester birmingham edinburgh glasgow leeds bristol'],
  ['US', 'usa america'],
  ['CA', 'canada'],
  ['IE', 'ireland éire dublin cork'],
  ['DE', 'germany deutschland berlin munich münchen hamburg frankfurt köln cologne düsseldorf stuttgart'],
  ['AT', 'austria österreich wien vienna salzburg graz'],
  ['CH', 'switzerland schweiz suisse svizzera zürich zurich genève geneva basel bern'],
  ['FR', 'france paris lyon marseille'],
  ['BE', 'belgium belgique belgië brussels bruxelles brussel antwerp antwerpen'],
  ['NL', 'netherlands nederland holland amsterdam rotterdam utrecht'],
  ['ES', 'spain españa madrid barcelona'],
  ['IT', 'italy italia milan milano rome roma'],
  ['PT', 'portugal lisbon lisboa porto'],
  ['SE', 'sweden sverige stockholm göteborg gothenburg'],
  ['NO', 'norway norge oslo'],
  ['DK', 'denmark danmark copenhagen københavn'],
  ['FI', 'finland suomi helsinki'],
  ['PL', 'poland polska warsaw warszawa kraków krakow'],
  ['CZ', 'czechia czech česko prague praha'],
  ['AU', 'australia sydney melbourne brisbane adelaide canberra'],
  ['NZ', 'auckland wellington'],
  ['JP', 'japan 日本 tokyo 東京 osaka 大阪'],
  ['IN', 'india mumbai delhi bangalore bengaluru chennai hyderabad'],
  ['SG', 'singapore'],
  ['HK', 'kowloon'],
  ['BR', 'brazil brasil'],
  ['MX', 'mexico méxico'],
  ['ZA', 'johannesburg'],
  ['AE', 'uae dubai emirates'],
  ['IL', 'israel'],
];
for (const [cc, words] of hintGroups) for (const w of words.split(' ')) HINT_WORDS.set(w, cc);
// Last word → [word before, country].
const HINT_PAIRS = new Map<string, [string, string]>([
  ['zealand', ['new', 'NZ']],
  ['kong', ['hong', 'HK']],
  ['africa', ['south', 'ZA']],
  ['kingdom', ['united', 'GB']],
  ['states', ['united', 'US']],
  ['york', ['new', 'US']],
  ['paulo', ['são', 'BR']],
  ['town', ['cape', 'ZA']],
]);
// Upper-case codes that only ever name a country on a contact line. "IT", "IN", "NO", "DE", "ES", "US"… are
// left out: they are also words ("IT support", "CONTACT US").
const HINT_CODES = new Map<string, string>([
  ['UK', 'GB'],
  ['GB', 'GB'],
  ['USA', 'US'],
  ['UAE', 'AE'],
  ['NZ', 'NZ'],
  ['AUS', 'AU'],
  ['HK', 'HK'],
]);
const HINT_TAIL = 32;

/** A letter for word splitting: ASCII letters, and anything from U+00C0 on except the dashes and spaces. */
function isWordChar(c: number): boolean {
  return (
    (c >= 65 && c <= 90) ||
    (c >= 97 && c <= 122) ||
    (c >= 0xc0 && c !== 0xd7 && c !== 0xf7 && (c < 0x2000 || c > 0x206f) && c !== 0x3000)
  );
}

/**
 * The country a label right before a national-format number names ("UK: ", "Germany (Berlin): ",
 * "New Zealand customers call "), or null. Only capitalised words after the last digit and within 32
 * characters count, and the nearest name wins, so "UK: 020 … · Australia: " names Australia.
 */
export function countryHint(before: string): string | null {
  // A hand-written backward scan: this runs for every candidate digit run, and a regex match with word
  // lists and lower-casing cost about 10 % of the detector's time.
  const stop = Math.max(0, before.length - HINT_TAIL);
  let end = before.length;
  let nextWord = ''; // the word after the current one, lower-cased ("zealand" when looking at "New")
  while (end > stop) {
    let c = before.charCodeAt(end - 1);
    if (c >= 48 && c <= 57) return null; // a digit: anything further back labels another number
    if (!isWordChar(c)) {
      end--;
      continue;
    }
    let start = end - 1;
    while (start > stop && isWordChar(before.charCodeAt(start - 1))) start--;
    c = before.charCodeAt(start);
    // Names are capitalised (or non-Latin); a lower-case word is never looked up.
    if (!(c >= 97 && c <= 122)) {
      const word = before.slice(start, end);
      const code = HINT_CODES.get(word);
      if (code !== undefined) return code;
      const lower = word.toLowerCase();
      const cc = HINT_WORDS.get(lower);
      if (cc !== undefined) return cc;
      const pair = HINT_PAIRS.get(nextWord);
      if (pair !== undefined && pair[0] === lower) return pair[1];
      nextWord = lower;
    } else {
      nextWord = '';
    }
    end = start;
  }
  return null;
}

// Currency signs that belong to one country's pages: "£" on a UK shop, "₹" on an Indian one.
const CURRENCY_COUNTRY = new Map<string, string>([
  ['£', 'GB'],
  ['₹', 'IN'],
  ['₦', 'NG'],
  ['₩', 'KR'],
  ['₪', 'IL'],
  ['₺', 'TR'],
  ['₽', 'RU'],
  ['₱', 'PH'],
  ['R$', 'BR'],
]);
// A capitalised word, or two ("New Zealand"), or an upper-case code ("UK"); a currency sign; a UK postcode.
const NAMED_RE =
  /\b([A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2})\b|([A-Z\u00C0-\u00DE][a-z\u00DF-\u00FF]+|[A-Z]{2,3})(?=[^A-Za-z]|$)|(R\$|[£₹₦₩₪₺₽₱])/g;

/**
 * The countries a page names (issue 10): its country and city names ("United Kingdom", "Leeds", "Bengaluru",
 * the words `countryHint` knows), its currency signs and UK postcodes; at most `max` mentions are counted. Evidence for a page that says nothing in its host or `lang` (a UK firm on ".com"):
 * weak, so the detector reads numbers in these countries only when they are unmistakably phone numbers.
 * Returns each country with its count of mentions.
 */
export function countriesNamedIn(text: string, max = 400): Map<string, number> {
  const counts = new Map<string, number>();
  let found = 0;
  const count = (cc: string | undefined): void => {
    if (cc === undefined) return;
    counts.set(cc, (counts.get(cc) ?? 0) + 1);
    found++;
  };
  let previous = ''; // the word before, lower-cased ("new" before "Zealand")
  NAMED_RE.lastIndex = 0;
  for (let m = NAMED_RE.exec(text); m !== null && found < max; m = NAMED_RE.exec(text)) {
    if (m[3] !== undefined) count(CURRENCY_COUNTRY.get(m[3]));
    else if (m[1] !== undefined) count('GB');
    else {
      const word = m[2]!;
      const lower = word.toLowerCase();
      const pair = HINT_PAIRS.get(lower);
      count(HINT_CODES.get(word) ?? HINT_WORDS.get(lower) ?? (pair?.[0] === previous ? pair[1] : undefined));
      previous = lower;
    }
  }
  // A script written in one country only: a Korean page with lang="en" still writes Hangul.
  for (const [re, cc] of SCRIPT_COUNTRY) {
    if (re.test(text)) counts.set(cc, (counts.get(cc) ?? 0) + 5);
  }
  return counts;
}

/** Scripts whose pages come from one country: Hangul, kana, Hebrew, Greek, Thai. */
const SCRIPT_COUNTRY: Array<[RegExp, string]> = [
  [/[\uAC00-\uD7AF]{2}/, 'KR'],
  [/[\u3040-\u30FF]{2}/, 'JP'],
  [/[\u05D0-\u05EA]{3}/, 'IL'],
  [/[\u03B1-\u03C9]{3}/, 'GR'],
  [/[\u0E01-\u0E2E]{3}/, 'TH'],
];
