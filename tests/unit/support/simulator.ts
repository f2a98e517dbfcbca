/** Test helpers for adapters run against the PBX simulator. */
import type { ProviderContext } from '@/lib/providers/types';
import type { Simulator } from '@/tests/sim/server';

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
