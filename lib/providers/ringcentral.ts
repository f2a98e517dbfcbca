/**
 * RingCentral RingOut (docs/providers/ringcentral.md; vendor pages "JWT authentication flow"
 * https://developers.ringcentral.com/guide/authentication/jwt-flow, "Make RingOut Call" in the API reference, and
 * "RingCentral API Error Codes" https://developers.ringcentral.com/guide/basics/errors).
 *
 * Quirks handled here:
 * - Authorisation is the JWT bearer grant: `POST /restapi/oauth/token` with the app's client ID and secret as HTTP
 *   Basic and `grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=<JWT>` as the form body. The JWT
 *   credential (made in the Developer Console) never expires by itself, so a new access token is simply asked for
 *   with it again; no refresh token is kept.
 * - The access token (`expires_in` seconds, 3600 by default) is kept in the session area and renewed a minute
 *   early; a 401 on a RingOut with a kept token (OAU-128 "access token expired") is answered by one new token and
 *   one more RingOut. Nothing else is retried.
 * - RingOut rings `from` (the user's own phone) first, then `to`; `playPrompt` is always false (no "press 1"). The
 *   API has no auto-answer: the setting cannot change the request.
 * - Errors are `{"errorCode":"CMN-101","message":…,"errors":[{errorCode,message,parameterName}]}`; the adapter
 *   branches on `errorCode` and `parameterName`, never on the message (the vendor's advice).
 */
import { basicAuthorization } from '../net/basic-auth';
import type { FieldProblem, FieldTable, SettingsFrom } from '../settings/field-spec';
import { excerpt, httpRequest, isObject, joinUrl, redactSecrets, refusalError, type HttpResponse } from '../net/http';
import { oauthToken } from './oauth-token';
import { fallbackSession } from './token-cache';
import { ProviderError, type ErrorKind, type ProviderDefinition } from './types';
import { msg } from '../i18n/text';

const LABEL = 'RingCentral';

/** Its fields, in the order the options page shows them. */
const fields = {
  /** The API server: https://platform.ringcentral.com (production) or the developer sandbox. */
  baseUrl: {
    kind: 'url',
    default: 'https://platform.ringcentral.com',
    placeholder: 'https://platform.ringcentral.com',
  },
  clientId: { kind: 'text', secret: true },
  clientSecret: { kind: 'secret' },
  /** The JWT credential of the user, made in the Developer Console. */
  jwt: { kind: 'secret' },
  /** The user's own phone number in E.164, rung first (a RingCentral phone, a mobile, a desk phone). */
  fromNumber: { kind: 'text', placeholder: '+16505550100' },
} satisfies FieldTable;

/** Settings of a RingCentral RingOut provider (`provider` in the settings document). */
export type RingcentralProvider = SettingsFrom<'ringcentral', typeof fields>;

export const RINGCENTRAL_SESSION_KEY = 'ringcentral:session';
const DEFAULT_TTL_S = 3600;
const JWT_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
/** RingOut call statuses that mean the call did not go ahead (enum of RingOutStatusInfo). */
const FAILED_STATUSES = new Set([
  'Invalid',
  'Busy',
  'NoAnswer',
  'Rejected',
  'GenericError',
  'InternationalDisabled',
  'DestinationBlocked',
  'NotEnoughFunds',
  'NoSuchUser',
]);

const sessions = fallbackSession();

/** Forgets every kept token of the in-memory fallback (tests). */
export const forgetRingcentralSessions = sessions.forget;

/** The first `errorCode`, `parameterName` and message of a RingCentral error body (or an OAuth2 one). */
function errorOf(json: unknown): { code?: string; parameter?: string; message?: string } {
  if (!isObject(json)) return {};
  const first = Array.isArray(json.errors) && isObject(json.errors[0]) ? json.errors[0] : {};
  const text = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
  return {
    code: text(json.errorCode) ?? text(first.errorCode) ?? text(json.error),
    parameter: text(first.parameterName) ?? text(json.parameterName),
    message: text(json.message) ?? text(first.message) ?? text(json.error_description),
  };
}

