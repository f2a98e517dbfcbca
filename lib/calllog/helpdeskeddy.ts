/**
 * HelpDeskEddy (English docs branded DaoDesk) call cards. Contract: ../shared/providers.md section 4 and
 * ../shared/vendor-docs/helpdeskeddy-initiating-a-call.txt.
 *
 * After a dial the PBX accepted: `POST {system}/api/v2/telephony/calls/{channelKey}/` as multipart form-data
 * with `action=create_call`, `direction=outgoing`, `phone`, `call_status=ringing`, `pbx_call_id` when the PBX
 * returned an id and `pbx_user_ids[]` = the user's extension when known. Auth is HTTP Basic
 * base64(email:api_key) (API overview). One public integration posts without Basic auth, so the channel key
 * may authorise on its own; we always send both.
 */
import { basicAuthorization } from '../net/basic-auth';
import type { HelpdeskeddyCallLog } from '../settings/schema';
import { excerpt, httpRequest, isObject, joinUrl, type HttpResponse, redactSecrets } from '../net/http';
import type { ProviderContext } from '../net/context';
import { ProviderError, type ErrorKind } from '../net/errors';
import type { CallLogDefinition } from './types';
import { msg } from '../i18n/text';

const PROVIDER = 'HelpDeskEddy';

/** `https://acme.helpdeskeddy.com` and `https://acme.helpdeskeddy.com/api/v2/` both name the same API. */
function apiBase(baseUrl: string): string {
  return (
    baseUrl
      .trim()
      .replace(/\/+$/, '')
      .replace(/\/api\/v2$/i, '') + '/api/v2'
  );
}

/** HDE's `errors` body (object of field → messages, a list, or a string) flattened to one line. */
function errorWords(response: HttpResponse): string {
  const json = response.json;
  const errors = isObject(json) ? (json.errors ?? json.error ?? json.message) : undefined;
  const flat = (value: unknown): string[] => {
    if (value === undefined || value === null) return [];
    if (typeof value === 'string' || typeof value === 'number') return [String(value)];
    if (Array.isArray(value)) return value.flatMap(flat);
    if (isObject(value)) {
      return Object.entries(value).flatMap(([key, v]) =>
        flat(v).map((text) => (/^\d+$/.test(key) ? text : `${key}: ${text}`)),
      );
    }
    return [];
  };
  const words = flat(errors).join('; ');
  return excerpt(words || response.text || `HTTP ${response.status}`);
}

function rateLimitText(response: HttpResponse): string {
  const limit = response.headers.get('x-rate-limit');
  return limit ? ` (the limit is ${limit} requests a minute)` : '';
}

/** Takes the API key, the Basic credential and the channel key (which may authorise on its own) out. */
function redact(text: string, settings: HelpdeskeddyCallLog): string {
  return redactSecrets(text, [
    settings.apiKey.trim(),
    basicAuthorization(settings.email.trim(), settings.apiKey.trim()).slice(6),
    settings.channelKey.trim(),
  ]);
}

function hdeError(response: HttpResponse, step: string, settings: HelpdeskeddyCallLog): ProviderError {
  const status = response.status;
  const providerMessage = redact(errorWords(response), settings);
  const fail = (kind: ErrorKind, message: string) =>
    new ProviderError(kind, message, { provider: PROVIDER, status, providerMessage, step });
  switch (status) {
    case 401:
      return fail(
        'auth',
        `HelpDeskEddy did not accept the e-mail ${settings.email} with this API key: copy the key from the user's profile again.`,
      );
    case 403:
      return fail(
        'permission',
        `HelpDeskEddy's user ${settings.email} is not allowed to use telephony: check the user's permissions.`,
      );
    case 404:
      return step === 'call log'
        ? fail(
            'not-found',
            'HelpDeskEddy has no telephony channel with this channel key (or the address is not a HelpDeskEddy system): copy the key from the telephony channel settings.',
          )
        : fail(
            'not-found',
            'This address does not answer like a HelpDeskEddy API: use your system address, e.g. https://yourcompany.helpdeskeddy.com.',
          );
    case 429:
      return fail(
        'rate-limited',
        `HelpDeskEddy's API limit is used up${rateLimitText(response)}; it blocks API access for 20 minutes after that.`,
      );
    case 400:
    case 422:
      return fail('unexpected', `HelpDeskEddy refused the call card: ${providerMessage}.`);
    default:
      return fail(
        'unexpected',
        status >= 500
          ? `HelpDeskEddy had an internal error (HTTP ${status}); try again later.`
          : `HelpDeskEddy answered HTTP ${status}, which this extension does not understand.`,
      );
  }
}

