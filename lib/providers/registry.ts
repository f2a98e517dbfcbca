/**
 * Every PBX provider, one line each. A provider is one file (its settings type, fields, number format, rules and
 * adapter): the settings schema, the validator and the options page build their tables from this list.
 */
import type { ProviderDefinition } from './types';
import { maxotel } from './maxotel';
import { yeastarS } from './yeastar-s';
import { netsapiens } from './netsapiens';
import { kazoo } from './kazoo';
import { custom } from './custom';
import { yeastarP } from './yeastar-p';
import { threeCx } from './3cx';
import { ringcentral } from './ringcentral';
import { asteriskAri } from './asterisk-ari';
import { freeswitch } from './freeswitch';
import { twilio } from './twilio';

const ALL = {
  maxotel,
  'yeastar-s': yeastarS,
  netsapiens,
  kazoo,
  custom,
  'yeastar-p': yeastarP,
  '3cx': threeCx,
  ringcentral,
  'asterisk-ari': asteriskAri,
  freeswitch,
  twilio,
};

type SettingsOf<D> = D extends ProviderDefinition<infer S> ? S : never;

/** A provider's `type`, e.g. `"yeastar-s"`. */
export type ProviderType = keyof typeof ALL;

/** The `provider` section of the settings document: one provider's settings, told apart by `type`. */
export type ProviderSettings = { [T in ProviderType]: SettingsOf<(typeof ALL)[T]> }[ProviderType];

/**
 * Every PBX provider, by its settings `type` (the key must be the provider's own `type`: checked here by the
 * compiler and in tests/unit/providers-meta.test.ts).
 */
export const PROVIDERS: { [T in ProviderType]: ProviderDefinition<Extract<ProviderSettings, { type: T }>> } = ALL;
