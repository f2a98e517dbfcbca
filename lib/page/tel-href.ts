/**
 * The number part of an existing `tel:`, `callto:` or `sip:` link (../shared/design.md, "The page contract").
 * Pure: the content script hands it the raw `href` attribute.
 */

/** Characters a person may write inside a phone number in a URI: digits, `+`, and visual separators. */
const PHONE_LIKE = /^\+?[\d\s().\-\u00a0]*\d[\d\s().\-\u00a0]*$/;
/** RFC 3966 `;ext=` (also seen as `;extension=` and `;x=` in the wild), digits only. */
const EXT_PARAM = /;(?:ext|extension|x)=([\d]{1,10})(?:;|$)/i;

/** The schemes whose clicks the content script may turn into dials when `pages.telLinks` is on. */
export type TelScheme = 'tel' | 'callto' | 'sip';

/** Which tel-like scheme an href uses, or null for anything else (http:, mailto:, sips:, javascript:, …). */
export function telScheme(href: string): TelScheme | null {
  const m = /^\s*(tel|callto|sip):/i.exec(href);
  return m ? (m[1]!.toLowerCase() as TelScheme) : null;
}

function decode(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

/**
 * The number to dial for a `tel:`, `callto:` or `sip:` href: the number as written (decoded, separators kept,
 * the background normalises it), plus `;ext=N` when the URI carries an extension. Null when the href is not one
 * of those schemes or its user part is not a phone number (`sip:alice@example.com`, `callto:skype.name`):
 * those links keep the browser's behaviour.
 *
 * - `tel:+1-415-555-0132;ext=204` → `+1-415-555-0132;ext=204` (RFC 3966: parameters after `;`).
 * - `callto://+14155550132` → `+14155550132` (Skype-style `callto://`).
 * - `sip:+14155550132@pbx.example;user=phone` → `+14155550132` (RFC 3261: the user part before `@`).
 */
export function numberFromTelHref(href: string): string | null {
  const scheme = telScheme(href);
  if (!scheme) return null;
  let rest = href.trim().slice(scheme.length + 1);
  if (scheme === 'callto') rest = rest.replace(/^\/\//, '');
  // A query or fragment is never part of the number (`tel:+1…?body=`, `sip:…?subject=`).
  rest = rest.split(/[?#]/, 1)[0] ?? '';
  if (scheme === 'sip') {
    const at = rest.indexOf('@');
    // A SIP URI without a user part names a host, not a number.
    if (at <= 0) return null;
    rest = rest.slice(0, at);
  }
  const semi = rest.indexOf(';');
  const main = decode(semi === -1 ? rest : rest.slice(0, semi));
  if (main === null) return null;
  const number = main.trim();
  if (!PHONE_LIKE.test(number) || number.replace(/\D/g, '').length < 3) return null;
  const params = semi === -1 ? '' : (decode(rest.slice(semi)) ?? '');
  const ext = EXT_PARAM.exec(params)?.[1];
  return ext ? `${number};ext=${ext}` : number;
}