/** HelpDeskEddy call cards: see the module comment. */
export const helpdeskeddy: CallLogDefinition<HelpdeskeddyCallLog> = {
  type: 'helpdeskeddy',
  label: 'HelpDeskEddy',
  create(settings: HelpdeskeddyCallLog, context: ProviderContext) {
    const base = apiBase(settings.baseUrl);
    const headers = {
      Authorization: basicAuthorization(settings.email.trim(), settings.apiKey.trim()),
      Accept: 'application/json',
    };
    return {
      async logCall(call) {
        const form = new FormData();
        form.append('action', 'create_call');
        form.append('direction', 'outgoing');
        form.append('phone', call.number);
        // "ringing" is an active status: the card shows while the PBX rings the user's phone.
        form.append('call_status', 'ringing');
        if (call.callId) form.append('pbx_call_id', call.callId);
        // Only one of user_ids[] / group_ids[] / pbx_user_ids[] may be sent; the extension is the one we know.
        if (call.extension) form.append('pbx_user_ids[]', call.extension);
        const response = await httpRequest(
          context,
          // No Content-Type: fetch writes multipart/form-data with its boundary.
          {
            method: 'POST',
            url: joinUrl(base, `telephony/calls/${encodeURIComponent(settings.channelKey.trim())}/`),
            headers,
            body: form,
          },
          PROVIDER,
          'call log',
        );
        if (response.status < 200 || response.status >= 300) throw hdeError(response, 'call log', settings);
        const data = isObject(response.json) ? response.json.data : undefined;
        if (!isObject(data)) {
          throw new ProviderError('unexpected', 'HelpDeskEddy answered without the call card it should have created.', {
            provider: PROVIDER,
            status: response.status,
            providerMessage: excerpt(redact(response.text, settings)),
            step: 'call log',
          });
        }
        const id = data.call_id;
        return typeof id === 'number' || (typeof id === 'string' && id) ? { id: String(id) } : {};
      },

      async testConnection() {
        // The telephony endpoint only has actions that create or change call cards, which agents would see,
        // so the channel key cannot be checked without side effects. The credentials can: a read of the
        // ticket list (GET /api/v2/tickets/, used by public HDE integrations with the same Basic auth).
        const response = await httpRequest(
          context,
          { method: 'GET', url: joinUrl(base, 'tickets/'), headers },
          PROVIDER,
          'test',
        );
        const limit = response.headers.get('x-rate-limit');
        const remaining = response.headers.get('x-rate-limit-remaining');
        const limits = limit
          ? remaining
            ? msg('test_helpdeskeddy_limit_left', limit, remaining)
            : msg('test_helpdeskeddy_limit', limit)
          : undefined;
        const note = msg('test_helpdeskeddy_channel_key');
        if (response.status === 403) {
          return {
            detail: limits
              ? msg('test_helpdeskeddy_no_tickets_limits', limits, note)
              : msg('test_helpdeskeddy_no_tickets', note),
          };
        }
        if (response.status < 200 || response.status >= 300) throw hdeError(response, 'test', settings);
        if (!isObject(response.json)) {
          throw new ProviderError('unexpected', 'This address answered, but not like a HelpDeskEddy API (no JSON).', {
            provider: PROVIDER,
            status: response.status,
            providerMessage: excerpt(redact(response.text, settings)),
            step: 'test',
          });
        }
        return {
          detail: limits ? msg('test_helpdeskeddy_ok_limits', limits, note) : msg('test_helpdeskeddy_ok', note),
        };
      },
    };
  },
};
