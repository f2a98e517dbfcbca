/**
 * FreeSWITCH (and FusionPBX, which runs on it) through mod_xml_rpc's HTTP interface: one
 * `GET /txtapi/bgapi?originate {vars}user/EXT@DOMAIN NUMBER XML CONTEXT` rings the user's phone and, once it
 * answers, runs the dialplan at the number in the context. Contract and sources: docs/providers/freeswitch.md.
 *
 * - `/txtapi/` rather than `/webapi/`: both run the same API command, but `/txtapi/` answers `text/plain`
 *   (mod_xml_rpc.c `handler_hook`), while `/webapi/` answers `text/html`, which cannot be told apart from a web
 *   UI's page on the same port.
 * - The command's arguments are the URL query (mod_xml_rpc.c passes `info->query` to `switch_api_execute`, for
 *   GET and POST alike), so they go in the URL; the credentials never do: HTTP Basic in the header.
 * - `bgapi`: `originate` itself blocks until the phone answers (up to a minute), far past any sensible wait, and a
 *   timed-out request would still ring the phone. `bgapi` answers `+OK Job-UUID: …` at once; the originate's own
 *   result arrives only as a BACKGROUND_JOB event, which HTTP cannot receive.
 * - mod_xml_rpc answers 200 for everything it ran: a refusal is the command's text (`-ERR …`), not a status.
 */
import type { FieldProblem, FieldTable, SettingsFrom } from '../settings/field-spec';
import { BasicAuthHttp } from '../net/basic-auth';
import { htmlAnswerError, isHtml, joinUrl, type HttpResponse } from '../net/http';
import {
  ProviderError,
  type DialRequest,
  type ErrorKind,
  type ProviderContext,
  type ProviderDefinition,
} from './types';
import { msg, type UiText } from '../i18n/text';

const LABEL = 'FreeSWITCH';

/** Its fields, in the order the options page shows them. */
const fields = {
  baseUrl: { kind: 'url', placeholder: 'http://pbx.example.com:8080' },
  username: { kind: 'text', placeholder: 'freeswitch' },
  password: { kind: 'secret' },
  /** The user's own extension in the directory (`user/EXT@DOMAIN`). */
  extension: { kind: 'extension', placeholder: '101' },
  /** The directory domain: FusionPBX's tenant domain, or FreeSWITCH's `$${domain}`. */
  domain: { kind: 'text', placeholder: 'pbx.example.com' },
  /** The dialplan context the number is dialled in; empty: the domain (FusionPBX names contexts after them). */
  context: { kind: 'optionalText', default: '', placeholder: 'default' },
} satisfies FieldTable;

/** Settings of a FreeSWITCH / FusionPBX provider (`provider` in the settings document). */
export type FreeswitchProvider = SettingsFrom<'freeswitch', typeof fields>;

/** How long the user's phone rings before the originate gives up, in seconds (`originate_timeout`). */
export const FREESWITCH_RING_TIMEOUT_S = 30;

/** Characters that would end or split an originate argument (space, `{}`, `,`, quotes) or the query. */
const UNSAFE = /[\s{}[\],'"^&?#%]/;

/** Cross-field rules: domain and context must be single originate arguments. */
export function freeswitchProblems(settings: FreeswitchProvider): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (UNSAFE.test(settings.domain.trim()) || settings.domain.includes('/')) {
    problems.push({ field: 'domain', message: 'The domain is a host name such as pbx.example.com, without spaces.' });
  }
  if (UNSAFE.test(settings.context.trim())) {
    problems.push({ field: 'context', message: 'A dialplan context has no spaces or punctuation, e.g. default.' });
  }
  return problems;
}

/** The dialplan context: the one set, else the domain (FusionPBX). */
export function freeswitchContext(settings: FreeswitchProvider): string {
  return settings.context.trim() || settings.domain.trim();
}

/**
 * The `originate` arguments. Channel variables for the user's leg: its own id (so the call can be ended), the
 * number being called as caller name (shown on the ringing phone), the extension as caller number, a ring
 * timeout, the domain (FusionPBX's dialplan reads `domain_name`), and `sip_auto_answer=true`, which makes
 * mod_sofia ask the phone to answer by itself.
 */
