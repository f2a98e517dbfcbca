/**
 * Shapes of number-like things that are not phone numbers (issue 3): dates, times, IP addresses, versions,
 * card numbers, ISBNs, IBANs, ZIP ranges, coordinates, pagination, Unix timestamps, prices. Pure and
 * string-only; regexes compiled once at load: these run for every digit run on every page.
 */
// Shapes inside one digit run. Each finder pushes [start, end) ranges (offsets in the run) of things that
// are certainly not phone numbers; the scanner never builds a candidate that overlaps one of them.

const SEP = '[\\-\\u2010-\\u2015\\u2212\\uFF0D]';
// Not preceded by a digit or a digit-joining separator, and not followed by one: a date inside
// "06.12.34.56.78" (a French phone number) must not match.
const LEAD = '(?<![\\d.\\/\\-\\u2010-\\u2015\\u2212])';
const TRAIL = '(?![\\d]|[.\\/\\-\\u2010-\\u2015\\u2212]\\d)';
// A date with the same separator twice; `a` and `b` are the numbers of its two capture groups.
const date = (a: number, b: number): string =>
  `(?:\\d{4}([\\-./])\\d{1,2}\\${a}\\d{1,2}|\\d{1,2}([\\-./])\\d{1,2}\\${b}(?:\\d{4}|\\d{2}))`;
// Group 1: the first date (its separators are groups 2 and 3); group 4: the second date of a range.
// The optional lead covers "15.–20.01.2024" (a day range sharing one month).
const DATE_RE = new RegExp(
  `${LEAD}(?:\\d{1,2}\\.?\\s*${SEP}\\s*)?(${date(2, 3)})(?:\\s*${SEP}\\s*(${date(5, 6)}))?${TRAIL}`,
  'g',
);
// "07/01 – 14/03", "15.03.-20.04.": a range of two days of the year without the year (seasons, holidays).
const DAY_MONTH_RANGE_RE = new RegExp(
  `${LEAD}(\\d{1,2})([./])(\\d{1,2})\\.?\\s*${SEP}\\s*(\\d{1,2})\\2(\\d{1,2})\\.?${TRAIL}`,
  'g',
);
// "01/2025", "12.2024": month and year, as on card expiry dates and "valid 01/2024 - 12/2025".
const MONTH_YEAR_RE = new RegExp(`${LEAD}(0?[1-9]|1[0-2])[./](19|20)\\d\\d${TRAIL}`, 'g');
// "9.00 - 17.30", "10.30": times written with a dot (colons never enter a run).
const TIME_RE = new RegExp(
  `${LEAD}([01]?\\d|2[0-3])\\.[0-5]\\d(?:\\s*${SEP}\\s*([01]?\\d|2[0-3])\\.[0-5]\\d)?${TRAIL}`,
  'g',
);
const IP_RE = /(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\d]|\.\d)/g;
// Dotted versions with an interior one-digit group: "10.0.19045", "120.0.6099.109". Dotted phone numbers
// ("415.555.0132", "01.23.45.67.89", "+1.415.555.0132") have no one-digit group after the first.
const VERSION_RE = /(?<![\d.])\d+(?:\.\d+)*\.\d\.\d+(?:\.\d+)*(?![\d]|\.\d)/g;
// 4-4-4-4 (Visa, Mastercard…) and 4-6-5 (Amex) groupings. No phone plan groups digits like this, so the
// shape alone is enough; bare 13-19 digit runs are checked with Luhn below.
const CARD_RE =
  /(?<!\d)\d{4}([ \u00A0-])\d{4}\1\d{4}\1\d{4}(?:\1\d{1,3})?(?!\d)|(?<!\d)\d{4}([ \u00A0-])\d{6}\2\d{5}(?!\d)/g;
