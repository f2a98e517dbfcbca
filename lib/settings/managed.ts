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
  /** Problems in the admin's policy: each key that does not validate is ignored alone, so it cannot break dialling. */
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

/** Removes the value at a dotted path, and the objects it leaves empty. */
function deletePath(obj: Obj, path: string): void {
  const [head, ...rest] = path.split('.');
  if (!head || !Object.hasOwn(obj, head)) return;
  if (!rest.length) {
    delete obj[head];
    return;
  }
  const child = obj[head];
  if (!isObject(child)) return;
  deletePath(child, rest.join('.'));
  if (Object.keys(child).length === 0) delete obj[head];
}

/**
 * The policy value a problem lies in: the policy path equal to or above the problem's path (`pages.blockedSites`
 * for `pages.blockedSites.2`), else the problem's path when the policy sets something below it.
 */
function policyValueAt(paths: readonly string[], problemPath: string): string | undefined {
  // Problem paths name list items as `pages.blockedSites[1]`.
  const above = paths.find(
    (l) => problemPath === l || problemPath.startsWith(`${l}.`) || problemPath.startsWith(`${l}[`),
  );
  if (above) return above;
  if (problemPath && paths.some((l) => l.startsWith(`${problemPath}.`))) return problemPath;
  return undefined;
}

/** Combines the stored document and the managed policy into the settings the extension runs with. */
export function effectiveSettings(stored: unknown, policy: unknown, defaultCountry?: string): EffectiveSettings {
  const storedDoc: Obj = isObject(stored) ? stored : {};
  const storedParsed = parseSettings(storedDoc, { defaultCountry });
  // A stored document whose only problems are blanks is the user's layer under a policy that supplies those
  // fields (saveUserSettings never stores the admin's credentials): the policy fills them, or the form asks.
  const blanks = !storedParsed.ok && storedParsed.incomplete ? storedParsed : undefined;
  const storedProblems = stored === undefined || storedParsed.ok || blanks ? [] : storedParsed.problems;
  const userDoc: Obj = storedParsed.ok
    ? (storedParsed.settings as unknown as Obj)
    : blanks
      ? (blanks.incomplete as unknown as Obj)
      : {};
  const userOff = blanks ? Object.fromEntries(blanks.problems.map((p) => [p.path.split('.')[0]!, null])) : {};
  const base = parseSettings({ ...userDoc, ...userOff }, { defaultCountry });
  if (!base.ok) throw new Error('defaults must always validate');

  const plain = {
    settings: base.settings,
    formSettings: blanks ? blanks.incomplete! : base.settings,
    storedProblems,
    incomplete: blanks ? blanks.problems : [],
  };
  if (!isObject(policy) || Object.keys(policy).length === 0) {
    return { ...plain, locked: [], policyProblems: [] };
  }
  // A policy key that does not validate is ignored alone, and shown; the rest of the policy (the admin's
  // locked provider, `confirm`, `blockedSites`) still applies (issue 15). Each round drops the policy values the
  // problems lie in; a document has only so many keys, so this ends.
  const effective: Obj = structuredClone(policy);
  const ignored: SettingsProblem[] = [];
  for (let round = 0; round < 50; round++) {
    const locked = policyPaths(effective);
    const overlaid = overlayPolicy(userDoc, effective);
    const merged = parseSettings(overlaid, { defaultCountry });
    const policyProblems = ignored;
    if (merged.ok) {
      return {
        ...plain,
        settings: merged.settings,
        formSettings: merged.settings,
        locked,
        policyProblems,
        incomplete: [],
      };
    }
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
          policyProblems,
          incomplete: merged.problems,
        };
      }
    }
    let dropped = false;
    for (const problem of merged.problems) {
      const at = policyValueAt(policyPaths(effective), problem.path);
      if (at === undefined) continue;
      deletePath(effective, at);
      dropped = true;
      ignored.push({ path: problem.path, message: `(managed policy, ignored) ${problem.message}` });
    }
    if (!dropped) break;
  }
  // Problems that are no policy value's alone (the policy and the stored document disagree): ignore it whole.
  const merged = parseSettings(overlayPolicy(userDoc, policy), { defaultCountry });
  return {
    ...plain,
    locked: [],
    policyProblems: merged.ok
      ? ignored
      : merged.problems.map((p) => ({ path: p.path, message: `(managed policy) ${p.message}` })),
  };
}

/** True when `path` or one of its parents is locked by policy. */
export function isLocked(locked: readonly string[], path: string): boolean {
  return locked.some((l) => path === l || path.startsWith(`${l}.`) || l.startsWith(`${path}.`));
}
