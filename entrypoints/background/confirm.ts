import { browser, type Browser } from 'wxt/browser';
import type { ConfirmPrompt } from '@/lib/dial/service';
import { CONFIRM_PORT_PREFIX, type ConfirmAnswerMessage, type ConfirmRequestMessage } from '@/lib/dial/confirm';

/** Unanswered prompts are cancelled after this long, so a forgotten window never dials later. */
export const CONFIRM_TIMEOUT_MS = 120_000;

interface Pending {
  prompt: ConfirmPrompt;
  finish: (yes: boolean) => void;
  windowId?: number;
}

/**
 * Asks the person before a call in a small extension window (confirm.html), opened with
 * `windows.create({ type: 'popup' })`: it works from every source (a notification has no reliable buttons on
 * every platform, and the toolbar popup cannot be opened from a context menu or shortcut everywhere). The
 * prompt travels over a runtime port, not the URL, so the window shows exactly what the background will dial.
 * Closing the window, or no answer within {@link CONFIRM_TIMEOUT_MS}, is a "no".
 */
export function createConfirmer(options: { randomId: () => string; timeoutMs?: number }) {
  const pending = new Map<string, Pending>();
  const pageUrl = browser.runtime.getURL('/confirm.html');

  browser.runtime.onConnect.addListener((port: Browser.runtime.Port) => {
    if (!port.name.startsWith(CONFIRM_PORT_PREFIX)) return;
    const id = port.name.slice(CONFIRM_PORT_PREFIX.length);
    const entry = pending.get(id);
    // Only our own confirmation page may answer, and only for a prompt that is still open.
    if (!entry || !port.sender?.url?.startsWith(pageUrl)) {
      port.disconnect();
      return;
    }
    port.onMessage.addListener((message: unknown) => {
      const answer = message as Partial<ConfirmAnswerMessage> | null;
      if (answer?.type === 'confirmAnswer') entry.finish(answer.call === true);
    });
    port.onDisconnect.addListener(() => entry.finish(false));
    port.postMessage({ type: 'confirmPrompt', prompt: entry.prompt } satisfies ConfirmRequestMessage);
  });

  browser.windows.onRemoved.addListener((windowId) => {
    for (const entry of pending.values()) if (entry.windowId === windowId) entry.finish(false);
  });

  return async function confirm(prompt: ConfirmPrompt): Promise<boolean> {
    const id = options.randomId();
    let resolveAnswer: (yes: boolean) => void = () => undefined;
    const answer = new Promise<boolean>((resolve) => {
      resolveAnswer = resolve;
    });
    const timer = setTimeout(() => entry.finish(false), options.timeoutMs ?? CONFIRM_TIMEOUT_MS);
    const entry: Pending = {
      prompt,
      finish: (yes) => {
        if (!pending.has(id)) return;
        pending.delete(id);
        clearTimeout(timer);
        resolveAnswer(yes);
        if (entry.windowId !== undefined) void browser.windows.remove(entry.windowId).catch(() => undefined);
      },
    };
    pending.set(id, entry);
    try {
      const created = await browser.windows.create({
        type: 'popup',
        url: `${pageUrl}?id=${encodeURIComponent(id)}`,
        width: 440,
        height: 300,
        focused: true,
      });
      if (!pending.has(id)) {
        // Answered (or timed out) before the window id was known: close it now.
        if (created?.id !== undefined) void browser.windows.remove(created.id).catch(() => undefined);
      } else {
        entry.windowId = created?.id;
      }
    } catch (error) {
      entry.finish(false);
      throw error;
    }
    return answer;
  };
}
