/**
 * What one scan shares with the detection rules (issue 16: a context object, not positional parameters), the
 * shape of a rule, and the measurement hook that reports which rule decided what.
 *
 * One context serves a whole `findPhoneNumbers` call: its run, token and span fields are overwritten for each
 * digit run and each span tried, so the rules are plain functions of it and no object is made per span.
 */
import type { DetectOptions, PhoneMatch } from './detect';
import type { DecoyKind } from './decoys';
import type { LabelKind } from './labels';

/** Fewest digits a linked number has: shorter runs are prices, counts, years and house numbers. */
export const MIN_DIGITS = 7;
/** Most digits a candidate may have: 15 (E.164) plus a two-digit "00" international prefix. */
export const MAX_DIGITS = 17;
/** Most whitespace-separated pieces one number is written in ("+49 (0) 30 12 34 56 78" has 7). */
export const MAX_TOKENS = 8;

/** A number as libphonenumber-js reads it: E.164, and whether it is valid (not only possible). */
export interface Judged {
  e164: string;
  valid: boolean;
}
/** Parses digits (with or without "+") in a country; null when they are not even a possible number. */
export type Judge = (digits: string, plus: boolean, country: string | null) => Judged | null;

/**
 * When a rule runs, in the order the scanner asks them (see `DETECTION_RULES` in scan.ts):
 * - `candidate`: a whole digit run, before it is split into tokens; true when the rule decided the run
 *   (a vanity number or an Australian 13-number it found, or too few digits for anything).
 * - `block`: the run's tokens, before any span is tried; true drops the whole run, and the rule may block
 *   tokens (see {@link blockToken}) that no number may include.
 * - `shape`: one span of tokens, before it is parsed; true rejects the span.
 * - `read`: a way of reading the span's digits as a number; true when it settled the reading (`judged`).
 * - `country`: one country's reading of a national-format span; true rejects that country.
 * - `fallback`: tried when a country's own reading is not valid; true when it read the span (`judged`).
 * - `verify`: the reading of a span; true rejects it.
 * - `sequence`: a number found, among the run's other tokens; true rejects it.
 */
export type RulePhase = 'candidate' | 'block' | 'shape' | 'read' | 'country' | 'fallback' | 'verify' | 'sequence';

/** One detection rule: a name that says what it decides, when it runs, and its test. */
export interface DetectionRule {
  readonly id: string;
  readonly phase: RulePhase;
  readonly test: (ctx: ScanContext) => boolean;
}

/** An extension right after a number: its digits and where it ends. */
export interface Extension {
  ext: string;
  end: number;
}

/** The state of one scan. Fields below "run" are valid for the current run, those below "span" for the span. */
export interface ScanContext {
  text: string;
  options: DetectOptions;
  /** The supported countries among the options' hypotheses, in order. */
  countries: readonly string[];
  /** [start, end) text offsets of the IBANs in the text. */
  ibans: number[];
  judge: Judge;
  out: PhoneMatch[];

  // run
  runStart: number;
  run: string;
  runEnd: number;
  runDigits: number;
  /** Where the run regex goes on when a candidate rule read past the run (a vanity number); -1 otherwise. */
  resumeAt: number;
  /** The run's tokens that hold digits: [start, end) in run offsets, and whether a soft break follows each. */
  starts: number[];
  ends: number[];
  softAfter: boolean[];
  n: number;
  /** The block rule that blocked each token, or null. */
  blockedBy: (DetectionRule | null)[];
  /** The decoy shapes in the run: [start, end) pairs and their kinds. */
  decoys: number[];
  decoyKinds: DecoyKind[];
  /** The text before the run (the label window) and what it says. */
  before: string;
  label: LabelKind;
  prevChar: string;
  startsWithPlus: boolean;
  /** The few characters after the run, and an extension there. */
  after: string;
  extMatch: Extension | null;
  /** A country named right before the run ("UK: "), or null. */
  hint: string | null;
  /** Whether the run follows a code-like word with letters and digits ("AA1 ", "1Z ", a postcode "E14 5RE "). */
  afterCode: boolean;
  /** Whether the run's first digits are glued to letters before them ("AA1 01 2345 6784"). */
  gluedToCode: boolean;
  /** The block rule running (what {@link blockToken} records). */
  rule: DetectionRule | null;

  // span: tokens s..e, run offsets [from, to)
  s: number;
  e: number;
  from: number;
  to: number;
  digits: string;
  plus: boolean;
  /** A "+" inside the span, after digits: two numbers side by side. */
  plusInside: boolean;
  /** Only digits: no "+", no separator. */
  bare: boolean;
  /** The run's label when the span starts the run, else null. */
  spanLabel: LabelKind;
  /** The country being read in (`country` phase), and whether only under the strict rule. */
  country: string;
  strictCountry: boolean;
  judged: Judged | null;
  /** The rule that read the number, the first country rule that rejected a reading, the rule that rejected the span. */
  acceptedBy: DetectionRule | null;
  countryRejectedBy: DetectionRule | null;
  rejectedBy: DetectionRule | null;
}

/** A fresh context for one text (run and span fields are set by the scanner). */
export function createScanContext(
  text: string,
  options: DetectOptions,
  countries: readonly string[],
  ibans: number[],
  judge: Judge,
  out: PhoneMatch[],
): ScanContext {
  return {
    text,
    options,
    countries,
    ibans,
    judge,
    out,
    runStart: 0,
    run: '',
    runEnd: 0,
    runDigits: 0,
    resumeAt: -1,
    starts: [],
    ends: [],
    softAfter: [],
    n: 0,
    blockedBy: [],
    decoys: [],
    decoyKinds: [],
    before: '',
    label: null,
    prevChar: '',
    startsWithPlus: false,
    after: '',
    extMatch: null,
    hint: null,
    afterCode: false,
    gluedToCode: false,
    rule: null,
    s: 0,
    e: 0,
    from: 0,
    to: 0,
    digits: '',
    plus: false,
    plusInside: false,
    bare: true,
    spanLabel: null,
    country: '',
    strictCountry: false,
    judged: null,
    acceptedBy: null,
    countryRejectedBy: null,
    rejectedBy: null,
  };
}

/** Blocks token `t` for the running rule (the first rule to block a token is the one recorded). */
export function blockToken(ctx: ScanContext, t: number): void {
  if (ctx.blockedBy[t] === null) ctx.blockedBy[t] = ctx.rule;
}

/** Blocks every token that overlaps [from, to) (run offsets). */
export function blockRange(ctx: ScanContext, from: number, to: number): void {
  for (let t = 0; t < ctx.n; t++) if (ctx.starts[t]! < to && ctx.ends[t]! > from) blockToken(ctx, t);
}

/**
 * Reports a rule's decision on `text[start, end)`: a number it read (`accepted`), or a run, token or span it
 * rejected. For measurement only (`npm run measure:pages`); null in the product, where it costs one check.
 */
export type RuleTrace = (ruleId: string, accepted: boolean, text: string, start: number, end: number) => void;

/** The installed {@link RuleTrace}, or null. */
export let ruleTrace: RuleTrace | null = null;

/** Installs (or, with null, removes) the measurement hook. */
export function setRuleTrace(trace: RuleTrace | null): void {
  ruleTrace = trace;
}
