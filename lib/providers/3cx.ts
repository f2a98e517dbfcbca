/**
 * 3CX V20 (and later) Call Control API (docs/providers/3cx.md; vendor pages "3CX Call Control API"
 * https://www.3cx.com/docs/call-control-api/ and "Call Control API Endpoint Specification"
 * https://www.3cx.com/docs/call-control-api-endpoints/).
 *
 * Quirks handled here:
 * - Credentials are an API client made under Integrations → API (its Client ID, which is also the route point's DN,
 *   and the API key shown once), exchanged for a Bearer token with the OAuth2 client-credentials grant at
 *   `/connect/token` (form body, never the URL). Only 3CX Enterprise licences (8SC+ Enterprise or AI) allow it.
 * - The call is `POST /callcontrol/{dn}/makecall` `{"destination": …}` on the user's extension; the API client must
 *   have that extension among the extensions it monitors, else 403. 3CX rings the extension, then the number.
 * - The API has no auto-answer parameter: the setting cannot change the request (the phone's own settings apply).
 * - The token (`expires_in`, read as seconds as OAuth2 says; 3CX documents 60 minutes) is kept in the session area
 *   and renewed before it expires; a 401 on a dial with a kept token is answered by one new token and one more
 *   dial (a 401 means the request was refused before any call). Nothing else is ever retried.
 * - Test connection gets a token and reads the extension's state (`GET /callcontrol/{dn}`): credentials, licence
 *   and the monitored extension are checked without a call.
 */
import type { FieldTable, SettingsFrom } from '../settings/field-spec';
import {
  excerpt,
  htmlAnswerError,
  httpRequest,
  isHtml,
  isObject,
  joinUrl,
  redactSecrets,
  refusalError,
  type HttpResponse,
} from '../net/http';
import { oauthToken } from './oauth-token';
import { fallbackSession } from './token-cache';
import { ProviderError, type ErrorKind, type ProviderDefinition } from './types';
import { msg } from '../i18n/text';

const LABEL = '3CX';

/** Its fields, in the order the options page shows them. */
const fields = {
  baseUrl: { kind: 'url', placeholder: 'https://mycompany.3cx.eu' },
  /** The API client's Client ID (Integrations → API), also the DN of its route point. */
  clientId: { kind: 'text', secret: true },
  /** The API key shown once when the API client was made. */
  clientSecret: { kind: 'secret' },
  /** The user's own extension (DN) the call is made from. */
  extension: { kind: 'extension', placeholder: '100' },
} satisfies FieldTable;

/** Settings of a 3CX provider (`provider` in the settings document). */
export type ThreeCxProvider = SettingsFrom<'3cx', typeof fields>;

export const THREECX_SESSION_KEY = '3cx:session';
/** 3CX documents 60 minutes; used when `expires_in` is missing, and as the longest a token is trusted. */
export const THREECX_TOKEN_MAX_S = 60 * 60;

const sessions = fallbackSession();

/** Forgets every kept token of the in-memory fallback (tests). */
export const forget3cxSessions = sessions.forget;

/** The PBX root, whether the user gave `https://host`, `…/callcontrol` or `…/xapi/v1`. */
export function threeCxRoot(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '').replace(/\/(callcontrol|xapi\/v1)$/i, '');
}

/** A short, secret-free text of what 3CX said: an OAuth2 `error`, a `message`, a problem `title`, or `reasontext`. */
function saidBy(json: unknown): string | undefined {
  if (!isObject(json)) return undefined;
  const parts = [json.error, json.error_description, json.title, json.message, json.reason, json.reasontext]
    .filter((v): v is string => typeof v === 'string' && v.trim() !== '')
    .map((v) => v.trim());
  return parts.length ? parts.join(': ') : undefined;
}

/** The kind and a message a person can act on, for each HTTP status the Call Control API documents or uses. */
export function describe3cxStatus(
  status: number,
  step: 'login' | 'test' | 'dial',
  settings: ThreeCxProvider,
  number?: string,
): [ErrorKind, string] {
  const ext = settings.extension;
  if (step === 'login' && (status === 400 || status === 401)) {
    return [
      'auth',
      '3CX rejected the Client ID or API key. Check both under Integrations → API (the key is shown only once: make a new one if it is lost).',
    ];
  }
  switch (status) {
    case 400:
      return ['unexpected', `3CX refused the request as malformed (HTTP 400).`];
    case 401:
      return ['auth', '3CX did not accept a fresh access token (HTTP 401). Check that the API client still exists.'];
    case 403:
      return [
        'permission',
        `3CX does not let this API client control extension ${ext} (HTTP 403). Under Integrations → API, tick "3CX Call Control API access" and add ${ext} to the extensions the client monitors; the Call Control API also needs an Enterprise licence.`,
      ];
    case 404:
      return [
        'not-found',
        `3CX knows no extension ${ext} for the Call Control API (HTTP 404), or the address is not a 3CX V20 server. Check the extension and the address.`,
      ];
    case 422:
      return [
        'number-rejected',
        `3CX could not process the call to${number ? ` ${number}` : ' the number'} (HTTP 422). Check the number and the Number format your outbound rules expect.`,
      ];
    case 429:
      return ['rate-limited', '3CX is limiting requests from this API client (HTTP 429). Try again in a moment.'];
    default:
      if (status >= 500) return ['unexpected', `3CX had a server error (HTTP ${status}). Try again in a moment.`];
      return ['unexpected', `3CX answered with HTTP ${status}.`];
  }
}

