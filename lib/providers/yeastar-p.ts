/**
 * Yeastar P-Series (Software, Appliance and Cloud editions) OpenAPI v1.0 (docs/providers/yeastar-p.md; vendor
 * pages "Get Access Token", "Refresh Access Token", "Make a Call", "Error Code and Error Message" under
 * https://help.yeastar.com/en/p-series/developer-guide/).
 *
 * Quirks handled here:
 * - Every answer is JSON with an integer `errcode` (0 = success) and `errmsg`; the adapter reads the result from
 *   `errcode`, never from the HTTP status.
 * - The Client ID and Client Secret made on the PBX's API page are sent as `username`/`password` in the JSON body
 *   of `get_token`, never in a URL. The API takes the access token only as `?access_token=` (no header is
 *   documented), so that URL is never put in an error or a log (lib/providers/http.ts).
 * - The access token lives 30 minutes, the refresh token 24 hours (both given in seconds by get_token). Both are
 *   kept in the session area (`storage.session`); the access token is renewed a minute before it expires, with
 *   the refresh token while that is valid, else with a new get_token.
 * - Errcode 10004 (TOKEN EXPIRED) on a dial with a kept token means the PBX refused before placing any call: the
 *   token is renewed once and the dial sent once more. Any other answer is never retried.
 * - A refused get_token (errcode -1, "username or password") pauses further logins until the credentials change
 *   or the person presses Test connection, so a wrong secret cannot run into the PBX's IP block (70004).
 */
import type { FieldTable, SettingsFrom } from '../settings/field-spec';
import { excerpt, httpRequest, isHtml, htmlAnswerError, isObject, joinUrl, redactSecrets } from '../net/http';
import { accountLogins, fallbackSession, lifetimeMs, tokenUsable } from './token-cache';
import { ProviderError, type ErrorKind, type ProviderDefinition } from './types';
import { msg } from '../i18n/text';

const LABEL = 'Yeastar P-Series';

/** Its fields, in the order the options page shows them. */
const fields = {
  baseUrl: { kind: 'url', placeholder: 'https://pbx.example.com:8088' },
  // The Client ID is half of the credential pair (get_token's `username`): kept out of exports like the secret.
  /** The Client ID from Integrations → API (sent as `username`). */
  clientId: { kind: 'text', secret: true },
  /** The Client Secret from the same page (sent as `password`). */
  clientSecret: { kind: 'secret' },
  extension: { kind: 'extension', placeholder: '1000' },
  dialPermission: { kind: 'optionalExtension', default: '' },
} satisfies FieldTable;

/** Settings of a Yeastar P-Series / Cloud PBX provider (`provider` in the settings document). */
export type YeastarPProvider = SettingsFrom<'yeastar-p', typeof fields>;

/** Where the login is kept in the session area (storage.session). */
export const YEASTAR_P_SESSION_KEY = 'yeastar-p:session';
/** Renew this long before the PBX's own expiry, so a token cannot lapse between our check and the PBX's. */
export const YEASTAR_P_TOKEN_MARGIN_MS = 60 * 1000;
/** The documented lifetimes, used when get_token leaves them out. */
const DEFAULT_ACCESS_S = 1800;
const DEFAULT_REFRESH_S = 86400;
const TOKEN_EXPIRED = 10004;
const PAUSED_TEXT =
  'No further login is tried until you correct the Client ID or Client Secret in the settings or press Test connection (repeated failed logins make the PBX block this IP address).';

/** What is kept beside the account (lib/providers/token-cache.ts). */
interface KeptLogin {
  accessToken: string;
  accessExpiresAt: number;
  refreshToken: string;
  refreshExpiresAt: number;
  /** The errcode of a refused get_token: no login until Test connection or changed credentials. */
  paused: number;
}

type Answer =
  { ok: true; body: Record<string, unknown> } | { ok: false; errcode: number; body: Record<string, unknown> };

const sessions = fallbackSession();

/** Forgets every kept login of the in-memory fallback (tests). */
export const forgetYeastarPSessions = sessions.forget;

