import { describe, expect, it } from 'vitest';
import {
  countriesNamedIn,
  classifyLabel,
  countryHint,
  findDecoys,
  hasWrittenTrunkPrefix,
  isbnValid,
  isPaginationRun,
  isPlaceholderNumber,
  isPlausibleDate,
  luhnValid,
} from './context-rules';

const decoys = (run: string): string[] => {
  const out: number[] = [];
  findDecoys(run, run.replace(/\D/g, '').length, out);
  const parts: string[] = [];
  for (let i = 0; i < out.length; i += 2) parts.push(run.slice(out[i], out[i + 1]));
  return parts;
};

describe('classifyLabel', () => {
  it.each([
    'Tel: ',
    'Tel. ',
    'Phone ',
    'Call us today at ',
    'Mobile: ',
    'Fax ',
    'Telefon: ',
    'Téléphone : ',
    'Tél. ',
    '電話',
    'TEL',
    'Phone No. ',
    'Tel.-Nr. ',
    'T: ',
  ])('%j is a phone label', (before) => expect(classifyLabel(before)).toBe('phone'));
  it.each([
    'Order #',
    'Order number: ',
    'Invoice No. ',
    'SKU ',
    'Tracking ID: ',
    'Customer ID ',
    '#',
    'No. ',
    'Nr. ',
    'N° ',
    'ISBN ',
    'Ref. ',
  ])('%j is an identifier label', (before) => expect(classifyLabel(before)).toBe('identifier'));
  it.each(['', 'Jane Doe ', 'Account manager: ', 'Customer service ', 'Tel: 030 123, also ', 'I think a '])(
    '%j is no label',
    (before) => expect(classifyLabel(before)).toBeNull(),
  );
  it('lets the nearest label win', () => {
    expect(classifyLabel('Phone orders: Order #')).toBe('identifier');
    expect(classifyLabel('Order questions? Call ')).toBe('phone');
  });
});

describe('findDecoys', () => {
  it('finds dates and date ranges but not dotted phone numbers', () => {
    expect(decoys('2024-01-15')).toEqual(['2024-01-15']);
    expect(decoys('15.01.2024 - 20.01.2024')).toEqual(['15.01.2024 - 20.01.2024']);
    expect(decoys('06.12.34.56.78')).toEqual([]);
    expect(decoys('45.67.2024')).toEqual([]); // no month 67
  });
  it('finds times, IPs, versions, coordinates, cards, ZIP ranges and timestamps', () => {
    expect(decoys('9.00 - 17.30')).toEqual(['9.00 - 17.30']);
    expect(decoys('192.168.100.200')).toEqual(['192.168.100.200']);
    expect(decoys('10.0.19045')).toEqual(['10.0.19045']);
    expect(decoys('37.7749 -122.4194')).toEqual(['37.7749 -122.4194']);
    expect(decoys('4111 1111 1111 1111')).toEqual(['4111 1111 1111 1111']);
    expect(decoys('94000-94999')).toEqual(['94000-94999']);
    expect(decoys('1705312345')).toEqual(['1705312345']);
  });
  it('leaves phone shapes alone', () => {
    for (const run of [
      '415.555.0132',
      '(415) 555-0132',
      '01 23 45 67 89',
      '+1.415.555.0132',
      '06221-12345',
      '0171 1234 5678',
    ]) {
      expect(decoys(run)).toEqual([]);
    }
  });
});

describe('checksums and shapes', () => {
  it('luhnValid', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
  });
  it('isbnValid', () => {
    expect(isbnValid('978-0-306-40615-7')).toBe(true);
    expect(isbnValid('0-306-40615-2')).toBe(true);
    expect(isbnValid('0-306-40615-3')).toBe(false);
  });
  it('isPlausibleDate', () => {
    expect(isPlausibleDate('01/15/2024')).toBe(true);
    expect(isPlausibleDate('15.01.2024')).toBe(true);
    expect(isPlausibleDate('13.13.2024')).toBe(false);
    expect(isPlausibleDate('2024-13-01')).toBe(false);
  });
  it('isPaginationRun', () => {
    expect(isPaginationRun(['1', '2', '3', '4', '5'])).toBe(true);
    expect(isPaginationRun(['01', '23', '45', '67', '89'])).toBe(false);
    expect(isPaginationRun(['1', '2', '3'])).toBe(false);
  });
});

