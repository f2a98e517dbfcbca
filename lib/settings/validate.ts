import { isSupportedCountry } from 'libphonenumber-js/min';
import { PROVIDERS } from '../providers/registry';
import { migrateToCurrent } from './migrations';
import {
  CALL_LOG_FIELDS,
  NUMBER_FORMATS,
  PROVIDER_FIELDS,
  PROVIDER_NUMBER_FORMATS,
  PROVIDER_TYPES,
  SETTINGS_VERSION,
  defaultSettings,
  type CallLogSettings,
  type DialingSettings,
  type FieldSpec,
  type PageSettings,
  type ProviderSettings,
  type ProviderType,
  type Settings,
} from './schema';
import { isValidSitePattern } from './sites';

/** One problem in a settings document: the dotted path of the field and what is wrong with it. */
export interface SettingsProblem {
  path: string;
  message: string;
}

export type ParseResult =
  | { ok: true; settings: Settings }
  | {
      ok: false;
      problems: SettingsProblem[];
      /**
       * When the only problems are required fields left blank, the document as it would be with them
       * blank: well-typed, for a form to start from (e.g. an admin's policy that sets a provider's address
       * and leaves each user to add their own key). Never dialled with.
       */
      incomplete?: Settings;
    };

const REQUIRED = 'is required';

/** "path: message" lines, for notifications and the options page. */
export function describeProblems(problems: SettingsProblem[]): string {
  return problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join('\n');
}

const MAX_STRING = 2048;
const MAX_BODY = 16384;
const MAX_BLOCKED_SITES = 1000;

type Obj = Record<string, unknown>;

function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}

class Collector {
  readonly problems: SettingsProblem[] = [];
  add(path: string, message: string): void {
    this.problems.push({ path, message });
  }
  /** Reports keys of `obj` that are not in `known`, naming each. */
  unknownKeys(obj: Obj, known: readonly string[], path: string): void {
    for (const key of Object.keys(obj)) {
      if (!known.includes(key)) {
        const where = path ? `${path}.${key}` : key;
        this.add(where, `unknown key "${key}"; expected one of: ${known.join(', ')}`);
      }
    }
  }
}

function boolField(c: Collector, obj: Obj, key: string, path: string, fallback: boolean): boolean {
  if (!(key in obj)) return fallback;
  const value = obj[key];
  if (typeof value !== 'boolean') {
    c.add(`${path}.${key}`, `must be true or false, got ${typeName(value)}`);
    return fallback;
  }
  return value;
}

function stringField(c: Collector, obj: Obj, key: string, path: string, fallback: string, max = MAX_STRING): string {
  if (!(key in obj)) return fallback;
  const value = obj[key];
  if (typeof value !== 'string') {
    c.add(`${path}.${key}`, `must be a string, got ${typeName(value)}`);
    return fallback;
  }
  if (value.length > max) {
    c.add(`${path}.${key}`, `is too long (${value.length} characters, at most ${max})`);
    return fallback;
  }
  return value;
}

const EXTENSION_RE = /^[0-9*#]{1,20}$/;
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const HEADER_NAME_RE = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Checks an http(s) URL; returns a message or null. */
export function checkHttpUrl(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `is not a valid URL: "${value}"`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return `must start with https:// or http://, got "${url.protocol}"`;
  }
  if (!url.hostname) return 'must name a host';
  if (url.username || url.password) return 'must not contain a user name or password; use the credential fields';
  return null;
}

