import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PROVIDERS } from '@/lib/providers/registry';
import { CALL_LOG_FIELDS, PROVIDER_FIELDS, PROVIDER_TYPES } from '@/lib/settings/schema';
import { providerFieldViews, providerTextKeys } from '@/lib/ui/fields';
import { SIM_PROVIDERS } from '@/tests/sim/providers';

const root = new URL('../../', import.meta.url);
const readme = readFileSync(new URL('README.md', root), 'utf8');
/** The README's provider list: the `###` sections under `## Providers`. */
const providerSections = (readme.split(/^## Providers$/m)[1] ?? '').split(/^## /m)[0]!;
const locales = readdirSync(new URL('public/_locales/', root));
const messages = Object.fromEntries(
  locales.map((l) => [
    l,
    JSON.parse(readFileSync(new URL(`public/_locales/${l}/messages.json`, root), 'utf8')) as Record<string, unknown>,
  ]),
);
const simNames = SIM_PROVIDERS.map((f) => f().name);

describe('every provider is wired everywhere', () => {
  it.each(PROVIDER_TYPES)('%s: in the registry, under its own type', (type) => {
    expect(PROVIDERS[type]).toBeDefined();
    expect(PROVIDERS[type].type).toBe(type);
    expect(PROVIDERS[type].label.length).toBeGreaterThan(2);
  });

  it('the registry holds nothing the settings schema does not know', () => {
    expect(Object.keys(PROVIDERS).sort()).toEqual(Object.keys(PROVIDER_FIELDS).sort());
  });

  it.each([...PROVIDER_TYPES, ...Object.keys(CALL_LOG_FIELDS)])('%s: has a simulator', (type) => {
    expect(simNames).toContain(type);
  });

  it.each(PROVIDER_TYPES.map((t) => [t, PROVIDERS[t].label] as const))(
    '%s: has a setup section in the README',
    (_type, label) => {
      const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      expect(readme).toMatch(new RegExp(`^### ${escaped}`, 'm'));
      expect(providerSections, 'in the list under "## Providers"').toMatch(new RegExp(`^### ${escaped}`, 'm'));
    },
  );

  it.each(PROVIDER_TYPES)('%s: named, introduced and its fields labelled and explained in every locale', (type) => {
    const keys = Object.values(providerTextKeys(type));
    for (const field of providerFieldViews(type)) keys.push(field.labelKey, field.helpKey);
    for (const locale of locales) {
      for (const key of keys) expect(messages[locale], `${locale}: ${key}`).toHaveProperty([key]);
    }
  });

  it.each(PROVIDER_TYPES)('%s: one file in lib/providers and one simulator file in tests/sim', (type) => {
    expect(existsSync(new URL(`lib/providers/${type}.ts`, root))).toBe(true);
    expect(existsSync(new URL(`tests/sim/${type}.ts`, root))).toBe(true);
  });

  it('the README says which files a new provider touches, and they exist', () => {
    const section = (readme.split(/^### Adding a provider$/m)[1] ?? '').split(/^##/m)[0]!;
    const files = [...section.matchAll(/`((?:lib|tests|public)\/[^`]+|README\.md)`/g)].map((m) => m[1]!);
    expect(files).toEqual(
      expect.arrayContaining([
        'lib/providers/<type>.ts',
        'lib/providers/registry.ts',
        'tests/sim/<type>.ts',
        'tests/sim/providers.ts',
        'public/_locales/*/messages.json',
        'README.md',
      ]),
    );
    for (const file of files.filter((f) => !/[<*]/.test(f))) expect(existsSync(new URL(file, root)), file).toBe(true);
  });
});
