import { browser } from 'wxt/browser';
import {
  POLICY_CACHE_KEY,
  loadSettings,
  regionOfLocale,
  saveUserSettings,
  type SettingsStores,
} from '@/lib/settings/store';
import { isHostBlocked } from '@/lib/settings/sites';
import { SETTINGS_KEY, type Settings } from '@/lib/settings/schema';
import { contentAnswer, senderPage, type PageConfig } from '@/lib/messages';
import { PROVIDERS } from '@/lib/providers/registry';
import { CALL_LOGS } from '@/lib/calllog/registry';
import { formatForPbx } from '@/lib/phone/format';
import type { ProviderContext } from '@/lib/providers/types';
import { createDialService, DIAL_TIMEOUT_MS, type CallLogRegistry } from '@/lib/dial/service';
import { createHistoryStore, originOf } from '@/lib/dial/history';
import { badgeFor, createStatusStore } from '@/lib/dial/status';
import { runProviderAction, testConnection } from '@/lib/dial/connection';
import { popupState } from '@/lib/dial/popup-state';
import { createRouter } from './router';
import { applyBadge } from './badge';
import { createConfirmer } from './confirm';
import { registerNotificationClicks, showNotice } from './notifications';
import { createMenus, registerMenus } from './menus';
import { registerCommands } from './commands';
import { registerOmnibox } from './omnibox';
import type { BackgroundDeps } from './deps';
import { restrictStorage, type AccessLevelArea } from './storage-access';
import { tx } from '@/components/i18n';

