import { describe, expect, it } from 'vitest';
import { isValidPhoneNumber } from 'libphonenumber-js/max';
import { expectRejectedByRule, found } from '../../tests/unit/support/found';

describe('findPhoneNumbers: labels', () => {
  it('does not link a bare digit run without a label (likely an order or account number)', () => {
    expect(isValidPhoneNumber('4155550132', 'US')).toBe(true);
    expect(found('4155550132', 'US')).toEqual([]);
    // Part of a longer string, or too short to be a whole national number with its trunk 0.
    expect(found('Reach 030123456789012', 'DE')).toEqual([]);
    expect(found('Lot 030123456', 'DE')).toEqual([]);
  });
  it('links a whole bare national number with its trunk 0 where people write them so, unless labelled otherwise', () => {
    expect(found('Reach 0301234567', 'DE')).toEqual([['0301234567', '+49301234567']]);
    expect(found('publié le 04/03/2024 · 0492990844', 'FR')).toEqual([['0492990844', '+33492990844']]);
    expect(found('I rang them (01174960623) twice', 'GB')).toEqual([['01174960623', '+441174960623']]);
    expect(found('投诉与建议 13912345678', 'CN')).toEqual([['13912345678', '+8613912345678']]);
    // Labelled as something else, not valid, or in a country that writes IDs like that: no.
    expectRejectedByRule('Kundennummer 0301234567', 'DE', '0301234567');
    expectRejectedByRule('S/N 0333684394', 'AU', '0333684394');
    expect(found('Ref 0412345678', 'AU')).toEqual([]);
    expect(found('0412345678', 'IT')).toEqual([]);
  });

  it.each([
    'Tel: ',
    'Phone ',
    'Call us at ',
    'Mobile: ',
    'Cell ',
    'Fax: ',
    'Telefon: ',
    'Téléphone : ',
    'Tél. ',
    'Phone No. ',
    'P: ',
  ])('links a bare digit run after the phone label %j', (label) => {
    expect(found(`${label}4155550132`, 'US')).toEqual([['4155550132', '+14155550132']]);
  });

  it('links a bare run glued to a Japanese label', () => {
    expect(found('電話0312345678', 'JP')).toEqual([['0312345678', '+81312345678']]);
  });

  it('never links a number that is only possible (not in an allocated range), even after a phone label', () => {
    // 07700 900xxx is Ofcom's range for drama: the right length, but not a valid UK mobile. Issue 10: a number
    // that is not valid in the country it is read in is neither linked nor dialled.
    expect(isValidPhoneNumber('07700 900123', 'GB')).toBe(false);
    expect(found('Mobile: 07700 900123', 'GB')).toEqual([]);
    expect(found('See 07700 900123', 'GB')).toEqual([]);
  });

  it('uses options.before for a label in the previous text node', () => {
    expect(found('4155550132', 'US', 'Tel.: ')).toEqual([['4155550132', '+14155550132']]);
    expect(found('415-555-0132', 'US', 'Order #')).toEqual([]);
  });

  it.each([
    'Order #',
    'Order number: ',
    'Invoice No. ',
    'SKU ',
    'Item ',
    'Tracking: ',
    'Ticket #',
    'RMA ',
    'Customer ID: ',
    'Account ',
    'Reference: ',
    '#',
    'No. ',
    'Nr. ',
    'Bestellnummer: ',
  ])('does not link a digit run after the identifier label %j', (label) => {
    expectRejectedByRule(`${label}415-555-0132`, 'US', '415-555-0132');
  });

  it('lets the nearest label decide', () => {
    expect(found('Phone orders: Order #415-555-0132', 'US')).toEqual([]);
    expect(found('Order questions? Call 415-555-0132', 'US')).toEqual([['415-555-0132', '+14155550132']]);
    // "Account manager" is not an account number label.
    expect(found('Account manager: (415) 555-0132', 'US')).toEqual([['(415) 555-0132', '+14155550132']]);
  });

  it('still links an international number after an identifier-like label', () => {
    expect(found('Customer service +1 415 555 0132', 'US')).toEqual([['+1 415 555 0132', '+14155550132']]);
  });

  it('does not link digits glued to letters or joined to a code', () => {
    expectRejectedByRule('ABC415-555-0132', 'US', '415-555-0132');
    expectRejectedByRule('INV-415-555-0132', 'US', '415-555-0132');
    expectRejectedByRule('Call 415-555-0132abc', 'US', '415-555-0132');
  });
});

