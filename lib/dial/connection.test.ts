import { describe, expect, it, vi } from 'vitest';
import { ProviderError, type ProviderContext } from '../providers/types';
import type { CallLogRegistry } from './service';
import { kazooClickToCalls, testConnection } from './connection';
import { createStatusStore, STATUS_KEY } from './status';
import { fakeProvider, memoryArea, API_KEY } from './test-fakes';

const context = (): ProviderContext => ({
  fetch: (() => Promise.reject(new Error('offline'))) as unknown as typeof fetch,
  now: () => 0,
  timeoutMs: 10_000,
  randomId: () => 'r',
});

const maxotel = { type: 'maxotel', baseUrl: 'https://myapi.maxo.com.au/', apiKey: API_KEY, extension: '101' };
const hde = {
  type: 'helpdeskeddy',
  baseUrl: 'https://acme.helpdeskeddy.com',
  channelKey: 'abcdefghij0123456789',
  email: 'agent@acme.example',
  apiKey: 'hde-key',
};

function deps(callLogFails = false) {
  const provider = fakeProvider();
  const area = memoryArea();
  const callLogs: CallLogRegistry = {
    helpdeskeddy: {
      label: 'HelpDeskEddy',
      create: () => ({
        logCall: async () => ({}),
        testConnection: async () => {
          if (callLogFails)
            throw new ProviderError('auth', 'HelpDeskEddy rejected the e-mail or API key', {
              provider: 'HelpDeskEddy',
            });
          return { detail: 'Signed in as agent@acme.example' };
        },
      }),
    },
  };
  return {
    provider,
    area,
    d: {
      providers: provider.registry,
      callLogs,
      context,
      now: () => 77,
      status: createStatusStore(area),
      refreshBadge: vi.fn(async () => undefined),
    },
  };
}

describe('testConnection', () => {
  it('reports every problem of an invalid document as a failed Settings step, testing nothing', async () => {
    const { d, provider } = deps();
    const answer = await testConnection({ version: 1, provider: { type: 'maxotel', apiKey: '' }, colour: 1 }, d);
    expect(answer.ok).toBe(false);
    expect(answer.steps).toHaveLength(1);
    expect(answer.steps[0]!.name).toBe('Settings');
    expect(answer.steps[0]!.detail).toMatch(/provider\.apiKey: is required/);
    expect(answer.steps[0]!.detail).toMatch(/colour: unknown key/);
    expect(provider.definition.create).not.toHaveBeenCalled();
  });

  it('runs the provider test and the call log test, and clears the badge when both pass', async () => {
    const { d, area } = deps();
    area.data[STATUS_KEY] = { lastError: { time: 1, message: 'x' } };
    const answer = await testConnection({ version: 1, provider: maxotel, callLog: hde }, d);
    expect(answer).toEqual({
      ok: true,
      steps: [
        { name: 'Settings', ok: true, detail: 'The settings are complete.' },
        { name: 'MaxoTel', ok: true, detail: 'API key accepted' },
        { name: 'HelpDeskEddy', ok: true, detail: 'Signed in as agent@acme.example' },
      ],
    });
    expect(area.data[STATUS_KEY]).toBeUndefined();
    expect(d.refreshBadge).toHaveBeenCalled();
  });

  it('names a failing step with its reason and remembers it for the badge', async () => {
    const { d, area } = deps(true);
    const answer = await testConnection({ version: 1, provider: maxotel, callLog: hde }, d);
    expect(answer.ok).toBe(false);
    expect(answer.steps[2]).toEqual({
      name: 'HelpDeskEddy',
      ok: false,
      detail: 'HelpDeskEddy rejected the e-mail or API key',
    });
    expect(area.data[STATUS_KEY]).toEqual({
      lastError: {
        time: 77,
        message: 'Connection test failed (HelpDeskEddy): HelpDeskEddy rejected the e-mail or API key',
      },
    });
  });

  it('without host access sends no test request and says how to allow it (issue 15)', async () => {
    const { d, provider } = deps();
    const answer = await testConnection(
      { version: 1, provider: maxotel, callLog: hde },
      { ...d, missingHostAccess: async (origins) => origins },
    );
    expect(answer.ok).toBe(false);
    expect(answer.steps[1]).toMatchObject({ name: 'MaxoTel', ok: false });
    expect(answer.steps[1]!.detail).toMatch(/does not allow the extension to reach https:\/\/myapi\.maxo\.com\.au yet/);
    expect(answer.steps[2]).toMatchObject({ name: 'HelpDeskEddy', ok: false });
    expect(provider.definition.create).not.toHaveBeenCalled();
  });

  it('says so when no PBX is configured', async () => {
    const { d } = deps();
    const answer = await testConnection({ version: 1, provider: null }, d);
    expect(answer.steps[1]).toMatchObject({ name: 'PBX', ok: false });
  });
});

describe('kazooClickToCalls', () => {
  const kazoo = {
    type: 'kazoo',
    baseUrl: 'http://pbx.example:8000',
    accountId: 'acc',
    clickToCallId: '',
    apiKey: 'k'.repeat(64),
  };
  const items = [{ id: 'c2c-1', name: 'Sales', extension: '101' }];

  it('lists the click-to-calls of a document whose click-to-call is not chosen yet', async () => {
    const list = vi.fn(async (_settings: unknown, _context: unknown) => items);
    const create = vi.fn(async (_s: unknown, _e: string, _c: unknown) => 'new');
    const answer = await kazooClickToCalls({ version: 1, provider: kazoo }, undefined, { list, create, context });
    expect(answer).toEqual({ ok: true, items });
    expect(create).not.toHaveBeenCalled();
    expect(list.mock.calls[0]![0]).toMatchObject({ accountId: 'acc' });
  });

  it('creates one for an extension first and returns its id', async () => {
    const list = vi.fn(async (_settings: unknown, _context: unknown) => items);
    const create = vi.fn(async (_s: unknown, _e: string, _c: unknown) => 'c2c-2');
    const answer = await kazooClickToCalls({ version: 1, provider: kazoo }, '202', { list, create, context });
    expect(create.mock.calls[0]![1]).toBe('202');
    expect(answer.createdId).toBe('c2c-2');
  });

  it('refuses other providers and passes on Kazoo errors in words', async () => {
    const list = vi.fn(async () => {
      throw new ProviderError('auth', 'Kazoo rejected the API key', { provider: 'Kazoo' });
    });
    const create = vi.fn(async () => '');
    expect(await kazooClickToCalls({ version: 1, provider: maxotel }, undefined, { list, create, context })).toEqual({
      ok: false,
      items: [],
      message: 'The provider is not Kazoo: choose Kazoo first.',
    });
    expect(await kazooClickToCalls({ version: 1, provider: kazoo }, undefined, { list, create, context })).toEqual({
      ok: false,
      items: [],
      message: 'Kazoo rejected the API key',
    });
  });
});
