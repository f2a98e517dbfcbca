/**
 * Simulated Twilio REST API 2010-04-01 (docs/providers/twilio.md; Twilio's "Call resource", "Twilio API requests",
 * "IncomingPhoneNumber resource", "OutgoingCallerId resource" and error dictionary pages).
 *
 * Routes under `/2010-04-01/Accounts/{AccountSid}/`: `POST Calls.json` (form-encoded `To`, `From`, `Twiml` or
 * `Url`, optional `Timeout`…; 201 with the Call), `GET IncomingPhoneNumbers.json` and `GET OutgoingCallerIds.json`
 * (optional `PhoneNumber` filter, `PageSize`). HTTP Basic with an API key SID and secret, or the Account SID and
 * auth token. Errors are `{code, message, more_info, status}`.
 *
 * Stricter than Twilio in one respect: the `Twiml` must be one `<Response><Dial callerId="…">E.164</Dial>
 * </Response>`, and a malformed one is refused at once (Twilio would fail the call later), with code 12100
 * "Document parse failure" [sim].
 *
 * Configuration (`configure`):
 * - `trial` (false): a trial account: `To` must be a verified caller ID, else 21219.
 * - `geoBlocked` (false): Voice Geo Permissions block the `To` number's country → 21215.
 * - `suspended` (false): the account is suspended → 401 with 20005 [I: status].
 * - `rateLimited` (false): 429 with 20429.
 * - `delayMs` (0): wait before answering (timeouts).
 */
import type { SimContext, SimProvider, SimRequest, SimResponse } from './types';

export const TWILIO_SIM = {
  accountSid: 'AC' + '0123456789abcdef0123456789abcdef',
  apiKeySid: 'SK' + 'fedcba9876543210fedcba9876543210',
  apiKeySecret: 'TwilioSimSecret0aB1cD2eF3gH4iJ5k',
  /** The account's own number, voice-capable. */
  number: '+14155550100',
  /** A verified caller ID (not a Twilio number). */
  verifiedCallerId: '+14155550111',
  /** The user's phone, which the simulator's settings ring first. */
  phone: '+14155550177',
} as const;

const CALL_PARAMS = new Set([
  'To',
  'From',
  'Twiml',
  'Url',
  'Method',
  'Timeout',
  'StatusCallback',
  'StatusCallbackEvent',
  'StatusCallbackMethod',
  'CallerId',
  'Record',
  'TimeLimit',
  'MachineDetection',
]);

const E164 = /^\+[1-9][0-9]{6,14}$/;
const TWIML = /^<Response><Dial callerId="(\+[1-9][0-9]{6,14})">(\+[1-9][0-9]{6,14})<\/Dial><\/Response>$/;

interface TwilioConfig {
  trial: boolean;
  geoBlocked: boolean;
  suspended: boolean;
  rateLimited: boolean;
  delayMs: number;
}

const DEFAULTS: TwilioConfig = { trial: false, geoBlocked: false, suspended: false, rateLimited: false, delayMs: 0 };

