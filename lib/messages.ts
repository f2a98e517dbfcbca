/**
 * Every message between the content script, the popup, the options page and the background, declared in
 * one place. The background checks each one at its boundary ({@link parseMessage}, {@link senderRole}):
 * it must come from this extension, have the expected shape and sane string lengths, and be allowed for
 * the kind of sender. Anything else is dropped and logged, never acted on.
 */
import { DIAL_SOURCES, LINK_DOUBTS, type DialResponse, type DialSource, type LinkDoubt } from './dial/types';

// What the dial service takes and answers is its own (lib/dial/types.ts); the messages carry it.
export { DIAL_SOURCES, LINK_DOUBTS };
export type {
  DialResponse,
  DialSource,
  HistoryEntry,
  LinkDoubt,
  PopupState,
  ProviderActionResponse,
  TestConnectionResponse,
} from './dial/types';

/** Sent by the content script (sources `link`, `tel-link`) and the popup (`popup`, `history`). */
export interface DialMessage {
  type: 'dial';
  /** E.164 with optional `;ext=N` from page links; anything a person typed or pasted from the popup. */
  number: string;
  source: DialSource;
  /** The page's inferred country for national-format numbers (ISO alpha-2), when the sender knows it. */
  country?: string;
  /** Source `tel-link` only: why the click looks unintended. */
  doubt?: LinkDoubt;
}

/** Content script asks what to do on its page. Answered with {@link PageConfig}. */
export interface GetPageConfigMessage {
  type: 'getPageConfig';
}

/** Popup asks for what it shows. Answered with `PopupState` (lib/dial). */
export interface GetPopupStateMessage {
  type: 'getPopupState';
  /** Host of the active tab, so the popup can show and change whether linking is off there. */
  host?: string;
}

/** Popup switches number linking off (or back on) for one site. */
export interface SetSiteBlockedMessage {
  type: 'setSiteBlocked';
  host: string;
  blocked: boolean;
}

/** Options page: test a (possibly unsaved) settings document's provider and call log without dialling. */
export interface TestConnectionMessage {
  type: 'testConnection';
  settings: unknown;
}

/**
 * Options page: run one of the (possibly unsaved) settings document's provider's optional `actions` (e.g. Kazoo's
 * `listClickToCalls`, `createClickToCall`; see `ProviderAction` in lib/providers/types.ts).
 */
export interface ProviderActionMessage {
  type: 'providerAction';
  settings: unknown;
  /** The action's name in the provider's `actions`. */
  action: string;
  /** The action's one input, when it takes one (Kazoo's createClickToCall: the extension to ring). */
  input?: string;
}

export interface ClearHistoryMessage {
  type: 'clearHistory';
}

/** Background → content script: page settings changed; ask again. */
export interface PageConfigChangedMessage {
  type: 'pageConfigChanged';
  config: PageConfig;
}

/** Background → content script: the text selected in this frame (for the keyboard shortcut). */
export interface GetSelectionMessage {
  type: 'getSelection';
}

export type RequestMessage =
  | DialMessage
  | GetPageConfigMessage
  | GetPopupStateMessage
  | SetSiteBlockedMessage
  | TestConnectionMessage
  | ProviderActionMessage
  | ClearHistoryMessage;

/**
 * Popup → the active tab's content script (top frame only): the numbers the page shows, for the popup's
 * "Numbers on this page". Answered with {@link PageNumbersAnswer}.
 */
export interface GetPageNumbersMessage {
  type: 'getPageNumbers';
}

/**
 * Background → the content script of the frame a context menu was opened in: the numbers in the link that was
 * right-clicked last (Chrome's `OnClickData` has no link text). Answered with {@link PageNumbersAnswer}.
 */
export interface GetMenuNumbersMessage {
  type: 'getMenuNumbers';
}

export type ContentMessage =
  PageConfigChangedMessage | GetSelectionMessage | GetPageNumbersMessage | GetMenuNumbersMessage;

/** What a content script needs to know about its page. Never holds credentials. */
export interface PageConfig {
  linkify: boolean;
  telLinks: boolean;
  /** The page's host is on `pages.blockedSites`: leave it untouched. */
  blocked: boolean;
  defaultCountry: string;
}

/** Who sent a message, as far as the browser can tell us. */
export type SenderRole = 'content' | 'extension-page';

