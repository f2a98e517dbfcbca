/**
 * Phone number detection for page text (issue 3): libphonenumber-js for the numbering plans, plus the context
 * rules it lacks (see `context-rules.ts`).
 *
 * Metadata choice, by measurement (`node --import tsx scripts/measure-detection.ts`, corpus in
 * `tests/fixtures/detection/`): **max** metadata, shipped as `metadata.detect.json` — libphonenumber-js's
 * `metadata.max.json` with the formatting rules removed (detection never formats; `format.js` and
 * `AsYouType` are the only readers of them). `max` validates each national number against the plan's real
 * number ranges; `min` only checks lengths, so it accepts far more decoys ("10.0.19045" is a "valid" German
 * number with `min`). Measured F1 on our corpus and bundle sizes are in the report and printed by the script;
 * the trimmed `max` costs about 40 KB gzipped with the parser, full `max` about 49 KB, `min` about 29 KB.
 * The content script must stay under 60 KiB gzipped in total, which full `max` would not leave room for.
 *
 * Bare digit runs ("4155550132": no separators, no "+") are not linked unless a phone label ("Tel:",
 * "Call", "電話"…) stands right before them: on business pages such runs are far more often order, account
 * and tracking numbers than phone numbers, and people write phone numbers with separators. Except where
 * people do write them bare: a whole valid national number with its trunk "0" in countries that always
 * write one (GB, FR, DE…: "0492990844"), and Chinese mobile numbers ("13912345678"), unless an identifier
 * label stands before them (measured on the blind page batches: most of their misses, none of their decoys).
 *
 * Vanity numbers are linked in the one shape that is unambiguous and common: North American toll-free
 * numbers with the keypad letters in capitals ("1-800-FLOWERS", "1-800-GOT-JUNK", "(888) PEPSICO"), exactly
 * seven keypad characters after the area code, at least three of them letters; the link dials the keypad
 * digits. Brand names built on them ("1-800-FLOWERS.COM") and words in mixed case ("1-800-Contact") are not.
 *
 * Speed: this runs on every text node with digits, on every page and mutation. `mightContainPhone` is a
 * plain character loop; regexes are compiled once at load; libphonenumber-js (about 10 µs a call) is only
 * asked about candidates that survived the cheap shape rules.
 */
import {
  isSupportedCountry,
  parsePhoneNumberFromString,
  type CountryCode,
  type MetadataJson,
} from 'libphonenumber-js/core';
import detectionMetadata from './metadata.detect.json';
import { countDigits, isDigitCode } from './digits';
import {
  classifyLabel,
  countryHint,
  findDecoys,
  hasWrittenTrunkPrefix,
  isPlaceholderNumber,
  findIbans,
  isPaginationRun,
  isPriceBefore,
  isPriceOrMeasureAfter,
  type LabelKind,
} from './context-rules';

/** One phone number found in a text. */
export interface PhoneMatch {
  /** Offset in the text, inclusive. */
  start: number;
  /** Offset, exclusive; `text.slice(start, end)` is the number as written, including its extension text. */
  end: number;
  /** E.164 form, e.g. "+14155550132". */
  e164: string;
  /** The extension digits ("204") when the text carries one ("x204", "ext. 204", ";ext=204", "#204"). */
  ext?: string;
}

/** Options of {@link findPhoneNumbers}. */
export interface DetectOptions {
  /**
   * ISO 3166-1 alpha-2 country for national-format numbers: the first hypothesis (see `pageCountries`).
   */
  country: string;
  /**
   * Further hypotheses, in order of the evidence for them (issue 10): a national-format number is read in the
   * first of `country`, then these, under which it is valid and written the way that country writes it.
   */
  otherCountries?: readonly string[];
  /**
   * Those of the hypotheses whose only evidence is the page's own "+CC" numbers: a number is read in one of
   * them only when it is unmistakably written as a phone number (see `phoneShaped`), because a range, tariff
   * code or ZIP+4 that is no number at home is often a valid one in some country the page mentions.
   */
  strictCountries?: readonly string[];
  /**
   * Optional: the text immediately before `text` in the same block (a previous text node, up to ~40
   * characters), so that a label in another node counts: `<b>Order #</b>4155550132` is not a phone number,
   * `<b>Tel.</b> 4155550132` is.
   */
  before?: string;
  /**
   * Optional: the heading of the section the text is in ("France", "Johannesburg, South Africa"): a country it
   * names is tried first for national-format numbers when no country is named right before them.
   */
  heading?: string;
}

/** Fewest digits a linked number has: shorter runs are prices, counts, years and house numbers. */
const MIN_DIGITS = 7;
/** Most digits a candidate may have: 15 (E.164) plus a two-digit "00" international prefix. */
const MAX_DIGITS = 17;
/** Most whitespace-separated pieces one number is written in ("+49 (0) 30 12 34 56 78" has 7). */
const MAX_TOKENS = 8;

// A toll-free code, a separator and a capital: the start of a vanity number ("800-FLOWERS"); or three digits,
// a separator and four capitals ("333.PAUL").
const VANITY_HINT_RE = /8(?:00|33|44|55|66|77|88)\)?[ \u00A0.-][A-Z]|\d{3}[ \u00A0.-][A-Z]{4}(?![A-Za-z])/;

