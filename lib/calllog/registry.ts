import type { CallLogSettings } from '../settings/schema';
import type { CallLogDefinition } from './types';
import { helpdeskeddy } from './helpdeskeddy';

type CallLogType = CallLogSettings['type'];

/** Every call log, by its settings `type`. A test checks this agrees with the settings schema. */
export const CALL_LOGS: { [T in CallLogType]: CallLogDefinition<Extract<CallLogSettings, { type: T }>> } = {
  helpdeskeddy,
};
