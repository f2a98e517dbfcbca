/**
 * Twilio Programmable Voice: `POST /2010-04-01/Accounts/{AccountSid}/Calls.json` calls the user's own phone from
 * one of the account's numbers; when they answer, the inline TwiML `<Dial>` connects them to the number.
 * Contract and sources: docs/providers/twilio.md.
 *
 * - Auth: HTTP Basic with an API key SID and its secret (Twilio's recommendation), or the Account SID and auth
 *   token; always in the header. The Account SID is part of every path, as the API requires; it identifies the
 *   account but grants nothing.
 * - Form-encoded parameters (`To`, `From`, `Twiml`), as every Twilio 2010-04-01 write takes them.
 * - Twilio answers 201 with the Call once it is queued; whether the `<Dial>` then reaches the number is known only
 *   later (the call's events), so only the request's own refusals are reported.
 * - Errors are JSON `{code, message, more_info, status}`; they are mapped by Twilio's error code.
 * - Auto-answer does not apply: Twilio rings a phone number, which is answered by a person.
 */
import type { FieldProblem, FieldTable, SettingsFrom } from '../settings/field-spec';
import { BasicAuthHttp } from '../net/basic-auth';
import { htmlAnswerError, isHtml, isObject, joinUrl, type HttpResponse } from '../net/http';
import {
  ProviderError,
  type ErrorKind,
  type ProviderActionItem,
  type ProviderContext,
  type ProviderDefinition,
} from './types';
import { msg } from '../i18n/text';

const LABEL = 'Twilio';

/** Its fields, in the order the options page shows them. */
const fields = {
  baseUrl: { kind: 'url', default: 'https://api.twilio.com' },
  accountSid: { kind: 'text', placeholder: 'AC…' },
  /** API key SID (`SK…`), or the Account SID when the auth token is used. */
  apiKeySid: { kind: 'text', placeholder: 'SK…' },
  apiKeySecret: { kind: 'secret' },
  /** The user's own phone, which Twilio rings first: E.164, or a `sip:` address. */
  phone: { kind: 'text', placeholder: '+14155550100' },
  /** The caller ID: one of the account's numbers or verified caller IDs, E.164. */
  callerId: { kind: 'text', placeholder: '+14155550199' },
} satisfies FieldTable;

/** Settings of a Twilio provider (`provider` in the settings document). */
export type TwilioProvider = SettingsFrom<'twilio', typeof fields>;

/** How long Twilio rings the user's phone, in seconds (`Timeout`; Twilio's default is 60). */
export const TWILIO_RING_TIMEOUT_S = 30;

const SID = (prefix: string) => new RegExp(`^${prefix}[0-9a-fA-F]{32}$`);
const E164 = /^\+[1-9][0-9]{6,14}$/;

/** Cross-field rules: the SIDs' shapes and E.164 numbers. */
export function twilioProblems(settings: TwilioProvider): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!SID('AC').test(settings.accountSid.trim())) {
    problems.push({ field: 'accountSid', message: 'The Account SID is AC followed by 32 hexadecimal characters.' });
  }
  if (!SID('(?:SK|AC)').test(settings.apiKeySid.trim())) {
    problems.push({
      field: 'apiKeySid',
      message: 'The API key SID is SK followed by 32 hexadecimal characters (or the Account SID, with the auth token).',
    });
  }
  if (!E164.test(settings.phone.trim()) && !/^sip:\S+@\S+$/i.test(settings.phone.trim())) {
    problems.push({ field: 'phone', message: 'Your phone number in international form, e.g. +14155550100.' });
  }
  // Only a number in another form is flagged: the field may hold the options page's stand-in while it is picked.
  if (/^[+0-9 ()./-]+$/.test(settings.callerId.trim()) && !E164.test(settings.callerId.trim())) {
    problems.push({ field: 'callerId', message: 'The caller ID is one of your Twilio numbers, e.g. +14155550199.' });
  }
  return problems;
}

function xmlEscape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The TwiML run when the user answers: dial the number, showing the caller ID. */
export function dialTwiml(number: string, callerId: string): string {
  return `<Response><Dial callerId="${xmlEscape(callerId)}">${xmlEscape(number)}</Dial></Response>`;
}

/** Twilio's error body: `code`, `message`, `more_info`, `status`. */
function twilioError(response: HttpResponse): { code?: number; message: string } {
  const body = isObject(response.json) ? response.json : {};
  return {
    code: typeof body.code === 'number' ? body.code : undefined,
    message: typeof body.message === 'string' ? body.message : '',
  };
}

