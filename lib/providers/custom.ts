/**
 * Custom HTTP template, for PBXs and desk phones not supported by name (Yealink Action URI, Snom
 * command.htm, FreeSWITCH webapi, an in-house endpoint…).
 *
 * The user sets a method (GET, POST or PUT), a URL template, headers and a body template. Two placeholders
 * are filled in: `{number}` (the number to dial, formatted as the dialing settings say) and `{extension}`
 * (the user's own extension from these settings). Escaping:
 * - in the URL, each substitution is `encodeURIComponent`-escaped, so `+` becomes `%2B` and nothing a
 *   number holds can end the query value or add a parameter;
 * - in the body, by the `Content-Type` header the user set: `application/json` (or any `+json` type) → JSON
 *   string escaping without the surrounding quotes, so the placeholder goes inside the user's quotes
 *   (`{"to":"{number}"}`); `application/x-www-form-urlencoded` → form encoding (`+` → `%2B`, space → `+`);
 *   anything else (text/plain, XML…) → the value as is;
 * - header values are sent exactly as typed (no placeholders), so credentials there are never altered.
 * Any 2xx answer means "queued"; anything else is an error showing the status and a short excerpt.
 */
import type { FieldProblem, FieldTable, SettingsFrom } from '../settings/field-spec';
import { deskPhoneRefusal } from './desk-phones';
import { excerpt, htmlAnswerError, httpRequest, isHtml, redactSecrets } from '../net/http';
import { ProviderError, type ErrorKind, type ProviderDefinition } from './types';
import { msg } from '../i18n/text';

const PROVIDER = 'Custom PBX';

/** Its fields, in the order the options page shows them. */
const fields = {
  method: { kind: 'method', default: 'GET' },
  // A custom endpoint keeps its credentials in headers (Authorization, X-Api-Key) or in the URL
  // (Grandstream `passcode=`, `key=`): both are secrets as a whole.
  url: { kind: 'urlTemplate', secret: true, placeholder: 'https://pbx.example.com/dial?to={number}&from={extension}' },
  headers: { kind: 'headers', default: {}, secret: true, placeholder: 'Authorization: Bearer …' },
  body: { kind: 'body', default: '' },
  extension: { kind: 'optionalExtension', default: '', placeholder: '204' },
} satisfies FieldTable;

/** Settings of a custom HTTP template (`provider` in the settings document). */
export type CustomProvider = SettingsFrom<'custom', typeof fields>;

const PLACEHOLDER = /\{(number|extension)\}/g;
/** `{word}` shapes that look like a mistyped placeholder; JSON's `{"` never matches. */
const ANY_PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;
/** Stands in for a number when checking a template, so checks never depend on a real one. */
const SAMPLE_NUMBER = '+14155550132';

type BodyEscaping = 'json' | 'form' | 'raw';

function headerValue(headers: Record<string, string>, name: string): string | undefined {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : headers[key];
}

