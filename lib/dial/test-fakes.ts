/**
 * Fakes for the dial service's dependencies, shared by the lib/dial tests and tests/unit/background. Test-only:
 * nothing in the product imports this file.
 */
import { vi } from 'vitest';
import { formatForPbx } from '../phone/format';
import type { DialOutcome, DialRequest } from '../providers/types';
import { parseSettings } from '../settings/validate';
import type { Settings } from '../settings/schema';
import type { UiText } from '../ui/text';
import { createHistoryStore, type HistoryArea } from './history';
import {
  createDialService,
  type CallLogRegistry,
  type ConfirmPrompt,
  type DialServiceDeps,
  type Notice,
  type ProviderRegistry,
} from './service';
import { createStatusStore } from './status';
import { english } from '../../tests/unit/support/locale';

export const API_KEY = 'sk-live-0123456789abcdef';

/** A storage area in memory, with the get/set/remove the stores use. */
export function memoryArea(initial: Record<string, unknown> = {}): HistoryArea & { data: Record<string, unknown> } {
  const data: Record<string, unknown> = structuredClone(initial);
  return {
    data,
    async get(key: string) {
      return key in data ? { [key]: structuredClone(data[key]) } : {};
    },
    async set(items: Record<string, unknown>) {
      Object.assign(data, structuredClone(items));
    },
    async remove(key: string) {
      delete data[key];
    },
  };
}

/** A valid settings document (MaxoTel, extension 101) with overrides per section. */
export function settingsWith(overrides: Record<string, unknown> = {}): Settings {
  const parsed = parseSettings({
    version: 1,
    provider: { type: 'maxotel', baseUrl: 'https://myapi.maxo.com.au/', apiKey: API_KEY, extension: '101' },
    ...overrides,
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.settings;
}

/** A fake provider whose `dial` answers with `answer` (or throws it), recording each request. */
export function fakeProvider(options: { extensionDialing?: boolean; label?: string } = {}) {
  const dials: DialRequest[] = [];
  let answer: (request: DialRequest) => Promise<DialOutcome> = async () => ({ callId: 'call-1' });
  const definition = {
    label: options.label ?? 'MaxoTel',
    capabilities: { extensionDialing: options.extensionDialing ?? false },
    create: vi.fn(() => ({
      dial: async (request: DialRequest) => {
        dials.push(request);
        return answer(request);
      },
      testConnection: async () => ({ detail: 'API key accepted' }),
    })),
  };
  const registry = new Proxy({} as ProviderRegistry, { get: () => definition });
  return {
    dials,
    definition,
    registry,
    answerWith(fn: (request: DialRequest) => Promise<DialOutcome>) {
      answer = fn;
    },
  };
}

export interface Harness {
  deps: DialServiceDeps;
  service: ReturnType<typeof createDialService>;
  provider: ReturnType<typeof fakeProvider>;
  notices: Notice[];
  prompts: ConfirmPrompt[];
  area: ReturnType<typeof memoryArea>;
  clock: { now: number };
  logged: { number: string; callId?: string; extension?: string }[];
  setSettings(settings: Settings): void;
  answerConfirm(yes: boolean): void;
  failCallLog(error: Error | null): void;
}

/** The dial service over fakes: memory storage, a settable clock, recorded notices, prompts and dials. */
export function harness(
  settings: Settings = settingsWith(),
  options: { extensionDialing?: boolean; timeoutMs?: number; text?: (text: UiText) => string } = {},
): Harness {
  let current = settings;
  let confirmAnswer = true;
  let callLogError: Error | null = null;
  const clock = { now: 1_700_000_000_000 };
  const area = memoryArea();
  const notices: Notice[] = [];
  const prompts: ConfirmPrompt[] = [];
  const logged: Harness['logged'] = [];
  const provider = fakeProvider(options);
  let ids = 0;
  const callLogs: CallLogRegistry = {
    helpdeskeddy: {
      label: 'HelpDeskEddy',
      create: () => ({
        async logCall(call) {
          logged.push(call);
          if (callLogError) throw callLogError;
          return { id: 'hde-1' };
        },
        testConnection: async () => ({ detail: 'ok' }),
      }),
    },
  };
  const deps: DialServiceDeps = {
    loadSettings: async () => current,
    providers: provider.registry,
    callLogs,
    fetch: (() => Promise.reject(new Error('no network in unit tests'))) as unknown as typeof fetch,
    now: () => clock.now,
    randomId: () => `id-${++ids}`,
    notify: async (notice) => {
      notices.push(notice);
    },
    confirm: async (prompt) => {
      prompts.push(prompt);
      return confirmAnswer;
    },
    history: createHistoryStore(area),
    status: createStatusStore(area),
    refreshBadge: vi.fn(async () => undefined),
    format: formatForPbx,
    text: options.text ?? english,
    timeoutMs: options.timeoutMs,
    log: () => undefined,
  };
  return {
    deps,
    service: createDialService(deps),
    provider,
    notices,
    prompts,
    area,
    clock,
    logged,
    setSettings: (s) => {
      current = s;
    },
    answerConfirm: (yes) => {
      confirmAnswer = yes;
    },
    failCallLog: (error) => {
      callLogError = error;
    },
  };
}
