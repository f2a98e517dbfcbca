/**
 * Simulated NetSapiens API v2 (../shared/providers.md §3, vendor page
 * ../shared/vendor-docs/netsapiens-v2-make-a-new-call.txt).
 *
 * `Authorization: Bearer <API key>` on every route; errors are `{"code":<status>,"message":"…"}`.
 * Routes: `GET /ns-api/v2/apikeys/~`, `POST|GET /ns-api/v2/domains/{domain}/users/{user}/calls`,
 * `GET|DELETE …/calls/{call-id}`. `~` stands for the key's own domain and user.
 *
 * Configuration (`configure`):
 * - `readOnly` (false): the key is read-only → 403 "Permission Denied" on writes.
 * - `rejectNumber` (false): 400 for every `call-term-user` [U: wording].
 * - `acceptedBody` ("json"): "json" → 202 `{"code":202,"message":"Accepted"}`; "empty" → 202 with no body
 *   (the spec allows both, providers.md §3).
 * - `ssoPage` (false): a single-sign-on portal in front of the API answers every request with its login page
 *   (HTTP 200, text/html), as a misconfigured or session-expired portal does.
 * - `movedTo` (null): every request answers 301 with `Location: {movedTo}{path}` (the portal moved).
 * - `delayMs` (0): wait before answering (timeouts).
 *
 * Key types: the basic-user key (NETSAPIENS_SIM_KEY), an office-manager key (NETSAPIENS_SIM_OFFICE_KEY, domain
 * but no user) and a reseller key (NETSAPIENS_SIM_RESELLER_KEY, neither); "~" resolves only to what the key has.
 */
import type { SimContext, SimProvider, SimRequest, SimResponse } from './types';

/** A basic-user ("nsu_") key: 4-char scope prefix + 48 random + 8 check characters, 60 in all. */
export const NETSAPIENS_SIM_KEY = 'nsu_' + 'Q7x2Lm9Pa4Rt8Vb1Nc6Yd3Ze5Kf0Hg2Jw7Ms4Tq9Ur1Xp6Lz' + '8a3b5c7d';
export const NETSAPIENS_SIM_DOMAIN = 'sim.example';
/** The key's own user. */
export const NETSAPIENS_SIM_USER = '1000';
/** Other users in the domain (the basic-user key may not act for them). */
export const NETSAPIENS_SIM_OTHER_USERS = ['1001'];
/** An office-manager ("nsd_") key of the domain: it has a domain but no user of its own. */
export const NETSAPIENS_SIM_OFFICE_KEY = 'nsd_' + 'Mv4Tq8Wz2Kc6Rb0Yn5Hp3Lx9Fd7Gs1Ja4Ue6Oi8Ct2Qm5Vb' + '1e2f3a4b';
/** A reseller ("nsr_") key over the domain: neither a domain nor a user of its own. */
export const NETSAPIENS_SIM_RESELLER_KEY = 'nsr_' + 'Hy7Bn3Kd9Pq1Xs5Wm2Tc8Lv4Rf6Zj0Ag3Ne7Ou1Ie5Ys9Gb' + '9c8d7e6f';

/**
 * What each key may act for. "~" means the key's own domain or user, so it resolves only where the key has one
 * (API Keys guide: the 4-character prefix is the key's scope). Keys without a user of their own must also name
 * the first leg (`call-orig-user`): the default, "user@domain of the requester", does not exist for them [I].
 */
interface KeyScope {
  scope: 'Basic User' | 'Office Manager' | 'Reseller';
  ownDomain?: string;
  ownUser?: string;
}
const KEYS = new Map<string, KeyScope>([
  [NETSAPIENS_SIM_KEY, { scope: 'Basic User', ownDomain: NETSAPIENS_SIM_DOMAIN, ownUser: NETSAPIENS_SIM_USER }],
  [NETSAPIENS_SIM_OFFICE_KEY, { scope: 'Office Manager', ownDomain: NETSAPIENS_SIM_DOMAIN }],
  [NETSAPIENS_SIM_RESELLER_KEY, { scope: 'Reseller' }],
]);