function stores(): SettingsStores {
  return {
    local: browser.storage.local,
    managed: browser.storage.managed,
    policyCache: browser.storage.local,
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

/** What a content script on `host` should do, from the settings. */
export function pageConfigFor(settings: Settings, host: string): PageConfig {
  return {
    linkify: settings.pages.linkify,
    telLinks: settings.pages.telLinks,
    blocked: isHostBlocked(host, settings.pages.blockedSites),
    defaultCountry: settings.dialing.defaultCountry,
  };
}

const randomId = () => crypto.randomUUID();
const KEEP_ALIVE_ALARM = 'pbx-keep-alive';

/** The browser knows it has no network: a failed request then means "offline", not a certificate problem. */
const online = () => navigator.onLine !== false;

/** Origin patterns among `origins` the browser does not let the extension reach (optional host permissions). */
async function missingHostAccess(origins: string[]): Promise<string[]> {
  const allowed = await Promise.all(origins.map((origin) => browser.permissions.contains({ origins: [origin] })));
  return origins.filter((_, i) => !allowed[i]);
}

function providerContext(): ProviderContext {
  // Bound: a bare `fetch` reference called as a method of another object throws "Illegal invocation".
  return {
    fetch: globalThis.fetch.bind(globalThis),
    now: Date.now,
    timeoutMs: DIAL_TIMEOUT_MS,
    randomId,
    // Logins (Yeastar's token, a paused login) survive the worker being stopped; never in storage.local.
    session: browser.storage.session,
    online,
  };
}

/**
 * Tells every tab's content scripts that the page settings changed, each with its own host's config. Tabs
 * without a content script (browser pages, tabs opened before install) reject the message: that is expected.
 */
async function broadcastPageConfig(settings: Settings): Promise<void> {
  const tabs = await browser.tabs.query({});
  await Promise.all(
    tabs.map(async (tab) => {
      if (tab.id === undefined) return;
      // Without the "tabs" permission a tab's URL is only known where a content script could run anyway; a
      // tab whose URL we cannot see gets the message too and the script asks again with getPageConfig.
      const config = pageConfigFor(settings, hostOf(tab.url));
      await browser.tabs.sendMessage(tab.id, { type: 'pageConfigChanged', config }).catch(() => undefined);
    }),
  );
}

/** Wires the background: dial service, message router, menus, commands, omnibox, badge, settings broadcast. */
export function startBackground(): void {
  // Before anything is stored or read: credentials stay out of reach of page processes (issue 15).
  void restrictStorage(browser.storage.local as unknown as AccessLevelArea, (m) => console.info(m));
  const settingsNow = async () => (await loadSettings(stores())).settings;
  const history = createHistoryStore(browser.storage.local);
  const status = createStatusStore(browser.storage.local);
  const callLogs = CALL_LOGS as unknown as CallLogRegistry;

  const refreshBadge = async () => {
    const settings = await settingsNow();
    await applyBadge(badgeFor({ configured: settings.provider !== null, lastError: await status.lastError() }));
  };

  const confirm = createConfirmer({ randomId });
  const service = createDialService({
    loadSettings: settingsNow,
    providers: PROVIDERS,
    callLogs,
    fetch: globalThis.fetch.bind(globalThis),
    now: Date.now,
    randomId,
    notify: showNotice,
    confirm,
    history,
    status,
    refreshBadge,
    format: formatForPbx,
    text: tx,
    session: browser.storage.session,
    online,
    missingHostAccess,
  });
  const deps: BackgroundDeps = { service, loadSettings: settingsNow, notify: showNotice };

  const router = createRouter(
    {
      async getPageConfig(_message, sender): Promise<PageConfig> {
        return pageConfigFor(await settingsNow(), hostOf(senderPage(sender)));
      },
      async setSiteBlocked(message) {
        const { settings } = await loadSettings(stores());
        const host = message.host.toLowerCase();
        const others = settings.pages.blockedSites.filter((p) => p !== host);
        const blockedSites = message.blocked ? [...others, host] : others;
        // Only the user's own layer is written, and never over a stored document with problems (issue 15).
        return saveUserSettings(stores(), { ...settings, pages: { ...settings.pages, blockedSites } });
      },
      async dial(message, sender) {
        // Page dials record the page's origin only; the popup's own dials have none.
        const fromPage = message.source === 'link' || message.source === 'tel-link';
        const answer = await service.dial({
          number: message.number,
          source: message.source,
          country: message.country,
          origin: fromPage ? originOf(senderPage(sender)) : undefined,
          ...(message.doubt ? { doubt: message.doubt } : {}),
        });
        return fromPage ? contentAnswer(answer) : answer;
      },
      async getPopupState(message) {
        const { settings, locked } = await loadSettings(stores());
        return popupState({ settings, locked, providers: PROVIDERS, history, status }, message.host);
      },
      async testConnection(message) {
        return testConnection(message.settings, {
          providers: PROVIDERS,
          callLogs,
          context: providerContext,
          now: Date.now,
          defaultCountry: stores().defaultCountry,
          status,
          refreshBadge,
          missingHostAccess,
          text: tx,
        });
      },
      async providerAction(message) {
        return runProviderAction(message.settings, message.action, message.input, {
          providers: PROVIDERS,
          context: providerContext,
          defaultCountry: stores().defaultCountry,
          missingHostAccess,
          text: tx,
        });
      },
      async clearHistory() {
        await history.clear();
        return { ok: true };
      },
    },
    { extensionId: browser.runtime.id, extensionOrigin: browser.runtime.getURL('/') },
  );
  browser.runtime.onMessage.addListener((message, sender) => router(message, sender));
  // Start Chrome's slow first read of the managed policy now, before the first page asks for its settings.
  void loadSettings(stores()).catch(() => undefined);

  /**
   * Keeps a provider's kept login alive (Yeastar's heartbeat, every 20 of its 30 minutes), and, right after the
   * settings changed, logs out a login kept for the old credentials (the adapter does that when it loads).
   */
  const keepAlive = async () => {
    const provider = (await settingsNow()).provider;
    if (!provider) return;
    await PROVIDERS[provider.type]
      .create(provider as never, providerContext())
      .keepAlive?.()
      .catch(() => undefined);
  };
  void browser.alarms.create(KEEP_ALIVE_ALARM, { periodInMinutes: 20 });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === KEEP_ALIVE_ALARM) void keepAlive();
  });

  browser.storage.onChanged.addListener((changes, area) => {
    // A managed policy change can change the effective settings too.
    // The policy cache changes when a slow policy read finished with something new (lib/settings/store.ts).
    const local = area === 'local' && (SETTINGS_KEY in changes || POLICY_CACHE_KEY in changes);
    if (!(area === 'managed' || local)) return;
    void settingsNow().then(async (settings) => {
      await broadcastPageConfig(settings);
      await refreshBadge();
      await keepAlive();
    });
  });

  registerNotificationClicks();
  registerMenus(deps);
  registerCommands(deps);
  registerOmnibox(deps, { xml: !import.meta.env.FIREFOX });

  browser.runtime.onInstalled.addListener((details) => {
    void createMenus();
    if (details.reason === 'install') {
      // The options page shows its welcome for ?welcome=1 (openOptionsPage cannot pass a query).
      void browser.tabs.create({ url: browser.runtime.getURL('/options.html?welcome=1') });
    }
  });
  browser.runtime.onStartup.addListener(() => void createMenus());
  void refreshBadge();
}
