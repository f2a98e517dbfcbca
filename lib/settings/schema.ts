/**
 * The settings document, version 1: a public contract (see ../shared/design.md, "The settings document").
 * It is what the options page edits, what Export writes and Import reads, what a managed policy supplies,
 * and what is kept in `storage.local` under {@link SETTINGS_KEY}.
 */

export const SETTINGS_VERSION = 1;
export const SETTINGS_KEY = 'settings';

export interface MaxotelProvider {
  type: 'maxotel';
  baseUrl: string;
  apiKey: string;
  extension: string;
}

export interface YeastarSProvider {
  type: 'yeastar-s';
  baseUrl: string;
  username: string;
  /** Plain text here; the adapter sends its MD5 as the API asks. */
  password: string;
  extension: string;
  dialPermission: string;
}

export interface NetsapiensProvider {
  type: 'netsapiens';
  baseUrl: string;
  apiKey: string;
  domain: string;
  user: string;
  origination: string;
  callerId: string;
}

export interface KazooProvider {
  type: 'kazoo';
  baseUrl: string;
  accountId: string;
  clickToCallId: string;
  /** Only when the click-to-call object requires auth. */
  apiKey: string;
}

export interface CustomProvider {
  type: 'custom';
  method: 'GET' | 'POST' | 'PUT';
  url: string;
  headers: Record<string, string>;
  body: string;
  extension: string;
}

export type ProviderSettings = MaxotelProvider | YeastarSProvider | NetsapiensProvider | KazooProvider | CustomProvider;

export type ProviderType = ProviderSettings['type'];

export interface HelpdeskeddyCallLog {
  type: 'helpdeskeddy';
  baseUrl: string;
  channelKey: string;
  email: string;
  apiKey: string;
}

export type CallLogSettings = HelpdeskeddyCallLog;

export type NumberFormat = 'e164' | 'digits' | 'dialable';

export interface DialingSettings {
  /** ISO 3166-1 alpha-2, upper case. */
  defaultCountry: string;
  autoAnswer: boolean;
  confirm: boolean;
  numberFormat: NumberFormat;
  /** Digits (and `*`, `#`) prepended to external numbers, e.g. "9". */
  outboundPrefix: string;
}

export interface PageSettings {
  linkify: boolean;
  telLinks: boolean;
  /** Host patterns: `example.com`, `*.bank.example`. */
  blockedSites: string[];
}

export interface Settings {
  version: 1;
  provider: ProviderSettings | null;
  dialing: DialingSettings;
  pages: PageSettings;
  callLog: CallLogSettings | null;
}

/** Field kinds the validator knows; each provider field is described by one. */
export type FieldKind =
  | 'url' // http(s) URL with a host
  | 'secret' // non-empty string, never logged or exported by default
  | 'text' // non-empty string
  | 'optionalText' // may be empty
  | 'extension' // dialable extension: digits, *, #
  | 'optionalExtension'
  | 'email'
  | 'method'
  | 'headers'
  | 'body'
  | 'urlTemplate';

export interface FieldSpec {
  kind: FieldKind;
  /** Default when the key is missing; absent means the key is required. */
  default?: string | Record<string, string>;
  /**
   * A credential whatever its kind (issue 14): left out of exports without secrets, never put in ids, history,
   * logs, notifications or call cards. Fields of kind `secret` are credentials without saying so.
   */
  secret?: true;
}

/**
 * Every provider's fields, in the order the options page shows them. Adding a provider means adding
 * its interface above, a row here, and its adapter in lib/providers (a test checks they agree).
 */
