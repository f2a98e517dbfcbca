/**
 * The confirmation window's protocol and words. The background (entrypoints/background/confirm.ts) opens
 * confirm.html, which connects a port named {@link CONFIRM_PORT_PREFIX} + request id, receives the prompt and
 * answers Call or Cancel.
 */
import { msg, type UiText } from '../i18n/text';
import type { ConfirmPrompt } from './confirm-reason';

/** Port names the confirmation page connects with: `pbx-confirm:<request id>`. */
export const CONFIRM_PORT_PREFIX = 'pbx-confirm:';

/** Background → confirmation page: what to ask. */
export interface ConfirmRequestMessage {
  type: 'confirmPrompt';
  prompt: ConfirmPrompt;
}

/** Confirmation page → background, every {@link CONFIRM_PING_MS}: the window is still open (keeps the worker up). */
export interface ConfirmAliveMessage {
  type: 'confirmAlive';
}
export const CONFIRM_PING_MS = 20_000;

/**
 * The Call button is armed only this long after the prompt shows: a click or Enter meant for the page (a double
 * click, a held key) must not land on it (issue 15). Key repeats never count.
 */
export const CONFIRM_ARM_MS = 500;

/** Confirmation page → background: the person's answer. */
export interface ConfirmAnswerMessage {
  type: 'confirmAnswer';
  call: boolean;
}

/** The confirmation window's words, to translate (`tx`); the number stays as people read it. */
export interface ConfirmTexts {
  heading: UiText;
  /** The number as people read it. */
  number: string;
  /** "Dialled as 19005550100": exactly what the PBX receives. */
  dialled: UiText;
  /** Why this call needs a second look (premium rate, a doubtful page link); absent for "ask before each call". */
  warning?: UiText;
  extension?: UiText;
  callLabel: UiText;
}

/** A region's name in `language` ("Antigua & Barbuda"), or its code where the browser has none. */
function countryName(code: string | undefined, language: string): string | undefined {
  if (!code) return undefined;
  try {
    return new Intl.DisplayNames([language, 'en'], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** Why a call is asked about, in words; absent for a plain "ask before each call". */
function warningFor(prompt: ConfirmPrompt, language: string): { heading: UiText; warning: UiText } | undefined {
  const where = countryName(prompt.country, language);
  switch (prompt.reason) {
    case 'premium-rate':
      return { heading: msg('confirm_premium_heading'), warning: msg('confirm_premium_warning') };
    case 'hidden-link':
      return { heading: msg('confirm_hidden_heading'), warning: msg('confirm_hidden_warning') };
    case 'not-under-pointer':
      return { heading: msg('confirm_pointer_heading'), warning: msg('confirm_pointer_warning') };
    case 'covered-link':
      return { heading: msg('confirm_covered_heading'), warning: msg('confirm_covered_warning') };
    case 'text-differs':
      return { heading: msg('confirm_text_heading'), warning: msg('confirm_text_warning') };
    case 'unusual-type':
      return {
        heading: msg('confirm_unusual_heading'),
        warning: where ? msg('confirm_unusual_warning', where) : msg('confirm_nowhere_warning'),
      };
    case 'abroad':
      return {
        heading: msg('confirm_abroad_heading'),
        warning: where ? msg('confirm_abroad_warning', where) : msg('confirm_abroad_unknown_warning'),
      };
    default:
      return undefined;
  }
}

/** The words of the confirmation window for a prompt; country names in `language` (the browser's UI language). */
export function confirmTexts(prompt: ConfirmPrompt, language = 'en'): ConfirmTexts {
  const warned = warningFor(prompt, language);
  return {
    heading: warned?.heading ?? msg('confirm_heading'),
    number: prompt.display,
    dialled: msg('confirm_dialled', prompt.dialledAs),
    ...(warned ? { warning: warned.warning } : {}),
    ...(prompt.askForExtension ? { extension: msg('confirm_extension', prompt.askForExtension) } : {}),
    callLabel: warned ? msg('confirm_call_anyway') : msg('confirm_call'),
  };
}