/** `https://host:8088` or `https://host:8088/openapi/v1.0` → `https://host:8088/openapi/v1.0`. */
export function yeastarPApiRoot(baseUrl: string): string {
  return joinUrl(baseUrl.replace(/\/+$/, '').replace(/\/openapi\/v1\.0$/i, ''), 'openapi/v1.0');
}

/** The fields `invalid_param_list` names (`[{"field":"callee",…}]`), lower-cased. */
function invalidFields(body: Record<string, unknown>): string[] {
  const list = body.invalid_param_list;
  if (!Array.isArray(list)) return [];
  return list.flatMap((item) => (isObject(item) && typeof item.field === 'string' ? [item.field.toLowerCase()] : []));
}

/** The kind and a message a person can act on, for each errcode of the vendor's "Error Code and Error Message". */
export function describeYeastarPError(
  errcode: number,
  body: Record<string, unknown>,
  settings: YeastarPProvider,
  number?: string,
): [ErrorKind, string] {
  const ext = settings.extension;
  const callee = number ? ` ${number}` : '';
  const bad = invalidFields(body);
  switch (errcode) {
    case -1:
      if (bad.some((f) => f.includes('username') || f.includes('password'))) {
        return [
          'auth',
          'The PBX rejected the Client ID or Client Secret. Copy both again from Integrations → API on the PBX.',
        ];
      }
      return ['unexpected', 'The PBX refused the request (errcode -1, FAILURE).'];
    case -2:
      return ['unexpected', 'The PBX reported an internal server error (errcode -2). Try again in a moment.'];
    case TOKEN_EXPIRED:
      return ['auth', 'The PBX did not accept a fresh access token (errcode 10004). Check that the API is enabled.'];
    case 10001:
      return [
        'not-found',
        'The PBX does not know this API request (errcode 10001, INTERFACE NOT EXISTED). Check that the address points at a Yeastar P-Series or Cloud PBX with the API enabled.',
      ];
    case 10002:
    case 10003:
      return [
        'unexpected',
        `The PBX does not support OpenAPI v1.0 (errcode ${errcode}). Update the PBX firmware or check the address.`,
      ];
    case 10005:
      return [
        'permission',
        "The PBX denied access (errcode 10005, ACCESS DENIED): the API client has no permission for calls, or this computer's IP address is not on the API's allowed list under Integrations → API.",
      ];
    case 70004:
      return [
        'locked',
        "The PBX has blocked this computer's IP address for the API (errcode 70004, ACCOUNT IP BLOCKED), usually after failed logins. Wait, or unblock it on the PBX, then check the Client ID and Client Secret.",
      ];
    case 70084:
      return ['permission', 'The PBX does not allow this action (errcode 70084, ACTION FORBIDDEN).'];
    case 60001:
      return [
        'not-found',
        `The PBX says the data does not exist (errcode 60001): check that extension ${ext}${settings.dialPermission ? ` and ${settings.dialPermission}` : ''} exist.`,
      ];
    case 60002:
      return [
        'rate-limited',
        'The PBX has reached a limit (errcode 60002, MAX LIMITATION EXCEEDED), e.g. the number of valid access tokens. Try again later.',
      ];
    case 70082:
      return ['rate-limited', 'The PBX is busy with an overload task (errcode 70082). Try again in a moment.'];
    case 40001:
      return [
        'unexpected',
        'The PBX rejected the request syntax (errcode 40001); something between this browser and the PBX may be changing requests.',
      ];
    case 40002:
    case 40003: {
      if (bad.includes('callee')) {
        return [
          'number-rejected',
          `The PBX refused the number${callee} (errcode ${errcode}). Yeastar takes digits as your outbound routes expect: keep Number format "As dialled from your country" and set the outbound prefix your routes use.`,
        ];
      }
      if (bad.includes('caller')) {
        return ['not-found', `Extension ${ext} is not valid on the PBX (errcode ${errcode}). Check the extension.`];
      }
      if (bad.includes('dial_permission')) {
        return [
          'not-found',
          `Extension ${settings.dialPermission} (Dial permission of) is not valid on the PBX (errcode ${errcode}).`,
        ];
      }
      return [
        'unexpected',
        `The PBX rejected a parameter (errcode ${errcode}${bad.length ? `: ${bad.join(', ')}` : ''}).`,
      ];
    }
    default:
      return ['unexpected', `The PBX refused the request with errcode ${errcode}.`];
  }
}

