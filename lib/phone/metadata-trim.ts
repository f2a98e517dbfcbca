/**
 * Builds the metadata that detection ships (`metadata.detect.json`): libphonenumber-js's `max` metadata
 * without the per-country formatting rules. Parsing and `isValid()` never read them (only `format()`,
 * `AsYouType` and `findNumbers`' strict-grouping leniency do), and they are a quarter of `max`'s gzipped
 * size. `metadata-trim.test.ts` fails when the shipped file no longer equals this function's output for the
 * installed libphonenumber-js; regenerate it with
 * `node --import tsx scripts/measure-detection.ts --write-metadata`.
 */
import type { MetadataJson } from 'libphonenumber-js/core';

/** Index of the `formats` array in a compressed numbering plan (libphonenumber-js metadata version 4). */
const FORMATS_INDEX = 4;

/** A copy of `max` with every numbering plan's formatting rules emptied. */
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
