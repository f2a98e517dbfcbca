/**
 * Simulated Yeastar P-Series / Cloud PBX OpenAPI v1.0 (docs/providers/yeastar-p.md; vendor pages "Get Access
 * Token", "Refresh Access Token", "Make a Call", "Error Code and Error Message").
 *
 * Every answer is HTTP 200 with JSON `{"errcode":<int>,"errmsg":"…"}` (0 = SUCCESS). Strict:
 * - every request needs a non-empty `User-Agent` (the docs' "MUST"): without one → errcode 10005 [U which code];
 * - paths outside get_token, refresh_token, del_token, call/dial → 10001 INTERFACE NOT EXISTED; a wrong method
 *   → 10001 too [U];
 * - POST bodies must be `application/json` and parse as an object → else 40001 PARAMETER SYNTAX ERROR; unknown
 *   or non-string fields → 40002 with `invalid_param_list` naming them; missing required fields → 40002 with
 *   `{"field":…,"validation_type":"required"}` (the doc's example);
 * - get_token with a wrong Client ID or Secret → -1 FAILURE with `{"field":"username or password","value":"error"}`;
 * - access token 1800 s, refresh token 86400 s (simulator clock); an unknown, missing or expired access token →
 *   10004 TOKEN EXPIRED; refresh_token issues a new pair and retires the old refresh token.
 *
 * Configuration (`configure`):
 * - `accessDenied` (false): call/dial → 10005 ACCESS DENIED.
 * - `actionForbidden` (false): call/dial → 70084 ACTION FORBIDDEN.
 * - `ipBlocked` (false): every request → 70004 ACCOUNT IP BLOCKED.
 * - `rejectCallee` (false): call/dial → 40002 with `invalid_param_list` [{field:"callee"}].
 * - `internalError` (false): call/dial → -2 INTERNAL SERVER ERROR.
 * - `revokeTokens` (action): forget every issued access token now (→ 10004 on the next request).
 * - `delayMs` (0): wait before answering (timeouts).
 * A caller or dial_permission that is no extension of the PBX → 40002 naming the field [I].
 */
import { randomBytes } from 'node:crypto';
import { tokenSimState } from './token-state';
import type { SimContext, SimProvider, SimRequest, SimResponse } from './types';

export const YEASTAR_P_SIM_CLIENT_ID = 'UEnH9Dmv6uBJEXsYcag1trNfQThYsim1';
export const YEASTAR_P_SIM_CLIENT_SECRET = 'ZLcXl63S9EtMnYoHUnjbVo6sA8CbSim2';
export const YEASTAR_P_SIM_EXTENSIONS = ['1000', '1005', '2002'];
export const YEASTAR_P_ACCESS_TTL_S = 1800;
export const YEASTAR_P_REFRESH_TTL_S = 86400;

const PREFIX = '/openapi/v1.0/';

interface YeastarPConfig {
  accessDenied: boolean;
  actionForbidden: boolean;
  ipBlocked: boolean;
  rejectCallee: boolean;
  internalError: boolean;
  delayMs: number;
}

const DEFAULTS: YeastarPConfig = {
  accessDenied: false,
  actionForbidden: false,
  ipBlocked: false,
  rejectCallee: false,
  internalError: false,
  delayMs: 0,
};

const ERRMSG: Record<number, string> = {
  [-2]: 'INTERNAL SERVER ERROR',
  [-1]: 'FAILURE',
  0: 'SUCCESS',
  10001: 'INTERFACE NOT EXISTED',
  10004: 'TOKEN EXPIRED',
  10005: 'ACCESS DENIED',
  40001: 'PARAMETER SYNTAX ERROR',
  40002: 'PARAMETER ERROR',
  70004: 'ACCOUNT IP BLOCKED',
  70084: 'ACTION FORBIDDEN',
};

const ENDPOINTS: Record<string, { method: 'GET' | 'POST'; required: string[]; optional: string[]; token: boolean }> = {
  get_token: { method: 'POST', required: ['username', 'password'], optional: [], token: false },
  refresh_token: { method: 'POST', required: ['refresh_token'], optional: [], token: false },
  del_token: { method: 'GET', required: [], optional: [], token: true },
  'call/dial': {
    method: 'POST',
    required: ['caller', 'callee'],
    optional: ['dial_permission', 'auto_answer'],
    token: true,
  },
};

