import { describe, expect, it } from 'vitest';
import { POLICY_CACHE_KEY, loadSettings, regionOfLocale, saveUserSettings, type StorageAreaLike } from './store';
import { defaultSettings } from './schema';

function memoryArea(
  initial: Record<string, unknown> = {},
): StorageAreaLike & { data: Record<string, unknown>; writes: number } {
  const area = {
    data: structuredClone(initial),
    writes: 0,
    async get(keys: string | string[] | null) {
      if (keys === null) return structuredClone(area.data);
      const list = Array.isArray(keys) ? keys : [keys];
      return Object.fromEntries(list.filter((k) => k in area.data).map((k) => [k, structuredClone(area.data[k])]));
    },
    async set(items: Record<string, unknown>) {
      area.writes++;
      Object.assign(area.data, structuredClone(items));
    },
  };
  return area;
}

const good = {
  version: 1,
  provider: { type: 'maxotel', baseUrl: 'https://myapi.maxo.com.au/', apiKey: 'k', extension: '101' },
};

describe('settings store', () => {
  it('a fresh install reads defaults with the browser region as default country', async () => {
    const result = await loadSettings({ local: memoryArea(), defaultCountry: 'AU' });
    expect(result.settings).toEqual(defaultSettings('AU'));
  });

  it('saves a valid document, normalised, under "settings"', async () => {
    const local = memoryArea();
    const result = await saveUserSettings({ local }, good);
    expect(result.ok).toBe(true);
    expect(local.data.settings).toEqual({ ...defaultSettings(), ...good });
  });

  it('an invalid document leaves the stored one untouched', async () => {
    const local = memoryArea({ settings: good });
    const result = await saveUserSettings({ local }, { ...good, dialing: { numberFormat: 'nope' } });
    expect(result.ok).toBe(false);
    expect(local.writes).toBe(0);
    expect(local.data.settings).toEqual(good);
  });

  it('applies the managed policy on read and reports locked fields', async () => {
    const local = memoryArea({ settings: good });
    const managed = memoryArea({ dialing: { confirm: true } });
    const result = await loadSettings({ local, managed });
    expect(result.settings.dialing.confirm).toBe(true);
    expect(result.locked).toEqual(['dialing.confirm']);
  });

  it('a browser without managed storage reads as no policy', async () => {
    const managed: StorageAreaLike = {
      get: () => Promise.reject(new Error('Managed storage manifest not found')),
      set: () => Promise.reject(new Error('read only')),
    };
    const result = await loadSettings({ local: memoryArea({ settings: good }), managed });
    expect(result.locked).toEqual([]);
    expect(result.settings.provider).toEqual(good.provider);
  });

  it('a slow policy read does not hold pages up: the cached policy is used, and the cache follows the read', async () => {
    const local = memoryArea({ settings: good, [POLICY_CACHE_KEY]: { dialing: { confirm: true } } });
    let answer: (policy: Record<string, unknown>) => void = () => {};
    const managed: StorageAreaLike = {
      get: () => new Promise((resolve) => (answer = resolve)),
      set: () => Promise.reject(new Error('read only')),
    };
    const result = await loadSettings({ local, managed, policyCache: local, policyWaitMs: 5 });
    expect(result.settings.dialing.confirm).toBe(true);
    expect(result.locked).toEqual(['dialing.confirm']);

    answer({ dialing: { autoAnswer: false } });
    await new Promise((r) => setTimeout(r, 10));
    expect(local.data[POLICY_CACHE_KEY]).toEqual({ dialing: { autoAnswer: false } });
    const next = await loadSettings({
      local,
      managed: memoryArea({ dialing: { autoAnswer: false } }),
      policyCache: local,
    });
    expect(next.locked).toEqual(['dialing.autoAnswer']);
  });

  it('with nothing cached yet, a slow policy read is waited for a while (a policy may block sites)', async () => {
    const local = memoryArea({ settings: good });
    const managed: StorageAreaLike = {
      get: () => new Promise((resolve) => setTimeout(() => resolve({ pages: { linkify: false } }), 30)),
      set: () => Promise.reject(new Error('read only')),
    };
    const result = await loadSettings({ local, managed, policyCache: local, policyWaitMs: 5, firstPolicyWaitMs: 500 });
    expect(result.settings.pages.linkify).toBe(false);
    expect(local.data[POLICY_CACHE_KEY]).toEqual({ pages: { linkify: false } });
  });

  it('with nothing cached, a very slow read is not waited for: unmanaged until it lands in the cache', async () => {
    const local = memoryArea({ settings: good });
    const managed: StorageAreaLike = {
      get: () => new Promise((resolve) => setTimeout(() => resolve({ pages: { linkify: false } }), 80)),
      set: () => Promise.reject(new Error('read only')),
    };
    const result = await loadSettings({ local, managed, policyCache: local, policyWaitMs: 5, firstPolicyWaitMs: 20 });
    expect(result.settings.pages.linkify).toBe(true);
    expect(result.locked).toEqual([]);
    await new Promise((r) => setTimeout(r, 120));
    expect(local.data[POLICY_CACHE_KEY]).toEqual({ pages: { linkify: false } });
  });

  it('reads the region of a locale', () => {
    expect(regionOfLocale('en-GB')).toBe('GB');
    expect(regionOfLocale('de_AT')).toBe('AT');
    expect(regionOfLocale('zh-Hant-TW')).toBe('TW');
    expect(regionOfLocale('fr')).toBeUndefined();
    expect(regionOfLocale(undefined)).toBeUndefined();
  });
});

