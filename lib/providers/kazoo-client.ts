/**
 * Talking to Kazoo's Crossbar API for the Kazoo provider (./kazoo.ts): the token login and its cache, requests
 * sent with a token and renewed once on a 401, Kazoo's answers turned into {@link ProviderError}s, and reading a
 * connect's outcome from the click-to-call's `/history`.
 */
import {
  excerpt,
  httpRequest,
  isObject,
  joinUrl,
  type HttpRequest,
  type HttpResponse,
  redactSecrets,
} from '../net/http';
import type { KazooProvider } from './kazoo';
import { tokenCache, tokenUsable, type TokenCache } from './token-cache';
import { memorySessionArea, ProviderError, type ErrorKind, type ProviderContext } from './types';

/** The name Kazoo's errors carry. */
export const PROVIDER = 'Kazoo';

/**
 * Kazoo's default `token_auth_expiry_s` is 3600 s (crossbar `cb_token_auth`). A system or account may set it
 * shorter, so a 401 still triggers one renewal; renewing a minute early avoids most of those round trips.
 */
export const KAZOO_TOKEN_LIFETIME_MS = 3600_000;
const TOKEN_RENEW_MARGIN_MS = 60_000;

interface CachedToken {
  token: string;
  expiresAt: number;
}

/**
 * Tokens live in memory only (never storage), keyed by server and key, so adapters created per dial
 * share one login. A changed key or server simply misses the cache.
 */
const tokenArea = memorySessionArea();

/** Forgets every cached Kazoo token (tests, and after settings change). */
export function forgetKazooTokens(): void {
  tokenArea.data.clear();
}

/** The Crossbar envelope's own words: `error` (HTTP code as a string), `message`, and a short `data`. */
export function envelopeWords(response: HttpResponse): { message: string; data: unknown; words: string } {
  const env = isObject(response.json) ? response.json : undefined;
  const message = typeof env?.message === 'string' ? env.message : '';
  const data = env?.data;
  let dataText = '';
  if (data !== undefined && data !== null && !(isObject(data) && Object.keys(data).length === 0)) {
    dataText = typeof data === 'string' ? data : JSON.stringify(data);
  }
  const words = env
    ? [message, dataText].filter(Boolean).join(': ') || `HTTP ${response.status}`
    : excerpt(response.text) || `HTTP ${response.status}`;
  return { message, data, words };
}

/** True when a 400 validation error's data names the `contact` field. */
export function isContactProblem(data: unknown): boolean {
  return isObject(data) && 'contact' in data;
}

export class KazooClient {
  private readonly cache: TokenCache<CachedToken>;
  /** The token last loaded or issued, so errors can blank it out without waiting for the cache. */
  private lastToken: string | undefined;

  constructor(
    private readonly settings: KazooProvider,
    private readonly context: ProviderContext,
  ) {
    this.cache = tokenCache<CachedToken>(tokenArea, `${settings.baseUrl.replace(/\/+$/, '')}\n${settings.apiKey}`);
  }

  get hasKey(): boolean {
    return this.settings.apiKey.trim() !== '';
  }

  url(path: string): string {
    return joinUrl(this.settings.baseUrl, path);
  }

  clickToCallPath(suffix = ''): string {
    const account = encodeURIComponent(this.settings.accountId.trim());
    const c2c = encodeURIComponent(this.settings.clickToCallId.trim());
    return `v2/accounts/${account}/clicktocall/${c2c}${suffix}`;
  }

  accountPath(suffix: string): string {
    return `v2/accounts/${encodeURIComponent(this.settings.accountId.trim())}${suffix}`;
  }

  /** Takes the API key, the cached token and the click-to-call id (a credential when auth_required is off) out. */
  redact(text: string): string {
    return redactSecrets(text, [this.settings.apiKey.trim(), this.lastToken, this.settings.clickToCallId.trim()]);
  }

  /**
   * An answer that is not the success envelope we expected. Its words come from the envelope's `message` and
   * `data` (never the raw text: every Crossbar envelope starts with `auth_token`), redacted.
   */
  unexpectedAnswer(response: HttpResponse, step: string): ProviderError {
    return new ProviderError('unexpected', `Kazoo answered HTTP ${response.status} without a success envelope.`, {
      provider: PROVIDER,
      status: response.status,
      providerMessage: excerpt(this.redact(envelopeWords(response).words)),
      step,
    });
  }