function checkField(c: Collector, path: string, spec: FieldSpec, value: unknown): unknown {
  switch (spec.kind) {
    case 'headers': {
      if (!isObject(value)) {
        c.add(path, `must be an object of header names to values, got ${typeName(value)}`);
        return {};
      }
      const headers: Record<string, string> = {};
      for (const [name, v] of Object.entries(value)) {
        if (!HEADER_NAME_RE.test(name)) c.add(`${path}.${name}`, 'is not a valid HTTP header name');
        else if (typeof v !== 'string') c.add(`${path}.${name}`, `must be a string, got ${typeName(v)}`);
        else if (/[\r\n]/.test(v)) c.add(`${path}.${name}`, 'must not contain line breaks');
        else headers[name] = v;
      }
      return headers;
    }
    case 'method':
      if (value !== 'GET' && value !== 'POST' && value !== 'PUT') {
        c.add(path, `must be "GET", "POST" or "PUT", got ${typeName(value)}`);
      }
      return value;
    default:
      break;
  }
  if (typeof value !== 'string') {
    c.add(path, `must be a string, got ${typeName(value)}`);
    return value;
  }
  const max = spec.kind === 'body' ? MAX_BODY : MAX_STRING;
  if (value.length > max) {
    c.add(path, `is too long (${value.length} characters, at most ${max})`);
    return value;
  }
  const trimmed = value.trim();
  switch (spec.kind) {
    case 'url': {
      const problem = checkHttpUrl(trimmed);
      if (problem) c.add(path, problem);
      return trimmed;
    }
    case 'urlTemplate': {
      // Where {number} goes (URL or body) is checked with the whole section, in checkCustomTemplate.
      const problem = checkHttpUrl(trimmed.replaceAll('{number}', '1').replaceAll('{extension}', '1'));
      if (problem) c.add(path, problem);
      return trimmed;
    }
    case 'secret':
    case 'text':
      if (!trimmed) c.add(path, REQUIRED);
      return spec.kind === 'secret' ? value.trim() : trimmed;
    case 'extension':
      if (!trimmed) c.add(path, 'is required: your own extension number, the phone that rings first');
      else if (!EXTENSION_RE.test(trimmed)) c.add(path, `must be 1 to 20 digits (and * or #), got "${trimmed}"`);
      return trimmed;
    case 'optionalExtension':
      if (trimmed && !EXTENSION_RE.test(trimmed)) {
        c.add(path, `must be empty or 1 to 20 digits (and * or #), got "${trimmed}"`);
      }
      return trimmed;
    case 'email':
      if (!EMAIL_RE.test(trimmed)) c.add(path, `must be an e-mail address, got "${trimmed}"`);
      return trimmed;
    case 'optionalText':
    case 'body':
      return spec.kind === 'body' ? value : trimmed;
  }
}

function checkTypedSection(
  c: Collector,
  raw: unknown,
  path: string,
  table: Record<string, Record<string, FieldSpec>>,
): Obj | null {
  if (raw === null) return null;
  if (!isObject(raw)) {
    c.add(path, `must be an object or null, got ${typeName(raw)}`);
    return null;
  }
  const types = Object.keys(table);
  const type = raw.type;
  if (typeof type !== 'string' || !types.includes(type)) {
    c.add(`${path}.type`, `must be one of ${types.map((t) => `"${t}"`).join(', ')}, got ${typeName(type)}`);
    return null;
  }
  const fields = table[type]!;
  c.unknownKeys(raw, ['type', ...Object.keys(fields)], path);
  const out: Obj = { type };
  for (const [name, spec] of Object.entries(fields)) {
    const fieldPath = `${path}.${name}`;
    if (!(name in raw)) {
      if (spec.default === undefined) {
        c.add(fieldPath, REQUIRED);
        out[name] = '';
      } else {
        out[name] = typeof spec.default === 'object' ? { ...spec.default } : spec.default;
      }
      continue;
    }
    out[name] = checkField(c, fieldPath, spec, raw[name]);
  }
  return out;
}