/** 3CX V20 Call Control API. */
export const threeCx: ProviderDefinition<ThreeCxProvider> = {
  type: '3cx',
  label: LABEL,
  fields,
  // makecall's destination is dialled like a number typed on the extension, through the outbound rules [I].
  numberFormat: 'dialable',
  // Test connection gets a token and reads the user's own DN (GET /callcontrol/{dn}): who the client may act for.
  capabilities: { extensionDialing: false, connectionTest: 'identity' },
  create(settings, context) {
    const root = threeCxRoot(settings.baseUrl);
    const token = oauthToken({
      provider: LABEL,
      context,
      area: sessions.area(context),
      key: THREECX_SESSION_KEY,
      root,
      credentials: [settings.clientId, settings.clientSecret],
      // OAuth2 client credentials at /connect/token, in the form body.
      request: {
        method: 'POST',
        url: joinUrl(root, 'connect/token'),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          client_id: settings.clientId,
          client_secret: settings.clientSecret,
          grant_type: 'client_credentials',
        }).toString(),
      },
      refused: (response) => fail(response, 'login'),
      notTokenEndpoint: (response) =>
        `The address does not answer like a 3CX token endpoint (HTTP 200${response.text.trim() ? `: ${excerpt(redact(response.text))}` : ''}). Check the 3CX address.`,
      defaultLifetimeS: THREECX_TOKEN_MAX_S,
      maxLifetimeS: THREECX_TOKEN_MAX_S,
    });
    const redact = (text: string) =>
      redactSecrets(text, [settings.clientSecret, settings.clientId, ...token.tokens], '[secret]');
    const dnPath = `callcontrol/${encodeURIComponent(settings.extension)}`;

    const fail = (response: HttpResponse, step: 'login' | 'test' | 'dial', number?: string) =>
      refusalError(
        response,
        LABEL,
        step,
        describe3cxStatus(response.status, step, settings, number),
        saidBy(response.json),
        redact,
      );

    const authorized = (bearer: string) => ({ authorization: `Bearer ${bearer}` });

    return {
      async dial(request) {
        const response = await token.send((bearer) =>
          httpRequest(
            context,
            {
              method: 'POST',
              url: joinUrl(root, `${dnPath}/makecall`),
              headers: { ...authorized(bearer), 'content-type': 'application/json' },
              body: JSON.stringify({ destination: request.number }),
            },
            LABEL,
            'dial',
          ),
        );
        if (response.status !== 200) throw fail(response, 'dial', request.number);
        const json = response.json;
        if (!isObject(json) || typeof json.finalstatus !== 'string') {
          if (isHtml(response)) throw htmlAnswerError(response, LABEL, 'dial');
          throw new ProviderError(
            'unexpected',
            `3CX accepted the request but its answer is not a Call Control result${response.text.trim() ? `: ${excerpt(redact(response.text))}` : ''}; the call was not confirmed.`,
            { provider: LABEL, status: response.status, step: 'dial' },
          );
        }
        if (json.finalstatus !== 'Success') {
          const said = saidBy(json);
          throw new ProviderError(
            'unexpected',
            `3CX could not make the call (${json.finalstatus}${said ? `: ${redact(said)}` : ''}).`,
            {
              provider: LABEL,
              status: 200,
              providerMessage: redact(`${json.finalstatus}${said ? ` ${said}` : ''}`),
              step: 'dial',
            },
          );
        }
        const result = isObject(json.result) ? json.result : {};
        const id = result.callid ?? result.id;
        return typeof id === 'number' || (typeof id === 'string' && id) ? { callId: String(id) } : {};
      },

      /** A fresh token, then the extension's state: no call. */
      async testConnection() {
        const bearer = await token.fresh('test');
        const response = await httpRequest(
          context,
          { method: 'GET', url: joinUrl(root, dnPath), headers: authorized(bearer) },
          LABEL,
          'test',
        );
        if (response.status !== 200) throw fail(response, 'test');
        const json = response.json;
        if (!isObject(json) || typeof json.dn !== 'string') {
          if (isHtml(response)) throw htmlAnswerError(response, LABEL, 'test');
          throw new ProviderError(
            'unexpected',
            '3CX answered the extension lookup with something else than its state.',
            {
              provider: LABEL,
              status: response.status,
              step: 'test',
            },
          );
        }
        const devices = Array.isArray(json.devices) ? json.devices.length : 0;
        return {
          detail: devices === 1 ? msg('test_3cx_ok_one', json.dn) : msg('test_3cx_ok', json.dn, String(devices)),
        };
      },
    };
  },
};