/** Creates the Yeastar P-Series simulator. */
export function yeastarPSim(): SimProvider {
  const state = tokenSimState(DEFAULTS);
  /** access token → expiry (simulator clock). */
  const access = state.tokens;
  /** refresh token → expiry. */
  const refresh = new Map<string, number>();

  const answer = (errcode: number, extra: Record<string, unknown> = {}): SimResponse => ({
    status: 200,
    body: { errcode, errmsg: ERRMSG[errcode] ?? 'FAILURE', ...extra },
    headers: { 'content-type': 'application/json;charset=UTF-8' },
    delayMs: state.config.delayMs,
  });
  const invalid = (field: string, validation_type?: string) =>
    answer(40002, { invalid_param_list: [validation_type ? { field, validation_type } : { field, value: 'invalid' }] });

  const issue = (now: number): SimResponse => {
    const accessToken = randomBytes(16).toString('hex');
    const refreshToken = randomBytes(16).toString('hex');
    access.set(accessToken, now + YEASTAR_P_ACCESS_TTL_S * 1000);
    refresh.set(refreshToken, now + YEASTAR_P_REFRESH_TTL_S * 1000);
    return answer(0, {
      access_token_expire_time: YEASTAR_P_ACCESS_TTL_S,
      access_token: accessToken,
      refresh_token_expire_time: YEASTAR_P_REFRESH_TTL_S,
      refresh_token: refreshToken,
    });
  };

  return {
    name: 'yeastar-p',
    kind: 'provider',
    matches: (request) => request.path.startsWith(PREFIX),
    handle(request: SimRequest, context: SimContext): SimResponse {
      if (state.config.ipBlocked) return answer(70004);
      if (!(request.headers['user-agent'] ?? '').trim()) return answer(10005);
      const endpoint = ENDPOINTS[request.path.slice(PREFIX.length)];
      if (!endpoint || request.method !== endpoint.method) return answer(10001);
      const now = context.clock.now();
      let params: Record<string, unknown> = {};
      if (endpoint.method === 'POST') {
        const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
        if (type !== 'application/json') return answer(40001);
        try {
          params = JSON.parse(request.body) as Record<string, unknown>;
        } catch {
          return answer(40001);
        }
        if (typeof params !== 'object' || params === null || Array.isArray(params)) return answer(40001);
        for (const [name, value] of Object.entries(params)) {
          if (!endpoint.required.includes(name) && !endpoint.optional.includes(name)) return invalid(name);
          if (typeof value !== 'string') return invalid(name);
        }
        for (const name of endpoint.required) if (!params[name]) return invalid(name, 'required');
      } else if (request.body) {
        return answer(40001);
      }
      // Only the access token may be in the query string.
      for (const key of request.query.keys()) if (key !== 'access_token') return invalid(key);

      const path = request.path.slice(PREFIX.length);
      if (path === 'get_token') {
        if (params.username !== YEASTAR_P_SIM_CLIENT_ID || params.password !== YEASTAR_P_SIM_CLIENT_SECRET) {
          return answer(-1, { invalid_param_list: [{ field: 'username or password', value: 'error' }] });
        }
        return issue(now);
      }
      if (path === 'refresh_token') {
        const expires = refresh.get(params.refresh_token as string);
        if (expires === undefined || expires <= now) {
          return answer(-1, { invalid_param_list: [{ field: 'refresh_token', value: 'error' }] });
        }
        refresh.delete(params.refresh_token as string);
        return issue(now);
      }
      const token = request.query.get('access_token') ?? '';
      const expires = access.get(token);
      if (expires === undefined || expires <= now) {
        access.delete(token);
        return answer(10004);
      }
      if (path === 'del_token') {
        access.delete(token);
        return answer(0);
      }
      return dial(params as Record<string, string>, now);
    },
    reset() {
      state.reset();
      refresh.clear();
    },
    // revokeTokens forgets the access tokens only: a refresh token still issues a new pair.
    configure: state.configure,
    settings: (context) => ({
      type: 'yeastar-p',
      baseUrl: context.baseUrl,
      clientId: YEASTAR_P_SIM_CLIENT_ID,
      clientSecret: YEASTAR_P_SIM_CLIENT_SECRET,
      extension: YEASTAR_P_SIM_EXTENSIONS[0],
      dialPermission: '',
    }),
  };

  function dial(params: Record<string, string>, now: number): SimResponse {
    const {
      caller,
      callee,
      dial_permission: permission,
      auto_answer: autoAnswer,
    } = params as Record<string, string | undefined>;
    if (autoAnswer !== undefined && autoAnswer !== 'yes' && autoAnswer !== 'no') return invalid('auto_answer');
    if (!YEASTAR_P_SIM_EXTENSIONS.includes(caller!)) return invalid('caller');
    if (permission !== undefined && !YEASTAR_P_SIM_EXTENSIONS.includes(permission)) return invalid('dial_permission');
    // The callee must match an outbound route or be an extension: a "+" or other non-digit matches none [I].
    if (!/^[0-9*#]+$/.test(callee!) || state.config.rejectCallee) return invalid('callee');
    if (state.config.internalError) return answer(-2);
    if (state.config.accessDenied) return answer(10005);
    if (state.config.actionForbidden) return answer(70084);
    const callSeq = state.nextCall();
    return answer(0, { call_id: `${Math.floor(now / 1000)}.${callSeq}` });
  }
}
