/**
 * The labelled page corpus (tests/fixtures/detection/pages/): whole HTML pages, each with the address it is
 * served from and every phone number a person would click on it. Where the line corpus
 * (lib/phone/corpus.ts) measures the detector alone, this measures what the content script does to a page:
 * the country read from `lang` and the host, the regions never touched, labels in neighbouring elements, and
 * the page contract's `data-pbx-dial` values. Node only (linkedom): never imported by extension code.
 *
 * Used by scripts/measure-pages.ts (figures) and tests/unit/page-corpus.test.ts (a regression floor).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { parseHTML } from 'linkedom';
import { findPhoneNumbersInText, type CountryCode } from 'libphonenumber-js/max';
import { createLinker, dialValue, type Detector } from './linker';
import { pageEvidence } from './page-evidence';
import { collectPageNumbers } from './page-numbers';
import { numberFromTelHref } from './tel-href';
import { readingFrom, type PageReading } from '../phone/page-country';

/** One expected number: its text on the page, E.164, and extension digits where the text has one. */
export interface PageNumber {
  text: string;
  e164: string;
  ext?: string;
}

/** One page of the corpus. */
export interface CorpusPage {
  name: string;
  kind: 'business' | 'synthetic';
  /** The address the page is served from (its host is one of the country hints). */
  url: string;
  html: string;
  /** Every phone number on the page, in document order. */
  expect: PageNumber[];
  /** Numbers shown inside ordinary (non-tel:) links: never linked, but listed in the popup (issue 10). */
  inLinks?: PageNumber[];
}

/** The page corpus folder. */
export const PAGE_CORPUS_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../tests/fixtures/detection/pages');

/** Every page of `dir` (NAME.html beside NAME.json), in name order. */
export function loadPageCorpus(dir: string = PAGE_CORPUS_DIR): CorpusPage[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => {
      const name = file.slice(0, -'.json'.length);
      const meta = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Omit<CorpusPage, 'name' | 'html'>;
      return { name, ...meta, html: readFileSync(join(dir, `${name}.html`), 'utf8') };
    });
}

/**
 * Parses a page as a browser would. linkedom ends a text node at each character reference ("030&nbsp;1234"
 * becomes three nodes); a browser's parser makes one: `normalize()` joins them again.
 */
function parse(html: string): ReturnType<typeof parseHTML> {
  const window = parseHTML(html);
  window.document.documentElement.normalize();
  return window;
}

/** The page's country options, as the content script makes them. */
function readingOfPage(page: CorpusPage, document: Document, defaultCountry: string): PageReading {
  return readingFrom({
    lang: document.documentElement.getAttribute('lang'),
    host: new URL(page.url).hostname,
    fallback: defaultCountry,
    ...pageEvidence(document),
  });
}

/** The `data-pbx-dial` value a person expects for a number (the page contract). */
export function expectedDial(n: PageNumber): string {
  return n.ext ? `${n.e164};ext=${n.ext}` : n.e164;
}

/** What a linking run left on a page: the dial value and text of each link, in document order. */
export interface Linked {
  dial: string;
  text: string;
}

/**
 * Links `page` as the content script would, with `defaultCountry` as the user's setting: the page's country
 * from its `lang` and host, the real linker and `detector`. Everything is linked at once (no viewport here).
 */
export function linkPage(page: CorpusPage, detector: Detector, defaultCountry = 'US'): Linked[] {
  const { document, MutationObserver } = parse(page.html);
  const g = globalThis as { MutationObserver?: unknown };
  const saved = g.MutationObserver;
  g.MutationObserver = MutationObserver;
  try {
    const reading = readingOfPage(page, document as unknown as Document, defaultCountry);
    const tasks: (() => void)[] = [];
    const linker = createLinker({
      document: document as unknown as Document,
      detector,
      ...reading,
      ourLinks: new WeakMap(),
      schedule: (task, delayMs) => void (delayMs ? undefined : tasks.push(task)),
      now: () => 0,
      // No deadline: the whole page in one slice.
      sliceMs: Infinity,
      firstSliceMs: Infinity,
    });
    linker.start();
    while (tasks.length) tasks.shift()!();
    const links = Array.from(document.querySelectorAll('a[data-pbx-dial]')).map((a) => ({
      dial: a.getAttribute('data-pbx-dial') ?? '',
      text: a.textContent ?? '',
    }));
    linker.stop();
    return links;
  } finally {
    g.MutationObserver = saved;
  }
}

/**
 * What plain libphonenumber-js does to the same page, for comparison: `findPhoneNumbersInText` (max metadata)
 * over every text node outside the regions never touched, with the same country; no labels, no context.
 */
export function linkPageNaively(page: CorpusPage, defaultCountry = 'US'): Linked[] {
  const { document } = parse(page.html);
  const { country } = readingOfPage(page, document as unknown as Document, defaultCountry);
  const out: Linked[] = [];
  const walk = (node: Node): void => {
    if (node.nodeType === 3) {
      const text = (node as Text).data;
      for (const m of findPhoneNumbersInText(text, { defaultCountry: country as CountryCode })) {
        const dial = dialValue({ start: 0, end: 1, e164: m.number.number, ext: m.number.ext });
        if (dial) out.push({ dial, text: text.slice(m.startsAt, m.endsAt) });
      }
      return;
    }
    if (
      node.nodeType === 1 &&
      /^(script|style|noscript|template|title|textarea|a|button|svg)$/i.test((node as Element).localName)
    )
      return;
    for (let c = node.firstChild; c; c = c.nextSibling) walk(c);
  };
  walk(document.body as unknown as Node);
  return out;
}

/** True and false positives and misses of one page. */
export interface PageScore {
  tp: number;
  fp: number;
  fn: number;
  misses: PageNumber[];
  falsePositives: Linked[];
}

/** Scores links against the expected numbers: a link counts when its dial value is expected and not yet used. */
export function scorePage(page: CorpusPage, linked: Linked[]): PageScore {
  const open = page.expect.slice();
  const score: PageScore = { tp: 0, fp: 0, fn: 0, misses: [], falsePositives: [] };
  for (const link of linked) {
    const i = open.findIndex((e) => expectedDial(e) === link.dial);
    if (i === -1) {
      score.fp++;
      score.falsePositives.push(link);
    } else {
      open.splice(i, 1);
      score.tp++;
    }
  }
  score.fn = open.length;
  score.misses = open;
  return score;
}

/** Precision, recall and F1 of summed scores. */
export function prf(scores: PageScore[]): {
  precision: number;
  recall: number;
  f1: number;
  tp: number;
  fp: number;
  fn: number;
} {
  const tp = scores.reduce((n, s) => n + s.tp, 0);
  const fp = scores.reduce((n, s) => n + s.fp, 0);
  const fn = scores.reduce((n, s) => n + s.fn, 0);
  const precision = tp + fp ? tp / (tp + fp) : 1;
  const recall = tp + fn ? tp / (tp + fn) : 1;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, tp, fp, fn };
}

/** The dial values the popup's "Numbers on this page" lists for a page (lib/page/page-numbers), as the content script reads it. */
export function listPageNumbers(page: CorpusPage, detector: Detector, defaultCountry = 'US'): string[] {
  const { document } = parse(page.html);
  const reading = readingOfPage(page, document as unknown as Document, defaultCountry);
  return collectPageNumbers(document.body as unknown as Node, {
    detector,
    ...reading,
    telNumber: numberFromTelHref,
    limit: Infinity,
  }).map((n) => n.dial);
}
