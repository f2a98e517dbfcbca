/**
 * The rules that decide a whole digit run, or block some of its tokens, before any number is read in it
 * (phases `candidate` and `block`, see scan-context.ts): vanity numbers, Australia's 13-numbers, runs too short,
 * decoy shapes, IBANs, pagination, prices and measures, identifier labels, and numbers glued to words or codes.
 * Each is a plain function of the scan context; the scanner (scan.ts) runs them in the order of its one list.
 */
import { DECOY_KINDS, isPaginationRun, isPriceBefore, isPriceOrMeasureAfter, type DecoyKind } from './decoys';
import { classifyLabel, textBefore } from './labels';
import {
  blockRange,
  blockToken,
  MIN_DIGITS,
  type DetectionRule,
  type Extension,
  type ScanContext,
} from './scan-context';
import { findVanity, UPPER_AFTER_SEP_RE } from './vanity';

// Australia's six-digit "13" numbers ("13 12 34", "132 500": banks, insurers, government lines) in the spaced shape
// Australians write them in; a bare "131234" could be anything. Only on pages read as Australian.
export const AU_SHORT_RE = /(?<![\d.,/-])13(?: \d\d \d\d|\d \d{3})(?![\d]|[.,/-]\d)/;

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
/** Latin letters, without the multiplication and division signs that sit among them ("24×7"). */
export const LATIN_LETTER_RE = /[A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F]/;
const UPPER_RE = /[A-Z\u00C0-\u00DE]/;
const LOWER_RE = /[a-z\u00DF-\u00FF]/;
const JOINER_RE = /[-_/]/;
const WORD_CHAR_RE = /[A-Za-z0-9\u00C0-\u024F]/;
// A number in national format (trunk "0"), with "+" or an area code in parentheses, listed right after a comma: no decimal fraction is
// written with a leading zero and seven or more digits in groups.
const LISTED_AFTER_COMMA_RE = /^(?:(?:\+|0)\d{1,4}|\(\d{2,5}\))(?:[ \u00A0.-]?\d){6,}/;
const CONTAINER_CODE_BEFORE_RE = /(?:^|[^A-Za-z])[A-Z]{3}[UJZ] ?$/;
// A joiner and a short code after a number: "-B12", "_A", "-REV2" (not "-Mon", a word).
const IDENTIFIER_SUFFIX_RE = /^[-_](?:\p{L}{0,4}\d|\p{Lu}{1,4}(?!\p{Ll}))/u;

/** An extension right after `pos`: its digits and where it ends. */
export function matchExtension(text: string, pos: number): Extension | null {
  EXT_RE.lastIndex = pos;
  const m = EXT_RE.exec(text);
  if (m === null) return null;
  // "x" must not be the start of a word ("0132 xylophone" has no digits anyway, "0132 x2y" does).
  const end = pos + m[0].length;
  if (end < text.length && LATIN_LETTER_RE.test(text[end]!)) return null;
  return { ext: m[1]!, end };
}

/** Blocks the last number of the run: its tokens back to the previous soft break. */
function blockLastNumber(ctx: ScanContext): void {
  for (let t = ctx.n - 1; t >= 0; t--) {
    blockToken(ctx, t);
    if (t > 0 && ctx.softAfter[t - 1]) break;
  }
}

/** Whether the run's last token opens a parenthesis ("0143 (24h)"). */
function lastOpensParen(ctx: ScanContext): boolean {
  const last = ctx.run[ctx.starts[ctx.n - 1]!];
  return last === '(' || last === '（';
}

// --- candidate ---------------------------------------------------------------------------------------------

/** A short run followed by a separator and a capital ("1-800-FLOWERS") may be a vanity number (vanity.ts). */
const vanity: DetectionRule = {
  id: 'vanity',
  phase: 'candidate',
  test(ctx) {
    if (ctx.run.length > 10 || !UPPER_AFTER_SEP_RE.test(ctx.text.slice(ctx.runEnd, ctx.runEnd + 2))) return false;
    const end = findVanity(ctx);
    if (end === -1) return false;
    ctx.resumeAt = end;
    return true;
  },
};

