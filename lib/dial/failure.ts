/**
 * How a dial or a call log fails: the deadline that ends the wait for an adapter, and the words a failure is
 * reported in (the notification, the history, the popup, the connection test).
 */
import { ProviderError, type ErrorKind } from '../net/errors';
import { msg, type UiText } from '../i18n/text';

/** The locale table's sentence for each error kind, naming the provider (the compiler asks for every kind). */
const KIND_TEXT: Readonly<Record<ErrorKind, (provider: string) => UiText>> = {
  auth: (p) => msg('error_kind_auth', p),
  permission: (p) => msg('error_kind_permission', p),
  locked: (p) => msg('error_kind_locked', p),
  'extension-unavailable': (p) => msg('error_kind_extension_unavailable', p),
  'number-rejected': (p) => msg('error_kind_number_rejected', p),
  'not-found': (p) => msg('error_kind_not_found', p),
  'rate-limited': (p) => msg('error_kind_rate_limited', p),
  unreachable: (p) => msg('error_kind_unreachable', p),
  certificate: (p) => msg('error_kind_certificate', p),
  'host-permission': (p) => msg('error_kind_host_permission', p),
  timeout: (p) => msg('error_kind_timeout', p),
  unexpected: (p) => msg('error_kind_unexpected', p),
};

/** The sentence the locale table has for `kind` (an unknown kind reads as "unexpected"). */
export function errorKindText(kind: string, provider: string): UiText {
  return (KIND_TEXT[kind as ErrorKind] ?? KIND_TEXT.unexpected)(provider);
}

/**
 * What a person reads about a failure, in their language: "MaxoTel did not accept the API key … (MaxoTel said:
 * "UNAUTHORISED: …")". The adapter's summary is written in English, so the locale table chooses (`error_summary`)
 * between it and the sentence for the error's kind; after the kind's sentence the HTTP status follows, and after
 * either the provider's own words, each once, exactly as the provider gave them.
 */
export function failureText(error: unknown, text: (text: UiText) => string): { kind: string; text: string } {
  if (error instanceof ProviderError) {
    const { provider, status, providerMessage } = error.details;
    let summary = text(msg('error_summary', error.message, errorKindText(error.kind, provider)));
    // The adapter's own summary says what the status meant; the kind's sentence does not, so the status follows.
    if (summary !== error.message && status !== undefined && status >= 300 && !summary.includes(String(status))) {
      summary = text(msg('error_http_status', summary, String(status)));
    }
    const own = providerMessage?.trim();
    if (own && !summary.includes(own)) summary = text(msg('error_provider_said', summary, provider, own));
    return { kind: error.kind, text: summary };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { kind: 'unexpected', text: text(msg('error_unexpected', message)) };
}

/** The wait for an adapter or a call log ran past its deadline. */
export class DialTimeout extends Error {}

/** `promise`, or a {@link DialTimeout} after `ms`; the promise itself runs on. */
export function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DialTimeout()), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}