// Card numbers start with 2-6; phone numbers written bare with an international prefix start with 0 or +.
const BARE_LONG_RE = /(?<![\d.-])[2-6]\d{12,18}(?![\d]|[.-]\d)/g;
// ISBN-10/13 written with hyphens or spaces, checked by their check digit.
const ISBN_RE = /(?<![\d-])(?:97[89][- ])?\d{1,5}[- ]\d{1,7}[- ]\d{1,7}[- ][\dX](?![\d-])/g;
// "94000-94999", "10000 – 19999": a range of five-digit postal codes.
const ZIP_RANGE_RE = new RegExp(`(?<!\\d)(\\d{5})\\s*${SEP}\\s*(\\d{5})(?!\\d)`, 'g');
// "37.7749 -122.4194", "48.8584, 2.2945": decimal degrees with at least four decimals, in pairs.
const COORD_RE = /(?<![\d.])[-\u2212]?\d{1,3}\.\d{4,}\s*[,;]?\s*[-\u2212]?\d{1,3}\.\d{4,}(?![\d])/g;
// "4.155.550.164", "1.234.567.890": a count written with dots as thousands separators (most of Europe,
// Latin America). No numbering plan groups a 10+ digit number as one to three digits and then threes, and a
// grouped count never starts with 0.
const THOUSANDS_RE = /(?<![\d.])[1-9]\d{0,2}(?:\.\d{3}){3,}(?![\d]|\.\d)/g;
// A Brazilian boleto's "linha digitável" groups ("23790.12345 60000.000001"): five digits, a dot, five or six.
// No numbering plan writes a phone number split five and five by one dot.
const BOLETO_RE = /(?<![\d.])\d{5}\.\d{5,6}(?![\d]|\.\d)/g;
// Four or more digit groups glued by slashes ("3005/12345678/00/000"): a policy or file number, a path.
const SLASH_CODE_RE = /(?<![\d/])\d+(?:\/\d+){3,}(?![\d]|\/\d)/g;
// France's social security number (NIR): "1 85 05 78 006 084 36", one, two, two, two, three, three (and two).
const NIR_RE = /(?<![\d ])[12] \d{2} \d{2} \d{2} \d{3} \d{3}(?: \d{2})?(?![\d]| \d)/g;
// Unix timestamps in seconds (2001-09-09 … 2038) or milliseconds, written bare.
const TIMESTAMP_RE = /(?<![\d.-])(?:1\d{9}|1\d{12})(?![\d]|[.-]\d)/g;

function validDayMonth(a: number, b: number): boolean {
  // Either order: 15.01 (day.month) or 01/15 (month/day).
  return a >= 1 && b >= 1 && ((a <= 31 && b <= 12) || (a <= 12 && b <= 31));
}

/** True when `text` (a date match) is a real calendar-looking date: month 1-12, day 1-31, plausible year. */
export function isPlausibleDate(text: string): boolean {
  const parts = text.split(/[^\d]+/).filter((p) => p.length > 0);
  if (parts.length < 3) return false;
  const [p0, p1, p2] = parts as [string, string, string];
  if (p0.length === 4) {
    const y = Number(p0);
    return y >= 1900 && y <= 2099 && Number(p1) >= 1 && Number(p1) <= 12 && Number(p2) >= 1 && Number(p2) <= 31;
  }
  if (p2.length === 4 && (Number(p2) < 1900 || Number(p2) > 2099)) return false;
  return validDayMonth(Number(p0), Number(p1));
}

/** Luhn check used by payment card numbers. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/** ISBN-10 (with X) or ISBN-13 check digit. */
export function isbnValid(text: string): boolean {
  const s = text.replace(/[- ]/g, '');
  if (s.length === 13 && /^97[89]\d{10}$/.test(s)) {
    let sum = 0;
    for (let i = 0; i < 13; i++) sum += (s.charCodeAt(i) - 48) * (i % 2 === 0 ? 1 : 3);
    return sum % 10 === 0;
  }
  if (s.length === 10 && /^\d{9}[\dX]$/.test(s)) {
    let sum = 0;
    for (let i = 0; i < 10; i++) sum += (s[i] === 'X' ? 10 : s.charCodeAt(i) - 48) * (10 - i);
    return sum % 11 === 0;
  }
  return false;
}

