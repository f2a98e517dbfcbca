/**
 * The confirmation window (opened by entrypoints/background/confirm.ts): shows the number as the PBX will
 * receive it and why we ask, and sends back Call or Cancel over the port. Closing the window is a Cancel.
 */
import { browser } from 'wxt/browser';
import '@/components/theme.css';
import './confirm.css';
import {
  CONFIRM_ARM_MS,
  CONFIRM_PING_MS,
  CONFIRM_PORT_PREFIX,
  confirmTexts,
  type ConfirmAliveMessage,
  type ConfirmAnswerMessage,
  type ConfirmRequestMessage,
} from '@/lib/dial/confirm';
import { t, tx, uiLanguage } from '@/components/i18n';

const id = new URLSearchParams(location.search).get('id') ?? '';
const port = browser.runtime.connect({ name: `${CONFIRM_PORT_PREFIX}${id}` });

const byId = (name: string) => document.getElementById(name)!;
const callButton = byId('confirm-call') as HTMLButtonElement;
const cancelButton = byId('confirm-cancel') as HTMLButtonElement;
// The page's static words, in the browser's language before the prompt arrives.
document.documentElement.lang = uiLanguage();
byId('confirm-title').textContent = t('confirm_heading');
cancelButton.textContent = t('confirm_cancel');
callButton.textContent = t('confirm_call');

let answered = false;
function answer(call: boolean): void {
  answered = true;
  port.postMessage({ type: 'confirmAnswer', call } satisfies ConfirmAnswerMessage);
  callButton.disabled = true;
  cancelButton.disabled = true;
}

port.onMessage.addListener((raw: unknown) => {
  const message = raw as Partial<ConfirmRequestMessage> | null;
  if (message?.type !== 'confirmPrompt' || !message.prompt) return;
  const texts = confirmTexts(message.prompt, uiLanguage());
  const heading = tx(texts.heading);
  document.title = t('confirm_page_title', heading);
  byId('confirm-title').textContent = heading;
  byId('confirm-number').textContent = texts.number;
  byId('confirm-dialled').textContent = tx(texts.dialled);
  const reason = byId('confirm-reason');
  reason.hidden = !texts.warning;
  reason.textContent = texts.warning ? tx(texts.warning) : '';
  const extension = byId('confirm-extension');
  extension.hidden = !texts.extension;
  extension.textContent = texts.extension ? tx(texts.extension) : '';
  callButton.textContent = tx(texts.callLabel);
  // Armed a moment later, so a click or key meant for the page does not land on it.
  setTimeout(() => {
    if (answered) return;
    callButton.disabled = false;
    if (!texts.warning) callButton.focus();
  }, CONFIRM_ARM_MS);
  // A premium-rate or doubtful call must be a deliberate choice: Enter on the opened window cancels it.
  if (texts.warning) cancelButton.focus();
});
port.onDisconnect.addListener(() => window.close());
// Port traffic keeps the background's worker running while the person reads (see background/confirm.ts).
setInterval(() => port.postMessage({ type: 'confirmAlive' } satisfies ConfirmAliveMessage), CONFIRM_PING_MS);

callButton.addEventListener('click', () => answer(true));
cancelButton.addEventListener('click', () => answer(false));
document.addEventListener(
  'keydown',
  (event) => {
    // A held Enter or Space (its repeats) must not press Call: only a fresh key press counts.
    if (event.repeat && (event.key === 'Enter' || event.key === ' ')) {
      event.preventDefault();
      event.stopPropagation();
      return;
    }
    if (event.key === 'Escape') answer(false);
  },
  { capture: true },
);
