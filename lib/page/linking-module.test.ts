import { describe, expect, it } from 'vitest';
import { hasDigits } from './linking-module';

describe('hasDigits', () => {
  it('needs seven digits anywhere in the text, as the shortest phone number does', () => {
    expect(hasDigits('Call +1 415 555 0132')).toBe(true);
    expect(hasDigits('1 2 3 4 5 6 7')).toBe(true);
    expect(hasDigits('Page 123 of 456')).toBe(false);
    expect(hasDigits('')).toBe(false);
    expect(hasDigits('12', 2)).toBe(true);
  });
  it('counts the digits detection reads: full-width (Japanese pages) and Arabic-Indic too', () => {
    expect(hasDigits('０３－１２３４－５６７８')).toBe(true);
    expect(hasDigits('٠٥٦ ١٢٣ ٤٥٦٧')).toBe(true);
    expect(hasDigits('۰۲۱ ۱۲۳۴')).toBe(true);
    expect(hasDigits('٠١٢٣٤٥')).toBe(false);
  });
});
