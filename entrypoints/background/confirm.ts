import { browser, type Browser } from 'wxt/browser';
import type { ConfirmPrompt } from '@/lib/dial/service';
import { CONFIRM_PORT_PREFIX, type ConfirmAnswerMessage, type ConfirmRequestMessage } from '@/lib/dial/confirm';

/** Unanswered prompts are cancelled after this long, so a forgotten window never dials later. */
export const CONFIRM_TIMEOUT_MS = 120_000;
/**
 * While a prompt is open the worker calls an extension API this often: Chrome stops an idle MV3 worker after
 * 30 s, and each extension API call resets that timer (Chrome 110+,
 * https://developer.chrome.com/docs/extensions/develop/concepts/service-workers/lifecycle). Without it the
 * worker stopped under an open window, the window closed with it, and neither a call nor a notice followed.
 */
export const KEEP_ALIVE_MS = 20_000;

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
export function createConfirmer(options: {
  randomId: () => string;
  timeoutMs?: number;
  /** Any cheap extension API call; defaults to `runtime.getPlatformInfo`. */
  keepAlive?: () => Promise<unknown>;
  keepAliveMs?: number;
}) {
  const pending = new Map<string, Pending>();
  const pageUrl = browser.runtime.getURL('/confirm.html');
  const keepAlive = options.keepAlive ?? (() => browser.runtime.getPlatformInfo());
  let alive: ReturnType<typeof setInterval> | undefined;
  function watchLife(): void {
    if (pending.size && alive === undefined) {
      alive = setInterval(() => void keepAlive().catch(() => undefined), options.keepAliveMs ?? KEEP_ALIVE_MS);
    } else if (!pending.size && alive !== undefined) {
      clearInterval(alive);
      alive = undefined;
    }
  }

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
      // Other messages (the page's periodic "still here") only keep the worker awake: port traffic counts too.
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
        watchLife();
        clearTimeout(timer);
        resolveAnswer(yes);
        if (entry.windowId !== undefined) void browser.windows.remove(entry.windowId).catch(() => undefined);
      },
    };
    pending.set(id, entry);
    watchLife();
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
