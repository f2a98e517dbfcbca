/**
 * The options page's "Test connection" and provider actions (Kazoo's click-to-call list): they take a possibly unsaved settings
 * document, so it is validated first and its problems reported as the first failed step.
 */
import type { ProviderActionResponse, TestConnectionResponse } from './types';
import type { ProviderAction, ProviderContext } from '../providers/types';
import type { ProviderSettings, ProviderType, Settings } from '../settings/schema';
import { describeProblems, parseSettings } from '../settings/validate';
import { failureText, type CallLogRegistry, type ProviderRegistry } from './service';
import type { StatusStore } from './status';
import { originPattern } from '../settings/permissions';
import { msg, type UiText } from '../i18n/text';

export interface ConnectionDeps {
  providers: ProviderRegistry;
  callLogs: CallLogRegistry;
  context: () => ProviderContext;
  now: () => number;
  defaultCountry?: string;
  /** The outcome feeds the badge: a failed test sets the last error, a passed one clears it. */
  status?: StatusStore;
  refreshBadge?: () => Promise<void>;
  /** Origin patterns among these the extension may not reach (see DialServiceDeps.missingHostAccess). */
  missingHostAccess?: (origins: string[]) => Promise<string[]>;
  /** Translates a text of the locale table (`tx` in the extension), as for the dial service. */
  text: (text: UiText) => string;
}

type Step = TestConnectionResponse['steps'][number];

function validate(
  document: unknown,
  text: (text: UiText) => string,
  defaultCountry?: string,
): { settings?: Settings; step: Step } {
  const parsed = parseSettings(document, { defaultCountry });
  const name = text(msg('connection_step_settings'));
  if (!parsed.ok) return { step: { name, ok: false, detail: describeProblems(parsed.problems) } };
  return { settings: parsed.settings, step: { name, ok: true, detail: text(msg('connection_settings_complete')) } };
}

/**
 * The origin of `url` when the browser does not let the extension reach it yet (its host access was not
 * granted), or undefined when it can: a request there would fail unexplained.
 */
async function unreachableOrigin(
  url: string,
  missingHostAccess: ConnectionDeps['missingHostAccess'],
): Promise<string | undefined> {
  const pattern = originPattern(url);
  if (!pattern || !missingHostAccess) return undefined;
  const missing = await missingHostAccess([pattern]).catch(() => [pattern]);
  return missing.length ? pattern.replace(/\/\*$/, '') : undefined;
}

/** A failed step when the browser does not let the extension reach `url`. */
async function accessStep(url: string, name: string, deps: ConnectionDeps): Promise<Step | undefined> {
  const origin = await unreachableOrigin(url, deps.missingHostAccess);
  return origin ? { name, ok: false, detail: deps.text(msg('connection_no_access', origin)) } : undefined;
}

/** The address a provider's requests go to (a custom request's URL with its placeholders filled). */
function providerUrl(provider: ProviderSettings): string {
  return provider.type === 'custom' ? provider.url.replaceAll(/\{(number|extension)\}/g, '1') : provider.baseUrl;
}

/**
 * Checks a settings document's provider and call log without placing a call: validation, then the provider's
 * own test, then the call log's. Each step says what was checked or exactly what failed.
 */