describe('findPhoneNumbers: decoys', () => {
  it('dates', () => {
    expectRejectedByRule('Delivered 2024-01-15', 'DE', '2024-01-15');
    expectRejectedByRule('am 15.01.2024', 'AT', '15.01.2024');
    expectRejectedByRule('on 01/15/2024', 'IT', '01/15/2024');
    expectRejectedByRule('2024/01/15', 'DK', '2024/01/15');
  });

  it('date ranges', () => {
    expectRejectedByRule('vom 15.–20.01.2024', 'AT', '15.–20.01.2024');
    expect(found('01/15/2024-01/20/2024 and 15.01.2024 - 20.01.2024', 'AT')).toEqual([]);
  });

  it('times and time ranges written with dots', () => {
    expectRejectedByRule('Mo–Fr 9.00 - 17.30 Uhr', 'NL', '9.00 - 17.30');
    expectRejectedByRule('10.30 - 11.45', 'BE', '10.30 - 11.45');
  });

  it('IP addresses', () => {
    expectRejectedByRule('host 192.168.100.200', 'AT', '192.168.100.200');
  });

  it('version strings', () => {
    expectRejectedByRule('Windows 10.0.19045', 'BE', '10.0.19045');
    expectRejectedByRule('Chrome 120.0.6099.109', 'AT', '120.0.6099.109');
    expectRejectedByRule('release v4.18.2.1234', 'DE', '4.18.2.1234');
  });

  it('prices', () => {
    expectRejectedByRule('Total € 1 234 567', 'AT', '1 234 567');
    expectRejectedByRule('1 234 567,89 €', 'AT', '1 234 567');
    expectRejectedByRule('USD 415 555 0132', 'US', '415 555 0132');
  });

  it('card numbers, including the first groups of one', () => {
    expect(found('Card 4111 1111 1111 1111, 4111-1111-1111-1111', 'US')).toEqual([]);
    // Amex: 4-6-5, of which "3782 822463" alone is a valid GB number.
    expectRejectedByRule('Amex 3782 822463 10005', 'GB', '3782 822463');
  });

  it('ISBNs', () => {
    expectRejectedByRule('Book 0-306-40615-2', 'DE', '0-306-40615-2');
    expect(found('ISBN 0 306 40615 2', 'DE')).toEqual([]);
    expect(found('978-0-306-40615-7', 'DE')).toEqual([]);
  });

  it('IBANs', () => {
    expect(found('IBAN DE89 3704 0044 0532 0130 00', 'DE')).toEqual([]);
    expect(found('GB29 NWBK 6016 1331 9268 19', 'GB')).toEqual([]);
  });

  it('ZIP code ranges', () => {
    expectRejectedByRule('ZIPs 94000-94999', 'DE', '94000-94999');
    expectRejectedByRule('10000 - 19999', 'CN', '10000 - 19999');
  });

  it('pagination runs', () => {
    expectRejectedByRule('Pages 1 2 3 4 5 6 7', 'AT', '1 2 3 4 5 6 7');
  });

  it('Unix timestamps, even after a phone-looking label where numbers are written with a trunk 0', () => {
    expectRejectedByRule('Phone: 1705312345', 'DE', '1705312345');
    expectRejectedByRule('Tel 1705312345678', 'AT', '1705312345678');
    // A São Paulo number after a phone label is a number, not a timestamp.
    expect(found('Tel: 1130654400', 'BR')).toEqual([['1130654400', '+551130654400']]);
  });

  it('coordinates', () => {
    expectRejectedByRule('at 37.7749 -122.4194', 'DE', '37.7749 -122.4194');
    expectRejectedByRule('48.8584 2.2945', 'PL', '48.8584 2.2945');
  });

  it('decimal numbers', () => {
    expectRejectedByRule('pi = 3,1415 9265 3589', 'AT', '1415 9265 3589');
  });

  it('company numbers after their label', () => {
    expectRejectedByRule('ABN 12 345 678 901', 'US', '12 345 678 901');
  });

  it('keeps the phone number next to decoys in a table row', () => {
    const row = '17 Jane Doe (415) 555-0132 ORD-4155550133 2024-01-15 $1,234.56 94000-94999 1705312345 10.0.19045';
    expect(found(row, 'US')).toEqual([['(415) 555-0132', '+14155550132']]);
  });
});