class TwilioClient {
  readonly http: BasicAuthHttp;

  constructor(
    readonly settings: TwilioProvider,
    context: ProviderContext,
  ) {
    this.http = new BasicAuthHttp(context, LABEL, settings.apiKeySid.trim(), settings.apiKeySecret.trim());
  }

  url(resource: string, query?: Record<string, string>): string {
    const path = `2010-04-01/Accounts/${encodeURIComponent(this.settings.accountSid.trim())}/${resource}`;
    const search = query ? `?${new URLSearchParams(query)}` : '';
    return joinUrl(this.settings.baseUrl.trim(), path) + search;
  }

  async send(method: 'GET' | 'POST', url: string, step: string, form?: URLSearchParams): Promise<HttpResponse> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (form) headers['Content-Type'] = 'application/x-www-form-urlencoded';
    const response = await this.http.send({ method, url, headers, body: form?.toString() }, step);
    if (isHtml(response)) throw htmlAnswerError(response, LABEL, step);
    return response;
  }

  /** Reads one list resource (first page), as `key` of its JSON answer. */
  async list(resource: string, key: string, query: Record<string, string>, step: string): Promise<unknown[]> {
    const response = await this.send('GET', this.url(resource, query), step);
    if (response.status !== 200) throw this.failure(response, step);
    const items = isObject(response.json) ? response.json[key] : undefined;
    if (!Array.isArray(items)) throw this.failure(response, step);
    return items;
  }

  /** The error for a Twilio answer, by its error code first, then by HTTP status. */
  failure(response: HttpResponse, step: string, number?: string): ProviderError {
    const { code, message } = twilioError(response);
    const words = this.http.words(message || response.text);
    const providerMessage = code ? `${code}: ${words}` : words || `HTTP ${response.status}`;
    const fail = (kind: ErrorKind, text: string) =>
      new ProviderError(kind, text, { provider: LABEL, status: response.status, providerMessage, step });
    const phone = this.settings.phone.trim();
    const callerId = this.settings.callerId.trim();
    switch (code) {
      case 20003:
        return fail(
          'auth',
          'Twilio did not accept the API key SID and secret: check both, and that the key belongs to this account (and region).',
        );
      case 20404:
        return fail('not-found', 'Twilio does not know this Account SID, or the API key is not one of its keys.');
      case 10001:
      case 20005:
        return fail('locked', 'The Twilio account is not active (suspended or closed).');
      case 10002:
        return fail('permission', 'A Twilio trial account does not allow this: upgrade the account.');
      case 20429:
        return fail('rate-limited', 'Twilio is limiting requests from this account: wait a moment and try again.');
      case 21210:
      case 21212:
        return fail(
          'permission',
          `Twilio may not show ${callerId} as caller ID: pick one of the account's numbers or verified caller IDs (List numbers).`,
        );
      case 21211:
      case 21217:
        return fail(
          'not-found',
          `Twilio does not take ${phone} as your phone number: use the international form (+…).`,
        );
      case 21214:
        return fail('extension-unavailable', `Twilio cannot reach your phone (${phone}).`);
      case 21215:
        return fail(
          'permission',
          `Twilio's Voice Geo Permissions do not allow calling your phone (${phone}): enable its country in the Console.`,
        );
      case 21216:
        return fail('permission', `The Twilio account may not call ${phone}.`);
      case 21219:
        return fail(
          'permission',
          `A Twilio trial account calls verified numbers only: verify your phone (${phone}) in the Console, or upgrade.`,
        );
      case 21202:
        return fail('number-rejected', `Twilio does not call premium numbers${number ? ` (${number})` : ''}.`);
      default:
        break;
    }
    switch (response.status) {
      case 401:
        return fail('auth', 'Twilio did not accept the API key SID and secret.');
      case 403:
        return fail('permission', 'This Twilio API key may not do this (a restricted key?).');
      case 404:
        return fail('not-found', 'Twilio does not know this Account SID, or the address is not the Twilio API.');
      case 429:
        return fail('rate-limited', 'Twilio is limiting requests from this account: wait a moment and try again.');
      default:
        if (response.status >= 500)
          return fail('unexpected', `Twilio had an internal error (HTTP ${response.status}).`);
        return fail(
          'unexpected',
          `Twilio refused the ${step === 'dial' ? 'call' : 'request'}${words ? `: ${words}` : ''}${code ? ` (error ${code})` : ''}.`,
        );
    }
  }
}