/** How `{number}` and `{extension}` are escaped in the body, from the user's Content-Type header. */
export function bodyEscaping(headers: Record<string, string>): BodyEscaping {
  const type = (headerValue(headers, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/json' || type.endsWith('+json')) return 'json';
  if (type === 'application/x-www-form-urlencoded') return 'form';
  return 'raw';
}

function escapeForBody(value: string, escaping: BodyEscaping): string {
  if (escaping === 'json') return JSON.stringify(value).slice(1, -1);
  if (escaping === 'form') return new URLSearchParams({ v: value }).toString().slice(2);
  return value;
}

/** Fills both placeholders in one pass, so a value can never introduce a placeholder of its own. */
function fill(template: string, values: { number: string; extension: string }, escape: (v: string) => string): string {
  return template.replace(PLACEHOLDER, (_, name: 'number' | 'extension') => escape(values[name]));
}

/** The request a dial sends, with placeholders filled and escaped. */
export interface RenderedRequest {
  method: CustomProvider['method'];
  url: string;
  headers: Record<string, string>;
  body?: string;
}

/** Builds the request for `number` from the settings' templates (see the module comment for escaping). */
export function renderCustomRequest(settings: CustomProvider, number: string): RenderedRequest {
  const values = { number, extension: settings.extension.trim() };
  const url = fill(settings.url.trim(), values, encodeURIComponent);
  const headers = { ...settings.headers };
  if (settings.method === 'GET' || settings.body === '') return { method: settings.method, url, headers };
  const body = fill(settings.body, values, (v) => escapeForBody(v, bodyEscaping(headers)));
  return { method: settings.method, url, headers, body };
}

/**
 * Checks the templates without sending anything. Returns one sentence per problem (empty when fine):
 * unknown placeholders, `{extension}` with no extension set, a GET with a body, an invalid URL once
 * filled in, and a JSON body that is not JSON once filled in.
 */
export interface TemplateProblem extends FieldProblem {
  field: 'url' | 'body' | 'extension';
}

/** Problems of a custom template, each tied to its field (the settings validator reports them by path). */
export function customTemplateProblems(settings: CustomProvider): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const texts: [TemplateProblem['field'], string, string][] = [
    ['url', 'URL', settings.url],
    ['body', 'body', settings.body],
  ];
  for (const [field, where, text] of texts) {
    for (const match of text.matchAll(ANY_PLACEHOLDER)) {
      if (match[1] !== 'number' && match[1] !== 'extension') {
        problems.push({
          field,
          message: `The ${where} has an unknown placeholder {${match[1]}}: use {number} or {extension}.`,
        });
      }
    }
  }
  const bodySent = settings.method !== 'GET' && settings.body !== '';
  if (!settings.url.includes('{number}') && !(bodySent && settings.body.includes('{number}'))) {
    problems.push({
      field: 'url',
      message: 'The URL (or the body of a POST or PUT) must contain {number}, where the number goes.',
    });
  }
  if (!settings.extension.trim() && (settings.url.includes('{extension}') || settings.body.includes('{extension}'))) {
    problems.push({ field: 'extension', message: 'The template uses {extension}, but no extension is set.' });
  }
  if (settings.method === 'GET' && settings.body.trim() !== '') {
    problems.push({
      field: 'body',
      message: 'A GET request cannot carry a body: choose POST or PUT, or clear the body.',
    });
  }
  const rendered = renderCustomRequest(settings, SAMPLE_NUMBER);
  let url: URL | undefined;
  try {
    url = new URL(rendered.url);
  } catch {
    problems.push({ field: 'url', message: 'The URL is not a valid address once {number} is filled in.' });
  }
  if (url && url.protocol !== 'http:' && url.protocol !== 'https:') {
    problems.push({ field: 'url', message: 'The URL must start with http:// or https://.' });
  }
  if (url && (url.username || url.password)) {
    // fetch() refuses URLs with credentials; a header (Authorization: Basic …) does the same job.
    problems.push({
      field: 'url',
      message: 'The URL must not contain a user name or password: put them in an Authorization header.',
    });
  }
  if (rendered.body !== undefined && bodyEscaping(settings.headers) === 'json') {
    try {
      JSON.parse(rendered.body);
    } catch {
      problems.push({
        field: 'body',
        message: 'The body is not valid JSON once {number} is filled in (placeholders go inside quotes).',
      });
    }
  }
  return problems;
}

/** The template's problems as sentences (for errors at dial time). */
export function validateCustomTemplate(settings: CustomProvider): string[] {
  return customTemplateProblems(settings).map((p) => p.message);
}

function templateError(problems: string[], step: string): ProviderError {
  return new ProviderError('unexpected', `The custom request template needs fixing: ${problems.join(' ')}`, {
    provider: PROVIDER,
    step,
  });
}

const KIND_BY_STATUS: Record<number, ErrorKind> = {
  401: 'auth',
  403: 'permission',
  404: 'not-found',
  423: 'locked',
  429: 'rate-limited',
};

/** The user's own HTTP template: see the module comment. */
export const custom: ProviderDefinition<CustomProvider> = {
  type: 'custom',
  label: 'Custom HTTP request',
  fields,
  // An endpoint we know nothing about: the unambiguous international form.
  numberFormat: 'e164',
  // Cross-field rules of the template (placeholders, where the number goes, GET with a body).
  problems: customTemplateProblems,
  capabilities: {
    // We cannot know whether the far end understands a `;ext=` or any other way of carrying one.
    extensionDialing: false,
    connectionTest: 'none',
  },
  create(settings, context) {
    return {
      async dial(request) {
        const problems = validateCustomTemplate(settings);
        if (problems.length) throw templateError(problems, 'dial');
        const rendered = renderCustomRequest(settings, request.number);
        const response = await httpRequest(context, rendered, PROVIDER, 'dial');
        if (response.status >= 200 && response.status < 300) {
          // A web page is not a dial result: an SSO or portal login page answers 200 too (issue 15 item 8).
          if (isHtml(response)) throw htmlAnswerError(response, PROVIDER, 'dial');
          // Some desk phones say no with HTTP 200 (Grandstream's CTI, Poly's REST API): lib/providers/desk-phones.ts.
          const refusal = deskPhoneRefusal(new URL(rendered.url).pathname, response.text);
          if (refusal) {
            throw new ProviderError(refusal.kind, refusal.text, {
              provider: PROVIDER,
              status: response.status,
              providerMessage: excerpt(response.text, 120),
              step: 'dial',
            });
          }
          return {};
        }
        // The answer may echo what we sent (headers, URL): take out anything the user configured as secret-ish.
        let text = excerpt(response.text, 200);
        const ours = new Set([request.number, settings.extension.trim()]);
        const headerValues = Object.values(settings.headers).flatMap((v) => [v, ...v.split(/\s+/)]);
        const secrets = [...headerValues, ...new URL(rendered.url).searchParams.values()];
        text = redactSecrets(
          text,
          secrets.filter((secret) => !ours.has(secret)),
        );
        text = excerpt(text, 120);
        const kind = KIND_BY_STATUS[response.status] ?? 'unexpected';
        throw new ProviderError(
          kind,
          `The PBX answered HTTP ${response.status}${text ? `: ${text}` : ' with an empty body'}.`,
          { provider: PROVIDER, status: response.status, providerMessage: text, step: 'dial' },
        );
      },

      async testConnection() {
        const problems = validateCustomTemplate(settings);
        if (problems.length) throw templateError(problems, 'test');
        const rendered = renderCustomRequest(settings, SAMPLE_NUMBER);
        const host = new URL(rendered.url).host;
        return { detail: msg('test_custom_ok', settings.method, host) };
      },
    };
  },
};
