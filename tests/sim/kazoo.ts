/**
 * Simulated Kazoo 4.3 Crossbar: `PUT /v2/api_auth`, click-to-call CRUD, `/connect` and `/history`
 * under `/v2/accounts/{account}/clicktocall`, as ../../../shared/providers.md section 5 describes
 * (behaviour from cb_clicktocall.erl / cb_api_auth.erl): Crossbar envelopes with request_id, node, timestamp,
 * revision and version "4.3.1"; `auth_token: "undefined"` in error envelopes; tokens in `X-Auth-Token`
 * expiring after `tokenTtlSeconds` of simulator time; `auth_required`, `whitelist` and `blocking` honoured.
 *
 * configure() switches:
 * - `authRequired` (default true): the default click-to-call's auth_required.
 * - `whitelist` (string[] of regexes, default []): the default click-to-call's whitelist.
 * - `connectStatus` (202 | 200, default 202): HTTP status of a non-blocking connect.
 * - `tokenTtlSeconds` (default 3600): token lifetime on the simulator clock.
 * - `rateLimited` (default false): every request answers 429 "too many requests".
 * - `accountLocked` (default false): account requests answer 423 (expired account).
 * - `originateCause` (default null): the originate fails with this cause (a hangup cause such as
 *   "USER_BUSY", or "timed out" / "no resources"): blocking connects answer it, non-blocking ones write it to
 *   `/history` (cb_clicktocall:create_c2c_history_item) after `originateMs`.
 * - `originateMs` (default 200): real milliseconds a non-blocking originate takes before its result is written
 *   to `/history` (the connect itself answers at once with 202 "processing request").
 * - `delayMs` (default 0): wait before answering (timeouts).
 */
import { randomBytes } from 'node:crypto';
import type { SimContext, SimProvider, SimRequest, SimResponse } from './types';

export const KAZOO_SIM = {
  accountId: '4b31dd1d32ce6d249897c06332375d65',
  accountName: 'acme',
  realm: 'acme.sip.example.com',
  /** Account API keys are 64 hex characters. */
  apiKey: 'a9f3c1e5b7d24f6e8a0c1b3d5e7f9a2c4e6b8d0f1a3c5e7b9d2f4a6c8e0b1d3f',
  clickToCallId: 'c2c5f0e1d2c3b4a5968778695a4b3c2d',
  clickToCallName: 'Sales desk',
  extension: '101',
  node: 'IC9aFAXFkOwYMW04SO3qEA',
  version: '4.3.1',
} as const;

interface ClickToCallDoc {
  id: string;
  name: string;
  extension: string;
  auth_required: boolean;
  whitelist: string[];
  rev: number;
  history: Record<string, unknown>[];
  extra: Record<string, unknown>;
}

interface Config {
  authRequired: boolean;
  whitelist: string[];
  connectStatus: 200 | 202;
  tokenTtlSeconds: number;
  rateLimited: boolean;
  accountLocked: boolean;
  originateCause: string | null;
  originateMs: number;
  delayMs: number;
}

const DEFAULTS: Config = {
  authRequired: true,
  whitelist: [],
  connectStatus: 202,
  tokenTtlSeconds: 3600,
  rateLimited: false,
  accountLocked: false,
  originateCause: null,
  originateMs: 200,
  delayMs: 0,
};

/** Seconds between 0000-01-01 and 1970-01-01: Kazoo's `kz_time:now_s()` counts Gregorian seconds. */
export const GREGORIAN_UNIX_OFFSET_S = 62_167_219_200;

/**
 * `kz_http_util:urlencode/1` as cb_clicktocall applies it to the contact before normalising
 * (`get_c2c_contact/1`: `knm_converters:normalize(kz_http_util:urlencode(Contact))`): every byte outside
 * `[A-Za-z0-9_.~-]` becomes `%XX`, a space becomes `+`. So a contact of "+14155550132" becomes "%2B14155550132".
 */
