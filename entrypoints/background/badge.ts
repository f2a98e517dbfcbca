import { browser } from 'wxt/browser';
import type { BadgeState } from '@/lib/dial/status';
import { tx } from '@/components/i18n';

/** Puts a badge state on the toolbar button: its text, colour and tooltip (in the browser's language). */
export async function applyBadge(state: BadgeState): Promise<void> {
  await Promise.all([
    browser.action.setBadgeText({ text: state.text }),
    browser.action.setBadgeBackgroundColor({ color: state.color }),
    browser.action.setTitle({ title: tx(state.title) }),
  ]);
}
