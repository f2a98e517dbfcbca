import { effectiveSettings, type EffectiveSettings } from './managed';
import { SETTINGS_KEY } from './schema';
import { parseSettings, type ParseResult } from './validate';

/** The part of `browser.storage.StorageArea` this module needs, so tests can pass a plain object. */
export interface StorageAreaLike {
  get(keys: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

export interface SettingsStores {
  local: StorageAreaLike;
  /** `storage.managed`; absent or throwing where the browser has no policy support. */
  managed?: StorageAreaLike;
  defaultCountry?: string;
}

async function readPolicy(managed: StorageAreaLike | undefined): Promise<unknown> {
  if (!managed) return undefined;
  try {
    // Chrome returns the whole policy object; keys follow the settings document.
    return await managed.get(null);
  } catch {
    // Firefox without a managed-storage manifest, or no policy: nothing is managed.
    return undefined;
  }
}

/** Reads the settings the extension runs with: the stored document, defaults, and the admin's policy. */
export async function loadSettings(stores: SettingsStores): Promise<EffectiveSettings> {
  const stored = (await stores.local.get(SETTINGS_KEY))[SETTINGS_KEY];
  return effectiveSettings(stored, await readPolicy(stores.managed), stores.defaultCountry);
}

/**
 * Validates and stores a settings document. Only a valid document is written; an invalid one
 * returns its problems and leaves what was stored untouched.
 */
export async function saveSettings(stores: SettingsStores, document: unknown): Promise<ParseResult> {
  const parsed = parseSettings(document, { defaultCountry: stores.defaultCountry });
  if (parsed.ok) await stores.local.set({ [SETTINGS_KEY]: parsed.settings });
  return parsed;
}

/** The region of a BCP 47 locale ("en-GB" → "GB"), or undefined when it names none. */
export function regionOfLocale(locale: string | undefined): string | undefined {
  const match = /^[a-z]{2,3}[-_](?:[A-Za-z]{4}[-_])?([A-Za-z]{2})\b/i.exec(locale ?? '');
  return match?.[1]?.toUpperCase();
}
