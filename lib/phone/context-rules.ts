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
  'celular|cel|telemóvel|mobiel|gsm|puh|puhelin|freephone|freecall|' +
  // Greek, Cyrillic, Hebrew and Arabic: "Τηλ.", "Κιν.", "Тел.", "Факс", "טל'", "נייד", "هاتف", "جوال".
  'τηλ|τηλέφωνο|κιν|κινητό|φαξ|тел|телефон|факс|моб|טל|טלפון|נייד|פקס|هاتف|جوال|فاكس|تلفون|' +
  // "Call us" in French, Spanish, Italian, German, Portuguese and Dutch: "Appelez-nous au", "Rappel au",
  // "Llámenos al", "Chiamaci al", "Rufen Sie an unter", "Ligue para", "Bel ons op".
  'appel|appelez|appeler|rappel|rappelez|llame|llámenos|llamar|chiama|chiamaci|chiamare|anrufen|rufen|ligue|ligar|bel|bellen|' +
  // Short-reach words (see SHORT_REACH_RE): contact-card field names ("Home:", "Work:") and single letters.
  'home|work|office|direct|main|p|t|m|f|c|w|o|h';
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
  'abn|acn|ein|ssn|tin|nif|cif|nie|cnpj|cpf|cep|kvk|iva|piva|uid|gst|gstin|pan|company|registration|reg|hrb|hra|' +
  // Belgium's company number (ondernemingsnummer, KBO/BCE), VAT (BTW/TVA) and register (RPR/RPM).
  'ondernemingsnummer|btw|tva|kbo|bce|rpr|rpm|' +
  // Norway's payment reference (KID) and France's social security number (NIR).
  'kid|nir|' +
  // Brazil's and Mexico's invoice numbers (NF-e, CFDI folio) and airline booking references. (Not plurals:
  // "Trade accounts 1300 975 707" and "Tickets 0800 …" name the line to call.)
  'nf-e|nfe|nfs-e|cfdi|folio|pnr|' +
  // Serial numbers and device identifiers ("S/N 0333684394", "IMEI 35-209900-176148-1").
  's/n|imei|iccid|vin|' +
  // Personal health and tax numbers: Canada's PHN, the NHS number, Medicare, Australia's TFN, the Dutch BSN.
  'phn|nhs|medicare|tfn|bsn';
// Qualifiers that may sit between a label and the digits: "Order No.", "Tracking ID", "Phone number".
// Alone ("No. 123", "#123", "Nr. 42", "N° 7") they mark an identifier too.
const QUALIFIERS = 'no|nr|num|number|nummer|numéro|numero|número|id|code|#|n°|nº|№';

// One regex finds every label-ish word in the last few dozen characters; the nearest one decides.
// \p{L} boundaries instead of \b so that "Téléphone" and "Tél" (non-ASCII letters) match as whole words.
// German and Dutch compounds ending in "-nr" or "-nummer" ("Vertragsnr.", "Mitgliedsnummer", "Klantnummer")
// name an identifier, unless their first part is a phone word ("Rufnummer", "Faxnummer", "Servicenummer").
const COMPOUND_NUMBER = '\\p{L}{2,}?(?:nr|nummer)';
const PHONE_COMPOUND_RE =
  /^(?:telefon|tel|fax|telefax|ruf|handy|mobil|mobilfunk|service|hotline|durchwahl|notfall|notruf|kontakt|telefoon|gsm|mobiel|informatie|info|klantenservice|kundenservice|kundendienst|zentral|sammel|gratis)/i;
