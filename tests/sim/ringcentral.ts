/**
 * Simulated RingCentral platform: the JWT bearer token grant and RingOut (docs/providers/ringcentral.md).
 *
 * - `POST /restapi/oauth/token`: HTTP Basic with the app's client ID and secret (else 401
 *   `{"error":"invalid_client","errors":[{"errorCode":"OAU-123"}]}` [I code]), form body exactly `grant_type` =
 *   `urn:ietf:params:oauth:grant-type:jwt-bearer` and `assertion` (another grant → 400 `unsupported_grant_type`; a
 *   wrong JWT → 400 `{"error":"invalid_grant","errors":[{"errorCode":"OAU-140"}]}` [I code]) →
 *   `{"access_token","token_type":"bearer","expires_in":3600,"refresh_token",…}` [C shape].
 * - API calls need `Authorization: Bearer`: unknown → 401 `OAU-149` [I]; expired → 401 `OAU-128` "Access token
 *   expired" [C].
 * - `GET /restapi/v1.0/account/~/extension/~` → the user's extension record [C].
 * - `POST /restapi/v1.0/account/~/extension/~/ring-out`, JSON `{from:{phoneNumber}, to:{phoneNumber},
 *   callerId?:{phoneNumber}, playPrompt?:boolean, country?:{id}}` [C] → 200 `{uri,id,status:{callStatus:"InProgress",
 *   callerStatus:"InProgress",calleeStatus:"InProgress"}}` [C]. Unknown fields, a non-E.164 `from`/`to` → 400
 *   `CMN-101` naming `parameterName` [C envelope, I cases].
 *
 * Configuration (`configure`): `ringOutPermission` (true) false → 403 `CMN-408`; `rejectNumber` (false) → 400
 * `CMN-101` with `parameterName` `to.phoneNumber`; `internationalDisabled` (false) → 200 with callStatus
 * `InternationalDisabled`; `rateLimited` (false) → 429 `CMN-301`; `revokeTokens` (action); `delayMs` (0).
 */
import { randomBytes } from 'node:crypto';
import { tokenSimState } from './token-state';
import type { SimContext, SimProvider, SimRequest, SimResponse } from './types';

export const RINGCENTRAL_SIM_CLIENT_ID = 'rcSimClientId0123456789';
export const RINGCENTRAL_SIM_CLIENT_SECRET = 'rcSimClientSecret-9a8b7c6d5e4f';
/** A JWT-shaped credential (header.payload.signature) the simulator accepts. */
export const RINGCENTRAL_SIM_JWT =
  'eyJraWQiOiJzaW0iLCJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJzaW0iLCJzdWIiOiIxMDEifQ.c2ltLXNpZ25hdHVyZS1yaW5nY2VudHJhbA';
export const RINGCENTRAL_SIM_FROM = '+16505550100';
export const RINGCENTRAL_TOKEN_TTL_S = 3600;

interface RingcentralConfig {
  ringOutPermission: boolean;
  rejectNumber: boolean;
  internationalDisabled: boolean;
  rateLimited: boolean;
  delayMs: number;
}

const DEFAULTS: RingcentralConfig = {
  ringOutPermission: true,
  rejectNumber: false,
  internationalDisabled: false,
  rateLimited: false,
  delayMs: 0,
};

const E164 = /^\+[1-9]\d{6,14}$/;

