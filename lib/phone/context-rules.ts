/**
 * The context rules libphonenumber-js lacks (issue 3), in three modules since issue 16: `labels.ts` (the
 * words before a digit run), `decoys.ts` (number-like shapes that are no phone numbers) and
 * `country-rules.ts` (trunk prefixes, placeholders, the countries a label or a page names). This module only
 * re-exports them for code outside lib/phone that still imports it (lib/page/page-evidence.ts).
 */
export { classifyLabel, textBefore, LABEL_WINDOW, NUMBER_WORDS, QUALIFIERS, type LabelKind } from './labels';
export {
  DECOY_KINDS,
  findDecoys,
  findIbans,
  isbnValid,
  isPaginationRun,
  isPlausibleDate,
  isPriceBefore,
  isPriceOrMeasureAfter,
  luhnValid,
  type DecoyKind,
} from './decoys';
export {
  countriesNamedIn,
  countryHint,
  hasWrittenTrunkPrefix,
  isBareNational,
  isPlaceholderNumber,
} from './country-rules';
