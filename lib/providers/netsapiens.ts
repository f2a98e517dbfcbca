/**
 * NetSapiens API v2 "Make a new Call" (../shared/providers.md §3,
 * https://docs.ns-api.com/reference/post_domains-domain-users-user-calls).
 *
 * `baseUrl` is the server root as in the design's example (`https://portal.example.com`); the adapter appends
 * `/ns-api/v2`. An address that already ends in `/ns-api/v2` (or `/ns-api`) is accepted as well, since that is
 * how the vendor docs print the API base.
 *
 * The JSON keys are the hyphenated v2 names (`call-id`, `call-term-user`…), not the doc page's human labels
 * (`callid`, `destination`…). The call is asynchronous (`synchronous: "no"` → 202 Accepted).
 */
import type { FieldTable, SettingsFrom } from '../settings/field-spec';
import {
  excerpt,
  htmlAnswerError,
  httpRequest,
  isHtml,
  isObject,
  joinUrl,
  type HttpResponse,
  redactSecrets,
} from '../net/http';
import { ProviderError, type ErrorKind, type ProviderDefinition } from './types';
import { msg } from '../i18n/text';

const LABEL = 'NetSapiens';

/** Its fields, in the order the options page shows them. */
const fields = {
  baseUrl: { kind: 'url', placeholder: 'https://portal.example.com' },
  apiKey: { kind: 'secret', placeholder: 'nsu_…' },
  domain: { kind: 'text', default: '~' },
  user: { kind: 'text', default: '~' },
  origination: { kind: 'optionalText', default: '', placeholder: '1000@example.com' },
  callerId: { kind: 'optionalExtension', default: '' },
} satisfies FieldTable;

/** Settings of a NetSapiens provider (`provider` in the settings document). */
export type NetsapiensProvider = SettingsFrom<'netsapiens', typeof fields>;

/** `https://host` or `https://host/ns-api[/v2]` → `https://host/ns-api/v2`. */
export function netsapiensApiRoot(baseUrl: string): string {
  const root = baseUrl.replace(/\/+$/, '').replace(/\/ns-api(?:\/v2)?$/i, '');
  return joinUrl(root, 'ns-api/v2');
}

/** Creates the error for a non-success answer from the `{code, message}` body NetSapiens sends. */
function failure(response: HttpResponse, settings: NetsapiensProvider, step: string, number?: string): ProviderError {
  const body = response.json;
  const raw = isObject(body) && typeof body.message === 'string' ? body.message : response.text;
  // Blank the key first, then shorten: a key cut in half by the excerpt would slip through otherwise.
  const words = excerpt(redactSecrets(raw, [settings.apiKey], '[API key]'));
  const said = words ? `: ${words}` : '';
  const who = `${settings.user === '~' ? "the API key's user" : `user ${settings.user}`} in ${settings.domain === '~' ? "the key's domain" : `domain ${settings.domain}`}`;
  let kind: ErrorKind;
  let message: string;
  switch (response.status) {
    case 400:
      kind = step === 'dial' ? 'number-rejected' : 'unexpected';
      message =
        step === 'dial'
          ? `NetSapiens refused the call${number ? ` to ${number}` : ''}${said}. Check the number, and the origination and caller ID settings.`
          : `NetSapiens refused the request${said}.`;
      break;
    case 401:
      kind = 'auth';
      message = `NetSapiens did not accept the API key${said}. Check that the key is complete and not revoked.`;
      break;
    case 403:
      kind = 'permission';
      message = `The NetSapiens API key may not do this for ${who}${said}. A basic-user (nsu_) key can only call as its own user, and a read-only key cannot place calls.`;
      break;
    case 404:
      kind = 'not-found';
      message =
        step === 'hangup'
          ? `NetSapiens no longer has this call${said}; it may have ended already.`
          : `NetSapiens could not find ${who}${said}. Check the domain and user settings (or use "~" for the key's own), and the server address.`;
      break;
    case 429:
      kind = 'rate-limited';
      message = `NetSapiens is limiting requests${said}. Wait a minute and try again.`;
      break;
    default:
      kind = 'unexpected';
      message = `NetSapiens answered HTTP ${response.status}${said}.`;
  }
  return new ProviderError(kind, message, {
    provider: LABEL,
    status: response.status,
    providerMessage: words || undefined,
    step,
  });
}