  /** Builds a ProviderError from a Crossbar error envelope; never carries the key or a token. */
  error(response: HttpResponse, step: string, number?: string): ProviderError {
    const { message, data, words } = envelopeWords(response);
    const providerMessage = this.redact(words);
    const status = response.status;
    const fail = (kind: ErrorKind, text: string) =>
      new ProviderError(kind, text, { provider: PROVIDER, status, providerMessage, step });
    const lower = message.toLowerCase();

    if (step === 'login') {
      // PUT /v2/api_auth: unknown key → 404 bad identifier, empty key → 401, wrong length → 400 (cb_api_auth).
      if (status === 401 || status === 404 || status === 400) {
        return fail('auth', 'Kazoo did not accept the API key: copy the account API key (64 characters) again.');
      }
    }
    switch (status) {
      case 401:
        if (!this.hasKey) {
          // cb_clicktocall: with no token the connect URL is allowed only when the object exists and has
          // auth_required=false; an unknown id loads as empty, is treated as "auth required" and answers 401.
          return fail(
            'auth',
            'Kazoo refused the click-to-call without a token: either it requires authentication (enter the account API key, or turn auth_required off) or the account id or click-to-call id is wrong.',
          );
        }
        return fail(
          'auth',
          'Kazoo rejected the token issued for the API key: check that the key belongs to this account.',
        );
      case 403:
        return fail('permission', `The API key is not allowed to use account ${this.settings.accountId}.`);
      case 404: {
        const ids = Array.isArray(data) ? data.map(String) : [];
        if (ids.includes(this.settings.clickToCallId.trim())) {
          // The id is not echoed: with auth_required=false a click-to-call id works as a credential.
          return fail(
            'not-found',
            'Kazoo has no click-to-call with this id in the account: check the click-to-call id.',
          );
        }
        if (ids.includes(this.settings.accountId.trim())) {
          return fail('not-found', `Kazoo has no account with id ${this.settings.accountId}.`);
        }
        return fail('not-found', 'Kazoo does not know this account id or click-to-call id: check both.');
      }
      case 400:
        if (lower.includes('whitelist')) {
          return fail(
            'number-rejected',
            `Kazoo refused ${number ?? 'the number'}: it does not match the click-to-call's whitelist.`,
          );
        }
        if (step === 'dial' && isContactProblem(data)) {
          return fail('number-rejected', `Kazoo did not accept ${number ?? 'the number'} as a contact.`);
        }
        return fail('unexpected', `Kazoo refused the request as invalid (${excerpt(providerMessage, 120)}).`);
      case 423:
        return fail('locked', 'The Kazoo account is locked or expired: ask your Kazoo provider.');
      case 429:
        return fail('rate-limited', 'Kazoo is limiting requests from this account: wait a minute and try again.');
      case 405:
        return fail('unexpected', 'Kazoo does not allow this request here: check the server address (…/v2 API).');
      default:
        if (status >= 500) {
          return fail('unexpected', `Kazoo had an internal error (HTTP ${status}); try again later.`);
        }
        return fail('unexpected', `Kazoo answered HTTP ${status}, which this extension does not understand.`);
    }
  }

  /**
   * Waits briefly for the originate's result in the click-to-call's `/history` (cb_clicktocall writes
   * `{timestamp, contact, call_id, result: "success"}` or `{…, result: "error", cause}` when the originate
   * answers) and throws when it failed. Bounded by {@link KAZOO_HISTORY_POLLS_MS}: a phone that is still ringing
   * has no result yet, and the call counts as placed. Reading the history needs a token, so only with a key.
   * A failed read never turns the placed call into an error.
   */
  async originateOutcome(connect: HttpResponse, contact: string, number: string): Promise<void> {
    const env = connect.json as Record<string, unknown>;
    const data = isObject(env.data) ? env.data : {};
    const appData = isObject(data.application_data) ? data.application_data : {};
    // The normalised contact the history item carries; Kazoo's own normalisation, echoed in the originate request.
    const route = typeof appData.route === 'string' ? appData.route : `+${contact}`;
    const callId = typeof data.outbound_call_id === 'string' ? data.outbound_call_id : undefined;
    const parsed = typeof env.timestamp === 'string' ? Date.parse(env.timestamp) : NaN;
    const since = Math.floor((Number.isNaN(parsed) ? this.context.now() : parsed) / 1000) - 1;
    const sleep = this.context.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
    for (const wait of KAZOO_HISTORY_POLLS_MS) {
      await sleep(wait);
      let response: HttpResponse;
      try {
        response = await this.send(
          { method: 'GET', url: this.url(this.clickToCallPath('/history')), headers: { Accept: 'application/json' } },
          'history',
        );
      } catch {
        return;
      }
      if (!isSuccess(response) || !Array.isArray(response.json.data)) return;
      const items = response.json.data.filter(isObject);
      // Our success carries our outbound call id; a failure carries none, so it is matched by the normalised
      // contact and a time no earlier than the connect (a repeat within 3 s is never dialled: DEDUPE_MS).
      if (callId && items.some((h) => h.result === 'success' && h.call_id === callId)) return;
      const item = items.filter((h) => h.contact === route && unixSeconds(h.timestamp) >= since).at(-1);
      if (!item) continue;
      if (item.result === 'error') throw originateError(String(item.cause ?? 'unknown'), number, response.status);
      return;
    }
  }

