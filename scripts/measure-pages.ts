/**
 * `npm run measure:pages`: what linking does to whole pages (issue 3), on the labelled page corpus in
 * tests/fixtures/detection/pages/: precision, recall and F1 by kind (business, synthetic) for the content
 * script's linker with our detector, against plain libphonenumber-js over every text node with the same country.
 *
 *   node --import tsx scripts/measure-pages.ts            # figures
 *   node --import tsx scripts/measure-pages.ts --verbose  # also each miss and false positive, by page
 *
 * Then each detection rule's hits (issue 16): for every rule id, the labelled numbers and the non-numbers it
 * read or rejected on the corpus (tests/unit/support/rule-hits.ts says how a decision is counted).
 */
import { findPhoneNumbers, mightContainPhone } from '../lib/phone/detect';
import { loadPageCorpus, prf, scorePage, type CorpusPage } from '../lib/page/page-corpus';
import { linkPage, linkPageNaively } from '../lib/page/page-corpus-link';
import { createRuleTally, formatRuleHits } from '../tests/unit/support/rule-hits';

const verbose = process.argv.includes('--verbose');
const pages = loadPageCorpus();
const detector = { findPhoneNumbers, mightContainPhone };

const f = (x: number) => x.toFixed(3);
const expected = pages.reduce((n, p) => n + p.expect.length, 0);
console.log(`Page corpus: ${pages.length} pages, ${expected} phone numbers\n`);
console.log(
  'kind        pages  numbers | ours: P      R      F1     FP  FN | plain libphonenumber-js: P      R      F1',
);
for (const kind of ['synthetic', 'business', 'all'] as const) {
  const chosen = pages.filter((p) => kind === 'all' || p.kind === kind);
  const ours = prf(chosen.map((p) => scorePage(p, linkPage(p, detector))));
  const naive = prf(chosen.map((p) => scorePage(p, linkPageNaively(p))));
  console.log(
    `${kind.padEnd(10)} ${String(chosen.length).padStart(6)} ${String(chosen.reduce((n, p) => n + p.expect.length, 0)).padStart(8)} |` +
      `       ${f(ours.precision)}  ${f(ours.recall)}  ${f(ours.f1)} ${String(ours.fp).padStart(4)} ${String(ours.fn).padStart(3)} |` +
      `                          ${f(naive.precision)}  ${f(naive.recall)}  ${f(naive.f1)}`,
  );
}

/** A page's batch: its name's "bN-" prefix; the first batch has none. */
const batchOf = (p: CorpusPage): string => /^(b\d+)-/.exec(p.name)?.[1] ?? 'b1';
const batches = [...new Set(pages.map(batchOf))].sort();
console.log('\nbatch       pages  numbers | synthetic: P      R     | business: P      R      F1');
for (const batch of batches) {
  const inBatch = pages.filter((p) => batchOf(p) === batch);
  const score = (kind: string) =>
    prf(inBatch.filter((p) => p.kind === kind).map((p) => scorePage(p, linkPage(p, detector))));
  const syn = score('synthetic');
  const biz = score('business');
  console.log(
    `${batch.padEnd(10)} ${String(inBatch.length).padStart(6)} ${String(inBatch.reduce((n, p) => n + p.expect.length, 0)).padStart(8)} |` +
      `            ${f(syn.precision)}  ${f(syn.recall)} |           ${f(biz.precision)}  ${f(biz.recall)}  ${f(biz.f1)}`,
  );
}

const tally = createRuleTally();
for (const p of pages) tally.during(p, () => linkPage(p, detector));
console.log(`\nRule hits over all ${pages.length} pages (a decision on the same text counts once):`);
console.log(formatRuleHits(tally.hits()));

if (verbose) {
  console.log('');
  const show = (p: CorpusPage) => {
    const s = scorePage(p, linkPage(p, detector));
    if (!s.fp && !s.fn) return;
    console.log(`${p.name} (${p.kind}, ${p.url})`);
    for (const m of s.misses) console.log(`    miss: "${m.text}" ${m.e164}${m.ext ? ` ext ${m.ext}` : ''}`);
    for (const l of s.falsePositives) console.log(`    false positive: "${l.text}" → ${l.dial}`);
  };
  pages.forEach(show);
}
