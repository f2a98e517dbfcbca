/**
 * Simulated endpoint for the custom HTTP template: it accepts whatever arrives at `path` (tests read the
 * recorded request from the simulator's `requests`) and answers with the configured status and body.
 *
 * configure() switches:
 * - `path` (default "/custom/dial"): where the dial is expected; other paths under /custom/ answer 404.
 * - `method` (default null = any): when set, other methods answer 405.
 * - `status` (default 200) and `body` (default "OK"; a string is sent as text/plain, an object as JSON).
 * - `delayMs` (default 0): wait before answering (timeouts).
 */
import type { SimProvider } from './types';

interface Config {
  path: string;
  method: 'GET' | 'POST' | 'PUT' | null;
  status: number;
  body: unknown;
  delayMs: number;
}

const DEFAULTS: Config = { path: '/custom/dial', method: null, status: 200, body: 'OK', delayMs: 0 };

/** The user's extension in the working settings. */
export const CUSTOM_SIM_EXTENSION = '101';

/** Creates a fresh simulated custom endpoint. */
export function customSim(): SimProvider {
  let config: Config = { ...DEFAULTS };
  return {
    name: 'custom',
    kind: 'provider',
    matches: (request) => request.path.startsWith('/custom/') || request.path === config.path,
    handle(request) {
      const delayMs = config.delayMs || undefined;
      if (request.path !== config.path) return { status: 404, body: 'Not Found', delayMs };
      if (config.method && request.method !== config.method) {
        return { status: 405, body: 'Method Not Allowed', headers: { allow: config.method }, delayMs };
      }
      return { status: config.status, body: config.body, delayMs };
    },
    reset() {
      config = { ...DEFAULTS };
    },
    configure(patch) {
      for (const [key, value] of Object.entries(patch)) {
        if (!(key in DEFAULTS)) throw new Error(`custom sim: unknown switch "${key}"`);
        (config as unknown as Record<string, unknown>)[key] = value;
      }
    },
    settings: (context) => ({
      type: 'custom',
      method: 'GET',
      url: `${context.baseUrl}${config.path}?to={number}&from={extension}`,
      headers: {},
      body: '',
      extension: CUSTOM_SIM_EXTENSION,
    }),
  };
}
