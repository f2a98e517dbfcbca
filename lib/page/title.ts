/**
 * The tooltip of a link: "Call +1 4155550132 with your PBX", made when someone points at the link.
 *
 * Formatted by libphonenumber-js with the same metadata detection ships (lib/phone/detect.ts), so the title
 * costs no bundle size: the content script must stay under 60 KiB gzipped, and a second metadata set (`min`,
 * about 29 KB gzipped) or detection's dropped formatting rules (about 9 KB) would not fit comfortably. That
 * metadata has no per-country digit grouping, so the national part is shown ungrouped after the country code;
 * the country code alone already tells a reader where the call goes.
 */
import { parsePhoneNumberFromString, type MetadataJson } from 'libphonenumber-js/core';
import detectionMetadata from '@/lib/phone/metadata.detect.json';

const metadata = detectionMetadata as unknown as MetadataJson;

/** The number of a dial value (`+E164` with optional `;ext=N`) in international form, for people. */
export function displayNumber(dial: string): string {
  const [e164 = '', ext] = dial.split(';ext=');
  const parsed = parsePhoneNumberFromString(e164, metadata);
  const main = parsed ? parsed.formatInternational() : e164;
  return ext ? `${main} ext. ${ext}` : main;
}

/** The `title` of a link we make, in the browser's language. */
export function linkTitle(dial: string, message: (number: string) => string): string {
  return message(displayNumber(dial));
}

/**
 * Gives one of our links its title when a person points at it or focuses it (`pointerover`, `focusin`), so
 * no number is formatted that nobody looks at. `ourLinks` holds the dial value recorded for each link.
 */
export function titleOnDemand(
  ourLinks: WeakMap<Element, string>,
  message: (number: string) => string,
): (event: Event) => void {
  return (event) => {
    for (const target of event.composedPath()) {
      const el = target as Element;
      if (el.nodeType !== 1 || el.localName !== 'a') continue;
      const dial = ourLinks.get(el);
      if (dial !== undefined && !el.hasAttribute('title')) el.setAttribute('title', linkTitle(dial, message));
      return;
    }
  };
}
