import { browser, type Browser } from 'wxt/browser';
import { originOf } from '@/lib/dial/history';
import { dialableText, numberFromMenuClick, type MenuClick } from '@/lib/dial/sources';
import { findNumberInText, isTelLink, parseDialNumber } from '@/lib/dial/number';
import { parsePageNumbersAnswer } from '@/lib/messages';
import type { BackgroundDeps } from './deps';
import { msg, type UiText } from '@/lib/ui/text';
import { t, tx } from '@/components/i18n';

export const MENU_SELECTION = 'pbx-call-selection';
export const MENU_LINK = 'pbx-call-link';
/**
 * Chrome: "Call with PBX" on web links, for a number in the link's text (`<a href="/contact">Contact Us:
 * 619.534.4000</a>`). Chrome cannot show it only where the text is a number (no `onShown`, no link text), so it
 * shows on every web link and says at click time when the link holds no number.
 */
export const MENU_PAGE_LINK = 'pbx-call-page-link';
/** Links that are not tel-scheme links: {@link MENU_PAGE_LINK} shows on these. */
export const WEB_LINK_PATTERNS = ['http://*/*', 'https://*/*', 'file:///*'];
/**
 * Links the "Call with PBX" link item is shown on. Chrome parses context-menu patterns with every scheme
 * allowed (`URLPattern::SCHEME_ALL`), so `tel:*` is accepted there; see {@link createMenus} for the fallback.
 */
export const TEL_LINK_PATTERNS = ['tel:*', 'callto:*', 'sip:*', 'sips:*'];

/** The menu item's title, in the browser's language. */
const menuTitle = (): string => t('menuCallWithPbx');

/** Firefox's `menus.onShown`/`refresh`: lets the link item show only on links whose text is a number. */
interface FirefoxMenus {
  onShown: {
    addListener(cb: (info: { menuIds: (string | number)[]; linkUrl?: string; linkText?: string }) => void): void;
  };
  update(id: string, props: { visible: boolean }): Promise<void>;
  refresh(): Promise<void>;
}

function firefoxMenus(): FirefoxMenus | undefined {
  const menus = (browser as unknown as { menus?: Partial<FirefoxMenus> }).menus;
  return menus?.onShown && menus.refresh ? (menus as FirefoxMenus) : undefined;
}

function create(props: Browser.contextMenus.CreateProperties): Promise<void> {
  return new Promise((resolve, reject) => {
    browser.contextMenus.create(props, () => {
      const error = browser.runtime.lastError;
      if (error) reject(new Error(error.message));
      else resolve();
    });
  });
}

/**
 * Creates the "Call with PBX" items: one on selections (pages and editable fields), one on tel-scheme links and
 * (Chrome) one on web links, for a number in the link's text. Chrome keeps
 * context-menu items across restarts, so this runs on install/update and browser start-up, after removing
 * what was there.
 */
export async function createMenus(): Promise<void> {
  await browser.contextMenus.removeAll();
  await create({ id: MENU_SELECTION, title: menuTitle(), contexts: ['selection'] });
  if (firefoxMenus()) {
    // Firefox knows the link's text when the menu opens (onShown), so the item can follow it.
    await create({ id: MENU_LINK, title: menuTitle(), contexts: ['link'], visible: false });
    return;
  }
  try {
    await create({ id: MENU_LINK, title: menuTitle(), contexts: ['link'], targetUrlPatterns: TEL_LINK_PATTERNS });
  } catch {
    // A browser that refuses non-web schemes in patterns: offer the item on every link and say at click time
    // when the link is not a number.
    await create({ id: MENU_LINK, title: menuTitle(), contexts: ['link'] });
    return;
  }
  await create({ id: MENU_PAGE_LINK, title: menuTitle(), contexts: ['link'], targetUrlPatterns: WEB_LINK_PATTERNS });
}

/** Registers the click handler (and Firefox's show-time filter). */
export function registerMenus(deps: BackgroundDeps): void {
  browser.contextMenus.onClicked.addListener((info, tab) => {
    void handleMenuClick(deps, info as MenuInfo, tab?.url, tab?.id);
  });
  const ff = firefoxMenus();
  if (ff) {
    ff.onShown.addListener((info) => {
      if (!info.menuIds.includes(MENU_LINK)) return;
      void (async () => {
        const settings = await deps.loadSettings();
        const visible =
          isTelLink(info.linkUrl) ||
          (!!info.linkText && findNumberInText(info.linkText, [settings.dialing.defaultCountry]).ok);
        await ff.update(MENU_LINK, { visible });
        await ff.refresh();
      })();
    });
  }
}

type MenuInfo = MenuClick & { pageUrl?: string; frameUrl?: string; frameId?: number };

/**
 * The first number in the link a menu was opened on, from the content script of its frame (it remembers the
 * element under the last right-click): Chrome's OnClickData has no link text. Null where no content script
 * answers (the message then stays the one for a link without a number).
 */
async function numberInLink(
  tabId: number,
  info: MenuInfo,
  countryHints: readonly string[],
): Promise<{ ok: true; number: string } | { ok: false; text: UiText } | null> {
  let raw: unknown;
  try {
    raw = await browser.tabs.sendMessage(tabId, { type: 'getMenuNumbers' }, { frameId: info.frameId ?? 0 });
  } catch {
    return null;
  }
  const answer = parsePageNumbersAnswer(raw);
  if (!answer) return null;
  if (answer.status === 'blocked') return { ok: false, text: msg('selection_blocked_site') };
  const first = answer.numbers[0];
  // The content script's answer is checked like any typed number: it comes from a page we do not trust.
  return first ? dialableText(parseDialNumber(first.dial, [answer.country, ...countryHints])) : null;
}

/** One "Call with PBX" click: find the number, or say there is none; then dial with source `menu`. */
export async function handleMenuClick(
  deps: BackgroundDeps,
  info: MenuInfo,
  tabUrl?: string,
  tabId?: number,
): Promise<void> {
  if (info.menuItemId !== MENU_SELECTION && info.menuItemId !== MENU_LINK && info.menuItemId !== MENU_PAGE_LINK) return;
  const settings = await deps.loadSettings();
  let found = dialableText(numberFromMenuClick(info, [settings.dialing.defaultCountry]));
  // A web link whose text the browser did not hand over (Chrome), or whose text is no number by itself.
  if (!found.ok && info.linkUrl && !isTelLink(info.linkUrl) && !info.selectionText && tabId !== undefined) {
    found = (await numberInLink(tabId, info, [settings.dialing.defaultCountry])) ?? found;
  }
  if (!found.ok) {
    await deps.notify({ title: t('notice_title_no_number'), message: tx(found.text), opensSettings: false });
    return;
  }
  await deps.service.dial({
    number: found.number,
    source: 'menu',
    origin: originOf(info.frameUrl ?? info.pageUrl ?? tabUrl),
  });
}