/**
 * Cheap pre-check for every text node: false means "certainly no phone number here" (fewer than 7 digits,
 * and no vanity number either). A plain loop over char codes, no allocation.
 */
export function mightContainPhone(text: string): boolean {
  let digits = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // ASCII and full-width (Japanese pages) digits.
    if (isDigitCode(c)) {
      if (++digits >= MIN_DIGITS) return true;
    }
  }
  // "1-800-FLOWERS" has only four digits; the regexes run only on the few texts with three to six.
  return digits >= 3 && (VANITY_HINT_RE.test(text) || (digits === 6 && AU_SHORT_RE.test(text)));
}

// Australia's six-digit "13" numbers ("13 12 34", "132 500": banks, insurers, government lines) in the spaced shape
// Australians write them in; a bare "131234" could be anything. Only on pages read as Australian.
const AU_SHORT_RE = /(?<![\d.,/-])13(?: \d\d \d\d|\d \d{3})(?![\d]|[.,/-]\d)/;

// A run: optional "+" or "(", a digit, then digits and the separators people put inside phone numbers
// (spaces incl. U+00A0/U+202F/thin spaces, dots, hyphens and Unicode dashes, Japanese "ー", slashes,
// parentheses), in ASCII, full-width or Arabic-Indic digits, ending
// on a digit or ")". Letters, colons, commas, tabs and line breaks end a run.
const RUN_RE =
  /[+＋(（]*[0-9０-９\u0660-\u0669\u06F0-\u06F9](?:[0-9０-９\u0660-\u0669\u06F0-\u06F9 \u00A0\u2007\u2009\u202F.\-\u2010-\u2015\u2212\uFF0D\u30FC/()（）+＋]*[0-9０-９\u0660-\u0669\u06F0-\u06F9)）])?/g;