// Written straight against the digits, so matched without word boundaries: Korean business, corporate and
// patent numbers ("사업자등록번호 123-45-67890", "특허 제10-2345678호"), Chinese and Japanese order numbers.
const CJK_IDENTIFIERS = '사업자등록번호|법인등록번호|등록번호|특허|注文番号|請求書番号|订单号|訂單號|发票号';
const LABEL_RE = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:(${PHONE_WORDS})|(${IDENTIFIER_WORDS}|${COMPOUND_NUMBER})|(${QUALIFIERS}))(?![\\p{L}\\p{N}])|(電話(?:番号)?|电话|手机|手機|传真|傳真|总机|總機|携帯|전화|팩스|휴대폰|핸드폰|ＴＥＬ|#|№|제|第)|(${CJK_IDENTIFIERS})`,
  'giu',
);
// What may stand between a phone word and the number: "Call us today at ", "Phone (mobile): ", "Tel./Fax: ".
const PHONE_FILLER_RE = /^[^\p{N}\n]{0,24}$/u;
// What may stand between an identifier word and the number: only punctuation and qualifiers, so that
// "Account manager: (415) 555-0132" or "Customer service 0800 123 456" are not mistaken for identifiers.
// Whose identifier it is may stand in between too: "Référence client", "Numéro de dossier", "Customer
// number" after "Member ID"… (a noun, not a verb or "service": "Customer service 0800…" stays unlabelled).
// A VAT or company number may carry its country's code: "BTW BE 0456.789.123", "VAT GB 123 4567 89".
const IDENTIFIER_FILLER_RE = new RegExp(
  `^[\\s:.#=\\-–—/]*(?:(?:${QUALIFIERS}|(?:de|du|del|di)\\s+|client|clients|cliente|customer|kunden|kunde|klant|member|membre|dossier)\\.?[\\s:.#=\\-–—]*)*$`,
  'iu',
);
/** A country code in capitals ending the filler of a VAT or company number ("BTW BE ", "USt-IdNr. DE "). */
const COUNTRY_PREFIX_RE = /(?<=\s)[A-Z]{2}\s?$/;
// Labels that only count right before the number with their punctuation ("T:", "P.", "Home:", "Office:"):
// a stray "a" in prose, or "home" and "office" as ordinary words, do not vouch for a digit run.
const SHORT_REACH_RE = /^(?:[a-z]|home|work|office|direct|main)$/i;
// "Our number", "the new number", "unsere Nummer": a qualifier after a determiner or "new/old" is a phone
// number being talked about, not an identifier's "No." (which would block a formatted number).
// "Free number", "Gratis nummer", "kostenlose Nummer", "Main number": a kind of phone number, not an ID.
const DETERMINER_BEFORE_RE =
  /(?:^|[^\p{L}])(?:a|an|one|ein|eine|une|un|una|um|uma|our|my|your|the|this|that|their|his|her|its|new|old|same|notre|votre|nuestro|su|unsere?|ihre?|neue|free|toll-free|gratis|kostenlose|gebührenfreie|gratuito|main|general|direct|direkte|algemeen|algemene|centrale)\s+$/iu;
const ABBREVIATION_BEFORE_RE = /(?:^|[^\p{L}])\p{L}\.\s?$/u;
const PHONE_QUALIFIED_RE = /^[\s\p{L}-]{1,16}$/u;
/** The signs among the unbounded labels that only say "number" ("#", "№", Korean 제, Chinese and Japanese 第). */
const CJK_QUALIFIERS = new Set(['#', '№', '제', '第']);
const NUMBER_WORD_RE = /^(?:number|nummer|numéro|numero|número)$/i;

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
    if (m[1] !== undefined || (m[4] !== undefined && !CJK_QUALIFIERS.has(m[4]))) lastKind = 'phone';
    else if (m[5] !== undefined) lastKind = 'identifier';
    else if (m[2] !== undefined) lastKind = PHONE_COMPOUND_RE.test(m[2]) ? 'phone' : 'identifier';
    else lastKind = 'qualifier';
  }
  if (lastKind === null) return null;
  const filler = tail.slice(lastEnd);
  if (lastKind === 'phone') {
    // A one-letter label ("T:", "P.", "M ") only counts directly before the number with its punctuation,
    // so a stray "a" or "I" in prose does not vouch for a digit run.
    if (SHORT_REACH_RE.test(lastWord)) {
      // The last letter of an abbreviation ("C.F." codice fiscale, "P.O.") is no "F." for fax.
      if (lastWord.length === 1 && ABBREVIATION_BEFORE_RE.test(tail.slice(0, lastStart))) return null;
      return /^[.:]\s*$/.test(filler) ? 'phone' : null;
    }
    return PHONE_FILLER_RE.test(filler) ? 'phone' : null;
  }
  if (!IDENTIFIER_FILLER_RE.test(filler) && !IDENTIFIER_FILLER_RE.test(filler.replace(COUNTRY_PREFIX_RE, '')))
    return null;
  if (lastKind === 'identifier') return 'identifier';
  // A qualifier: "Phone No. 0301234567" is a phone label; "No. 4155550132" or "Order No." is not.
  const between = tail.slice(prevEnd, lastStart);
  if (prevKind !== null && IDENTIFIER_FILLER_RE.test(between)) {
    if (prevKind === 'phone') return 'phone';
    if (prevKind === 'identifier') return 'identifier';
  }
  // "Call-back number", "Mobile phone number", "Fax contact no.": a phone word and a word or two before it.
  if (prevKind === 'phone' && PHONE_QUALIFIED_RE.test(between)) return 'phone';
  if (NUMBER_WORD_RE.test(lastWord) && DETERMINER_BEFORE_RE.test(tail.slice(0, lastStart))) return null;
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

function collect(re: RegExp, run: string, out: number[], accept?: (m: RegExpExecArray) => boolean): void {
  re.lastIndex = 0;
  for (let m = re.exec(run); m !== null; m = re.exec(run)) {
    if (accept === undefined || accept(m)) out.push(m.index, m.index + m[0].length);
  }
}

