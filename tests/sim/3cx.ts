/**
 * Simulated 3CX V20 Call Control API (docs/providers/3cx.md; vendor pages "3CX Call Control API" and "Call
 * Control API Endpoint Specification").
 *
 * - `POST /connect/token`, form body `client_id`, `client_secret`, `grant_type=client_credentials` →
 *   `{"token_type":"Bearer","expires_in":3600,"access_token":"…","refresh_token":null}`; anything else →
 *   400 `{"error":"invalid_client"}` / `{"error":"unsupported_grant_type"}` / `{"error":"invalid_request"}` (OAuth2
 *   RFC 6749 §5.2 [I]). Tokens live `expires_in` seconds on the simulator clock.
 * - Every `/callcontrol…` request needs `Authorization: Bearer <token>`: missing, unknown or expired → 401 with
 *   `WWW-Authenticate: Bearer` and no body [I].
 * - `GET /callcontrol/{dn}` → the DN's state `{dn,type,devices,participants}` [C]; a DN the API client does not
 *   monitor → 403 [C code], an unknown DN → 404 [I].
 * - `POST /callcontrol/{dn}/makecall`, `application/json` `{"destination":"…"}` (optional `timeout` number and
 *   `attacheddata` object) → 200 `{"finalstatus":"Success","reason":"None","result":{participant},"reasontext":""}`
 *   [I, field names from client code]; another field, a non-string destination or one that is not a dialable
 *   number → 422 `{"title":…,"status":422}` [C code, body U].
 *
 * Configuration (`configure`):
 * - `monitored` (true): false → 403 for the user's DN (the API client does not monitor it).
 * - `rejectDestination` (false): makecall → 422.
 * - `serverError` (false): makecall → 500.
 * - `rateLimited` (false): makecall → 429.
 * - `revokeTokens` (action): forget every issued token (→ 401).
 * - `delayMs` (0).
 */
import { randomBytes } from 'node:crypto';
import { tokenSimState } from './token-state';
import type { SimContext, SimProvider, SimRequest, SimResponse } from './types';

export const THREECX_SIM_CLIENT_ID = '900';
export const THREECX_SIM_CLIENT_SECRET = 'nR7pQ2xVw9LmT4sK8yZc3HbF6jD1gAeU';
/** Extensions on the simulated PBX; the API client monitors all of them unless configured otherwise. */
export const THREECX_SIM_EXTENSIONS = ['100', '101', '102'];
export const THREECX_TOKEN_TTL_S = 3600;

interface ThreeCxConfig {
  monitored: boolean;
  rejectDestination: boolean;
  serverError: boolean;
  rateLimited: boolean;
  delayMs: number;
}

const DEFAULTS: ThreeCxConfig = {
  monitored: true,
  rejectDestination: false,
  serverError: false,
  rateLimited: false,
  delayMs: 0,
};

