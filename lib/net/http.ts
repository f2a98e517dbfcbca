/**
 * The one place adapters and the call log talk HTTP: a timeout on every request, network failures turned into
 * {@link ProviderError}s a person can act on, and answers read as JSON only when they are JSON.
 * Never puts a URL in an error (several APIs carry secrets in the query string).
 */
import type { ProviderContext } from './context';
import { ProviderError, type ErrorKind } from './errors';

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  body?: string | FormData | URLSearchParams;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed JSON, or undefined when the body is not JSON. */
  json: unknown;
}

/** A `dial` step is not sent with less time than this left before the context's deadline (ms). */
export const MIN_DIAL_STEP_MS = 2000;

/** Sends one request with the context's timeout; failures become ProviderErrors naming `provider` and `step`. */
export async function httpRequest(
  context: ProviderContext,
  request: HttpRequest,
  provider: string,
  step: string,
): Promise<HttpResponse> {
  let timeoutMs = context.timeoutMs;
  const deadline = context.deadline?.();
  if (deadline !== undefined) {
    const left = deadline - context.now();
    // The step that places the call goes out only with time to finish; a login or read just stops at the deadline.
    if (left < (step === 'dial' ? MIN_DIAL_STEP_MS : 1)) {
      throw new ProviderError(
        'timeout',
        step === 'dial'
          ? `${provider} took too long to get ready (${hostOf(request.url)}), so the call was not placed. Try again.`
          : `${provider} did not answer in time (${hostOf(request.url)}).`,
        { provider, step },
      );
    }
    timeoutMs = Math.min(timeoutMs, left);
  }
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  let response: Response;
  try {
    response = await context.fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: controller.signal,
      credentials: 'omit',
      // Never follow: a followed 301/302 turns a POST into a GET without its body (the key gone: a misleading
      // "wrong key"), and carries custom headers (X-Auth-Token, a custom Authorization) to another host, where an
      // SSO login page then reads as success (issue 14 item 8, issue 15 item 8).
      redirect: 'manual',
      cache: 'no-store',
    });
  } catch (error) {
    clearTimeout(timer);
    throw networkError(error, request.url, provider, step, timeoutMs, context.online);
  }
  if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
    clearTimeout(timer);
    throw redirectError(response, request.url, provider, step);
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    clearTimeout(timer);
    throw networkError(error, request.url, provider, step, timeoutMs, context.online);
  }
  clearTimeout(timer);
  let json: unknown;
  if (text.trim()) {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }
  return { status: response.status, headers: response.headers, text, json };
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the configured address';
  }
}

/**
 * A redirect we did not follow. Where the browser shows where it leads (Node does; an extension's
 * `redirect: 'manual'` gives an opaque answer without it) the message names that address, without its query.
 */
export function redirectError(response: Response, url: string, provider: string, step: string): ProviderError {
  const location = response.headers.get('location');
  let target: string | undefined;
  if (location) {
    try {
      const next = new URL(location, url);
      target = `${next.origin}${next.pathname}`;
    } catch {
      target = undefined;
    }
  }
  const origin = (() => {
    try {
      return new URL(url).origin;
    } catch {
      return 'the configured address';
    }
  })();
  const message = target
    ? `The ${provider} address redirects to ${target}; use that address in the settings (requests are not sent on to another address, so credentials stay with the PBX).`
    : `The ${provider} address (${origin}) redirects elsewhere, often from http:// to https:// or to a login page; requests are not sent on to another address, so credentials stay with the PBX. Open ${origin} in a tab to see where it leads, and use that address in the settings.`;
  return new ProviderError('unexpected', message, {
    provider,
    status: response.status || undefined,
    providerMessage: target ? `HTTP ${response.status} to ${target}` : 'redirect',
    step,
  });
}

/** True when an answer is a web page (HTML) rather than an API answer: a login or portal page, never a result. */
export function isHtml(response: HttpResponse): boolean {
  const type = response.headers.get('content-type') ?? '';
  return /text\/html|application\/xhtml/i.test(type) || /^\s*(<!doctype html|<html[\s>])/i.test(response.text);
}

/** The error for a web page where an API answer was expected (an SSO login page, a portal, a captive portal). */
export function htmlAnswerError(response: HttpResponse, provider: string, step: string): ProviderError {
  return new ProviderError(
    'unexpected',
    `The ${provider} address answered with a web page (HTML), not an API answer: often a login or portal page in front of the PBX. Check the address and that the API is reachable there; the call was not confirmed.`,
    { provider, status: response.status, providerMessage: 'an HTML page', step },
  );
}

/**
 * The error for an answer that is not the one expected: a web page is {@link htmlAnswerError}; any other answer
 * gets the provider's own `kind` and message for it, and as its words what the provider said (`said`, else an
 * excerpt of the body) through `redact`, or the bare status where it said nothing.
 */
export function refusalError(
  response: HttpResponse,
  provider: string,
  step: string,
  [kind, message]: [ErrorKind, string],
  said: string | undefined,
  redact: (text: string) => string,
): ProviderError {
  if (isHtml(response)) return htmlAnswerError(response, provider, step);
  const words = said || excerpt(response.text);
  return new ProviderError(kind, message, {
    provider,
    status: response.status,
    providerMessage: words ? redact(words) : `HTTP ${response.status}`,
    step,
  });
}

/** Turns a fetch rejection into the error kind a person can act on. */
export function networkError(
  error: unknown,
  url: string,
  provider: string,
  step: string,
  timeoutMs: number,
  online?: () => boolean,
): ProviderError {
  const host = hostOf(url);
  const name = (error as { name?: string } | null)?.name;
  if (online?.() === false && name !== 'AbortError' && name !== 'TimeoutError') {
    // An offline browser fails every fetch like a certificate problem would: say what it is.
    return new ProviderError(
      'unreachable',
      `This computer is offline, so ${provider} could not be reached: connect to the network and try again.`,
      { provider, step, cause: error },
    );
  }
  if (name === 'AbortError' || name === 'TimeoutError') {
    return new ProviderError(
      'timeout',
      `${provider} did not answer within ${Math.round(timeoutMs / 1000)} s (${host})`,
      {
        provider,
        step,
        cause: error,
      },
    );
  }
  if (url.startsWith('https:')) {
    // Browsers report an untrusted certificate exactly like a network failure: a bare TypeError.
    return new ProviderError(
      'certificate',
      `Could not connect securely to ${host}. If the PBX uses a self-signed certificate, open https://${host}/ in a tab and trust it, or check that the address is right and reachable.`,
      { provider, step, cause: error },
    );
  }
  return new ProviderError(
    'unreachable',
    `Could not reach ${provider} at ${host}: check the address and that the PBX is running.`,
    {
      provider,
      step,
      cause: error,
    },
  );
}

/**
 * Takes every secret out of text an API sent back, should it echo one (a key in an error message, a token in
 * an echoed URL), writing `mark` in its place. Secrets shorter than 4 characters are left: they would blank
 * ordinary words.
 */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[], mark = '…'): string {
  let out = text;
  for (const secret of secrets) if (secret && secret.length >= 4) out = out.split(secret).join(mark);
  return out;
}

/** A short, secret-free excerpt of an unexpected answer for error messages. */
export function excerpt(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/** Joins a base URL and a path without doubling or losing the slash. */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
