/**
 * Yeastar S-Series, API v2.0.0 (../shared/providers.md §2; vendor pages: login, call/dial, error codes under
 * https://help.yeastar.com/en/s-series-developer-v2/api-v2/).
 *
 * Quirks handled here:
 * - Every answer is HTTP 200, failures included: success or failure is read from `status` and the string
 *   `errno`, never from the HTTP status.
 * - Login sends the MD5 of the password (lower-case hex), computed with our own MD5 (no Web Crypto MD5).
 * - The token lives 30 minutes after its last use; it is cached in this adapter instance and renewed by one
 *   re-login when the PBX says it is unknown, blank or timed out (20004/20005/20006). Only then is the dial
 *   sent again: a token error means the PBX refused the request before placing any call.
 */
import type { YeastarSProvider } from '../settings/schema';
import { excerpt, httpRequest, isObject, joinUrl, redactSecrets } from './http';
import { md5Hex } from './md5';
import {
  ProviderError,
  type ConnectionTestOutcome,
  type DialOutcome,
  type DialRequest,
  type ErrorKind,
  type ProviderDefinition,
} from './types';

const LABEL = 'Yeastar S-Series';
/** The PBX erases a token after 30 minutes without interaction (v1.x "heartbeat" page). */
export const YEASTAR_TOKEN_TTL_MS = 30 * 60 * 1000;
// Renew a little early so a token cannot lapse between our check and the PBX's.
const TOKEN_MARGIN_MS = 60 * 1000;
const TOKEN_ERRORS = new Set(['20004', '20005', '20006']);

type Answer = { ok: true; body: Record<string, unknown> } | { ok: false; errno: string };

/** The API root, whether the user gave the PBX address or the address with `/api/v2.0.0`. */
function apiRoot(baseUrl: string): string {
  return joinUrl(baseUrl.replace(/\/+$/, '').replace(/\/api\/v2\.0\.0$/i, ''), 'api/v2.0.0');
}

/** The kind and a message a person can act on, for each documented errno. */
function describeErrno(errno: string, settings: YeastarSProvider, number?: string): [ErrorKind, string] {
  const ext = settings.extension;
  const callee = number ? ` ${number}` : '';
  switch (errno) {
    case '20003':
      return [
        'auth',
        `The PBX rejected API user "${settings.username}" or its password. Check them under Settings → System → API on the PBX.`,
      ];
    case '20002':
      return [
        'locked',
        'The PBX has locked API logins from this computer after 5 failed attempts. Wait 10 minutes, then check the API username and password.',
      ];
    case '20004':
    case '20005':
    case '20006':
      return ['auth', 'The PBX did not accept a fresh login token. Check that the API is enabled and try again.'];
    case '20015':
      return [
        'permission',
        "This computer's IP address is not on the PBX's API allowed-IP list. Add it under the PBX's API settings.",
      ];
    case '10006':
      return [
        'not-found',
        `Extension ${settings.dialPermission && settings.dialPermission !== ext ? `${ext} or ${settings.dialPermission}` : ext} does not exist on the PBX. Check the extension in the settings.`,
      ];
    case '10008':
      return ['extension-unavailable', `Extension ${ext} is busy. Hang up the current call and try again.`];
    case '10024':
      return [
        'permission',
        `Extension ${settings.dialPermission || ext} has no permission to call outside numbers. Ask the PBX admin to allow outbound calls for it.`,
      ];
    case '10011':
      return ['number-rejected', `The PBX says the number${callee} does not exist.`];
    case '10031':
      return [
        'number-rejected',
        `The number${callee} does not match any outbound route on the PBX. Check the number format and outbound prefix.`,
      ];
    case '10028':
      return ['number-rejected', 'The PBX received an empty number.'];
    case '10012':
      return ['number-rejected', `The PBX says the IVR${callee} does not exist.`];
    case '10013':
      return ['number-rejected', `The PBX says the queue${callee} does not exist.`];
    case '10014':
      return ['number-rejected', `The PBX says the ring group${callee} does not exist.`];
    case '10003':
      return [
        'not-found',
        'The PBX does not know this API request. Check that the address points at an S-Series PBX with API v2.0.0.',
      ];
    case '10002':
    case '10004':
    case '20000':
    case '20001':
      return [
        'unexpected',
        `The PBX rejected the request's format (errno ${errno}); something between this browser and the PBX may be changing requests.`,
      ];
    case '20009':
    case '20010':
    case '30003':
      return [
        'unexpected',
        `The PBX's API service is not working (errno ${errno}). Check that the API is enabled, or restart the PBX's API service.`,
      ];
    default:
      return ['unexpected', `The PBX refused the request with errno ${errno}.`];
  }
}

