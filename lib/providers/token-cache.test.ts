import { describe, expect, it } from 'vitest';
import { tokenCache, tokenUsable } from './token-cache';
import { memorySessionArea } from './types';

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
});
