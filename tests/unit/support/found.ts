/** Helpers for the detector's unit tests (lib/phone/*.test.ts): what `findPhoneNumbers` finds, readably. */
import { expect } from 'vitest';
import { isValidPhoneNumber, type CountryCode } from 'libphonenumber-js/max';
import { findPhoneNumbers, type PhoneMatch } from '../../../lib/phone/detect';

/** The numbers found, as [text as written, e164, ext?] for readable assertions. */
export function found(text: string, country: string, before?: string): Array<[string, string, string?]> {
  return findPhoneNumbers(text, { country, before }).map((m: PhoneMatch) =>
    m.ext === undefined ? [text.slice(m.start, m.end), m.e164] : [text.slice(m.start, m.end), m.e164, m.ext],
  );
}

/**
 * Asserts that `decoy` is rejected although libphonenumber alone (max metadata) calls its digits a valid
 * number of `country`: the assertion can only pass because of the context rule under test.
 */
export function expectRejectedByRule(text: string, country: string, decoy: string): void {
  expect(text).toContain(decoy);
  expect(isValidPhoneNumber(decoy.replace(/\D/g, ''), country as CountryCode)).toBe(true);
  expect(found(text, country)).toEqual([]);
}