/** The kind and a message a person can act on, for a refused token request or API call. */
export function describeRingcentralError(
  status: number,
  error: { code?: string; parameter?: string },
  step: 'login' | 'dial' | 'test',
  number?: string,
): [ErrorKind, string] {
  const code = error.code ?? '';
  if (status === 429) {
    return [
      'rate-limited',
      `RingCentral is limiting requests from this app (HTTP 429 ${code}). Try again in a minute.`,
    ];
  }
  if (step === 'login') {
    if (status === 401 || code === 'invalid_client') {
      return [
        'auth',
        "RingCentral rejected the app's client ID or client secret. Copy both again from the Developer Console.",
      ];
    }
    if (status === 400 && (code === 'invalid_grant' || code.startsWith('OAU-'))) {
      return [
        'auth',
        'RingCentral refused the JWT credential (expired, revoked, or made for another app). Make a new one in the Developer Console and allow this app to use it.',
      ];
    }
  }
  if (status === 401) return ['auth', `RingCentral did not accept a fresh access token (HTTP 401 ${code}).`];
  if (status === 403) {
    return [
      'permission',
      `RingCentral does not allow this (HTTP 403 ${code}): the app needs the "RingOut" permission in the Developer Console, and your user the right to make RingOut calls.`,
    ];
  }
  if (status === 404) return ['not-found', `RingCentral knows no such account or extension (HTTP 404 ${code}).`];
  if (status === 400 || status === 422) {
    const parameter = (error.parameter ?? '').toLowerCase();
    if (parameter.startsWith('to')) {
      return ['number-rejected', `RingCentral refused the number${number ? ` ${number}` : ''} (${code}).`];
    }
    if (parameter.startsWith('from')) {
      return [
        'not-found',
        `RingCentral refused your own phone number (${code}). Enter it in international format, e.g. +16505550100, in "Your phone".`,
      ];
    }
    return [
      'unexpected',
      `RingCentral refused the request (HTTP ${status} ${code}${error.parameter ? `, ${error.parameter}` : ''}).`,
    ];
  }
  if (status >= 500) return ['unexpected', `RingCentral had a server error (HTTP ${status}). Try again in a moment.`];
  return ['unexpected', `RingCentral answered with HTTP ${status}${code ? ` ${code}` : ''}.`];
}

/** The kind and message for a RingOut that came back with a failed `callStatus`. */
function describeCallStatus(status: string, number: string): [ErrorKind, string] {
  switch (status) {
    case 'InternationalDisabled':
      return ['permission', `RingCentral did not call ${number}: international calls are disabled for your user.`];
    case 'DestinationBlocked':
      return ['number-rejected', `RingCentral blocks calls to ${number}.`];
    case 'NotEnoughFunds':
      return ['locked', 'RingCentral did not place the call: the account has not enough funds.'];
    case 'NoSuchUser':
      return ['not-found', 'RingCentral knows no such user for this RingOut.'];
    case 'Busy':
    case 'NoAnswer':
    case 'Rejected':
      return ['extension-unavailable', `RingCentral could not reach your phone (${status}).`];
    default:
      return ['unexpected', `RingCentral reported the RingOut as ${status}.`];
  }
}