/**
 * The scope of an API key, from its 4-character prefix (vendor guide "API Keys": `nss_` super user, `nsr_`
 * reseller, `nsd_` office manager, `nsu_` basic user). Undefined for anything else (an OAuth token or JWT).
 */
export function netsapiensKeyScope(apiKey: string): { prefix: string; name: string; has: string } | undefined {
  const prefix = apiKey.trim().slice(0, 4);
  switch (prefix) {
    case 'nsu_':
      return { prefix, name: 'basic-user', has: 'domain and user' };
    case 'nsd_':
      return { prefix, name: 'office-manager', has: 'domain but no user' };
    case 'nsr_':
      return { prefix, name: 'reseller', has: 'neither domain nor user' };
    case 'nss_':
      return { prefix, name: 'super-user', has: 'neither domain nor user' };
    default:
      return undefined;
  }
}

/**
 * "~" in the path stands for the key's own domain and user, so it resolves only for a basic-user (`nsu_`) key;
 * office-manager, reseller and super-user keys pass the identity check and then fail every call (issue 14).
 * For those, the domain and the user must be named, and the first leg (`call-orig-user`) too: its default,
 * "the requester's user@domain", does not exist for a key without a user.
 */
function managerKeyProblem(settings: NetsapiensProvider, step: string): ProviderError | undefined {
  const scope = netsapiensKeyScope(settings.apiKey);
  if (!scope || scope.prefix === 'nsu_') return undefined;
  const domain = settings.domain.trim();
  const user = settings.user.trim();
  if (domain && domain !== '~' && user && user !== '~') return undefined;
  return new ProviderError(
    'not-found',
    `This is a NetSapiens ${scope.name} (${scope.prefix}) key: it has no ${scope.prefix === 'nsd_' ? 'user' : 'domain or user'} of its own, so "~" cannot stand for one: enter the domain and the user (your extension) the calls are placed for.`,
    { provider: LABEL, step },
  );
}

