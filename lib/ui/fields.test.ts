import { describe, expect, it } from 'vitest';
import { CALL_LOG_FIELDS, PROVIDER_FIELDS, PROVIDER_TYPES } from '@/lib/settings/schema';
import { callLogFieldViews, providerFieldViews, typeKey } from './fields';

describe('field views', () => {
  it.each(PROVIDER_TYPES)('covers every %s field in schema order', (type) => {
    expect(providerFieldViews(type).map((f) => f.name)).toEqual(Object.keys(PROVIDER_FIELDS[type]));
    for (const f of providerFieldViews(type)) expect(f.path).toBe(`provider.${f.name}`);
  });

  it('covers the call log fields', () => {
    expect(callLogFieldViews().map((f) => f.path)).toEqual(
      Object.keys(CALL_LOG_FIELDS.helpdeskeddy).map((n) => `callLog.${n}`),
    );
  });

  it('masks secrets and marks only fields without a default and not optional as required', () => {
    const maxotel = Object.fromEntries(providerFieldViews('maxotel').map((f) => [f.name, f]));
    expect(maxotel.apiKey).toMatchObject({ input: 'password', required: true });
    expect(maxotel.baseUrl).toMatchObject({ input: 'url', required: false });
    expect(maxotel.extension).toMatchObject({ input: 'tel', required: true });
    const kazoo = Object.fromEntries(providerFieldViews('kazoo').map((f) => [f.name, f]));
    expect(kazoo.apiKey).toMatchObject({ required: false });
    const custom = Object.fromEntries(providerFieldViews('custom').map((f) => [f.name, f]));
    expect(custom.url!.input).toBe('text');
    expect(custom.method).toMatchObject({ input: 'select', options: ['GET', 'POST', 'PUT'] });
    expect(custom.headers!.input).toBe('textarea');
  });

  it('builds message names from characters Chrome allows', () => {
    expect(typeKey('yeastar-s')).toBe('yeastar_s');
    for (const type of PROVIDER_TYPES) {
      for (const f of providerFieldViews(type)) expect(f.labelKey).toMatch(/^[A-Za-z0-9_@]+$/);
    }
  });
});
