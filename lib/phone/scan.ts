/**
 * The scanner of one digit run (issue 16: detection rules as data). Every decision it makes is a rule of the
 * one list {@link DETECTION_RULES}, `{ id, phase, test }`, run phase by phase on one scan context:
 *
 * 1. `candidate` rules read or drop the whole run (run-rules.ts);
 * 2. the run is split into whitespace-separated tokens and `block` rules block the tokens that no number may
 *    include (decoys, identifiers, glued words) or drop the run (run-rules.ts);
 * 3. from left to right, the longest span of unblocked tokens that is a number is taken, first without
 *    crossing a "soft" break (a lone "/" or dash between spaces, or two spaces: "030 1234567 / 030 1234568" is
 *    two numbers) and then across one ("030 / 1234567" is one). A span passes the `shape` rules, is read by
 *    the first `read` rule that settles it (each country reading passing the `country` rules, with the
 *    `fallback` rules after), and passes the `verify` rules (span-rules.ts); a number found passes the
 *    `sequence` rules.
 *
 * The rules are plain functions of the context: a run makes no closure, and a span no object but its match.
 */
import { countDigits, digitValue } from './digits';
import { countryHint } from './country-rules';
import { findDecoys } from './decoys';
import { classifyLabel, textBefore } from './labels';
import type { PhoneMatch } from './detect';
import { BLOCK_RULES, CANDIDATE_RULES, LATIN_LETTER_RE, matchExtension } from './run-rules';
import { MAX_TOKENS, ruleTrace, type DetectionRule, type RulePhase, type ScanContext } from './scan-context';
import { READ_RULES } from './read-rules';
import { COUNTRY_RULES, FALLBACK_RULES, placeholder, SHAPE_RULES, VERIFY_RULES } from './span-rules';

const SPACE_RE = /[ \u00A0\u2007\u2009\u202F]/;
const DIGIT_GROUP_RE = /^\d{3,}$/;
const WORD_AFTER_RE = /^[ \u00A0]*\p{L}/u;
// The last word before a run mixes letters and digits: "1Z 999 AA1 ", "ref A12 ".
const CODE_BEFORE_RE = /(?:[A-Za-z]\d|\d[A-Za-z])[A-Za-z0-9]*[ \u00A0]+$/;
const ASCII_DIGITS = '0123456789';

// --- sequence --------------------------------------------------------------------------------------------

/**
 * A number that is only the start of a longer string of digit groups is part of something else (an account or
 * circuit number: "905 555 0123 0001"), unless a number starts where it ends ("0161 496 0000 0161 496 0001").
 * A last group with a word after it is a house number ("Fax 214-555-0164 2100 Ross Ave"). `ctx.e` is the
 * number's last token.
 */
const runsOn: DetectionRule = {
  id: 'runs-on',
  phase: 'sequence',
  test(ctx) {
    const e = ctx.e;
    const { n } = ctx;
    const goesOn =
      e + 1 < n &&
      !ctx.softAfter[e] &&
      ctx.blockedBy[e + 1] === null &&
      DIGIT_GROUP_RE.test(ctx.run.slice(ctx.starts[e + 1], ctx.ends[e + 1])) &&
      !(e + 2 === n && WORD_AFTER_RE.test(ctx.after));
    return goesOn && spanFrom(ctx, e + 1) === null;
  },
};

/**
 * Every detection rule, in the order the scanner runs them (each phase's rules in this order). The ids are
 * what `npm run measure:pages` reports hits for, and every one has a case in the corpus (rules.test.ts).
 */
export const DETECTION_RULES: readonly DetectionRule[] = [
  ...CANDIDATE_RULES,
  ...BLOCK_RULES,
  ...SHAPE_RULES,
  ...READ_RULES,
  ...COUNTRY_RULES,
  ...FALLBACK_RULES,
  ...VERIFY_RULES,
  runsOn,
];

/** The rules of `phase`, in list order. */
export function rulesOf(phase: RulePhase): readonly DetectionRule[] {
  return DETECTION_RULES.filter((r) => r.phase === phase);
}

