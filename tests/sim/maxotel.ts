/**
 * Simulated MaxoTel API (../shared/providers.md §1, vendor page ../shared/vendor-docs/maxotel-initiate-call.txt).
 *
 * `calls/initiate` and `calls/list` (the CDR endpoint, same `key` auth), by GET query, form POST or JSON POST.
 * Facts marked [U] in providers.md are the simulator's choice and are named as such below.
 *
 * Configuration (`configure`):
 * - `extensionOnline` (true): false → the documented `UNAVAILABLE` answer (extension not registered).
 * - `unavailableStatus` (400): HTTP status sent with `UNAVAILABLE` [U: the doc does not say which].
 * - `clickToCallPermission` (true): false → 403, the key lacks "Account Functions/Click to Call".
 * - `callHistoryPermission` (true): false → 403 on `calls/list` ("Call History/Get Call History").
 * - `rejectNumber` (false): true → 400 for every destination [U: error code and wording].
 * - `delayMs` (0): wait before answering (timeouts).
 */
import type { SimContext, SimProvider, SimRequest, SimResponse } from './types';

/** The API key the simulator accepts. */
export const MAXOTEL_SIM_KEY = 'sim-maxotel-3f9a1c7e5b2d4086a1e2';
/** Hosted PBX extensions that exist (and are registered unless `extensionOnline` is false). */
export const MAXOTEL_SIM_EXTENSIONS = ['101', '102'];

interface MaxotelConfig {
  extensionOnline: boolean;
  unavailableStatus: number;
  clickToCallPermission: boolean;
  callHistoryPermission: boolean;
  rejectNumber: boolean;
  delayMs: number;
}

const DEFAULTS: MaxotelConfig = {
  extensionOnline: true,
  unavailableStatus: 400,
  clickToCallPermission: true,
  callHistoryPermission: true,
  rejectNumber: false,
  delayMs: 0,
};

const ENDPOINTS: Record<string, { required: string[]; optional: string[] }> = {
  'calls/initiate': { required: ['key', 'origin', 'destination'], optional: ['autoAnswer'] },
  'calls/list': {
    required: ['key', 'startTime', 'endTime'],
    optional: [
      'outputFormat',
      'chargesOnly',
      'showHeadings',
      'connectedOnly',
      'humanReadable',
      'waitForActiveCalls',
      'limit',
    ],
  },
};

/**
 * MaxoTel answers with PHP `json_encode` output, which escapes "/" (the doc shows `"calls\/initiate"`).
 * JSON.stringify does not, so the body is built as text to stay byte-faithful.
 */
