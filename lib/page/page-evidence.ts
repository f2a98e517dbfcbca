/**
 * The text in which a page shows its own international numbers (issue 10): what `explicitCountriesIn`
 * (lib/phone/detect) reads for the countries of the page's "+CC" numbers, the evidence for how its
 * national-format numbers are meant. The visible text, the `tel:` links' targets (a ".com" page that writes
 * "(02) 9191 8364" often links it as "tel:+61291918364") and the schema.org JSON-LD blocks, whose
 * `telephone` is usually international.
 */

import { countriesNamedIn } from '../phone/country-rules';
import { explicitCountriesIn } from '../phone/detect';

/**
 * What a page shows of its country beyond its host and `lang`: the countries of its "+CC" numbers and the
 * countries it names (lib/phone/page-country `PageCountryEvidence`). Runs once when linking starts.
 */
export function pageEvidence(doc: Document): { explicit: string[]; named: string[] } {
  const text = leadingText(doc);
  return { explicit: explicitCountriesIn(pageEvidenceText(doc, text)), named: namedCountries(doc, text) };
}

/**
 * The page's text from its start, at most {@link MAX_TEXT} characters: its first text nodes, read one by one.
 * Not `body.textContent`, which on a 10,000-row table builds a string of megabytes before linking can start
 * (measured: the first screen linked 1.7 s after DOMContentLoaded instead of in its task).
 */
function leadingText(doc: Document): string {
  const body = doc.body;
  if (!body) return '';
  const walker = doc.createTreeWalker(body, 4 /* NodeFilter.SHOW_TEXT */);
  const parts: string[] = [];
  let length = 0;
  for (let n = walker.nextNode(); n !== null && length < MAX_TEXT; n = walker.nextNode()) {
    const data = (n as Text).data;
    parts.push(data);
    length += data.length;
  }
  return parts.join('');
}

/** At most this much of the page's text is read: the first screens name the business's country. */
const MAX_TEXT = 50_000;
/** At most this many `tel:` links and JSON-LD blocks. */
const MAX_ELEMENTS = 200;

/** The page text that shows its international numbers (see the file comment). */
export function pageEvidenceText(doc: Document, text = leadingText(doc)): string {
  const parts: string[] = [text];
  const links = doc.querySelectorAll('a[href^="tel:" i]');
  for (let i = 0; i < links.length && i < MAX_ELEMENTS; i++) {
    const href = links[i]!.getAttribute('href') ?? '';
    parts.push(safeDecode(href.slice(4)));
  }
  const blocks = doc.querySelectorAll('script[type="application/ld+json"]');
  for (let i = 0; i < blocks.length && i < MAX_ELEMENTS; i++) {
    // Only what a "telephone"/"faxNumber" property says: the rest of a JSON-LD block is no evidence.
    const json = blocks[i]!.textContent ?? '';
    for (const m of json.matchAll(/"(?:telephone|faxNumber)"\s*:\s*"([^"]{0,40})"/g)) parts.push(m[1]!);
  }
  return parts.join('\n');
}

/** `decodeURIComponent` that leaves malformed escapes as they are ("tel:%2B1…", "tel:+44%20…"). */
function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * The countries a page names, most mentioned first: the schema.org `addressCountry` of its JSON-LD (an ISO code
 * or a name; it counts as three mentions), then the country and city names, currency signs and UK postcodes of
 * its visible text (lib/phone/country-rules `countriesNamedIn`).
 */
export function namedCountries(doc: Document, text = leadingText(doc)): string[] {
  const counts = new Map<string, number>();
  const add = (cc: string, n: number): void => void counts.set(cc, (counts.get(cc) ?? 0) + n);
  const blocks = doc.querySelectorAll('script[type="application/ld+json"]');
  for (let i = 0; i < blocks.length && i < MAX_ELEMENTS; i++) {
    for (const m of (blocks[i]!.textContent ?? '').matchAll(/"addressCountry"\s*:\s*"([^"]{2,40})"/g)) {
      const value = m[1]!;
      if (/^[A-Z]{2}$/.test(value)) add(value, 3);
      else for (const cc of countriesNamedIn(value).keys()) add(cc, 3);
    }
  }
  for (const [cc, n] of countriesNamedIn(text)) add(cc, n);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([c]) => c);
}