/** Which roles may send each message type. Content scripts run in pages we do not trust. */
const ALLOWED: Record<RequestMessage['type'], readonly SenderRole[]> = {
  dial: ['content', 'extension-page'],
  getPageConfig: ['content'],
  getPopupState: ['extension-page'],
  setSiteBlocked: ['extension-page'],
  testConnection: ['extension-page'],
  providerAction: ['extension-page'],
  clearHistory: ['extension-page'],
};

/** Dial sources a content script may claim; the others are the background's or the popup's own. */
const CONTENT_SOURCES: readonly DialSource[] = ['link', 'tel-link'];
const PAGE_SOURCES: readonly DialSource[] = ['popup', 'history'];

export const MAX_NUMBER_LENGTH = 64;
const MAX_HOST_LENGTH = 253;
const MAX_SETTINGS_JSON = 64 * 1024;
const ACTION_NAME = /^[A-Za-z][A-Za-z0-9]{0,39}$/;
const MAX_ACTION_INPUT = 200;

/** The parts of `runtime.MessageSender` we look at. */
export interface SenderLike {
  id?: string;
  url?: string;
  origin?: string;
  tab?: { id?: number };
  frameId?: number;
}

/** The page a content script speaks for: its URL, or for an about:blank/srcdoc frame the origin it inherits. */
export function senderPage(sender: SenderLike): string | undefined {
  return /^about:/.test(sender.url ?? '') ? sender.origin : sender.url;
}

/**
 * Classifies a sender: a content script of this extension (it has a tab and a web page URL), or one of
 * this extension's own pages. Returns null for anything else (another extension, a web page).
 */
