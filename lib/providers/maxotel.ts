/**
 * MaxoTel (Australia) click-to-call: `calls/initiate` (../shared/providers.md §1,
 * https://maxo.com.au/support/api-documentation/api--initiate-call).
 *
 * The doc's example is a GET with the key in the query string, but it also allows every parameter to be
 * POSTed; we POST a form so the key never sits in a URL (proxies, server logs, history).
 */
import type { FieldTable, SettingsFrom } from '../settings/field-spec';
import { excerpt, httpRequest, isObject, joinUrl, type HttpResponse, redactSecrets } from '../net/http';
import { ProviderError, type ErrorKind, type ProviderContext, type ProviderDefinition } from './types';
import { msg } from '../i18n/text';

const LABEL = 'MaxoTel';

/** Its fields, in the order the options page shows them. */
const fields = {
  baseUrl: { kind: 'url', default: 'https://myapi.maxo.com.au/', placeholder: 'https://myapi.maxo.com.au/' },
  apiKey: { kind: 'secret' },
  extension: { kind: 'extension', placeholder: '101' },
} satisfies FieldTable;

/** Settings of a MaxoTel provider (`provider` in the settings document). */
export type MaxotelProvider = SettingsFrom<'maxotel', typeof fields>;

/** Blanks the key out of text the API sent back, should it ever echo it. */
const redact = (text: string, key: string): string => redactSecrets(text, [key], '[API key]');

/** The provider's own `error: reason` words (key blanked), or an excerpt of a body that is not the usual JSON. */
function providerWords(response: HttpResponse, key: string): string | undefined {
  const body = response.json;
  if (isObject(body)) {
    const parts = [body.error, body.reason].filter((p): p is string => typeof p === 'string' && p.trim() !== '');
    if (parts.length) return redact(parts.join(': '), key);
  }
  return response.text.trim() ? excerpt(redact(response.text, key)) : undefined;
}

function failure(response: HttpResponse, settings: MaxotelProvider, step: string, number?: string): ProviderError {
  const words = providerWords(response, settings.apiKey);
  const reason =
    isObject(response.json) && typeof response.json.reason === 'string'
      ? redact(response.json.reason, settings.apiKey)
      : words;
  const said = reason ? `: ${reason}` : '';
  const details = { provider: LABEL, status: response.status, providerMessage: words, step };
  const error = (kind: ErrorKind, message: string) => new ProviderError(kind, message, details);
  // The doc's one failure example: the calling extension is not registered. Its HTTP status is not stated,
  // so the `error` code decides, whatever the status.
  if (isObject(response.json) && response.json.error === 'UNAVAILABLE') {
    return error(
      'extension-unavailable',
      `MaxoTel could not ring extension ${settings.extension}${said}. Check that the phone or softphone is on and registered.`,
    );
  }
  switch (response.status) {
    case 401:
      return error('auth', `MaxoTel did not accept the API key${said}. Check the key in My Account → API Keys.`);
    case 403:
      return error(
        'permission',
        `The MaxoTel API key lacks the "Account Functions / Click to Call" permission${said}. Enable it for the key in My Account → API Keys.`,
      );
    case 400:
      // Every parameter is always sent, so a "bad request" is about the values: the extension or the number.
      return error(
        'number-rejected',
        `MaxoTel refused the call${number ? ` to ${number}` : ''}${said}. Check the number and that extension ${settings.extension} is a Hosted PBX extension.`,
      );
    case 404:
      return error(
        'not-found',
        `No MaxoTel API at this address (HTTP 404${said}). Check the API address (normally https://myapi.maxo.com.au/).`,
      );
    case 429:
      return error('rate-limited', `MaxoTel is limiting requests${said}. Wait a minute and try again.`);
    default:
      return error('unexpected', `MaxoTel answered HTTP ${response.status}${said}.`);
  }
}

function post(
  context: ProviderContext,
  settings: MaxotelProvider,
  endpoint: string,
  fields: Record<string, string>,
  step: string,
) {
  return httpRequest(
    context,
    {
      method: 'POST',
      // The doc's example URL has a slash before the query string (`calls/initiate/?key=…`); keep it.
      url: joinUrl(settings.baseUrl, `${endpoint}/`),
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({ key: settings.apiKey, ...fields }).toString(),
    },
    LABEL,
    step,
  );
}

/** MaxoTel Hosted PBX click-to-call. */
export const maxotel: ProviderDefinition<MaxotelProvider> = {
  type: 'maxotel',
  label: LABEL,
  fields,
  // "destination: a valid phone number" (API - Initiate Call) names no format; MaxoTel routes international
  // numbers with "+", so the unambiguous form stays the default [I].
  numberFormat: 'e164',
  // `destination` is a plain phone number: there is no way to send an extension after the call connects.
  capabilities: { extensionDialing: false, connectionTest: 'list' },
  create(settings, context) {
    return {
      async dial(request) {
        const response = await post(
          context,
          settings,
          'calls/initiate',
          { origin: settings.extension, destination: request.number, autoAnswer: request.autoAnswer ? '1' : '0' },
          'dial',
        );
        // A 200 can carry a failure too: the doc leaves the status of `UNAVAILABLE` open, and any `status: 0`
        // body is the API's failure marker.
        if (response.status !== 200 || (isObject(response.json) && response.json.status === 0)) {
          throw failure(response, settings, 'dial', request.number);
        }
        // Success per the doc: HTTP 200 and `callstatus` "queued". Compare parsed JSON, never raw text: the API
        // escapes slashes (`"calls\/initiate"`).
        const body = response.json;
        if (isObject(body) && body.callstatus === 'queued') return {};
        throw new ProviderError(
          'unexpected',
          `MaxoTel answered without queueing the call: ${providerWords(response, settings.apiKey) ?? 'empty answer'}`,
          {
            provider: LABEL,
            status: response.status,
            providerMessage: providerWords(response, settings.apiKey),
            step: 'dial',
          },
        );
      },

      /**
       * MaxoTel has no side-effect-free click-to-call check, so this asks the CDR endpoint `calls/list` (same
       * key) for one record of the last minute. It proves the address and the key; it cannot prove the
       * "Click to Call" permission. A 403 still means the key was recognised (it only lacks CDR permission).
       */
      async testConnection() {
        const end = Math.floor(context.now() / 1000);
        const response = await post(
          context,
          settings,
          'calls/list',
          { startTime: String(end - 60), endTime: String(end), outputFormat: 'json', limit: '1' },
          'test',
        );
        const limitation = msg('test_maxotel_limitation');
        // Any 200 proves the key (the CDR body's exact shape is not fully documented: JSON, or CSV), unless it
        // carries the API's failure marker `status: 0`.
        const refused = isObject(response.json) && response.json.status === 0;
        if (response.status === 200 && !refused) {
          return { detail: msg('test_maxotel_ok', limitation) };
        }
        if (response.status === 403) {
          return { detail: msg('test_maxotel_ok_no_history', limitation) };
        }
        throw failure(response, settings, 'test');
      },
    };
  },
};