export async function testConnection(document: unknown, deps: ConnectionDeps): Promise<TestConnectionResponse> {
  const { settings, step } = validate(document, deps.text, deps.defaultCountry);
  const steps: Step[] = [step];
  if (settings) {
    const provider = settings.provider;
    if (!provider) {
      steps.push({
        name: deps.text(msg('connection_step_pbx')),
        ok: false,
        detail: deps.text(msg('connection_no_pbx')),
      });
    } else {
      const definition = deps.providers[provider.type];
      const blocked = await accessStep(providerUrl(provider), definition.label, deps);
      if (blocked) steps.push(blocked);
      else
        try {
          const outcome = await definition.create(provider, deps.context()).testConnection();
          steps.push({ name: definition.label, ok: true, detail: deps.text(outcome.detail) });
        } catch (error) {
          steps.push({ name: definition.label, ok: false, detail: failureText(error, deps.text).text });
        }
    }
    const callLog = settings.callLog;
    if (callLog) {
      const entry = deps.callLogs[callLog.type];
      const blocked = entry ? await accessStep(callLog.baseUrl, entry.label, deps) : undefined;
      if (!entry) {
        steps.push({
          name: deps.text(msg('connection_step_call_log')),
          ok: false,
          detail: deps.text(msg('connection_calllog_unsupported', callLog.type)),
        });
      } else if (blocked) {
        steps.push(blocked);
      } else {
        try {
          const outcome = await entry.create(callLog, deps.context()).testConnection();
          steps.push({ name: entry.label, ok: true, detail: deps.text(outcome.detail) });
        } catch (error) {
          steps.push({ name: entry.label, ok: false, detail: failureText(error, deps.text).text });
        }
      }
    }
  }
  const ok = steps.every((s) => s.ok);
  if (deps.status) {
    const failed = steps.find((s) => !s.ok);
    try {
      if (failed) {
        await deps.status.failed({
          time: deps.now(),
          message: deps.text(msg('connection_failed', failed.name, failed.detail)),
        });
      } else {
        await deps.status.succeeded();
      }
      await deps.refreshBadge?.();
    } catch {
      // The answer matters more than the badge; the next dial or test sets it again.
    }
  }
  return { ok, steps };
}

/** What {@link runProviderAction} needs of each provider: its name and optional actions. */
export type ActionRegistry = Readonly<
  Record<ProviderType, { label: string; actions?: Readonly<Record<string, ProviderAction<never>>> }>
>;

export interface ActionDeps {
  providers: ActionRegistry;
  context: () => ProviderContext;
  defaultCountry?: string;
  /** Translates a text of the locale table (`tx` in the extension). */
  text: (text: UiText) => string;
  /** As in {@link ConnectionDeps}: an action's requests need host access as a dial's do. */
  missingHostAccess?: ConnectionDeps['missingHostAccess'];
}

/**
 * Runs one of the document's provider's optional actions (Kazoo: list or create click-to-call objects, so the
 * options page can offer them instead of asking for an opaque id). The field the action helps to pick may still be
 * blank. Any failure is answered in words.
 */
export async function runProviderAction(
  document: unknown,
  action: string,
  input: string | undefined,
  deps: ActionDeps,
): Promise<ProviderActionResponse> {
  const type = providerTypeOf(document, deps.providers);
  const definition = type ? deps.providers[type] : undefined;
  const entry =
    definition?.actions && Object.hasOwn(definition.actions, action) ? definition.actions[action] : undefined;
  const { settings, step } = validate(
    entry?.picks ? withPlaceholder(document, entry.picks) : document,
    deps.text,
    deps.defaultCountry,
  );
  if (!settings) return { ok: false, items: [], message: step.detail };
  const provider = settings.provider;
  if (!provider || !definition || !entry) {
    return {
      ok: false,
      items: [],
      message: deps.text(
        definition
          ? msg('connection_action_unsupported', definition.label, action)
          : msg('connection_action_no_provider', action),
      ),
    };
  }
  const blocked = await unreachableOrigin(providerUrl(provider), deps.missingHostAccess);
  if (blocked) return { ok: false, items: [], message: deps.text(msg('connection_no_access_action', blocked)) };
  try {
    const result = await (entry as ProviderAction<ProviderSettings>).run(provider, input, deps.context());
    return { ok: true, ...result };
  } catch (error) {
    return { ok: false, items: [], message: failureText(error, deps.text).text };
  }
}

function providerTypeOf(document: unknown, providers: ActionRegistry): ProviderType | undefined {
  if (typeof document !== 'object' || document === null) return undefined;
  const provider = (document as { provider?: unknown }).provider;
  if (typeof provider !== 'object' || provider === null) return undefined;
  const type = (provider as { type?: unknown }).type;
  return typeof type === 'string' && Object.hasOwn(providers, type) ? (type as ProviderType) : undefined;
}

/** The document with `field` of its provider set to a placeholder when blank (it is what is being picked). */
function withPlaceholder(document: unknown, field: string): unknown {
  const doc = document as { provider: Record<string, unknown> };
  const value = doc.provider[field];
  if (typeof value === 'string' && value.trim()) return document;
  return { ...doc, provider: { ...doc.provider, [field]: 'not-chosen-yet' } };
}
