/**
 * Asterisk REST Interface (ARI), for FreePBX and plain Asterisk: `POST /ari/channels` originates a call to the
 * user's own endpoint (`PJSIP/101`); when the phone answers, Asterisk runs the dialplan at the number
 * (extension) in the configured context, which dials it out. Contract and sources: docs/providers/asterisk-ari.md.
 *
 * - Auth: HTTP Basic with an `ari.conf` user (res_ari.c `authenticate_user`); the `?api_key=user:pass` form
 *   the server also takes would put the password in the URL, so it is never used.
 * - Every originate parameter goes in one JSON body: "Other keys in the body object are interpreted as query
 *   parameters" (channels.json, `variables`), so nothing about the call lands in a URL or a server's access log.
 * - Auto-answer: the phone is asked to answer by a SIP header it honours, added through a channel variable
 *   (`PJSIP_HEADER(add,Call-Info)` = `answer-after=0`, or chan_sip's `SIPADDHEADER01`). Which header a phone
 *   honours depends on the phone, so the header is a setting.
 * - Errors are `{"message": "…"}` (res_ari.c `ast_ari_response_error`), except an allocation failure, which is
 *   `{"error": "Allocation failed"}` with HTTP 500; originate answers that 500 when the channel driver cannot
 *   create a channel for the endpoint (an unknown endpoint, or a PJSIP endpoint with no registered contact).
 */
import type { FieldProblem, FieldTable, SettingsFrom } from '../settings/field-spec';
import { BasicAuthHttp } from '../net/basic-auth';
import { htmlAnswerError, isHtml, isObject, joinUrl, type HttpResponse } from '../net/http';
import { ProviderError, type ErrorKind, type ProviderContext, type ProviderDefinition } from './types';
import { msg } from '../i18n/text';

const LABEL = 'Asterisk ARI';

/** Its fields, in the order the options page shows them. */
const fields = {
  baseUrl: { kind: 'url', placeholder: 'http://pbx.example.com:8088' },
  username: { kind: 'text' },
  password: { kind: 'secret' },
  /** The user's own endpoint, `technology/resource`: `PJSIP/101`, `SIP/101`. */
  endpoint: { kind: 'text', placeholder: 'PJSIP/101' },
  /** The dialplan context the number is dialled in once the phone answers (FreePBX: `from-internal`). */
  context: { kind: 'text', default: 'from-internal' },
  /** Caller ID number of the user's leg; empty: the endpoint's resource when it is an extension number. */
  callerId: { kind: 'optionalText', default: '', placeholder: '101' },
  /** `Name: value`, the SIP header that makes the user's phone answer by itself; empty: none is sent. */
  autoAnswerHeader: { kind: 'optionalText', default: 'Call-Info: answer-after=0' },
} satisfies FieldTable;

/** Settings of an Asterisk ARI provider (`provider` in the settings document). */
export type AsteriskAriProvider = SettingsFrom<'asterisk-ari', typeof fields>;

/** How long the user's phone rings before Asterisk gives up, in seconds (channels.json `timeout`, default 30). */
export const ASTERISK_RING_TIMEOUT_S = 30;

const ENDPOINT = /^([A-Za-z][A-Za-z0-9_]*)\/([^\s/][^\s]*)$/;
/** An RFC 3261 header name (a token), a colon, a value; e.g. `Call-Info: answer-after=0`. */
const HEADER = /^([A-Za-z0-9!#$%&'*+.^_`|~-]+)\s*:\s*(\S.*)$/;

/** Cross-field rules: the endpoint's and the header's shapes, and a context without spaces. */
export function asteriskAriProblems(settings: AsteriskAriProvider): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!ENDPOINT.test(settings.endpoint.trim())) {
    problems.push({
      field: 'endpoint',
      message: 'The endpoint is technology/resource, e.g. PJSIP/101 (or SIP/101 on chan_sip).',
    });
  }
  if (/\s/.test(settings.context.trim())) {
    problems.push({ field: 'context', message: 'A dialplan context has no spaces, e.g. from-internal.' });
  }
  const header = settings.autoAnswerHeader.trim();
  if (header && !HEADER.test(header)) {
    problems.push({
      field: 'autoAnswerHeader',
      message: 'Write the header as Name: value, e.g. Call-Info: answer-after=0 or Alert-Info: info=alert-autoanswer.',
    });
  }
  return problems;
}

/** `http://host:8088` or `http://host:8088/ari` → `http://host:8088/ari`. */
export function ariRoot(baseUrl: string): string {
  return joinUrl(
    baseUrl
      .trim()
      .replace(/\/+$/, '')
      .replace(/\/ari$/i, ''),
    'ari',
  );
}

