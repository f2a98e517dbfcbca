/**
 * The confirmation window (opened by entrypoints/background/confirm.ts): shows the number as the PBX will
 * receive it and why we ask, and sends back Call or Cancel over the port. Closing the window is a Cancel.
 */
import { browser } from 'wxt/browser';
import '@/components/theme.css';
import './confirm.css';
import {
  CONFIRM_PORT_PREFIX,
  confirmTexts,
  type ConfirmAnswerMessage,
  type ConfirmRequestMessage,
} from '@/lib/dial/confirm';

const id = new URLSearchParams(location.search).get('id') ?? '';
const port = browser.runtime.connect({ name: `${CONFIRM_PORT_PREFIX}${id}` });

const byId = (name: string) => document.getElementById(name)!;
const callButton = byId('confirm-call') as HTMLButtonElement;
const cancelButton = byId('confirm-cancel') as HTMLButtonElement;

function answer(call: boolean): void {
  port.postMessage({ type: 'confirmAnswer', call } satisfies ConfirmAnswerMessage);
  callButton.disabled = true;
  cancelButton.disabled = true;
}

port.onMessage.addListener((raw: unknown) => {
  const message = raw as Partial<ConfirmRequestMessage> | null;
  if (message?.type !== 'confirmPrompt' || !message.prompt) return;
  const texts = confirmTexts(message.prompt);
  document.title = `${texts.heading} · PBX Click-to-Dial`;
  byId('confirm-title').textContent = texts.heading;
  byId('confirm-number').textContent = texts.number;
  byId('confirm-dialled').textContent = texts.dialled;
  const reason = byId('confirm-reason');
  reason.hidden = !texts.warning;
  reason.textContent = texts.warning ?? '';
  const extension = byId('confirm-extension');
  extension.hidden = !texts.extension;
  extension.textContent = texts.extension ?? '';
  callButton.disabled = false;
  callButton.textContent = texts.callLabel;
  // A premium-rate call must be a deliberate choice: Enter on the opened window cancels it.
  (texts.warning ? cancelButton : callButton).focus();
});
port.onDisconnect.addListener(() => window.close());

callButton.addEventListener('click', () => answer(true));
cancelButton.addEventListener('click', () => answer(false));
document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape') answer(false);
});
