import { describe, expect, it } from 'vitest';
import { accountLogins, fallbackSession, lifetimeMs, tokenCache, tokenUsable } from './token-cache';
import { md5Hex } from './md5';
import { memorySessionArea, type ProviderContext } from './types';

describe('token cache', () => {
  it('keeps one value per key in the session area, and forgets it', async () => {
    const area = memorySessionArea();
    const a = tokenCache<{ token: string }>(area, 'a');
    const b = tokenCache<{ token: string }>(area, 'b');
    expect(await a.load()).toBeUndefined();
    await a.save({ token: 't1' });
    await b.save({ token: 't2' });
    expect(await a.load()).toEqual({ token: 't1' });
    expect(area.data.get('b')).toEqual({ token: 't2' });
    await a.forget();
    expect(await a.load()).toBeUndefined();
    expect(await b.load()).toEqual({ token: 't2' });
  });

  it('uses a token only until its expiry minus the margin', () => {
    expect(tokenUsable(undefined, 0, 0)).toBe(false);
    expect(tokenUsable(10_000, 8_999, 1_000)).toBe(true);
    expect(tokenUsable(10_000, 9_000, 1_000)).toBe(false);
  });

  it('reads a lifetime in seconds as ms, with a fallback for a missing or nonsensical one', () => {
    expect(lifetimeMs(1800, 60)).toBe(1_800_000);
    expect(lifetimeMs(undefined, 60)).toBe(60_000);
    expect(lifetimeMs(0, 60)).toBe(60_000);
    expect(lifetimeMs('1800', 60)).toBe(60_000);
  });
});

describe('account logins', () => {
  const logins = (area: ReturnType<typeof memorySessionArea>, credentials: string[], left: string[] = []) =>
    accountLogins<{ token: string }>({
      area,
      key: 'pbx:session',
      root: 'https://pbx.example',
      credentials,
      leave: async (stored) => {
        left.push(stored.token ?? '(none)');
        throw new Error('the old PBX is gone');
      },
    });

  it('keeps a login under a fingerprint of the root and the credentials, never the credentials', async () => {
    const area = memorySessionArea();
    const mine = logins(area, ['api', 's3cret-pass']);
    expect(await mine.load()).toEqual({
      account: md5Hex('https://pbx.example\napi\ns3cret-pass'),
      root: 'https://pbx.example',
    });
    await mine.keep({ token: 'tok-1' });
    expect(await mine.load()).toMatchObject({ token: 'tok-1' });
    expect(JSON.stringify(area.data.get('pbx:session'))).not.toContain('s3cret-pass');
    await mine.clear();
    expect(await mine.load()).not.toHaveProperty('token');
  });

  it('hands a login of other credentials to leave (its failure ignored) and starts empty', async () => {
    const area = memorySessionArea();
    await logins(area, ['api', 'old-pass']).keep({ token: 'tok-old' });
    const left: string[] = [];
    const fresh = await logins(area, ['api', 'new-pass'], left).load();
    expect(left).toEqual(['tok-old']);
    expect(fresh).not.toHaveProperty('token');
    // The same credentials again: nothing to leave.
    await logins(area, ['api', 'new-pass'], left).load();
    expect(left).toEqual(['tok-old']);
  });

  it('falls back to one module-wide memory area when the context has no session, and forgets it', async () => {
    const sessions = fallbackSession();
    const context = { session: undefined } as unknown as ProviderContext;
    await sessions.area(context).set({ k: 1 });
    expect(await sessions.area(context).get('k')).toEqual({ k: 1 });
    const own = memorySessionArea();
    expect(sessions.area({ session: own } as unknown as ProviderContext)).toBe(own);
    sessions.forget();
    expect(await sessions.area(context).get('k')).toEqual({});
  });
});
