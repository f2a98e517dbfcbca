/**
 * Every locale has every message, with the same substitutions; every message name the code uses exists;
 * and no message lies unused. Names are found by reading the source for `t('…')` / `msg('…')` calls and
 * `__MSG_…__` manifest references, plus the names lib/ui builds at run time (field labels and help).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { dynamicFieldMessageKeys } from '@/lib/ui/fields';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const LOCALES_DIR = join(ROOT, 'public/_locales');

type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;

const locales = readdirSync(LOCALES_DIR).filter((d) => statSync(join(LOCALES_DIR, d)).isDirectory());
const messages: Record<string, Messages> = Object.fromEntries(
  locales.map((l) => [l, JSON.parse(readFileSync(join(LOCALES_DIR, l, 'messages.json'), 'utf8')) as Messages]),
);
const english = messages.en!;

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(path);
  }
  return out;
}

/** Message names used in code: literal `t('x')`, `msg('x')`, `getMessage('x')` and `__MSG_x__`. */
function usedNames(): Map<string, string> {
  const used = new Map<string, string>();
  const files = [
    ...['entrypoints', 'components', 'lib'].flatMap((d) => sourceFiles(join(ROOT, d))),
    join(ROOT, 'wxt.config.ts'),
  ];
  const patterns = [/\b(?:t|msg|getMessage)\(\s*'([A-Za-z0-9_@]+)'/g, /__MSG_([A-Za-z0-9_@]+)__/g];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const re of patterns) for (const m of text.matchAll(re)) used.set(m[1]!, relative(ROOT, file));
  }
  for (const key of dynamicFieldMessageKeys()) used.set(key, 'lib/ui/fields.ts (built at run time)');
  return used;
}

/** The substitution numbers a message uses ($1, $2 …), through its placeholders. */
function substitutions(entry: Messages[string]): string[] {
  return Object.values(entry.placeholders ?? {})
    .map((p) => p.content)
    .sort();
}

describe('locales', () => {
  it('has English and German', () => {
    expect(locales).toEqual(expect.arrayContaining(['en', 'de']));
  });

  it('keeps the manifest messages', () => {
    for (const key of ['extName', 'extDescription', 'actionTitle', 'commandCallSelection']) {
      expect(english[key]?.message, key).toBeTruthy();
    }
  });

  it.each(locales)('%s has exactly the English names, each non-empty, with the same substitutions', (locale) => {
    const own = messages[locale]!;
    expect(Object.keys(own).sort()).toEqual(Object.keys(english).sort());
    for (const [key, entry] of Object.entries(own)) {
      expect(entry.message.trim(), `${locale}: ${key}`).not.toBe('');
      expect(substitutions(entry), `${locale}: ${key}`).toEqual(substitutions(english[key]!));
    }
  });

  it.each(locales)('%s refers only to placeholders it defines', (locale) => {
    for (const [key, entry] of Object.entries(messages[locale]!)) {
      const refs = [...entry.message.matchAll(/\$([A-Za-z0-9_@]+)\$/g)].map((m) => m[1]!.toLowerCase());
      const defined = Object.keys(entry.placeholders ?? {}).map((p) => p.toLowerCase());
      for (const ref of refs) expect(defined, `${locale}: ${key} uses $${ref}$`).toContain(ref);
    }
  });
});

describe('message names in code', () => {
  const used = usedNames();

  it('finds the names the pages use (the scan works)', () => {
    expect(used.get('popup_call')).toMatch(/entrypoints\/popup/);
    expect(used.get('extName')).toBeDefined();
    expect(used.size).toBeGreaterThan(100);
  });

  it('every name used exists in English (and so, by the test above, in every locale)', () => {
    const missing = [...used].filter(([key]) => !english[key]).map(([key, file]) => `${key} (${file})`);
    expect(missing).toEqual([]);
  });

  it('every English message is used somewhere', () => {
    expect(Object.keys(english).filter((key) => !used.has(key))).toEqual([]);
  });
});

describe('what the background tells the user', () => {
  // Notifications, the dial's answer (the popup's last error, the history) and the badge are built here; their
  // words must come from the locale table (issue 16: German users got an English "Call failed").
  const files = [
    ...['service', 'connection', 'number', 'sources', 'status', 'emergency', 'confirm'].map((f) => `lib/dial/${f}.ts`),
    'entrypoints/confirm/main.ts',
    ...['notifications', 'commands', 'menus', 'omnibox', 'badge', 'start'].map((f) => `entrypoints/background/${f}.ts`),
  ];

  it.each(files)('%s gives no user text as a string literal', (file) => {
    const code = readFileSync(join(ROOT, file), 'utf8');
    const literal = /\b(title|message|detail|description|contextMessage|heading):\s*['"`]/g;
    expect([...code.matchAll(literal)].map((m) => m[0])).toEqual([]);
  });
});
