/** What each options section gets from the page: the form, how to change it, its problems and locks. */
import type { SettingsProblem } from '@/lib/settings/validate';
import type { FormState } from '@/lib/ui/form';

export interface FormApi {
  form: FormState;
  update(change: (form: FormState) => FormState): void;
  /** Marks a field as edited, so its problems show from now on. */
  touch(path: string): void;
  /** Problems to show at a field now (only once it was edited or a save was tried). */
  errorsAt(path: string): string[];
  /** Set by the admin's policy. */
  locked(path: string): boolean;
  /** The settings document the form describes now (maybe invalid). */
  document: Record<string, unknown>;
  problems: SettingsProblem[];
}

/** The DOM id of the control that edits `path` (`provider.apiKey` → `f-provider-apiKey`). */
export function fieldId(path: string): string {
  return `f-${path.replace(/[^A-Za-z0-9]+/g, '-')}`;
}