describe('saving the user’s own settings under a managed policy (issue 15)', () => {
  const adminProvider = {
    type: 'maxotel',
    baseUrl: 'https://myapi.voipportal.com.au/',
    apiKey: 'admin-secret-key',
    extension: '7',
  };

  it('Save writes what the user set, never the policy’s values; the admin’s key does not outlive the policy', async () => {
    const local = memoryArea({ settings: good });
    const managed = memoryArea({ provider: adminProvider, dialing: { confirm: true } });
    const stores = { local, managed };
    const { settings } = await loadSettings(stores);
    expect(settings.provider).toEqual(adminProvider);
    const result = await saveUserSettings(stores, {
      ...settings,
      dialing: { ...settings.dialing, outboundPrefix: '9' },
    });
    expect(result.ok).toBe(true);
    expect(JSON.stringify(local.data.settings)).not.toContain('admin-secret-key');
    expect(local.data.settings).toMatchObject({
      provider: good.provider,
      dialing: { confirm: false, outboundPrefix: '9' },
    });
    // The policy is removed: the user's own settings are back, with no trace of the admin's.
    const after = await loadSettings({ local, managed: memoryArea({}) });
    expect(after.settings.provider).toEqual({ ...good.provider });
    expect(after.settings.dialing).toMatchObject({ confirm: false, outboundPrefix: '9' });
  });

  it('a policy that supplies the key and leaves the extension to the user: the extension is kept, the key is not', async () => {
    const local = memoryArea();
    const managed = memoryArea({
      provider: { type: 'maxotel', baseUrl: adminProvider.baseUrl, apiKey: 'admin-secret-key' },
    });
    const stores = { local, managed };
    const before = await loadSettings(stores);
    expect(before.incomplete.map((p) => p.path)).toEqual(['provider.extension']);
    const result = await saveUserSettings(stores, {
      ...before.formSettings,
      provider: { ...before.formSettings.provider, extension: '204' },
    });
    expect(result.ok).toBe(true);
    expect(JSON.stringify(local.data.settings)).not.toContain('admin-secret-key');
    const managedNow = await loadSettings(stores);
    expect(managedNow.settings.provider).toEqual({ ...adminProvider, extension: '204' });
    expect(managedNow.storedProblems).toEqual([]);
    // Without the policy the user keeps their extension and is asked for a key of their own.
    const unmanaged = await loadSettings({ local });
    expect(unmanaged.settings.provider).toBeNull();
    expect(unmanaged.formSettings.provider).toMatchObject({ apiKey: '', extension: '204' });
    expect(unmanaged.incomplete.map((p) => p.path)).toEqual(['provider.apiKey']);
  });

  it.each([
    ['corrupt', { version: 1, dialing: { confirm: 'yes' }, provider: good.provider }],
    ['from a newer version', { version: 2, provider: good.provider, dialing: { newThing: 1 } }],
  ])('never writes over a stored document with problems (%s): the credentials stay', async (_what, stored) => {
    const local = memoryArea({ settings: stored });
    const { settings } = await loadSettings({ local });
    const result = await saveUserSettings(
      { local },
      { ...settings, pages: { ...settings.pages, blockedSites: ['x.example'] } },
    );
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.problems[0]!.message).toMatch(/nothing was written over them/);
    expect(local.writes).toBe(0);
    expect(local.data.settings).toEqual(stored);
  });
});