/** Australia's "13 12 34" on a page read as Australian, unless an identifier label stands before it. */
const auShort: DetectionRule = {
  id: 'au-13-short',
  phase: 'candidate',
  test(ctx) {
    const { run } = ctx;
    if (ctx.runDigits !== 6 || !ctx.countries.includes('AU') || !AU_SHORT_RE.test(run)) return false;
    if (run.length !== 8 && run.length !== 7) return false;
    if (classifyLabel(textBefore(ctx.text, ctx.runStart, ctx.options.before)) === 'identifier') return false;
    const judged = ctx.judge(run.replace(/\D/g, ''), false, 'AU');
    if (!judged?.valid) return false;
    ctx.out.push({ start: ctx.runStart, end: ctx.runEnd, e164: judged.e164 });
    return true;
  },
};

/** Fewer than seven digits: a price, count, year or house number. */
const tooFewDigits: DetectionRule = {
  id: 'too-few-digits',
  phase: 'candidate',
  test: (ctx) => ctx.runDigits < MIN_DIGITS,
};

// --- block -------------------------------------------------------------------------------------------------

/** Shapes that are certainly not phone numbers (decoys.ts), one rule per shape. */
function decoyRule(kind: DecoyKind): DetectionRule {
  return {
    id: kind,
    phase: 'block',
    test(ctx) {
      const { decoys, decoyKinds } = ctx;
      for (let d = 0; d < decoyKinds.length; d++) {
        if (decoyKinds[d] === kind) blockRange(ctx, decoys[2 * d]!, decoys[2 * d + 1]!);
      }
      return false;
    },
  };
}

const iban: DetectionRule = {
  id: 'iban',
  phase: 'block',
  test(ctx) {
    const { ibans, runStart } = ctx;
    for (let d = 0; d < ibans.length; d += 2) blockRange(ctx, ibans[d]! - runStart, ibans[d + 1]! - runStart);
    return false;
  },
};

/** "1 2 3 4 5 6 7": a page-number strip. */
const pagination: DetectionRule = {
  id: 'pagination',
  phase: 'block',
  test(ctx) {
    if (ctx.n < 4) return false;
    const tokens: string[] = [];
    for (let t = 0; t < ctx.n; t++) tokens.push(ctx.run.slice(ctx.starts[t], ctx.ends[t]));
    return isPaginationRun(tokens);
  },
};

/** "$1,234.56", "EUR 1 234": a currency before the run. */
const priceBefore: DetectionRule = { id: 'price-before', phase: 'block', test: (ctx) => isPriceBefore(ctx.before) };

/** A shipping container's owner code ("HLBU 062702-1", ISO 6346): its serial number follows. */
const containerCode: DetectionRule = {
  id: 'container-code',
  phase: 'block',
  test(ctx) {
    if (CONTAINER_CODE_BEFORE_RE.test(ctx.before)) blockToken(ctx, 0);
    return false;
  },
};

/** "Order #12345 / 67890": the whole first segment belongs to the identifier. */
const identifierLabel: DetectionRule = {
  id: 'identifier-label',
  phase: 'block',
  test(ctx) {
    if (ctx.label !== 'identifier' || ctx.startsWithPlus) return false;
    for (let t = 0; t < ctx.n; t++) {
      blockToken(ctx, t);
      if (ctx.softAfter[t]) break;
    }
    return false;
  },
};

/**
 * Glued to a word ("ABC123…", "v10.0…") or joined to one ("INV-2024…", "SKU_123…"), or the tail of a decimal
 * number ("3,1415 926…"): the first token is part of something else.
 */
const gluedBefore: DetectionRule = {
  id: 'glued-before',
  phase: 'block',
  test(ctx) {
    const { before, prevChar } = ctx;
    if (prevChar === '' || ctx.label === 'phone') return false;
    const prev2 = before.length > 1 ? before[before.length - 2]! : '';
    if (
      LATIN_LETTER_RE.test(prevChar) ||
      (JOINER_RE.test(prevChar) && WORD_CHAR_RE.test(prev2)) ||
      ((prevChar === '.' || prevChar === ',') && prev2 >= '0' && prev2 <= '9' && !LISTED_AFTER_COMMA_RE.test(ctx.run))
    ) {
      blockToken(ctx, 0);
    }
    return false;
  },
};

