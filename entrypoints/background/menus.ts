import { browser, type Browser } from 'wxt/browser';
import { originOf } from '@/lib/dial/history';
import { dialableText, numberFromMenuClick, type MenuClick } from '@/lib/dial/sources';
import { findNumberInText, isTelLink } from '@/lib/dial/number';
import type { BackgroundDeps } from './deps';
import { t } from '@/components/i18n';

export const MENU_SELECTION = 'pbx-call-selection';
export const MENU_LINK = 'pbx-call-link';
/**
 * Links the "Call with PBX" link item is shown on. Chrome parses context-menu patterns with every scheme
 * allowed (`URLPattern::SCHEME_ALL`), so `tel:*` is accepted there; see {@link createMenus} for the fallback.
 */
export const TEL_LINK_PATTERNS = ['tel:*', 'callto:*', 'sip:*', 'sips:*'];

// English until the locale files carry a "menuCallWithPbx" message (they are not this module's to change).
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
 * Creates the "Call with PBX" items: one on selections (pages and editable fields), one on links. Chrome keeps
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
  }
}

/** Registers the click handler (and Firefox's show-time filter). */
export function registerMenus(deps: BackgroundDeps): void {
  browser.contextMenus.onClicked.addListener((info, tab) => {
    void handleMenuClick(deps, info as MenuClick & { pageUrl?: string; frameUrl?: string }, tab?.url);
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

/** One "Call with PBX" click: find the number, or say there is none; then dial with source `menu`. */
export async function handleMenuClick(
  deps: BackgroundDeps,
  info: MenuClick & { pageUrl?: string; frameUrl?: string },
  tabUrl?: string,
): Promise<void> {
  if (info.menuItemId !== MENU_SELECTION && info.menuItemId !== MENU_LINK) return;
  const settings = await deps.loadSettings();
  const found = dialableText(numberFromMenuClick(info, [settings.dialing.defaultCountry]));
  if (!found.ok) {
    await deps.notify({ title: 'No phone number', message: found.message, opensSettings: false });
    return;
  }
  await deps.service.dial({
    number: found.number,
    source: 'menu',
    origin: originOf(info.frameUrl ?? info.pageUrl ?? tabUrl),
  });
}
