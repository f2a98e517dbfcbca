/**
 * The settings document, version 1: a public contract (see ../shared/design.md, "The settings document").
 * It is what the options page edits, what Export writes and Import reads, what a managed policy supplies,
 * and what is kept in `storage.local` under {@link SETTINGS_KEY}.
 */

import { PROVIDERS, type ProviderSettings, type ProviderType } from '../providers/registry';
import type { FieldSpec, NumberFormat } from './field-spec';

export const SETTINGS_VERSION = 1;
export const SETTINGS_KEY = 'settings';

/*
 * Each provider's settings type, fields, number format and rules live in its own file in lib/providers; the
 * tables below are built from the registry there, so adding a provider does not touch this file.
 */
export type { ProviderSettings, ProviderType } from '../providers/registry';
export type { MaxotelProvider } from '../providers/maxotel';
export type { YeastarSProvider } from '../providers/yeastar-s';
export type { YeastarPProvider } from '../providers/yeastar-p';
export type { ThreeCxProvider } from '../providers/3cx';
export type { RingcentralProvider } from '../providers/ringcentral';
export type { NetsapiensProvider } from '../providers/netsapiens';
export type { KazooProvider } from '../providers/kazoo';
export type { CustomProvider } from '../providers/custom';
export type { FieldKind, FieldSpec, NumberFormat } from './field-spec';

export interface HelpdeskeddyCallLog {
  type: 'helpdeskeddy';
  baseUrl: string;
  channelKey: string;
  email: string;
  apiKey: string;
}

export type CallLogSettings = HelpdeskeddyCallLog;

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

/** Every provider's fields, in the order the options page shows them, from each provider's own file. */
export const PROVIDER_FIELDS = Object.fromEntries(
  Object.values(PROVIDERS).map((p) => [p.type, p.fields as Record<string, FieldSpec>]),
) as { [T in ProviderType]: Record<string, FieldSpec> };

export const CALL_LOG_FIELDS: { helpdeskeddy: Record<string, FieldSpec> } = {
  helpdeskeddy: {
    baseUrl: { kind: 'url', placeholder: 'https://acme.helpdeskeddy.com' },
    // The telephony channel key in the URL may itself authorise the call-card endpoint (providers.md §4).
    channelKey: { kind: 'text', secret: true },
    email: { kind: 'email', placeholder: 'agent@example.com' },
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
 * The number format each PBX's API expects (issue 14; each provider's `numberFormat`, with the reasons, in its own
 * file). It is `dialing.numberFormat`'s default when a document with this provider leaves it out, and the options
 * page sets it when the provider is picked (and says so).
 */
export const PROVIDER_NUMBER_FORMATS = Object.fromEntries(
  Object.values(PROVIDERS).map((p) => [p.type, p.numberFormat]),
) as { [T in ProviderType]: NumberFormat };

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