function hasRangeAt(out: number[], start: number): boolean {
  for (let i = 0; i < out.length; i += 2) if (out[i] === start) return true;
  return false;
}

/** The shapes {@link findDecoys} knows, by the id a range of each is reported under (`kinds`). */
export const DECOY_KINDS = [
  'date',
  'month-year',
  'day-month-range',
  'slash-code',
  'boleto',
  'time',
  'ip-address',
  'version',
  'coordinates',
  'dotted-thousands',
  'zip-range',
  'isbn',
  'timestamp',
  'french-nir',
  'card-grouped',
  'card-luhn',
] as const;
export type DecoyKind = (typeof DECOY_KINDS)[number];

type Accept = (m: RegExpExecArray, out: number[]) => boolean;

function collect(
  re: RegExp,
  kind: DecoyKind,
  run: string,
  out: number[],
  kinds: DecoyKind[] | undefined,
  accept?: Accept,
): void {
  re.lastIndex = 0;
  for (let m = re.exec(run); m !== null; m = re.exec(run)) {
    if (accept === undefined || accept(m, out)) {
      out.push(m.index, m.index + m[0].length);
      if (kinds !== undefined) kinds.push(kind);
    }
  }
}

// What a match must also be, as plain functions (no closure is made per run).
const plausibleDates: Accept = (m) => isPlausibleDate(m[1]!) && (m[4] === undefined || isPlausibleDate(m[4]));
const validDayMonths: Accept = (m) =>
  validDayMonth(Number(m[1]), Number(m[3])) && validDayMonth(Number(m[4]), Number(m[5]));
const notFoundYet: Accept = (m, out) => !hasRangeAt(out, m.index);
const zipRange: Accept = (m) => m[1]![0] === m[2]![0] && Number(m[2]) > Number(m[1]);
const validIsbn: Accept = (m) => isbnValid(m[0]);
const validLuhn: Accept = (m) => luhnValid(m[0]);

/**
 * Pushes onto `out` the [start, end) ranges (run offsets) of every non-phone shape in one digit run: dates
 * and date ranges, dotted times, IPv4 addresses, dotted versions, card numbers, ISBNs, ZIP ranges,
 * coordinates, dotted thousands, Unix timestamps, boleto groups, slash-joined codes and French NIRs. `digitCount` is the
 * number of digits in the run; `phoneLabel`, whether a phone label stands before it; `kinds`, when given,
 * receives the shape of each range (see {@link DECOY_KINDS}). Pagination is handled by
 * {@link isPaginationRun} on tokens.
 */