/**
 * The channel variables that make the phone answer by itself: the header is added to the INVITE Asterisk sends
 * to the endpoint. PJSIP takes `PJSIP_HEADER(add,Name)` = value; chan_sip takes `SIPADDHEADERnn` = `Name: value`.
 * Other technologies carry no SIP header, so nothing is set.
 */
export function autoAnswerVariables(endpoint: string, header: string): Record<string, string> {
  const match = HEADER.exec(header.trim());
  const technology = ENDPOINT.exec(endpoint.trim())?.[1]?.toUpperCase();
  if (!match) return {};
  if (technology === 'PJSIP') return { [`PJSIP_HEADER(add,${match[1]})`]: match[2]!.trim() };
  if (technology === 'SIP') return { SIPADDHEADER01: `${match[1]}: ${match[2]!.trim()}` };
  return {};
}

/**
 * The caller ID of the user's leg: the number being called as the name (so the ringing phone shows whom it is
 * about to call), and the user's own extension as the number, so FreePBX's from-internal recognises the call as
 * the user's (its outbound caller ID and route permissions are looked up by it).
 */
export function ariCallerId(settings: AsteriskAriProvider, number: string): string {
  const own = settings.callerId.trim() || (ENDPOINT.exec(settings.endpoint.trim())?.[2] ?? '');
  const name = number.replace(/["\\]/g, '');
  return /^[0-9*#+]+$/.test(own) ? `"${name}" <${own}>` : `"${name}"`;
}

/** The words of an ARI error answer: `message` (or `error`), else a short excerpt, with secrets blanked. */
function wordsOf(response: HttpResponse, http: BasicAuthHttp): string {
  const body = isObject(response.json) ? response.json : undefined;
  const raw =
    typeof body?.message === 'string' ? body.message : typeof body?.error === 'string' ? body.error : response.text;
  return http.words(raw);
}

class AriClient {
  readonly root: string;
  readonly http: BasicAuthHttp;

  constructor(
    readonly settings: AsteriskAriProvider,
    context: ProviderContext,
  ) {
    this.root = ariRoot(settings.baseUrl);
    this.http = new BasicAuthHttp(context, LABEL, settings.username.trim(), settings.password);
  }

  get endpoint(): string {
    return this.settings.endpoint.trim();
  }

  send(method: 'GET' | 'POST' | 'DELETE', path: string, step: string, body?: unknown): Promise<HttpResponse> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    return this.http.send(
      { method, url: joinUrl(this.root, path), headers, body: body === undefined ? undefined : JSON.stringify(body) },
      step,
    );
  }

  /** The error for an answer that is not the success expected, by status and ARI's own words. */
  failure(response: HttpResponse, step: string, number?: string): ProviderError {
    if (isHtml(response)) return htmlAnswerError(response, LABEL, step);
    const words = wordsOf(response, this.http);
    const lower = words.toLowerCase();
    const status = response.status;
    const fail = (kind: ErrorKind, message: string) =>
      new ProviderError(kind, message, { provider: LABEL, status, providerMessage: words || undefined, step });
    switch (status) {
      case 400:
        if (lower.includes('invalid endpoint')) {
          return fail('not-found', `Asterisk does not accept "${this.endpoint}" as an endpoint: use e.g. PJSIP/101.`);
        }
        if (step === 'dial') {
          return fail(
            'unexpected',
            `Asterisk refused the call${number ? ` to ${number}` : ''} as invalid (${words || 'no reason given'}). Check the endpoint and the dialplan context.`,
          );
        }
        return fail('unexpected', `Asterisk refused the request as invalid (${words || 'no reason given'}).`);
      case 401:
        return fail(
          'auth',
          'Asterisk did not accept the ARI user name or password: check them against ari.conf (FreePBX: Settings → Asterisk REST Interface Users).',
        );
      case 403:
        return fail(
          'permission',
          `The ARI user may not place calls${lower.includes('write access') ? ' (it is read-only: set read_only = no for it)' : ''}.`,
        );
      case 404:
        if (step === 'test-endpoint') {
          return fail('not-found', `Asterisk has no endpoint ${this.endpoint}: check its name, e.g. PJSIP/101.`);
        }
        if (step === 'hangup') return fail('not-found', 'Asterisk no longer has this call; it may have ended already.');
        return fail(
          'not-found',
          'There is no ARI at this address: check the address and port (usually 8088) and that ARI is enabled (ari.conf and http.conf).',
        );
      case 409:
        return fail('unexpected', 'Asterisk already has a channel with this id; the call was not placed.');
      case 500:
        if (step === 'dial') {
          // res_ari resource_channels.c: ast_dial_prerun fails when the channel driver cannot create the channel.
          return fail(
            'extension-unavailable',
            `Asterisk could not call ${this.endpoint}: the endpoint does not exist or no phone is registered to it. Check the endpoint and that your phone is on.`,
          );
        }
        return fail('unexpected', `Asterisk had an internal error (HTTP 500${words ? `: ${words}` : ''}).`);
      case 503:
        return fail('unexpected', 'Asterisk is still starting up ("not booted"): try again in a minute.');
      default:
        return fail('unexpected', `Asterisk answered HTTP ${status}${words ? `: ${words}` : ''}.`);
    }
  }
}

/** Asterisk ARI: see the module comment. */
export const asteriskAri: ProviderDefinition<AsteriskAriProvider> = {
  type: 'asterisk-ari',
  label: 'Asterisk ARI (FreePBX)',
  fields,
  // The number is a dialplan extension in the user's context: what they would dial on their desk phone.
  numberFormat: 'dialable',
  problems: asteriskAriProblems,
  // `extension` is matched against the dialplan as dialled; nothing is dialled after the far end answers.
  capabilities: { extensionDialing: false, connectionTest: 'login' },
  create(settings, context) {
    const client = new AriClient(settings, context);
    return {
      async dial(request) {
        const body: Record<string, unknown> = {
          endpoint: client.endpoint,
          extension: request.number,
          context: settings.context.trim(),
          priority: 1,
          callerId: ariCallerId(settings, request.number),
          timeout: ASTERISK_RING_TIMEOUT_S,
        };
        const variables = request.autoAnswer ? autoAnswerVariables(client.endpoint, settings.autoAnswerHeader) : {};
        if (Object.keys(variables).length) body.variables = variables;
        const response = await client.send('POST', 'channels', 'dial', body);
        if (response.status !== 200 || isHtml(response)) throw client.failure(response, 'dial', request.number);
        // The Channel snapshot: its id ends the call later (DELETE /channels/{id}).
        const id = isObject(response.json) && typeof response.json.id === 'string' ? response.json.id : '';
        if (!id) {
          throw new ProviderError('unexpected', 'Asterisk answered 200 without the channel it should have created.', {
            provider: LABEL,
            status: 200,
            providerMessage: client.http.words(response.text) || undefined,
            step: 'dial',
          });
        }
        return { callId: id };
      },

      /** `DELETE /ari/channels/{id}`: 204, or 404 when the channel is gone. */
      async hangup(callId: string): Promise<void> {
        const response = await client.send('DELETE', `channels/${encodeURIComponent(callId)}`, 'hangup');
        if (response.status === 204 || response.status === 200) return;
        throw client.failure(response, 'hangup');
      },

      /**
       * Three reads that place no call: the login and version (`GET /asterisk/info`), the endpoint and whether a
       * phone is registered to it (`GET /endpoints/{tech}/{resource}`), and write access: an originate without
       * an endpoint, which Asterisk refuses with 400 "Endpoint must be specified" before creating anything,
       * while a read-only user gets 403 "Write access denied" first (res_ari.c).
       */
      async testConnection() {
        const info = await client.send('GET', 'asterisk/info', 'test');
        if (info.status !== 200 || isHtml(info)) throw client.failure(info, 'test');
        const system = isObject(info.json) && isObject(info.json.system) ? info.json.system : {};
        const version = typeof system.version === 'string' ? system.version : undefined;

        const [technology, resource] = client.endpoint.split(/\/(.*)/s) as [string, string];
        const endpointPath = `endpoints/${encodeURIComponent(technology)}/${encodeURIComponent(resource ?? '')}`;
        const endpoint = await client.send('GET', endpointPath, 'test-endpoint');
        if (endpoint.status !== 200 || isHtml(endpoint)) throw client.failure(endpoint, 'test-endpoint');
        const state = isObject(endpoint.json) && typeof endpoint.json.state === 'string' ? endpoint.json.state : '';
        if (state === 'offline') {
          throw new ProviderError(
            'extension-unavailable',
            `Asterisk knows ${client.endpoint}, but it is offline: no phone is registered to it. Turn the phone on or check its registration.`,
            { provider: LABEL, status: 200, providerMessage: `state: ${state}`, step: 'test-endpoint' },
          );
        }

        const write = await client.send('POST', 'channels', 'test', {});
        if (write.status !== 400 || isHtml(write)) throw client.failure(write, 'test');
        // The state is Asterisk's own word ("online", "unknown"), shown as it wrote it.
        const known = state || msg('test_asterisk_state_known');
        const user = settings.username.trim();
        const context = settings.context.trim();
        return {
          detail: version
            ? msg('test_asterisk_ok_version', version, user, client.endpoint, known, context)
            : msg('test_asterisk_ok', user, client.endpoint, known, context),
        };
      },
    };
  },
};
