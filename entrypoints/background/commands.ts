import { browser, type Browser } from 'wxt/browser';
import { originOf } from '@/lib/dial/history';
import { findNumberInText } from '@/lib/dial/number';
import { dialableText } from '@/lib/dial/sources';
import { t, tx } from '@/components/i18n';
import type { BackgroundDeps } from './deps';

/** The manifest's command for "call the selected number" (Alt+Shift+C by default; see wxt.config.ts). */
export const CALL_SELECTION_COMMAND = 'call-selection';

/** Reads the selection text out of the content script's answer (a string, or `{ text }`). */
function selectionOf(answer: unknown): string | undefined {
  if (typeof answer === 'string') return answer;
  if (typeof answer === 'object' && answer !== null) {
    const { text, selection } = answer as { text?: unknown; selection?: unknown };
    if (typeof text === 'string') return text;
    if (typeof selection === 'string') return selection;
  }
  return undefined;
}

/** Registers the keyboard command listener. `_execute_action` (open the dialer) is handled by the browser. */
export function registerCommands(deps: BackgroundDeps): void {
  browser.commands.onCommand.addListener((command, tab) => {
    if (command === CALL_SELECTION_COMMAND) void callSelection(deps, tab);
  });
}

/**
 * Calls the number selected in the active tab: asks its content script (top frame) for the selection, as there
 * is no `scripting` permission to read it another way; says so plainly where no content script runs.
 */
export async function callSelection(deps: BackgroundDeps, tab?: Browser.tabs.Tab): Promise<void> {
  const target = tab?.id !== undefined ? tab : (await browser.tabs.query({ active: true, currentWindow: true }))[0];
  if (target?.id === undefined) {
    await deps.notify({
      title: t('notice_title_no_page'),
      message: t('selection_closed_page'),
      opensSettings: false,
    });
    return;
  }
  let answer: unknown;
  try {
    answer = await browser.tabs.sendMessage(target.id, { type: 'getSelection' }, { frameId: 0 });
  } catch {
    await deps.notify({
      title: t('notice_title_no_selection'),
      message: t('selection_closed_page'),
      opensSettings: false,
    });
    return;
  }
  const text = selectionOf(answer);
  if (text === undefined) {
    await deps.notify({
      title: t('notice_title_no_selection'),
      message: t('selection_closed_page'),
      opensSettings: false,
    });
    return;
  }
  const settings = await deps.loadSettings();
  const found = dialableText(findNumberInText(text, [settings.dialing.defaultCountry]));
  if (!found.ok) {
    await deps.notify({ title: t('notice_title_no_number'), message: tx(found.text), opensSettings: false });
    return;
  }
  await deps.service.dial({ number: found.number, source: 'shortcut', origin: originOf(target.url) });
}
