import { describe, expect, it } from 'vitest';
import { inferPageCountry } from './page-country';

const infer = (lang: string | null | undefined, host: string, fallback = 'US'): string =>
  inferPageCountry({ lang, host, fallback });

describe('inferPageCountry', () => {
  it('takes the region of the lang attribute first, over the TLD and the language', () => {
    expect(infer('de-AT', 'example.de')).toBe('AT');
    expect(infer('en-GB', 'example.com')).toBe('GB');
    expect(infer('fr_CA', 'example.fr')).toBe('CA');
    expect(infer('pt-br', 'example.com')).toBe('BR');
  });

  it('reads the region after a script subtag, and maps the non-ISO "UK" to GB', () => {
    expect(infer('zh-Hant-TW', 'example.com')).toBe('TW');
    expect(infer('en-UK', 'example.com')).toBe('GB');
  });

  it('ignores numeric regions such as es-419 and falls through to the TLD', () => {
    expect(infer('es-419', 'tienda.mx')).toBe('MX');
  });

  it('uses the host country-code TLD when lang has no region', () => {
    expect(infer('de', 'www.beispiel.at')).toBe('AT');
    expect(infer(null, 'shop.example.de')).toBe('DE');
    expect(infer('', 'www.example.co.uk')).toBe('GB');
    expect(infer(undefined, 'gov.uk')).toBe('GB');
    expect(infer('en', 'example.com.au.')).toBe('AU');
  });

  it('skips country-code TLDs used as generic names, IP addresses and single-label hosts', () => {
    expect(infer(null, 'startup.io', 'DE')).toBe('DE');
    expect(infer(null, 'stream.tv', 'FR')).toBe('FR');
    expect(infer(null, 'news.co', 'GB')).toBe('GB');
    expect(infer(null, '192.168.1.20', 'CH')).toBe('CH');
    expect(infer(null, 'localhost', 'NL')).toBe('NL');
  });

  it('uses a language spoken in one country when neither region nor TLD tells', () => {
    expect(infer('de', 'example.com')).toBe('DE');
    expect(infer('fr', 'example.org')).toBe('FR');
    expect(infer('ja', 'example.com')).toBe('JP');
    expect(infer('nl', 'example.com')).toBe('NL');
    expect(infer('sv-x-private', 'example.com')).toBe('SE');
  });

  it('does not guess a country from ambiguous languages', () => {
    for (const lang of ['en', 'es', 'ar', 'pt', 'zh']) expect(infer(lang, 'example.com', 'IE')).toBe('IE');
  });

  it('falls back to the user default when the page says nothing', () => {
    expect(infer(null, 'example.com', 'AU')).toBe('AU');
  });
});
