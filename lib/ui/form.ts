/**
 * The options form's state and its mapping to and from the settings document. The form keeps every field
 * as the text the user typed (so nothing they type is lost or rewritten while they type) and keeps the
 * values of every provider they filled in, so switching the picker back and forth loses nothing.
 * Validation is the settings validator's own (`parseSettings`): the form only maps its problems to fields.
 */
import {
  CALL_LOG_FIELDS,
  PROVIDER_FIELDS,
  defaultSettings,
  type NumberFormat,
  type ProviderType,
  type Settings,
} from '@/lib/settings/schema';
import { parseSettings, type SettingsProblem } from '@/lib/settings/validate';

export type FieldValues = Record<string, string>;

export interface FormState {
  providerType: ProviderType | '';
  /** Field values per provider type, as typed. */
  providers: Partial<Record<ProviderType, FieldValues>>;
  dialing: {
    defaultCountry: string;
    autoAnswer: boolean;
    confirm: boolean;
    numberFormat: NumberFormat;
    outboundPrefix: string;
  };
  pages: {
    linkify: boolean;
    telLinks: boolean;
    /** One host pattern per line. */
    blockedSites: string;
  };
  callLogEnabled: boolean;
  callLog: FieldValues;
}

/** `Name: value` lines, one header each. */
export function headersToText(headers: Record<string, string>): string {
  return Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}`)
    .join('\n');
}

/** Parses `Name: value` lines; blank lines are skipped, a line without a colon is a problem. */
export function textToHeaders(text: string): { headers: Record<string, string>; problems: string[] } {
  const headers: Record<string, string> = {};
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    const colon = line.indexOf(':');
    if (colon <= 0) {
      problems.push(`line ${i + 1} ("${line.trim().slice(0, 40)}") must be written as Name: value`);
      return;
    }
    headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  });
  return { headers, problems };
}

function stringValues(section: Record<string, unknown>, fields: Record<string, unknown>): FieldValues {
  const out: FieldValues = {};
  for (const name of Object.keys(fields)) {
    const value = section[name];
    out[name] = typeof value === 'string' ? value : name === 'headers' && value ? headersToText(value as never) : '';
  }
  return out;
}

/** Empty values (or the schema's defaults) for a provider the user has just picked. */
export function emptyProviderValues(type: ProviderType): FieldValues {
  const out: FieldValues = {};
  for (const [name, spec] of Object.entries(PROVIDER_FIELDS[type])) {
    out[name] = typeof spec.default === 'string' ? spec.default : '';
  }
  return out;
}

/** The form for a settings document. */
export function settingsToForm(settings: Settings): FormState {
  const providers: FormState['providers'] = {};
  if (settings.provider) {
    const type = settings.provider.type;
    providers[type] = stringValues(settings.provider as never, PROVIDER_FIELDS[type]);
  }
  return {
    providerType: settings.provider?.type ?? '',
    providers,
    dialing: { ...settings.dialing },
    pages: {
      linkify: settings.pages.linkify,
      telLinks: settings.pages.telLinks,
      blockedSites: settings.pages.blockedSites.join('\n'),
    },
    callLogEnabled: settings.callLog !== null,
    callLog: settings.callLog
      ? stringValues(settings.callLog as never, CALL_LOG_FIELDS.helpdeskeddy)
      : stringValues({}, CALL_LOG_FIELDS.helpdeskeddy),
  };
}

/** A fresh form (nothing configured yet). */
export function emptyForm(defaultCountry = 'US'): FormState {
  return settingsToForm(defaultSettings(defaultCountry));
}

/**
 * The settings document the form describes, plus problems only the form can see (a header line
 * without a colon). The document is not validated here: see {@link validateForm}.
 */
export function formToDocument(state: FormState): { document: Record<string, unknown>; problems: SettingsProblem[] } {
  const problems: SettingsProblem[] = [];
  let provider: Record<string, unknown> | null = null;
  if (state.providerType) {
    const type = state.providerType;
    const values = state.providers[type] ?? emptyProviderValues(type);
    provider = { type };
    for (const name of Object.keys(PROVIDER_FIELDS[type])) {
      const value = values[name] ?? '';
      if (name === 'headers') {
        const parsed = textToHeaders(value);
        for (const p of parsed.problems) problems.push({ path: 'provider.headers', message: p });
        provider.headers = parsed.headers;
      } else {
        provider[name] = value;
      }
    }
  }
  const blockedSites = state.pages.blockedSites
    .split(/[\r\n,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  const document: Record<string, unknown> = {
    version: 1,
    provider,
    dialing: { ...state.dialing },
    pages: { linkify: state.pages.linkify, telLinks: state.pages.telLinks, blockedSites },
    callLog: state.callLogEnabled ? { type: 'helpdeskeddy', ...state.callLog } : null,
  };
  return { document, problems };
}

export type FormResult =
  | { ok: true; settings: Settings; document: Record<string, unknown> }
  | { ok: false; problems: SettingsProblem[]; document: Record<string, unknown> };

/** Validates the form exactly as a save would: the form's own problems plus the validator's. */
export function validateForm(state: FormState): FormResult {
  const { document, problems } = formToDocument(state);
  const parsed = parseSettings(document);
  const all = [...problems, ...(parsed.ok ? [] : parsed.problems)];
  if (parsed.ok && !all.length) return { ok: true, settings: parsed.settings, document };
  return { ok: false, problems: all, document };
}

/**
 * The problems that belong to one form field: its own path, and anything below it
 * (`provider.headers.X-Foo`, `pages.blockedSites[2]`), since those are edited in the same control.
 */
export function problemsAt(problems: readonly SettingsProblem[], path: string): string[] {
  return problems
    .filter((p) => p.path === path || p.path.startsWith(`${path}.`) || p.path.startsWith(`${path}[`))
    .map((p) => p.message);
}

/** Problems no visible field shows (so a summary can list them instead of dropping them). */
export function unplacedProblems(
  problems: readonly SettingsProblem[],
  fieldPaths: readonly string[],
): SettingsProblem[] {
  return problems.filter((p) => !fieldPaths.some((f) => problemsAt([p], f).length > 0));
}
