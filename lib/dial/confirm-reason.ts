/**
 * When the dial service (./service.ts) asks before dialling, and what it asks: always before a premium-rate number,
 * when a page's own tel: link looks off (issue 15), and when `dialing.confirm` is on.
 */
import type { Settings } from '../settings/schema';
import { numberInfo, type DialNumber } from './number';
import type { DialSource, LinkDoubt } from './types';

/** What the confirmation asks; the UI must show `dialledAs` and the reason. */
export interface ConfirmPrompt {
  /** "+1 900 555 0100" */
  display: string;
  /** Exactly what the PBX will receive, e.g. "19005550100". */
  dialledAs: string;
  /**
   * `premium-rate`: always asked; `setting`: `dialing.confirm` is on. For a page's own tel:/callto:/sip: link
   * (issue 15): `hidden-link` (invisible, zero size, off-screen), `not-under-pointer`, `covered-link` (under a
   * layer the page paints over it that lets clicks through), `text-differs` (its text does not show the number),
   * `unusual-type` (shared-cost, personal, satellite…), `abroad`.
   */
  reason: ConfirmReason;
  /** The number's country (ISO alpha-2), for `abroad`. */
  country?: string;
  /** An extension the PBX cannot dial: the person must ask for it. */
  askForExtension?: string;
}

export type ConfirmReason =
  | 'premium-rate'
  | 'hidden-link'
  | 'not-under-pointer'
  | 'covered-link'
  | 'text-differs'
  | 'unusual-type'
  | 'abroad'
  | 'setting';

/** Why this call needs a yes first, or undefined when it may go straight to the PBX. */
export function confirmReason(
  settings: Settings,
  number: DialNumber,
  source: DialSource,
  doubt: LinkDoubt | undefined,
): { reason: ConfirmReason; country?: string } | undefined {
  if (number.premiumRate) return { reason: 'premium-rate' };
  if (source === 'tel-link') {
    // A page's own tel: link is the page's word, not the person's: its href may name another number than its
    // text, and an invisible one can lie over the whole page (issue 15). Ask when anything looks off.
    if (doubt === 'hidden') return { reason: 'hidden-link' };
    if (doubt === 'not-under-pointer') return { reason: 'not-under-pointer' };
    if (doubt === 'covered') return { reason: 'covered-link' };
    if (doubt === 'text-differs') return { reason: 'text-differs' };
    const info = numberInfo(number.e164);
    if (info.unusual) return { reason: 'unusual-type', country: info.country };
    if (info.country !== settings.dialing.defaultCountry) return { reason: 'abroad', country: info.country };
  }
  if (settings.dialing.confirm) return { reason: 'setting' };
  return undefined;
}
