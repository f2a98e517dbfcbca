import { effectiveSettings, isLocked, type EffectiveSettings } from './managed';
import { CALL_LOG_FIELDS, PROVIDER_FIELDS, SETTINGS_KEY, secretFields, type Settings } from './schema';
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
  /**
   * Keeps the last policy read (`storage.local`, beside the settings it may hold credentials for), because
   * Chrome's first `storage.managed.get` after the browser starts can take seconds (measured: 3 s) and every
   * page waits for its settings. Only a fresh install, with nothing cached yet, waits for the read.
   */
  policyCache?: StorageAreaLike;
  /** How long to wait for the managed policy before using the cached one (ms). */
  policyWaitMs?: number;
  /**
   * With nothing cached yet (a fresh install), how long to wait before going on without a policy (ms); the
   * read goes on, and when it lands in the cache the background applies it everywhere.
   */
  firstPolicyWaitMs?: number;
  defaultCountry?: string;
}

/** Key of the cached policy in `policyCache`; a change there means the policy read finished late. */
export const POLICY_CACHE_KEY = 'managedPolicy';
const POLICY_WAIT_MS = 150;
const FIRST_POLICY_WAIT_MS = 2000;

/** The read under way, shared by every caller while it lasts (one per service-worker life at most). */
let policyRead: { managed: StorageAreaLike; promise: Promise<unknown> } | undefined;

function readManaged(managed: StorageAreaLike): Promise<unknown> {
  if (policyRead?.managed !== managed) {
    const promise = managed.get(null).then(
      // Chrome returns the whole policy object; keys follow the settings document.
      (policy) => policy,
      // Firefox without a managed-storage manifest, or no policy: nothing is managed.
      () => undefined,
    );
    policyRead = { managed, promise };
    // Later callers read again, so a changed policy is seen; the cache covers slow reads meanwhile.
    void promise.finally(() => {
      if (policyRead?.promise === promise) policyRead = undefined;
    });
  }
  return policyRead.promise;
}

async function readPolicy(stores: SettingsStores): Promise<unknown> {
  const { managed, policyCache } = stores;
  if (!managed) return undefined;
  const fresh = readManaged(managed).then(async (policy) => {
    if (policyCache) {
      const cached = (await policyCache.get(POLICY_CACHE_KEY))[POLICY_CACHE_KEY];
      if (JSON.stringify(cached ?? null) !== JSON.stringify(policy ?? null)) {
        await policyCache.set({ [POLICY_CACHE_KEY]: policy ?? null });
      }
    }
    return policy;
  });
  if (!policyCache) return fresh;
  const late = Symbol('late');
  const within = (ms: number) => Promise.race([fresh, new Promise((resolve) => setTimeout(() => resolve(late), ms))]);
  const first = await within(stores.policyWaitMs ?? POLICY_WAIT_MS);
  if (first !== late) return first;
  // Slow: use the policy read last time; when the read finishes, the cache changes (if the policy did) and the
  // background tells open pages again.
  const cached = (await policyCache.get(POLICY_CACHE_KEY))[POLICY_CACHE_KEY];
  if (cached !== undefined) return cached ?? undefined;
  // Nothing cached (a fresh install): wait a little longer, then go on as unmanaged until the read lands.
  const second = await within(stores.firstPolicyWaitMs ?? FIRST_POLICY_WAIT_MS);
  return second === late ? undefined : second;
}

/** Reads the settings the extension runs with: the stored document, defaults, and the admin's policy. */
export async function loadSettings(stores: SettingsStores): Promise<EffectiveSettings> {
  const [stored, policy] = await Promise.all([
    stores.local.get(SETTINGS_KEY).then((items) => items[SETTINGS_KEY]),
    readPolicy(stores),
  ]);
  return effectiveSettings(stored, policy, stores.defaultCountry);
}

type Obj = Record<string, unknown>;

