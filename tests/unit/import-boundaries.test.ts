/**
 * The import-boundary rule in eslint.config.js (lib/README.md) is checked here on snippets, so it cannot vanish or
 * go blind without a failing test: a config edit that drops a layer, or a new lib/ folder left out of the layers.
 */
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const CONFIG = join(ROOT, 'eslint.config.js');
let eslint: ESLint;
let layers: string[][];

/** The no-restricted-imports messages ESLint gives `source` imported from `file` (relative to the root). */
async function boundaryErrors(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(`import { x } from '${source}';\nexport const y = x;\n`, {
    filePath: join(ROOT, file),
  });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

beforeAll(async () => {
  eslint = new ESLint({ cwd: ROOT });
  ({ LIB_LAYERS: layers } = (await import(/* @vite-ignore */ CONFIG)) as { LIB_LAYERS: string[][] });
});

describe('import boundaries', () => {
  it('puts every folder of lib/ in a layer', () => {
    const folders = readdirSync(join(ROOT, 'lib')).filter((d) => statSync(join(ROOT, 'lib', d)).isDirectory());
    expect(folders.filter((d) => !layers.flat().includes(d))).toEqual([]);
  });

  it.each([
    ['lib/dial/x.ts', '../page/clicks'],
    ['lib/dial/x.ts', '../messages'],
    ['lib/dial/x.ts', '@/lib/ui/form'],
    ['lib/settings/validate.ts', '../providers/custom'],
    ['lib/providers/x.ts', '../settings/schema'],
    ['lib/calllog/x.ts', '../providers/http'],
    ['lib/ui/x.ts', '../page/clicks'],
    ['lib/phone/x.ts', '../net/http'],
    ['lib/net/x.ts', '@/lib/settings/schema'],
    ['lib/page/x.ts', '@/components/Field'],
    ['lib/page/x.ts', '../../tests/corpus/page-corpus'],
    ['lib/phone/x.ts', 'vitest'],
    ['entrypoints/background/x.ts', '@/components/Field'],
    ['entrypoints/content/start.ts', 'preact'],
  ])('refuses %s importing %s', async (file, source) => {
    expect(await boundaryErrors(file, source)).toHaveLength(1);
  });

  it.each([
    ['lib/settings/validate.ts', '../providers/registry'],
    ['lib/providers/x.ts', '../settings/field-spec'],
    ['lib/providers/x.ts', '../net/http'],
    ['lib/calllog/x.ts', '../net/http'],
    ['lib/dial/x.ts', './types'],
    ['lib/dial/x.ts', '../settings/permissions'],
    ['lib/messages.ts', './dial/types'],
    ['lib/page/x.ts', '../messages'],
    ['lib/page/page-numbers.ts', './page-numbers-view'],
    ['lib/ui/x.ts', '@/lib/i18n/text'],
    ['lib/dial/service.test.ts', '@/tests/unit/support/dial-fakes'],
    ['entrypoints/content/start.ts', '@/lib/i18n/translate'],
    ['entrypoints/options/App.tsx', '@/components/Field'],
  ])('lets %s import %s', async (file, source) => {
    expect(await boundaryErrors(file, source)).toEqual([]);
  });
});
