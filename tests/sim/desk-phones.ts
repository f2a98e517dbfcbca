/**
 * Desk phones' own HTTP dial commands, strict, for the custom provider's presets (lib/providers/desk-phones.ts;
 * docs/providers/desk-phones.md has the sources). Served by the custom simulator at the phones' own paths:
 *
 * - Yealink `GET /servlet?key=number=<number>`: 200 on accept; 401 without the web credentials.
 * - Snom `GET /command.htm?number=<number>`: 200 with a page; 401 without the web credentials.
 * - Grandstream `GET /cgi-bin/api-make_call?passcode=…&phonenumber=<number>`: always HTTP 200, with
 *   `{"response":"success","body":true}`, or `{"response":"error","body":"unauthorized"}` for a wrong passcode
 *   and `{"response":"error","body":false}` for a missing number.
 * - Poly `POST /api/v1/callctrl/dial` with `{"data":{"Dest":…,"Line":…,"Type":…}}` (JSON): 200 with
 *   `{"Status":"2000"}`; 401 without the credentials; `{"Status":"4000"}` for a malformed body; the `polyStatus`
 *   switch answers another status (e.g. "4002", line not registered).
 * - Fanvil `GET /cgi-bin/ConfigManApp.com?key=<number>;ENTER` (Active URI: the keys to press, `;`-separated): 200
 *   on accept; 401 without the web credentials. A key sequence that is not the number's digits (and *) followed
 *   by ENTER is answered 400 here: what a real phone answers to keys it does not know is not documented.
 *
 * A number must be a dialable string: digits, optionally a leading +, and * or #.
 */
import type { SimRequest, SimResponse } from './types';

/** The phones' web credentials in the simulator. */
export const DESK_PHONE_SIM = { username: 'admin', password: 'ph0ne-secret', polyUsername: 'Polycom' } as const;

export interface DeskPhoneSimConfig {
  /** The Status the Poly endpoint answers a well-formed dial with. */
  polyStatus: string;
}

export const DESK_PHONE_DEFAULTS: DeskPhoneSimConfig = { polyStatus: '2000' };

const PATHS = [
  '/servlet',
  '/command.htm',
  '/cgi-bin/api-make_call',
  '/api/v1/callctrl/dial',
  '/cgi-bin/ConfigManApp.com',
];
const DIALABLE = /^\+?[0-9*#]{2,32}$/;
/** Fanvil's keypad keys are 0-9, * and POUND (a key name of its own), so a number to press is digits and *. */
const FANVIL_DIAL_KEYS = /^([0-9*]{2,32});ENTER$/;

/** Whether `request` is for one of the simulated phones. */
export function isDeskPhoneRequest(request: SimRequest): boolean {
  return PATHS.includes(request.path);
}

function basicOk(request: SimRequest, username: string): boolean {
  const expected = `Basic ${Buffer.from(`${username}:${DESK_PHONE_SIM.password}`).toString('base64')}`;
  return request.headers.authorization === expected;
}

const UNAUTHORIZED: SimResponse = {
  status: 401,
  body: 'Unauthorized',
  headers: { 'www-authenticate': 'Basic realm="phone"' },
};

/** The phone's answer to `request` (see the module comment). */
export function deskPhoneAnswer(request: SimRequest, config: DeskPhoneSimConfig): SimResponse {
  switch (request.path) {
    case '/servlet': {
      if (request.method !== 'GET') return { status: 405, body: 'Method Not Allowed' };
      if (!basicOk(request, DESK_PHONE_SIM.username)) return UNAUTHORIZED;
      const key = request.query.get('key') ?? '';
      if (!key.startsWith('number=') || !DIALABLE.test(key.slice('number='.length))) {
        return { status: 400, body: 'Bad Request' };
      }
      return { status: 200, body: 'OK' };
    }
    case '/command.htm': {
      if (request.method !== 'GET') return { status: 405, body: 'Method Not Allowed' };
      if (!basicOk(request, DESK_PHONE_SIM.username)) return UNAUTHORIZED;
      if (!DIALABLE.test(request.query.get('number') ?? '')) return { status: 400, body: 'Bad Request' };
      return { status: 200, body: 'Dialing' };
    }
    case '/cgi-bin/api-make_call': {
      if (request.method !== 'GET') return { status: 405, body: 'Method Not Allowed' };
      if (request.query.get('passcode') !== DESK_PHONE_SIM.password) {
        return { status: 200, body: { response: 'error', body: 'unauthorized' } };
      }
      if (!DIALABLE.test(request.query.get('phonenumber') ?? '')) {
        return { status: 200, body: { response: 'error', body: false } };
      }
      return { status: 200, body: { response: 'success', body: true } };
    }
    case '/cgi-bin/ConfigManApp.com': {
      if (request.method !== 'GET') return { status: 405, body: 'Method Not Allowed' };
      if (!basicOk(request, DESK_PHONE_SIM.username)) return UNAUTHORIZED;
      if (!FANVIL_DIAL_KEYS.test(request.query.get('key') ?? '')) return { status: 400, body: 'Bad Request' };
      return { status: 200, body: 'OK' };
    }
    default: {
      if (request.method !== 'POST') return { status: 405, body: 'Method Not Allowed' };
      if (!basicOk(request, DESK_PHONE_SIM.polyUsername)) return UNAUTHORIZED;
      if (!/^application\/json\b/i.test(request.headers['content-type'] ?? '')) {
        return { status: 200, body: { Status: '4000' } };
      }
      let data: Record<string, unknown> | undefined;
      try {
        data = (JSON.parse(request.body) as { data?: Record<string, unknown> }).data;
      } catch {
        data = undefined;
      }
      const valid =
        !!data &&
        typeof data.Dest === 'string' &&
        DIALABLE.test(data.Dest) &&
        typeof data.Line === 'string' &&
        /^[0-9]+$/.test(data.Line) &&
        (data.Type === 'TEL' || data.Type === 'SIP');
      if (!valid) return { status: 200, body: { Status: '4000' } };
      return { status: 200, body: { Status: config.polyStatus } };
    }
  }
}