export function kazooUrlencode(value: string): string {
  return encodeURIComponent(value)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

/**
 * `knm_converter_regex:normalize/1` with the default `e164_converters` (kazoo 4.3 `knm_converter_regex.erl`):
 * a number already starting with "+" is kept; otherwise the first matching regex gives prefix + its last
 * capture; a number matching none (e.g. "%2B14155550132") passes through unchanged.
 */
export function kazooNormalize(number: string): string {
  if (number.startsWith('+')) return number;
  const converters: [RegExp, string][] = [
    [/^(\+?1)?([2-9][0-9]{2}[2-9][0-9]{6})$/, '+1'],
    [/^011(\d{5,})$|^00(\d{5,})$/, '+'],
    [/^[2-9]\d{7,}$/, '+'],
  ];
  for (const [re, prefix] of converters) {
    const match = re.exec(number);
    if (!match) continue;
    // Erlang's {capture, all} drops trailing unmatched groups; lists:last/1 is then the last group that matched.
    const groups = match.slice(1).filter((g) => g !== undefined);
    return `${prefix}${groups.length ? groups[groups.length - 1] : match[0]}`;
  }
  return number;
}

const hex = (bytes: number) => randomBytes(bytes).toString('hex');
const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Kazoo timestamps look like "2017-05-01T20:31:35Z". */
function timestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Creates a fresh simulated Kazoo. */
export function kazooSim(): SimProvider {
  let config: Config = { ...DEFAULTS };
  let docs = new Map<string, ClickToCallDoc>();
  /** token → expiry (simulator ms) and account */
  let tokens = new Map<string, { expiresAt: number; accountId: string }>();
  /** Background originates still to write their history item; cancelled by reset. */
  let pending: ReturnType<typeof setTimeout>[] = [];

  const defaultDoc = (): ClickToCallDoc => ({
    id: KAZOO_SIM.clickToCallId,
    name: KAZOO_SIM.clickToCallName,
    extension: KAZOO_SIM.extension,
    auth_required: config.authRequired,
    whitelist: [...config.whitelist],
    rev: 1,
    history: [],
    extra: {},
  });

  function resetState(): void {
    for (const timer of pending) clearTimeout(timer);
    pending = [];
    config = { ...DEFAULTS };
    docs = new Map([[KAZOO_SIM.clickToCallId, defaultDoc()]]);
    tokens = new Map();
  }
  resetState();

  const envelope = (now: number, authToken: string, rest: Record<string, unknown>): Record<string, unknown> => ({
    auth_token: authToken,
    ...rest,
    node: KAZOO_SIM.node,
    request_id: hex(16),
    timestamp: timestamp(now),
    version: KAZOO_SIM.version,
  });

  const success = (now: number, status: number, token: string, data: unknown, revision = 'undefined'): SimResponse => ({
    status,
    body: envelope(now, token, { data, revision, status: 'success' }),
  });

  /** Crossbar error envelope; 4.3 stringifies a missing token as "undefined". */
  const error = (now: number, status: number, message: string, data: unknown = {}, token?: string): SimResponse => ({
    status,
    body: envelope(now, token ?? 'undefined', { data, error: String(status), message, status: 'error' }),
  });

  const docJson = (doc: ClickToCallDoc) => ({
    auth_required: doc.auth_required,
    custom_application_vars: {},
    extension: doc.extension,
    id: doc.id,
    name: doc.name,
    ...(doc.whitelist.length ? { whitelist: doc.whitelist } : {}),
    ...doc.extra,
  });

  function parseJson(request: SimRequest): { ok: true; value: Record<string, unknown> } | { ok: false } {
    if (!request.body.trim()) return { ok: true, value: {} };
    try {
      const value = JSON.parse(request.body) as unknown;
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false };
      return { ok: true, value: value as Record<string, unknown> };
    } catch {
      return { ok: false };
    }
  }

  /** Checks `X-Auth-Token` (the transport the adapter must use). Returns the token or an error answer. */
  function authenticate(request: SimRequest, now: number): { token: string } | { response: SimResponse } {
    const token = request.headers['x-auth-token'] ?? '';
    if (!token) {
      return { response: error(now, 401, 'invalid_credentials', { message: 'invalid credentials' }) };
    }
    const known = tokens.get(token);
    if (!known || known.expiresAt <= now) {
      // Expired or unknown token: message "invalid credentials", empty data (crossbar_auth).
      return { response: error(now, 401, 'invalid credentials', {}) };
    }
    return { token };
  }

  function apiAuth(request: SimRequest, now: number): SimResponse {
    if (request.method !== 'PUT') return error(now, 405, 'method not allowed', {});
    if (!(request.headers['content-type'] ?? '').includes('application/json')) {
      return error(now, 400, 'invalid request', { message: 'Content-Type must be application/json' });
    }
    const parsed = parseJson(request);
    if (!parsed.ok) return error(now, 400, 'invalid request', { message: 'body is not a JSON object' });
    const data = parsed.value.data;
    const apiKey = typeof data === 'object' && data !== null ? (data as Record<string, unknown>).api_key : undefined;
    if (typeof apiKey !== 'string' || apiKey === '') {
      return error(now, 401, 'invalid_credentials', { message: 'invalid credentials' });
    }
    if (apiKey.length !== 64) {
      return error(now, 400, 'validation error', {
        api_key: {
          [apiKey.length < 64 ? 'minLength' : 'maxLength']: {
            message: `String must be ${apiKey.length < 64 ? 'at least' : 'at most'} 64 characters`,
            target: 64,
          },
        },
      });
    }
    if (apiKey !== KAZOO_SIM.apiKey) return error(now, 404, 'bad identifier', [apiKey]);
    // Kazoo 4.3 tokens are JWTs; this one is shaped like one (unsigned), carrying the account and expiry.
    const exp = Math.floor(now / 1000) + config.tokenTtlSeconds;
    const token = `${b64url({ alg: 'RS256', typ: 'JWT' })}.${b64url({
      account_id: KAZOO_SIM.accountId,
      auth_type: 'api_key',
      iat: Math.floor(now / 1000),
      exp,
    })}.${hex(32)}`;
    tokens.set(token, { expiresAt: now + config.tokenTtlSeconds * 1000, accountId: KAZOO_SIM.accountId });
    return success(now, 201, token, {
      account_id: KAZOO_SIM.accountId,
      account_name: KAZOO_SIM.accountName,
      apps: [],
      is_reseller: false,
      language: 'en-us',
      owner_id: '',
      reseller_id: 'f0e1d2c3b4a5968778695a4b3c2d1e0f',
    });
  }

  function connect(
    request: SimRequest,
    now: number,
    c2cId: string,
    doc: ClickToCallDoc | undefined,
    token: string,
  ): SimResponse {
    if (config.rateLimited) return error(now, 429, 'too many requests', {}, token || undefined);
    if (!doc) return error(now, 404, 'bad identifier', [c2cId], token || undefined);
    const body = parseJson(request);
    if (!body.ok) return error(now, 400, 'invalid request', { message: 'body is not a JSON object' });
    const data = (typeof body.value.data === 'object' && body.value.data !== null ? body.value.data : {}) as Record<
      string,
      unknown
    >;
    // cb_context:req_value looks in data, then the top-level body, then the query string.
    const pick = (key: string): unknown => data[key] ?? body.value[key] ?? request.query.get(key) ?? undefined;
    const contactRaw = pick('contact');
    const contact = typeof contactRaw === 'string' && contactRaw !== '' ? contactRaw : undefined;
    if (contact === undefined) {
      return error(now, 400, 'validation error', {
        contact: { required: { message: 'The contact extension for this click to call has not been set' } },
      });
    }
    if (doc.whitelist.length && !doc.whitelist.some((re) => new RegExp(re).test(contact))) {
      return error(now, 400, "Contact doesn't match whitelist", contact, token || undefined);
    }
    const autoAnswer = request.query.get('auto_answer') ?? 'true';
    const outboundCallId = `c2c-${doc.id}-${hex(8)}`;
    // What the platform dials on the second leg: the contact URL-encoded, then normalised (see kazooNormalize).
    const route = kazooNormalize(kazooUrlencode(contact));
    const historyItem = (at: number): Record<string, unknown> => {
      const item: Record<string, unknown> = {
        timestamp: Math.floor(at / 1000) + GREGORIAN_UNIX_OFFSET_S,
        contact: route,
      };
      if (config.originateCause) Object.assign(item, { result: 'error', cause: config.originateCause });
      else Object.assign(item, { call_id: outboundCallId, result: 'success' });
      return item;
    };
    const blocking = pick('blocking');
    if (blocking === true) {
      const item = historyItem(now);
      doc.history.push(item);
      return success(now, 200, token, item);
    }
    if (blocking !== undefined && blocking !== false) {
      // A string "true" (query string) does not match the module's boolean clause: a crash, i.e. 500.
      return error(now, 500, 'init failed', {}, token || undefined);
    }
    // Non-blocking: the originate runs in the background and its result lands in /history later.
    const startedAt = now;
    pending.push(
      setTimeout(() => {
        if (docs.get(doc.id) === doc) doc.history.push(historyItem(startedAt + config.originateMs));
      }, config.originateMs),
    );
    const realm = KAZOO_SIM.realm;
    return success(now, config.connectStatus, token, {
      application_data: { route },
      application_name: 'transfer',
      continue_on_fail: true,
      custom_application_vars: { contact },
      custom_channel_vars: {
        account_id: KAZOO_SIM.accountId,
        authorizing_id: doc.id,
        authorizing_type: 'clicktocall',
        auto_answer_loopback: autoAnswer !== 'false',
        from_uri: `${doc.extension}@${realm}`,
        inherit_codec: false,
        loopback_request_uri: `${route}@${realm}`,
        request_uri: `${route}@${realm}`,
        retain_cid: true,
      },
      dial_endpoint_method: 'single',
      endpoints: [{ invite_format: 'loopback', route: doc.extension, to_did: doc.extension, to_realm: realm }],
      ignore_early_media: true,
      loopback_bowout: 'false',
      outbound_call_id: outboundCallId,
      outbound_callee_id_name: doc.extension,
      outbound_callee_id_number: doc.extension,
      outbound_caller_id_name: doc.name,
      outbound_caller_id_number: route,
      simplify_loopback: 'false',
      start_control_process: 'false',
      timeout: 30,
    });
  }

  function accounts(request: SimRequest, now: number): SimResponse {
    // /v2/accounts/{account}/clicktocall[/{c2c}[/connect|/history]]
    const parts = request.path.split('/').slice(1); // ['v2','accounts',acc,'clicktocall',c2c?,action?]
    const [, , accountId, resource, c2cId, action, ...rest] = parts;
    if (resource !== 'clicktocall' || rest.length || parts.some((p) => p === '') || !accountId) {
      return error(now, 404, 'not found', {});
    }
    const doc = c2cId ? docs.get(c2cId) : undefined;
    const method = request.method;
    const allowed = !c2cId
      ? ['GET', 'PUT']
      : !action
        ? ['GET', 'POST', 'PATCH', 'DELETE']
        : action === 'connect'
          ? ['GET', 'POST']
          : action === 'history'
            ? ['GET']
            : [];
    if (!allowed.length) return error(now, 404, 'not found', {});
    if (!allowed.includes(method)) return error(now, 405, 'method not allowed', {});

    // cb_clicktocall:authenticate: the exact connect URL (GET/POST) needs no token when the object exists
    // in this account and has auth_required=false. A missing object loads as empty → auth required.
    const open = action === 'connect' && accountId === KAZOO_SIM.accountId && doc !== undefined && !doc.auth_required;
    let token = '';
    if (!open) {
      const auth = authenticate(request, now);
      if ('response' in auth) return auth.response;
      token = auth.token;
      if (accountId !== KAZOO_SIM.accountId) {
        // An account id that is well-formed but unknown: cb_accounts loads nothing → bad identifier.
        return /^[0-9a-f]{32}$/.test(accountId)
          ? error(now, 404, 'bad identifier', [accountId], token)
          : error(now, 403, 'forbidden', {}, token);
      }
    } else if (request.headers['x-auth-token']) {
      token = request.headers['x-auth-token'];
    }
    if (config.accountLocked) {
      return error(now, 423, 'locked', { account: { expired: { message: 'account expired' } } }, token || undefined);
    }
    if (config.rateLimited && action !== 'connect') return error(now, 429, 'too many requests', {}, token);

    if (action === 'connect') return connect(request, now, c2cId!, doc, token);
    if (c2cId && !doc) return error(now, 404, 'bad identifier', [c2cId], token);
    if (action === 'history') return success(now, 200, token, doc!.history);
    if (!c2cId && method === 'GET') {
      const list = [...docs.values()].map((d) => ({ extension: d.extension, id: d.id, name: d.name }));
      return { status: 200, body: { ...(success(now, 200, token, list).body as object), page_size: list.length } };
    }
    if (method === 'GET') return success(now, 200, token, docJson(doc!), `${doc!.rev}-${hex(16)}`);
    if (method === 'DELETE') {
      docs.delete(doc!.id);
      return success(now, 200, token, { ...docJson(doc!), _read_only: { deleted: true } });
    }
    // PUT (create), POST (replace), PATCH (merge): validate against the clicktocall schema.
    if (!(request.headers['content-type'] ?? '').includes('application/json')) {
      return error(now, 400, 'invalid request', { message: 'Content-Type must be application/json' }, token);
    }
    const body = parseJson(request);
    const data = body.ok ? body.value.data : undefined;
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      return error(now, 400, 'invalid request', { message: 'expected {"data":{…}}' }, token);
    }
    const input = (method === 'PATCH' ? { ...docJson(doc!), ...data } : data) as Record<string, unknown>;
    const problems: Record<string, unknown> = {};
    if (typeof input.name !== 'string' || input.name.length < 1 || input.name.length > 128) {
      problems.name =
        input.name === undefined
          ? { required: { message: 'Field is required but missing' } }
          : {
              type: { message: 'Value must be a string of 1 to 128 characters' },
            };
    }
    if (typeof input.extension !== 'string' || input.extension === '') {
      problems.extension = { required: { message: 'Field is required but missing' } };
    }
    if (input.auth_required !== undefined && typeof input.auth_required !== 'boolean') {
      problems.auth_required = { type: { message: 'Value is not of type boolean' } };
    }
    if (
      input.whitelist !== undefined &&
      !(Array.isArray(input.whitelist) && input.whitelist.every((w) => typeof w === 'string' && w))
    ) {
      problems.whitelist = { type: { message: 'Value must be an array of non-empty strings' } };
    }
    if (Object.keys(problems).length) return error(now, 400, 'validation error', problems, token);
    const { name, extension, auth_required, whitelist, id: _id, ...extra } = input;
    const next: ClickToCallDoc = {
      id: method === 'PUT' ? hex(16) : doc!.id,
      name: name as string,
      extension: extension as string,
      auth_required: (auth_required as boolean | undefined) ?? true,
      whitelist: (whitelist as string[] | undefined) ?? [],
      rev: method === 'PUT' ? 1 : doc!.rev + 1,
      history: method === 'PUT' ? [] : doc!.history,
      extra: Object.fromEntries(Object.entries(extra).filter(([k]) => k !== 'custom_application_vars')),
    };
    docs.set(next.id, next);
    return success(now, method === 'PUT' ? 201 : 200, token, docJson(next), `${next.rev}-${hex(16)}`);
  }

  return {
    name: 'kazoo',
    kind: 'provider',
    matches: (request) => request.path === '/v2' || request.path.startsWith('/v2/'),
    handle(request, context: SimContext) {
      const now = context.clock.now();
      let response: SimResponse;
      if (request.path === '/v2/api_auth') {
        response = config.rateLimited ? error(now, 429, 'too many requests', {}) : apiAuth(request, now);
      } else if (request.path.startsWith('/v2/accounts/')) {
        response = accounts(request, now);
      } else {
        response = error(now, 404, 'not found', {});
      }
      return config.delayMs ? { ...response, delayMs: config.delayMs } : response;
    },
    reset: resetState,
    configure(patch) {
      for (const [key, value] of Object.entries(patch)) {
        if (!(key in DEFAULTS)) throw new Error(`kazoo sim: unknown switch "${key}"`);
        (config as unknown as Record<string, unknown>)[key] = value;
      }
      const doc = docs.get(KAZOO_SIM.clickToCallId);
      if (doc) {
        if ('authRequired' in patch) doc.auth_required = config.authRequired;
        if ('whitelist' in patch) doc.whitelist = [...config.whitelist];
      }
    },
    settings: (context) => ({
      type: 'kazoo',
      baseUrl: context.baseUrl,
      accountId: KAZOO_SIM.accountId,
      clickToCallId: KAZOO_SIM.clickToCallId,
      apiKey: KAZOO_SIM.apiKey,
    }),
  };
}
