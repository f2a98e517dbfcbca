import { describe, expect, it } from 'vitest';
import { parsePhoneNumberFromString, type MetadataJson } from 'libphonenumber-js/core';
import max from 'libphonenumber-js/metadata.max.json';
import shipped from '@/lib/phone/metadata.detect.json';
import { trimMetadataForDetection } from '../../scripts/metadata-trim';
import { loadCorpusNumbers } from '../corpus/number-corpus';

describe('metadata.detect.json', () => {
  it('equals max metadata without formats for the installed libphonenumber-js (regenerate: see scripts/metadata-trim.ts)', () => {
    expect(shipped).toEqual(trimMetadataForDetection(max as unknown as MetadataJson));
  });

  it('is smaller than max', () => {
    expect(JSON.stringify(shipped).length).toBeLessThan(JSON.stringify(max).length * 0.75);
  });

  it('parses and validates exactly like max on every corpus number, national and international', () => {
    const numbers = loadCorpusNumbers();
    expect(numbers.length).toBeGreaterThan(50);
    for (const { written, country } of numbers) {
      const a = parsePhoneNumberFromString(
        written,
        { defaultCountry: country, extract: false },
        max as unknown as MetadataJson,
      );
      const b = parsePhoneNumberFromString(
        written,
        { defaultCountry: country, extract: false },
        shipped as unknown as MetadataJson,
      );
      expect([b?.number, b?.isValid(), b?.getType()]).toEqual([a?.number, a?.isValid(), a?.getType()]);
    }
  });

  it('validates exactly like max on random numbers of every calling code', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    let valid = 0;
    for (const code of Object.keys((max as unknown as MetadataJson).country_calling_codes)) {
      for (let i = 0; i < 300; i++) {
        let digits = String(1 + Math.floor(random() * 9));
        for (let n = 4 + Math.floor(random() * 12); digits.length < n;) digits += Math.floor(random() * 10);
        const a = parsePhoneNumberFromString(`+${code}${digits}`, max as unknown as MetadataJson);
        const b = parsePhoneNumberFromString(`+${code}${digits}`, shipped as unknown as MetadataJson);
        expect([b?.isValid(), b?.getType()], `+${code}${digits}`).toEqual([a?.isValid(), a?.getType()]);
        if (a?.isValid()) valid++;
      }
    }
    // Enough valid numbers among them for the comparison to mean something.
    expect(valid).toBeGreaterThan(1000);
  });
});
