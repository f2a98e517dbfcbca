import { describe, expect, it } from 'vitest';
import { inferPageCountry, pageCountries } from './page-country';

const infer = (lang: string | null | undefined, host: string, fallback = 'US'): string =>
  inferPageCountry({ lang, host, fallback });

describe('inferPageCountry', () => {
  it('takes the host TLD first, then the region of the lang attribute, then the language (issue 10)', () => {
    // Templates copy `lang` wrongly; a country-code TLD is the business's own choice.
    expect(infer('de-AT', 'example.de')).toBe('DE');
    expect(infer('en-GB', 'example.com')).toBe('GB');
    expect(infer('fr_CA', 'example.fr')).toBe('FR');
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

describe('pageCountries: the hypotheses for a page, strongest evidence first (issue 10)', () => {
  it("orders TLD, the page's own +CC countries, lang region, language, then the user's country, each once", () => {
    expect(pageCountries({ lang: 'en-GB', host: 'www.example.com.au', fallback: 'US', explicit: ['AU'] })).toEqual([
      'AU',
      'GB',
      'US',
    ]);
    expect(pageCountries({ lang: 'de-AT', host: 'shop.example.de', fallback: 'US', explicit: ['CH', 'AT'] })).toEqual([
      'DE',
      'CH',
      'AT',
      'US',
    ]);
  });

  it('keeps a lying lang as one hypothesis among others, never the only one', () => {
    // An American firm on a WordPress template with lang="en-gb": GB is tried, then the user's US.
    expect(pageCountries({ lang: 'en-gb', host: 'www.acme-plumbing.com', fallback: 'US' })).toEqual(['GB', 'US']);
    // A Canadian .ca site with the same template: CA first.
    expect(pageCountries({ lang: 'en-gb', host: 'www.maple.ca', fallback: 'US' })).toEqual(['CA', 'GB', 'US']);
  });

  it("puts an Australian firm on .com with its +61 numbers ahead of the user's US", () => {
    expect(pageCountries({ lang: null, host: 'www.sydneyfirm.com', fallback: 'US', explicit: ['AU'] })).toEqual([
      'AU',
      'US',
    ]);
  });

  it("tries at most four of the page's +CC countries (an office list names many)", () => {
    const explicit = ['GB', 'DE', 'FR', 'JP', 'IN', 'BR'];
    expect(pageCountries({ lang: 'en', host: 'global.example.com', fallback: 'US', explicit })).toEqual([
      'GB',
      'DE',
      'FR',
      'JP',
      'US',
    ]);
  });

  it('skips generic-use TLDs and language codes that name no one country', () => {
    expect(pageCountries({ lang: 'es', host: 'startup.io', fallback: 'MX' })).toEqual(['MX']);
  });
});

describe('pageCountries: a language is no hypothesis beside a country-code host', () => {
  it('reads German on ".at" as Austrian only (a number invalid there is not tried as German)', () => {
    expect(pageCountries({ lang: 'de', host: 'www.kanzlei.at', fallback: 'AT' })).toEqual(['AT']);
    expect(pageCountries({ lang: 'de', host: 'www.kanzlei.com', fallback: 'US' })).toEqual(['DE', 'US']);
  });
});
