import { describe, expect, it, vi } from 'vitest';
import { createRouter, type Handlers } from '@/entrypoints/background/router';

const ID = 'ext-id';
const ORIGIN = `chrome-extension://${ID}/`;

function handlers(): Handlers {
  const answer = (name: string) => vi.fn(async () => name);
  return {
    dial: answer('dial'),
    getPageConfig: answer('getPageConfig'),
    getPopupState: answer('getPopupState'),
    setSiteBlocked: answer('setSiteBlocked'),
    testConnection: answer('testConnection'),
    providerAction: answer('providerAction'),
    clearHistory: answer('clearHistory'),
  } as unknown as Handlers;
}

describe('background router', () => {
  it('answers a valid message through its named handler', async () => {
    const h = handlers();
    const route = createRouter(h, { extensionId: ID, extensionOrigin: ORIGIN, log: () => {} });
    const sender = { id: ID, url: 'https://crm.example/a', tab: { id: 1 } };
    await expect(route({ type: 'getPageConfig' }, sender)).resolves.toBe('getPageConfig');
    expect(h.getPageConfig).toHaveBeenCalledWith({ type: 'getPageConfig' }, sender);
  });

  it('drops and logs a message it must not act on, calling no handler', () => {
    const h = handlers();
    const log = vi.fn();
    const route = createRouter(h, { extensionId: ID, extensionOrigin: ORIGIN, log });
    expect(route({ type: 'clearHistory' }, { id: ID, url: 'https://evil.example/', tab: { id: 2 } })).toBeUndefined();
    expect(route({ type: 'dial', number: '1', source: 'link' }, { id: 'other-extension' })).toBeUndefined();
    expect(log).toHaveBeenCalledTimes(2);
    expect(log.mock.calls[0]![0]).toMatch(/dropped a message \(clearHistory is not accepted from a content\)/);
    for (const fn of Object.values(h)) expect(fn).not.toHaveBeenCalled();
  });
});
