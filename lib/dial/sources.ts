/**
 * The browser-side ways into the dial service that carry text rather than a checked number: a context-menu
 * click (selection, link), the keyboard shortcut's selection, the omnibox. Pure: they turn what the browser
 * hands over into a number, or into words saying why there is none.
 */
import type { DialingSettings } from '../settings/schema';
import { msg, type UiText } from '../ui/text';
import { canonicalNumber, findNumberInText, isTelLink, parseDialNumber, type NumberOutcome } from './number';

/** The parts of `contextMenus.OnClickData` (Chrome) / `menus.OnClickData` (Firefox) we read. */
export interface MenuClick {
  menuItemId: string | number;
  selectionText?: string;
  linkUrl?: string;
  /** Firefox only: the link's text. */
  linkText?: string;
}

/**
 * The number a context-menu click names: a tel:/callto:/sip: link's number, else a link's text (Firefox gives
 * it), else the selection (in a page or an editable field).
 */
export function numberFromMenuClick(info: MenuClick, countryHints: readonly (string | undefined)[]): NumberOutcome {
  if (isTelLink(info.linkUrl)) return parseDialNumber(info.linkUrl!, countryHints);
  if (info.linkText?.trim()) {
    const fromText = findNumberInText(info.linkText, countryHints);
    if (fromText.ok || !info.selectionText) return fromText;
  }
  if (info.selectionText !== undefined) return findNumberInText(info.selectionText, countryHints);
  if (info.linkUrl) return { ok: false, text: msg('number_link_not_phone') };
  return { ok: false, text: msg('number_nothing_selected') };
}

/** Text → the string the dial service takes (`+E164;ext=N`), or the reason there is no number. */
export function dialableText(outcome: NumberOutcome): { ok: true; number: string } | { ok: false; text: UiText } {
  return outcome.ok ? { ok: true, number: canonicalNumber(outcome.number) } : outcome;
}

/** Escapes text for Chrome's omnibox description, which is XML (`<match>`, `<dim>`, `<url>`). */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export interface OmniboxLine {
  /** What Enter sends back to `onInputEntered`; the checked number when there is one. */
  content: string;
  /** Plain text once translated (escape it for Chrome). */
  description: UiText;
  ok: boolean;
}

/**
 * The omnibox line for what was typed after the keyword: "Call +61 412 345 678 (dialled as 0412345678)", with
 * a premium-rate warning, or why it is not a number yet.
 */
export function omniboxLine(
  typed: string,
  dialing: Pick<DialingSettings, 'defaultCountry' | 'numberFormat' | 'outboundPrefix'>,
  format: (
    e164: string,
    options: Pick<DialingSettings, 'defaultCountry' | 'numberFormat' | 'outboundPrefix'>,
  ) => string,
): OmniboxLine {
  const text = typed.trim();
  if (!text) return { ok: false, content: '', description: msg('omnibox_empty') };
  const parsed = parseDialNumber(text.slice(0, 64), [dialing.defaultCountry]);
  if (!parsed.ok) return { ok: false, content: text, description: parsed.text };
  let dialledAs: string;
  try {
    dialledAs = format(parsed.number.e164, dialing);
  } catch {
    dialledAs = parsed.number.e164;
  }
  const { displayNumber, extension } = parsed.number;
  const line = extension
    ? msg('omnibox_call_extension', displayNumber, extension, dialledAs)
    : msg('omnibox_call', displayNumber, dialledAs);
  return {
    ok: true,
    content: canonicalNumber(parsed.number),
    description: parsed.number.premiumRate ? msg('omnibox_premium', line) : line,
  };
}
