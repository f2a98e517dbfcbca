/**
 * Builds the metadata that detection ships (`metadata.detect.json`): libphonenumber-js's `max` metadata
 * without the per-country formatting rules and without the possible lengths of each number type. Parsing and
 * `isValid()` never read the formats (only `format()`, `AsYouType` and `findNumbers`' strict-grouping
 * leniency do), and they are a quarter of `max`'s gzipped size. A type's possible lengths only spare its
 * pattern a look (libphonenumber-js `isNumberTypeEqualTo`): the pattern, which spells out its lengths, still
 * decides (0.8 KB gzipped; the content script has a 60 KiB budget). `tests/unit/metadata-trim.test.ts` fails when the shipped file no longer equals this function's output for the
 * installed libphonenumber-js; regenerate it with
 * `node --import tsx scripts/measure-detection.ts --write-metadata`.
 */
import type { MetadataJson } from 'libphonenumber-js/core';

/** Index of the `formats` array in a compressed numbering plan (libphonenumber-js metadata version 4). */
const FORMATS_INDEX = 4;
/** Index of the number types (`[pattern, possibleLengths?]` each) in a compressed numbering plan. */
const TYPES_INDEX = 11;

/** A copy of `max` with every numbering plan's formatting rules emptied and its types' lengths left out. */
export function trimMetadataForDetection(max: MetadataJson): MetadataJson {
  const source = max as unknown as {
    version: number;
    country_calling_codes: Record<string, string[]>;
    countries: Record<string, unknown[]>;
    nonGeographic?: Record<string, unknown[]>;
  };
  if (source.version !== 4) {
    // The positional layout below is that of metadata version 4; a new layout needs a new look.
    throw new Error(
      `libphonenumber-js metadata version ${source.version} is not the expected 4: update trimMetadataForDetection`,
    );
  }
  const trimPlans = (plans: Record<string, unknown[]>): Record<string, unknown[]> => {
    const result: Record<string, unknown[]> = {};
    for (const [key, plan] of Object.entries(plans)) {
      const copy = plan.slice();
      if (Array.isArray(copy[FORMATS_INDEX])) copy[FORMATS_INDEX] = [];
      if (Array.isArray(copy[TYPES_INDEX])) {
        copy[TYPES_INDEX] = (copy[TYPES_INDEX] as unknown[]).map((type) =>
          Array.isArray(type) && type.length > 1 ? [type[0]] : type,
        );
      }
      result[key] = copy;
    }
    return result;
  };
  return {
    version: source.version,
    country_calling_codes: source.country_calling_codes,
    countries: trimPlans(source.countries),
    ...(source.nonGeographic ? { nonGeographic: trimPlans(source.nonGeographic) } : {}),
  } as unknown as MetadataJson;
}
