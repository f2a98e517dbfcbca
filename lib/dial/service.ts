/**
 * The one dial service every source goes through (page link, tel link, context menu, shortcut, popup, history,
 * omnibox): check the number, format it for the PBX, confirm when asked to (and always before a premium-rate
 * number), drop a repeat within a few seconds, call the adapter once, log the call, record it, tell the user.
 *
 * Pure and injectable: everything it reads or touches (settings, registries, fetch, clock, notifier, confirmer,
 * history, status, badge) is passed in, so it is unit-tested under Node with fakes. The background wires the
 * real browser APIs in entrypoints/background/start.ts.
 */
import type { DialResponse, DialSource, HistoryEntry, LinkDoubt } from './types';
import type { ProviderAdapter, ProviderCapabilities, ProviderContext, SessionArea } from '../providers/types';
import type { DialingSettings, ProviderSettings, ProviderType, Settings } from '../settings/schema';
import { requiredOrigins } from '../settings/permissions';
import { msg, type UiText } from '../i18n/text';
import { logPlacedCall, type CallLogRegistry } from './call-log';
import { confirmReason, type ConfirmPrompt } from './confirm-reason';
import { DialTimeout, failureText, withDeadline } from './failure';
import type { HistoryStore } from './history';
import { emergencyNumber, emergencyText } from './emergency';
import { canonicalNumber, parseDialNumber, type DialNumber } from './number';
import type { StatusStore } from './status';

export { errorKindText, failureText } from './failure';
export type { CallLogEntry, CallLogRegistry } from './call-log';
export type { ConfirmPrompt, ConfirmReason } from './confirm-reason';

/** How long a repeat of the same number is ignored (design.md: "a second click … within a few seconds"). */
export const DEDUPE_MS = 3000;
/** The whole adapter call, login included, must finish within this; a dial is never retried. */
export const DIAL_TIMEOUT_MS = 10_000;

/** A provider as the service needs it (PROVIDERS entries in lib/providers/registry.ts fit). */
export interface ProviderEntry {
  label: string;
  capabilities: Pick<ProviderCapabilities, 'extensionDialing'>;
  create(settings: ProviderSettings, context: ProviderContext): ProviderAdapter;
}
export type ProviderRegistry = Readonly<Record<ProviderType, ProviderEntry>>;

/** One notification, in the user's language. `opensSettings`: clicking it opens the options page. */
export interface Notice {
  title: string;
  message: string;
  opensSettings: boolean;
}

export interface DialServiceDeps {
  /** Effective settings (stored document + managed policy). */
  loadSettings: () => Promise<Settings>;
  providers: ProviderRegistry;
  callLogs: CallLogRegistry;
  fetch: typeof fetch;
  now: () => number;
  randomId: () => string;
  notify: (notice: Notice) => Promise<void>;
  /**
   * Translates a text of the locale table (`tx` from components/i18n.ts in the extension): every word the
   * person reads (notifications, the popup's answer and last error, the history, the badge) goes through it.
   */
  text: (text: UiText) => string;
  /** Resolves true to dial, false to cancel (closing the prompt is a cancel). */
  confirm: (prompt: ConfirmPrompt) => Promise<boolean>;
  history: HistoryStore;
  status: StatusStore;
  /** Re-reads the state and sets the toolbar badge. */
  refreshBadge: () => Promise<void>;
  /** `formatForPbx` from lib/phone/format.ts. */
  format: (
    e164: string,
    options: Pick<DialingSettings, 'numberFormat' | 'outboundPrefix' | 'defaultCountry'>,
  ) => string;
  /** Where adapters keep logins across worker restarts: `browser.storage.session` (never `storage.local`). */
  session?: SessionArea;
  /** `navigator.onLine`: false turns a failed request into "offline" instead of a certificate problem. */
  online?: () => boolean;
  /**
   * The origin patterns among `origins` the browser does not let the extension reach (`permissions.contains`).
   * Checked before every PBX and call-log request: without access a simple request (a form POST, a key-less
   * GET) still reaches the PBX and places the call while the browser hides the answer, so the person is told
   * it failed and tries again (issue 15). Absent: access is not checked (unit tests of other parts).
   */
  missingHostAccess?: (origins: string[]) => Promise<string[]>;
  /** Defaults to {@link DIAL_TIMEOUT_MS}. */
  timeoutMs?: number;
  /** Defaults to {@link DEDUPE_MS}. */
  dedupeMs?: number;
  log?: (message: string) => void;
}

