/**
 * The one interface every PBX adapter implements. Adapters are plain modules: they get `fetch`, a clock and a
 * timeout from {@link ProviderContext} (lib/net/context.ts), so they run under Node against the simulator in
 * tests/sim exactly as they run in the service worker; they report failures as `ProviderError`s of a small fixed
 * set of kinds (lib/net/errors.ts).
 */
import type { FieldProblem, FieldSpec, NumberFormat } from '../settings/field-spec';
import type { ProviderContext } from '../net/context';
import type { UiText } from '../i18n/text';

// Shared with the call log (lib/calllog), so they live in lib/net; re-exported for the provider files.
export { ERROR_KINDS, ProviderError, type ErrorKind } from '../net/errors';
export { memorySessionArea, type ProviderContext, type SessionArea } from '../net/context';

/** One dial, already formatted as the user's settings say. */
export interface DialRequest {
  /** The number exactly as the PBX should receive it (format and outbound prefix applied). */
  number: string;
  /** Extension digits to send along, only when the adapter's `capabilities.extensionDialing` is true. */
  extension?: string;
  autoAnswer: boolean;
}

export interface DialOutcome {
  /** The PBX's id for the call, where its API returns one. */
  callId?: string;
  /**
   * The provider's own word for the call's state right after the request, where its API gives one (RingCentral's
   * `callStatus`, e.g. "InProgress"): shown with the notification, as the provider wrote it.
   */
  status?: string;
}

export interface ConnectionTestOutcome {
  /**
   * What was checked, e.g. "Logged in as api-user; extension 1023 exists", as a text of the locale table: the
   * options page shows it in the browser's language. Values from the PBX or the settings are substitutions.
   */
  detail: UiText;
}

export interface ProviderAdapter {
  dial(request: DialRequest): Promise<DialOutcome>;
  /** Checks settings and credentials without placing a call, where the API has a way. */
  testConnection(): Promise<ConnectionTestOutcome>;
  /** Ends a call placed by `dial`, where the API allows it. */
  hangup?(callId: string): Promise<void>;
  /** Keeps a kept login alive without logging in (Yeastar's heartbeat); does nothing when there is none. */
  keepAlive?(): Promise<void>;
}

export interface ProviderCapabilities {
  /** The API can carry a `;ext=` extension to the far end (e.g. a dial string the PBX accepts). */
  extensionDialing: boolean;
  /** How `testConnection` checks, for the options page ("none" = the API has no way without a call). */
  connectionTest: 'login' | 'identity' | 'list' | 'none';
}

/** One object an action lists (Kazoo: a click-to-call with the extension it rings first). */
export interface ProviderActionItem {
  id: string;
  name: string;
  extension: string;
}

/** What an action answers: the objects to pick from, and the id of one it created. */
export interface ProviderActionResult {
  items: ProviderActionItem[];
  createdId?: string;
}

/**
 * An optional ability beyond dialling, run from the options page through the one `providerAction` message
 * (Kazoo: list its click-to-call objects, or create one). Errors are thrown as {@link ProviderError}s.
 */
export interface ProviderAction<S> {
  /**
   * The settings field whose value this action helps to pick (Kazoo: `clickToCallId`): it may still be blank when
   * the action runs, so the document is validated as if it held a placeholder there.
   */
  picks?: Exclude<keyof S, 'type'> & string;
  run(settings: S, input: string | undefined, context: ProviderContext): Promise<ProviderActionResult>;
}

/**
 * One provider, all in its own file: its settings fields (the settings schema and the options page build their
 * tables from these through lib/providers/registry.ts), its number format, its own validation rules and its adapter.
 */
export interface ProviderDefinition<S extends { type: string }> {
  type: S['type'];
  /** Vendor name as users know it. */
  label: string;
  capabilities: ProviderCapabilities;
  /** Every settings field but `type`, in the order the options page shows them; checked by lib/settings/validate. */
  fields: { [K in Exclude<keyof S, 'type'>]: FieldSpec };
  /**
   * The number format this PBX's API expects, from its own documents (issue 14): `dialing.numberFormat`'s default
   * when a document with this provider leaves it out, and what the options page sets when the provider is picked.
   */
  numberFormat: NumberFormat;
  /** Rules across fields, run once every field is valid; each problem is reported at `provider.<field>`. */
  problems?(settings: S): FieldProblem[];
  /** Optional abilities beyond dialling, by name (see {@link ProviderAction}). */
  actions?: Record<string, ProviderAction<S>>;
  create(settings: S, context: ProviderContext): ProviderAdapter;
}
