/**
 * Simulated HelpDeskEddy telephony API (../../../shared/providers.md section 4):
 * `POST /api/v2/telephony/calls/{channelKey}/` with multipart form-data (`create_call`, `update_call`) and
 * `GET /api/v2/tickets/` (a harmless read used by the connection test). HTTP Basic base64(email:api_key) on
 * every request; `X-Rate-Limit` / `X-Rate-Limit-Remaining` on every answer; over the per-minute limit the API
 * is blocked for 20 minutes (API overview).
 *
 * HDE does not document its error answers. This simulator's choices (marked [I] in providers.md):
 * 401 bad credentials, 404 unknown channel key, 403 telephony not allowed, 400 body not multipart,
 * 422 `{"errors":{field:[message]}}` for missing, invalid or unknown fields, 429 over the limit.
 *
 * configure() switches:
 * - `rpm` (default 300): requests allowed per minute of simulator time.
 * - `telephonyAllowed` (default true): false answers 403 on the telephony endpoint.
 * - `delayMs` (default 0): wait before answering (timeouts).
 */
import type { SimContext, SimProvider, SimRequest, SimResponse } from './types';

export const HDE_SIM = {
  email: 'agent@acme.example',
  apiKey: 'da736d56-c09d-4c7f-96c3-d961c29b7ee6',
  channelKey: 'DyJmRuiZTsqsXyRsegJQ',
} as const;

const BLOCK_MS = 20 * 60_000;
const CALL_STATUSES = ['ringing', 'in-progress', 'canceled', 'missed', 'failed', 'answered', 'busy'];
const CREATE_FIELDS = [
  'action',
  'direction',
  'phone',
  'call_status',
  'pbx_call_id',
  'pbx_user_ids[]',
  'user_ids[]',
  'group_ids[]',
  'audio_record',
  'comment',
];
const UPDATE_FIELDS = [
  'action',
  'call_id',
  'pbx_call_id',
  'call_status',
  'pbx_user_id',
  'user_id',
  'audio_record',
  'comment',
];

interface Config {
  rpm: number;
  telephonyAllowed: boolean;
  delayMs: number;
}

const DEFAULTS: Config = { rpm: 300, telephonyAllowed: true, delayMs: 0 };

export type MultipartFields = Map<string, string[]>;

/**
 * Parses a multipart/form-data body into field name → values (repeated names keep every value; a file
 * part's value is its content as text). Returns null when the Content-Type has no boundary or the body
 * does not follow it.
 */
export function parseMultipart(raw: Buffer, contentType: string): MultipartFields | null {
  const match = /^multipart\/form-data\s*;.*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  if (!match) return null;
  const delimiter = `--${match[1] ?? match[2]}`;
  const text = raw.toString('utf8');
  const chunks = text.split(delimiter);
  if (chunks.length < 3 || !chunks[chunks.length - 1]!.startsWith('--')) return null;
  const fields: MultipartFields = new Map();
  for (const chunk of chunks.slice(1, -1)) {
    if (!chunk.startsWith('\r\n') || !chunk.endsWith('\r\n')) return null;
    const part = chunk.slice(2, -2);
    const split = part.indexOf('\r\n\r\n');
    if (split < 0) return null;
    const head = part.slice(0, split);
    const name = /content-disposition:\s*form-data;\s*name="([^"]*)"/i.exec(head)?.[1];
    if (name === undefined) return null;
    fields.set(name, [...(fields.get(name) ?? []), part.slice(split + 4)]);
  }
  return fields;
}