export function senderRole(sender: SenderLike, extensionId: string, extensionOrigin: string): SenderRole | null {
  if (sender.id !== extensionId) return null;
  const url = sender.url ?? '';
  const origin = extensionOrigin.replace(/\/$/, '');
  if (url.startsWith(`${origin}/`)) return 'extension-page';
  if (sender.tab && /^(https?|file):/.test(url)) return 'content';
  // about:blank and about:srcdoc frames (webmail message bodies) run our content script too; their URL names no
  // page, but the browser gives the origin they inherit from the page that made them (issue 15).
  if (sender.tab && /^about:(blank|srcdoc)(?:[?#]|$)/.test(url) && /^(https?|file):\/\//.test(sender.origin ?? '')) {
    return 'content';
  }
  return null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function shortString(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= max;
}

function onlyKeys(obj: Record<string, unknown>, keys: readonly string[]): boolean {
  return Object.keys(obj).every((k) => keys.includes(k));
}

export type ParsedMessage = { ok: true; message: RequestMessage } | { ok: false; reason: string };

/** Checks a raw message's shape and whether this sender may send it. */
export function parseMessage(raw: unknown, role: SenderRole | null): ParsedMessage {
  if (role === null) return { ok: false, reason: 'sender is not this extension' };
  if (!isObject(raw) || typeof raw.type !== 'string') return { ok: false, reason: 'not a message object' };
  const type = raw.type as RequestMessage['type'];
  const allowed = ALLOWED[type];
  if (!allowed || !Object.hasOwn(ALLOWED, type))
    return { ok: false, reason: `unknown message type ${JSON.stringify(raw.type).slice(0, 40)}` };
  if (!allowed.includes(role)) return { ok: false, reason: `${type} is not accepted from a ${role}` };

  const bad = (why: string): ParsedMessage => ({ ok: false, reason: `${type}: ${why}` });
  switch (type) {
    case 'dial': {
      if (!onlyKeys(raw, ['type', 'number', 'source', 'country', 'doubt'])) return bad('unexpected keys');
      if (!shortString(raw.number, MAX_NUMBER_LENGTH)) return bad('number must be a string of 1 to 64 characters');
      const sources = role === 'content' ? CONTENT_SOURCES : PAGE_SOURCES;
      if (typeof raw.source !== 'string' || !sources.includes(raw.source as DialSource))
        return bad('source not allowed');
      if (raw.country !== undefined && !(typeof raw.country === 'string' && /^[A-Z]{2}$/.test(raw.country))) {
        return bad('country must be two capital letters');
      }
      if (
        raw.doubt !== undefined &&
        (raw.source !== 'tel-link' || !(LINK_DOUBTS as readonly unknown[]).includes(raw.doubt))
      ) {
        return bad('doubt must name a known reason, on a tel-link dial');
      }
      return { ok: true, message: raw as unknown as DialMessage };
    }
    case 'getPageConfig':
    case 'clearHistory':
      return onlyKeys(raw, ['type']) ? { ok: true, message: { type } as RequestMessage } : bad('unexpected keys');
    case 'getPopupState':
      if (!onlyKeys(raw, ['type', 'host'])) return bad('unexpected keys');
      if (raw.host !== undefined && !shortString(raw.host, MAX_HOST_LENGTH)) return bad('host too long');
      return { ok: true, message: raw as unknown as GetPopupStateMessage };
    case 'setSiteBlocked':
      if (!onlyKeys(raw, ['type', 'host', 'blocked'])) return bad('unexpected keys');
      if (!shortString(raw.host, MAX_HOST_LENGTH) || typeof raw.blocked !== 'boolean')
        return bad('needs host and blocked');
      return { ok: true, message: raw as unknown as SetSiteBlockedMessage };
    case 'testConnection':
    case 'providerAction': {
      if (!onlyKeys(raw, type === 'testConnection' ? ['type', 'settings'] : ['type', 'settings', 'action', 'input'])) {
        return bad('unexpected keys');
      }
      if (type === 'providerAction') {
        if (typeof raw.action !== 'string' || !ACTION_NAME.test(raw.action)) return bad('action must be a name');
        if (raw.input !== undefined && !shortString(raw.input, MAX_ACTION_INPUT)) return bad('bad input');
      }
      let size = 0;
      try {
        size = JSON.stringify(raw.settings ?? null).length;
      } catch {
        return bad('settings must be JSON');
      }
      if (size > MAX_SETTINGS_JSON) return bad('settings document too large');
      return { ok: true, message: raw as unknown as RequestMessage };
    }
  }
  return bad('unhandled');
}

/* ---------- Answers ---------- */

/**
 * What a content script gets back for its dial: the outcome only. It runs in a web page's process, and the
 * message, call id and warning can carry the PBX's own words, the API user's name or the extension (issue 15).
 */
export function contentAnswer(answer: DialResponse): Pick<DialResponse, 'status'> {
  return { status: answer.status };
}

/** One number a page shows (lib/page/page-numbers.ts). */
export interface PageNumberEntry {
  /** E.164 with `;ext=N`; for a `tel:` link detection could not read, its number as written. */
  dial: string;
  /** The number as the page writes it. */
  text: string;
  /** A short snippet of the text around it. */
  context: string;
}

/**
 * A content script's answer to `getPageNumbers` and `getMenuNumbers`: the numbers in page order, and the country
 * the page's national numbers were read in; or `blocked` when the site is on `pages.blockedSites` (nothing read).
 */
export type PageNumbersAnswer = { status: 'ok'; numbers: PageNumberEntry[]; country?: string } | { status: 'blocked' };

/** Most numbers an answer may carry (the content script stops at 100). */
export const MAX_PAGE_NUMBERS = 100;

/**
 * Checks an answer that comes from a content script, which runs in a page we do not trust: entries of the wrong
 * shape or size are dropped, the list is cut at {@link MAX_PAGE_NUMBERS}. Null when it is no answer at all (no
 * content script there, an older version of it).
 */
export function parsePageNumbersAnswer(raw: unknown): PageNumbersAnswer | null {
  if (!isObject(raw)) return null;
  if (raw.status === 'blocked') return { status: 'blocked' };
  if (raw.status !== 'ok' || !Array.isArray(raw.numbers)) return null;
  const numbers: PageNumberEntry[] = [];
  for (const n of raw.numbers.slice(0, MAX_PAGE_NUMBERS) as unknown[]) {
    if (!isObject(n) || !shortString(n.dial, MAX_NUMBER_LENGTH)) continue;
    if (typeof n.text !== 'string' || typeof n.context !== 'string') continue;
    numbers.push({ dial: n.dial, text: n.text.slice(0, 200), context: n.context.slice(0, 300) });
  }
  const country = typeof raw.country === 'string' && /^[A-Z]{2}$/.test(raw.country) ? raw.country : undefined;
  return { status: 'ok', numbers, ...(country ? { country } : {}) };
}
