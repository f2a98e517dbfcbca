/**
 * The confirmation window's protocol and words. The background (entrypoints/background/confirm.ts) opens
 * confirm.html, which connects a port named {@link CONFIRM_PORT_PREFIX} + request id, receives the prompt and
 * answers Call or Cancel.
 */
import type { ConfirmPrompt } from './service';

/** Port names the confirmation page connects with: `pbx-confirm:<request id>`. */
export const CONFIRM_PORT_PREFIX = 'pbx-confirm:';

/** Background → confirmation page: what to ask. */
export interface ConfirmRequestMessage {
  type: 'confirmPrompt';
  prompt: ConfirmPrompt;
}

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
  /** Why this call needs a second look (premium rate); absent for a plain "ask before each call". */
  warning?: string;
  extension?: string;
  callLabel: string;
}

/** The words of the confirmation window for a prompt. */
export function confirmTexts(prompt: ConfirmPrompt): ConfirmTexts {
  const premium = prompt.reason === 'premium-rate';
  return {
    heading: premium ? 'Call a premium-rate number?' : 'Call this number?',
    number: prompt.display,
    dialled: `Dialled as ${prompt.dialledAs}`,
    ...(premium
      ? {
          warning:
            'This is a premium-rate number: calls to it can cost much more than a normal call. ' +
            'Call only if you meant to.',
        }
      : {}),
    ...(prompt.askForExtension
      ? { extension: `Your PBX cannot dial the extension: when answered, ask for extension ${prompt.askForExtension}.` }
      : {}),
    callLabel: premium ? 'Call anyway' : 'Call',
  };
}