/** Creates the 3CX simulator. */
export function threeCxSim(): SimProvider {
  const state = tokenSimState(DEFAULTS);
  const { tokens } = state;

  const reply = (status: number, body?: unknown, headers: Record<string, string> = {}): SimResponse => ({
    status,
    body: body ?? '',
    headers: body === undefined ? headers : { 'content-type': 'application/json; charset=utf-8', ...headers },
    delayMs: state.config.delayMs,
  });
  const problem = (status: number, title: string) => reply(status, { title, status });

  return {
    name: '3cx',
    kind: 'provider',
    matches: (request) => request.path === '/connect/token' || request.path.startsWith('/callcontrol'),
    handle(request: SimRequest, context: SimContext): SimResponse {
      const now = context.clock.now();
      if (request.path === '/connect/token') return token(request, now);

      const auth = request.headers.authorization ?? '';
      const bearer = /^Bearer (\S+)$/.exec(auth)?.[1];
      const expires = bearer ? tokens.get(bearer) : undefined;
      if (expires === undefined || expires <= now) {
        if (bearer) tokens.delete(bearer);
        return reply(401, undefined, { 'www-authenticate': 'Bearer' });
      }
      if ([...request.query.keys()].length) return problem(400, 'Unexpected query parameters.');
      const match = /^\/callcontrol\/([^/]+)(\/makecall)?$/.exec(request.path);
      if (!match) return problem(404, 'Not Found');
      const dn = decodeURIComponent(match[1]!);
      if (!THREECX_SIM_EXTENSIONS.includes(dn)) return problem(404, `DN ${dn} not found.`);
      if (!state.config.monitored) return problem(403, 'Forbidden');
      if (!match[2]) {
        if (request.method !== 'GET') return problem(405, 'Method Not Allowed');
        return reply(200, {
          dn,
          type: 'Wextension',
          devices: [{ dn, device_id: `sip:${dn}@127.0.0.1:5060`, user_agent: 'Yealink SIP-T54W' }],
          participants: [],
        });
      }
      if (request.method !== 'POST') return problem(405, 'Method Not Allowed');
      return makecall(request, dn);
    },
    reset: state.reset,
    configure: state.configure,
    settings: (context) => ({
      type: '3cx',
      baseUrl: context.baseUrl,
      clientId: THREECX_SIM_CLIENT_ID,
      clientSecret: THREECX_SIM_CLIENT_SECRET,
      extension: THREECX_SIM_EXTENSIONS[0],
    }),
  };

  function token(request: SimRequest, now: number): SimResponse {
    if (request.method !== 'POST') return problem(405, 'Method Not Allowed');
    const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/x-www-form-urlencoded' || [...request.query.keys()].length) {
      return reply(400, { error: 'invalid_request' });
    }
    const form = new URLSearchParams(request.body);
    for (const key of form.keys()) {
      if (!['client_id', 'client_secret', 'grant_type'].includes(key)) return reply(400, { error: 'invalid_request' });
    }
    if (form.get('grant_type') !== 'client_credentials') return reply(400, { error: 'unsupported_grant_type' });
    if (form.get('client_id') !== THREECX_SIM_CLIENT_ID || form.get('client_secret') !== THREECX_SIM_CLIENT_SECRET) {
      return reply(400, { error: 'invalid_client' });
    }
    const access = randomBytes(24).toString('base64url');
    tokens.set(access, now + THREECX_TOKEN_TTL_S * 1000);
    return reply(200, {
      token_type: 'Bearer',
      expires_in: THREECX_TOKEN_TTL_S,
      access_token: access,
      refresh_token: null,
    });
  }

  function makecall(request: SimRequest, dn: string): SimResponse {
    const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json') return problem(415, 'Unsupported Media Type');
    let body: unknown;
    try {
      body = JSON.parse(request.body);
    } catch {
      return problem(400, 'The request body is not valid JSON.');
    }
    if (!body || typeof body !== 'object' || Array.isArray(body)) return problem(400, 'Expected an object.');
    const params = body as Record<string, unknown>;
    for (const key of Object.keys(params)) {
      if (!['destination', 'timeout', 'attacheddata'].includes(key)) return problem(422, `Unknown field ${key}.`);
    }
    if (params.timeout !== undefined && typeof params.timeout !== 'number') return problem(422, 'Invalid timeout.');
    const destination = params.destination;
    if (typeof destination !== 'string' || !/^\+?[0-9*#]+$/.test(destination) || state.config.rejectDestination) {
      return problem(422, 'Invalid destination.');
    }
    if (state.config.serverError) return problem(500, 'Internal Server Error');
    if (state.config.rateLimited) return problem(429, 'Too Many Requests');
    const callSeq = state.nextCall();
    return reply(200, {
      finalstatus: 'Success',
      reason: 'None',
      result: {
        id: callSeq,
        status: 'Dialing',
        dn,
        party_caller_name: '',
        party_dn: destination,
        party_caller_id: destination,
        device_id: `sip:${dn}@127.0.0.1:5060`,
        party_dn_type: 'None',
        direct_control: false,
        callid: 1000 + callSeq,
        legid: 1,
      },
      reasontext: '',
    });
  }
}
