import { describe, expect, it } from 'vitest';
import { parsePhoneNumberFromString, type MetadataJson } from 'libphonenumber-js/core';
import max from 'libphonenumber-js/metadata.max.json';
import shipped from './metadata.detect.json';
import { trimMetadataForDetection } from './metadata-trim';
import { loadCorpusNumbers } from './corpus';

describe('metadata.detect.json', () => {
  it('equals max metadata without formats for the installed libphonenumber-js (regenerate: see metadata-trim.ts)', () => {
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
});