export const PROVIDER_FIELDS: { [T in ProviderType]: Record<string, FieldSpec> } = {
  maxotel: {
    baseUrl: { kind: 'url', default: 'https://myapi.maxo.com.au/' },
    apiKey: { kind: 'secret' },
    extension: { kind: 'extension' },
  },
  'yeastar-s': {
    baseUrl: { kind: 'url' },
    username: { kind: 'text' },
    password: { kind: 'secret' },
    extension: { kind: 'extension' },
    dialPermission: { kind: 'optionalExtension', default: '' },
  },
  netsapiens: {
    baseUrl: { kind: 'url' },
    apiKey: { kind: 'secret' },
    domain: { kind: 'text', default: '~' },
    user: { kind: 'text', default: '~' },
    origination: { kind: 'optionalText', default: '' },
    callerId: { kind: 'optionalExtension', default: '' },
  },
  kazoo: {
    baseUrl: { kind: 'url' },
    accountId: { kind: 'text' },
    // With auth_required=false the click-to-call id in the connect URL is the only credential (cb_clicktocall).
    clickToCallId: { kind: 'text', secret: true },
    apiKey: { kind: 'optionalText', default: '', secret: true },
  },
  custom: {
    method: { kind: 'method', default: 'GET' },
    // A custom endpoint keeps its credentials in headers (Authorization, X-Api-Key) or in the URL
    // (Grandstream `passcode=`, `key=`): both are secrets as a whole.
    url: { kind: 'urlTemplate', secret: true },
    headers: { kind: 'headers', default: {}, secret: true },
    body: { kind: 'body', default: '' },
    extension: { kind: 'optionalExtension', default: '' },
  },
};

export const CALL_LOG_FIELDS: { helpdeskeddy: Record<string, FieldSpec> } = {
  helpdeskeddy: {
    baseUrl: { kind: 'url' },
    // The telephony channel key in the URL may itself authorise the call-card endpoint (providers.md §4).
    channelKey: { kind: 'text', secret: true },
    email: { kind: 'email' },
    apiKey: { kind: 'secret' },
  },
};

export const PROVIDER_TYPES = Object.keys(PROVIDER_FIELDS) as ProviderType[];

/** Names of fields that hold secrets, per provider / call log type (left out of exports by default). */
export function secretFields(fields: Record<string, FieldSpec>): string[] {
  return Object.entries(fields)
    .filter(
      ([name, spec]) => spec.kind === 'secret' || spec.secret === true || name === 'apiKey' || name === 'password',
    )
    .map(([name]) => name);
}

export const NUMBER_FORMATS: readonly NumberFormat[] = ['e164', 'digits', 'dialable'];

/**
 * The number format each PBX's API expects, from its own documents (issue 14). It is `dialing.numberFormat`'s
 * default when a document with this provider leaves it out, and the options page sets it when the provider is
 * picked (and says so).
 */
export const PROVIDER_NUMBER_FORMATS: { [T in ProviderType]: NumberFormat } = {
  // "destination: a valid phone number" (API - Initiate Call) names no format; MaxoTel routes international
  // numbers with "+", so the unambiguous form stays the default [I].
  maxotel: 'e164',
  // call/dial types `callee` as an Integer that must match the outbound route rules (S-Series API "Make a call"):
  // no "+", and the digits the routes are written for, i.e. as dialled from the PBX's country.
  'yeastar-s': 'dialable',
  // ns-api v2 "Make a new Call": numbers in the examples are digits with the country code ("18587645200").
  netsapiens: 'digits',
  // cb_clicktocall URL-encodes `contact` before normalising it to E.164: digits with the country code, no "+".
  kazoo: 'digits',
  // An endpoint we know nothing about: the unambiguous international form.
  custom: 'e164',
};

/** Defaults for a fresh install. `defaultCountry` is replaced by the browser locale's region when known. */
export function defaultSettings(defaultCountry = 'US'): Settings {
  return {
    version: 1,
    provider: null,
    dialing: {
      defaultCountry,
      autoAnswer: true,
      confirm: false,
      numberFormat: 'e164',
      outboundPrefix: '',
    },
    pages: {
      linkify: true,
      telLinks: true,
      blockedSites: [],
    },
    callLog: null,
  };
}
