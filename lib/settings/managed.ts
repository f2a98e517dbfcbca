import { parseSettings, type SettingsProblem } from './validate';
import type { Settings } from './schema';

type Obj = Record<string, unknown>;

function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Dotted paths of every value a policy sets (objects are descended into, lists and scalars are leaves). */
export function policyPaths(policy: Obj, prefix = ''): string[] {
  const paths: string[] = [];
  for (const [key, value] of Object.entries(policy)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (isObject(value) && Object.keys(value).length) paths.push(...policyPaths(value, path));
    else paths.push(path);
  }
  return paths;
}

/**
 * Lays an admin's policy over the user's document. Sections merge key by key, so a policy can lock just
 * `provider.baseUrl`; a policy provider of another `type` replaces the user's provider whole.
 */
export function overlayPolicy(user: Obj, policy: Obj): Obj {
  const out: Obj = { ...user };
  for (const [key, value] of Object.entries(policy)) {
    const current = out[key];
    const sameType = !isObject(value) || !('type' in value) || (isObject(current) && current.type === value.type);
    out[key] = isObject(value) && isObject(current) && sameType ? overlayPolicy(current, value) : value;
  }
  return out;
}

export interface EffectiveSettings {
  settings: Settings;
  /** Dotted paths the admin's policy sets; the options page shows them locked. */
  locked: string[];
  /** Problems in the stored document (it is kept as it was; defaults are used until it is fixed). */
  storedProblems: SettingsProblem[];
  /** Problems in the admin's policy (it is then ignored as a whole, so a bad policy cannot break dialling). */
  policyProblems: SettingsProblem[];
  /**
   * What the options page starts from: `settings`, or, when the policy sets part of a provider or call log
   * and the user has yet to fill in the rest (their own key, extension…), that section with the admin's
   * values and the user's fields blank. Until it is complete, `settings` has that section off (null).
   */
  formSettings: Settings;
  /** The blank required fields the user must fill in to complete what the policy started. */
  incomplete: SettingsProblem[];
}

/** Combines the stored document and the managed policy into the settings the extension runs with. */
export function effectiveSettings(stored: unknown, policy: unknown, defaultCountry?: string): EffectiveSettings {
  const storedDoc: Obj = isObject(stored) ? stored : {};
  const storedParsed = parseSettings(storedDoc, { defaultCountry });
  const storedProblems = stored === undefined ? [] : storedParsed.ok ? [] : storedParsed.problems;
  const userDoc: Obj = storedParsed.ok ? (storedParsed.settings as unknown as Obj) : {};
  const base = parseSettings(userDoc, { defaultCountry });
  if (!base.ok) throw new Error('defaults must always validate');

  const plain = { settings: base.settings, formSettings: base.settings, storedProblems, incomplete: [] };
  if (!isObject(policy) || Object.keys(policy).length === 0) {
    return { ...plain, locked: [], policyProblems: [] };
  }
  const locked = policyPaths(policy);
  const overlaid = overlayPolicy(userDoc, policy);
  const merged = parseSettings(overlaid, { defaultCountry });
  if (merged.ok)
    return { ...plain, settings: merged.settings, formSettings: merged.settings, locked, policyProblems: [] };

  // A policy may set a provider's address and leave each user to add their own credentials: blanks the
  // policy does not set are the user's to fill, not the policy's fault.
  const usersToFill = merged.incomplete && merged.problems.every((p) => !isLocked(locked, p.path));
  if (usersToFill) {
    const off = Object.fromEntries(merged.problems.map((p) => [p.path.split('.')[0]!, null]));
    const runnable = parseSettings({ ...overlaid, ...off }, { defaultCountry });
    if (runnable.ok) {
      return {
        ...plain,
        settings: runnable.settings,
        formSettings: merged.incomplete!,
        locked,
        policyProblems: [],
        incomplete: merged.problems,
      };
    }
  }
  return {
    ...plain,
    locked: [],
    policyProblems: merged.problems.map((p) => ({ path: p.path, message: `(managed policy) ${p.message}` })),
  };
}

/** True when `path` or one of its parents is locked by policy. */
export function isLocked(locked: readonly string[], path: string): boolean {
  return locked.some((l) => path === l || path.startsWith(`${l}.`) || l.startsWith(`${path}.`));
}