const SPACE_RE = /[ \u00A0\u2007\u2009\u202F]/;
// An extension right after a number: "x204", "x 204", "ext. 204", "Ext: 204", "extension 204",
// ";ext=204" (RFC 3966), "#204", and the words French Canada, Brazil and Spanish-speaking countries use
// ("poste 221", "ramal 12", "anexo 3", "interno 45"), Italy's "int. 45", Russia's "доб. 123", Poland's "wew. 12",
// the Netherlands' "toestel 45", Turkey's "dahili 12", Japan's "内線215", Korea's "내선 204" and China's
// "转806". Sticky: it must start exactly where the number ends.
const EXT_RE =
  /(?:;ext=|[ \u00A0]*,?[ \u00A0]*(?:ext(?:ension)?\.?|x\.?|#|poste|ramal|anexo|interno|int\.|доб\.?|wew\.?|toestel|dahili|内線|내선|转|分机)[ \u00A0]*[:.=]?[ \u00A0]*)([0-9]{1,6})(?![0-9])/iy;
// A lower-case word of three letters or more, and the units such a word may be instead ("1 500 000kwh").
const GLUED_WORD_RE = /^[a-z]{3,}/;
const UNIT_RE =
  /^(?:km[²2h]?|kg|mm|cm|px|kb|mb|gb|tb|[kmg]hz|kwh|mah|mph|sqm|sqft|lbs|pcs|usd|eur|gbp|aud|cad|chf|jpy|inr|rpm|dpi|bar|psi)(?![a-z])/;
// Latin letters, without the multiplication and division signs that sit among them ("24×7").
const LATIN_LETTER_RE = /[A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F]/;
const UPPER_RE = /[A-Z\u00C0-\u00DE]/;
const LOWER_RE = /[a-z\u00DF-\u00FF]/;
const JOINER_RE = /[-_/]/;
const WORD_CHAR_RE = /[A-Za-z0-9\u00C0-\u024F]/;

// A number in national format (trunk "0"), with "+" or an area code in parentheses, listed right after a comma: no decimal fraction is
// written with a leading zero and seven or more digits in groups.
const LISTED_AFTER_COMMA_RE = /^(?:(?:\+|0)\d{1,4}|\(\d{2,5}\))(?:[ \u00A0.-]?\d){6,}/;

/** A detector bound to one libphonenumber-js metadata set (the measurement script compares several). */
export interface PhoneDetector {
  findPhoneNumbers(text: string, options: DetectOptions): PhoneMatch[];
  /** The countries of the "+CC" numbers in `text`, most frequent first (at most `max` numbers read). */
  explicitCountries(text: string, max?: number): string[];
}

/**
 * Builds a detector over the given libphonenumber-js metadata. The app uses {@link findPhoneNumbers}
 * (trimmed `max` metadata); this factory exists so `scripts/measure-detection.ts` can compare `min`/`max`.
 */
export function createPhoneDetector(metadata: MetadataJson): PhoneDetector {
  const supported = new Map<string, boolean>();
  const isCountry = (country: string): boolean => {
    let ok = supported.get(country);
    if (ok === undefined) {
      ok = /^[A-Z]{2}$/.test(country) && isSupportedCountry(country as CountryCode, metadata);
      supported.set(country, ok);
    }
    return ok;
  };

  /** Parses digits (with or without "+") and says how strong the number is. */
  const judge = (digits: string, plus: boolean, country: string | null): { e164: string; valid: boolean } | null => {
    if (!plus && country === null) return null;
    const parsed = plus
      ? parsePhoneNumberFromString('+' + digits, metadata)
      : parsePhoneNumberFromString(digits, { defaultCountry: country as CountryCode, extract: false }, metadata);
    if (parsed === undefined) return null;
    if (parsed.isValid()) return { e164: parsed.number, valid: true };
    return parsed.isPossible() ? { e164: parsed.number, valid: false } : null;
  };

  return {
    findPhoneNumbers(text, options) {
      const out: PhoneMatch[] = [];
      if (!mightContainPhone(text)) return out;
      const countries = candidatesOf(options);
      const ibans = findIbans(text);
      RUN_RE.lastIndex = 0;
      for (let m = RUN_RE.exec(text); m !== null; m = RUN_RE.exec(text)) {
        const run = m[0];
        // A short run followed by a separator and a capital ("1-800-FLOWERS") may be a vanity number.
        const vanityEnd =
          run.length <= 10 && UPPER_AFTER_SEP_RE.test(text.slice(m.index + run.length, m.index + run.length + 2))
            ? findVanity(text, m.index, countries, judge, out)
            : -1;
        if (vanityEnd === -1) scanRun(text, m.index, run, options, countries, ibans, judge, out);
        else RUN_RE.lastIndex = vanityEnd;
      }
      return out;
    },
    explicitCountries(text, max = 200) {
      return explicitCountries(text, metadata, max);
    },
  };

  /** The supported countries among the options' hypotheses, in order, each once. */
  function candidatesOf(options: DetectOptions): string[] {
    const out: string[] = [];
    const add = (c: string): void => {
      const upper = c.toUpperCase();
      if (isCountry(upper) && !out.includes(upper)) out.push(upper);
    };
    add(options.country);
    if (options.otherCountries) for (const c of options.otherCountries) add(c);
    return out;
  }
}

// A "+" and the digits of an international number after it: "+44 20 7946 0958", "+1.425.322.5078", "+49 (0)30…".
const EXPLICIT_RE = /[+＋][ \u00A0]?(\d{1,3})[ \u00A0.\-()]{0,3}\d[\d \u00A0.\-()/]{5,}/g;

/**
 * The countries of the international numbers ("+CC …") in a page's text, most frequent first: evidence for how
 * the page's national-format numbers are meant (issue 10: an Australian firm's ".com" page that shows
 * "+61 2 9191 8364" once writes "(02) 9191-8364" elsewhere). Each number counts for the main country of its
 * calling code (+1 → US, +44 → GB, +7 → RU); at most `max` numbers are read.
 */
function explicitCountries(text: string, metadata: MetadataJson, max: number): string[] {
  const counts = new Map<string, number>();
  const codes = (metadata as unknown as { country_calling_codes: Record<string, string[]> }).country_calling_codes;
  EXPLICIT_RE.lastIndex = 0;
  let seen = 0;
  for (let m = EXPLICIT_RE.exec(text); m !== null && seen < max; m = EXPLICIT_RE.exec(text)) {
    // Not a "+" inside a word or a sum ("C++11", "2+2"): a "+" after a letter or digit is no number's start.
    const prev = m.index > 0 ? text.charCodeAt(m.index - 1) : 32;
    if ((prev >= 48 && prev <= 57) || (prev >= 65 && prev <= 90) || (prev >= 97 && prev <= 122)) continue;
    if (countDigits(m[0], 0, m[0].length) < 8) continue;
    const digits = m[0].replace(/\D/g, '');
    // Calling codes are prefix-free: exactly one of the first one, two or three digits is a code.
    for (let len = 1; len <= 3; len++) {
      const main = codes[digits.slice(0, len)]?.[0];
      if (main !== undefined) {
        counts.set(main, (counts.get(main) ?? 0) + 1);
        seen++;
        break;
      }
    }
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([c]) => c);
}

// "1-800-FLOWERS", "+1 888 PEPSICO", "(800) GOT-JUNK": a North American toll-free code, then keypad
// characters in groups (checked in findVanity). Not after a letter, digit or joiner; not before one, nor
// before a domain (".COM").
const UPPER_AFTER_SEP_RE = /^[ \u00A0.-][A-Z]/;
const VANITY_RE =
  /(?<![A-Za-z0-9+-])((?:\+?1[ \u00A0.-])?)(\(8(?:00|33|44|55|66|77|88)\)|8(?:00|33|44|55|66|77|88))[ \u00A0.-]([A-Z0-9]+(?:-[A-Z0-9]+){0,2})(?![A-Za-z0-9]|[.-][A-Za-z0-9])/y;
// A geographic vanity number: area code, exchange digits, then a capitalised word of four letters on the
// keypad ("303.333.PAUL", "(212) 555-PIZZA" is not: five letters). Only on a North American reading.
const GEO_VANITY_RE =
  /(?<![A-Za-z0-9+-])((?:\+?1[ \u00A0.-])?)(\([2-9]\d\d\)|[2-9]\d\d)[ \u00A0.-]?([2-9]\d\d)[ \u00A0.-]([A-Z]{4})(?![A-Za-z0-9]|[.-][A-Za-z0-9])/y;
// The same number in digits right after a vanity number, in parentheses: "1-888-LAW-FIRM (1-888-529-3476)".
const DIGITS_AFTER_VANITY_RE = /[ \u00A0]*[(（]([+\d][\d \u00A0.-]{9,16}\d)[)）]/y;
const NANP = new Set(['US', 'CA']);
// Keypad letters A-Z → digits (ITU E.161).
const KEYPAD = '22233344455566677778889999';

/**
 * Adds the NANP vanity number (see the file comment) that starts at `pos` to `out` and returns where it ends;
 * -1 when there is none. The same number in digits right after it, in parentheses, belongs to it (one link).
 */
function findVanity(text: string, pos: number, countries: readonly string[], judge: Judge, out: PhoneMatch[]): number {
  // Without the "1" the code alone says North America only on a page read as North American.
  const northAmerican = countries.some((c) => NANP.has(c));
  VANITY_RE.lastIndex = pos;
  let m = VANITY_RE.exec(text);
  let area = '';
  let keys = '';
  let letters = 0;
  if (m !== null) {
    area = m[2]!.replace(/\D/g, '');
    for (const c of m[3]!) {
      if (c === '-') continue;
      if (c >= 'A' && c <= 'Z') {
        letters++;
        keys += KEYPAD[c.charCodeAt(0) - 65];
      } else keys += c;
    }
    // "1-877-GARZA-LAW": letters past the seventh are only spelling; the keypad takes seven.
    if (keys.length > 7 && /^[A-Z-]+$/.test(m[3]!.slice(m[3]!.length - (keys.length - 7)))) keys = keys.slice(0, 7);
    if (keys.length !== 7 || letters < 3) return -1;
  } else {
    GEO_VANITY_RE.lastIndex = pos;
    m = GEO_VANITY_RE.exec(text);
    if (m === null) return -1;
    area = m[2]!.replace(/\D/g, '');
    keys = m[3]!;
    for (const c of m[4]!) keys += KEYPAD[c.charCodeAt(0) - 65];
  }
  if (m[1] === '' && !northAmerican) return -1;
  const judged = judge('1' + area + keys, true, null);
  if (judged === null || !judged.valid) return -1;
  let end = m.index + m[0].length;
  DIGITS_AFTER_VANITY_RE.lastIndex = end;
  const spelled = DIGITS_AFTER_VANITY_RE.exec(text);
  if (spelled !== null) {
    const digits = spelled[1]!.replace(/\D/g, '');
    if ('+' + (digits.length === 10 ? '1' + digits : digits) === judged.e164) end += spelled[0].length;
  }
  out.push({ start: m.index, end, e164: judged.e164 });
  return end;
}

type Judge = (digits: string, plus: boolean, country: string | null) => { e164: string; valid: boolean } | null;

/** The text before `pos`, reaching into `options.before` when `pos` is near the start of the text. */
function textBefore(text: string, pos: number, before: string | undefined, length: number): string {
  const from = pos - length;
  if (from >= 0 || before === undefined || before.length === 0) return text.slice(Math.max(0, from), pos);
  return before.slice(Math.max(0, before.length + from)) + text.slice(0, pos);
}

/**
 * Scans one run for phone numbers. The run is split into whitespace-separated tokens; tokens that belong to
 * a decoy (date, IP, card…) are blocked; then, from left to right, the longest span of unblocked tokens that
 * parses as a number is taken, first without crossing a "soft" break (a lone "/" or dash between spaces, or
 * two spaces: "030 1234567 / 030 1234568" is two numbers) and then across one ("030 / 1234567" is one).
 */
function scanRun(
  text: string,
  runStart: number,
  run: string,
  options: DetectOptions,
  countries: readonly string[],
  ibans: number[],
  judge: Judge,
  out: PhoneMatch[],
): void {
  const runEnd = runStart + run.length;
  const runDigits = countDigits(text, runStart, runEnd);
  if (runDigits < MIN_DIGITS) {
    const country = countries.includes('AU') ? 'AU' : null;
    if (runDigits === 6 && country === 'AU' && AU_SHORT_RE.test(run) && (run.length === 8 || run.length === 7)) {
      const label = classifyLabel(textBefore(text, runStart, options.before, 48));
      const judged = label === 'identifier' ? null : judge(run.replace(/\D/g, ''), false, country);
      if (judged?.valid) out.push({ start: runStart, end: runEnd, e164: judged.e164 });
    }
    return;
  }

  // Tokens that hold digits: [start, end) in run offsets, and whether a soft break follows each one.
  const starts: number[] = [];
  const ends: number[] = [];
  const softAfter: boolean[] = [];
  let i = 0;
  let gapHasJoiner = false;
  let gapSpaces = 0;
  while (i < run.length) {
    const c = run[i]!;
    if (SPACE_RE.test(c) || c === '/') {
      // A slash separates numbers ("(415)555-0156/(415)555-0157") or area code and subscriber
      // ("030/1234567"): a soft break either way, crossed only when the pieces alone are no number.
      if (c === '/') gapHasJoiner = true;
      else gapSpaces++;
      i++;
      continue;
    }
    let j = i;
    while (j < run.length && !SPACE_RE.test(run[j]!) && run[j] !== '/') j++;
    if (countDigits(run, i, j) > 0) {
      if (starts.length > 0) softAfter[starts.length - 1] = gapHasJoiner || gapSpaces >= 2;
      starts.push(i);
      ends.push(j);
      softAfter.push(false);
      gapHasJoiner = false;
    } else {
      gapHasJoiner = true; // a token with no digits between numbers: "/", "–", "|".
    }
    gapSpaces = 0;
    i = j;
  }
  const n = starts.length;
  if (n === 0) return;
  const blocked: boolean[] = new Array<boolean>(n).fill(false);
  const blockRange = (from: number, to: number): void => {
    for (let t = 0; t < n; t++) if (starts[t]! < to && ends[t]! > from) blocked[t] = true;
  };

  // What stands before the run.
  const before = textBefore(text, runStart, options.before, 48);
  const label: LabelKind = classifyLabel(before);

  // Shapes that are certainly not phone numbers.
  const decoys: number[] = [];
  findDecoys(run, runDigits, decoys, label === 'phone');
  for (let d = 0; d < decoys.length; d += 2) blockRange(decoys[d]!, decoys[d + 1]!);
  for (let d = 0; d < ibans.length; d += 2) blockRange(ibans[d]! - runStart, ibans[d + 1]! - runStart);
  if (n >= 4) {
    const tokens: string[] = [];
    for (let t = 0; t < n; t++) tokens.push(run.slice(starts[t], ends[t]));
    if (isPaginationRun(tokens)) return;
  }

  const prevChar = before.length > 0 ? before[before.length - 1]! : '';
  if (isPriceBefore(before)) return;
  // A shipping container's owner code ("HLBU 062702-1", ISO 6346): its serial number follows.
  if (CONTAINER_CODE_BEFORE_RE.test(before)) blocked[0] = true;
  const startsWithPlus = run[0] === '+' || run[0] === '＋' || (run[0] === '(' && run[1] === '+');
  if (label === 'identifier' && !startsWithPlus) {
    // "Order #12345 / 67890": the whole first segment belongs to the identifier.
    for (let t = 0; t < n; t++) {
      blocked[t] = true;
      if (softAfter[t]) break;
    }
  }
  if (prevChar !== '' && label !== 'phone') {
    const prev2 = before.length > 1 ? before[before.length - 2]! : '';
    // Glued to a word ("ABC123…", "v10.0…") or joined to one ("INV-2024…", "SKU_123…"), or the tail of a
    // decimal number ("3,1415 926…"): the first token is part of something else.
    if (
      LATIN_LETTER_RE.test(prevChar) ||
      (JOINER_RE.test(prevChar) && WORD_CHAR_RE.test(prev2)) ||
      ((prevChar === '.' || prevChar === ',') && prev2 >= '0' && prev2 <= '9' && !LISTED_AFTER_COMMA_RE.test(run))
    ) {
      blocked[0] = true;
    }
  }

  // What stands after the run (only matters for spans that end on the last token).
  const after = text.slice(runEnd, runEnd + 12);
  const afterLetterGlued = after.length > 0 && LATIN_LETTER_RE.test(after[0]!);
  const extMatch = matchExtension(text, runEnd);
  if (extMatch === null) {
    if (isPriceOrMeasureAfter(after)) {
      // "+1 415 555 0143 (24×7)": the measure is what the parenthesis opens, not the number before it.
      const last = run[starts[n - 1]!];
      if (n === 1 || (last !== '(' && last !== '（')) return;
      blocked[n - 1] = true;
    }
    const a0 = after[0] ?? '';
    const a1 = after[1] ?? '';
    // "1.234.567,89", "12345678.5", "10:30": a decimal or time continues the number; but not a second
    // number listed after a bare comma ("(08) 6000 1234,0491 570 750").
    if ((a0 === ',' || a0 === '.' || a0 === ':') && a1 >= '0' && a1 <= '9') {
      if (!(a0 === ',' && LISTED_AFTER_COMMA_RE.test(text.slice(runEnd + 1, runEnd + 24)))) blocked[n - 1] = true;
    }
    // "4155550180@sms.example.com": the local part of an e-mail address (SMS gateways, fax-to-mail).
    if (a0 === '@') blocked[n - 1] = true;
    // "415-555-0132-B12", "0800 123 4567_A": a suffix joined on makes a serial or part number of it.
    if (IDENTIFIER_SUFFIX_RE.test(after)) {
      for (let t = n - 1; t >= 0; t--) {
        blocked[t] = true;
        if (t > 0 && softAfter[t - 1]) break;
      }
    }
    // "4155550132ABC", "1080p": glued to a word, unless it is a capitalised next word run into the number
    // by text concatenation ("0132Email").
    // A formatted number with a word run into it ("Call 0800 123 4567now") is still the number.
    if (
      afterLetterGlued &&
      !(UPPER_RE.test(after[0]!) && LOWER_RE.test(a1)) &&
      !(n > 1 && GLUED_WORD_RE.test(after) && !UNIT_RE.test(after))
    ) {
      // The whole last number goes, not only its last group: "0800 123 4567kwh" is no "0800 123". A group
      // in an opened parenthesis is something else ("0143 (24h)"): only it goes.
      const last = run[starts[n - 1]!];
      for (let t = n - 1; t >= 0; t--) {
        if (t < n - 1 && (last === '(' || last === '（')) break;
        blocked[t] = true;
        if (t > 0 && softAfter[t - 1]) break;
      }
    }
  }

  // A country named right before a national-format number ("UK: 020 7946 0000" on a US page).
  const reading: Reading = {
    countries,
    strict: options.strictCountries,
    hint: startsWithPlus
      ? null
      : (countryHint(before) ?? (options.heading ? countryHint(options.heading + ' ') : null)),
    // A code before the run, or one the run starts with ("AA1 01 2345 6784": its "1" is glued to "AA").
    afterCode: CODE_BEFORE_RE.test(before) || (blocked[0]! && LATIN_LETTER_RE.test(prevChar)),
    gluedToCode: blocked[0]! && LATIN_LETTER_RE.test(prevChar),
  };

  /** The longest number among the tokens from `from` on (within its segment first, then across one break). */
  const spanFrom = (from: number): { found: PhoneMatch | null; end: number } => {
    // The furthest token a span may reach: not past a blocked token, at most MAX_TOKENS.
    let maxE = from;
    while (maxE + 1 < n && !blocked[maxE + 1] && maxE + 1 - from < MAX_TOKENS) maxE++;
    let segEnd = from;
    while (segEnd < maxE && !softAfter[segEnd]) segEnd++;
    for (let e = segEnd; e >= from; e--) {
      const found = trySpan(text, runStart, run, starts, ends, from, e, n, label, reading, judge, extMatch);
      if (found !== null) return { found, end: e };
    }
    for (let e = maxE; e > segEnd; e--) {
      const found = trySpan(text, runStart, run, starts, ends, from, e, n, label, reading, judge, extMatch);
      if (found !== null) return { found, end: e };
    }
    return { found: null, end: from };
  };
  /**
   * Whether the tokens after `e` go on with a digit group in the same segment ("905 555 0123 0001"); a last
   * group with a word after it is a house number ("Fax 214-555-0164 2100 Ross Ave").
   */
  const runsOn = (e: number): boolean =>
    e + 1 < n &&
    !softAfter[e] &&
    !blocked[e + 1] &&
    DIGIT_GROUP_RE.test(run.slice(starts[e + 1], ends[e + 1])) &&
    !(e + 2 === n && WORD_AFTER_RE.test(after));

  let s = 0;
  while (s < n) {
    if (blocked[s]) {
      s++;
      continue;
    }
    const { found, end } = spanFrom(s);
    if (found === PLACEHOLDER) {
      s = end + 1; // "020 0000 0000": not "020 0000" either
    } else if (found !== null) {
      // A number that is only the start of a longer string of digit groups is part of something else (an
      // account or circuit number), unless a number starts where it ends ("0161 496 0000 0161 496 0001").
      if (runsOn(end) && spanFrom(end + 1).found === null) {
        s = end + 1;
        while (s < n && !softAfter[s - 1]) s++;
        continue;
      }
      out.push(found);
      s = end + 1;
    } else {
      s++;
    }
  }
}

/** Countries whose national numbers are written with a trunk "0" and ten to twelve digits in all. */
const BARE_TRUNK_COUNTRIES = new Set(['GB', 'FR', 'DE', 'AT', 'AU', 'NZ', 'IE', 'NL', 'BE', 'CH', 'ZA', 'JP']);
const CN_MOBILE_RE = /^1[3-9]\d{9}$/;
const DIGIT_GROUP_RE = /^\d{3,}$/;
const WORD_AFTER_RE = /^[ \u00A0]*\p{L}/u;
const CONTAINER_CODE_BEFORE_RE = /(?:^|[^A-Za-z])[A-Z]{3}[UJZ] ?$/;
// A joiner and a short code after a number: "-B12", "_A", "-REV2" (not "-Mon", a word).
const IDENTIFIER_SUFFIX_RE = /^[-_](?:\p{L}{0,4}\d|\p{Lu}{1,4}(?!\p{Ll}))/u;

/** How a run's national-format numbers are read: the page's countries, and what stands before the run. */
interface Reading {
  countries: readonly string[];
  /** Countries read only under the strict rule (see `DetectOptions.strictCountries`). */
  strict: readonly string[] | undefined;
  /** A country named right before the run ("UK: "), or null. */
  hint: string | null;
  /** Whether the run follows a code-like word with letters and digits ("AA1 ", "1Z ", a postcode "E14 5RE "). */
  afterCode: boolean;
  /** Whether the run's first digits are glued to letters before them ("AA1 01 2345 6784"). */
  gluedToCode: boolean;
}

// The last word before a run mixes letters and digits: "1Z 999 AA1 ", "ref A12 ".
const CODE_BEFORE_RE = /(?:[A-Za-z]\d|\d[A-Za-z])[A-Za-z0-9]*[ \u00A0]+$/;

/** France's overseas departments, with their own calling codes but France's way of writing numbers. */
const FRENCH_OVERSEAS = ['RE', 'GP', 'MQ', 'GF', 'YT'];

/**
 * Whether `span`, a number as written, is written the way phone numbers are in `country`: an area code in parentheses, or three or more
 * digit groups not joined by dots alone ("0207 515 7774", "079-6630 4000"; not "0150–1299", "3004.90.00").
 */
function phoneShaped(span: string, country: string): boolean {
  if (/[(（]\d/.test(span)) return true;
  // An area code and a slash: "030 / 44 31 92 70", "089/543218-0" (German and Austrian habit).
  if (/^0\d{1,4} ?\/ ?\d/.test(span)) return true;
  // Korea's nationwide numbers: "1588-1234".
  if (country === 'KR' && /^1[5-9]\d\d-\d{4}$/.test(span)) return true;
  // Two groups where that is the country's habit: a UK "07711 900461" / "01904 613207", an Indian mobile
  // "98240 12345". Joined by a space, never a dash ("0150–1299" is a range).
  if (/^0\d{3,4} \d{6}$|^[6-9]\d{4} \d{5}$/.test(span)) return true;
  const groups = span.match(/\d+/g);
  return groups !== null && groups.length >= 3 && /[ \u00A0-]/.test(span) && !span.includes('/');
}

/** Whether `digits`, bare, is a whole national number the way people in `country` write one without separators. */
function isBareNational(country: string, digits: string): boolean {
  return (
    (digits.length >= 10 && digits.length <= 12 && digits[0] === '0' && BARE_TRUNK_COUNTRIES.has(country)) ||
    (country === 'CN' && CN_MOBILE_RE.test(digits))
  );
}

/**
 * Whether a North American number is grouped the way North Americans write one: its digit groups (after a
 * leading "1" or "+1") break only after the area code and after the exchange ("(905) 616-5509", "206.588.2075",
 * "415 5550132"), never inside them ("415.5550.132" is a build number, "2065 882 075" no number at all).
 */
function writtenAsNanp(written: string): boolean {
  const groups = written.match(/\d+/g);
  if (groups === null) return false;
  let i = 0;
  if (groups.length > 1 && groups[0] === '1') i = 1;
  // Ten digits after the country code, always ("310-2456" is a local number at best, and no link).
  if (groups.slice(i).join('').replace(/^1/, '').length !== 10) return false;
  let at = 0;
  for (; i < groups.length - 1; i++) {
    at += groups[i]!.length;
    if (at !== 3 && at !== 6) return false;
  }
  return true;
}

/** An extension right after `pos`: its digits and where it ends. */
function matchExtension(text: string, pos: number): { ext: string; end: number } | null {
  EXT_RE.lastIndex = pos;
  const m = EXT_RE.exec(text);
  if (m === null) return null;
  // "x" must not be the start of a word ("0132 xylophone" has no digits anyway, "0132 x2y" does).
  const end = pos + m[0].length;
  if (end < text.length && LATIN_LETTER_RE.test(text[end]!)) return null;
  return { ext: m[1]!, end };
}

/** What {@link trySpan} returns for a template placeholder: its tokens are skipped, no shorter span is tried. */
const PLACEHOLDER: PhoneMatch = { start: -1, end: -1, e164: '' };

/** Tries tokens s..e of a run as one number; returns the match, {@link PLACEHOLDER} or null. */
function trySpan(
  text: string,
  runStart: number,
  run: string,
  starts: number[],
  ends: number[],
  s: number,
  e: number,
  n: number,
  label: LabelKind,
  reading: Reading,
  judge: Judge,
  extMatch: { ext: string; end: number } | null,
): PhoneMatch | null {
  let from = starts[s]!;
  let to = ends[e]!;
  // Balance parentheses: drop unmatched "(" at the start and ")" at the end, and parentheses that enclose
  // the whole number ("(415-555-0132)"), but keep "(415) 555-0132" and "+44 (0)20…".
  let opens = 0;
  let closes = 0;
  for (let k = from; k < to; k++) {
    const c = run[k];
    if (c === '(' || c === '（') opens++;
    else if (c === ')' || c === '）') closes++;
  }
  while (opens > closes && (run[from] === '(' || run[from] === '（')) {
    from++;
    opens--;
  }
  while (closes > opens && (run[to - 1] === ')' || run[to - 1] === '）')) {
    to--;
    closes--;
  }
  // A "(" still open inside the span starts something else: "080 4123 4560 (10 AM – 6 PM)",
  // "186-1234-5678（24小时）". The number ends before it.
  if (opens > closes) {
    const open: number[] = [];
    for (let k = from; k < to; k++) {
      const c = run[k];
      if (c === '(' || c === '（') open.push(k);
      else if ((c === ')' || c === '）') && open.length) open.pop();
    }
    to = open[0]!;
    while (to > from && !isDigitCode(run.charCodeAt(to - 1))) to--;
    if (to <= from) return null;
  }
  if ((run[from] === '(' || run[from] === '（') && (run[to - 1] === ')' || run[to - 1] === '）')) {
    let depth = 0;
    let enclosing = true;
    for (let k = from; k < to - 1; k++) {
      const c = run[k];
      if (c === '(' || c === '（') depth++;
      else if (c === ')' || c === '）') depth--;
      if (depth === 0) {
        enclosing = false;
        break;
      }
    }
    if (enclosing) {
      from++;
      to--;
    }
  }

  // Digits, the "+", and the "(0)" trunk prefix some write after the country code ("+44 (0)20 7946 0000").
  let digits = '';
  let plus = false;
  let bare = true;
  for (let k = from; k < to; k++) {
    const c = run.charCodeAt(k);
    if (c >= 48 && c <= 57) digits += run[k];
    else if (c >= 0xff10 && c <= 0xff19) digits += String.fromCharCode(c - 0xff10 + 48);
    else if (c >= 0x0660 && c <= 0x0669) digits += String.fromCharCode(c - 0x0660 + 48);
    else if (c >= 0x06f0 && c <= 0x06f9) digits += String.fromCharCode(c - 0x06f0 + 48);
    else if (c === 43 || c === 0xff0b) {
      if (digits.length > 0 || plus) return null; // a "+" inside: two numbers side by side.
      plus = true;
      bare = false;
    } else {
      bare = false;
      if (plus && (c === 40 || c === 0xff08) && run[k + 1] === '0' && (run[k + 2] === ')' || run[k + 2] === '）')) {
        if (digits.length > 0) k += 2;
      }
    }
  }
  if (digits.length < MIN_DIGITS || digits.length > MAX_DIGITS) return null;
  const spanLabel = s === 0 ? label : null;
  // Bare digit runs need a phone label (see the file comment), except a whole national number written the way
  // people in one of the page's countries write them bare (checked per country below), when not labelled as
  // something else.
  const mayBeBareNational = bare && spanLabel === null && s === 0 && e === n - 1;
  if (bare && spanLabel !== 'phone' && !mayBeBareNational) return null;

  const judged = plus
    ? judge(digits, true, null)
    : readNational(
        digits,
        bare && spanLabel !== 'phone',
        spanLabel === 'phone' ? null : run.slice(from, to),
        reading,
        judge,
      );
  if (judged === null) return null;
  if (isPlaceholderNumber(judged.e164)) return PLACEHOLDER;
  // Never a number that is not valid where it is read (issue 10: "(02)9191-8364" is no American number).
  if (!judged.valid) return null;
  if (judged.e164.startsWith('+1') && !writtenAsNanp(run.slice(from, to))) return null;

  const start = runStart + from;
  const endsRun = e === n - 1 && to === ends[e];
  if (endsRun && extMatch !== null) {
    return { start, end: extMatch.end, e164: judged.e164, ext: extMatch.ext };
  }
  return { start, end: runStart + to, e164: judged.e164 };
}

/**
 * Reads a national-format number (no "+") under the page's country hypotheses (issue 10, design.md "Numbers"):
 * an international prefix written out ("0044 20 7946 0958") first, then a country named right before it, then
 * each of `countries` in order. The first reading that is valid, and written the way that country writes its
 * numbers (its trunk prefix; bare only where people write them bare), wins; a placeholder stops the search.
 * Null when no reading is valid: a number is never dialled in a country whose plan does not have it.
 */
function readNational(
  digits: string,
  bareUnlabelled: boolean,
  written: string | null,
  reading: Reading,
  judge: Judge,
): { e164: string; valid: boolean } | null {
  const { countries, hint } = reading;
  if (digits.startsWith('00') && digits[2] !== '0') {
    const intl = judge(digits.slice(2), true, null);
    if (intl !== null && intl.valid) return intl;
  }
  const tryIn = (country: string, strict: boolean): { e164: string; valid: boolean } | null => {
    // In a country only the page's "+CC" numbers point to, only what is unmistakably written as a phone number
    // (labelled, an area code in parentheses, three or more groups), and not the tail of a code ("1Z 999 AA1 01
    // 2345 6784"): a range, a tariff code or a ZIP+4 that is no number at home is a valid one somewhere else.
    if (strict && ((written !== null && !phoneShaped(written, country)) || reading.afterCode)) return null;
    // The tail of a code the run is glued to ("Tracking 1Z 999 AA1 01 2345 6784") is read only in the page's own
    // first country, never in one a heading, a name or the page's other numbers suggest.
    if (reading.gluedToCode && country !== countries[0]) return null;
    if (bareUnlabelled && !isBareNational(country, digits)) return null;
    if (!hasWrittenTrunkPrefix(country, digits)) return null;
    const judged = judge(digits, false, country);
    if (judged !== null && (judged.valid || isPlaceholderNumber(judged.e164))) return judged;
    // France's overseas departments write their numbers as France does ("0262 21 43 65" is La Réunion).
    if (country === 'FR') {
      for (const overseas of FRENCH_OVERSEAS) {
        const there = judge(digits, false, overseas);
        if (there !== null && there.valid) return there;
      }
    }
    return null;
  };
  if (hint !== null && !countries.includes(hint)) {
    const hinted = tryIn(hint, false);
    if (hinted !== null) return hinted;
  }
  // A named country first among the page's own, too.
  const order = hint !== null && countries.includes(hint) ? [hint, ...countries.filter((c) => c !== hint)] : countries;
  for (let i = 0; i < order.length; i++) {
    const country = order[i]!;
    const judged = tryIn(country, country !== hint && reading.strict !== undefined && reading.strict.includes(country));
    if (judged !== null) return judged;
  }
  return null;
}

/** Built on first use: a page without digits never pays for it (the content script runs on every page). */
let defaultDetector: PhoneDetector | undefined;

/**
 * All phone numbers in one text (a text node's data, or a block's concatenated text), in order and
 * non-overlapping. National-format numbers are read as numbers of `options.country`.
 */
export function findPhoneNumbers(text: string, options: DetectOptions): PhoneMatch[] {
  defaultDetector ??= createPhoneDetector(detectionMetadata as unknown as MetadataJson);
  return defaultDetector.findPhoneNumbers(text, options);
}

/** The countries of the "+CC" numbers in `text`, most frequent first (see {@link PhoneDetector.explicitCountries}). */
export function explicitCountriesIn(text: string, max?: number): string[] {
  defaultDetector ??= createPhoneDetector(detectionMetadata as unknown as MetadataJson);
  return defaultDetector.explicitCountries(text, max);
}
