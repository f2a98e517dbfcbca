/**
 * The words right before a digit run (issue 3): phone labels ("Tel.", "Call us at", "電話") and identifier
 * labels ("Order #", "Invoice No.", "SKU"). Pure and string-only; regexes compiled once at load: this runs for
 * every digit run on every page. The label window, the text before a run and the "number" words are defined
 * here once (issue 16).
 */

/** How many characters before a digit run may hold its label. */
export const LABEL_WINDOW = 48;

/** The text before `pos` (at most `length` characters), reaching into `before` when `pos` is near the start. */
export function textBefore(text: string, pos: number, before: string | undefined, length = LABEL_WINDOW): string {
  const from = pos - length;
  if (from >= 0 || before === undefined || before.length === 0) return text.slice(Math.max(0, from), pos);
  return before.slice(Math.max(0, before.length + from)) + text.slice(0, pos);
}

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
// The words for "number" itself, here once (issue 16): a qualifier, and after a determiner ("our number") a
// phone number being talked about.
export const NUMBER_WORDS = 'number|nummer|numéro|numero|número';
export const QUALIFIERS = `no|nr|num|${NUMBER_WORDS}|id|code|#|n°|nº|№`;

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
const NUMBER_WORD_RE = new RegExp(`^(?:${NUMBER_WORDS})$`, 'i');

/**
 * Classifies the text right before a digit run: `'phone'` after labels like "Tel.", "Phone:", "Call us at",
 * "Téléphone", "電話"; `'identifier'` after "Order #", "Invoice No.", "SKU", "Tracking ID", "No.", "Nr.", "#";
 * `null` when neither is close enough to count. The nearest label wins ("Phone orders: Order #123" →
 * identifier), and "Phone No." is a phone label, not an identifier.
 */
export function classifyLabel(before: string): LabelKind {
  if (before.length === 0) return null;
  const tail = before.length > LABEL_WINDOW ? before.slice(-LABEL_WINDOW) : before;
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
