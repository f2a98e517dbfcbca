/**
 * Simulated Yeastar S-Series API v2.0.0 (../shared/providers.md §2, vendor page
 * ../shared/vendor-docs/yeastar-s-series-make-a-call.txt).
 *
 * Every answer is HTTP 200 with JSON; failures are `{"status":"Failed","errno":"<string>"}`. Only POST
 * (else 20001), only JSON (else 20000). Tokens live 30 minutes after their last use (sliding, on the simulator
 * clock); five consecutive failed logins lock the client IP for 10 minutes (20002).
 *
 * Configuration (`configure`):
 * - `extensionBusy` (false): dial → 10008 (extension is not idle).
 * - `outboundPermission` (true): false → 10024 for external callees.
 * - `rejectNumber` (false | "10011" | "10031"): dial → that errno.
 * A `callee` that is not all digits (the doc types it Integer; "+1415…" matches no outbound route) → 10031.
 * - `allowedIp` (true): false → 20015 on every request, login included.
 * - `apiServerRunning` (true): false → 30003 on dial.
 * - `revokeTokens` (action): forget every issued token now (→ 20004 "no such token").
 * - `redirectToHttps` (false): every request answers 301 to the same path on https:// (the PBX's web access
 *   set to HTTPS only: HTTP 80 redirects, as on K2 / P-Series).
 * - `delayMs` (0): wait before answering (timeouts).
 */
import { createHash, randomBytes } from 'node:crypto';
import { tokenSimState } from './token-state';
import type { SimContext, SimProvider, SimRequest, SimResponse } from './types';

export const YEASTAR_SIM_USERNAME = 'api';
export const YEASTAR_SIM_PASSWORD = 'Sim-Pa55word!';
/** Extensions that exist on the simulated PBX. */
export const YEASTAR_SIM_EXTENSIONS = ['1023', '1024', '2000'];
export const YEASTAR_TOKEN_TTL_MS = 30 * 60 * 1000;
export const YEASTAR_LOCK_MS = 10 * 60 * 1000;
export const YEASTAR_MAX_FAILED_LOGINS = 5;

const PREFIX = '/api/v2.0.0/';

interface YeastarConfig {
  extensionBusy: boolean;
  outboundPermission: boolean;
  rejectNumber: false | '10011' | '10031';
  allowedIp: boolean;
  apiServerRunning: boolean;
  redirectToHttps: boolean;
  delayMs: number;
}

const DEFAULTS: YeastarConfig = {
  extensionBusy: false,
  outboundPermission: true,
  rejectNumber: false,
  allowedIp: true,
  apiServerRunning: true,
  redirectToHttps: false,
  delayMs: 0,
};

// The response headers of the vendor's examples ("Server: Boa/0.94.14rc21", "Connection: close", CORS).
const HEADERS = {
  server: 'Boa/0.94.14rc21',
  'accept-ranges': 'bytes',
  connection: 'close',
  'content-type': 'application/json',
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, OPTIONS, PUT, DELETE',
};

const FIELDS: Record<string, { required: string[]; optional: string[] }> = {
  login: { required: ['username', 'password'], optional: ['version', 'port', 'url', 'urltag'] },
  heartbeat: { required: [], optional: ['ipaddr', 'port', 'url', 'urlflag'] },
  logout: { required: [], optional: [] },
  'call/dial': { required: ['caller', 'callee'], optional: ['dialpermission', 'autoanswer'] },
};

