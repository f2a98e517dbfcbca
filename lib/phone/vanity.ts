/**
 * Vanity numbers (issue 3): linked in the one shape that is unambiguous and common, North American toll-free
 * numbers with the keypad letters in capitals ("1-800-FLOWERS", "1-800-GOT-JUNK", "(888) PEPSICO"), exactly
 * seven keypad characters after the area code, at least three of them letters, and geographic ones with a
 * four-letter word ("303.333.PAUL"); the link dials the keypad digits. Brand names built on them
 * ("1-800-FLOWERS.COM") and words in mixed case ("1-800-Contact") are not.
 */
import type { ScanContext } from './scan-context';

// A toll-free code, a separator and a capital: the start of a vanity number ("800-FLOWERS"); or three digits,
// a separator and four capitals ("333.PAUL").
export const VANITY_HINT_RE = /8(?:00|33|44|55|66|77|88)\)?[ \u00A0.-][A-Z]|\d{3}[ \u00A0.-][A-Z]{4}(?![A-Za-z])/;

// "1-800-FLOWERS", "+1 888 PEPSICO", "(800) GOT-JUNK": a North American toll-free code, then keypad
// characters in groups (checked in findVanity). Not after a letter, digit or joiner; not before one, nor
// before a domain (".COM").
export const UPPER_AFTER_SEP_RE = /^[ \u00A0.-][A-Z]/;
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
export function findVanity(ctx: ScanContext): number {
  const { text, runStart: pos } = ctx;
  // Without the "1" the code alone says North America only on a page read as North American.
  let northAmerican = false;
  for (const c of ctx.countries) if (NANP.has(c)) northAmerican = true;
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
  const judged = ctx.judge('1' + area + keys, true, null);
  if (judged === null || !judged.valid) return -1;
  let end = m.index + m[0].length;
  DIGITS_AFTER_VANITY_RE.lastIndex = end;
  const spelled = DIGITS_AFTER_VANITY_RE.exec(text);
  if (spelled !== null) {
    const digits = spelled[1]!.replace(/\D/g, '');
    if ('+' + (digits.length === 10 ? '1' + digits : digits) === judged.e164) end += spelled[0].length;
  }
  ctx.out.push({ start: m.index, end, e164: judged.e164 });
  return end;
}
