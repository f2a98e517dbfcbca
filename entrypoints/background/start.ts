import { browser } from 'wxt/browser';
import { loadSettings, regionOfLocale, saveSettings, type SettingsStores } from '@/lib/settings/store';
import { isHostBlocked } from '@/lib/settings/sites';
import { SETTINGS_KEY } from '@/lib/settings/schema';
import type { PageConfig } from '@/lib/messages';
import { createRouter } from './router';

function stores(): SettingsStores {
  return {
    local: browser.storage.local,
    managed: browser.storage.managed,
    defaultCountry: regionOfLocale(browser.i18n.getUILanguage()) ?? 'US',
  };
}

function hostOf(url: string | undefined): string {
  try {
    return new URL(url ?? '').hostname;
  } catch {
    return '';
  }
}

/** Wires the background: message router, settings broadcast. Runs once per service-worker start. */
export function startBackground(): void {
  const router = createRouter(
    {
      async getPageConfig(_message, sender): Promise<PageConfig> {
        const { settings } = await loadSettings(stores());
        return {
          linkify: settings.pages.linkify,
          telLinks: settings.pages.telLinks,
          blocked: isHostBlocked(hostOf(sender.url), settings.pages.blockedSites),
          defaultCountry: settings.dialing.defaultCountry,
        };
      },
      async setSiteBlocked(message) {
        const { settings } = await loadSettings(stores());
        const host = message.host.toLowerCase();
        const others = settings.pages.blockedSites.filter((p) => p !== host);
        const blockedSites = message.blocked ? [...others, host] : others;
        return saveSettings(stores(), { ...settings, pages: { ...settings.pages, blockedSites } });
      },
      async dial() {
        throw new Error('dial service not wired yet');
      },
      async getPopupState() {
        throw new Error('popup state not wired yet');
      },
      async testConnection() {
        throw new Error('test connection not wired yet');
      },
      async kazooClickToCalls() {
        throw new Error('kazoo not wired yet');
      },
      async clearHistory() {
        throw new Error('history not wired yet');
      },
    },
    { extensionId: browser.runtime.id, extensionOrigin: browser.runtime.getURL('/') },
  );
  browser.runtime.onMessage.addListener((message, sender) => router(message, sender));
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && SETTINGS_KEY in changes) void 0;
  });
}