/** Creates the Yeastar S-Series simulator. */
export function yeastarSSim(): SimProvider {
  const state = tokenSimState(DEFAULTS);
  /** token → last use (simulator clock). */
  const { tokens } = state;
  // The lock is per client IP; every simulator client is on 127.0.0.1, so one record is that IP's.
  let failures = { count: 0, lockedUntil: 0 };

  const answer = (body: Record<string, unknown>): SimResponse => ({
    status: 200,
    body,
    headers: HEADERS,
    delayMs: state.config.delayMs,
  });
  const failed = (errno: string) => answer({ status: 'Failed', errno });

  return {
    name: 'yeastar-s',
    kind: 'provider',
    matches: (request) => request.path.startsWith(PREFIX),
    handle(request: SimRequest, context: SimContext): SimResponse {
      if (state.config.redirectToHttps) {
        const url = new URL(context.baseUrl);
        const target = `https://${url.host}${request.path}${request.query.size ? `?${request.query}` : ''}`;
        return { status: 301, body: '', headers: { location: target }, delayMs: state.config.delayMs };
      }
      if (!state.config.allowedIp) return failed('20015');
      if (request.method !== 'POST') return failed('20001');
      const endpoint = request.path.slice(PREFIX.length);
      const fields = FIELDS[endpoint];
      if (!fields) return failed('10003');
      const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      let body: unknown;
      try {
        body = request.body ? JSON.parse(request.body) : {};
      } catch {
        return failed('20000');
      }
      if (type !== 'application/json' || typeof body !== 'object' || body === null || Array.isArray(body)) {
        return failed('20000');
      }
      const params = body as Record<string, unknown>;
      // [U] Yeastar documents no error for unknown or non-string fields; 10002 ("unsupported packet format")
      // is the closest documented code, so a misspelt field fails loudly here instead of being ignored.
      for (const [name, value] of Object.entries(params)) {
        if (!fields.required.includes(name) && !fields.optional.includes(name)) return failed('10002');
        if (typeof value !== 'string') return failed('10002');
      }
      for (const name of fields.required) {
        if (params[name] === undefined) return failed('10004');
      }
      const now = context.clock.now();
      if (endpoint === 'login') return login(params as Record<string, string>, now);

      const token = request.query.get('token');
      if (!token) return failed('20005');
      const lastUse = tokens.get(token);
      if (lastUse === undefined) return failed('20004');
      if (now - lastUse >= YEASTAR_TOKEN_TTL_MS) {
        tokens.delete(token);
        return failed('20006');
      }
      // Any interaction extends the token's life (v1.x docs: "erased if there is no interaction for 30 minutes").
      tokens.set(token, now);
      if (endpoint === 'heartbeat') return answer({ status: 'Success' });
      if (endpoint === 'logout') {
        tokens.delete(token);
        return answer({ status: 'Success' });
      }
      return dial(params as Record<string, string>, now);
    },
    reset() {
      state.reset();
      failures = { count: 0, lockedUntil: 0 };
    },
    configure: state.configure,
    settings: (context) => ({
      type: 'yeastar-s',
      baseUrl: context.baseUrl,
      username: YEASTAR_SIM_USERNAME,
      password: YEASTAR_SIM_PASSWORD,
      extension: YEASTAR_SIM_EXTENSIONS[0],
      dialPermission: '',
    }),
  };

  function login(params: Record<string, string>, now: number): SimResponse {
    const record = failures;
    if (record.lockedUntil > now) return failed('20002');
    if (record.lockedUntil && record.lockedUntil <= now) {
      record.count = 0;
      record.lockedUntil = 0;
    }
    if (params.version !== undefined && params.version !== '2.0.0') return failed('10002');
    const expected = createHash('md5').update(YEASTAR_SIM_PASSWORD, 'utf8').digest('hex');
    // The password must be the MD5 in lower-case hex; the plain password (or upper-case hex) is simply wrong.
    if (params.username !== YEASTAR_SIM_USERNAME || params.password !== expected) {
      record.count++;
      if (record.count >= YEASTAR_MAX_FAILED_LOGINS) record.lockedUntil = now + YEASTAR_LOCK_MS;
      return failed('20003');
    }
    failures = { count: 0, lockedUntil: 0 };
    const token = randomBytes(16).toString('hex');
    tokens.set(token, now);
    return answer({ status: 'Success', token, transport: 'TCP' });
  }

  function dial(params: Record<string, string>, now: number): SimResponse {
    if (!state.config.apiServerRunning) return failed('30003');
    const { caller, callee, dialpermission, autoanswer } = params as Record<string, string | undefined>;
    if (autoanswer !== undefined && autoanswer !== 'yes' && autoanswer !== 'no') return failed('10002');
    if (!caller) return failed('10004');
    if (!callee) return failed('10028');
    if (!YEASTAR_SIM_EXTENSIONS.includes(caller)) return failed('10006');
    if (dialpermission !== undefined && dialpermission !== '' && !YEASTAR_SIM_EXTENSIONS.includes(dialpermission)) {
      return failed('10006');
    }
    // "callee: Integer … must match outbound route rules" (Make a call): a "+" or any non-digit matches no route.
    if (!/^[0-9]+$/.test(callee)) return failed('10031');
    if (state.config.rejectNumber) return failed(state.config.rejectNumber);
    const external = !YEASTAR_SIM_EXTENSIONS.includes(callee);
    if (external && !state.config.outboundPermission) return failed('10024');
    if (state.config.extensionBusy) return failed('10008');
    // Asterisk-style uniqueid, as in the doc's example "1571620483.18".
    const callSeq = state.nextCall();
    return answer({ status: 'Success', callid: `${Math.floor(now / 1000)}.${callSeq}` });
  }
}
