/**
 * The one interface every PBX adapter implements, and the small fixed set of error kinds they report.
 * Adapters are plain modules: they get `fetch`, a clock and a timeout from {@link ProviderContext}, so they
 * run under Node against the simulator in tests/sim exactly as they run in the service worker.
 */
import type { FieldProblem, FieldSpec, NumberFormat } from '../settings/field-spec';

/** What went wrong, in terms a person can act on. */
export type ErrorKind =
  | 'auth' // wrong credentials, expired/unknown key
  | 'permission' // credentials fine, but not allowed to do this (key lacks click-to-call permission, IP not allowed)
  | 'locked' // too many failed logins, account locked or expired
  | 'extension-unavailable' // the user's extension is offline, not registered or busy
  | 'number-rejected' // the PBX refused the number (no route, invalid, whitelist)
  | 'not-found' // the configured account/user/domain/click-to-call object does not exist
  | 'rate-limited'
  | 'unreachable' // DNS, connection refused, network down
  | 'certificate' // HTTPS failed in a way that is usually an untrusted (self-signed) certificate
  | 'host-permission' // the browser has not been allowed to reach this host
  | 'timeout'
  | 'unexpected'; // an answer we cannot make sense of

/**
 * A failure, carrying the provider's name, the HTTP status, the provider's own words and the cause.
 * Never carries secrets: adapters must not put keys, passwords or tokens (or URLs holding them) in it.
 */
export class ProviderError extends Error {
  override readonly name = 'ProviderError';
  constructor(
    readonly kind: ErrorKind,
    /** Human summary, e.g. "MaxoTel rejected the API key". */
    message: string,
    readonly details: {
      provider: string;
      status?: number;
      /** The provider's own error code/words, e.g. `UNAVAILABLE: The extension is not currently available`. */
      providerMessage?: string;
      /** Which step failed: "login", "dial", "test", "call log". */
      step?: string;
      cause?: unknown;
    },
  ) {
    super(message, { cause: details.cause });
  }
}

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
}

export interface ConnectionTestOutcome {
  /** What was checked, e.g. "Logged in as api-user; extension 1023 exists". */
  detail: string;
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

/**
 * Where adapters keep a login across service-worker restarts: `browser.storage.session` in the extension (kept in
 * memory by the browser, cleared when it quits, never written to disk, unlike `storage.local`); a Map in tests.
 */
export interface SessionArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string): Promise<void>;
}

/** A {@link SessionArea} in memory: the fallback when the context has none (Node tests, `npm run sim`). */
export function memorySessionArea(): SessionArea & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return {
    data,
    async get(key) {
      return data.has(key) ? { [key]: structuredClone(data.get(key)) } : {};
    },
    async set(items) {
      for (const [key, value] of Object.entries(items)) data.set(key, structuredClone(value));
    },
    async remove(key) {
      data.delete(key);
    },
  };
}

export interface ProviderContext {
  fetch: typeof fetch;
  /** Milliseconds since the epoch; injectable for token-expiry tests. */
  now: () => number;
  /** Per-request timeout; 10 s by default. */
  timeoutMs: number;
  /** Random ids (NetSapiens call-id); injectable for tests. */
  randomId: () => string;
  /** Logins kept across service-worker restarts (`storage.session`); adapters fall back to memory without it. */
  session?: SessionArea;
  /** Waits between polls (Kazoo's call history); injectable so tests need not wait. Defaults to setTimeout. */
  sleep?: (ms: number) => Promise<void>;
  /** False when the browser knows it is offline (`navigator.onLine`); injectable for tests. */
  online?: () => boolean;
  /**
   * When the dial under way must be over (ms, on `now`'s clock), if one is; httpRequest honours it (issue 15):
   * no request outlives it, and a `dial` step is not sent with too little time left, so a slow login cannot
   * place a call after the person was told it timed out.
   */
  deadline?: () => number | undefined;
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