/** Yeastar P-Series / Cloud PBX, OpenAPI v1.0. */
export const yeastarP: ProviderDefinition<YeastarPProvider> = {
  type: 'yeastar-p',
  label: LABEL,
  fields,
  // "Make a Call": the callee must match an outbound route, as dialled on the PBX (digits, no +) [I, as S-Series].
  numberFormat: 'dialable',
  capabilities: { extensionDialing: false, connectionTest: 'login' },
  create(settings, context) {
    const root = yeastarPApiRoot(settings.baseUrl);
    const tokens = new Set<string>();
    const redact = (text: string) =>
      redactSecrets(text, [settings.clientId, settings.clientSecret, ...tokens], '[secret]');

    const call = async (
      method: 'GET' | 'POST',
      path: string,
      body: Record<string, string> | undefined,
      step: string,
      token?: string,
    ): Promise<Answer> => {
      const url = joinUrl(root, path) + (token ? `?access_token=${encodeURIComponent(token)}` : '');
      const response = await httpRequest(
        context,
        {
          method,
          url,
          headers: body ? { 'content-type': 'application/json' } : {},
          body: body ? JSON.stringify(body) : undefined,
        },
        LABEL,
        step,
      );
      if (isHtml(response)) throw htmlAnswerError(response, LABEL, step);
      const json = response.json;
      if (!isObject(json) || typeof json.errcode !== 'number') {
        throw new ProviderError(
          'unexpected',
          `The address does not answer like a Yeastar P-Series API (HTTP ${response.status}${response.text.trim() ? `: ${excerpt(redact(response.text))}` : ''}). Check the PBX address and port.`,
          { provider: LABEL, status: response.status, step },
        );
      }
      return json.errcode === 0 ? { ok: true, body: json } : { ok: false, errcode: json.errcode, body: json };
    };

    const fail = (answer: { errcode: number; body: Record<string, unknown> }, step: string, number?: string) => {
      const [kind, message] = describeYeastarPError(answer.errcode, answer.body, settings, number);
      const errmsg = typeof answer.body.errmsg === 'string' ? ` ${redact(answer.body.errmsg)}` : '';
      return new ProviderError(kind, message, {
        provider: LABEL,
        status: 200,
        providerMessage: `errcode ${answer.errcode}${errmsg}`,
        step,
      });
    };

    /** The kept login for these settings; one of other settings is revoked (best effort) and forgotten. */
    const logins = accountLogins<KeptLogin>({
      area: sessions.area(context),
      key: YEASTAR_P_SESSION_KEY,
      root,
      credentials: [settings.clientId, settings.clientSecret],
      leave: async (stored) => {
        if (!stored.accessToken) return;
        tokens.add(stored.accessToken);
        await httpRequest(
          context,
          {
            method: 'GET',
            url: `${joinUrl(stored.root, 'del_token')}?access_token=${encodeURIComponent(stored.accessToken)}`,
          },
          LABEL,
          'logout',
        );
      },
    });

    /** Reads tokens and lifetimes out of a get_token / refresh_token answer and keeps them. */
    const keep = async (body: Record<string, unknown>, step: string): Promise<Partial<KeptLogin>> => {
      const access = body.access_token;
      const refresh = body.refresh_token;
      if (typeof access !== 'string' || !access) {
        throw new ProviderError('unexpected', 'The PBX accepted the login but sent no access token.', {
          provider: LABEL,
          status: 200,
          step,
        });
      }
      tokens.add(access);
      if (typeof refresh === 'string') tokens.add(refresh);
      const now = context.now();
      const login: Partial<KeptLogin> = {
        accessToken: access,
        accessExpiresAt: now + lifetimeMs(body.access_token_expire_time, DEFAULT_ACCESS_S),
        ...(typeof refresh === 'string' && refresh
          ? {
              refreshToken: refresh,
              refreshExpiresAt: now + lifetimeMs(body.refresh_token_expire_time, DEFAULT_REFRESH_S),
            }
          : {}),
      };
      await logins.keep(login);
      return login;
    };

    /** get_token with the Client ID and Secret; a refused one pauses further logins. */
    const getToken = async (step: 'login' | 'test'): Promise<Partial<KeptLogin>> => {
      const answer = await call(
        'POST',
        'get_token',
        { username: settings.clientId, password: settings.clientSecret },
        step,
      );
      if (!answer.ok) {
        const error = fail(answer, step);
        if (error.kind === 'auth' || error.kind === 'locked') {
          await logins.keep({ paused: answer.errcode });
          throw new ProviderError(error.kind, `${error.message} ${PAUSED_TEXT}`, error.details);
        }
        throw error;
      }
      return keep(answer.body, step);
    };

    /** A new access token: with the refresh token while it is valid, else with get_token. */
    const renew = async (kept: Partial<KeptLogin>): Promise<Partial<KeptLogin>> => {
      if (kept.refreshToken && tokenUsable(kept.refreshExpiresAt, context.now(), YEASTAR_P_TOKEN_MARGIN_MS)) {
        tokens.add(kept.refreshToken);
        const answer = await call('POST', 'refresh_token', { refresh_token: kept.refreshToken }, 'login');
        if (answer.ok) return keep(answer.body, 'login');
        // A refused refresh token (revoked, secret regenerated) falls back to a full login once.
      }
      return getToken('login');
    };

    return {
      async dial(request) {
        const body: Record<string, string> = {
          caller: settings.extension,
          callee: request.number,
          auto_answer: request.autoAnswer ? 'yes' : 'no',
        };
        if (settings.dialPermission) body.dial_permission = settings.dialPermission;
        let kept: Partial<KeptLogin> = await logins.load();
        if (kept.paused !== undefined) {
          const locked = kept.paused === 70004;
          throw new ProviderError(
            locked ? 'locked' : 'auth',
            `Not dialled: the last login to the PBX was refused (${locked ? 'IP address blocked' : 'wrong Client ID or Client Secret'}). ${PAUSED_TEXT}`,
            { provider: LABEL, providerMessage: `errcode ${kept.paused}`, step: 'login' },
          );
        }
        const alive =
          kept.accessToken !== undefined && tokenUsable(kept.accessExpiresAt, context.now(), YEASTAR_P_TOKEN_MARGIN_MS);
        if (!alive) kept = await renew(kept);
        let answer = await call('POST', 'call/dial', body, 'dial', kept.accessToken);
        if (!answer.ok && answer.errcode === TOKEN_EXPIRED && alive) {
          // The kept token was refused before anything was dialled: renew once, dial once more.
          kept = await renew({ ...kept, accessToken: undefined });
          answer = await call('POST', 'call/dial', body, 'dial', kept.accessToken);
        }
        if (!answer.ok) {
          if (answer.errcode === TOKEN_EXPIRED) await logins.clear();
          throw fail(answer, 'dial', request.number);
        }
        const callId = answer.body.call_id;
        return typeof callId === 'string' && callId ? { callId } : {};
      },

      /** A fresh get_token with the Client ID and Secret (even after a refused one). Places no call. */
      async testConnection() {
        const kept = await logins.load();
        if (kept.accessToken) {
          // The Cloud edition allows at most 8 valid access tokens: give the old one back before asking anew.
          await call('GET', 'del_token', undefined, 'logout', kept.accessToken).catch(() => undefined);
        }
        await getToken('test');
        return { detail: msg('test_yeastar_p_ok', settings.extension) };
      },
    };
  },
};