/** Yeastar S-Series (S20/S50/S100/S300/S412) API v2.0.0. */
export const yeastarS: ProviderDefinition<YeastarSProvider> = {
  type: 'yeastar-s',
  label: LABEL,
  // `callee` must be a number matching an outbound route: no extension can follow the connected call.
  capabilities: { extensionDialing: false, connectionTest: 'login' },
  create(settings, context) {
    const root = apiRoot(settings.baseUrl);
    let token: { value: string; lastUse: number } | undefined;
    /** Blanks the password, its MD5 and the token out of text the PBX (or whatever answers) sent back. */
    const redact = (text: string): string =>
      redactSecrets(text, [settings.password, md5Hex(settings.password), token?.value], '[secret]');

    const post = async (path: string, body: Record<string, string>, step: string): Promise<Answer> => {
      const response = await httpRequest(
        context,
        {
          method: 'POST',
          url: joinUrl(root, path),
          headers: { 'content-type': 'application/json; charset=utf-8' },
          body: JSON.stringify(body),
        },
        LABEL,
        step,
      );
      const json = response.json;
      if (response.status !== 200 || !isObject(json) || (json.status !== 'Success' && json.status !== 'Failed')) {
        throw new ProviderError(
          'unexpected',
          `The address does not answer like a Yeastar S-Series API (HTTP ${response.status}${response.text.trim() ? `: ${excerpt(redact(response.text))}` : ''}). Check the PBX address and port.`,
          { provider: LABEL, status: response.status, step },
        );
      }
      if (json.status === 'Success') return { ok: true, body: json };
      return { ok: false, errno: typeof json.errno === 'string' ? json.errno : String(json.errno) };
    };

    const fail = (errno: string, step: string, number?: string): ProviderError => {
      const [kind, message] = describeErrno(errno, settings, number);
      return new ProviderError(kind, message, {
        provider: LABEL,
        status: 200,
        providerMessage: `errno ${errno}`,
        step,
      });
    };

    const login = async (step: 'login' | 'test'): Promise<string> => {
      token = undefined;
      const answer = await post(
        'login',
        { username: settings.username, password: md5Hex(settings.password), version: '2.0.0' },
        step,
      );
      if (!answer.ok) throw fail(answer.errno, step);
      const value = answer.body.token;
      if (typeof value !== 'string' || !value) {
        throw new ProviderError('unexpected', 'The PBX accepted the login but sent no token.', {
          provider: LABEL,
          status: 200,
          step: 'login',
        });
      }
      token = { value, lastUse: context.now() };
      return value;
    };

    return {
      async dial(request: DialRequest): Promise<DialOutcome> {
        const body: Record<string, string> = {
          caller: settings.extension,
          callee: request.number,
          autoanswer: request.autoAnswer ? 'yes' : 'no',
        };
        if (settings.dialPermission) body.dialpermission = settings.dialPermission;
        const fresh = !token || context.now() - token.lastUse >= YEASTAR_TOKEN_TTL_MS - TOKEN_MARGIN_MS;
        let current = fresh ? await login('login') : token!.value;
        let answer = await post(`call/dial?token=${encodeURIComponent(current)}`, body, 'dial');
        if (!answer.ok && TOKEN_ERRORS.has(answer.errno) && !fresh) {
          // The cached token was refused before anything was dialled: log in once more, then dial once more.
          current = await login('login');
          answer = await post(`call/dial?token=${encodeURIComponent(current)}`, body, 'dial');
        }
        if (!answer.ok && TOKEN_ERRORS.has(answer.errno)) {
          token = undefined;
          throw fail(answer.errno, 'dial', request.number);
        }
        // Any answer other than a token error means the PBX used, and so extended, the token.
        token = { value: current, lastUse: context.now() };
        if (!answer.ok) throw fail(answer.errno, 'dial', request.number);
        const callId = answer.body.callid;
        return typeof callId === 'string' && callId ? { callId } : {};
      },

      /** Logs in with the username and password (a fresh login, not the cached token); places no call. */
      async testConnection(): Promise<ConnectionTestOutcome> {
        await login('test');
        return {
          detail: `Logged in to the PBX as API user "${settings.username}". Extension ${settings.extension} is checked on the first call (the API has no way to look it up without dialling).`,
        };
      },
    };
  },
};
