import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, migrateToCurrent, runMigrations, type Migration } from './index';
import { SETTINGS_VERSION } from '../schema';
import { parseSettings } from '../validate';

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../../tests/fixtures/settings/${name}`, import.meta.url), 'utf8'));

describe('settings migrations', () => {
  it('has one step for every version below the current one', () => {
    for (let v = 1; v < SETTINGS_VERSION; v++) expect(MIGRATIONS[v], `migration from v${v}`).toBeTypeOf('function');
  });

  it('reads the version 1 fixture as it is', () => {
    const doc = fixture('v1-full.json');
    expect(migrateToCurrent(doc)).toEqual({ ok: true, document: doc });
    expect(parseSettings(doc).ok).toBe(true);
  });

  it('runs every step in order from an old version', () => {
    const steps: Record<number, Migration> = {
      1: (d) => ({ ...d, renamed: d.old, old: undefined }),
      2: (d) => ({ ...d, extra: 'added in v3' }),
    };
    const result = runMigrations({ version: 1, old: 'x' }, steps, 3);
    expect(result).toEqual({ ok: true, document: { version: 3, renamed: 'x', old: undefined, extra: 'added in v3' } });
  });

  it('starts from the document version, skipping earlier steps', () => {
    const steps: Record<number, Migration> = {
      1: () => {
        throw new Error('must not run');
      },
      2: (d) => ({ ...d, b: true }),
    };
    expect(runMigrations({ version: 2 }, steps, 3)).toEqual({ ok: true, document: { version: 3, b: true } });
  });

  it('reports a missing step and a failing step without partial results', () => {
    expect(runMigrations({ version: 1 }, {}, 2)).toEqual({
      ok: false,
      message: 'no migration from settings version 1 to 2',
    });
    const failing = runMigrations(
      { version: 1 },
      {
        1: () => {
          throw new Error('bad shape');
        },
      },
      2,
    );
    expect(failing).toEqual({ ok: false, message: 'could not migrate from version 1: bad shape' });
  });

  it('does not change the input document', () => {
    const doc = { version: 1, a: 1 };
    runMigrations(doc, { 1: (d) => ({ ...d, a: 2 }) }, 2);
    expect(doc).toEqual({ version: 1, a: 1 });
  });
});