// The rules below read what stands after the run; an extension there ("x204") says the number ends there.

/** "… €", "… %", "… °": a price or measure; "+1 415 555 0143 (24×7)": only what the parenthesis opens. */
const priceOrMeasureAfter: DetectionRule = {
  id: 'price-or-measure-after',
  phase: 'block',
  test(ctx) {
    if (ctx.extMatch !== null || !isPriceOrMeasureAfter(ctx.after)) return false;
    if (ctx.n === 1 || !lastOpensParen(ctx)) return true;
    blockToken(ctx, ctx.n - 1);
    return false;
  },
};

/**
 * "1.234.567,89", "12345678.5", "10:30": a decimal or time continues the number; but not a second number
 * listed after a bare comma ("(08) 6000 1234,0491 570 750").
 */
const decimalAfter: DetectionRule = {
  id: 'decimal-after',
  phase: 'block',
  test(ctx) {
    if (ctx.extMatch !== null) return false;
    const a0 = ctx.after[0] ?? '';
    const a1 = ctx.after[1] ?? '';
    if ((a0 === ',' || a0 === '.' || a0 === ':') && a1 >= '0' && a1 <= '9') {
      if (!(a0 === ',' && LISTED_AFTER_COMMA_RE.test(ctx.text.slice(ctx.runEnd + 1, ctx.runEnd + 24)))) {
        blockToken(ctx, ctx.n - 1);
      }
    }
    return false;
  },
};

/** "4155550180@sms.example.com": the local part of an e-mail address (SMS gateways, fax-to-mail). */
const emailLocalPart: DetectionRule = {
  id: 'email-local-part',
  phase: 'block',
  test(ctx) {
    if (ctx.extMatch === null && ctx.after[0] === '@') blockToken(ctx, ctx.n - 1);
    return false;
  },
};

/** "415-555-0132-B12", "0800 123 4567_A": a suffix joined on makes a serial or part number of it. */
const identifierSuffix: DetectionRule = {
  id: 'identifier-suffix',
  phase: 'block',
  test(ctx) {
    if (ctx.extMatch === null && IDENTIFIER_SUFFIX_RE.test(ctx.after)) blockLastNumber(ctx);
    return false;
  },
};

/**
 * "4155550132ABC", "1080p": glued to a word, unless it is a capitalised next word run into the number by text
 * concatenation ("0132Email"). A formatted number with a word run into it ("Call 0800 123 4567now") is still
 * the number. The whole last number goes, not only its last group: "0800 123 4567kwh" is no "0800 123". A group
 * in an opened parenthesis is something else ("0143 (24h)"): only it goes.
 */
const gluedAfter: DetectionRule = {
  id: 'glued-after',
  phase: 'block',
  test(ctx) {
    const { after, n } = ctx;
    if (ctx.extMatch !== null || after.length === 0 || !LATIN_LETTER_RE.test(after[0]!)) return false;
    if (UPPER_RE.test(after[0]!) && LOWER_RE.test(after[1] ?? '')) return false;
    if (n > 1 && GLUED_WORD_RE.test(after) && !UNIT_RE.test(after)) return false;
    const opensParen = lastOpensParen(ctx);
    for (let t = n - 1; t >= 0; t--) {
      if (t < n - 1 && opensParen) break;
      blockToken(ctx, t);
      if (t > 0 && ctx.softAfter[t - 1]) break;
    }
    return false;
  },
};

/** The `candidate` rules, in the order they are tried. */
export const CANDIDATE_RULES: readonly DetectionRule[] = [vanity, auShort, tooFewDigits];

/** The `block` rules, in the order they run. */
export const BLOCK_RULES: readonly DetectionRule[] = [
  ...DECOY_KINDS.map(decoyRule),
  iban,
  pagination,
  priceBefore,
  containerCode,
  identifierLabel,
  gluedBefore,
  priceOrMeasureAfter,
  decimalAfter,
  emailLocalPart,
  identifierSuffix,
  gluedAfter,
];
