/**
 * The labelled page corpus (tests/fixtures/detection/pages/): whole HTML pages, each with the address it is
 * served from and every phone number a person would click on it. Where the line corpus
 * (./number-corpus.ts) measures the detector alone, this measures what the content script does to a page:
 * the country read from `lang` and the host, the regions never touched, labels in neighbouring elements, and
 * the page contract's `data-pbx-dial` values. Node only (linkedom): never imported by extension code.
 *
 * Used by scripts/measure-pages.ts (figures) and tests/unit/page-corpus.test.ts (a regression floor). Loading and
 * scoring only: linking a page (which needs the detector and its metadata) is in ./page-corpus-link.ts, so the
 * Playwright suite can load and score pages without importing the metadata JSON.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

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
export const PAGE_CORPUS_DIR = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/detection/pages');

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

/** The `data-pbx-dial` value a person expects for a number (the page contract). */
export function expectedDial(n: PageNumber): string {
  return n.ext ? `${n.e164};ext=${n.ext}` : n.e164;
}

/** What a linking run left on a page: the dial value and text of each link, in document order. */
export interface Linked {
  dial: string;
  text: string;
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
