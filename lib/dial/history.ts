/**
 * The call history: the last {@link HISTORY_LIMIT} dials in `storage.local` under {@link HISTORY_KEY}, newest
 * first. Local only (never `storage.sync`): it names who the user called. Entries hold the page's origin, never
 * its path, and never a credential (the service builds them from the parsed number and the outcome only).
 */
import { DIAL_SOURCES, type HistoryEntry } from './types';

export const HISTORY_KEY = 'history';
export const HISTORY_LIMIT = 100;

/** The part of `browser.storage.local` the history needs. */
export interface HistoryArea {
  get(keys: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string): Promise<void>;
}

export interface HistoryStore {
  /** Puts an entry first and drops the oldest beyond the limit. */
  add(entry: HistoryEntry): Promise<void>;
  /** Newest first. */
  list(): Promise<HistoryEntry[]>;
  clear(): Promise<void>;
}

const RESULTS = ['queued', 'failed', 'cancelled'];

/** Keeps only well-formed entries, so a hand-edited or older store cannot break the popup. */
export function sanitizeHistory(value: unknown): HistoryEntry[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (e): e is HistoryEntry =>
      typeof e === 'object' &&
      e !== null &&
      typeof e.id === 'string' &&
      typeof e.number === 'string' &&
      typeof e.display === 'string' &&
      typeof e.time === 'number' &&
      (DIAL_SOURCES as readonly string[]).includes(e.source) &&
      RESULTS.includes(e.result),
  );
}

/**
 * A history store over a storage area. Writes are serialised: two dials finishing together would otherwise
 * both read the old list and one entry would be lost.
 */
export function createHistoryStore(area: HistoryArea, limit = HISTORY_LIMIT): HistoryStore {
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };
  const list = async () => sanitizeHistory((await area.get(HISTORY_KEY))[HISTORY_KEY]);
  return {
    list,
    add: (entry) =>
      serial(async () => {
        const next = [entry, ...(await list()).filter((e) => e.id !== entry.id)].slice(0, limit);
        await area.set({ [HISTORY_KEY]: next });
      }),
    clear: () => serial(() => area.remove(HISTORY_KEY)),
  };
}

/** The page's origin (scheme, host, port) of a web page URL; undefined for anything else. Never the path. */
export function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.origin : undefined;
  } catch {
    return undefined;
  }
}
