/**
 * Simulated Asterisk REST Interface (docs/providers/asterisk-ari.md; Asterisk's rest-api/api-docs/channels.json,
 * res/res_ari.c and res/ari/resource_channels.c).
 *
 * Routes: `GET /ari/asterisk/info`, `GET /ari/endpoints/{tech}/{resource}`, `POST /ari/channels` (originate),
 * `GET|DELETE /ari/channels/{id}`. Auth is HTTP Basic (or `?api_key=user:pass`, which Asterisk also takes and the
 * adapter must never use). Answers as res_ari does: errors `{"message": "…"}`, an allocation failure
 * `{"error": "Allocation failed"}` with 500, a URL ending in "/" 404, an unknown route 404 "Resource not found".
 *
 * The originate reads query parameters and the JSON body's keys alike ("Other keys in the body object are
 * interpreted as query parameters"); the body is read only with `Content-Type: application/json`. Stricter than
 * Asterisk (which ignores them), an unknown parameter or one of the wrong JSON type is refused with 400, so a
 * misspelt key cannot pass unnoticed.
 *
 * Configuration (`configure`):
 * - `readOnly` (false): the ARI user is `read_only` → 403 "Write access denied" on every non-GET request.
 * - `extensionOnline` (true): false → the endpoint has no registered contact: its state is "offline" and an
 *   originate to it answers 500 (the channel driver cannot create the channel) [I].
 * - `booted` (true): false → 503 "Asterisk not booted" on every request.
 * - `delayMs` (0): wait before answering (timeouts).
 */
import type { SimContext, SimProvider, SimRequest, SimResponse } from './types';

/** The `ari.conf` user the simulator accepts. */
export const ASTERISK_SIM = {
  username: 'clicktodial',
  password: 'Ari-Sim-Secret-7f3e21b9',
  endpoint: 'PJSIP/101',
  context: 'from-internal',
  version: '20.5.0',
} as const;

/** Endpoints that exist: technology/resource. */
const ENDPOINTS = ['PJSIP/101', 'PJSIP/102', 'SIP/201'];

interface AriConfig {
  readOnly: boolean;
  extensionOnline: boolean;
  booted: boolean;
  delayMs: number;
}

const DEFAULTS: AriConfig = { readOnly: false, extensionOnline: true, booted: true, delayMs: 0 };

/** Originate parameters (channels.json) and their JSON types in a body. */
const ORIGINATE_PARAMS: Record<string, 'string' | 'integer'> = {
  endpoint: 'string',
  extension: 'string',
  context: 'string',
  priority: 'integer',
  label: 'string',
  app: 'string',
  appArgs: 'string',
  callerId: 'string',
  timeout: 'integer',
  channelId: 'string',
  otherChannelId: 'string',
  originator: 'string',
  formats: 'string',
};

interface SimChannel {
  id: string;
  endpoint: string;
  params: Record<string, string>;
  variables: Record<string, string>;
}

