/**
 * The one way adapters keep a login token between dials (issue 16): a value under a key of its own in a
 * {@link SessionArea} (the browser's `storage.session`, or memory where a token must never leave it), bound to the
 * settings it was made with, and one rule for when a kept token may still be used.
 */
import { md5Hex } from './md5';
import { memorySessionArea, type ProviderContext, type SessionArea } from './types';

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

/**
 * Where a provider keeps its logins when the context brings no session area (Node tests, `npm run sim`): one
 * area for the whole module, like the browser's `storage.session`. `forget` empties it (tests).
 */
export function fallbackSession(): { area(context: ProviderContext): SessionArea; forget(): void } {
  const memory = memorySessionArea();
  return {
    area: (context) => context.session ?? memory,
    forget: () => memory.data.clear(),
  };
}

/** What every kept login says about itself: the settings it belongs to and the API root it was made at. */
export interface AccountLogin {
  /** A fingerprint (MD5) of the API root and the credentials, so a secret is never stored. */
  account: string;
  /** The API root the token belongs to (to log out of after the settings changed). */
  root: string;
}

/** The login of one provider kept for one set of settings; `T` is what the provider keeps beside the account. */
export interface AccountLogins<T extends object> {
  /**
   * The login kept for these settings. One kept for other settings (the user changed the address or the
   * credentials) is handed to `leave` first, best effort, then replaced by an empty login for these.
   */
  load(): Promise<AccountLogin & Partial<T>>;
  /** Keeps `login` (a token, its expiry, a pause) as the login for these settings. */
  keep(login: Partial<T>): Promise<void>;
  /** Keeps nothing but which settings the (now empty) login is for: the token is dropped. */
  clear(): Promise<void>;
}

/**
 * The kept login under `key` in `area` for the settings at `root` with `credentials` (each part of the
 * fingerprint; what was given there, e.g. a password's MD5, is what decides that the settings changed).
 */
export function accountLogins<T extends object>(options: {
  area: SessionArea;
  key: string;
  root: string;
  credentials: readonly string[];
  /** Gives back a token kept for other settings (a logout); its failure is ignored. */
  leave?: (stored: AccountLogin & Partial<T>) => Promise<unknown>;
}): AccountLogins<T> {
  const { root, leave } = options;
  const cache = tokenCache<AccountLogin & Partial<T>>(options.area, options.key);
  const account = md5Hex([root, ...options.credentials].join('\n'));
  const empty = (): AccountLogin & Partial<T> => ({ account, root }) as AccountLogin & Partial<T>;
  return {
    async load() {
      const stored = await cache.load();
      if (stored?.account === account) return stored;
      if (stored && leave) await leave(stored).catch(() => undefined);
      const fresh = empty();
      await cache.save(fresh);
      return fresh;
    },
    keep: (login) => cache.save({ account, root, ...login }),
    clear: () => cache.save(empty()),
  };
}

/** A lifetime the server gave in seconds, in ms; `fallbackS` where it gave none (or nonsense). */
export function lifetimeMs(seconds: unknown, fallbackS: number): number {
  return (typeof seconds === 'number' && seconds > 0 ? seconds : fallbackS) * 1000;
}
