/**
 * What the popup's number field understands: anything a person pastes (spaces, dashes, dots, brackets,
 * `+44 (0)…`, `tel:`/`callto:`/`sip:` URIs, `;ext=` or "ext. 12"), read with libphonenumber-js using the
 * user's default country for national numbers.
 */
import { AsYouType, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';

export type DialInput =
  | { kind: 'empty' }
  /** Not (yet) a number we can read; `typed` is what AsYouType makes of it so far. */
  | { kind: 'partial'; typed: string }
  | {
      kind: 'number';
      /** E.164 without the extension. */
      e164: string;
      ext?: string;
      /** ISO alpha-2, when the number belongs to one country. */
      country?: string;
      /** International format for display, e.g. "+44 20 7946 0018". */
      display: string;
      /** The number is complete and valid for its country (not just plausible digits). */
      valid: boolean;
    };

const SCHEME_RE = /^\s*(?:tel|callto|sip|sips):(?:\/\/)?/i;

/** Strips a URI scheme, URI parameters other than `ext`, and a SIP host; decodes %-escapes. */
export function stripDialUri(text: string): string {
  if (!SCHEME_RE.test(text)) return text.trim();
  let rest = text.replace(SCHEME_RE, '');
  try {
    rest = decodeURIComponent(rest);
  } catch {
    // A lone % in pasted text: keep it as it is.
  }
  const [main = '', ...params] = rest.split(';');
  const user = main.split('@')[0] ?? '';
  const ext = params.find((p) => /^ext=/i.test(p.trim()));
  return ext ? `${user.trim()};${ext.trim()}` : user.trim();
}

/** Reads what the user typed or pasted. */
export function readDialInput(text: string, defaultCountry: string): DialInput {
  const cleaned = stripDialUri(text);
  if (!/\d/.test(cleaned)) return cleaned ? { kind: 'partial', typed: cleaned } : { kind: 'empty' };
  const country = defaultCountry as CountryCode;
  // libphonenumber reads "+44 (0)20…" itself; ";ext=" and "ext." too.
  const parsed = parsePhoneNumberFromString(cleaned, { defaultCountry: country, extract: false });
  if (!parsed || !parsed.isPossible()) {
    const typer = new AsYouType(country);
    return { kind: 'partial', typed: typer.input(cleaned) || cleaned };
  }
  return {
    kind: 'number',
    e164: parsed.number,
    ext: parsed.ext || undefined,
    country: parsed.country,
    display: parsed.formatInternational().replace(/ ext\. .*$/, ''),
    valid: parsed.isValid(),
  };
}

/**
 * The `number` to send in a `dial` message: E.164 (with `;ext=`) when the input reads as a number,
 * otherwise the text as typed, so the background can say what is wrong with it.
 */
export function dialNumberFor(input: DialInput, text: string): string {
  if (input.kind === 'number') return input.ext ? `${input.e164};ext=${input.ext}` : input.e164;
  return stripDialUri(text).slice(0, 64);
}
