/**
 * The Kazoo adapter's tests against the simulator (lib/providers/kazoo*.test.ts): one simulator per file, tokens
 * forgotten between tests, and the adapter's own clock, which tests may move apart from the simulator's
 * (`adapterOffset`) to model expiry seen by one side only.
 */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { forgetKazooTokens, type KazooProvider } from '@/lib/providers/kazoo';
import type { ProviderContext } from '@/lib/providers/types';
import { KAZOO_SIM } from '@/tests/sim/kazoo';
import { startSimulator, type Simulator } from '@/tests/sim/server';

export const KAZOO_CONNECT_PATH = `/v2/accounts/${KAZOO_SIM.accountId}/clicktocall/${KAZOO_SIM.clickToCallId}/connect`;

/** Starts the simulator for the calling test file and gives its helpers. */
export function kazooHarness() {
  const h = {
    sim: undefined as unknown as Simulator,
    adapterOffset: 0,
    context(overrides: Partial<ProviderContext> = {}): ProviderContext {
      return {
        fetch: globalThis.fetch,
        now: () => h.sim.clock.now() + h.adapterOffset,
        timeoutMs: 3000,
        randomId: () => 'unused',
        ...overrides,
      };
    },
    settings(overrides: Partial<KazooProvider> = {}): KazooProvider {
      return { ...(h.sim.settingsFor('kazoo').provider as KazooProvider), ...overrides };
    },
    noKey: () => h.settings({ apiKey: '' }),
    kazooRequests: () => h.sim.requestsFor('kazoo'),
    connects: () => h.kazooRequests().filter((r) => r.path.endsWith('/connect')),
    logins: () => h.kazooRequests().filter((r) => r.path === '/v2/api_auth'),
    step: (r: { path: string }) =>
      r.path === '/v2/api_auth' ? 'login' : r.path.endsWith('/history') ? 'history' : 'connect',
    /** A token the simulator issued, for reading it as Kazoo would. */
    async simToken(): Promise<string> {
      const response = await fetch(`${h.sim.url}/v2/api_auth`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ data: { api_key: KAZOO_SIM.apiKey } }),
      });
      return ((await response.json()) as { auth_token: string }).auth_token;
    },
    /** The click-to-call's `/history` as Kazoo stores it (read with a token of its own). */
    async simHistory(): Promise<Record<string, unknown>[]> {
      const response = await fetch(`${h.sim.url}${KAZOO_CONNECT_PATH.replace(/\/connect$/, '/history')}`, {
        headers: { 'X-Auth-Token': await h.simToken() },
      });
      return ((await response.json()) as { data: Record<string, unknown>[] }).data;
    },
  };
  beforeAll(async () => {
    h.sim = await startSimulator();
  });
  afterAll(async () => {
    await h.sim.close();
  });
  beforeEach(() => {
    h.sim.reset();
    forgetKazooTokens();
    h.adapterOffset = 0;
  });
  return h;
}
