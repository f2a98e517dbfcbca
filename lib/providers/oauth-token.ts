/**
 * An OAuth2 access token from a token endpoint (RFC 6749 §5.1: `access_token`, `expires_in` in seconds), the way
 * 3CX (client-credentials grant) and RingCentral (JWT bearer grant) hand them out. One place for what they share:
 * - the token is kept in the session area (`storage.session`) for these settings only, never a credential;
 * - it is renewed before it expires (a minute early, or a quarter of a short lifetime);
 * - a kept token the API refuses with 401 is replaced once and the request sent once more (a 401 means the
 *   request was refused before anything happened); a fresh token refused with 401 is dropped, never retried;
 * - every token handed out is remembered, so the provider can blank it out of any text it shows.
 * Each provider keeps what differs: its token request (grant, body, client authentication), how it reads a
 * refusal, and its own words.
 */
import { httpRequest, isObject, type HttpRequest, type HttpResponse } from '../net/http';
import { accountLogins, lifetimeMs, tokenUsable, type AccountLogins } from './token-cache';
import { ProviderError, type ProviderContext, type SessionArea } from './types';

/** Renew a token this long before it expires (at most a quarter of its lifetime). */
export const OAUTH_TOKEN_MARGIN_MS = 60 * 1000;

/** What is kept beside the account: the token, when it stops working and how early to renew it. */
export interface KeptBearer {
  accessToken: string;
  expiresAt: number;
  marginMs: number;
}

export interface OAuthTokenOptions {
  /** The provider's name in errors. */
  provider: string;
  context: ProviderContext;
  area: SessionArea;
  /** Where the token is kept in `area`. */
  key: string;
  /** The API root, and every credential: a change to any of them means another account. */
  root: string;
  credentials: readonly string[];
  /** The token request (grant, credentials in the body or the header, never in the URL). */
  request: HttpRequest;
  /** The error for a refused token request (any answer but 200), at the step "login". */
  refused(response: HttpResponse): ProviderError;
  /** What to say of a 200 without an access token: the address is not this provider's token endpoint. */
  notTokenEndpoint(response: HttpResponse): string;
  /** How long a token lives when the answer has no `expires_in`, in seconds. */
  defaultLifetimeS: number;
  /** The longest a token is trusted, whatever `expires_in` says, in seconds. */
  maxLifetimeS?: number;
}

export interface OAuthToken {
  /**
   * Sends `call` with the kept token, or a new one where none is usable; a kept token refused with 401 is
   * replaced once and `call` sent once more. The answer is `call`'s last.
   */
  send(call: (token: string) => Promise<HttpResponse>): Promise<HttpResponse>;
  /** A new token whatever is kept (Test connection: step "test"). */
  fresh(step: 'login' | 'test'): Promise<string>;
  /** Every access and refresh token seen so far, to blank out of text. */
  readonly tokens: ReadonlySet<string>;
}

export function oauthToken(options: OAuthTokenOptions): OAuthToken {
  const { provider, context } = options;
  const logins: AccountLogins<KeptBearer> = accountLogins<KeptBearer>(options);
  const tokens = new Set<string>();

  const fresh = async (step: 'login' | 'test'): Promise<string> => {
    const response = await httpRequest(context, options.request, provider, step);
    if (response.status !== 200) {
      const error = options.refused(response);
      throw step === 'test' ? new ProviderError(error.kind, error.message, { ...error.details, step }) : error;
    }
    const json = isObject(response.json) ? response.json : {};
    const access = json.access_token;
    if (typeof access !== 'string' || !access) {
      throw new ProviderError('unexpected', options.notTokenEndpoint(response), { provider, status: 200, step });
    }
    tokens.add(access);
    if (typeof json.refresh_token === 'string') tokens.add(json.refresh_token);
    const max = options.maxLifetimeS ?? Infinity;
    const lifetime = Math.min(lifetimeMs(json.expires_in, options.defaultLifetimeS), max * 1000);
    await logins.keep({
      accessToken: access,
      expiresAt: context.now() + lifetime,
      marginMs: Math.min(OAUTH_TOKEN_MARGIN_MS, lifetime / 4),
    });
    return access;
  };

  return {
    tokens,
    async send(call) {
      const kept = await logins.load();
      const alive =
        kept.accessToken !== undefined &&
        tokenUsable(kept.expiresAt, context.now(), kept.marginMs ?? OAUTH_TOKEN_MARGIN_MS);
      const token = alive ? kept.accessToken! : await fresh('login');
      tokens.add(token);
      let response = await call(token);
      // The kept token was refused before anything happened: one new token, one more request.
      if (response.status === 401 && alive) response = await call(await fresh('login'));
      if (response.status === 401) await logins.clear();
      return response;
    },
    async fresh(step) {
      await logins.load();
      return fresh(step);
    },
  };
}
