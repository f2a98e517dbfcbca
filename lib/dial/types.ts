/**
 * The dial service's own vocabulary: where a dial request comes from, why a click on a page's tel: link is
 * doubted, the call history's entries and the answers the background gives. lib/messages.ts carries these
 * between the extension's parts and re-exports them; nothing here imports from above lib/dial.
 */

/** Where a dial request came from; recorded in the call history. */
export const DIAL_SOURCES = ['link', 'tel-link', 'popup', 'history', 'menu', 'shortcut', 'omnibox'] as const;
export type DialSource = (typeof DIAL_SOURCES)[number];

/**
 * Why the content script doubts that a click on a page's own tel:/callto:/sip: link was meant for that number
 * (issue 15): the link is invisible (zero size, transparent, off-screen), is not what the pointer is on, or its
 * visible text does not show the number. The background then asks before dialling.
 */
export const LINK_DOUBTS = ['hidden', 'not-under-pointer', 'covered', 'text-differs'] as const;
export type LinkDoubt = (typeof LINK_DOUBTS)[number];

/** One dial in the call history (`storage.local`, key `history`, newest first, at most 100). */
export interface HistoryEntry {
  id: string;
  /** E.164, with `;ext=N` when the number had one. */
  number: string;
  /** The number as people read it, e.g. "+1 415-555-0132". */
  display: string;
  /** Milliseconds since the epoch. */
  time: number;
  source: DialSource;
  /** The page's origin only (never its path), for link, tel-link, menu and shortcut dials. */
  origin?: string;
  result: 'queued' | 'failed' | 'cancelled';
  /** ErrorKind from lib/providers/types when it failed. */
  errorKind?: string;
  /** What the user was told. Never holds secrets. */
  message?: string;
  callId?: string;
  /** Provider `type` that placed it. */
  provider?: string;
}

/** Answer to `dial`. `ignored`: a repeat of the same number within a few seconds. */
export interface DialResponse {
  status: 'queued' | 'failed' | 'cancelled' | 'ignored';
  message: string;
  callId?: string;
  /** A secondary problem that did not stop the call, e.g. the call log (helpdesk) refused it. */
  warning?: string;
}

/** Answer to `getPopupState`. */
export interface PopupState {
  configured: boolean;
  /** Vendor name, e.g. "MaxoTel". */
  providerLabel?: string;
  /** The user's own extension, when the provider has one. */
  extension?: string;
  defaultCountry: string;
  /** The last 10 dials, newest first. */
  history: HistoryEntry[];
  /** The last failed dial or connection test, until a later one succeeds. */
  lastError?: { time: number; message: string };
  /** The active tab's site, when it is a web page. */
  site?: { host: string; blocked: boolean; locked: boolean };
}

/** Answer to `testConnection`: each step checked, in order; `ok` when all passed. */
export interface TestConnectionResponse {
  ok: boolean;
  steps: { name: string; ok: boolean; detail: string }[];
}

/** Answer to `providerAction`: the action's result, or `ok: false` with what went wrong in words. */
export interface ProviderActionResponse {
  ok: boolean;
  items: { id: string; name: string; extension: string }[];
  /** Id of the object the action created. */
  createdId?: string;
  message?: string;
}