export function findDecoys(
  run: string,
  digitCount: number,
  out: number[],
  phoneLabel = false,
  kinds?: DecoyKind[],
): void {
  // Each shape needs certain characters or lengths; skipping the regexes that cannot match keeps the
  // common run ("(415) 555-0132") cheap.
  const hasDot = run.includes('.');
  const hasDash = run.includes('-') || /[\u2010-\u2015\u2212\uFF0D]/.test(run);
  const hasSlash = run.includes('/');
  if (hasDot || hasDash || hasSlash) {
    collect(DATE_RE, 'date', run, out, kinds, plausibleDates);
    collect(MONTH_YEAR_RE, 'month-year', run, out, kinds);
    if (hasDash) collect(DAY_MONTH_RANGE_RE, 'day-month-range', run, out, kinds, validDayMonths);
  }
  if (hasSlash) collect(SLASH_CODE_RE, 'slash-code', run, out, kinds, notFoundYet);
  // A "+" says phone number: "+61.2.5550.1977" is no version, IP address or thousands (issue 10).
  if (hasDot && run[0] !== '+' && run[0] !== '＋') {
    if (digitCount >= 10) collect(BOLETO_RE, 'boleto', run, out, kinds);
    collect(TIME_RE, 'time', run, out, kinds);
    collect(IP_RE, 'ip-address', run, out, kinds);
    collect(VERSION_RE, 'version', run, out, kinds);
    collect(COORD_RE, 'coordinates', run, out, kinds);
    // An IP address ("192.168.100.200") has this shape too and is already in `out`.
    if (digitCount >= 10) collect(THOUSANDS_RE, 'dotted-thousands', run, out, kinds, notFoundYet);
  }
  if (digitCount >= 10) {
    if (hasDash) collect(ZIP_RANGE_RE, 'zip-range', run, out, kinds, zipRange);
    collect(ISBN_RE, 'isbn', run, out, kinds, validIsbn);
    // After a phone label a ten-digit run starting with 1 is a number where numbers start so without a
    // trunk prefix ("Tel: 1130654400", São Paulo); elsewhere the trunk-prefix rule still rejects it.
    if (!phoneLabel) collect(TIMESTAMP_RE, 'timestamp', run, out, kinds);
  }
  if (digitCount >= 13) {
    collect(NIR_RE, 'french-nir', run, out, kinds);
    collect(CARD_RE, 'card-grouped', run, out, kinds);
    collect(BARE_LONG_RE, 'card-luhn', run, out, kinds, validLuhn);
  }
}

/**
 * True for "1 2 3 4 5 6 7" and similar page-number strips: at least four short numbers counting up by one.
 * `tokens` are the run's whitespace-separated pieces.
 */
export function isPaginationRun(tokens: readonly string[]): boolean {
  if (tokens.length < 4) return false;
  let prev = -1;
  for (const t of tokens) {
    if (t.length > 3 || !/^\d+$/.test(t)) return false;
    const n = Number(t);
    if (prev !== -1 && n !== prev + 1) return false;
    prev = n;
  }
  return true;
}

// IBANs hold letters, so they are found on the whole text, not inside a digit run.
const IBAN_HINT_RE = /[A-Z]{2}\d\d/;
const IBAN_RE =
  /(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?:[ \u00A0]?[A-Z0-9]{4}){2,7}(?:[ \u00A0]?[A-Z0-9]{1,3})?(?![A-Za-z0-9])/g;

/** [start, end) ranges (text offsets) of IBAN-shaped strings, or an empty array (the common case). */
export function findIbans(text: string): number[] {
  if (!IBAN_HINT_RE.test(text)) return EMPTY;
  const out: number[] = [];
  IBAN_RE.lastIndex = 0;
  for (let m = IBAN_RE.exec(text); m !== null; m = IBAN_RE.exec(text)) out.push(m.index, m.index + m[0].length);
  return out;
}
const EMPTY: number[] = [];

// Currency signs and codes before or after a run make it a price: "$1,234.56", "1.234,56 €", "EUR 1 234".
const CURRENCY_BEFORE_RE =
  /(?:[$€£¥₹₩₽₺₪฿₫₴₦]|\b(?:USD|EUR|GBP|CHF|JPY|INR|AUD|CAD|NZD|BRL|R\$|Rs\.?|SEK|NOK|DKK|PLN|kr|zł|CNY|RMB))\s?$/;
const CURRENCY_AFTER_RE =
  /^\s?(?:[$€£¥₹₩₽₺₪฿₫₴₦%‰°]|(?:USD|EUR|GBP|CHF|JPY|INR|AUD|CAD|NZD|BRL|SEK|NOK|DKK|PLN|kr|zł|Euro|euros?|dollars?|CNY|RMB)\b)/;

/** True when the few characters before a run end in a currency sign or code (a price follows). */
export function isPriceBefore(before: string): boolean {
  return CURRENCY_BEFORE_RE.test(before);
}
/** True when the characters after a run start with a currency, percent or degree sign (a price or measure). */
export function isPriceOrMeasureAfter(after: string): boolean {
  return CURRENCY_AFTER_RE.test(after);
}
