/**
 * Context rules that libphonenumber-js lacks (issue 3): the words before a digit run, and the shapes of
 * number-like things that are not phone numbers (dates, times, IP addresses, versions, card numbers, ISBNs,
 * IBANs, ZIP ranges, coordinates, pagination, Unix timestamps, prices).
 *
 * Everything here is pure and works on plain strings, so `detect.ts` can stay a thin scanner and each rule
 * can be unit-tested on its own. Regexes are compiled once at module load: these functions run for every
 * digit run on every page.
 */

/** What the words right before a digit run say about it. */
export type LabelKind = 'phone' | 'identifier' | null;

// Words that announce a phone number. Lower-case; matched case-insensitively on word boundaries.
// "call" covers "Call us at", "mob"/"cell"/"handy" mobile numbers; 電話 / ＴＥＬ cover Japanese pages, which
// write the label straight against the number without a space.
const PHONE_WORDS =
  'tel|tél|tele|telephone|téléphone|telefon|telefone|telefono|teléfono|telefoon|telefonnummer|telefonnr|' +
  'tlf|tfn|tlfn|fon|phone|ph|call|dial|mobile|mobil|mob|móvil|movil|cell|cellulare|portable|handy|fax|' +
  'telefax|hotline|helpline|whatsapp|sms|text|landline|switchboard|zentrale|contact|kontakt|ring|' +
  'p|t|m|f|c|w|o|h';
// Words that announce an identifier. A bare digit run after them is an order number, not a phone.
// "Customer"/"client" alone are not here ("Service client : 09 70…", "Customer service"); "Customer ID"
// is caught by the qualifier "ID".
const IDENTIFIER_WORDS =
  'order|orders|invoice|inv|sku|item|items|art|article|artikel|artikelnummer|tracking|track|trace|ticket|' +
  'rma|kundennummer|kundennr|account|acct|acc|konto|reference|ref|réf|référence|' +
  'isbn|issn|ean|upc|gtin|asin|serial|model|part|po|case|claim|policy|confirmation|booking|reservation|' +
  'transaction|txn|receipt|shipment|parcel|package|awb|waybill|id|pin|zip|postcode|plz|vat|ust|siret|' +
  'siren|iban|bic|routing|batch|lot|version|ver|build|release|firmware|rev|patent|bestellung|bestellnummer|' +
  'auftrag|auftragsnummer|rechnung|rechnungsnummer|sendung|sendungsnummer|commande|facture|pedido|factura|' +
  'ordine|fattura|bestelling|factuur|注文番号|請求書番号|timestamp|epoch|page|pages|seite|vol|issue|' +
  // Company and tax numbers: ABN (AU), EIN, SSN, NIF/CIF/NIE (ES), CNPJ/CPF/CEP (BR), KvK (NL), P.IVA (IT),
  // UID (CH/AT), GSTIN (IN), company registration numbers (GB).
  'abn|acn|ein|ssn|tin|nif|cif|nie|cnpj|cpf|cep|kvk|iva|piva|uid|gst|gstin|pan|company|registration|reg|hrb|hra';
// Qualifiers that may sit between a label and the digits: "Order No.", "Tracking ID", "Phone number".
// Alone ("No. 123", "#123", "Nr. 42", "N° 7") they mark an identifier too.
const QUALIFIERS = 'no|nr|num|number|nummer|numéro|numero|número|id|code|#|n°|nº|№';

// One regex finds every label-ish word in the last few dozen characters; the nearest one decides.
// \p{L} boundaries instead of \b so that "Téléphone" and "Tél" (non-ASCII letters) match as whole words.
const LABEL_RE = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:(${PHONE_WORDS})|(${IDENTIFIER_WORDS})|(${QUALIFIERS}))(?![\\p{L}\\p{N}])|(電話(?:番号)?|ＴＥＬ|#|№)`,
  'giu',
);
// What may stand between a phone word and the number: "Call us today at ", "Phone (mobile): ", "Tel./Fax: ".
const PHONE_FILLER_RE = /^[^\p{N}\n]{0,24}$/u;
// What may stand between an identifier word and the number: only punctuation and qualifiers, so that
// "Account manager: (415) 555-0132" or "Customer service 0800 123 456" are not mistaken for identifiers.
const IDENTIFIER_FILLER_RE = new RegExp(`^[\\s:.#=\\-–—/]*(?:(?:${QUALIFIERS})\\.?[\\s:.#=\\-–—]*)*$`, 'iu');
const SINGLE_LETTER_RE = /^[a-z]$/i;