export function originateArguments(settings: FreeswitchProvider, request: DialRequest, uuid: string): string {
  const extension = settings.extension.trim();
  const domain = settings.domain.trim();
  const variables = [
    `origination_uuid=${uuid}`,
    `origination_caller_id_name=${request.number}`,
    `origination_caller_id_number=${extension}`,
    `originate_timeout=${FREESWITCH_RING_TIMEOUT_S}`,
    `domain_name=${domain}`,
    ...(request.autoAnswer ? ['sip_auto_answer=true'] : []),
  ];
  return `{${variables.join(',')}}user/${extension}@${domain} ${request.number} XML ${freeswitchContext(settings)}`;
}

/**
 * `/txtapi/{command}?{arguments}`: the arguments percent-encoded (FreeSWITCH decodes them: its own example is
 * `sofia?status%20profile%20internal`), with the originate's punctuation left readable.
 */
export function txtapiPath(command: string, args?: string): string {
  if (args === undefined) return `txtapi/${command}`;
  const query = encodeURIComponent(args).replace(/%(7B|7D|3D|2C|2F|40|3A)/g, (m) => decodeURIComponent(m));
  return `txtapi/${command}?${query}`;
}

class FreeswitchClient {
  readonly http: BasicAuthHttp;

  constructor(
    readonly settings: FreeswitchProvider,
    context: ProviderContext,
  ) {
    this.http = new BasicAuthHttp(context, LABEL, settings.username.trim(), settings.password);
  }

  async run(
    command: string,
    args: string | undefined,
    step: string,
  ): Promise<{ response: HttpResponse; text: string }> {
    const response = await this.http.send(
      {
        method: 'GET',
        url: joinUrl(this.settings.baseUrl.trim(), txtapiPath(command, args)),
        headers: { Accept: 'text/plain' },
      },
      step,
    );
    if (response.status !== 200) throw this.statusError(response, step);
    if (isHtml(response)) throw htmlAnswerError(response, LABEL, step);
    return { response, text: response.text.trim() };
  }

  words(text: string): string {
    return this.http.words(text);
  }

  statusError(response: HttpResponse, step: string): ProviderError {
    const words = isHtml(response) ? `HTTP ${response.status}` : this.words(response.text) || `HTTP ${response.status}`;
    const fail = (kind: ErrorKind, message: string) =>
      new ProviderError(kind, message, { provider: LABEL, status: response.status, providerMessage: words, step });
    switch (response.status) {
      case 401:
        return fail(
          'auth',
          'FreeSWITCH did not accept the user name or password: use the auth-user and auth-pass of xml_rpc.conf, or a directory user as ext@domain with its password.',
        );
      case 403:
      case 686:
        // mod_xml_rpc.c is_authorized: 403 for an unknown user, 686 for a directory user whose
        // `http-allowed-api` does not list the command.
        return fail(
          'permission',
          "This FreeSWITCH user may not run bgapi: add it to the user's http-allowed-api, or use xml_rpc.conf's auth-user.",
        );
      case 404:
        return fail(
          'not-found',
          'There is no mod_xml_rpc at this address: check the address and port (usually 8080) and that mod_xml_rpc is loaded.',
        );
      default:
        return fail('unexpected', `FreeSWITCH answered HTTP ${response.status}.`);
    }
  }

  /** A 200 whose text is a refusal (`-ERR …`, `-USAGE…`, `INVALID COMMAND`), as the error a person can act on. */
  textError(text: string, step: string, number?: string): ProviderError {
    const words = this.words(text);
    const upper = text.toUpperCase();
    const fail = (kind: ErrorKind, message: string) =>
      new ProviderError(kind, message, { provider: LABEL, status: 200, providerMessage: words || undefined, step });
    if (upper.includes('INVALID COMMAND') || upper.includes('COMMAND NOT FOUND')) {
      return fail('unexpected', `FreeSWITCH does not know the command (${words}): is mod_commands loaded?`);
    }
    if (upper.includes('USER_NOT_REGISTERED') || upper.includes('SUBSCRIBER_ABSENT')) {
      return fail(
        'extension-unavailable',
        `Your phone (${this.settings.extension.trim()}@${this.settings.domain.trim()}) is not registered: turn it on or check its registration.`,
      );
    }
    if (step === 'dial') {
      return fail(
        'unexpected',
        `FreeSWITCH refused the call${number ? ` to ${number}` : ''}: ${words || 'no reason given'}.`,
      );
    }
    return fail('unexpected', `FreeSWITCH answered: ${words || 'nothing'}.`);
  }
}

