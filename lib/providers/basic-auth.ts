/**
 * HTTP Basic credentials (RFC 7617) for the providers that use them (Asterisk ARI, FreeSWITCH mod_xml_rpc, Twilio).
 * Always sent in the `Authorization` header, never as `user:pass@` in a URL: fetch refuses those, and a URL ends up
 * in logs and error messages.
 */

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
