/**
 * What a PBX adapter or the call log is given to talk to the world: `fetch`, a clock, a timeout, a deadline and a
 * place to keep logins. Injected, so the same code runs under Node against the simulator in tests/sim and in the
 * service worker.
 */

/**
 * Where adapters keep a login across service-worker restarts: `browser.storage.session` in the extension (kept in
 * memory by the browser, cleared when it quits, never written to disk, unlike `storage.local`); a Map in tests.
 */
export interface SessionArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string): Promise<void>;
}

/** A {@link SessionArea} in memory: the fallback when the context has none (Node tests, `npm run sim`). */
export function memorySessionArea(): SessionArea & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return {
    data,
    async get(key) {
      return data.has(key) ? { [key]: structuredClone(data.get(key)) } : {};
    },
    async set(items) {
      for (const [key, value] of Object.entries(items)) data.set(key, structuredClone(value));
    },
    async remove(key) {
      data.delete(key);
    },
  };
}

export interface ProviderContext {
  fetch: typeof fetch;
  /** Milliseconds since the epoch; injectable for token-expiry tests. */
  now: () => number;
  /** Per-request timeout; 10 s by default. */
  timeoutMs: number;
  /** Random ids (NetSapiens call-id); injectable for tests. */
  randomId: () => string;
  /** Logins kept across service-worker restarts (`storage.session`); adapters fall back to memory without it. */
  session?: SessionArea;
  /** Waits between polls (Kazoo's call history); injectable so tests need not wait. Defaults to setTimeout. */
  sleep?: (ms: number) => Promise<void>;
  /** False when the browser knows it is offline (`navigator.onLine`); injectable for tests. */
  online?: () => boolean;
  /**
   * When the dial under way must be over (ms, on `now`'s clock), if one is; httpRequest honours it (issue 15):
   * no request outlives it, and a `dial` step is not sent with too little time left, so a slow login cannot
   * place a call after the person was told it timed out.
   */
  deadline?: () => number | undefined;
}