const CANDIDATE = rulesOf('candidate');
const BLOCK = rulesOf('block');
const SHAPE = rulesOf('shape');
const READ = rulesOf('read');
const VERIFY = rulesOf('verify');
const SEQUENCE = rulesOf('sequence');

// --- the scanner -----------------------------------------------------------------------------------------

/** What {@link trySpan} returns for a template placeholder: its tokens are skipped, no shorter span is tried. */
const PLACEHOLDER: PhoneMatch = { start: -1, end: -1, e164: '' };

/** Scans the digit run `run` at `runStart` of `ctx.text`, pushing the numbers in it onto `ctx.out`. */
export function scanRun(ctx: ScanContext, runStart: number, run: string): void {
  ctx.runStart = runStart;
  ctx.run = run;
  ctx.runEnd = runStart + run.length;
  ctx.runDigits = countDigits(run);
  ctx.resumeAt = -1;
  for (let r = 0; r < CANDIDATE.length; r++) {
    const out = ctx.out.length;
    if (CANDIDATE[r]!.test(ctx)) {
      if (ruleTrace !== null) traceCandidate(ctx, CANDIDATE[r]!, out);
      return;
    }
  }
  if (!splitTokens(ctx)) return;
  prepareRun(ctx);
  for (let r = 0; r < BLOCK.length; r++) {
    ctx.rule = BLOCK[r]!;
    if (BLOCK[r]!.test(ctx)) {
      ruleTrace?.(BLOCK[r]!.id, false, ctx.text, runStart, ctx.runEnd);
      return;
    }
  }
  const glued = ctx.blockedBy[0] !== null && LATIN_LETTER_RE.test(ctx.prevChar);
  // A code before the run, or one the run starts with ("AA1 01 2345 6784": its "1" is glued to "AA").
  ctx.afterCode = CODE_BEFORE_RE.test(ctx.before) || glued;
  ctx.gluedToCode = glued;
  if (ruleTrace !== null) traceBlocked(ctx);

  const { n, out, blockedBy, softAfter } = ctx;
  let s = 0;
  while (s < n) {
    if (blockedBy[s] !== null) {
      s++;
      continue;
    }
    ctx.rejectedBy = null;
    const found = spanFrom(ctx, s);
    const end = ctx.e;
    if (found === PLACEHOLDER) {
      ruleTrace?.(placeholder.id, false, ctx.text, runStart + ctx.starts[s]!, runStart + ctx.ends[end]!);
      s = end + 1; // "020 0000 0000": not "020 0000" either
    } else if (found !== null) {
      const accepted = ctx.acceptedBy!;
      let rejected: DetectionRule | null = null;
      for (let r = 0; r < SEQUENCE.length && rejected === null; r++) {
        ctx.e = end;
        if (SEQUENCE[r]!.test(ctx)) rejected = SEQUENCE[r]!;
      }
      if (rejected !== null) {
        ruleTrace?.(rejected.id, false, ctx.text, found.start, found.end);
        s = end + 1;
        while (s < n && !softAfter[s - 1]) s++;
        continue;
      }
      out.push(found);
      ruleTrace?.(accepted.id, true, ctx.text, found.start, found.end);
      s = end + 1;
    } else {
      const rule = ctx.rejectedBy as DetectionRule | null;
      if (rule !== null) ruleTrace?.(rule.id, false, ctx.text, runStart + ctx.starts[s]!, runStart + ctx.ends[s]!);
      s++;
    }
  }
}

/** Splits the run into tokens that hold digits (`starts`, `ends`, `softAfter`); false when there are none. */
function splitTokens(ctx: ScanContext): boolean {
  const { run, starts, ends, softAfter } = ctx;
  starts.length = 0;
  ends.length = 0;
  softAfter.length = 0;
  let i = 0;
  let gapHasJoiner = false;
  let gapSpaces = 0;
  while (i < run.length) {
    const c = run[i]!;
    if (SPACE_RE.test(c) || c === '/') {
      // A slash separates numbers ("(415)555-0156/(415)555-0157") or area code and subscriber
      // ("030/1234567"): a soft break either way, crossed only when the pieces alone are no number.
      if (c === '/') gapHasJoiner = true;
      else gapSpaces++;
      i++;
      continue;
    }
    let j = i;
    while (j < run.length && !SPACE_RE.test(run[j]!) && run[j] !== '/') j++;
    if (countDigits(run, i, j) > 0) {
      if (starts.length > 0) softAfter[starts.length - 1] = gapHasJoiner || gapSpaces >= 2;
      starts.push(i);
      ends.push(j);
      softAfter.push(false);
      gapHasJoiner = false;
    } else {
      gapHasJoiner = true; // a token with no digits between numbers: "/", "–", "|".
    }
    gapSpaces = 0;
    i = j;
  }
  ctx.n = starts.length;
  return ctx.n > 0;
}

