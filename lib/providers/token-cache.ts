/**
 * The one way adapters keep a login token between dials (issue 16): a value under a key of its own in a
 * {@link SessionArea} (the browser's `storage.session`, or memory where a token must never leave it), and one rule
 * for when a kept token may still be used.
 */
import type { SessionArea } from './types';

/** One kept login in a session area: what the adapter saved under `key`, or nothing. */
export interface TokenCache<T> {
  load(): Promise<T | undefined>;
  save(value: T): Promise<void>;
  forget(): Promise<void>;
}

/** A {@link TokenCache} for `key` in `area`. */
export function tokenCache<T>(area: SessionArea, key: string): TokenCache<T> {
  return {
    async load() {
      return (await area.get(key))[key] as T | undefined;
    },
    async save(value) {
      await area.set({ [key]: value });
    },
    async forget() {
      await area.remove(key);
    },
  };
}

/**
 * True while a token that stops working at `expiresAt` may still be sent: renewing `marginMs` early keeps it from
 * lapsing between our check and the server's.
 */
export function tokenUsable(expiresAt: number | undefined, now: number, marginMs: number): boolean {
  return expiresAt !== undefined && expiresAt - marginMs > now;
}