/** Creates the Twilio simulator. */
export function twilioSim(): SimProvider {
  let config: TwilioConfig = { ...DEFAULTS };
  let sequence = 0;

  const json = (status: number, body: unknown): SimResponse => ({ status, body, delayMs: config.delayMs });
  const error = (status: number, code: number, message: string) =>
    json(status, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });

  const incoming = [
    {
      sid: 'PN' + 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
      account_sid: TWILIO_SIM.accountSid,
      friendly_name: '(415) 555-0100',
      phone_number: TWILIO_SIM.number,
      capabilities: { voice: true, sms: true, mms: true, fax: false },
    },
  ];
  const outgoing = [
    {
      sid: 'PN' + 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb',
      account_sid: TWILIO_SIM.accountSid,
      friendly_name: 'Office line',
      phone_number: TWILIO_SIM.verifiedCallerId,
    },
  ];

  function page(request: SimRequest, key: string, all: Record<string, unknown>[], path: string): SimResponse {
    for (const name of request.query.keys()) {
      if (!['PhoneNumber', 'FriendlyName', 'PageSize', 'Page', 'PageToken', 'Beta', 'Origin'].includes(name)) {
        return error(400, 20001, `[sim] unknown parameter ${name}`);
      }
    }
    const filter = request.query.get('PhoneNumber');
    const items = filter ? all.filter((n) => n.phone_number === filter) : all;
    const size = Number(request.query.get('PageSize') ?? 50);
    return json(200, {
      [key]: items.slice(0, size),
      uri: `${path}?${request.query}`,
      page: 0,
      page_size: size,
      first_page_uri: `${path}?${request.query}`,
      next_page_uri: null,
      previous_page_uri: null,
      start: 0,
      end: Math.max(0, Math.min(items.length, size) - 1),
    });
  }

  function createCall(request: SimRequest, path: string, context: SimContext): SimResponse {
    const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/x-www-form-urlencoded') {
      return error(400, 20001, '[sim] Twilio takes form-encoded parameters (application/x-www-form-urlencoded)');
    }
    const form = new URLSearchParams(request.body);
    for (const name of form.keys())
      if (!CALL_PARAMS.has(name)) return error(400, 20001, `[sim] unknown parameter ${name}`);
    const to = form.get('To') ?? '';
    const from = form.get('From') ?? '';
    if (!to) return error(400, 21201, "No 'To' number is specified");
    if (!from) return error(400, 21213, "No 'From' number is specified");
    if (!form.get('Twiml') && !form.get('Url')) {
      return error(400, 21205, 'Url parameter is required. Please provide a Url, Twiml or ApplicationSid');
    }
    if (!E164.test(to) && !/^sip:\S+@\S+$/i.test(to))
      return error(400, 21211, `The 'To' number ${to} is not a valid phone number.`);
    if (!E164.test(from))
      return error(400, 21212, `The 'From' number ${from} is not a valid phone number or shortcode.`);
    if (![TWILIO_SIM.number, TWILIO_SIM.verifiedCallerId].includes(from as never)) {
      return error(400, 21210, `The source phone number provided, ${from}, is not yet verified for your account.`);
    }
    const twiml = form.get('Twiml');
    if (twiml && !TWIML.test(twiml))
      return error(400, 12100, '[sim] Document parse failure: expected one <Dial> of an E.164 number');
    const timeout = form.get('Timeout');
    if (timeout !== null && !/^[0-9]+$/.test(timeout)) return error(400, 20001, 'Timeout must be an integer');
    if (config.trial && to !== TWILIO_SIM.verifiedCallerId) {
      return error(
        400,
        21219,
        `The number ${to} is unverified. Trial accounts may only make calls to verified numbers.`,
      );
    }
    if (config.geoBlocked) {
      return error(
        400,
        21215,
        `Account not authorized to call ${to}. Perhaps you need to enable some international permissions.`,
      );
    }
    sequence += 1;
    const sid = `CA${String(sequence).padStart(32, '0')}`;
    const now = new Date(context.clock.now()).toUTCString().replace('GMT', '+0000');
    return json(201, {
      sid,
      account_sid: TWILIO_SIM.accountSid,
      to,
      to_formatted: to,
      from,
      from_formatted: from,
      status: 'queued',
      direction: 'outbound-api',
      api_version: '2010-04-01',
      date_created: now,
      date_updated: now,
      uri: `${path.replace(/\.json$/, '')}/${sid}.json`,
    });
  }

  return {
    name: 'twilio',
    kind: 'provider',
    matches: (request) => request.path.startsWith('/2010-04-01/'),
    handle(request: SimRequest, context: SimContext): SimResponse {
      const match = /^Basic (\S+)$/i.exec(request.headers.authorization ?? '');
      const credentials = match ? Buffer.from(match[1]!, 'base64').toString('utf8') : '';
      if (credentials !== `${TWILIO_SIM.apiKeySid}:${TWILIO_SIM.apiKeySecret}`)
        return error(401, 20003, 'Authenticate');
      if (config.suspended) return error(401, 20005, 'Account not active');
      if (config.rateLimited) return error(429, 20429, 'Too Many Requests');
      const route = /^\/2010-04-01\/Accounts\/([^/]+)\/([A-Za-z]+\.json)$/.exec(request.path);
      if (!route) return error(404, 20404, `The requested resource ${request.path} was not found`);
      // A key of another account: Twilio answers 404 for an Account SID the key does not belong to [I].
      if (route[1] !== TWILIO_SIM.accountSid)
        return error(404, 20404, `The requested resource ${request.path} was not found`);
      const resource = route[2];
      if (resource === 'Calls.json') {
        if (request.method !== 'POST') return error(405, 20004, 'Method not allowed');
        return createCall(request, request.path, context);
      }
      if (resource === 'IncomingPhoneNumbers.json' || resource === 'OutgoingCallerIds.json') {
        if (request.method !== 'GET') return error(405, 20004, 'Method not allowed');
        return resource === 'IncomingPhoneNumbers.json'
          ? page(request, 'incoming_phone_numbers', incoming, request.path)
          : page(request, 'outgoing_caller_ids', outgoing, request.path);
      }
      return error(404, 20404, `The requested resource ${request.path} was not found`);
    },
    reset() {
      config = { ...DEFAULTS };
      sequence = 0;
    },
    configure(patch) {
      config = { ...config, ...(patch as Partial<TwilioConfig>) };
    },
    settings: (context) => ({
      type: 'twilio',
      baseUrl: context.baseUrl,
      accountSid: TWILIO_SIM.accountSid,
      apiKeySid: TWILIO_SIM.apiKeySid,
      apiKeySecret: TWILIO_SIM.apiKeySecret,
      phone: TWILIO_SIM.phone,
      callerId: TWILIO_SIM.number,
    }),
  };
}