/** What stands before and after the run, its decoy shapes, and no token blocked yet. */
function prepareRun(ctx: ScanContext): void {
  const { text, run, runStart, runEnd, options } = ctx;
  ctx.blockedBy.length = ctx.n;
  ctx.blockedBy.fill(null);
  const before = textBefore(text, runStart, options.before);
  ctx.before = before;
  ctx.label = classifyLabel(before);
  ctx.decoys.length = 0;
  ctx.decoyKinds.length = 0;
  findDecoys(run, ctx.runDigits, ctx.decoys, ctx.label === 'phone', ctx.decoyKinds);
  ctx.prevChar = before.length > 0 ? before[before.length - 1]! : '';
  ctx.startsWithPlus = run[0] === '+' || run[0] === '＋' || (run[0] === '(' && run[1] === '+');
  // What stands after the run (only matters for spans that end on the last token).
  ctx.after = text.slice(runEnd, runEnd + 12);
  ctx.extMatch = matchExtension(text, runEnd);
  // A country named right before a national-format number ("UK: 020 7946 0000" on a US page).
  ctx.hint = ctx.startsWithPlus
    ? null
    : (countryHint(before) ?? (options.heading ? countryHint(options.heading + ' ') : null));
}

/**
 * The longest number among the tokens from `from` on (within its segment first, then across one break), with
 * its last token in `ctx.e`; null (and `ctx.e = from`) when there is none.
 */
function spanFrom(ctx: ScanContext, from: number): PhoneMatch | null {
  const { n, blockedBy, softAfter } = ctx;
  // The furthest token a span may reach: not past a blocked token, at most MAX_TOKENS.
  let maxE = from;
  while (maxE + 1 < n && blockedBy[maxE + 1] === null && maxE + 1 - from < MAX_TOKENS) maxE++;
  let segEnd = from;
  while (segEnd < maxE && !softAfter[segEnd]) segEnd++;
  for (let e = segEnd; e >= from; e--) {
    const found = trySpan(ctx, from, e);
    if (found !== null) return found;
  }
  for (let e = maxE; e > segEnd; e--) {
    const found = trySpan(ctx, from, e);
    if (found !== null) return found;
  }
  ctx.e = from;
  return null;
}

/** Records the first rejection of a scan position (the longest span tried from it). */
function reject(ctx: ScanContext, rule: DetectionRule): null {
  ctx.rejectedBy ??= rule;
  return null;
}

