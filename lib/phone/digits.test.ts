import { describe, expect, it } from 'vitest';
import { countDigits, digitValue, isDigitCode } from './digits';

describe('digitValue (the one digit definition, issue 16)', () => {
  it('reads ASCII, full-width, Arabic-Indic and Eastern Arabic-Indic digits, and nothing else', () => {
    const digits = ['0123456789', '０１２３４５６７８９', '٠١٢٣٤٥٦٧٨٩', '۰۱۲۳۴۵۶۷۸۹'];
    for (const set of digits) {
      expect([...set].map((c) => digitValue(c.charCodeAt(0)))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    }
    for (const c of ['/', ':', 'a', '＋', '\u065f', '\u066a', '\u06ef', '\u06fa', '\uff0f', '\uff1a']) {
      expect(digitValue(c.charCodeAt(0)), c).toBe(-1);
    }
  });
  it('agrees with isDigitCode and countDigits on every char code of the Basic Multilingual Plane', () => {
    let all = '';
    const disagree: string[] = [];
    for (let c = 0; c < 0x10000; c++) {
      if (digitValue(c) >= 0 !== isDigitCode(c)) disagree.push(c.toString(16));
      if (isDigitCode(c)) all += String.fromCharCode(c);
    }
    expect(disagree).toEqual([]);
    expect(countDigits(all)).toBe(40);
  });
});
