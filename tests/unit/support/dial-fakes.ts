/**
 * Fakes for the dial service's dependencies, shared by the lib/dial tests and tests/unit. Test-only, so not in lib/:
 * nothing in the product imports this file.
 */
import { vi } from 'vitest';
import { formatForPbx } from '@/lib/phone/format';
import type { DialOutcome, DialRequest } from '@/lib/providers/types';
import { parseSettings } from '@/lib/settings/validate';
import type { Settings } from '@/lib/settings/schema';
import { msg, type UiText } from '@/lib/i18n/text';
import { createHistoryStore, HISTORY_KEY, type HistoryArea } from '@/lib/dial/history';
import type { HistoryEntry } from '@/lib/dial/types';
import {
  createDialService,
  type CallLogRegistry,
  type ConfirmPrompt,
  type DialServiceDeps,
  type Notice,
  type ProviderRegistry,
} from '@/lib/dial/service';
import { createStatusStore } from '@/lib/dial/status';
import { english } from './locale';

export const API_KEY = 'sk-live-0123456789abcdef';

/** A HelpDeskEddy call log section that validates (the dial tests' call log). */
export const HDE_CALL_LOG = {
  type: 'helpdeskeddy',
  baseUrl: 'https://acme.helpdeskeddy.com',
  channelKey: 'abcdefghij0123456789',
  email: 'agent@acme.example',
  apiKey: 'hde-key',
} as const;

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
      testConnection: async () => ({ detail: msg('test_maxotel_ok', msg('test_maxotel_limitation')) }),
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

/** The call history a {@link harness} recorded, newest first. */
export function recordedHistory(h: ReturnType<typeof harness>): HistoryEntry[] {
  return (h.area.data[HISTORY_KEY] ?? []) as HistoryEntry[];
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
        testConnection: async () => ({ detail: msg('test_helpdeskeddy_ok', msg('test_helpdeskeddy_channel_key')) }),
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