/** FreeSWITCH / FusionPBX: see the module comment. */
export const freeswitch: ProviderDefinition<FreeswitchProvider> = {
  type: 'freeswitch',
  label: 'FreeSWITCH / FusionPBX',
  fields,
  // The number is dialled through the user's dialplan context, as they would dial it on their desk phone.
  numberFormat: 'dialable',
  problems: freeswitchProblems,
  capabilities: { extensionDialing: false, connectionTest: 'login' },
  create(settings, context) {
    const client = new FreeswitchClient(settings, context);
    return {
      async dial(request) {
        const uuid = context.randomId();
        const { text } = await client.run('bgapi', `originate ${originateArguments(settings, request, uuid)}`, 'dial');
        // mod_commands bgapi: "+OK Job-UUID: <uuid>" once the job is queued.
        if (/^\+OK Job-UUID: \S+/.test(text)) return { callId: uuid };
        throw client.textError(text, 'dial', request.number);
      },

      /** `uuid_kill <uuid>` on the id the dial gave the user's leg: "+OK", or "-ERR No such channel!". */
      async hangup(callId: string): Promise<void> {
        const { text } = await client.run('uuid_kill', callId, 'hangup');
        if (text.startsWith('+OK')) return;
        if (/no such channel/i.test(text)) {
          throw new ProviderError('not-found', 'FreeSWITCH no longer has this call; it may have ended already.', {
            provider: LABEL,
            status: 200,
            providerMessage: client.words(text),
            step: 'hangup',
          });
        }
        throw client.textError(text, 'hangup');
      },

      /**
       * `status` (the login, and that this is FreeSWITCH), then `bgapi` without arguments, which the
       * authorisation check lets through or refuses and bgapi answers "-ERR Invalid syntax" without running
       * anything, then `sofia_contact EXT@DOMAIN`: whether the user's phone is registered. No call is placed.
       */
      async testConnection() {
        const status = await client.run('status', undefined, 'test');
        if (!/FreeSWITCH|\bis ready\b/i.test(status.text)) {
          throw new ProviderError('unexpected', `The address answered, but not as FreeSWITCH's status would.`, {
            provider: LABEL,
            status: 200,
            providerMessage: client.words(status.text) || undefined,
            step: 'test',
          });
        }
        const version = /FreeSWITCH \(Version ([^\s)]+)/.exec(status.text)?.[1];
        await client.run('bgapi', undefined, 'test');

        const who = `${settings.extension.trim()}@${settings.domain.trim()}`;
        let registration: UiText;
        try {
          const { text } = await client.run('sofia_contact', who, 'test');
          if (/^error\//.test(text) || text.startsWith('-ERR')) {
            throw new ProviderError(
              'extension-unavailable',
              `Your phone (${who}) is not registered with FreeSWITCH: turn it on or check its registration.`,
              { provider: LABEL, status: 200, providerMessage: client.words(text) || undefined, step: 'test' },
            );
          }
          registration = msg('test_freeswitch_registered', who);
        } catch (error) {
          // A directory user may be allowed bgapi but not sofia_contact: then registration is not known.
          if (!(error instanceof ProviderError) || error.kind !== 'permission') throw error;
          registration = msg('test_freeswitch_registration_unknown', who);
        }
        const user = settings.username.trim();
        const dialContext = freeswitchContext(settings);
        return {
          detail: version
            ? msg('test_freeswitch_ok_version', version, user, registration, dialContext)
            : msg('test_freeswitch_ok', user, registration, dialContext),
        };
      },
    };
  },
};
