/**
 * The page corpus (tests/fixtures/detection/pages/, figures by `npm run measure:pages`) as a regression floor:
 * whole pages linked as the content script links them, scored against their labels. The floors are the
 * issue's targets for pages we have not seen (synthetic: precision 0.99, recall 0.98; business: F1 0.93); the
 * corpus itself scores higher, and a rule that breaks pages shows up here by name.
 */
import { describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { isValidPhoneNumber } from 'libphonenumber-js/max';
import { findPhoneNumbers, mightContainPhone } from '../../lib/phone/detect';
import {
  expectedDial,
  linkPage,
  linkPageNaively,
  loadPageCorpus,
  prf,
  scorePage,
  type CorpusPage,
} from '../../lib/page/page-corpus';

const pages = loadPageCorpus();
const detector = { findPhoneNumbers, mightContainPhone };

const digitsOf = (text: string): string => text.replace(/\D/g, '');
/** The page's text as a browser reads it (character references decoded). */
const pageText = (page: CorpusPage): string => parseHTML(page.html).document.documentElement.textContent ?? '';

/** Each page's misses and false positives, for a failure message that names them. */
function problems(chosen: CorpusPage[]): string[] {
  return chosen.flatMap((p) => {
    const s = scorePage(p, linkPage(p, detector));
    return [
      ...s.misses.map((m) => `${p.name}: missed "${m.text}" (${expectedDial(m)})`),
      ...s.falsePositives.map((l) => `${p.name}: linked "${l.text}" as ${l.dial}`),
    ];
  });
}

describe('page corpus', () => {
  it('is well formed: valid numbers, each written on its page, kinds and addresses', () => {
    expect(pages.length).toBeGreaterThanOrEqual(30);
    for (const page of pages) {
      expect(['business', 'synthetic'], page.name).toContain(page.kind);
      expect(() => new URL(page.url), page.name).not.toThrow();
      const text = digitsOf(pageText(page));
      for (const n of page.expect) {
        expect(isValidPhoneNumber(n.e164), `${page.name}: ${n.e164}`).toBe(true);
        // Written on the page, allowing for markup inside the number (`<b>+1 415</b> 555-0132`).
        expect(text, `${page.name}: ${n.text}`).toContain(digitsOf(n.text));
      }
    }
  });

  for (const kind of ['synthetic', 'business'] as const) {
    it(`${kind} pages: linked with the issue's accuracy, and better than plain libphonenumber-js`, () => {
      const chosen = pages.filter((p) => p.kind === kind);
      const ours = prf(chosen.map((p) => scorePage(p, linkPage(p, detector))));
      const naive = prf(chosen.map((p) => scorePage(p, linkPageNaively(p))));
      const report = problems(chosen).join('\n');
      if (kind === 'synthetic') {
        expect(ours.precision, report).toBeGreaterThanOrEqual(0.99);
        expect(ours.recall, report).toBeGreaterThanOrEqual(0.98);
      } else {
        expect(ours.f1, report).toBeGreaterThanOrEqual(0.93);
      }
      expect(ours.f1).toBeGreaterThan(naive.f1);
    });
  }
});
