/**
 * Yeastar S-Series, API v2.0.0 (../shared/providers.md §2; vendor pages: login, call/dial, error codes under
 * https://help.yeastar.com/en/s-series-developer-v2/api-v2/).
 *
 * Quirks handled here:
 * - Every answer is HTTP 200, failures included: success or failure is read from `status` and the string
 *   `errno`, never from the HTTP status.
 * - Login sends the MD5 of the password (lower-case hex), computed with our own MD5 (no Web Crypto MD5).
 * - The token lives 30 minutes after its last use; it is kept in the session area (`storage.session`, so a
 *   service worker the browser stopped does not cost a login) and renewed by one re-login when the PBX says it
 *   is unknown, blank or timed out (20004/20005/20006). Only then is the dial sent again: a token error means
 *   the PBX refused the request before placing any call. `keepAlive` sends the heartbeat.
 * - Five failed logins lock the client IP for 10 minutes (login page). After one refused login no further login
 *   is tried until the credentials change or the person presses Test connection (issue 14).
 */
import type { FieldTable, SettingsFrom } from '../settings/field-spec';
import { excerpt, httpRequest, isObject, joinUrl, redactSecrets } from '../net/http';
import { md5Hex } from './md5';
import { accountLogins, fallbackSession, tokenUsable } from './token-cache';
import { ProviderError, type ErrorKind, type ProviderDefinition } from './types';
import { msg } from '../i18n/text';

const LABEL = 'Yeastar S-Series';

/** Its fields, in the order the options page shows them. */
const fields = {
  baseUrl: { kind: 'url', placeholder: 'https://pbx.example.com:8088' },
  username: { kind: 'text' },
  /** Plain text here; the adapter sends its MD5 as the API asks. */
  password: { kind: 'secret' },
  extension: { kind: 'extension', placeholder: '1023' },
  dialPermission: { kind: 'optionalExtension', default: '' },
} satisfies FieldTable;

/** Settings of a Yeastar S-Series provider (`provider` in the settings document). */
export type YeastarSProvider = SettingsFrom<'yeastar-s', typeof fields>;
/** The PBX erases a token after 30 minutes without interaction (v1.x "heartbeat" page). */
export const YEASTAR_TOKEN_TTL_MS = 30 * 60 * 1000;
// Renew a little early so a token cannot lapse between our check and the PBX's.
const TOKEN_MARGIN_MS = 60 * 1000;
const TOKEN_ERRORS = new Set(['20004', '20005', '20006']);
/** `keepAlive` sends the heartbeat only for a token quiet this long (with a 20-minute alarm: always in time). */
export const HEARTBEAT_AFTER_MS = 5 * 60 * 1000;
/** What a refused login means for the next ones; part of every message about a refused login. */
const PAUSED_TEXT =
  "To keep the PBX from locking this computer out (5 failed logins lock its IP address for 10 minutes, and behind a shared office connection everyone's), no further login is tried until you correct the API username or password in the settings or press Test connection.";

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
        `The number${callee} does not match any outbound route on the PBX. Yeastar takes digits only, as your routes are written: set Number format to "As dialled from your country" (the default for Yeastar) and the outbound prefix your routes expect.`,
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

/** Where the login is kept in the session area (storage.session): one PBX login at a time. */
export const YEASTAR_SESSION_KEY = 'yeastar-s:session';

/**
 * What is kept beside the account (a fingerprint of address, user and password MD5, so the password is never
 * stored; lib/providers/token-cache.ts): the PBX's token and its last use, or the failed login that paused
 * further logins.
 */
interface KeptLogin {
  token: string;
  lastUse: number;
  /** errno of the failed login (20003 wrong credentials, 20002 locked): no login until Test connection. */
  paused: string;
}

const sessions = fallbackSession();

/** Forgets every kept Yeastar login of the in-memory fallback (tests). */
export const forgetYeastarSessions = sessions.forget;

