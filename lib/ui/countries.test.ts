import { describe, expect, it } from 'vitest';
import { countryNamer, countryOptions } from './countries';

describe('countries', () => {
  it('names countries in the UI language', () => {
    expect(countryNamer('de')('DE')).toBe('Deutschland');
    expect(countryNamer('en')('gb')).toBe('United Kingdom');
  });

  it('falls back to the code for what it cannot name', () => {
    expect(countryNamer('en')('not-a-region')).toBe('not-a-region');
    expect(countryNamer('!!')('FR')).toBe('France');
  });

  it('lists every country libphonenumber knows, sorted by name', () => {
    const options = countryOptions('en');
    expect(options.length).toBeGreaterThan(200);
    const names = options.map((o) => o.name);
    expect(names).toEqual([...names].sort(new Intl.Collator('en').compare));
    expect(options.find((o) => o.code === 'AU')?.name).toBe('Australia');
  });
});

describe('countryOptions with a malformed locale', () => {
  it('still lists, in English', () => {
    expect(countryOptions('!!').find((o) => o.code === 'FR')?.name).toBe('France');
  });
});
