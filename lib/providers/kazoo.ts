/**
 * Kazoo / 2600Hz Crossbar click-to-call (also sold white-label, e.g. "IP Telecom API").
 * Contract: ../shared/providers.md section 5 and ../shared/vendor-docs/kazoo-clicktocall.txt.
 *
 * A dial is `GET /v2/accounts/{account}/clicktocall/{c2c}/connect?contact=…&auto_answer=…`: Kazoo rings the
 * click-to-call object's `extension`, then transfers it to `contact`. With `auth_required: false` the id in
 * the URL is the only credential; otherwise we exchange the account API key for a token
 * (`PUT /v2/api_auth`) and send it as `X-Auth-Token`.
 *
 * The connect answers 202 "processing request" before anything rang; the originate's result is written to the
 * click-to-call's `/history` later, so with a key the adapter reads it for a few seconds (originateOutcome).
 *
 * This file holds the provider's settings, fields and adapter; talking to Crossbar (login, token cache, errors,
 * the /history read) is in ./kazoo-client.ts, the click-to-call list and create actions in
 * ./kazoo-click-to-calls.ts.
 */
import type { FieldTable, SettingsFrom } from '../settings/field-spec';
import { isObject } from '../net/http';
import { createClickToCall, listClickToCalls } from './kazoo-click-to-calls';
import { envelopeWords, isContactProblem, isSuccess, KazooClient } from './kazoo-client';
import type { ProviderDefinition } from './types';
import { msg } from '../i18n/text';

export { forgetKazooTokens, KAZOO_HISTORY_POLLS_MS, KAZOO_TOKEN_LIFETIME_MS } from './kazoo-client';
export { createClickToCall, listClickToCalls, type KazooClickToCall } from './kazoo-click-to-calls';

/** Its fields, in the order the options page shows them. */
const fields = {
  baseUrl: { kind: 'url', placeholder: 'http://pbx.example.com:8000' },
  accountId: { kind: 'text' },
  // With auth_required=false the click-to-call id in the connect URL is the only credential (cb_clicktocall).
  clickToCallId: { kind: 'text', secret: true },
  /** Only when the click-to-call object requires auth. */
  apiKey: { kind: 'optionalText', default: '', secret: true },
} satisfies FieldTable;

/** Settings of a Kazoo provider (`provider` in the settings document). */
export type KazooProvider = SettingsFrom<'kazoo', typeof fields>;

/**
 * The contact as Kazoo can normalise it: digits with the country code, no "+".
 * cb_clicktocall `get_c2c_contact/1` runs `knm_converters:normalize(kz_http_util:urlencode(Contact))`: the contact
 * is URL-encoded *again* after the query string was decoded, so a "+" becomes the literal "%2B", matches none of
 * the E.164 converters (knm_converter_regex) and the second leg dials "%2B1415…" with a wrong caller id.
 * "14155550132" and "442079460958" match the converters and become "+14155550132" / "+442079460958".
 */
export function kazooContact(number: string): string {
  return number.replace(/^\+/, '');
}

/** Kazoo click-to-call: see the module comment. */
export const kazoo: ProviderDefinition<KazooProvider> = {
  type: 'kazoo',
  label: 'Kazoo (2600Hz)',
  fields,
  // cb_clicktocall URL-encodes `contact` before normalising it to E.164: digits with the country code, no "+".
  numberFormat: 'digits',
  capabilities: {
    // `contact` is run through Kazoo's E.164 converters before dialling; there is no field for an extension.
    extensionDialing: false,
    connectionTest: 'login',
  },
  actions: {
    /** The account's click-to-call objects, to pick one instead of typing an opaque id. */
    listClickToCalls: {
      picks: 'clickToCallId',
      run: async (settings, _input, context) => ({ items: await listClickToCalls(settings, context) }),
    },
    /** Creates a click-to-call ringing the extension given as input, then lists them all with the new one. */
    createClickToCall: {
      picks: 'clickToCallId',
      run: async (settings, input, context) => {
        const createdId = await createClickToCall(settings, input ?? '', context);
        return { items: await listClickToCalls(settings, context), createdId };
      },
    },
  },
  create(settings, context) {
    const client = new KazooClient(settings, context);
    return {
      async dial(request) {
        const contact = kazooContact(request.number);
        const query = `?contact=${encodeURIComponent(contact)}&auto_answer=${request.autoAnswer ? 'true' : 'false'}`;
        const response = await client.send(
          {
            method: 'GET',
            url: client.url(client.clickToCallPath(`/connect${query}`)),
            headers: { Accept: 'application/json' },
          },
          'dial',
        );
        // The docs say the non-blocking connect answers 202; crossbar's code suggests GET may go out as 200.
        if (response.status !== 200 && response.status !== 202) throw client.error(response, 'dial', request.number);
        if (!isSuccess(response)) throw client.unexpectedAnswer(response, 'dial');
        // 202 "processing request" is not a placed call: the originate's result lands in /history later.
        if (client.hasKey) await client.originateOutcome(response, contact, request.number);
        // No call id is returned: Kazoo's `outbound_call_id` is "c2c-{click-to-call id}-{random}", and the
        // click-to-call id is the only credential of an open click-to-call; it must not reach the history or
        // the helpdesk (issue 14).
        return {};
      },

      async testConnection() {
        if (!client.hasKey) {
          // Without a token nothing can be read (the object, its history and the list all need one). The only
          // request Kazoo lets through is the connect URL itself; sent without `contact`, cb_clicktocall
          // answers 400 "contact … required" before it originates anything, which proves the account and
          // click-to-call ids are right and that no token is needed. No call is placed.
          const response = await client.send(
            {
              method: 'GET',
              url: client.url(client.clickToCallPath('/connect')),
              headers: { Accept: 'application/json' },
            },
            'test',
          );
          const words = envelopeWords(response);
          if (response.status === 400 && isContactProblem(words.data)) {
            return { detail: msg('test_kazoo_ok_no_key') };
          }
          throw isSuccess(response) ? client.unexpectedAnswer(response, 'test') : client.error(response, 'test');
        }
        const response = await client.send(
          { method: 'GET', url: client.url(client.clickToCallPath()), headers: { Accept: 'application/json' } },
          'test',
        );
        if (!isSuccess(response)) throw client.error(response, 'test');
        const data = isObject(response.json.data) ? response.json.data : {};
        const name = typeof data.name === 'string' ? data.name : msg('test_kazoo_no_name');
        const extension = typeof data.extension === 'string' ? data.extension : msg('test_kazoo_no_extension');
        const authRequired = data.auth_required !== false;
        return {
          detail: authRequired
            ? msg('test_kazoo_ok_token_required', name, extension)
            : msg('test_kazoo_ok_token_optional', name, extension),
        };
      },
    };
  },
};