/** Creates a fresh simulated HelpDeskEddy. */
export function helpdeskeddySim(): SimProvider {
  let config: Config = { ...DEFAULTS };
  let windowStart = 0;
  let used = 0;
  let blockedUntil = 0;
  let nextCallId = 1;
  let nextTicketId = 4567;
  let calls = new Map<number, Record<string, unknown>>();

  function resetState(): void {
    config = { ...DEFAULTS };
    windowStart = 0;
    used = 0;
    blockedUntil = 0;
    nextCallId = 1;
    nextTicketId = 4567;
    calls = new Map();
  }

  const validation = (errors: Record<string, string[]>): SimResponse => ({ status: 422, body: { errors } });

  function authorised(request: SimRequest): boolean {
    const header = request.headers.authorization ?? '';
    const m = /^Basic ([A-Za-z0-9+/=]+)$/.exec(header);
    if (!m) return false;
    return Buffer.from(m[1]!, 'base64').toString('utf8') === `${HDE_SIM.email}:${HDE_SIM.apiKey}`;
  }

  function createCall(fields: MultipartFields): SimResponse {
    const one = (name: string) => fields.get(name)?.[0];
    const errors: Record<string, string[]> = {};
    for (const name of fields.keys()) if (!CREATE_FIELDS.includes(name)) errors[name] = ['Unknown parameter.'];
    for (const [name, values] of fields) {
      if (values.length > 1 && !name.endsWith('[]')) errors[name] = ['Must be given once.'];
    }
    const direction = one('direction');
    if (!direction) errors.direction = ['The direction field is required.'];
    else if (direction !== 'incoming' && direction !== 'outgoing') errors.direction = ['Must be incoming or outgoing.'];
    if (!one('phone')) errors.phone = ['The phone field is required.'];
    const status = one('call_status');
    if (status !== undefined && !CALL_STATUSES.includes(status)) errors.call_status = ['Unknown call status.'];
    const audiences = ['user_ids[]', 'group_ids[]', 'pbx_user_ids[]'].filter((name) => fields.has(name));
    if (audiences.length > 1)
      errors[audiences[1]!] = ['Only one of user_ids, group_ids and pbx_user_ids may be given.'];
    for (const name of audiences) {
      if (fields.get(name)!.some((v) => v === '')) errors[name] = ['Values must not be empty.'];
    }
    if (Object.keys(errors).length) return validation(errors);
    const pbxUsers = fields.get('pbx_user_ids[]') ?? [];
    const card = {
      call_id: nextCallId++,
      pbx_call_id: one('pbx_call_id') ?? null,
      user_id: 0,
      pbx_user_id: pbxUsers.length === 1 ? pbxUsers[0]! : null,
      call_status: status ?? 'ringing',
      audio_record: null,
      ticket_id: nextTicketId++,
    };
    calls.set(card.call_id, card);
    return { status: 200, body: { data: card } };
  }

  function updateCall(fields: MultipartFields): SimResponse {
    const one = (name: string) => fields.get(name)?.[0];
    const errors: Record<string, string[]> = {};
    for (const name of fields.keys()) if (!UPDATE_FIELDS.includes(name)) errors[name] = ['Unknown parameter.'];
    const status = one('call_status');
    if (!status) errors.call_status = ['The call_status field is required.'];
    else if (!CALL_STATUSES.includes(status)) errors.call_status = ['Unknown call status.'];
    const callId = one('call_id');
    const pbxCallId = one('pbx_call_id');
    if (!callId && !pbxCallId) errors.call_id = ['One of call_id or pbx_call_id is required.'];
    if (Object.keys(errors).length) return validation(errors);
    const card = callId ? calls.get(Number(callId)) : [...calls.values()].find((c) => c.pbx_call_id === pbxCallId);
    if (!card) return { status: 404, body: { errors: ['Call not found.'] } };
    card.call_status = status;
    return { status: 200, body: { data: card } };
  }

  function route(request: SimRequest): SimResponse {
    if (!authorised(request)) return { status: 401, body: { errors: ['Unauthorized.'] } };
    if (request.path === '/api/v2/tickets/' || request.path === '/api/v2/tickets') {
      if (request.method !== 'GET') return { status: 405, body: { errors: ['Method not allowed.'] } };
      return {
        status: 200,
        body: { data: [], pagination: { total: 0, per_page: 30, current_page: 1, total_pages: 1 } },
      };
    }
    const m = /^\/api\/v2\/telephony\/calls\/([^/]+)\/?$/.exec(request.path);
    if (!m) return { status: 404, body: { errors: ['Not found.'] } };
    if (decodeURIComponent(m[1]!) !== HDE_SIM.channelKey)
      return { status: 404, body: { errors: ['Channel not found.'] } };
    if (request.method !== 'POST') return { status: 405, body: { errors: ['Method not allowed.'] } };
    if (!config.telephonyAllowed) return { status: 403, body: { errors: ['Access to telephony denied.'] } };
    const fields = parseMultipart(request.rawBody, request.headers['content-type'] ?? '');
    if (!fields) return { status: 400, body: { errors: ['Expected a multipart/form-data body.'] } };
    const action = fields.get('action')?.[0];
    if (action === 'create_call') return createCall(fields);
    if (action === 'update_call') return updateCall(fields);
    return validation({ action: [action ? 'Unknown action.' : 'The action field is required.'] });
  }

  return {
    name: 'helpdeskeddy',
    kind: 'callLog',
    matches: (request) => request.path.startsWith('/api/v2/'),
    handle(request, context: SimContext) {
      const now = context.clock.now();
      const rateHeaders = (remaining: number) => ({
        'x-rate-limit': String(config.rpm),
        'x-rate-limit-remaining': String(Math.max(0, remaining)),
      });
      const delayMs = config.delayMs || undefined;
      if (now < blockedUntil) {
        return { status: 429, body: { errors: ['Too Many Requests.'] }, headers: rateHeaders(0), delayMs };
      }
      if (now - windowStart >= 60_000) {
        windowStart = now;
        used = 0;
      }
      used += 1;
      if (used > config.rpm) {
        blockedUntil = now + BLOCK_MS;
        return { status: 429, body: { errors: ['Too Many Requests.'] }, headers: rateHeaders(0), delayMs };
      }
      const response = route(request);
      return { ...response, headers: { ...response.headers, ...rateHeaders(config.rpm - used) }, delayMs };
    },
    reset: resetState,
    configure(patch) {
      for (const [key, value] of Object.entries(patch)) {
        if (!(key in DEFAULTS)) throw new Error(`helpdeskeddy sim: unknown switch "${key}"`);
        (config as unknown as Record<string, unknown>)[key] = value;
      }
    },
    settings: (context) => ({
      type: 'helpdeskeddy',
      baseUrl: context.baseUrl,
      channelKey: HDE_SIM.channelKey,
      email: HDE_SIM.email,
      apiKey: HDE_SIM.apiKey,
    }),
  };
}
