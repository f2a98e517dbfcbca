import type { ProviderSettings, ProviderType } from '../settings/schema';
import type { ProviderDefinition } from './types';
import { maxotel } from './maxotel';
import { yeastarS } from './yeastar-s';
import { netsapiens } from './netsapiens';
import { kazoo } from './kazoo';
import { custom } from './custom';

/** Every PBX provider, by its settings `type`. A test checks this agrees with the settings schema and README. */
export const PROVIDERS: { [T in ProviderType]: ProviderDefinition<Extract<ProviderSettings, { type: T }>> } = {
  maxotel,
  'yeastar-s': yeastarS,
  netsapiens,
  kazoo,
  custom,
};

export function providerDefinition<T extends ProviderType>(
  type: T,
): ProviderDefinition<Extract<ProviderSettings, { type: T }>> {
  return PROVIDERS[type];
}