/** Creates the Asterisk ARI simulator. */
export function asteriskAriSim(): SimProvider {
  let config: AriConfig = { ...DEFAULTS };
  let channels = new Map<string, SimChannel>();
  let sequence = 0;

  const answer = (status: number, body: unknown, headers?: Record<string, string>): SimResponse => ({
    status,
    body,
    headers,
    delayMs: config.delayMs,
  });
  const error = (status: number, message: string) => answer(status, { message });
  const allocationFailed = () => answer(500, { error: 'Allocation failed' });

  function authenticated(request: SimRequest): boolean {
    const match = /^Basic (\S+)$/i.exec(request.headers.authorization ?? '');
    const credentials = match
      ? Buffer.from(match[1]!, 'base64').toString('utf8')
      : (request.query.get('api_key') ?? undefined);
    return credentials === `${ASTERISK_SIM.username}:${ASTERISK_SIM.password}`;
  }

  function endpointState(endpoint: string): 'online' | 'offline' {
    return endpoint === ASTERISK_SIM.endpoint && !config.extensionOnline ? 'offline' : 'online';
  }

  function originate(request: SimRequest, context: SimContext): SimResponse {
    const params: Record<string, string> = {};
    for (const [key, value] of request.query) if (key !== 'api_key') params[key] = value;
    let variables: Record<string, unknown> = {};
    const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type === 'application/json' && request.body.trim()) {
      let body: unknown;
      try {
        body = JSON.parse(request.body);
      } catch {
        return error(400, 'Error parsing request body');
      }
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        return error(400, 'Error parsing request body');
      }
      for (const [key, value] of Object.entries(body)) {
        if (key === 'variables') {
          if (typeof value !== 'object' || value === null || Array.isArray(value)) return allocationFailed();
          variables = value as Record<string, unknown>;
          continue;
        }
        const expected = ORIGINATE_PARAMS[key];
        if (!expected) return error(400, `[sim] unknown originate parameter "${key}"`);
        if (expected === 'integer' ? !Number.isInteger(value) : typeof value !== 'string') {
          return error(400, `[sim] parameter "${key}" must be a JSON ${expected}`);
        }
        params[key] = String(value);
      }
    }
    for (const key of Object.keys(params)) {
      if (!ORIGINATE_PARAMS[key]) return error(400, `[sim] unknown originate parameter "${key}"`);
    }
    // resource_channels.c ari_channels_handle_originate_with_id, in its order.
    const endpoint = params.endpoint ?? '';
    if (!endpoint) return error(400, 'Endpoint must be specified');
    const slash = endpoint.indexOf('/');
    if (slash <= 0 || slash === endpoint.length - 1) return error(400, 'Invalid endpoint specified');
    if (!params.app && !params.extension) return error(400, 'Application or extension must be specified');
    if (params.priority !== undefined && Number(params.priority) < 1) {
      return error(400, 'Requested priority is illegal');
    }
    // ast_json_to_ast_variables takes string values only; anything else is reported as an allocation failure.
    if (Object.values(variables).some((v) => typeof v !== 'string')) return allocationFailed();
    for (const name of Object.keys(variables)) {
      // [sim] PJSIP_HEADER takes (add,Name) to add a header; anything else would fail on the real channel.
      if (/^PJSIP_HEADER\(/i.test(name) && !/^PJSIP_HEADER\(add,[A-Za-z0-9!#$%&'*+.^_`|~-]+\)$/.test(name)) {
        return error(400, `[sim] malformed dialplan function "${name}"`);
      }
    }
    // ast_dial_prerun fails when the channel driver cannot create the channel: unknown endpoint, or [I] a PJSIP
    // endpoint without a registered contact.
    if (!ENDPOINTS.includes(endpoint) || endpointState(endpoint) === 'offline') return allocationFailed();
    sequence += 1;
    const id = `${Math.floor(context.clock.now() / 1000)}.${sequence}`;
    channels.set(id, { id, endpoint, params, variables: variables as Record<string, string> });
    const callerId = /^"?([^"<]*)"?\s*(?:<([^>]*)>)?$/.exec(params.callerId ?? '') ?? [];
    return answer(200, {
      id,
      name: `${endpoint}-${String(sequence).padStart(8, '0')}`,
      state: 'Down',
      caller: { name: (callerId[1] ?? '').trim(), number: callerId[2] ?? '' },
      connected: { name: '', number: '' },
      accountcode: '',
      dialplan: {
        context: params.context ?? 'default',
        exten: params.extension ?? 's',
        priority: Number(params.priority ?? 1),
        app_name: '',
        app_data: '',
      },
      creationtime: new Date(context.clock.now()).toISOString().replace('Z', '+0000'),
      language: 'en',
    });
  }

  return {
    name: 'asterisk-ari',
    kind: 'provider',
    matches: (request) => request.path === '/ari' || request.path.startsWith('/ari/'),
    handle(request: SimRequest, context: SimContext): SimResponse {
      if (!authenticated(request)) {
        return answer(
          401,
          { message: 'Authentication required' },
          { 'www-authenticate': 'Basic realm="Asterisk REST Interface"' },
        );
      }
      if (!config.booted) return error(503, 'Asterisk not booted');
      if (config.readOnly && request.method !== 'GET') return error(403, 'Write access denied');
      const uri = request.path.slice('/ari/'.length);
      if (request.path.endsWith('/')) {
        return error(404, `ARI URLs do not end with a slash. Try /ari/${uri.replace(/\/$/, '')}`);
      }
      const invalidMethod = () => error(405, 'Invalid method');

      if (uri === 'asterisk/info') {
        if (request.method !== 'GET') return invalidMethod();
        return answer(200, {
          build: { os: 'Linux', kernel: '6.1.0', machine: 'x86_64', user: 'root', date: '2026-01-01 00:00:00 UTC' },
          system: { version: ASTERISK_SIM.version, entity_id: '52:54:00:12:34:56' },
          config: { name: '', default_language: 'en', setid: { user: 'asterisk', group: 'asterisk' } },
          status: { startup_time: '2026-12-01T08:00:00.000+0000', last_reload_time: '2026-12-01T08:00:00.000+0000' },
        });
      }
      const endpointRoute = /^endpoints\/([^/]+)\/([^/]+)$/.exec(uri);
      if (endpointRoute) {
        if (request.method !== 'GET') return invalidMethod();
        const endpoint = `${decodeURIComponent(endpointRoute[1]!)}/${decodeURIComponent(endpointRoute[2]!)}`;
        if (!ENDPOINTS.includes(endpoint)) return error(404, 'Endpoint not found');
        const [technology, resource] = endpoint.split('/') as [string, string];
        const ids = [...channels.values()].filter((c) => c.endpoint === endpoint).map((c) => c.id);
        return answer(200, { technology, resource, state: endpointState(endpoint), channel_ids: ids });
      }
      if (uri === 'channels') {
        if (request.method === 'GET')
          return answer(
            200,
            [...channels.values()].map((c) => ({ id: c.id })),
          );
        if (request.method !== 'POST') return invalidMethod();
        return originate(request, context);
      }
      const channelRoute = /^channels\/([^/]+)$/.exec(uri);
      if (channelRoute) {
        const id = decodeURIComponent(channelRoute[1]!);
        const channel = channels.get(id);
        if (request.method === 'GET') return channel ? answer(200, { id }) : error(404, 'Channel not found');
        if (request.method !== 'DELETE') return invalidMethod();
        if (!channel) return error(404, 'Channel not found');
        channels.delete(id);
        return { status: 204, body: '', delayMs: config.delayMs };
      }
      return error(404, 'Resource not found');
    },
    reset() {
      config = { ...DEFAULTS };
      channels = new Map();
      sequence = 0;
    },
    configure(patch) {
      config = { ...config, ...(patch as Partial<AriConfig>) };
    },
    settings: (context) => ({
      type: 'asterisk-ari',
      baseUrl: context.baseUrl,
      username: ASTERISK_SIM.username,
      password: ASTERISK_SIM.password,
      endpoint: ASTERISK_SIM.endpoint,
      context: ASTERISK_SIM.context,
      callerId: '',
      autoAnswerHeader: 'Call-Info: answer-after=0',
    }),
  };
}
