/**
 * Phone number detection for page text (issue 3): libphonenumber-js for the numbering plans, plus the context
 * rules it lacks (`labels.ts`, `decoys.ts` and `country-rules.ts`).
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
import { findIbans } from './decoys';
import { AU_SHORT_RE } from './run-rules';
import { scanRun } from './scan';
import { createScanContext, MIN_DIGITS, type Judge } from './scan-context';
import { VANITY_HINT_RE } from './vanity';

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

// A run: optional "+" or "(", a digit, then digits and the separators people put inside phone numbers
// (spaces incl. U+00A0/U+202F/thin spaces, dots, hyphens and Unicode dashes, Japanese "ー", slashes,
// parentheses), in ASCII, full-width or Arabic-Indic digits, ending
// on a digit or ")". Letters, colons, commas, tabs and line breaks end a run.
const RUN_RE =
  /[+＋(（]*[0-9０-９\u0660-\u0669\u06F0-\u06F9](?:[0-9０-９\u0660-\u0669\u06F0-\u06F9 \u00A0\u2007\u2009\u202F.\-\u2010-\u2015\u2212\uFF0D\u30FC/()（）+＋]*[0-9０-９\u0660-\u0669\u06F0-\u06F9)）])?/g;

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
  const judge: Judge = (digits, plus, country) => {
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
      const ctx = createScanContext(text, options, countries, findIbans(text), judge, out);
      RUN_RE.lastIndex = 0;
      for (let m = RUN_RE.exec(text); m !== null; m = RUN_RE.exec(text)) {
        scanRun(ctx, m.index, m[0]);
        // A vanity number reads past its run ("1-800-FLOWERS"): the next run starts after it.
        if (ctx.resumeAt !== -1) RUN_RE.lastIndex = ctx.resumeAt;
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
