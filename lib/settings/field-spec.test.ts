import { describe, expectTypeOf, it } from 'vitest';
import type { FieldTable, SettingsFrom } from './field-spec';
import type { CustomProvider } from '../providers/custom';
import type { ThreeCxProvider } from '../providers/3cx';

describe("SettingsFrom reads a provider's settings off its field table", () => {
  it('gives each field the value its kind holds, and the type its own literal', () => {
    const _fields = {
      baseUrl: { kind: 'url' },
      headers: { kind: 'headers', default: {} },
      method: { kind: 'method', default: 'GET' },
      note: { kind: 'optionalText', default: '' },
    } satisfies FieldTable;
    expectTypeOf<SettingsFrom<'x', typeof _fields>>().toEqualTypeOf<
      { type: 'x' } & {
        baseUrl: string;
        headers: Record<string, string>;
        method: 'GET' | 'POST' | 'PUT';
        note: string;
      }
    >();
  });

  it('so the provider files declare each field once', () => {
    expectTypeOf<CustomProvider['headers']>().toEqualTypeOf<Record<string, string>>();
    expectTypeOf<CustomProvider['method']>().toEqualTypeOf<'GET' | 'POST' | 'PUT'>();
    expectTypeOf<ThreeCxProvider>().toEqualTypeOf<
      { type: '3cx' } & { baseUrl: string; clientId: string; clientSecret: string; extension: string }
    >();
  });
});
