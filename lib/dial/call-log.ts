/**
 * Logging a placed call in the user's call log (helpdesk, lib/calllog), for the dial service (./service.ts).
 */
import type { ProviderContext } from '../net/context';
import { originPattern } from '../settings/permissions';
import type { CallLogSettings, Settings } from '../settings/schema';
import { msg, type UiText } from '../i18n/text';
import { DialTimeout, failureText, withDeadline } from './failure';

/** A call log (helpdesk) as the service needs it (lib/calllog/registry.ts entries fit). */
export interface CallLogEntry {
  label: string;
  create(
    settings: CallLogSettings,
    context: ProviderContext,
  ): {
    logCall(call: { number: string; callId?: string; extension?: string }): Promise<unknown>;
    testConnection(): Promise<{ detail: UiText }>;
  };
}
export type CallLogRegistry = Readonly<Record<string, CallLogEntry>>;

/** What logging a call needs from the dial service. */
export interface CallLogRun {
  callLogs: CallLogRegistry;
  /** The adapters' context (fetch, clock, timeout). */
  context: () => ProviderContext;
  /** The origins among these the extension may not reach. */
  missingAccess: (origins: string[]) => Promise<string[]>;
  timeoutMs: number;
  /** Translates a text of the locale table (`tx` in the extension). */
  text: (text: UiText) => string;
}

/**
 * Logs a placed call in the settings' call log (helpdesk). Returns the warning to show when it could not (never
 * an error: the call is placed, so a failing call log must not undo it or change its status), else undefined.
 */
export async function logPlacedCall(
  run: CallLogRun,
  settings: Settings,
  call: { number: string; callId: string | undefined; extension: string | undefined },
): Promise<string | undefined> {
  const config = settings.callLog;
  if (!config) return undefined;
  const entry = run.callLogs[config.type];
  const tr = run.text;
  if (!entry) return tr(msg('calllog_unsupported', config.type));
  const pattern = originPattern(config.baseUrl);
  const missing = await run.missingAccess(pattern ? [pattern] : []);
  if (missing.length) {
    const hosts = missing.map((m) => m.replace(/\/\*$/, '')).join(', ');
    return tr(msg('calllog_no_access', entry.label, hosts));
  }
  try {
    const logger = entry.create(config, run.context());
    await withDeadline(logger.logCall(call), run.timeoutMs);
    return undefined;
  } catch (error) {
    const text =
      error instanceof DialTimeout
        ? tr(msg('calllog_timeout', entry.label, String(Math.round(run.timeoutMs / 1000))))
        : failureText(error, tr).text;
    return tr(msg('calllog_failed', entry.label, text));
  }
}