/** NetSapiens (SNAPsolution) API v2 with an API key. */
export const netsapiens: ProviderDefinition<NetsapiensProvider> = {
  type: 'netsapiens',
  label: LABEL,
  fields,
  // ns-api v2 "Make a new Call": numbers in the examples are digits with the country code ("18587645200").
  numberFormat: 'digits',
  // `call-term-user` is a number or SIP target for the second leg; nothing can be dialled after it connects.
  capabilities: { extensionDialing: false, connectionTest: 'identity' },
  create(settings, context) {
    const root = netsapiensApiRoot(settings.baseUrl);
    const callsPath = `domains/${encodeURIComponent(settings.domain || '~')}/users/${encodeURIComponent(settings.user || '~')}/calls`;
    const auth = { authorization: `Bearer ${settings.apiKey}`, accept: 'application/json' };

    return {
      async dial(request) {
        const keyProblem = managerKeyProblem(settings, 'dial');
        if (keyProblem) throw keyProblem;
        const callId = context.randomId();
        const body: Record<string, string> = {
          synchronous: 'no',
          'call-id': callId,
          'call-term-user': request.number,
          'auto-answer-enabled': request.autoAnswer ? 'yes' : 'no',
        };
        // Both default to the key's user on the server; send them only when the admin set them.
        if (settings.origination) body['call-orig-user'] = settings.origination;
        else if (netsapiensKeyScope(settings.apiKey) && netsapiensKeyScope(settings.apiKey)!.prefix !== 'nsu_') {
          // A key without a user of its own has no default first leg: ring the named user.
          body['call-orig-user'] = `${settings.user.trim()}@${settings.domain.trim()}`;
        }
        if (settings.callerId) body['caller-id-number'] = settings.callerId;
        const response = await httpRequest(
          context,
          {
            method: 'POST',
            url: joinUrl(root, callsPath),
            headers: { ...auth, 'content-type': 'application/json' },
            body: JSON.stringify(body),
          },
          LABEL,
          'dial',
        );
        // A portal's login page answers 200 too (issue 15 item 8): a web page is never a placed call.
        if (isHtml(response)) throw htmlAnswerError(response, LABEL, 'dial');
        // 202 Accepted is the answer to `synchronous: "no"` (its body may be empty). A 200 is the synchronous
        // answer, the created call as JSON; any other 200 is not a placed call.
        if (response.status === 202) return { callId };
        if (response.status === 200) {
          if (isObject(response.json)) return { callId };
          throw new ProviderError('unexpected', 'NetSapiens answered 200 without the call it should have created.', {
            provider: LABEL,
            status: 200,
            providerMessage: excerpt(redactSecrets(response.text, [settings.apiKey], '[API key]')) || undefined,
            step: 'dial',
          });
        }
        throw failure(response, settings, 'dial', request.number);
      },

      /** Ends the call through `DELETE …/calls/{call-id}` (the id `dial` generated and returned). */
      async hangup(callId: string): Promise<void> {
        const response = await httpRequest(
          context,
          { method: 'DELETE', url: joinUrl(root, `${callsPath}/${encodeURIComponent(callId)}`), headers: auth },
          LABEL,
          'hangup',
        );
        if (response.status >= 200 && response.status < 300) return;
        throw failure(response, settings, 'hangup');
      },

      /** Reads the key's own identity (`GET /ns-api/v2/apikeys/~`); places no call. */
      async testConnection() {
        const response = await httpRequest(
          context,
          { method: 'GET', url: joinUrl(root, 'apikeys/~'), headers: auth },
          LABEL,
          'test',
        );
        if (isHtml(response)) throw htmlAnswerError(response, LABEL, 'test');
        if (response.status !== 200) throw failure(response, settings, 'test');
        const info = isObject(response.json) ? response.json : {};
        const text = (key: string) => (typeof info[key] === 'string' && info[key] ? (info[key] as string) : undefined);
        const user = text('user');
        const domain = text('domain');
        const who = [user && `user ${user}`, domain && `domain ${domain}`].filter(Boolean).join(' in ');
        const scope = text('user-scope');
        // The read-only error below keeps the English identity: a ProviderError's message is the adapter's own
        // summary, not a table text. The test's detail is translated, so it is built from messages.
        const identity = who ? ` (${who}${scope ? `, ${scope}` : ''})` : '';
        const whoText = user
          ? domain
            ? msg('test_netsapiens_user_domain', user, domain)
            : msg('test_netsapiens_user', user)
          : domain
            ? msg('test_netsapiens_domain', domain)
            : undefined;
        const identityText = whoText && scope ? msg('test_netsapiens_who_scope', whoText, scope) : whoText;
        if (text('readonly') === 'yes') {
          throw new ProviderError(
            'permission',
            `The NetSapiens API key${identity} is read-only: it cannot place calls. Create a key without the read-only option.`,
            { provider: LABEL, status: 200, step: 'test' },
          );
        }
        const keyProblem = managerKeyProblem(settings, 'test');
        if (keyProblem) throw keyProblem;
        const keyScope = netsapiensKeyScope(settings.apiKey);
        if (keyScope && keyScope.prefix !== 'nsu_') {
          // The key's scope name ("office-manager", "reseller") is NetSapiens' own word, not translated.
          const calls = [settings.user.trim(), settings.domain.trim()] as const;
          return {
            detail: identityText
              ? msg('test_netsapiens_ok_scoped_identity', keyScope.name, identityText, ...calls)
              : msg('test_netsapiens_ok_scoped', keyScope.name, ...calls),
          };
        }
        return { detail: identityText ? msg('test_netsapiens_ok_identity', identityText) : msg('test_netsapiens_ok') };
      },
    };
  },
};
