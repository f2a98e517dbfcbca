/** What every simulated provider implements. See ./server.ts. */

export interface SimRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  /** The query string exactly as sent, without "?" (FreeSWITCH reads it raw, not as name=value pairs). */
  rawQuery?: string;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  /** Body as UTF-8 text. */
  body: string;
  rawBody: Buffer;
  /** Name of the simulated provider that handled it ('' when none did). */
  provider: string;
  /** Simulator clock time when it arrived. */
  time: number;
}

export interface SimResponse {
  status: number;
  /** An object is sent as JSON; a string as text/plain unless `headers` says otherwise. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Wait this long before answering (timeouts). */
  delayMs?: number;
  /** Drop the connection without answering (unreachable mid-request). */
  destroy?: boolean;
}

export interface SimClock {
  now(): number;
  advance(ms: number): void;
  reset(): void;
}

export interface SimContext {
  clock: SimClock;
  /** The simulator's own origin, e.g. http://127.0.0.1:41234 */
  readonly baseUrl: string;
}

export interface SimProvider {
  /** The settings `type` this simulates (e.g. "maxotel", "helpdeskeddy"). */
  name: string;
  kind: 'provider' | 'callLog';
  matches(request: SimRequest): boolean;
  handle(request: SimRequest, context: SimContext): SimResponse | Promise<SimResponse>;
  /** Back to the default state and configuration. */
  reset(): void;
  configure(patch: Record<string, unknown>): void;
  /** The provider (or call log) section of a settings document that works against this simulator. */
  settings(context: SimContext): Record<string, unknown>;
}

export type SimProviderFactory = () => SimProvider;