function checkDialing(c: Collector, raw: unknown, defaults: DialingSettings): DialingSettings {
  if (raw === undefined) return defaults;
  if (!isObject(raw)) {
    c.add('dialing', `must be an object, got ${typeName(raw)}`);
    return defaults;
  }
  c.unknownKeys(raw, Object.keys(defaults), 'dialing');
  let country = stringField(c, raw, 'defaultCountry', 'dialing', defaults.defaultCountry).trim();
  if ('defaultCountry' in raw && typeof raw.defaultCountry === 'string') {
    country = country.toUpperCase();
    if (!/^[A-Z]{2}$/.test(country) || !isSupportedCountry(country)) {
      c.add(
        'dialing.defaultCountry',
        `must be a two-letter country code such as "US" or "DE", got "${raw.defaultCountry}"`,
      );
      country = defaults.defaultCountry;
    }
  }
  // Checked in the document's field order, so problems are listed in the order a person reads them.
  const autoAnswer = boolField(c, raw, 'autoAnswer', 'dialing', defaults.autoAnswer);
  const confirm = boolField(c, raw, 'confirm', 'dialing', defaults.confirm);
  let numberFormat = defaults.numberFormat;
  if ('numberFormat' in raw) {
    const value = raw.numberFormat;
    if (typeof value === 'string' && (NUMBER_FORMATS as readonly string[]).includes(value)) {
      numberFormat = value as DialingSettings['numberFormat'];
    } else {
      c.add(
        'dialing.numberFormat',
        `must be one of ${NUMBER_FORMATS.map((f) => `"${f}"`).join(', ')}, got ${typeName(value)}`,
      );
    }
  }
  const outboundPrefix = stringField(c, raw, 'outboundPrefix', 'dialing', defaults.outboundPrefix).trim();
  if (outboundPrefix && !/^[0-9*#]{1,8}$/.test(outboundPrefix)) {
    c.add('dialing.outboundPrefix', `must be empty or up to 8 digits (and * or #), got "${outboundPrefix}"`);
  }
  return {
    defaultCountry: country,
    autoAnswer,
    confirm,
    numberFormat,
    outboundPrefix,
  };
}

function checkPages(c: Collector, raw: unknown, defaults: PageSettings): PageSettings {
  if (raw === undefined) return defaults;
  if (!isObject(raw)) {
    c.add('pages', `must be an object, got ${typeName(raw)}`);
    return defaults;
  }
  c.unknownKeys(raw, Object.keys(defaults), 'pages');
  const linkify = boolField(c, raw, 'linkify', 'pages', defaults.linkify);
  const telLinks = boolField(c, raw, 'telLinks', 'pages', defaults.telLinks);
  let blockedSites = defaults.blockedSites;
  if ('blockedSites' in raw) {
    const value = raw.blockedSites;
    if (!Array.isArray(value)) {
      c.add('pages.blockedSites', `must be a list of host patterns, got ${typeName(value)}`);
    } else if (value.length > MAX_BLOCKED_SITES) {
      c.add('pages.blockedSites', `has ${value.length} entries, at most ${MAX_BLOCKED_SITES}`);
    } else {
      blockedSites = [];
      value.forEach((entry: unknown, i) => {
        if (typeof entry !== 'string') {
          c.add(`pages.blockedSites[${i}]`, `must be a string, got ${typeName(entry)}`);
          return;
        }
        const pattern = entry.trim().toLowerCase();
        if (!isValidSitePattern(pattern)) {
          c.add(
            `pages.blockedSites[${i}]`,
            `"${entry}" is not a host pattern; use a host such as "crm.example.com" or "*.bank.example"`,
          );
          return;
        }
        if (!blockedSites.includes(pattern)) blockedSites.push(pattern);
      });
    }
  }
  return {
    linkify,
    telLinks,
    blockedSites,
  };
}

/** A provider's own rules across its fields (the custom template's placeholders…), once every field is valid. */
function checkProviderRules(c: Collector, provider: ProviderSettings): void {
  const rules = PROVIDERS[provider.type].problems as
    ((s: ProviderSettings) => { field: string; message: string }[]) | undefined;
  for (const problem of rules?.(provider) ?? []) c.add(`provider.${problem.field}`, problem.message);
}

/**
 * Parses and validates a settings document: migrates older versions, fills defaults for missing keys,
 * rejects unknown keys, and names every problem with the field's dotted path.
 */
export function parseSettings(input: unknown, options: { defaultCountry?: string } = {}): ParseResult {
  const c = new Collector();
  const defaults = defaultSettings(options.defaultCountry);
  if (!isObject(input)) {
    return {
      ok: false,
      problems: [{ path: '', message: `The settings document must be a JSON object, got ${typeName(input)}` }],
    };
  }
  const migrated = migrateToCurrent(input);
  if (!migrated.ok) return { ok: false, problems: [{ path: 'version', message: migrated.message }] };
  const doc = migrated.document;

  c.unknownKeys(doc, ['version', 'provider', 'dialing', 'pages', 'callLog'], '');
  const provider = 'provider' in doc ? checkTypedSection(c, doc.provider, 'provider', PROVIDER_FIELDS) : null;
  if (provider && c.problems.length === 0) checkProviderRules(c, provider as unknown as ProviderSettings);
  // A document that leaves the number format out gets its provider's (PROVIDER_NUMBER_FORMATS).
  const providerType =
    provider && Object.hasOwn(PROVIDER_NUMBER_FORMATS, provider.type as string)
      ? (provider.type as ProviderType)
      : undefined;
  const dialingDefaults = providerType
    ? { ...defaults.dialing, numberFormat: PROVIDER_NUMBER_FORMATS[providerType] }
    : defaults.dialing;
  const dialing = checkDialing(c, doc.dialing, dialingDefaults);
  const pages = checkPages(c, doc.pages, defaults.pages);
  const callLog = 'callLog' in doc ? checkTypedSection(c, doc.callLog, 'callLog', CALL_LOG_FIELDS) : null;

  const settings: Settings = {
    version: SETTINGS_VERSION,
    provider: provider as ProviderSettings | null,
    dialing,
    pages,
    callLog: callLog as CallLogSettings | null,
  };
  if (!c.problems.length) return { ok: true, settings };
  const onlyBlanks = c.problems.every((p) => p.message.startsWith(REQUIRED) && /^(provider|callLog)\./.test(p.path));
  return onlyBlanks ? { ok: false, problems: c.problems, incomplete: settings } : { ok: false, problems: c.problems };
}

export { PROVIDER_TYPES };