function maxoJson(status: number, body: Record<string, unknown>, delayMs: number): SimResponse {
  const text = JSON.stringify(body).replace(/\//g, '\\/');
  return { status, body: text, headers: { 'content-type': 'application/json' }, delayMs };
}

/** Reads parameters from the query string and, for POST, a form or JSON body (the doc allows all three). */
function readParams(request: SimRequest): Map<string, string> | string {
  const params = new Map<string, string>();
  for (const [k, v] of request.query) params.set(k, v);
  if (request.method === 'POST' && request.body) {
    const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type === 'application/x-www-form-urlencoded') {
      for (const [k, v] of new URLSearchParams(request.body)) params.set(k, v);
    } else if (type === 'application/json') {
      let parsed: unknown;
      try {
        parsed = JSON.parse(request.body);
      } catch {
        return 'Malformed JSON body';
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return 'JSON body must be an object';
      for (const [k, v] of Object.entries(parsed)) params.set(k, String(v));
    } else {
      return `Unsupported content type "${type}"`;
    }
  }
  return params;
}

/**
 * The parameters of a MaxoTel request as the simulator reads them (query string, form or JSON body): what tests
 * check a call by. Throws on a body the simulator refuses.
 */
export function maxotelParams(request: SimRequest): Record<string, string> {
  const params = readParams(request);
  if (typeof params === 'string') throw new Error(`MaxoTel request ${request.method} ${request.path}: ${params}`);
  return Object.fromEntries(params);
}

/** The destinations of the `calls/initiate` requests among `requests`, in order. */
export function maxotelDestinations(requests: readonly SimRequest[]): string[] {
  return requests.filter((r) => r.path.startsWith('/calls/initiate')).map((r) => maxotelParams(r).destination ?? '');
}

/** Creates the MaxoTel simulator. */
export function maxotelSim(): SimProvider {
  let config: MaxotelConfig = { ...DEFAULTS };

  const fail = (status: number, request: string, error: string, reason: string) =>
    maxoJson(status, { status: 0, request, error, reason }, config.delayMs);

  return {
    name: 'maxotel',
    kind: 'provider',
    matches: (request) => request.path === '/calls' || request.path.startsWith('/calls/'),
    handle(request: SimRequest, _context: SimContext): SimResponse {
      // The doc's example puts a slash before the query string (`calls/initiate/?key=…`); accept both forms.
      const endpoint = request.path.replace(/^\/+|\/+$/g, '');
      const spec = ENDPOINTS[endpoint];
      if (!spec || (request.method !== 'GET' && request.method !== 'POST')) {
        return fail(404, endpoint, 'INVALID_METHOD', 'Invalid method');
      }
      const params = readParams(request);
      if (typeof params === 'string') return fail(400, endpoint, 'BAD_REQUEST', params);
      // Authentication comes before parameter checks, as on most APIs: no details for strangers.
      if (params.get('key') !== MAXOTEL_SIM_KEY) return fail(401, endpoint, 'UNAUTHORISED', 'Invalid API key');
      for (const name of params.keys()) {
        if (!spec.required.includes(name) && !spec.optional.includes(name)) {
          return fail(400, endpoint, 'BAD_REQUEST', `Unknown parameter "${name}"`);
        }
      }
      for (const name of spec.required) {
        if (!params.get(name)) return fail(400, endpoint, 'BAD_REQUEST', `Incomplete request: "${name}" is required`);
      }
      return endpoint === 'calls/initiate' ? initiate(params) : list(params);
    },
    reset() {
      config = { ...DEFAULTS };
    },
    configure(patch) {
      config = { ...config, ...(patch as Partial<MaxotelConfig>) };
    },
    settings: (context) => ({
      type: 'maxotel',
      baseUrl: `${context.baseUrl}/`,
      apiKey: MAXOTEL_SIM_KEY,
      extension: MAXOTEL_SIM_EXTENSIONS[0],
    }),
  };

  function initiate(params: Map<string, string>): SimResponse {
    const request = 'calls/initiate';
    if (!config.clickToCallPermission) {
      return fail(403, request, 'FORBIDDEN', 'The API key does not have permission to use this method');
    }
    const autoAnswer = params.get('autoAnswer');
    if (autoAnswer !== undefined && autoAnswer !== '0' && autoAnswer !== '1') {
      return fail(400, request, 'BAD_REQUEST', 'autoAnswer must be 0 or 1');
    }
    const origin = params.get('origin')!;
    const destination = params.get('destination')!;
    if (!MAXOTEL_SIM_EXTENSIONS.includes(origin) || !config.extensionOnline) {
      return fail(
        config.unavailableStatus,
        request,
        'UNAVAILABLE',
        'The extension is not currently available (not registered)',
      );
    }
    if (config.rejectNumber || !/^\+?\d{3,16}$/.test(destination)) {
      return fail(400, request, 'INVALID_DESTINATION', 'The destination number is not valid');
    }
    return maxoJson(200, { status: 1, request, callstatus: 'queued' }, config.delayMs);
  }

  function list(params: Map<string, string>): SimResponse {
    const request = 'calls/list';
    if (!config.callHistoryPermission) {
      return fail(403, request, 'FORBIDDEN', 'The API key does not have permission to use this method');
    }
    const start = Number(params.get('startTime'));
    const end = Number(params.get('endTime'));
    if (!Number.isFinite(start) || !Number.isFinite(end) || end < start) {
      return fail(400, request, 'BAD_REQUEST', 'startTime and endTime must be Unix timestamps, start before end');
    }
    const format = params.get('outputFormat');
    if (format !== undefined && format !== 'json' && format !== 'csv') {
      return fail(400, request, 'BAD_REQUEST', 'outputFormat must be json or csv');
    }
    for (const flag of ['chargesOnly', 'showHeadings', 'connectedOnly', 'humanReadable', 'waitForActiveCalls']) {
      const value = params.get(flag);
      if (value !== undefined && value !== '0' && value !== '1') {
        return fail(400, request, 'BAD_REQUEST', `${flag} must be 0 or 1`);
      }
    }
    const limit = params.get('limit');
    if (limit !== undefined && !(Number(limit) >= 1 && Number(limit) <= 10000)) {
      return fail(400, request, 'BAD_REQUEST', 'limit must be between 1 and 10000');
    }
    // [U] The doc's JSON example was not retrieved beyond "a JSON array with status:…"; the records field is ours.
    return maxoJson(200, { status: 1, request, records: [] }, config.delayMs);
  }
}