/** Creates the RingCentral simulator. */
export function ringcentralSim(): SimProvider {
  const state = tokenSimState(DEFAULTS);
  const { tokens } = state;

  const reply = (status: number, body: unknown): SimResponse => ({
    status,
    body,
    headers: { 'content-type': 'application/json;charset=UTF-8' },
    delayMs: state.config.delayMs,
  });
  const apiError = (status: number, errorCode: string, message: string, parameterName?: string) =>
    reply(status, {
      errorCode,
      message,
      errors: [{ errorCode, message, ...(parameterName ? { parameterName } : {}) }],
    });

  return {
    name: 'ringcentral',
    kind: 'provider',
    matches: (request) => request.path.startsWith('/restapi/'),
    handle(request: SimRequest, context: SimContext): SimResponse {
      const now = context.clock.now();
      if (request.path === '/restapi/oauth/token') return token(request, now);
      const bearer = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
      const expires = bearer ? tokens.get(bearer) : undefined;
      if (expires === undefined) return apiError(401, 'OAU-149', 'Invalid access token');
      if (expires <= now) return apiError(401, 'OAU-128', 'Access token expired');
      if ([...request.query.keys()].length) return apiError(400, 'CMN-101', 'Unexpected query parameter');
      if (request.path === '/restapi/v1.0/account/~/extension/~' && request.method === 'GET') {
        return reply(200, {
          uri: 'https://platform.ringcentral.com/restapi/v1.0/account/400/extension/101',
          id: 101,
          extensionNumber: '101',
          name: 'Sim User',
          type: 'User',
          status: 'Enabled',
        });
      }
      if (request.path === '/restapi/v1.0/account/~/extension/~/ring-out' && request.method === 'POST') {
        return ringOut(request);
      }
      return apiError(404, 'CMN-102', 'Resource for parameter [path] is not found');
    },
    reset: state.reset,
    configure: state.configure,
    settings: (context) => ({
      type: 'ringcentral',
      baseUrl: context.baseUrl,
      clientId: RINGCENTRAL_SIM_CLIENT_ID,
      clientSecret: RINGCENTRAL_SIM_CLIENT_SECRET,
      jwt: RINGCENTRAL_SIM_JWT,
      fromNumber: RINGCENTRAL_SIM_FROM,
    }),
  };

  function token(request: SimRequest, now: number): SimResponse {
    if (request.method !== 'POST') return apiError(405, 'CMN-405', 'Method not allowed');
    const expected = Buffer.from(`${RINGCENTRAL_SIM_CLIENT_ID}:${RINGCENTRAL_SIM_CLIENT_SECRET}`).toString('base64');
    if (request.headers.authorization !== `Basic ${expected}`) {
      return reply(401, {
        error: 'invalid_client',
        errors: [{ errorCode: 'OAU-123', message: 'Client authentication is required' }],
        error_description: 'Client authentication is required',
      });
    }
    const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    const form = new URLSearchParams(request.body);
    if (type !== 'application/x-www-form-urlencoded' || [...request.query.keys()].length) {
      return reply(400, { error: 'invalid_request', errors: [{ errorCode: 'OAU-101', message: 'Invalid request' }] });
    }
    if ([...form.keys()].sort().join() !== 'assertion,grant_type') {
      return reply(400, { error: 'invalid_request', errors: [{ errorCode: 'OAU-101', message: 'Parameter set' }] });
    }
    if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer') {
      return reply(400, { error: 'unsupported_grant_type', errors: [{ errorCode: 'OAU-101', message: 'grant_type' }] });
    }
    if (form.get('assertion') !== RINGCENTRAL_SIM_JWT) {
      return reply(400, {
        error: 'invalid_grant',
        errors: [{ errorCode: 'OAU-140', message: 'Invalid resource owner credentials' }],
        error_description: 'Invalid resource owner credentials',
      });
    }
    const access = `U0pDMTFQMDFQQVMwMHxBQUF${randomBytes(24).toString('base64url')}`;
    tokens.set(access, now + RINGCENTRAL_TOKEN_TTL_S * 1000);
    return reply(200, {
      access_token: access,
      token_type: 'bearer',
      expires_in: RINGCENTRAL_TOKEN_TTL_S,
      refresh_token: `U0pDMTFQMDFQQVMwMHxBQUJ${randomBytes(24).toString('base64url')}`,
      refresh_token_expires_in: 604800,
      scope: 'RingOut ReadAccounts',
      owner_id: '101',
      endpoint_id: 'sim-endpoint',
    });
  }

  function ringOut(request: SimRequest): SimResponse {
    if (!state.config.ringOutPermission) {
      return apiError(
        403,
        'CMN-408',
        'In order to call this API endpoint, application needs to have [RingOut] permission',
      );
    }
    const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json') return apiError(415, 'CMN-415', 'Unsupported Media Type');
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(request.body) as Record<string, unknown>;
    } catch {
      return apiError(400, 'CMN-101', 'Request body is invalid');
    }
    if (!body || typeof body !== 'object' || Array.isArray(body)) return apiError(400, 'CMN-101', 'Body');
    for (const key of Object.keys(body)) {
      if (!['from', 'to', 'callerId', 'playPrompt', 'country'].includes(key)) {
        return apiError(400, 'CMN-101', `Parameter [${key}] is not supported`, key);
      }
    }
    const phone = (value: unknown) =>
      value && typeof value === 'object' ? (value as Record<string, unknown>).phoneNumber : undefined;
    const from = phone(body.from);
    const to = phone(body.to);
    if (typeof from !== 'string' || !E164.test(from)) {
      return apiError(400, 'CMN-101', 'Parameter [from.phoneNumber] value is invalid', 'from.phoneNumber');
    }
    if (typeof to !== 'string' || !E164.test(to) || state.config.rejectNumber) {
      return apiError(400, 'CMN-101', 'Parameter [to.phoneNumber] value is invalid', 'to.phoneNumber');
    }
    if (body.playPrompt !== undefined && typeof body.playPrompt !== 'boolean') {
      return apiError(400, 'CMN-101', 'Parameter [playPrompt] value is invalid', 'playPrompt');
    }
    if (state.config.rateLimited) return apiError(429, 'CMN-301', 'Request rate exceeded');
    const callSeq = state.nextCall();
    const id = `${234_000 + callSeq}`;
    const status = state.config.internationalDisabled ? 'InternationalDisabled' : 'InProgress';
    return reply(200, {
      uri: `https://platform.ringcentral.com/restapi/v1.0/account/400/extension/101/ring-out/${id}`,
      id,
      status: { callStatus: status, callerStatus: status, calleeStatus: status },
    });
  }
}
