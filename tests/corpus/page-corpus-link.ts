/**
 * Linking the pages of the labelled corpus (./page-corpus.ts) the way the content script does, under Node
 * (linkedom): with the real linker, the page's country evidence and the popup's page list; and the plain
 * libphonenumber-js baseline. Node only: never imported by extension code.
 */
import { parseHTML } from 'linkedom';
import { findPhoneNumbersInText, type CountryCode } from 'libphonenumber-js/max';
import { createLinker, dialValue, type Detector } from '../../lib/page/linker';
import { pageEvidence } from '../../lib/page/page-evidence';
import { collectPageNumbers } from '../../lib/page/page-numbers';
import { numberFromTelHref } from '../../lib/page/tel-href';
import { readingFrom, type PageReading } from '../../lib/phone/page-country';
import type { CorpusPage, Linked } from './page-corpus';

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
