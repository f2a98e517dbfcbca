/**
 * Simulated endpoint for the custom HTTP template: it accepts whatever arrives at `path` (tests read the
 * recorded request from the simulator's `requests`) and answers with the configured status and body.
 *
 * configure() switches:
 * - `path` (default "/custom/dial"): where the dial is expected; other paths under /custom/ answer 404.
 * - `method` (default null = any): when set, other methods answer 405.
 * - `status` (default 200) and `body` (default "OK"; a string is sent as text/plain, an object as JSON).
 * - `redirectTo` (default null): the dial path answers 302 with `Location: {redirectTo}`, as an endpoint behind
 *   single sign-on does; `/custom/sso-login` always answers 200 with a login page (text/html).
 * - `contentType` (default null): the content type of `body` when it is a string (e.g. "text/html").
 * - `delayMs` (default 0): wait before answering (timeouts).
 * - `polyStatus` (default "2000"): the Status a simulated Poly phone answers a dial with.
 *
 * The desk phones' own dial commands (the custom provider's presets) are served here too, at the phones' paths:
 * see ./desk-phones.ts.
 */
import { SSO_LOGIN_PAGE } from './netsapiens';
import { DESK_PHONE_DEFAULTS, deskPhoneAnswer, isDeskPhoneRequest } from './desk-phones';
import type { SimProvider, SimResponse } from './types';

interface Config {
  path: string;
  method: 'GET' | 'POST' | 'PUT' | null;
  status: number;
  body: unknown;
  redirectTo: string | null;
  contentType: string | null;
  delayMs: number;
  polyStatus: string;
}

const DEFAULTS: Config = {
  path: '/custom/dial',
  method: null,
  status: 200,
  body: 'OK',
  redirectTo: null,
  contentType: null,
  delayMs: 0,
  polyStatus: DESK_PHONE_DEFAULTS.polyStatus,
};

/** The user's extension in the working settings. */
export const CUSTOM_SIM_EXTENSION = '101';

/** Creates a fresh simulated custom endpoint. */
export function customSim(): SimProvider {
  let config: Config = { ...DEFAULTS };
  return {
    name: 'custom',
    kind: 'provider',
    matches: (request) =>
      request.path.startsWith('/custom/') || request.path === config.path || isDeskPhoneRequest(request),
    handle(request): SimResponse {
      if (isDeskPhoneRequest(request) && request.path !== config.path) {
        return deskPhoneAnswer(request, { polyStatus: config.polyStatus });
      }
      const delayMs = config.delayMs || undefined;
      if (request.path === '/custom/sso-login') {
        return { status: 200, body: SSO_LOGIN_PAGE, headers: { 'content-type': 'text/html; charset=utf-8' }, delayMs };
      }
      if (request.path !== config.path) return { status: 404, body: 'Not Found', delayMs };
      if (config.redirectTo) return { status: 302, body: '', headers: { location: config.redirectTo }, delayMs };
      if (config.method && request.method !== config.method) {
        return { status: 405, body: 'Method Not Allowed', headers: { allow: config.method }, delayMs };
      }
      const headers = config.contentType ? { 'content-type': config.contentType } : undefined;
      return { status: config.status, body: config.body, headers, delayMs };
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
