/**
 * What the toolbar badge and the popup say about the extension's health: not configured, or the last dial or
 * connection test failed (kept in `storage.local` under {@link STATUS_KEY} so it survives the service worker
 * stopping), or nothing when all is well.
 */
import { msg, type UiText } from '../ui/text';
import type { HistoryArea } from './history';

export const STATUS_KEY = 'dialStatus';

export interface LastError {
  time: number;
  message: string;
}

export interface StatusStore {
  lastError(): Promise<LastError | undefined>;
  /** A dial or connection test failed: remember why until one succeeds. */
  failed(error: LastError): Promise<void>;
  /** A dial or connection test succeeded: forget the last failure. */
  succeeded(): Promise<void>;
}

/** A status store over a storage area. */
export function createStatusStore(area: HistoryArea): StatusStore {
  return {
    async lastError() {
      const value = (await area.get(STATUS_KEY))[STATUS_KEY] as { lastError?: unknown } | undefined;
      const e = value?.lastError as Partial<LastError> | undefined;
      return e && typeof e.time === 'number' && typeof e.message === 'string'
        ? { time: e.time, message: e.message }
        : undefined;
    },
    failed: (error) => area.set({ [STATUS_KEY]: { lastError: error } }),
    succeeded: () => area.remove(STATUS_KEY),
  };
}

export interface BadgeState {
  /** "" when all is well. */
  text: string;
  color: string;
  /** The toolbar button's tooltip, to translate (the last error inside it is already in the user's language). */
  title: UiText;
}

/**
 * The badge for a state: "?" (amber) when no PBX is configured, "!" (red) when the last dial or connection
 * test failed, nothing otherwise. The title says why, so the mark is never a riddle.
 */
export function badgeFor(state: { configured: boolean; lastError?: LastError }): BadgeState {
  if (!state.configured) {
    return {
      text: '?',
      color: '#B45309',
      title: msg('badge_not_set_up'),
    };
  }
  if (state.lastError) {
    return { text: '!', color: '#B91C1C', title: msg('badge_failed', state.lastError.message) };
  }
  return { text: '', color: '#15803D', title: msg('actionTitle') };
}