/**
 * Pushes onto `out` the [start, end) ranges (run offsets) of every non-phone shape in one digit run: dates
 * and date ranges, dotted times, IPv4 addresses, dotted versions, card numbers, ISBNs, ZIP ranges,
 * coordinates, dotted thousands, Unix timestamps, boleto groups, slash-joined codes and French NIRs. `digitCount` is the
 * number of digits in the run; `phoneLabel`, whether a phone label stands before it. Pagination is handled by
 * {@link isPaginationRun} on tokens.
 */
export function findDecoys(run: string, digitCount: number, out: number[], phoneLabel = false): void {
  // Each shape needs certain characters or lengths; skipping the regexes that cannot match keeps the
  // common run ("(415) 555-0132") cheap.
  const hasDot = run.includes('.');
  const hasDash = run.includes('-') || /[\u2010-\u2015\u2212\uFF0D]/.test(run);
  const hasSlash = run.includes('/');
  if (hasDot || hasDash || hasSlash) {
    collect(DATE_RE, run, out, (m) => isPlausibleDate(m[1]!) && (m[4] === undefined || isPlausibleDate(m[4])));
    collect(MONTH_YEAR_RE, run, out);
    if (hasDash)
      collect(
        DAY_MONTH_RANGE_RE,
        run,
        out,
        (m) => validDayMonth(Number(m[1]), Number(m[3])) && validDayMonth(Number(m[4]), Number(m[5])),
      );
  }
  if (hasSlash) collect(SLASH_CODE_RE, run, out, (m) => !hasRangeAt(out, m.index));
  // A "+" says phone number: "+61.2.5550.1977" is no version, IP address or thousands (issue 10).
  if (hasDot && run[0] !== '+' && run[0] !== '＋') {
    if (digitCount >= 10) collect(BOLETO_RE, run, out);
    collect(TIME_RE, run, out);
    collect(IP_RE, run, out);
    collect(VERSION_RE, run, out);
    collect(COORD_RE, run, out);
    // An IP address ("192.168.100.200") has this shape too and is already in `out`.
    if (digitCount >= 10) collect(THOUSANDS_RE, run, out, (m) => !hasRangeAt(out, m.index));
  }
  if (digitCount >= 10) {
    if (hasDash) collect(ZIP_RANGE_RE, run, out, (m) => m[1]![0] === m[2]![0] && Number(m[2]) > Number(m[1]));
    collect(ISBN_RE, run, out, (m) => isbnValid(m[0]));
    // After a phone label a ten-digit run starting with 1 is a number where numbers start so without a
    // trunk prefix ("Tel: 1130654400", São Paulo); elsewhere the trunk-prefix rule still rejects it.
    if (!phoneLabel) collect(TIMESTAMP_RE, run, out);
  }
  if (digitCount >= 13) {
    collect(NIR_RE, run, out);
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

// ---------------------------------------------------------------------------------------------------------
// What libphonenumber accepts but people do not write.

// Countries whose national numbers are always written with the trunk prefix 0 ("030 …", "020 …", "01 42 …"),
// so a national-format candidate without it is some other number: a French SIREN "123 456 789", a German
// case number "2024-0815", an Australian TFN. AU, IE and IL also write their 1300/1800 service numbers
// without it. Left out: countries where the 0 is part of the number (IT), with no trunk prefix (ES, DK, NO,
// PL, CZ…), or where numbers are commonly written without it (IN mobiles, BR, AE 800 numbers, CN 400s).
const ZERO_RE = /^0/;
const TRUNK_PREFIX_RE: Record<string, RegExp> = {
  GB: ZERO_RE,
  DE: ZERO_RE,
  FR: ZERO_RE,
  NL: ZERO_RE,
  BE: ZERO_RE,
  CH: ZERO_RE,
  AT: ZERO_RE,
  SE: ZERO_RE,
  FI: ZERO_RE,
  NZ: ZERO_RE,
  JP: ZERO_RE,
  ZA: ZERO_RE,
  AU: /^(?:0|1[389])/, // 13 xx xx, 1300, 1800, 1900
  IE: /^(?:0|1[589])/, // 1800, 1850, 1890, 15xx
  IL: /^(?:0|1[5-9])/, // 1-800, 1-700, 1-599
};

/**
 * False when `digits` (a national-format candidate, no "+") of `country` lacks the trunk prefix that the
 * country's numbers are always written with; true otherwise, and for countries without that habit.
 */
export function hasWrittenTrunkPrefix(country: string, digits: string): boolean {
  const re = TRUNK_PREFIX_RE[country];
  return re === undefined || re.test(digits);
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