describe('classifyLabel: corpus-3 cases', () => {
  it.each(['Home:', 'Work: ', 'Office: ', 'Puh. ', 'GSM ', 'Celular: '])('%j is a phone label', (before) =>
    expect(classifyLabel(before)).toBe('phone'),
  );
  it.each(['C.F. ', 'P. O. ', 'Back home ', 'At work we ', 'Old number ', 'Our new number: ', 'unsere Nummer '])(
    '%j is no label',
    (before) => expect(classifyLabel(before)).toBeNull(),
  );
  it.each(['Référence client ', 'Numéro de dossier ', 'Order number ', 'Your order number: ', 'Number: '])(
    '%j is an identifier label',
    (before) => expect(classifyLabel(before)).toBe('identifier'),
  );
});

describe('findDecoys: dotted thousands', () => {
  it('finds 10+ digit counts grouped by dots, not phone numbers or IPs twice', () => {
    expect(decoys('4.155.550.164')).toEqual(['4.155.550.164']);
    expect(decoys('1.234.567.890')).toEqual(['1.234.567.890']);
    expect(decoys('192.168.100.200')).toEqual(['192.168.100.200']);
    expect(decoys('912.345.678')).toEqual([]); // a Spanish phone number written with dots
    expect(decoys('0.412.345.678')).toEqual([]);
  });
});

describe('hasWrittenTrunkPrefix', () => {
  it('wants the 0 where the country always writes it', () => {
    expect(hasWrittenTrunkPrefix('FR', '123456789')).toBe(false);
    expect(hasWrittenTrunkPrefix('FR', '0123456789')).toBe(true);
    expect(hasWrittenTrunkPrefix('DE', '20240815')).toBe(false);
    expect(hasWrittenTrunkPrefix('GB', '00442079460000')).toBe(true); // international prefix
  });
  it('accepts service numbers written without it, and countries without the habit', () => {
    expect(hasWrittenTrunkPrefix('AU', '1300975707')).toBe(true);
    expect(hasWrittenTrunkPrefix('AU', '123456782')).toBe(false);
    expect(hasWrittenTrunkPrefix('IE', '1800555012')).toBe(true);
    expect(hasWrittenTrunkPrefix('IN', '9876543210')).toBe(true);
    expect(hasWrittenTrunkPrefix('IT', '3471234567')).toBe(true);
  });
});

describe('isPlaceholderNumber', () => {
  it('is true when the last eight digits are one digit', () => {
    expect(isPlaceholderNumber('+442000000000')).toBe(true);
    expect(isPlaceholderNumber('+33899999999')).toBe(true);
    expect(isPlaceholderNumber('+18002222222')).toBe(false);
    expect(isPlaceholderNumber('+14155550132')).toBe(false);
  });
});

describe('countryHint', () => {
  it.each([
    ['UK: ', 'GB'],
    ['Phone (UK) ', 'GB'],
    ['London office: ', 'GB'],
    ['Germany (Berlin): ', 'DE'],
    ['New Zealand customers call ', 'NZ'],
    ['Niederlassung Österreich: ', 'AT'],
    ['UK: 020 7946 0411 · Australia: ', 'AU'],
  ])('%j names %s', (before, country) => expect(countryHint(before)).toBe(country));
  it.each([
    '',
    'Call us at ',
    'Germany 2024: ', // a number in between labels that one
    'made in germany: ', // names are capitalised
    'Zealand: ', // "New" is missing
    'Constructor: ', // not an Object.prototype key
    'IT support: ', // "IT" is a word, not a country code here
    'Australia, and after a long detour, call: ', // more than 32 characters back
  ])('%j names no country', (before) => expect(countryHint(before)).toBeNull());
});

describe('countriesNamedIn (issue 10: a page that says nothing in its host or lang)', () => {
  it('counts country and city names, currency signs, UK postcodes and one-country scripts', () => {
    expect(countriesNamedIn('Pennine & Co, Leeds LS1 5AB, England. Prices in £. Also New Zealand.')).toEqual(
      new Map([
        ['GB', 4],
        ['NZ', 1],
      ]),
    );
    expect(countriesNamedIn('Offices in Mumbai and Bengaluru, fees in ₹')).toEqual(new Map([['IN', 3]]));
    expect(countriesNamedIn('CS CENTER 고객센터')).toEqual(new Map([['KR', 5]]));
  });

  it('ignores lower-case words and words that only look like codes', () => {
    expect(countriesNamedIn('the london look, IT support, CONTACT US')).toEqual(new Map());
  });
});
