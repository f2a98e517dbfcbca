import type { PopupState } from './types';
import { isLocked } from '../settings/managed';
import type { Settings } from '../settings/schema';
import { isHostBlocked } from '../settings/sites';
import type { HistoryStore } from './history';
import { ownExtension, type ProviderRegistry } from './service';
import type { StatusStore } from './status';

export interface PopupStateDeps {
  settings: Settings;
  /** Dotted paths the managed policy sets. */
  locked: readonly string[];
  providers: ProviderRegistry;
  history: HistoryStore;
  status: StatusStore;
}

/** What the popup shows: configured or not, the provider, the last 10 dials, the last error, the site's state. */
export async function popupState(deps: PopupStateDeps, host: string | undefined): Promise<PopupState> {
  const { settings } = deps;
  const provider = settings.provider;
  const [history, lastError] = await Promise.all([deps.history.list(), deps.status.lastError()]);
  const state: PopupState = {
    configured: provider !== null,
    defaultCountry: settings.dialing.defaultCountry,
    history: history.slice(0, 10),
  };
  if (provider) {
    state.providerLabel = deps.providers[provider.type].label;
    const extension = ownExtension(provider);
    if (extension) state.extension = extension;
  }
  if (lastError) state.lastError = lastError;
  const site = host?.trim().toLowerCase();
  if (site && /^[a-z0-9.-]+$/.test(site)) {
    state.site = {
      host: site,
      blocked: isHostBlocked(site, settings.pages.blockedSites),
      locked: isLocked(deps.locked, 'pages.blockedSites'),
    };
  }
  return state;
}