  /** `PUT /v2/api_auth` with the account API key; caches the token. */
  async login(): Promise<string> {
    const response = await httpRequest(
      this.context,
      {
        method: 'PUT',
        url: this.url('v2/api_auth'),
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ data: { api_key: this.settings.apiKey.trim() } }),
      },
      PROVIDER,
      'login',
    );
    const env = isObject(response.json) ? response.json : undefined;
    if (response.status < 200 || response.status >= 300 || env?.status !== 'success') {
      throw this.error(response, 'login');
    }
    const token = env.auth_token;
    if (typeof token !== 'string' || !token || token === 'undefined') {
      throw new ProviderError('unexpected', 'Kazoo accepted the API key but returned no token.', {
        provider: PROVIDER,
        status: response.status,
        step: 'login',
      });
    }
    this.lastToken = token;
    await this.cache.save({ token, expiresAt: this.context.now() + KAZOO_TOKEN_LIFETIME_MS });
    return token;
  }

  /** A cached token still inside its lifetime, else a fresh login. */
  async token(): Promise<{ token: string; fresh: boolean }> {
    const cached = await this.cache.load();
    if (cached && tokenUsable(cached.expiresAt, this.context.now(), TOKEN_RENEW_MARGIN_MS)) {
      this.lastToken = cached.token;
      return { token: cached.token, fresh: false };
    }
    await this.cache.forget();
    return { token: await this.login(), fresh: true };
  }

  /**
   * Sends a request with the token when there is a key. A 401 on a cached token renews it once and
   * retries once: Kazoo checks the token before it validates or originates anything, so the first
   * request cannot have placed a call. Any other failure is never retried.
   */
  async send(request: HttpRequest, step: string): Promise<HttpResponse> {
    if (!this.hasKey) return httpRequest(this.context, request, PROVIDER, step);
    const first = await this.token();
    const withToken = (token: string): HttpRequest => ({
      ...request,
      headers: { ...request.headers, 'X-Auth-Token': token },
    });
    const response = await httpRequest(this.context, withToken(first.token), PROVIDER, step);
    if (response.status !== 401 || first.fresh) return response;
    await this.cache.forget();
    const renewed = await this.login();
    return httpRequest(this.context, withToken(renewed), PROVIDER, step);
  }
}

/**
 * When to read `/history` after a connect, in ms from the previous read: about 3 s in all, so a dial with its
 * login stays well inside the dial service's 10 s.
 */
export const KAZOO_HISTORY_POLLS_MS: readonly number[] = [250, 500, 750, 750, 750];

/** Seconds between 0000-01-01 and 1970-01-01: `kz_time:now_s()` (the history's timestamp) counts Gregorian seconds. */
const GREGORIAN_UNIX_OFFSET_S = 62_167_219_200;

function unixSeconds(value: unknown): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n)) return -Infinity;
  return n > GREGORIAN_UNIX_OFFSET_S ? n - GREGORIAN_UNIX_OFFSET_S : n;
}

/**
 * The originate's failure in words. With `dial_first: extension` the originate rings the user's own phone first,
 * so most causes are about that leg (FreeSWITCH hangup causes, or cb_clicktocall's "timed out" / "no resources").
 */
function originateError(cause: string, number: string, status: number): ProviderError {
  const upper = cause.toUpperCase();
  // `status` is the history read's: the connect itself was accepted.
  const details = { provider: PROVIDER, status, providerMessage: `cause: ${cause}`, step: 'dial' };
  if (upper === 'USER_BUSY') {
    return new ProviderError('extension-unavailable', 'Kazoo did not place the call: your phone is busy.', details);
  }
  if (['NO_ANSWER', 'NO_USER_RESPONSE', 'TIMED OUT', 'ORIGINATOR_CANCEL', 'CALL_REJECTED'].includes(upper)) {
    return new ProviderError(
      'extension-unavailable',
      'Kazoo did not place the call: your phone (the click-to-call extension) did not answer. Turn on auto-answer or pick up sooner.',
      details,
    );
  }
  if (['SUBSCRIBER_ABSENT', 'USER_NOT_REGISTERED', 'DESTINATION_OUT_OF_ORDER'].includes(upper)) {
    return new ProviderError(
      'extension-unavailable',
      "Kazoo did not place the call: the click-to-call's extension is not registered (is your phone on?).",
      details,
    );
  }
  if (
    [
      'UNALLOCATED_NUMBER',
      'INVALID_NUMBER_FORMAT',
      'NO_ROUTE_DESTINATION',
      'NO_ROUTE_TRANSIT_NET',
      'NO RESOURCES',
    ].includes(upper)
  ) {
    return new ProviderError(
      'number-rejected',
      `Kazoo could not route the call to ${number} (${cause}): check the number and the account's carrier.`,
      details,
    );
  }
  return new ProviderError('unexpected', `Kazoo accepted the call, then the call failed (${cause}).`, details);
}

export function isSuccess(response: HttpResponse): response is HttpResponse & { json: Record<string, unknown> } {
  return (
    response.status >= 200 && response.status < 300 && isObject(response.json) && response.json.status === 'success'
  );
}