function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The user's own layer of a settings document the extension runs with: every value the policy locks goes back
 * to what the user had stored (a `dialing` or `pages` value the user never set takes its default). In a provider
 * or call log the policy started, a credential the policy supplies is left blank and the fields the section
 * needs to exist (its type and address) stay, so the user's own key or extension is kept with them.
 */
export function userLayer(document: Settings, user: Settings, locked: readonly string[]): Obj {
  const out = structuredClone(document) as unknown as Obj;
  const mine = user as unknown as Obj;
  for (const section of ['dialing', 'pages'] as const) {
    for (const key of Object.keys(out[section] as Obj)) {
      if (isLocked(locked, `${section}.${key}`))
        (out[section] as Obj)[key] = structuredClone((mine[section] as Obj)[key]);
    }
  }
  for (const [section, table] of [
    ['provider', PROVIDER_FIELDS],
    ['callLog', CALL_LOG_FIELDS],
  ] as const) {
    const doc = out[section];
    if (!isObject(doc)) {
      if (isLocked(locked, section)) out[section] = structuredClone(mine[section] ?? null);
      continue;
    }
    // The whole section is the policy's: the user's own one (or none) is what they have.
    if (locked.includes(section) || Object.keys(doc).every((k) => isLocked(locked, `${section}.${k}`))) {
      out[section] = structuredClone(mine[section] ?? null);
      continue;
    }
    const own = isObject(mine[section]) && (mine[section] as Obj).type === doc.type ? (mine[section] as Obj) : null;
    const fields = (table as Record<string, Record<string, unknown>>)[doc.type as string] ?? {};
    const secrets = secretFields(fields as never);
    for (const key of Object.keys(doc)) {
      if (key === 'type' || !isLocked(locked, `${section}.${key}`)) continue;
      if (own && key in own) doc[key] = structuredClone(own[key]);
      else if (secrets.includes(key)) doc[key] = '';
    }
  }
  return out;
}

/**
 * Saves what a person edited (the options page's Save, the popup's site switch): validates the whole document,
 * then writes only the user's own layer ({@link userLayer}), so a managed policy's values, its credentials above
 * all, never land in `storage.local` and do not outlive the policy (issue 15). A stored document with problems
 * (corrupt, or from a newer version) is never written over: its problems come back and nothing is written.
 */
export async function saveUserSettings(stores: SettingsStores, document: unknown): Promise<ParseResult> {
  const [stored, policy] = await Promise.all([
    stores.local.get(SETTINGS_KEY).then((items) => items[SETTINGS_KEY]),
    readPolicy(stores),
  ]);
  const effective = effectiveSettings(stored, policy, stores.defaultCountry);
  if (effective.storedProblems.length) {
    return {
      ok: false,
      problems: [
        {
          path: '',
          message:
            'The stored settings have problems (see above), so nothing was written over them: fix them by ' +
            'importing a good settings file, or ask your administrator.',
        },
        ...effective.storedProblems,
      ],
    };
  }
  const parsed = parseSettings(document, { defaultCountry: stores.defaultCountry });
  if (!parsed.ok) return parsed;
  if (!effective.locked.length) {
    await stores.local.set({ [SETTINGS_KEY]: parsed.settings });
    return parsed;
  }
  const user = effectiveSettings(stored, undefined, stores.defaultCountry);
  const layer = parseSettings(userLayer(parsed.settings, user.formSettings, effective.locked), {
    defaultCountry: stores.defaultCountry,
  });
  if (layer.ok) await stores.local.set({ [SETTINGS_KEY]: layer.settings });
  else if (layer.incomplete && layer.problems.every((p) => isLocked(effective.locked, p.path))) {
    await stores.local.set({ [SETTINGS_KEY]: layer.incomplete });
  } else return layer;
  return parsed;
}

/** The region of a BCP 47 locale ("en-GB" → "GB"), or undefined when it names none. */
export function regionOfLocale(locale: string | undefined): string | undefined {
  const match = /^[a-z]{2,3}[-_](?:[A-Za-z]{4}[-_])?([A-Za-z]{2})\b/i.exec(locale ?? '');
  return match?.[1]?.toUpperCase();
}