/**
 * The account's numbers that can be the caller ID: its own numbers (`IncomingPhoneNumbers.json`) and its verified
 * caller IDs (`OutgoingCallerIds.json`), first page of each (up to 100).
 */
export async function listTwilioNumbers(
  settings: TwilioProvider,
  context: ProviderContext,
): Promise<ProviderActionItem[]> {
  const client = new TwilioClient(settings, context);
  const items: ProviderActionItem[] = [];
  const read = (value: unknown, key: string) => (isObject(value) && typeof value[key] === 'string' ? value[key] : '');
  for (const item of await client.list(
    'IncomingPhoneNumbers.json',
    'incoming_phone_numbers',
    { PageSize: '100' },
    'list',
  )) {
    const number = read(item, 'phone_number');
    if (number) items.push({ id: number, name: read(item, 'friendly_name'), extension: '' });
  }
  for (const item of await client.list('OutgoingCallerIds.json', 'outgoing_caller_ids', { PageSize: '100' }, 'list')) {
    const number = read(item, 'phone_number');
    if (number && !items.some((i) => i.id === number)) {
      items.push({ id: number, name: read(item, 'friendly_name'), extension: '' });
    }
  }
  return items;
}

/** Twilio: see the module comment. */
export const twilio: ProviderDefinition<TwilioProvider> = {
  type: 'twilio',
  label: 'Twilio',
  fields,
  // `To`, `From` and `<Dial>` numbers are E.164 ("+" and the country code).
  numberFormat: 'e164',
  problems: twilioProblems,
  capabilities: { extensionDialing: false, connectionTest: 'list' },
  actions: {
    /** The account's numbers and verified caller IDs, to pick the caller ID from. */
    listNumbers: {
      picks: 'callerId',
      run: async (settings, _input, context) => ({ items: await listTwilioNumbers(settings, context) }),
    },
  },
  create(settings, context) {
    const client = new TwilioClient(settings, context);
    return {
      async dial(request) {
        const callerId = settings.callerId.trim();
        const form = new URLSearchParams({
          To: settings.phone.trim(),
          From: callerId,
          Twiml: dialTwiml(request.number, callerId),
          Timeout: String(TWILIO_RING_TIMEOUT_S),
        });
        const response = await client.send('POST', client.url('Calls.json'), 'dial', form);
        if (response.status !== 201 && response.status !== 200) throw client.failure(response, 'dial', request.number);
        const sid = isObject(response.json) && typeof response.json.sid === 'string' ? response.json.sid : '';
        if (!/^CA[0-9a-fA-F]{32}$/.test(sid)) {
          throw new ProviderError('unexpected', `Twilio answered ${response.status} without the call it created.`, {
            provider: LABEL,
            status: response.status,
            providerMessage: client.http.words(response.text) || undefined,
            step: 'dial',
          });
        }
        return { callId: sid };
      },

      /**
       * Reads the account's numbers filtered by the caller ID (its own numbers, then its verified caller IDs):
       * proves the key and the account, and that the caller ID may be used. Places no call.
       */
      async testConnection() {
        const callerId = settings.callerId.trim();
        const own = await client.list(
          'IncomingPhoneNumbers.json',
          'incoming_phone_numbers',
          { PhoneNumber: callerId },
          'test',
        );
        const match = own.find((n) => isObject(n) && n.phone_number === callerId);
        if (match) {
          const voice = isObject(match) && isObject(match.capabilities) ? match.capabilities.voice : undefined;
          if (voice === false) {
            throw new ProviderError(
              'permission',
              `${callerId} is a Twilio number of this account, but it cannot make calls.`,
              {
                provider: LABEL,
                status: 200,
                step: 'test',
              },
            );
          }
          return { detail: msg('test_twilio_ok_own', callerId, settings.phone.trim()) };
        }
        const verified = await client.list(
          'OutgoingCallerIds.json',
          'outgoing_caller_ids',
          { PhoneNumber: callerId },
          'test',
        );
        if (verified.some((n) => isObject(n) && n.phone_number === callerId)) {
          return { detail: msg('test_twilio_ok_verified', callerId, settings.phone.trim()) };
        }
        throw new ProviderError(
          'not-found',
          `Twilio accepted the API key, but ${callerId} is neither a number nor a verified caller ID of this account: use List numbers to pick one.`,
          { provider: LABEL, status: 200, step: 'test' },
        );
      },
    };
  },
};
