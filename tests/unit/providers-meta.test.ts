import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PROVIDERS } from '@/lib/providers/registry';
import { CALL_LOG_FIELDS, PROVIDER_FIELDS, PROVIDER_TYPES } from '@/lib/settings/schema';
import { SIM_PROVIDERS } from '@/tests/sim/providers';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
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
    },
  );
});
