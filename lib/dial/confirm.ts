/**
 * The confirmation window's protocol and words. The background (entrypoints/background/confirm.ts) opens
 * confirm.html, which connects a port named {@link CONFIRM_PORT_PREFIX} + request id, receives the prompt and
 * answers Call or Cancel.
 */
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

export interface ConfirmTexts {
  heading: string;
  /** The number as people read it. */
  number: string;
  /** "Dialled as 19005550100": exactly what the PBX receives. */
  dialled: string;
  /** Why this call needs a second look (premium rate, a doubtful page link); absent for "ask before each call". */
  warning?: string;
  extension?: string;
  callLabel: string;
}

function countryName(code: string | undefined): string | undefined {
  if (!code) return undefined;
  try {
    return new Intl.DisplayNames(['en'], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** Why a call is asked about, in words; absent for a plain "ask before each call". */
function warningFor(prompt: ConfirmPrompt): { heading: string; warning: string } | undefined {
  const where = countryName(prompt.country);
  switch (prompt.reason) {
    case 'premium-rate':
      return {
        heading: 'Call a premium-rate number?',
        warning:
          'This is a premium-rate number: calls to it can cost much more than a normal call. ' +
          'Call only if you meant to.',
      };
    case 'hidden-link':
      return {
        heading: 'Call a number the page hid?',
        warning:
          'The link you clicked was invisible (transparent, zero size or off-screen): the page may have put it ' +
          'there to make you place this call. Call only if you meant to call this number.',
      };
    case 'not-under-pointer':
      return {
        heading: 'Call a number you did not point at?',
        warning:
          'The page turned your click into a click on a phone link that was not under the pointer. ' +
          'Call only if you meant to call this number.',
      };
    case 'text-differs':
      return {
        heading: 'Call a number the link does not show?',
        warning:
          "The link's text does not show this number: the page chose it. Call only if you meant to call this number.",
      };
    case 'unusual-type':
      return {
        heading: 'Call a special-rate number?',
        warning: where
          ? `This number in ${where} is not an ordinary phone line (shared-cost, personal, pager or similar): ` +
            'calls to it can cost more. The page chose it; call only if you meant to.'
          : 'This number belongs to no country (a satellite phone or an international network): calls to it ' +
            'can cost many times a normal call. The page chose it; call only if you meant to.',
      };
    case 'abroad':
      return {
        heading: 'Call a number abroad?',
        warning:
          `This number is in ${where ?? 'another country'}: an international call, placed with your company's ` +
          'caller ID. The page chose it; call only if you meant to.',
      };
    default:
      return undefined;
  }
}

/** The words of the confirmation window for a prompt. */
export function confirmTexts(prompt: ConfirmPrompt): ConfirmTexts {
  const warned = warningFor(prompt);
  return {
    heading: warned?.heading ?? 'Call this number?',
    number: prompt.display,
    dialled: `Dialled as ${prompt.dialledAs}`,
    ...(warned ? { warning: warned.warning } : {}),
    ...(prompt.askForExtension
      ? { extension: `Your PBX cannot dial the extension: when answered, ask for extension ${prompt.askForExtension}.` }
      : {}),
    callLabel: warned ? 'Call anyway' : 'Call',
  };
}
