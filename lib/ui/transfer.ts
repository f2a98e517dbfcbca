/**
 * Export and Import of the settings document (the public contract in ../shared/design.md).
 * Export leaves credentials out unless asked, so a file mailed to a colleague carries no keys; Import
 * of such a file keeps the credentials already stored for the same provider. A file that does not
 * validate changes nothing: the caller gets every problem, named by path.
 */
import { CALL_LOG_FIELDS, PROVIDER_FIELDS, secretFields, type Settings } from '@/lib/settings/schema';
import { parseSettings, type SettingsProblem } from '@/lib/settings/validate';

export const EXPORT_FILE_NAME = 'pbx-click-to-dial-settings.json';

type Obj = Record<string, unknown>;

function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function secretsOf(section: Obj | null, table: Record<string, Record<string, unknown>>): string[] {
  if (!section || typeof section.type !== 'string' || !Object.hasOwn(table, section.type)) return [];
  return secretFields(table[section.type] as never);
}

/** The settings document as an export file's text; secrets are left out unless `includeSecrets`. */
export function exportSettings(settings: Settings, includeSecrets: boolean): string {
  const doc = structuredClone(settings) as unknown as Obj;
  if (!includeSecrets) {
    for (const [key, table] of [
      ['provider', PROVIDER_FIELDS],
      ['callLog', CALL_LOG_FIELDS],
    ] as const) {
      const section = doc[key] as Obj | null;
      for (const name of secretsOf(section, table as never)) delete section![name];
    }
  }
  return `${JSON.stringify(doc, null, 2)}\n`;
}

export type ImportResult =
  | {
      ok: true;
      settings: Settings;
      /** Paths of credentials taken from the current settings because the file had none. */
      keptSecrets: string[];
    }
  | { ok: false; problems: SettingsProblem[] };

/**
 * Reads an export file. Where the file's provider (or call log) is of the same type as the current one
 * and leaves a credential out, the current credential is kept; everything else comes from the file.
 */
export function importSettings(text: string, current: Settings): ImportResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [{ path: '', message: `The file is not JSON: ${(error as Error).message}` }] };
  }
  if (!isObject(raw)) {
    return { ok: false, problems: [{ path: '', message: 'The file must hold one settings object ({ … })' }] };
  }
  const doc: Obj = { ...raw };
  const keptSecrets: string[] = [];
  for (const [key, table] of [
    ['provider', PROVIDER_FIELDS],
    ['callLog', CALL_LOG_FIELDS],
  ] as const) {
    const incoming = doc[key];
    const existing = current[key] as unknown as Obj | null;
    if (!isObject(incoming) || !existing || incoming.type !== existing.type) continue;
    const merged: Obj = { ...incoming };
    for (const name of secretsOf(incoming, table as never)) {
      // Secrets are strings, or a custom provider's header map.
      const kept = existing[name];
      if (!(name in incoming) && ((typeof kept === 'string' && kept) || isObject(kept))) {
        merged[name] = existing[name];
        keptSecrets.push(`${key}.${name}`);
      }
    }
    doc[key] = merged;
  }
  const parsed = parseSettings(doc, { defaultCountry: current.dialing.defaultCountry });
  if (!parsed.ok) return { ok: false, problems: parsed.problems };
  return { ok: true, settings: parsed.settings, keptSecrets };
}
