/** Country names for the default-country picker and the popup, in the UI language. */
import { getCountries } from 'libphonenumber-js/min';

/** A function naming a country code in `locale` ("DE" → "Germany" / "Deutschland"); the code when unknown. */
export function countryNamer(locale: string): (code: string) => string {
  let names: Intl.DisplayNames | undefined;
  // A malformed locale tag makes the constructor throw; English names beat bare codes then.
  for (const locales of [[locale, 'en'], ['en']]) {
    try {
      names = new Intl.DisplayNames(locales, { type: 'region' });
      break;
    } catch {
      names = undefined;
    }
  }
  return (code) => {
    try {
      return names?.of(code.toUpperCase()) ?? code;
    } catch {
      return code;
    }
  };
}

/** Every country libphonenumber knows, sorted by name in `locale`. */
export function countryOptions(locale: string): { code: string; name: string }[] {
  const name = countryNamer(locale);
  let collator: Intl.Collator;
  try {
    collator = new Intl.Collator(locale);
  } catch {
    collator = new Intl.Collator('en');
  }
  return getCountries()
    .map((code) => ({ code, name: name(code) }))
    .sort((a, b) => collator.compare(a.name, b.name));
}
