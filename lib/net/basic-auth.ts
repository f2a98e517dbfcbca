/**
 * HTTP Basic credentials (RFC 7617) for the providers that use them (Asterisk ARI, FreeSWITCH mod_xml_rpc, Twilio).
 * Always sent in the `Authorization` header, never as `user:pass@` in a URL: fetch refuses those, and a URL ends up
 * in logs and error messages.
 */
import type { ProviderContext } from './context';
import { excerpt, httpRequest, redactSecrets, type HttpRequest, type HttpResponse } from './http';

/** `Basic base64(user:password)`; `btoa` only takes Latin-1, so the UTF-8 bytes are encoded first. */
export function basicAuthorization(user: string, password: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(`${user}:${password}`)) binary += String.fromCharCode(byte);
  return `Basic ${btoa(binary)}`;
}

/** The secrets a Basic header carries: the password and the encoded header value, to blank out of any text. */
export function basicSecrets(user: string, password: string): string[] {
  const header = basicAuthorization(user, password);
  return [password, header, header.slice('Basic '.length)];
}

/**
 * An API behind HTTP Basic (Asterisk ARI, FreeSWITCH, Twilio): every request goes through {@link httpRequest}
 * with the `Authorization` header first, and anything the server said is shown only through `words`, with the
 * credentials blanked.
 */
export class BasicAuthHttp {
  /** The password and the header's value, encoded and not: what must never be shown. */
  readonly secrets: string[];
  private readonly authorization: string;

  constructor(
    private readonly context: ProviderContext,
    private readonly provider: string,
    user: string,
    password: string,
  ) {
    this.authorization = basicAuthorization(user, password);
    this.secrets = basicSecrets(user, password);
  }

  /** Sends `request` with the Basic header before its own headers. */
  send(request: HttpRequest, step: string): Promise<HttpResponse> {
    const headers = { Authorization: this.authorization, ...request.headers };
    return httpRequest(this.context, { ...request, headers }, this.provider, step);
  }

  /** What the server said, shortened and with the credentials blanked: fit for an error. */
  words(text: string): string {
    return excerpt(redactSecrets(text, this.secrets));
  }
}
