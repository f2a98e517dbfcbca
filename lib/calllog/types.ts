/**
 * The interface every call-log (helpdesk) adapter implements. A call log never places calls: after the PBX
 * accepted a dial, the background records it in the helpdesk. A failed log never undoes or blocks the call;
 * the user sees it as a secondary warning. Errors are the same {@link ProviderError} kinds the PBX adapters use.
 */
import type { CallLogSettings } from '../settings/schema';
import type { ConnectionTestOutcome, ProviderContext } from '../providers/types';

/** One dial the PBX accepted. */
export interface LoggedCall {
  /** The customer's number in E.164 (`+14155550132`), not the PBX's dial string, so cards match contacts. */
  number: string;
  /** The PBX's id for the call, when its API returned one. */
  callId?: string;
  /** The user's own extension, when the provider settings have one. */
  extension?: string;
}

export interface CallLogAdapter {
  /** Records an outgoing call; resolves with the helpdesk's id for it when it returns one. */
  logCall(call: LoggedCall): Promise<{ id?: string }>;
  /** Checks settings and credentials without creating anything, where the API has a way. */
  testConnection(): Promise<ConnectionTestOutcome>;
}

export interface CallLogDefinition<S extends CallLogSettings = CallLogSettings> {
  type: S['type'];
  /** Product name as users know it. */
  label: string;
  create(settings: S, context: ProviderContext): CallLogAdapter;
}