/** RingCentral RingOut with a JWT credential. */
export const ringcentral: ProviderDefinition<RingcentralProvider> = {
  type: 'ringcentral',
  label: LABEL,
  fields,
  // RingOut's `to.phoneNumber` and `from.phoneNumber` are phone numbers in E.164 (API reference) [C].
  numberFormat: 'e164',
  problems(settings): FieldProblem[] {
    return /^\+[1-9]\d{6,14}$/.test(settings.fromNumber)
      ? []
      : [{ field: 'fromNumber', message: 'must be a phone number in international format, e.g. +16505550100' }];
  },
  capabilities: { extensionDialing: false, connectionTest: 'identity' },
  create(settings, context) {
    const server = settings.baseUrl.replace(/\/+$/, '').replace(/\/restapi(\/v1\.0)?$/i, '');
    const basic = basicAuthorization(settings.clientId, settings.clientSecret).slice('Basic '.length);
    const token = oauthToken({
      provider: LABEL,
      context,
      area: sessions.area(context),
      key: RINGCENTRAL_SESSION_KEY,
      root: server,
      credentials: [settings.clientId, settings.clientSecret, settings.jwt],
      // The JWT bearer grant, with the app's client ID and secret as HTTP Basic.
      request: {
        method: 'POST',
        url: joinUrl(server, 'restapi/oauth/token'),
        headers: {
          authorization: `Basic ${basic}`,
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body: new URLSearchParams({ grant_type: JWT_GRANT, assertion: settings.jwt }).toString(),
      },
      refused: (response) => fail(response, 'login'),
      notTokenEndpoint: () =>
        'The address does not answer like the RingCentral token endpoint. Check the server address.',
      defaultLifetimeS: DEFAULT_TTL_S,
    });
    const redact = (text: string) =>
      redactSecrets(text, [settings.clientSecret, settings.jwt, settings.clientId, basic, ...token.tokens], '[secret]');

    const fail = (response: HttpResponse, step: 'login' | 'dial' | 'test', number?: string) => {
      const error = errorOf(response.json);
      const said = [error.code, error.message].filter(Boolean).join(': ');
      return refusalError(
        response,
        LABEL,
        step,
        describeRingcentralError(response.status, error, step, number),
        said,
        redact,
      );
    };

    const api = (bearer: string, method: 'GET' | 'POST', path: string, step: 'dial' | 'test', body?: unknown) =>
      httpRequest(
        context,
        {
          method,
          url: joinUrl(server, path),
          headers: {
            authorization: `Bearer ${bearer}`,
            accept: 'application/json',
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
        },
        LABEL,
        step,
      );

    return {
      async dial(request) {
        const body = {
          from: { phoneNumber: settings.fromNumber },
          to: { phoneNumber: request.number },
          playPrompt: false,
        };
        const response = await token.send((bearer) =>
          api(bearer, 'POST', 'restapi/v1.0/account/~/extension/~/ring-out', 'dial', body),
        );
        if (response.status !== 200) throw fail(response, 'dial', request.number);
        const json = response.json;
        const status = isObject(json) && isObject(json.status) ? json.status : undefined;
        const callStatus = typeof status?.callStatus === 'string' ? status.callStatus : undefined;
        if (!isObject(json) || !callStatus) {
          throw new ProviderError(
            'unexpected',
            `RingCentral accepted the request but its answer is not a RingOut${response.text.trim() ? `: ${excerpt(redact(response.text))}` : ''}; the call was not confirmed.`,
            { provider: LABEL, status: response.status, step: 'dial' },
          );
        }
        if (FAILED_STATUSES.has(callStatus)) {
          const [kind, message] = describeCallStatus(callStatus, request.number);
          throw new ProviderError(kind, message, {
            provider: LABEL,
            status: 200,
            providerMessage: `callStatus ${callStatus}`,
            step: 'dial',
          });
        }
        const id = json.id;
        // The RingOut's first state ("InProgress"): the person sees it with the notification (issue 12).
        return typeof id === 'string' || typeof id === 'number'
          ? { callId: String(id), status: callStatus }
          : { status: callStatus };
      },

      /** A fresh token with the JWT, then the user's own extension record: no call. */
      async testConnection() {
        const bearer = await token.fresh('test');
        const response = await api(bearer, 'GET', 'restapi/v1.0/account/~/extension/~', 'test');
        if (response.status !== 200) throw fail(response, 'test');
        const json = response.json;
        if (!isObject(json)) throw fail(response, 'test');
        const name = typeof json.name === 'string' ? json.name : msg('test_ringcentral_your_user');
        return {
          detail:
            typeof json.extensionNumber === 'string'
              ? msg('test_ringcentral_ok_extension', name, json.extensionNumber, settings.fromNumber)
              : msg('test_ringcentral_ok', name, settings.fromNumber),
        };
      },
    };
  },
};