/** Tries tokens s..e of the run as one number; returns the match, {@link PLACEHOLDER} or null. */
function trySpan(ctx: ScanContext, s: number, e: number): PhoneMatch | null {
  const { run } = ctx;
  let from = ctx.starts[s]!;
  let to = ctx.ends[e]!;
  // Balance parentheses: drop unmatched "(" at the start and ")" at the end, and parentheses that enclose
  // the whole number ("(415-555-0132)"), but keep "(415) 555-0132" and "+44 (0)20…".
  let opens = 0;
  let closes = 0;
  for (let k = from; k < to; k++) {
    const c = run[k];
    if (c === '(' || c === '（') opens++;
    else if (c === ')' || c === '）') closes++;
  }
  while (opens > closes && (run[from] === '(' || run[from] === '（')) {
    from++;
    opens--;
  }
  while (closes > opens && (run[to - 1] === ')' || run[to - 1] === '）')) {
    to--;
    closes--;
  }
  // A "(" still open inside the span starts something else: "080 4123 4560 (10 AM – 6 PM)",
  // "186-1234-5678（24小时）". The number ends before it (and a span with no digits before it has none).
  if (opens > closes) {
    const open: number[] = [];
    for (let k = from; k < to; k++) {
      const c = run[k];
      if (c === '(' || c === '（') open.push(k);
      else if ((c === ')' || c === '）') && open.length) open.pop();
    }
    to = open[0]!;
    while (to > from && digitValue(run.charCodeAt(to - 1)) < 0) to--;
  }
  if (to > from && (run[from] === '(' || run[from] === '（') && (run[to - 1] === ')' || run[to - 1] === '）')) {
    let depth = 0;
    let enclosing = true;
    for (let k = from; k < to - 1; k++) {
      const c = run[k];
      if (c === '(' || c === '（') depth++;
      else if (c === ')' || c === '）') depth--;
      if (depth === 0) {
        enclosing = false;
        break;
      }
    }
    if (enclosing) {
      from++;
      to--;
    }
  }

  // Digits, the "+", and the "(0)" trunk prefix some write after the country code ("+44 (0)20 7946 0000").
  let digits = '';
  let plus = false;
  let plusInside = false;
  let bare = true;
  for (let k = from; k < to; k++) {
    const c = run.charCodeAt(k);
    const d = digitValue(c);
    if (d >= 0) digits += ASCII_DIGITS[d];
    else if (c === 43 || c === 0xff0b) {
      if (digits.length > 0 || plus) {
        plusInside = true; // a "+" inside: two numbers side by side.
        break;
      }
      plus = true;
      bare = false;
    } else {
      bare = false;
      if (plus && (c === 40 || c === 0xff08) && run[k + 1] === '0' && (run[k + 2] === ')' || run[k + 2] === '）')) {
        if (digits.length > 0) k += 2;
      }
    }
  }
  ctx.s = s;
  ctx.e = e;
  ctx.from = from;
  ctx.to = to;
  ctx.digits = digits;
  ctx.plus = plus;
  ctx.plusInside = plusInside;
  ctx.bare = bare;
  ctx.spanLabel = s === 0 ? ctx.label : null;
  ctx.judged = null;
  ctx.acceptedBy = null;
  ctx.countryRejectedBy = null;
  for (let r = 0; r < SHAPE.length; r++) if (SHAPE[r]!.test(ctx)) return reject(ctx, SHAPE[r]!);
  for (let r = 0; r < READ.length; r++) if (READ[r]!.test(ctx)) break;
  for (let r = 0; r < VERIFY.length; r++) {
    const rule = VERIFY[r]!;
    if (rule.test(ctx)) {
      if (rule === placeholder) {
        reject(ctx, rule);
        return PLACEHOLDER;
      }
      // No valid reading because a country rule turned the page's first reading down: that rule decided.
      return reject(ctx, ctx.judged === null ? (ctx.countryRejectedBy ?? rule) : rule);
    }
  }

  const start = ctx.runStart + from;
  const endsRun = e === ctx.n - 1 && to === ctx.ends[e];
  const extMatch = ctx.extMatch;
  if (endsRun && extMatch !== null) {
    return { start, end: extMatch.end, e164: ctx.judged!.e164, ext: extMatch.ext };
  }
  return { start, end: ctx.runStart + to, e164: ctx.judged!.e164 };
}

/** Reports what a candidate rule decided: each number it found, or the run it dropped. */
function traceCandidate(ctx: ScanContext, rule: DetectionRule, outBefore: number): void {
  if (ctx.out.length === outBefore) ruleTrace!(rule.id, false, ctx.text, ctx.runStart, ctx.runEnd);
  for (let i = outBefore; i < ctx.out.length; i++)
    ruleTrace!(rule.id, true, ctx.text, ctx.out[i]!.start, ctx.out[i]!.end);
}

/** Reports each blocked token with the rule that blocked it. */
function traceBlocked(ctx: ScanContext): void {
  for (let t = 0; t < ctx.n; t++) {
    const rule = ctx.blockedBy[t];
    if (rule) ruleTrace!(rule.id, false, ctx.text, ctx.runStart + ctx.starts[t]!, ctx.runStart + ctx.ends[t]!);
  }
}
