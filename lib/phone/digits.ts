/**
 * One definition of a digit for detection, linking and the content script's digit gates (issue 16): ASCII,
 * full-width (Japanese and Chinese pages), Arabic-Indic and Eastern Arabic-Indic (Persian, Urdu) digits. Tiny and
 * dependency-free: the content script's always-loaded part uses it on every page.
 */

/** The digits of {@link isDigitCode} as the body of a regular expression character class. */
export const DIGIT_CLASS = '0-9\uFF10-\uFF19\u0660-\u0669\u06F0-\u06F9';

/** Whether a char code is a digit: ASCII, full-width, Arabic-Indic or Eastern Arabic-Indic. */
export function isDigitCode(c: number): boolean {
  return (
    (c >= 48 && c <= 57) || (c >= 0xff10 && c <= 0xff19) || (c >= 0x0660 && c <= 0x0669) || (c >= 0x06f0 && c <= 0x06f9)
  );
}

/** The digits in `text[from, to)`. */
export function countDigits(text: string, from = 0, to = text.length): number {
  let n = 0;
  for (let i = from; i < to; i++) if (isDigitCode(text.charCodeAt(i))) n++;
  return n;
}

/** Whether `text` has at least `min` digits (a phone number has 7 or more); stops counting at `min`. */
export function hasDigits(text: string, min = 7): boolean {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (isDigitCode(text.charCodeAt(i)) && ++n >= min) return true;
  return false;
}

/** The value 0-9 of a digit of {@link isDigitCode}, or -1 for any other char code. */
export function digitValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 0xff10 && c <= 0xff19) return c - 0xff10;
  if (c >= 0x0660 && c <= 0x0669) return c - 0x0660;
  if (c >= 0x06f0 && c <= 0x06f9) return c - 0x06f0;
  return -1;
}
