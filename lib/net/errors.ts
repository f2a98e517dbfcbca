/**
 * The small fixed set of error kinds a PBX adapter or the call log reports, and the error that carries one.
 * Shared by lib/providers and lib/calllog (both talk HTTP through ./http.ts).
 */

/** Every kind of failure, in terms a person can act on: each has its text in the dial service and the locales. */
export const ERROR_KINDS = [
  'auth', // wrong credentials, expired/unknown key
  'permission', // credentials fine, but not allowed to do this (key lacks click-to-call permission, IP not allowed)
  'locked', // too many failed logins, account locked or expired
  'extension-unavailable', // the user's extension is offline, not registered or busy
  'number-rejected', // the PBX refused the number (no route, invalid, whitelist)
  'not-found', // the configured account/user/domain/click-to-call object does not exist
  'rate-limited',
  'unreachable', // DNS, connection refused, network down
  'certificate', // HTTPS failed in a way that is usually an untrusted (self-signed) certificate
  'host-permission', // the browser has not been allowed to reach this host
  'timeout',
  'unexpected', // an answer we cannot make sense of
] as const;

/** What went wrong, in terms a person can act on. */
export type ErrorKind = (typeof ERROR_KINDS)[number];

/**
 * A failure, carrying the provider's name, the HTTP status, the provider's own words and the cause.
 * Never carries secrets: adapters must not put keys, passwords or tokens (or URLs holding them) in it.
 */
export class ProviderError extends Error {
  override readonly name = 'ProviderError';
  constructor(
    readonly kind: ErrorKind,
    /** Human summary, e.g. "MaxoTel rejected the API key". */
    message: string,
    readonly details: {
      provider: string;
      status?: number;
      /** The provider's own error code/words, e.g. `UNAVAILABLE: The extension is not currently available`. */
      providerMessage?: string;
      /** Which step failed: "login", "dial", "test", "call log". */
      step?: string;
      cause?: unknown;
    },
  ) {
    super(message, { cause: details.cause });
  }
}
