/** Test helpers for adapters, and the dial service, run against the PBX simulator. */
import { createServer } from 'node:net';
import { afterAll, beforeEach } from 'vitest';
import { CALL_LOGS } from '@/lib/calllog/registry';
import { createHistoryStore } from '@/lib/dial/history';
import {
  createDialService,
  type CallLogRegistry,
  type DialServiceDeps,
  type Notice,
  type ProviderRegistry,
} from '@/lib/dial/service';
import { createStatusStore } from '@/lib/dial/status';
import { formatForPbx } from '@/lib/phone/format';
import { PROVIDERS } from '@/lib/providers/registry';
import type { ProviderContext, ProviderDefinition } from '@/lib/providers/types';
import type { Settings } from '@/lib/settings/schema';
import { startSimulator, type Simulator } from '@/tests/sim/server';
import { memoryArea } from './dial-fakes';
import { english } from './locale';

/**
 * One simulator for the calling test file (`const sim = await fileSimulator(…)` at its top): closed after its
 * tests, reset before each, and with it whatever else a test must not inherit (`resets`, e.g. a provider's
 * `forget…Sessions`).
 */
export async function fileSimulator(...resets: (() => void)[]): Promise<Simulator> {
  const sim = await startSimulator();
  afterAll(() => sim.close());
  beforeEach(() => {
    sim.reset();
    for (const reset of resets) reset();
  });
  return sim;
}

/** A provider context on the simulator's clock, with real fetch and a 5 s timeout unless overridden. */
export function simContext(sim: Simulator, overrides: Partial<ProviderContext> = {}): ProviderContext {
  return {
    fetch: globalThis.fetch,
    now: () => sim.clock.now(),
    timeoutMs: 5000,
    randomId: () => 'unused',
    ...overrides,
  };
}

/** The simulator's working provider section for `type`, with `overrides` laid over it. */
export function simProvider<T>(sim: Simulator, type: string, overrides: Partial<T> = {}): T {
  return { ...(sim.settingsFor(type).provider as T), ...overrides };
}

/**
 * One provider against the simulator: its working settings and a context (each with overrides), an adapter
 * made of both, and the requests the simulator received for it. `defaults` are laid under every context.
 */
export function simAdapter<S extends { type: string }>(
  sim: Simulator,
  definition: ProviderDefinition<S>,
  defaults: Partial<ProviderContext> = {},
) {
  const context = (overrides: Partial<ProviderContext> = {}) => simContext(sim, { ...defaults, ...overrides });
  const settings = (overrides: Partial<S> = {}) => simProvider<S>(sim, definition.type, overrides);
  return {
    context,
    settings,
    adapter: (s: Partial<S> = {}, c: Partial<ProviderContext> = {}) => definition.create(settings(s), context(c)),
    requests: () => sim.requestsFor(definition.type),
  };
}

/** A port on 127.0.0.1 that nothing listens on. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Collects every string under a key naming a token (`token`, `auth_token`, `access_token`…) in a JSON answer. */
function collectTokens(value: unknown, into: Set<string>): void {
  if (Array.isArray(value)) value.forEach((v) => collectTokens(v, into));
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (/token/i.test(key) && typeof v === 'string' && v.length >= 8 && v !== 'undefined') into.add(v);
      else collectTokens(v, into);
    }
  }
}

/**
 * The real fetch, adding to `issued` every token a JSON answer carries: the secrets the simulator handed out,
 * which no error, log or stored entry may show.
 */
export function tokenRecordingFetch(issued: Set<string>): typeof fetch {
  return async (input, init) => {
    const response = await globalThis.fetch(input, init);
    try {
      collectTokens(JSON.parse(await response.clone().text()), issued);
    } catch {
      // Not JSON, or the body was cut off: nothing issued.
    }
    return response;
  };
}

/**
 * The real dial service with every real provider and call log, on the simulator's clock and memory storage,
 * confirming every call; it records the notices it sends and the lines it logs. `deps` replace any part
 * (`fetch`, `timeoutMs`…).
 */
export function simDialService(sim: Simulator, settings: Settings, deps: Partial<DialServiceDeps> = {}) {
  const area = memoryArea();
  const notices: Notice[] = [];
  const logs: string[] = [];
  let ids = 0;
  const service = createDialService({
    loadSettings: async () => settings,
    providers: PROVIDERS as unknown as ProviderRegistry,
    callLogs: CALL_LOGS as unknown as CallLogRegistry,
    fetch: globalThis.fetch,
    now: () => sim.clock.now(),
    randomId: () => `id-${++ids}`,
    notify: async (notice) => {
      notices.push(notice);
    },
    confirm: async () => true,
    history: createHistoryStore(area),
    status: createStatusStore(area),
    refreshBadge: async () => undefined,
    format: formatForPbx,
    text: english,
    log: (message) => logs.push(message),
    ...deps,
  });
  return { service, area, notices, logs };
}