const BASE = '/ns-api/v2';

interface NetsapiensConfig {
  ssoPage: boolean;
  movedTo: string | null;
  readOnly: boolean;
  rejectNumber: boolean;
  acceptedBody: 'json' | 'empty';
  delayMs: number;
}

const DEFAULTS: NetsapiensConfig = {
  ssoPage: false,
  movedTo: null,
  readOnly: false,
  rejectNumber: false,
  acceptedBody: 'json',
  delayMs: 0,
};

/** A portal's login page, as an SSO front end answers any request it has no session for. */
export const SSO_LOGIN_PAGE =
  '<!DOCTYPE html><html><head><title>Sign in</title></head><body><form action="/sso/login" method="post"><input name="username"><input name="password" type="password"></form></body></html>';

const CALL_FIELDS = new Set([
  'synchronous',
  'call-id',
  'dial-rule-application',
  'call-term-user',
  'call-orig-user',
  'auto-answer-enabled',
  'caller-id-number',
  'callback-caller-id-number',
  'call-term-added-sip-header',
]);

interface ActiveCall {
  domain: string;
  user: string;
  body: Record<string, string>;
}

/** Creates the NetSapiens simulator. */
export function netsapiensSim(): SimProvider {
  let config: NetsapiensConfig = { ...DEFAULTS };
  let calls = new Map<string, ActiveCall>();

  const json = (status: number, body: unknown): SimResponse => ({ status, body, delayMs: config.delayMs });
  const error = (code: number, message: string) => json(code, { code, message });
  const accepted = (): SimResponse =>
    config.acceptedBody === 'json'
      ? json(202, { code: 202, message: 'Accepted' })
      : { status: 202, body: '', headers: { 'content-type': 'application/json' }, delayMs: config.delayMs };

  return {
    name: 'netsapiens',
    kind: 'provider',
    matches: (request) => request.path === '/ns-api' || request.path.startsWith('/ns-api/'),
    handle(request: SimRequest, _context: SimContext): SimResponse {
      if (config.movedTo) {
        return {
          status: 301,
          body: '',
          headers: { location: `${config.movedTo}${request.path}` },
          delayMs: config.delayMs,
        };
      }
      if (config.ssoPage) {
        return { status: 200, body: SSO_LOGIN_PAGE, headers: { 'content-type': 'text/html; charset=utf-8' } };
      }
      if (!request.path.startsWith(`${BASE}/`)) return error(404, 'Not Found');
      // [U] The exact 401 wording is not documented.
      const auth = request.headers.authorization ?? '';
      const match = /^Bearer (\S+)$/.exec(auth);
      if (!match) return error(401, 'Missing or malformed Authorization header; expected "Bearer <token>"');
      const key = KEYS.get(match[1]!);
      if (!key) return error(401, 'Invalid or expired token');

      const route = request.path.slice(BASE.length);
      if (route === '/apikeys/~') {
        if (request.method !== 'GET') return error(405, 'Method Not Allowed');
        return json(200, {
          'key-id': match[1]!.slice(0, 12),
          domain: key.ownDomain ?? '',
          user: key.ownUser ?? '',
          'user-scope': key.scope,
          readonly: config.readOnly ? 'yes' : 'no',
        });
      }
      const parts = /^\/domains\/([^/]+)\/users\/([^/]+)\/calls(?:\/([^/]+))?\/?$/.exec(route);
      if (!parts) return error(404, 'Not Found');
      const domain = decodeURIComponent(parts[1]!);
      const user = decodeURIComponent(parts[2]!);
      const callId = parts[3] === undefined ? undefined : decodeURIComponent(parts[3]);
      if (domain.length > 64) return error(400, 'domain must be at most 64 characters');
      if (user.length > 16) return error(400, 'user must be at most 16 characters');
      // "~" is the key's own domain/user; a key without one leaves it literal, which names nothing.
      const realDomain = domain === '~' ? (key.ownDomain ?? '~') : domain;
      const realUser = user === '~' ? (key.ownUser ?? '~') : user;
      if (realDomain !== NETSAPIENS_SIM_DOMAIN) return error(403, 'Domain not found or access denied');
      if (realUser !== NETSAPIENS_SIM_USER && !NETSAPIENS_SIM_OTHER_USERS.includes(realUser)) {
        return error(404, `User ${realUser} does not exist in domain ${realDomain}`);
      }
      // A basic-user key acts only for its own user; office-manager and reseller keys for any in the domain.
      if (key.scope === 'Basic User' && realUser !== key.ownUser) return error(403, 'Permission Denied');

      if (callId === undefined) {
        if (request.method === 'GET') {
          return json(
            200,
            [...calls.entries()].map(([id, call]) => ({ 'call-id': id, ...call.body })),
          );
        }
        if (request.method !== 'POST') return error(405, 'Method Not Allowed');
        return createCall(request, realDomain, realUser, key);
      }
      const call = calls.get(callId);
      if (request.method === 'GET') {
        return call ? json(200, { 'call-id': callId, ...call.body }) : error(404, `Call ${callId} not found`);
      }
      if (request.method === 'DELETE') {
        if (config.readOnly) return error(403, 'Permission Denied');
        if (!call) return error(404, `Call ${callId} not found`);
        calls.delete(callId);
        return accepted();
      }
      return error(405, 'Method Not Allowed');
    },
    reset() {
      config = { ...DEFAULTS };
      calls = new Map();
    },
    configure(patch) {
      config = { ...config, ...(patch as Partial<NetsapiensConfig>) };
    },
    settings: (context) => ({
      type: 'netsapiens',
      baseUrl: context.baseUrl,
      apiKey: NETSAPIENS_SIM_KEY,
      domain: '~',
      user: '~',
      origination: '',
      callerId: '',
    }),
  };

  function createCall(request: SimRequest, domain: string, user: string, key: KeyScope): SimResponse {
    if (config.readOnly) return error(403, 'Permission Denied');
    const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json') return error(400, 'Request body must be JSON (Content-Type: application/json)');
    let parsed: unknown;
    try {
      parsed = JSON.parse(request.body);
    } catch {
      return error(400, 'Request body is not valid JSON');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      return error(400, 'Request body must be a JSON object');
    }
    const body = parsed as Record<string, unknown>;
    for (const [name, value] of Object.entries(body)) {
      // The doc page's human labels (callid, destination, origination…) are not the v2 keys: reject them.
      if (!CALL_FIELDS.has(name)) return error(400, `Unknown field "${name}"`);
      if (typeof value !== 'string') return error(400, `Field "${name}" must be a string`);
    }
    const fields = body as Record<string, string>;
    for (const name of ['call-id', 'call-term-user']) {
      if (!fields[name]) return error(400, `Missing required field "${name}"`);
    }
    for (const name of ['synchronous', 'auto-answer-enabled']) {
      if (fields[name] !== undefined && fields[name] !== 'yes' && fields[name] !== 'no') {
        return error(400, `Field "${name}" must be "yes" or "no"`);
      }
    }
    if (calls.has(fields['call-id']!)) return error(400, `A call with call-id ${fields['call-id']} already exists`);
    if (!key.ownUser && !fields['call-orig-user']) {
      return error(400, 'call-orig-user is required: this API key has no user of its own to call from');
    }
    const term = fields['call-term-user']!;
    if (config.rejectNumber || !/^(\+?[0-9*#]{2,20}|sip:\S+)$/.test(term)) {
      return error(400, `Invalid call-term-user "${term}"`);
    }
    const { 'call-id': id, ...rest } = fields;
    calls.set(id!, { domain, user, body: rest });
    if (fields.synchronous === 'yes') {
      return json(200, {
        'call-id': id,
        domain,
        user,
        'call-orig-user': fields['call-orig-user'] ?? `${user}@${domain}`,
        'call-term-user': term,
      });
    }
    return accepted();
  }
}