/**
 * Classifies the text right before a digit run: `'phone'` after labels like "Tel.", "Phone:", "Call us at",
 * "Téléphone", "電話"; `'identifier'` after "Order #", "Invoice No.", "SKU", "Tracking ID", "No.", "Nr.", "#";
 * `null` when neither is close enough to count. The nearest label wins ("Phone orders: Order #123" →
 * identifier), and "Phone No." is a phone label, not an identifier.
 */
export function classifyLabel(before: string): LabelKind {
  if (before.length === 0) return null;
  const tail = before.length > 48 ? before.slice(-48) : before;
  LABEL_RE.lastIndex = 0;
  // Walk every label in the tail, remembering the nearest and the one before it (for "Phone No.").
  let lastKind: 'phone' | 'identifier' | 'qualifier' | null = null;
  let lastEnd = 0;
  let lastStart = 0;
  let prevKind: 'phone' | 'identifier' | 'qualifier' | null = null;
  let prevEnd = 0;
  let lastWord = '';
  for (let m = LABEL_RE.exec(tail); m !== null; m = LABEL_RE.exec(tail)) {
    prevKind = lastKind;
    prevEnd = lastEnd;
    lastStart = m.index;
    lastEnd = m.index + m[0].length;
    lastWord = m[0];
    if (m[1] !== undefined || (m[4] !== undefined && m[4] !== '#' && m[4] !== '№')) lastKind = 'phone';
    else if (m[2] !== undefined) lastKind = 'identifier';
    else lastKind = 'qualifier';
  }
  if (lastKind === null) return null;
  const filler = tail.slice(lastEnd);
  if (lastKind === 'phone') {
    // A one-letter label ("T:", "P.", "M ") only counts directly before the number with its punctuation,
    // so a stray "a" or "I" in prose does not vouch for a digit run.
    if (SINGLE_LETTER_RE.test(lastWord)) return /^[.:]\s*$/.test(filler) ? 'phone' : null;
    return PHONE_FILLER_RE.test(filler) ? 'phone' : null;
  }
  if (!IDENTIFIER_FILLER_RE.test(filler)) return null;
  if (lastKind === 'identifier') return 'identifier';
  // A qualifier: "Phone No. 0301234567" is a phone label; "No. 4155550132" or "Order No." is not.
  if (prevKind !== null && IDENTIFIER_FILLER_RE.test(tail.slice(prevEnd, lastStart))) {
    if (prevKind === 'phone') return 'phone';
  }
  return 'identifier';
}

// ---------------------------------------------------------------------------------------------------------
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

function collect(re: RegExp, run: string, out: number[], accept?: (m: RegExpExecArray) => boolean): void {
  re.lastIndex = 0;
  for (let m = re.exec(run); m !== null; m = re.exec(run)) {
    if (accept === undefined || accept(m)) out.push(m.index, m.index + m[0].length);
  }
}

/**
 * Pushes onto `out` the [start, end) ranges (run offsets) of every non-phone shape in one digit run: dates
 * and date ranges, dotted times, IPv4 addresses, dotted versions, card numbers, ISBNs, ZIP ranges,
 * coordinates, Unix timestamps. `digitCount` is the number of digits in the run. Pagination is handled by {@link isPaginationRun} on tokens.
 */
export function findDecoys(run: string, digitCount: number, out: number[]): void {
  // Each shape needs certain characters or lengths; skipping the regexes that cannot match keeps the
  // common run ("(415) 555-0132") cheap.
  const hasDot = run.includes('.');
  const hasDash = run.includes('-') || /[\u2010-\u2015\u2212\uFF0D]/.test(run);
  const hasSlash = run.includes('/');
  if (hasDot || hasDash || hasSlash) {
    collect(DATE_RE, run, out, (m) => isPlausibleDate(m[1]!) && (m[4] === undefined || isPlausibleDate(m[4])));
    collect(MONTH_YEAR_RE, run, out);
  }
  if (hasDot) {
    collect(TIME_RE, run, out);
    collect(IP_RE, run, out);
    collect(VERSION_RE, run, out);
    collect(COORD_RE, run, out);
  }
  if (digitCount >= 10) {
    if (hasDash) collect(ZIP_RANGE_RE, run, out, (m) => m[1]![0] === m[2]![0] && Number(m[2]) > Number(m[1]));
    collect(ISBN_RE, run, out, (m) => isbnValid(m[0]));
    collect(TIMESTAMP_RE, run, out);
  }
  if (digitCount >= 13) {
    collect(CARD_RE, run, out);
    collect(BARE_LONG_RE, run, out, (m) => luhnValid(m[0]));
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
  collect(IBAN_RE, text, out);
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
