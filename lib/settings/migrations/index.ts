import { SETTINGS_VERSION } from '../schema';

/**
 * Settings migrations: one file per step, `vN-to-vN+1.ts`, each a pure function from the version-N
 * document to the version-N+1 one, with a fixture of a version-N document and a test of the step.
 * Version 1 is the first published version, so the table is empty; the runner is tested with a fake table.
 */
export type Migration = (document: Record<string, unknown>) => Record<string, unknown>;

/** Keyed by the version a step upgrades from. */
export const MIGRATIONS: Readonly<Record<number, Migration>> = {};

export type MigrationResult = { ok: true; document: Record<string, unknown> } | { ok: false; message: string };

/** Brings a document of any known version up to `current`; a missing version means the current one. */
export function runMigrations(
  document: Record<string, unknown>,
  migrations: Readonly<Record<number, Migration>>,
  current: number,
): MigrationResult {
  const version = document.version ?? current;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { ok: false, message: `must be a whole number such as ${current}, got ${JSON.stringify(version)}` };
  }
  if (version > current) {
    return {
      ok: false,
      message: `this document is settings version ${version}, written by a newer PBX Click-to-Dial; this one reads up to version ${current}. Update the extension.`,
    };
  }
  let doc: Record<string, unknown> = { ...document, version };
  for (let v = version; v < current; v++) {
    const step = migrations[v];
    if (!step) return { ok: false, message: `no migration from settings version ${v} to ${v + 1}` };
    try {
      doc = { ...step(doc), version: v + 1 };
    } catch (error) {
      return { ok: false, message: `could not migrate from version ${v}: ${(error as Error).message}` };
    }
  }
  return { ok: true, document: doc };
}

export function migrateToCurrent(document: Record<string, unknown>): MigrationResult {
  return runMigrations(document, MIGRATIONS, SETTINGS_VERSION);
}
