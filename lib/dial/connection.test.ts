import { describe, expect, it, vi } from 'vitest';
import { ProviderError, type ProviderContext } from '../providers/types';
import type { CallLogRegistry } from './service';
import { runProviderAction, testConnection, type ActionRegistry } from './connection';
import { createStatusStore, STATUS_KEY } from './status';
import { fakeProvider, HDE_CALL_LOG, memoryArea, API_KEY } from '@/tests/unit/support/dial-fakes';
import { english } from '@/tests/unit/support/locale';
import { msg } from '../i18n/text';

const context = (): ProviderContext => ({
  fetch: (() => Promise.reject(new Error('offline'))) as unknown as typeof fetch,
  now: () => 0,
  timeoutMs: 10_000,
  randomId: () => 'r',
});

const maxotel = { type: 'maxotel', baseUrl: 'https://myapi.maxo.com.au/', apiKey: API_KEY, extension: '101' };
const hde = HDE_CALL_LOG;

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
          return { detail: msg('test_helpdeskeddy_ok', msg('test_helpdeskeddy_channel_key')) };
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
      text: english,
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
        {
          name: 'MaxoTel',
          ok: true,
          detail:
            'MaxoTel accepted the API key (checked with the call history). MaxoTel has no way to check the Click to Call permission without placing a call.',
        },
        {
          name: 'HelpDeskEddy',
          ok: true,
          detail:
            'HelpDeskEddy accepted the e-mail and API key. The channel key can only be checked by creating a call card, so it was not checked.',
        },
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

describe('runProviderAction', () => {
  const kazoo = {
    type: 'kazoo',
    baseUrl: 'http://pbx.example:8000',
    accountId: 'acc',
    clickToCallId: '',
    apiKey: 'k'.repeat(64),
  };
  const items = [{ id: 'c2c-1', name: 'Sales', extension: '101' }];

  function registry(list: (settings: unknown) => Promise<typeof items>) {
    const run = vi.fn(async (settings: unknown, input: string | undefined, _context: ProviderContext) => {
      const listed = await list(settings);
      return input === undefined ? { items: listed } : { items: listed, createdId: `new-${input}` };
    });
    const providers = {
      maxotel: { label: 'MaxoTel' },
      kazoo: { label: 'Kazoo (2600Hz)', actions: { listClickToCalls: { picks: 'clickToCallId', run } } },
    } as unknown as ActionRegistry;
    return { run, d: { providers, context, text: english } };
  }

  it("runs the provider's named action on a document whose picked field is still blank", async () => {
    const { run, d } = registry(async () => items);
    const answer = await runProviderAction({ version: 1, provider: kazoo }, 'listClickToCalls', undefined, d);
    expect(answer).toEqual({ ok: true, items });
    expect(run.mock.calls[0]![0]).toMatchObject({ accountId: 'acc' });
    expect(run.mock.calls[0]![1]).toBeUndefined();
  });

  it("passes the input on and answers with the action's result", async () => {
    const { run, d } = registry(async () => items);
    const answer = await runProviderAction({ version: 1, provider: kazoo }, 'listClickToCalls', '202', d);
    expect(run.mock.calls[0]![1]).toBe('202');
    expect(answer).toEqual({ ok: true, items, createdId: 'new-202' });
  });

  it('refuses providers without the action, unknown actions and invalid documents, and passes errors on in words', async () => {
    const { run, d } = registry(async () => {
      throw new ProviderError('auth', 'Kazoo rejected the API key', { provider: 'Kazoo' });
    });
    expect(await runProviderAction({ version: 1, provider: maxotel }, 'listClickToCalls', undefined, d)).toEqual({
      ok: false,
      items: [],
      message: 'MaxoTel cannot do "listClickToCalls": choose a provider that can.',
    });
    expect(await runProviderAction({ version: 1, provider: kazoo }, 'toString', undefined, d)).toMatchObject({
      ok: false,
      items: [],
    });
    // Without the action's `picks`, the blank click-to-call id is a problem of the document like any other.
    expect(
      (await runProviderAction({ version: 1, provider: kazoo }, 'deleteEverything', undefined, d)).message,
    ).toMatch(/provider\.clickToCallId: is required/);
    expect(run).not.toHaveBeenCalled();
    expect(await runProviderAction({ version: 1, provider: kazoo }, 'listClickToCalls', undefined, d)).toEqual({
      ok: false,
      items: [],
      message: 'Kazoo rejected the API key',
    });
  });

  it('without host access sends no request and says how to allow it', async () => {
    const { run, d } = registry(async () => items);
    const asked: string[][] = [];
    const missingHostAccess = async (origins: string[]) => (asked.push(origins), origins);
    const answer = await runProviderAction({ version: 1, provider: kazoo }, 'listClickToCalls', undefined, {
      ...d,
      missingHostAccess,
    });
    // Match patterns carry no port: access is granted per host.
    expect(asked).toEqual([['http://pbx.example/*']]);
    expect(answer).toEqual({
      ok: false,
      items: [],
      message:
        'The browser does not allow the extension to reach http://pbx.example yet: press Save and allow ' +
        'access when asked (or use "Allow access" above), then try again.',
    });
    expect(run).not.toHaveBeenCalled();
    // With access granted the action runs.
    const granted = await runProviderAction({ version: 1, provider: kazoo }, 'listClickToCalls', undefined, {
      ...d,
      missingHostAccess: async () => [],
    });
    expect(granted).toEqual({ ok: true, items });
  });
});
