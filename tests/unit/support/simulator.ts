/** Test helpers for adapters run against the PBX simulator. */
import { createServer } from 'node:net';
import { afterAll, beforeEach } from 'vitest';
import type { ProviderContext, ProviderDefinition } from '@/lib/providers/types';
import { startSimulator, type Simulator } from '@/tests/sim/server';

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
