/**
 * The text in which a page shows its own international numbers (issue 10): what `explicitCountriesIn`
 * (lib/phone/detect) reads for the countries of the page's "+CC" numbers, the evidence for how its
 * national-format numbers are meant. The visible text, the `tel:` links' targets (a ".com" page that writes
 * "(02) 9191 8364" often links it as "tel:+61291918364") and the schema.org JSON-LD blocks, whose
 * `telephone` is usually international.
 */

/** At most this much of the page's text is read: the first screens name the business's country. */
const MAX_TEXT = 200_000;
/** At most this many `tel:` links and JSON-LD blocks. */
const MAX_ELEMENTS = 200;

/** The page text that shows its international numbers (see the file comment). */
export function pageEvidenceText(doc: Document): string {
  const parts: string[] = [(doc.body?.textContent ?? '').slice(0, MAX_TEXT)];
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
