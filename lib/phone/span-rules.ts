/**
 * The rules that decide one span of a run's tokens (phases `shape`, `country`, `fallback` and `verify`, see
 * scan-context.ts): how many digits, whether a bare run may be a number, in which of the page's countries a
 * national-format number may be read, and whether the reading is a number people write that way. Each is a
 * plain function of the scan context; the scanner (scan.ts) runs them in the order of its one list.
 */
import { hasWrittenTrunkPrefix, isBareNational, isPlaceholderNumber } from './country-rules';
import { MAX_DIGITS, MIN_DIGITS, type DetectionRule } from './scan-context';

/** France's overseas departments, with their own calling codes but France's way of writing numbers. */
const FRENCH_OVERSEAS = ['RE', 'GP', 'MQ', 'GF', 'YT'];

/**
 * Whether `span`, a number as written, is written the way phone numbers are in `country`: an area code in parentheses, or three or more
 * digit groups not joined by dots alone ("0207 515 7774", "079-6630 4000"; not "0150–1299", "3004.90.00").
 */
export function phoneShaped(span: string, country: string): boolean {
  if (/[(（]\d/.test(span)) return true;
  // An area code and a slash: "030 / 44 31 92 70", "089/543218-0" (German and Austrian habit).
  if (/^0\d{1,4} ?\/ ?\d/.test(span)) return true;
  // Korea's nationwide numbers: "1588-1234".
  if (country === 'KR' && /^1[5-9]\d\d-\d{4}$/.test(span)) return true;
  // Two groups where that is the country's habit: a UK "07711 900461" / "01904 613207", an Indian mobile
  // "98240 12345". Joined by a space, never a dash ("0150–1299" is a range).
  if (/^0\d{3,4} \d{6}$|^[6-9]\d{4} \d{5}$/.test(span)) return true;
  const groups = span.match(/\d+/g);
  return groups !== null && groups.length >= 3 && /[ \u00A0-]/.test(span) && !span.includes('/');
}

/**
 * Whether a North American number is grouped the way North Americans write one: its digit groups (after a
 * leading "1" or "+1") break only after the area code and after the exchange ("(905) 616-5509", "206.588.2075",
 * "415 5550132"), never inside them ("415.5550.132" is a build number, "2065 882 075" no number at all).
 */
export function writtenAsNanp(written: string): boolean {
  const groups = written.match(/\d+/g);
  if (groups === null) return false;
  let i = 0;
  if (groups.length > 1 && groups[0] === '1') i = 1;
  // Ten digits after the country code, always ("310-2456" is a local number at best, and no link).
  if (groups.slice(i).join('').replace(/^1/, '').length !== 10) return false;
  let at = 0;
  for (; i < groups.length - 1; i++) {
    at += groups[i]!.length;
    if (at !== 3 && at !== 6) return false;
  }
  return true;
}

// --- shape -------------------------------------------------------------------------------------------------

/** "+49 30 1234 +49 30 5678": a "+" after digits starts a second number. */
const plusInside: DetectionRule = { id: 'plus-inside', phase: 'shape', test: (ctx) => ctx.plusInside };

const digitCount: DetectionRule = {
  id: 'digit-count',
  phase: 'shape',
  test: (ctx) => ctx.digits.length < MIN_DIGITS || ctx.digits.length > MAX_DIGITS,
};

/**
 * Bare digit runs need a phone label (see detect.ts), except a whole run, unlabelled, that may be a national
 * number written the way people in one of the page's countries write them bare (rule `bare-national`).
 */
const bareNeedsLabel: DetectionRule = {
  id: 'bare-needs-label',
  phase: 'shape',
  test: (ctx) =>
    ctx.bare && ctx.spanLabel !== 'phone' && !(ctx.spanLabel === null && ctx.s === 0 && ctx.e === ctx.n - 1),
};

// --- country -----------------------------------------------------------------------------------------------

/**
 * In a country only the page's "+CC" numbers point to, only what is unmistakably written as a phone number
 * (labelled, an area code in parentheses, three or more groups), and not the tail of a code ("1Z 999 AA1 01
 * 2345 6784"): a range, a tariff code or a ZIP+4 that is no number at home is a valid one somewhere else.
 */
const strictShape: DetectionRule = {
  id: 'strict-country-shape',
  phase: 'country',
  test: (ctx) =>
    ctx.strictCountry &&
    ((ctx.spanLabel !== 'phone' && !phoneShaped(ctx.run.slice(ctx.from, ctx.to), ctx.country)) || ctx.afterCode),
};

/**
 * The tail of a code the run is glued to ("Tracking 1Z 999 AA1 01 2345 6784") is read only in the page's own
 * first country, never in one a heading, a name or the page's other numbers suggest.
 */
const codeTailElsewhere: DetectionRule = {
  id: 'code-tail-elsewhere',
  phase: 'country',
  test: (ctx) => ctx.gluedToCode && ctx.country !== ctx.countries[0],
};

/** A bare, unlabelled run is a number only where people write whole national numbers bare. */
const bareNational: DetectionRule = {
  id: 'bare-national',
  phase: 'country',
  test: (ctx) => ctx.bare && ctx.spanLabel !== 'phone' && !isBareNational(ctx.country, ctx.digits),
};

/** A national number of a trunk-0 country written without its "0" is some other number. */
const trunkPrefix: DetectionRule = {
  id: 'trunk-prefix',
  phase: 'country',
  test: (ctx) => !hasWrittenTrunkPrefix(ctx.country, ctx.digits),
};

// --- fallback ----------------------------------------------------------------------------------------------

/** France's overseas departments write their numbers as France does ("0262 21 43 65" is La Réunion). */
const frenchOverseas: DetectionRule = {
  id: 'french-overseas',
  phase: 'fallback',
  test(ctx) {
    if (ctx.country !== 'FR') return false;
    for (const overseas of FRENCH_OVERSEAS) {
      const there = ctx.judge(ctx.digits, false, overseas);
      if (there !== null && there.valid) {
        ctx.judged = there;
        return true;
      }
    }
    return false;
  },
};

// --- verify ------------------------------------------------------------------------------------------------

/** "020 0000 0000": a template placeholder, skipped with its tokens (no shorter span is tried). */
export const placeholder: DetectionRule = {
  id: 'placeholder',
  phase: 'verify',
  test: (ctx) => ctx.judged !== null && isPlaceholderNumber(ctx.judged.e164),
};

/** Never a number that is not valid where it is read (issue 10: "(02)9191-8364" is no American number). */
const noValidReading: DetectionRule = {
  id: 'no-valid-reading',
  phase: 'verify',
  test: (ctx) => ctx.judged === null || !ctx.judged.valid,
};

const nanpGrouping: DetectionRule = {
  id: 'nanp-grouping',
  phase: 'verify',
  test: (ctx) => ctx.judged!.e164.startsWith('+1') && !writtenAsNanp(ctx.run.slice(ctx.from, ctx.to)),
};

/** The `shape` rules, in the order they run. */
export const SHAPE_RULES: readonly DetectionRule[] = [plusInside, digitCount, bareNeedsLabel];
/** The `country` rules, in the order they run. */
export const COUNTRY_RULES: readonly DetectionRule[] = [strictShape, codeTailElsewhere, bareNational, trunkPrefix];
/** The `fallback` rules, in the order they run. */
export const FALLBACK_RULES: readonly DetectionRule[] = [frenchOverseas];
/** The `verify` rules, in the order they run. */
export const VERIFY_RULES: readonly DetectionRule[] = [placeholder, noValidReading, nanpGrouping];
