/** Issue 15, item 4: credentials in storage.local are kept from content scripts where the browser allows it. */
import { describe, expect, it, vi } from 'vitest';
import { restrictStorage } from '@/entrypoints/background/storage-access';

describe('restrictStorage', () => {
  it('sets storage.local to trusted contexts only', async () => {
    const setAccessLevel = vi.fn(async () => undefined);
    const log = vi.fn();
    expect(await restrictStorage({ setAccessLevel }, log)).toBe(true);
    expect(setAccessLevel).toHaveBeenCalledWith({ accessLevel: 'TRUSTED_CONTEXTS' });
    expect(log).not.toHaveBeenCalled();
  });

  it('a browser that refuses (Firefox: session only) or lacks it is logged, not thrown', async () => {
    const log = vi.fn();
    const refused = await restrictStorage(
      { setAccessLevel: () => Promise.reject(new Error('only supported for storage.session')) },
      log,
    );
    expect(refused).toBe(false);
    expect(await restrictStorage({}, log)).toBe(false);
    expect(log).toHaveBeenCalledTimes(2);
  });
});
