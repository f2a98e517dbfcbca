/**
 * Export and Import of the settings document (the public contract in ../shared/design.md).
 * Export leaves credentials out unless asked, so a file mailed to a colleague carries no keys; Import
 * of such a file keeps the credentials already stored for the same provider at the same address, never for
 * another one: a "settings from IT" file naming `https://evil.example/` must not get the stored key sent there
 * (issue 15). A file that does not validate changes nothing: the caller gets every problem, named by path.
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
  | {
      ok: false;
      problems: SettingsProblem[];
      /**
       * Paths of stored credentials not carried over because the file names another address; set only when
       * they are what the file lacks. The person must type them again for the new address.
       */
      clearedSecrets?: string[];
      /** With `clearedSecrets`: the file's settings with those fields blank, for the form to start from. */
      incomplete?: Settings;
    };

/** The origin a provider or call-log section talks to (its `baseUrl`, its default, or the custom URL's). */
function sectionOrigin(section: Obj, table: Record<string, Record<string, { default?: unknown }>>): string | null {
  const type = section.type as string;
  const fields = Object.hasOwn(table, type) ? table[type]! : {};
  const raw =
    type === 'custom' ? section.url : typeof section.baseUrl === 'string' ? section.baseUrl : fields.baseUrl?.default;
  if (typeof raw !== 'string') return null;
  try {
    // Scheme, host and port: an https → http change would send the key in clear, so it counts as another host.
    return new URL(raw.replaceAll('{number}', '1').replaceAll('{extension}', '1')).origin;
  } catch {
    return null;
  }
}

/**
 * Reads an export file. Where the file's provider (or call log) is of the same type as the current one, at
 * the same address (scheme, host and port), and leaves a credential out, the current credential is kept;
 * everything else comes from the file. A credential is never carried to another address.
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
  const clearedSecrets: string[] = [];
  for (const [key, table] of [
    ['provider', PROVIDER_FIELDS],
    ['callLog', CALL_LOG_FIELDS],
  ] as const) {
    const incoming = doc[key];
    const existing = current[key] as unknown as Obj | null;
    if (!isObject(incoming) || !existing || incoming.type !== existing.type) continue;
    // The address the section will have: a secret address left out of the file (a custom provider's URL) is the
    // stored one, kept below; so only an address the file does give can move the secrets to another host.
    const asImported: Obj = { ...incoming };
    for (const name of secretsOf(incoming, table as never)) if (!(name in incoming)) asImported[name] = existing[name];
    const sameHost = sectionOrigin(asImported, table as never) === sectionOrigin(existing, table as never);
    const merged: Obj = { ...incoming };
    for (const name of secretsOf(incoming, table as never)) {
      // Secrets are strings, or a custom provider's header map.
      const kept = existing[name];
      if (!(name in incoming) && ((typeof kept === 'string' && kept) || isObject(kept))) {
        if (!sameHost) {
          clearedSecrets.push(`${key}.${name}`);
          continue;
        }
        merged[name] = existing[name];
        keptSecrets.push(`${key}.${name}`);
      }
    }
    doc[key] = merged;
  }
  const parsed = parseSettings(doc, { defaultCountry: current.dialing.defaultCountry });
  if (!parsed.ok) {
    if (clearedSecrets.length && parsed.incomplete) {
      return { ok: false, problems: parsed.problems, clearedSecrets, incomplete: parsed.incomplete };
    }
    return { ok: false, problems: parsed.problems };
  }
  return { ok: true, settings: parsed.settings, keptSecrets };
}
