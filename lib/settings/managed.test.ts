import { describe, expect, it } from 'vitest';
import { effectiveSettings, isLocked, overlayPolicy, policyPaths } from './managed';
import { defaultSettings } from './schema';

const userMaxotel = {
  version: 1,
  provider: { type: 'maxotel', baseUrl: 'https://myapi.maxo.com.au/', apiKey: 'user-key', extension: '101' },
  dialing: { confirm: true },
};

describe('managed policy', () => {
  it('without a policy, the stored document is used and nothing is locked', () => {
    const result = effectiveSettings(userMaxotel, undefined);
    expect(result.locked).toEqual([]);
    expect(result.settings.provider).toEqual(userMaxotel.provider);
    expect(result.settings.dialing.confirm).toBe(true);
  });

  it("overrides the user's values key by key and reports those fields as locked", () => {
    const policy = {
      provider: { type: 'maxotel', baseUrl: 'https://myapi.voipportal.com.au/' },
      dialing: { numberFormat: 'dialable', confirm: false },
      pages: { blockedSites: ['*.bank.example'] },
    };
    const result = effectiveSettings(userMaxotel, policy);
    expect(result.settings.provider).toEqual({ ...userMaxotel.provider, baseUrl: 'https://myapi.voipportal.com.au/' });
    expect(result.settings.dialing).toMatchObject({ numberFormat: 'dialable', confirm: false });
    expect(result.settings.pages.blockedSites).toEqual(['*.bank.example']);
    expect(result.locked.sort()).toEqual(
      ['dialing.confirm', 'dialing.numberFormat', 'pages.blockedSites', 'provider.baseUrl', 'provider.type'].sort(),
    );
  });

  it("a policy provider of another type replaces the user's provider whole", () => {
    const policy = {
      provider: { type: 'kazoo', baseUrl: 'http://pbx.example:8000', accountId: 'a', clickToCallId: 'c' },
    };
    const result = effectiveSettings(userMaxotel, policy);
    expect(result.settings.provider).toEqual({ ...policy.provider, apiKey: '' });
    expect(result.policyProblems).toEqual([]);
  });

  it('a policy that sets a whole section locks the section', () => {
    const result = effectiveSettings(undefined, { callLog: null });
    expect(result.locked).toEqual(['callLog']);
    expect(isLocked(result.locked, 'callLog.apiKey')).toBe(true);
  });

  it('a policy that starts a provider leaves its other fields to the user, locked where it set them', () => {
    const policy = { provider: { type: 'yeastar-s', baseUrl: 'https://pbx.corp.example:8088', username: 'api' } };
    const fresh = effectiveSettings(undefined, policy);
    expect(fresh.policyProblems).toEqual([]);
    expect(fresh.locked).toEqual(['provider.type', 'provider.baseUrl', 'provider.username']);
    // Not dialable until the user adds the rest…
    expect(fresh.settings.provider).toBeNull();
    expect(fresh.incomplete.map((p) => p.path)).toEqual(['provider.password', 'provider.extension']);
    // …but the options page starts from the admin's values.
    expect(fresh.formSettings.provider).toEqual({
      type: 'yeastar-s',
      baseUrl: 'https://pbx.corp.example:8088',
      username: 'api',
      password: '',
      extension: '',
      dialPermission: '',
    });

    const completed = effectiveSettings(
      { version: 1, provider: { ...fresh.formSettings.provider, password: 'pw', extension: '1023' } },
      policy,
    );
    expect(completed.settings.provider).toMatchObject({ baseUrl: 'https://pbx.corp.example:8088', extension: '1023' });
    expect(completed.incomplete).toEqual([]);
  });

  it('a policy that itself leaves a field it sets blank: that field is ignored and shown, the rest applies', () => {
    const result = effectiveSettings(undefined, { provider: { type: 'maxotel', apiKey: '' } });
    expect(result.locked).toEqual(['provider.type']);
    expect(result.policyProblems.map((p) => p.path)).toEqual(['provider.apiKey']);
    expect(result.formSettings.provider).toMatchObject({ type: 'maxotel', apiKey: '' });
  });

  it('one invalid policy key is ignored alone and shown; the locked provider, confirm and blockedSites stay (issue 15)', () => {
    const policy = {
      provider: { type: 'maxotel', baseUrl: 'https://myapi.voipportal.com.au/', apiKey: 'admin-key', extension: '7' },
      dialing: { confirm: true, numberFormat: 'weird' },
      pages: { blockedSites: ['*.bank.example'], colour: 'blue' },
    };
    const result = effectiveSettings(userMaxotel, policy);
    expect(result.settings.provider).toEqual(policy.provider);
    expect(result.settings.dialing).toMatchObject({ confirm: true, numberFormat: 'e164' });
    expect(result.settings.pages.blockedSites).toEqual(['*.bank.example']);
    expect(result.locked).toContain('dialing.confirm');
    expect(result.locked).not.toContain('dialing.numberFormat');
    expect(result.policyProblems).toEqual([
      { path: 'dialing.numberFormat', message: expect.stringMatching(/^\(managed policy, ignored\) must be one of/) },
      { path: 'pages.colour', message: expect.stringMatching(/^\(managed policy, ignored\) unknown key "colour"/) },
    ]);
  });

  it('an invalid value in a list drops that policy list, not the policy', () => {
    const result = effectiveSettings(
      { version: 1 },
      { dialing: { confirm: true }, pages: { blockedSites: ['ok.example', 'not a host pattern!'] } },
    );
    expect(result.settings.dialing.confirm).toBe(true);
    expect(result.locked).toEqual(['dialing.confirm']);
    expect(result.settings.pages.blockedSites).toEqual([]);
    expect(result.policyProblems.map((p) => p.path)).toEqual(['pages.blockedSites[1]']);
  });

  it('a broken stored document falls back to defaults and is reported, not thrown', () => {
    const result = effectiveSettings({ version: 1, dialing: { confirm: 'yes' } }, undefined);
    expect(result.settings).toEqual(defaultSettings());
    expect(result.storedProblems).toEqual([{ path: 'dialing.confirm', message: expect.any(String) }]);
  });

  it('policyPaths and overlayPolicy', () => {
    expect(policyPaths({ a: { b: 1, c: { d: [1] } }, e: {} })).toEqual(['a.b', 'a.c.d', 'e']);
    expect(overlayPolicy({ a: { x: 1, y: 2 } }, { a: { y: 3 } })).toEqual({ a: { x: 1, y: 3 } });
    expect(isLocked(['dialing.confirm'], 'dialing')).toBe(true);
    expect(isLocked(['dialing.confirm'], 'dialing.autoAnswer')).toBe(false);
  });
});
