/**
 * The ways a span's digits are read as a number (phase `read`, see scan-context.ts): internationally after a
 * "+" or a written-out "00", in a country named right before the run, or in the page's countries (issue 10).
 * A national reading in one country passes that country's `country` rules first and its `fallback` rules
 * after (span-rules.ts).
 */
import { isPlaceholderNumber } from './country-rules';
import type { DetectionRule, ScanContext } from './scan-context';
import { COUNTRY_RULES, FALLBACK_RULES } from './span-rules';

/**
 * Reads the span's digits in `country` (passing the `country` rules, then the `fallback` rules): true when the
 * reading is valid (or a placeholder), with `ctx.judged` and `ctx.acceptedBy` set.
 */
function readIn(ctx: ScanContext, country: string, strict: boolean, rule: DetectionRule): boolean {
  ctx.country = country;
  ctx.strictCountry = strict;
  for (let r = 0; r < COUNTRY_RULES.length; r++) {
    if (COUNTRY_RULES[r]!.test(ctx)) {
      ctx.countryRejectedBy ??= COUNTRY_RULES[r]!;
      return false;
    }
  }
  const judged = ctx.judge(ctx.digits, false, country);
  if (judged !== null && (judged.valid || isPlaceholderNumber(judged.e164))) {
    ctx.judged = judged;
    ctx.acceptedBy = rule;
    return true;
  }
  for (let r = 0; r < FALLBACK_RULES.length; r++) {
    if (FALLBACK_RULES[r]!.test(ctx)) {
      ctx.acceptedBy = FALLBACK_RULES[r]!;
      return true;
    }
  }
  return false;
}

/** "+44 20 7946 0958": the digits after the "+" read internationally, valid or not. */
const international: DetectionRule = {
  id: 'international',
  phase: 'read',
  test(ctx) {
    if (!ctx.plus) return false;
    ctx.judged = ctx.judge(ctx.digits, true, null);
    ctx.acceptedBy = international;
    return true;
  },
};

/** "0044 20 7946 0958": an international prefix written out, when that reading is valid. */
const internationalPrefix: DetectionRule = {
  id: 'international-prefix',
  phase: 'read',
  test(ctx) {
    const { digits } = ctx;
    if (ctx.plus || !digits.startsWith('00') || digits[2] === '0') return false;
    const intl = ctx.judge(digits.slice(2), true, null);
    if (intl === null || !intl.valid) return false;
    ctx.judged = intl;
    ctx.acceptedBy = internationalPrefix;
    return true;
  },
};

/** A country named right before the run ("UK: 020 7946 0000" on a US page), tried first. */
const namedCountry: DetectionRule = {
  id: 'named-country',
  phase: 'read',
  test(ctx) {
    const { hint } = ctx;
    if (ctx.plus || hint === null || ctx.countries.includes(hint)) return false;
    return readIn(ctx, hint, false, namedCountry);
  },
};

/**
 * Reads a national-format number under the page's country hypotheses (issue 10, design.md "Numbers"), a named
 * one among them first: the first reading that is valid, and written the way that country writes its numbers,
 * wins; a placeholder stops the search. A number is never dialled in a country whose plan does not have it.
 */
const pageCountry: DetectionRule = {
  id: 'page-country',
  phase: 'read',
  test(ctx) {
    if (ctx.plus) return false;
    const { countries, hint } = ctx;
    const strict = ctx.options.strictCountries;
    if (hint !== null && countries.includes(hint) && readIn(ctx, hint, false, namedCountry)) return true;
    for (let i = 0; i < countries.length; i++) {
      const country = countries[i]!;
      if (country === hint) continue;
      if (readIn(ctx, country, strict !== undefined && strict.includes(country), pageCountry)) return true;
    }
    return false;
  },
};

/** The `read` rules, in the order they are tried. */
export const READ_RULES: readonly DetectionRule[] = [international, internationalPrefix, namedCountry, pageCountry];