/** Yeastar S-Series (S20/S50/S100/S300/S412) API v2.0.0. */
export const yeastarS: ProviderDefinition<YeastarSProvider> = {
  type: 'yeastar-s',
  label: LABEL,
  fields,
  // call/dial types `callee` as an Integer that must match the outbound route rules (S-Series API "Make a call"):
  // no "+", and the digits the routes are written for, i.e. as dialled from the PBX's country.
  numberFormat: 'dialable',
  // `callee` must be a number matching an outbound route: no extension can follow the connected call.
  capabilities: { extensionDialing: false, connectionTest: 'login' },
  create(settings, context) {
    const root = apiRoot(settings.baseUrl);
    let token: string | undefined;
    /** Blanks the password, its MD5 and the token out of text the PBX (or whatever answers) sent back. */
    const redact = (text: string): string =>
      redactSecrets(text, [settings.password, md5Hex(settings.password), token], '[secret]');

    const post = async (
      path: string,
      body: Record<string, string>,
      step: string,
      base: string = root,
    ): Promise<Answer> => {
      const response = await httpRequest(
        context,
        {
          method: 'POST',
          url: joinUrl(base, path),
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

    /** The PBX erases a token 30 minutes after its last use. */
    const usable = (login: Partial<KeptLogin>): boolean =>
      login.token !== undefined &&
      tokenUsable(
        login.lastUse === undefined ? undefined : login.lastUse + YEASTAR_TOKEN_TTL_MS,
        context.now(),
        TOKEN_MARGIN_MS,
      );

    /**
     * The kept login for these settings. A login kept for other settings (the user changed the address, user
     * or password) is logged out first, so the old token does not linger on the PBX (best effort: a PBX that is
     * gone or refuses simply lets the old token expire after 30 minutes), and a paused login of the old
     * credentials no longer applies.
     */
    const logins = accountLogins<KeptLogin>({
      area: sessions.area(context),
      key: YEASTAR_SESSION_KEY,
      root,
      credentials: [settings.username, md5Hex(settings.password)],
      leave: async (stored) => {
        if (stored.token) await post(`logout?token=${encodeURIComponent(stored.token)}`, {}, 'logout', stored.root);
      },
    });

    /**
     * One login. A refused login (20003 wrong user or password, 20002 locked) pauses all further logins with
     * these credentials: Yeastar locks the client IP for 10 minutes after 5 failed logins (login page), and
     * behind an office NAT that IP is everyone's. Only Test connection or changed credentials log in again.
     */
    const login = async (step: 'login' | 'test'): Promise<string> => {
      token = undefined;
      const answer = await post(
        'login',
        { username: settings.username, password: md5Hex(settings.password), version: '2.0.0' },
        step,
      );
      if (!answer.ok) {
        if (answer.errno === '20003' || answer.errno === '20002') {
          await logins.keep({ paused: answer.errno });
          const [kind, message] = describeErrno(answer.errno, settings);
          throw new ProviderError(kind, `${message} ${PAUSED_TEXT}`, {
            provider: LABEL,
            status: 200,
            providerMessage: `errno ${answer.errno}`,
            step,
          });
        }
        throw fail(answer.errno, step);
      }
      const value = answer.body.token;
      if (typeof value !== 'string' || !value) {
        throw new ProviderError('unexpected', 'The PBX accepted the login but sent no token.', {
          provider: LABEL,
          status: 200,
          step: 'login',
        });
      }
      token = value;
      await logins.keep({ token: value, lastUse: context.now() });
      return value;
    };

    return {
      async dial(request) {
        const body: Record<string, string> = {
          caller: settings.extension,
          callee: request.number,
          autoanswer: request.autoAnswer ? 'yes' : 'no',
        };
        if (settings.dialPermission) body.dialpermission = settings.dialPermission;
        const kept = await logins.load();
        if (kept.paused) {
          throw new ProviderError(
            kept.paused === '20002' ? 'locked' : 'auth',
            `Not dialled: the last login to the PBX was refused (${kept.paused === '20002' ? 'logins locked' : 'wrong API user or password'}), so no further login is tried. ${PAUSED_TEXT}`,
            { provider: LABEL, providerMessage: `errno ${kept.paused}`, step: 'login' },
          );
        }
        const alive = usable(kept);
        const fresh = !alive;
        let current = alive ? kept.token! : await login('login');
        token = current;
        let answer = await post(`call/dial?token=${encodeURIComponent(current)}`, body, 'dial');
        if (!answer.ok && TOKEN_ERRORS.has(answer.errno) && !fresh) {
          // The kept token was refused before anything was dialled: log in once more, then dial once more.
          current = await login('login');
          answer = await post(`call/dial?token=${encodeURIComponent(current)}`, body, 'dial');
        }
        if (!answer.ok && TOKEN_ERRORS.has(answer.errno)) {
          token = undefined;
          await logins.clear();
          throw fail(answer.errno, 'dial', request.number);
        }
        // Any answer other than a token error means the PBX used, and so extended, the token.
        await logins.keep({ token: current, lastUse: context.now() });
        if (!answer.ok) throw fail(answer.errno, 'dial', request.number);
        const callId = answer.body.callid;
        return typeof callId === 'string' && callId ? { callId } : {};
      },

      /**
       * Logs in with the username and password (a fresh login, not the kept token), even after a refused login:
       * pressing Test connection is how the person says "try again". Places no call.
       */
      async testConnection() {
        const kept = await logins.load();
        if (kept.token) {
          await post(`logout?token=${encodeURIComponent(kept.token)}`, {}, 'logout').catch(() => undefined);
        }
        await login('test');
        return { detail: msg('test_yeastar_s_ok', settings.username, settings.extension) };
      },

      /**
       * Sends the heartbeat for a kept token (v1.x "heartbeat" page: any request extends the token's 30 minutes),
       * so a token outlives quiet spells without a login. Never logs in; a refused heartbeat drops the token.
       */
      async keepAlive(): Promise<void> {
        const kept = await logins.load();
        if (!kept.token || kept.lastUse === undefined) return;
        if (!usable(kept)) {
          await logins.clear();
          return;
        }
        // A token used in the last few minutes needs no heartbeat (the alarm comes every 20 minutes).
        if (context.now() - kept.lastUse < HEARTBEAT_AFTER_MS) return;
        token = kept.token;
        const answer = await post(`heartbeat?token=${encodeURIComponent(kept.token)}`, {}, 'heartbeat');
        await (answer.ok ? logins.keep({ ...kept, lastUse: context.now() }) : logins.clear());
      },
    };
  },
};