export interface DialServiceRequest {
  /** As the source carries it: E.164 (+ `;ext=`), a tel: URI's number part, or typed text. */
  number: string;
  source: DialSource;
  /** The page's country for national numbers, tried before `dialing.defaultCountry`. */
  country?: string;
  /** The page's origin (never its path), for link, tel-link, menu and shortcut dials. */
  origin?: string;
  /** Why the content script doubts the click on a page's own tel: link was meant for it (tel-link only). */
  doubt?: LinkDoubt;
}

export interface DialService {
  dial(request: DialServiceRequest): Promise<DialResponse>;
}

/** The user's own extension as the provider settings name it, where they do. */
export function ownExtension(provider: ProviderSettings): string | undefined {
  const value = 'extension' in provider ? provider.extension : undefined;
  return value ? value : undefined;
}

/** Builds the dial service. It keeps only the deduplication window in memory. */
export function createDialService(deps: DialServiceDeps): DialService {
  const dedupeMs = deps.dedupeMs ?? DEDUPE_MS;
  const timeoutMs = deps.timeoutMs ?? DIAL_TIMEOUT_MS;
  const log = deps.log ?? ((m: string) => console.warn(m));
  const tr = deps.text;
  /** Canonical number → when its request arrived. */
  const recent = new Map<string, number>();
  /** Numbers whose confirmation is open: held in `recent` until answered, however long that takes (issue 15). */
  const asking = new Set<string>();

  /**
   * The adapter for the current provider settings, kept while they stay the same, so a logged-in session
   * (Yeastar's 30-minute token, Kazoo's auth token) is reused across dials instead of logging in every time.
   */
  let cachedAdapter: { key: string; adapter: ProviderAdapter } | undefined;
  function adapterFor(provider: ProviderSettings, definition: ProviderEntry): ProviderAdapter {
    const key = JSON.stringify(provider);
    if (cachedAdapter?.key !== key) cachedAdapter = { key, adapter: definition.create(provider, context()) };
    return cachedAdapter.adapter;
  }

  /** Deadlines of the dials under way; the adapters' requests honour the earliest (lib/net/http.ts). */
  const deadlines: number[] = [];
  const context = (): ProviderContext => ({
    fetch: deps.fetch,
    now: deps.now,
    timeoutMs,
    randomId: deps.randomId,
    ...(deps.session ? { session: deps.session } : {}),
    ...(deps.online ? { online: deps.online } : {}),
    deadline: () => (deadlines.length ? Math.min(...deadlines) : undefined),
  });

  async function record(entry: Omit<HistoryEntry, 'id'>): Promise<void> {
    try {
      await deps.history.add({ id: deps.randomId(), ...entry });
    } catch (error) {
      // The history is a convenience: a full or failing storage must not turn a placed call into an error.
      log(`PBX Click-to-Dial: could not record the call history (${(error as Error).message})`);
    }
  }

  async function safely(task: () => Promise<void>, what: string): Promise<void> {
    try {
      await task();
    } catch (error) {
      log(`PBX Click-to-Dial: could not ${what} (${(error as Error).message})`);
    }
  }

  async function dial(request: DialServiceRequest): Promise<DialResponse> {
    const settings = await deps.loadSettings();
    // Before anything else, whatever the source: an emergency call never goes through the PBX.
    const emergency = emergencyNumber(
      request.number,
      [request.country, settings.dialing.defaultCountry],
      settings.dialing.outboundPrefix,
    );
    if (emergency) {
      const message = tr(emergencyText(emergency));
      await safely(
        () => deps.notify({ title: tr(msg('notice_title_emergency')), message, opensSettings: false }),
        'show a notification',
      );
      return { status: 'failed', message };
    }
    const parsed = parseDialNumber(request.number, [request.country, settings.dialing.defaultCountry]);
    if (!parsed.ok) {
      const message = tr(parsed.text);
      await safely(
        () => deps.notify({ title: tr(msg('notice_title_not_number')), message, opensSettings: false }),
        'show a notification',
      );
      return { status: 'failed', message };
    }
    const number = parsed.number;
    const key = canonicalNumber(number);

    // Deduplicate before anything slow (confirmation, network): a double click must not place two calls.
    const now = deps.now();
    for (const [k, t] of recent) if (now - t >= dedupeMs && !asking.has(k)) recent.delete(k);
    if (asking.has(key)) {
      // A second click while the first one's confirmation window is open: one window, one answer, one call.
      return { status: 'ignored', message: tr(msg('dial_already_asking', number.display)) };
    }
    if (recent.has(key)) {
      return {
        status: 'ignored',
        message: tr(msg('dial_already_calling', number.display, String(Math.round(dedupeMs / 1000)))),
      };
    }
    recent.set(key, now);

    const base = { number: key, display: number.display, source: request.source, origin: request.origin };
    const provider = settings.provider;
    if (!provider) {
      const message = tr(msg('dial_not_set_up'));
      await record({ ...base, time: now, result: 'failed', errorKind: 'not-configured', message });
      await safely(
        () => deps.notify({ title: tr(msg('notice_title_set_up')), message, opensSettings: true }),
        'notify',
      );
      await safely(deps.refreshBadge, 'update the badge');
      return { status: 'failed', message };
    }
    const definition = deps.providers[provider.type];
    const missing = await missingAccess(requiredOrigins({ ...settings, callLog: null }));
    if (missing.length) {
      recent.delete(key);
      const hosts = missing.map((m) => m.replace(/\/\*$/, '')).join(', ');
      const message = tr(msg('dial_no_host_access', hosts, number.display));
      await record({
        ...base,
        time: now,
        result: 'failed',
        errorKind: 'host-permission',
        message,
        provider: provider.type,
      });
      await safely(() => deps.status.failed({ time: now, message }), 'remember the failure');
      await safely(
        () => deps.notify({ title: tr(msg('notice_title_allow_access')), message, opensSettings: true }),
        'show a notification',
      );
      await safely(deps.refreshBadge, 'update the badge');
      return { status: 'failed', message };
    }
    return placeCall(settings, provider, definition, number, base, request.doubt);
  }

  /** The origins among `origins` the extension may not reach; none when access is not checked. */
  async function missingAccess(origins: string[]): Promise<string[]> {
    if (!deps.missingHostAccess || !origins.length) return [];
    try {
      return await deps.missingHostAccess(origins);
    } catch (error) {
      // Not knowing is not "allowed": a request could still place a call whose answer the browser hides.
      log(`PBX Click-to-Dial: could not check host access (${(error as Error).message})`);
      return origins;
    }
  }

  async function placeCall(
    settings: Settings,
    provider: ProviderSettings,
    definition: ProviderEntry,
    number: DialNumber,
    base: Pick<HistoryEntry, 'number' | 'display' | 'source' | 'origin'>,
    doubt?: LinkDoubt,
  ): Promise<DialResponse> {
    let dialledAs: string;
    try {
      dialledAs = deps.format(number.e164, settings.dialing);
    } catch (error) {
      const message = tr(msg('dial_format_failed', number.display, (error as Error).message));
      recent.delete(base.number);
      await safely(
        () => deps.notify({ title: tr(msg('notice_title_not_placed')), message, opensSettings: true }),
        'notify',
      );
      return { status: 'failed', message };
    }
    // Extensions go to the PBX only where its API can carry them (design.md "Numbers"); otherwise the person
    // is told to ask for it once the far end answers.
    const sendExtension = number.extension && definition.capabilities.extensionDialing ? number.extension : undefined;
    const askForExtension = number.extension && !sendExtension ? number.extension : undefined;

    const ask = confirmReason(settings, number, base.source, doubt);
    if (ask) {
      asking.add(base.number);
      const yes = await deps
        .confirm({
          display: number.display,
          dialledAs,
          ...ask,
          ...(askForExtension ? { askForExtension } : {}),
        })
        .catch((error: unknown) => {
          log(`PBX Click-to-Dial: the confirmation failed (${(error as Error).message}); not dialling`);
          return false;
        })
        .finally(() => asking.delete(base.number));
      // The dedupe window starts again from the answer: a click just after "Call" is still a repeat.
      recent.set(base.number, deps.now());
      if (!yes) {
        // A cancelled request frees the number at once: the person may change their mind and click again.
        recent.delete(base.number);
        const message = tr(msg('dial_cancelled', number.display));
        await record({ ...base, time: deps.now(), result: 'cancelled', message, provider: provider.type });
        return { status: 'cancelled', message };
      }
    }

    const started = deps.now();
    let callId: string | undefined;
    let providerStatus: string | undefined;
    try {
      const adapter = adapterFor(provider, definition);
      // The adapter's own requests stop at the same deadline, and its dial step is skipped when a slow login
      // left too little time: otherwise the call could be placed after the person was told it timed out.
      const deadline = started + timeoutMs;
      deadlines.push(deadline);
      const dialling = adapter.dial({
        number: dialledAs,
        extension: sendExtension,
        autoAnswer: settings.dialing.autoAnswer,
      });
      // Kept until the adapter is done, not only until the service gives up on it: that is when it matters.
      const done = () => {
        const at = deadlines.indexOf(deadline);
        if (at !== -1) deadlines.splice(at, 1);
      };
      dialling.then(done, done);
      // Exactly one attempt: a retry after a timeout or an ambiguous failure could place a second call.
      const outcome = await withDeadline(dialling, timeoutMs);
      callId = outcome.callId;
      providerStatus = outcome.status;
    } catch (error) {
      const { kind, text } =
        error instanceof DialTimeout
          ? {
              kind: 'timeout',
              text: tr(msg('dial_timeout', definition.label, String(Math.round(timeoutMs / 1000)))),
            }
          : failureText(error, tr);
      const message = tr(msg('dial_failed', number.display, text));
      await record({ ...base, time: started, result: 'failed', errorKind: kind, message, provider: provider.type });
      await safely(() => deps.status.failed({ time: started, message }), 'remember the failure');
      await safely(
        () =>
          deps.notify({
            title: tr(msg('notice_title_failed')),
            message: tr(msg('notice_click_settings', text)),
            opensSettings: true,
          }),
        'notify',
      );
      await safely(deps.refreshBadge, 'update the badge');
      return { status: 'failed', message };
    }

    const extension = ownExtension(provider);
    const calling = extension
      ? msg('dial_calling_extension', number.display, extension)
      : msg('dial_calling', number.display);
    const asked = askForExtension ? msg('dial_ask_for_extension', calling, askForExtension) : calling;
    const message = tr(providerStatus ? msg('dial_provider_status', asked, definition.label, providerStatus) : asked);

    // The call is placed: a failing call log is a secondary warning and never undoes the call or changes its
    // status.
    // The helpdesk gets the customer's number in E.164, not the PBX's dial string (outbound prefix, national
    // digits): its cards are matched to contacts by number (issue 14 item 6).
    const warning = await logPlacedCall(
      { callLogs: deps.callLogs, context, missingAccess, timeoutMs, text: tr },
      settings,
      {
        number: number.e164,
        callId,
        extension,
      },
    );

    await record({ ...base, time: started, result: 'queued', message, callId, provider: provider.type });
    await safely(() => deps.status.succeeded(), 'clear the last failure');
    await safely(
      () =>
        deps.notify({
          title: tr(msg('notice_title_calling')),
          message: warning ? `${message}.\n${warning}` : message,
          opensSettings: warning !== undefined,
        }),
      'notify',
    );
    await safely(deps.refreshBadge, 'update the badge');
    return warning ? { status: 'queued', message, callId, warning } : { status: 'queued', message, callId };
  }

  return { dial };
}
