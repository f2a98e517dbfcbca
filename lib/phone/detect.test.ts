import { describe, expect, it } from 'vitest';
import { isValidPhoneNumber, type CountryCode } from 'libphonenumber-js/max';
import { explicitCountriesIn, findPhoneNumbers, mightContainPhone, type PhoneMatch } from './detect';

/** The numbers found, as [text as written, e164, ext?] for readable assertions. */
function found(text: string, country: string, before?: string): Array<[string, string, string?]> {
  return findPhoneNumbers(text, { country, before }).map((m: PhoneMatch) =>
    m.ext === undefined ? [text.slice(m.start, m.end), m.e164] : [text.slice(m.start, m.end), m.e164, m.ext],
  );
}

/**
 * Asserts that `decoy` is rejected although libphonenumber alone (max metadata) calls its digits a valid
 * number of `country`: the assertion can only pass because of the context rule under test.
 */
function expectRejectedByRule(text: string, country: string, decoy: string): void {
  expect(text).toContain(decoy);
  expect(isValidPhoneNumber(decoy.replace(/\D/g, ''), country as CountryCode)).toBe(true);
  expect(found(text, country)).toEqual([]);
}

describe('mightContainPhone', () => {
  it('is false below seven digits and true from seven on', () => {
    expect(mightContainPhone('')).toBe(false);
    expect(mightContainPhone('Total: $12.99 for 3 items')).toBe(false);
    expect(mightContainPhone('Call 555-0132')).toBe(true);
    expect(mightContainPhone('１２３４５６７')).toBe(true); // full-width digits (Japanese pages)
  });
});

describe('findPhoneNumbers: formats', () => {
  it.each([
    ['US', '(415) 555-0132', '+14155550132'],
    ['US', '415-555-0132', '+14155550132'],
    ['US', '415.555.0132', '+14155550132'],
    ['US', '1-800-555-0199', '+18005550199'],
    ['US', '+1 (212) 555-0187', '+12125550187'],
    ['GB', '020 7946 0000', '+442079460000'],
    ['GB', '+44 (0)20 7946 0018', '+442079460018'],
    ['GB', '07400 123456', '+447400123456'],
    ['DE', '030 12345678', '+493012345678'],
    ['DE', '+49 (0) 30 12 34 56 78', '+493012345678'],
    ['DE', '030/1234567', '+49301234567'],
    ['DE', '030 / 123 45 67', '+49301234567'],
    ['FR', '01 23 45 67 89', '+33123456789'],
    ['FR', '06.12.34.56.78', '+33612345678'],
    ['AU', '(02) 9876 5432', '+61298765432'],
    ['AU', '0412 345 678', '+61412345678'],
    ['IN', '+91 98765 43210', '+919876543210'],
    ['JP', '03-1234-5678', '+81312345678'],
    ['JP', '０３－１２３４－５６７８', '+81312345678'],
    ['BR', '(11) 91234-5678', '+5511912345678'],
    ['NL', '06-12345678', '+31612345678'],
    ['CH', '044 668 18 00', '+41446681800'],
    ['ES', '912 345 678', '+34912345678'],
    ['IT', '02 1234 5678', '+390212345678'],
  ])('%s %s', (country, written, e164) => {
    const text = `Contact: ${written} (office)`;
    expect(found(text, country)).toEqual([[written, e164]]);
  });

  it('accepts non-breaking spaces, narrow no-break spaces and Unicode dashes as separators', () => {
    expect(found('Ruf an: 030\u00A012345678', 'DE')).toEqual([['030\u00A012345678', '+493012345678']]);
    expect(found('+33\u202F1\u202F42\u202F68\u202F53\u202F00', 'FR')).toEqual([
      ['+33\u202F1\u202F42\u202F68\u202F53\u202F00', '+33142685300'],
    ]);
    expect(found('415\u2011555\u20110132 or 415\u2013555\u20130133', 'US')).toEqual([
      ['415\u2011555\u20110132', '+14155550132'],
      ['415\u2013555\u20130133', '+14155550133'],
    ]);
  });

  it('reports offsets into the text, with parentheses around the whole number left outside', () => {
    const text = 'Jane (415-555-0132) and (415) 555-0133.';
    const matches = findPhoneNumbers(text, { country: 'US' });
    expect(matches.map((m) => [m.start, m.end])).toEqual([
      [6, 18],
      [24, 38],
    ]);
    expect(found(text, 'US')).toEqual([
      ['415-555-0132', '+14155550132'],
      ['(415) 555-0133', '+14155550133'],
    ]);
  });

  it('reads international numbers whatever the page country', () => {
    expect(found('Tokyo +81 3-1234-5678, Berlin +49 30 12345678', 'US')).toEqual([
      ['+81 3-1234-5678', '+81312345678'],
      ['+49 30 12345678', '+493012345678'],
    ]);
  });

  it('finds nothing in national format for an unknown country, but still reads "+" numbers', () => {
    expect(found('Call 030 12345678 or +49 30 12345679', 'ZZ')).toEqual([['+49 30 12345679', '+493012345679']]);
  });

  it('splits numbers that share one run of digits and separators', () => {
    expect(found('Telefon: 030 1234567 / 030 1234568', 'DE')).toEqual([
      ['030 1234567', '+49301234567'],
      ['030 1234568', '+49301234568'],
    ]);
    expect(found('Tel.(415)555-0156/(415)555-0157', 'US')).toEqual([
      ['(415)555-0156', '+14155550156'],
      ['(415)555-0157', '+14155550157'],
    ]);
    expect(found('17 (415) 555-0132 2 items', 'US')).toEqual([['(415) 555-0132', '+14155550132']]);
  });
});

describe('findPhoneNumbers: extensions', () => {
  it.each([
    ['415-555-0132 x204', '204'],
    ['415-555-0132x204', '204'],
    ['415-555-0132 ext. 204', '204'],
    ['415-555-0132 ext 204', '204'],
    ['415-555-0132 Ext: 204', '204'],
    ['415-555-0132 extension 204', '204'],
    ['415-555-0132;ext=204', '204'],
    ['415-555-0132 #204', '204'],
  ])('%s', (written, ext) => {
    expect(found(`Support ${written}, thanks`, 'US')).toEqual([[written, '+14155550132', ext]]);
  });

  it('does not read a following word starting with x as an extension', () => {
    expect(found('415-555-0132 x2y', 'US')).toEqual([['415-555-0132', '+14155550132']]);
  });
});

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

// Failure kinds found with tests/fixtures/detection/corpus-3.jsonl, written before the detector was read.
describe('findPhoneNumbers: rules from the independent corpus (corpus-3)', () => {
  it('rejects national numbers written without the trunk prefix their country always writes', () => {
    expectRejectedByRule('RCS Paris B 123 456 789', 'FR', '123 456 789'); // a SIREN
    expectRejectedByRule('Vorgang 2024-0815', 'DE', '2024-0815');
    expectRejectedByRule('Card 2987 65432', 'AU', '2987 65432');
    // … but keeps the service numbers Australia and Ireland write without it, and countries without the habit.
    expect(found('Sales 1300 975 707', 'AU')).toEqual([['1300 975 707', '+611300975707']]);
    expect(found('Freephone 1800 555 012', 'IE')).toEqual([['1800 555 012', '+3531800555012']]);
    expect(found('Telefono 347 123 4567', 'IT')).toEqual([['347 123 4567', '+393471234567']]);
  });
  it('rejects placeholder numbers whose last eight digits are one digit repeated', () => {
    expectRejectedByRule('Tel 020 0000 0000', 'GB', '020 0000 0000'); // nor its first part, "020 0000"
    expectRejectedByRule('Tél. 08 99 99 99 99', 'FR', '08 99 99 99 99');
    expect(found('Tel 1-800-222-2222', 'US')).toEqual([['1-800-222-2222', '+18002222222']]);
  });
  it('rejects the local part of an e-mail address', () => {
    expect(found('Text STOP to 415-555-0180@sms.example.com', 'US')).toEqual([]);
    expect(found('Text 415-555-0180 @ any time', 'US')).toEqual([['415-555-0180', '+14155550180']]);
  });
  it('rejects counts written with dots as thousands separators', () => {
    expect(found('Results: 4.155.550.164', 'US')).toEqual([]);
    expect(found('Call 415.555.0164', 'US')).toEqual([['415.555.0164', '+14155550164']]);
  });
  it('reads a national number of the country named right before it', () => {
    expect(found('International offices — UK: 020 7946 0411 · Australia: (02) 5550 1411', 'US')).toEqual([
      ['020 7946 0411', '+442079460411'],
      ['(02) 5550 1411', '+61255501411'],
    ]);
    expect(found('Phone (UK) 0113 496 0414', 'US')).toEqual([['0113 496 0414', '+441134960414']]);
    expect(found('London office: 020 7946 0554', 'US')).toEqual([['020 7946 0554', '+442079460554']]);
    // The named country wins even where the number would also be valid in the page's country.
    expect(found('New Zealand customers call 0800 123 457', 'AU')).toEqual([['0800 123 457', '+64800123457']]);
    // Without the name it is no Australian number (Australia's free numbers are 1800): not linked (issue 10).
    expect(found('Customers call 0800 123 457', 'AU')).toEqual([]);
    // A number between the name and this one belongs to the name; the page's country stays for this one.
    expect(found('Germany 2024: 030 12345670', 'US')).toEqual([]);
  });
  it('links a formatted number after "our/new/old number", not after "order number"', () => {
    expect(found('Old number 303-555-0113 will forward', 'US')).toEqual([['303-555-0113', '+13035550113']]);
    expect(found('Order number 303-555-0113', 'US')).toEqual([]);
  });
  it('reads "Référence client", "Numéro de dossier" as identifier labels', () => {
    expect(found('Référence client 06 12 34 56 72', 'FR')).toEqual([]);
    expect(found('Numéro de dossier 06 12 34 56 72', 'FR')).toEqual([]);
    expect(found('Service client : 06 12 34 56 72', 'FR')).toEqual([['06 12 34 56 72', '+33612345672']]);
  });
  it('takes contact-card field names as phone labels right before a bare number', () => {
    expect(found('Mobile:4155550161|Home:4155550162|Work:4155550163', 'US')).toEqual([
      ['4155550161', '+14155550161'],
      ['4155550162', '+14155550162'],
      ['4155550163', '+14155550163'],
    ]);
    expect(found('Back home 4155550162', 'US')).toEqual([]);
    // "C.F." (codice fiscale) ends in "F." but is no fax label.
    expect(found('Torino · C.F. 01234567890', 'IT')).toEqual([]);
    expect(found('Torino · F. 01234567890', 'IT')).toEqual([['01234567890', '+3901234567890']]);
  });
  it('reads "poste", "ramal", "anexo" and "interno" as extensions', () => {
    expect(found('Tél. 514 555-0125, poste 221', 'CA')).toEqual([['514 555-0125, poste 221', '+15145550125', '221']]);
    expect(found('Tel. (11) 3456-7890 ramal 12', 'BR')).toEqual([['(11) 3456-7890 ramal 12', '+551134567890', '12']]);
  });
  it('links North American vanity numbers in capitals and dials their keypad digits', () => {
    expect(mightContainPhone('Call 1-800-GOT-JUNK')).toBe(true);
    expect(mightContainPhone('Founded 1800 in London')).toBe(false);
    expect(found('Junk removal? Call 1-800-GOT-JUNK today!', 'US')).toEqual([['1-800-GOT-JUNK', '+18004685865']]);
    expect(found('Order at (800) FLOWERS', 'US')).toEqual([['(800) FLOWERS', '+18003569377']]);
    expect(found('Call 1-888-PEPSICO or 415-555-0101', 'US')).toEqual([
      ['1-888-PEPSICO', '+18887377426'],
      ['415-555-0101', '+14155550101'],
    ]);
    // Brand names, mixed-case words, too few letters, and without the "1" off North American pages: no.
    expect(found('Shop 1-800-FLOWERS.COM today', 'US')).toEqual([]);
    expect(found('Call 1-800-Contact us', 'US')).toEqual([]);
    expect(found('Call 1-800-555-12AB', 'US')).toEqual([]);
    expect(found('Call 800-FLOWERS', 'GB')).toEqual([]);
    expect(found('Call 1-800-FLOWERS', 'GB')).toEqual([['1-800-FLOWERS', '+18003569377']]);
  });
});

describe('findPhoneNumbers: rules from the page corpus (tests/fixtures/detection/pages)', () => {
  it('reads "free number", "Gratis nummer", "main number" as a kind of phone number, not an ID', () => {
    expect(found('Gratis nummer 0800 12 345', 'BE')).toEqual([['0800 12 345', '+3280012345']]);
    expect(found('Kostenlose Nummer: 0800 123 4567', 'DE')).toEqual([['0800 123 4567', '+498001234567']]);
    expect(found('Main number (415) 555-0132', 'US')).toEqual([['(415) 555-0132', '+14155550132']]);
    // An identifier's number stays one.
    expect(found('Kundennummer 0800 12 345', 'BE')).toEqual([]);
  });
  it('rejects a range of two days of the year written without the year', () => {
    expectRejectedByRule('Chiuso 07/01 – 14/03', 'IT', '07/01 – 14/03');
    expect(found('Geschlossen 15.03.–20.04. Tel. 030 1234567', 'DE')).toEqual([['030 1234567', '+49301234567']]);
  });
  it('reads two numbers listed with a bare comma, and still takes a decimal comma as part of a number', () => {
    expect(found('Ph (08) 6000 1234,0491 570 750 anytime', 'AU')).toEqual([
      ['(08) 6000 1234', '+61860001234'],
      ['0491 570 750', '+61491570750'],
    ]);
    expect(found('Betrag 12 345 678,05 EUR', 'DE')).toEqual([]);
    expect(found('Tel. 030 1234567,5 Min.', 'DE')).toEqual([]);
  });
  it("links Australia's six-digit 13 numbers in their spaced shape on Australian pages only", () => {
    expect(mightContainPhone('Call 13 12 34')).toBe(true);
    expect(mightContainPhone('Rooms 13 12 34')).toBe(true);
    expect(mightContainPhone('Scores 12 12 34')).toBe(false);
    expect(found('General enquiries 13 12 34.', 'AU')).toEqual([['13 12 34', '+61131234']]);
    expect(found('General enquiries 13 12 34.', 'US')).toEqual([]);
    expect(found('Ref 13 12 34', 'AU')).toEqual([]);
    expect(found('Code 131234', 'AU')).toEqual([]);
    expect(found('2013 12 34', 'AU')).toEqual([]);
  });
});

describe('findPhoneNumbers: rules from the second page batch (b2-*)', () => {
  it('reads the extension words of Italy, Russia, Poland, the Netherlands, Turkey and Japan', () => {
    expect(found('+39 02 8723 4562 int. 45', 'IT')).toEqual([['+39 02 8723 4562 int. 45', '+390287234562', '45']]);
    expect(found('+7 495 555-01-23 доб. 123', 'RU')).toEqual([['+7 495 555-01-23 доб. 123', '+74955550123', '123']]);
    expect(found('+48 22 555 01 23 wew. 12', 'PL')).toEqual([['+48 22 555 01 23 wew. 12', '+48225550123', '12']]);
    expect(found('+31 20 555 0123 toestel 45', 'NL')).toEqual([['+31 20 555 0123 toestel 45', '+31205550123', '45']]);
    expect(found('029-858-6100 内線215', 'JP')).toEqual([['029-858-6100 内線215', '+81298586100', '215']]);
  });
  it('links a number after "a number:", and reads "Call-back number" as a phone label', () => {
    expect(found('the last characters of the page are a number: 512.555.0199', 'US')).toEqual([
      ['512.555.0199', '+15125550199'],
    ]);
    expect(found('Call-back number: 02079460314', 'GB')).toEqual([['02079460314', '+442079460314']]);
  });
  it('reads company, VAT and contract numbers as identifiers, also with a country code or as a compound word', () => {
    expectRejectedByRule('Ondernemingsnummer BE 0456.789.123', 'BE', '0456.789.123');
    expectRejectedByRule('BTW BE 0456.789.123', 'BE', '0456.789.123');
    expectRejectedByRule('Vertragsnr. 0800 1234 568', 'DE', '0800 1234 568');
    expectRejectedByRule('Mitgliedsnummer 030 1234567', 'DE', '030 1234567');
    // Compounds of a phone word stay phone labels.
    expect(found('Rufnummer 0800 1234567', 'DE')).toEqual([['0800 1234567', '+498001234567']]);
    expect(found('Gratis informatienummer: 0800 0123.', 'NL')).toEqual([['0800 0123', '+318000123']]);
  });
  it("rejects a boleto's digit groups and codes of four or more slash-joined groups", () => {
    expect(found('Linha digitável: 27550.88235 75909.110165 30433.671193 8 58954373984608', 'BR')).toEqual([]);
    expect(found('policy number (e.g. 3005/12345678/00/000)', 'IN')).toEqual([]);
    // Two numbers, or area code and number, stay numbers.
    expect(found('Tel. 030/1234567', 'DE')).toEqual([['030/1234567', '+49301234567']]);
  });
  it('ends a number before a parenthesis it does not close', () => {
    expect(found('call the dedicated line 080 4123 4560 (10 AM – 6 PM).', 'IN')).toEqual([
      ['080 4123 4560', '+918041234560'],
    ]);
  });
  it('reads numbers with an area code in parentheses listed with a bare comma', () => {
    expect(found('Comma-separated: (713) 555-0145,(713) 555-0146, (713) 555-0147.', 'US')).toEqual([
      ['(713) 555-0145', '+17135550145'],
      ['(713) 555-0146', '+17135550146'],
      ['(713) 555-0147', '+17135550147'],
    ]);
  });
});

describe('findPhoneNumbers: rules from the third page batch (b3-*)', () => {
  it('reads phone labels in Greek, Cyrillic, Hebrew, Arabic, Chinese and Korean', () => {
    expect(found('Κιν. 6981234567', 'GR')).toEqual([['6981234567', '+306981234567']]);
    expect(found('Тел. 4951234567', 'RU')).toEqual([['4951234567', '+74951234567']]);
    expect(found('手机：13912345678', 'CN')).toEqual([['13912345678', '+8613912345678']]);
    expect(found('전화 0221234567', 'KR')).toEqual([['0221234567', '+82221234567']]);
  });
  it("reads Korea's registration and patent numbers as identifiers", () => {
    expectRejectedByRule('사업자등록번호 123-45-67890', 'KR', '123-45-67890');
    expectRejectedByRule('특허 제10-2345678호', 'KR', '10-2345678');
  });
  it('reads the extension words of Korea and China', () => {
    expect(found('02-2123-4567 내선 204', 'KR')).toEqual([['02-2123-4567 내선 204', '+82221234567', '204']]);
    expect(found('010-65123456转806', 'CN')).toEqual([['010-65123456转806', '+861065123456', '806']]);
  });
  it('reads Arabic-Indic digits and the Japanese long-vowel sign as a separator', () => {
    expect(mightContainPhone('٠٥٦ ١٢٣ ٤٥٦٧')).toBe(true);
    expect(found('جوال ٠٥٦ ١٢٣ ٤٥٦٧', 'AE')).toEqual([['٠٥٦ ١٢٣ ٤٥٦٧', '+971561234567']]);
    expect(found('TEL 092ー123ー4567', 'JP')).toEqual([['092ー123ー4567', '+81921234567']]);
  });
  it('ends a number before a full-width parenthesis it does not close, and keeps one run into a word', () => {
    expect(found('售后维修：186-1234-5678（24小时）', 'CN')).toEqual([['186-1234-5678', '+8618612345678']]);
    expect(found('Call 0800 123 4567now to book', 'GB')).toEqual([['0800 123 4567', '+448001234567']]);
    expect(found('NOC: +1 415 555 0143 (24×7).', 'US')).toEqual([['+1 415 555 0143', '+14155550143']]);
    // A unit run into a number still makes it a measure, and a bare run into a word is still not a number.
    expect(found('Tel. 0800 123 4567kwh', 'GB')).toEqual([]);
    expect(found('Ref 08001234567now', 'GB')).toEqual([]);
  });
  it("rejects France's social security number and Norway's KID reference", () => {
    expect(found('NIR, ex. 1 85 05 78 006 084 36', 'FR')).toEqual([]);
    expectRejectedByRule('KID: 1234 5678 9012 3', 'NO', '5678 9012');
  });
  it("links Australia's 13 numbers written three and three", () => {
    expect(found('SES 132 500', 'AU')).toEqual([['132 500', '+61132500']]);
  });
});

describe('findPhoneNumbers: rules from the fourth page batch (b4-*)', () => {
  it('reads "call us" verbs in French, Spanish, Italian, German, Portuguese and Dutch as phone labels', () => {
    expect(found('Appelez-nous au 0492990844', 'FR')).toEqual([['0492990844', '+33492990844']]);
    expect(found('Rappel au 0105596398', 'FR')).toEqual([['0105596398', '+33105596398']]);
    expect(found('Ligue para 2130654400', 'BR')).toEqual([['2130654400', '+552130654400']]);
  });
  it("reads Brazil's NF-e, container numbers and serial numbers as something else", () => {
    expect(found('NF-e 500.453.351', 'BR')).toEqual([]);
    expect(found('HLBU 062702-1', 'DE')).toEqual([]);
    expectRejectedByRule('S/N 0333684394', 'AU', '0333684394');
  });
  it('reads personal health numbers as identifiers (from the fifth page batch)', () => {
    expectRejectedByRule('PHN 9123 456 782', 'CA', '9123 456 782');
  });
  it('does not take the start of a longer string of digit groups for a number, but lets a house number follow', () => {
    expect(found('billing accounts like 905 555 0123 0001 – neither', 'CA')).toEqual([]);
    expect(found('Fax 214-555-0164 2100 Ross Ave', 'US')).toEqual([['214-555-0164', '+12145550164']]);
    expect(found('Tel. 0161 496 0000 0161 496 0001', 'GB')).toEqual([
      ['0161 496 0000', '+441614960000'],
      ['0161 496 0001', '+441614960001'],
    ]);
  });
});

describe('issue 10: each number read in the first country the page evidence allows', () => {
  const read = (text: string, countries: string[], strict: string[] = []): Array<[string, string]> =>
    findPhoneNumbers(text, { country: countries[0]!, otherCountries: countries.slice(1), strictCountries: strict }).map(
      (m) => [text.slice(m.start, m.end), m.e164],
    );

  it("a lang region copied from a template never vetoes a number valid in the user's own country", () => {
    // An American firm on a WordPress template with lang="en-gb": GB first, then the user's US.
    expect(read('Give us a call: 206-588-2075', ['GB', 'US'])).toEqual([['206-588-2075', '+12065882075']]);
    expect(read('phone: 510-440-1800 | fax: 510-440-1526', ['GB', 'US'])).toEqual([
      ['510-440-1800', '+15104401800'],
      ['510-440-1526', '+15104401526'],
    ]);
    expect(read('(905) 616-5509', ['GB', 'US'])).toEqual([['(905) 616-5509', '+19056165509']]);
    // A Canadian .ca and an Australian .com.au site with the same template: the TLD's country first.
    expect(read('416 939 1530', ['CA', 'GB', 'US'])).toEqual([['416 939 1530', '+14169391530']]);
    expect(read('Call 1300 346 227', ['AU', 'GB', 'US'])).toEqual([['1300 346 227', '+611300346227']]);
  });

  it('reads numbers in the countries the page names when neither host nor lang says anything', () => {
    // A UK firm on .com without lang: GB from its address, tried only for numbers written as numbers.
    expect(
      read(
        'Tel 0207 515 7774, mobile 07535 657 161, free 0800 44 88 622, 0845 519 7209, 01625 856 500',
        ['US', 'GB'],
        ['GB'],
      ),
    ).toEqual([
      ['0207 515 7774', '+442075157774'],
      ['07535 657 161', '+447535657161'],
      ['0800 44 88 622', '+448004488622'],
      ['0845 519 7209', '+448455197209'],
      ['01625 856 500', '+441625856500'],
    ]);
    // An Indian company's office list on .com.
    expect(read('Offices: 079-6630 4000 · 0172-464 6846 · (022)6774 5858', ['US', 'IN'], ['IN'])).toEqual([
      ['079-6630 4000', '+917966304000'],
      ['0172-464 6846', '+911724646846'],
      ['(022)6774 5858', '+912267745858'],
    ]);
  });

  it('in a country only the page mentions, ranges, tariff codes and code tails are no numbers', () => {
    expect(read('ranges 0150–1299 and 3004.90.00', ['US', 'DE', 'BR'], ['DE', 'BR'])).toEqual([]);
    expect(read('Tracking 1Z 999 AA1 01 2345 6784', ['US', 'FR'], ['FR'])).toEqual([]);
  });

  it("reads a section heading's country for an office's number, but never for the tail of a code", () => {
    const withHeading = (text: string, heading: string, countries: string[]) =>
      findPhoneNumbers(text, { country: countries[0]!, otherCountries: countries.slice(1), heading }).map((m) => [
        text.slice(m.start, m.end),
        m.e164,
      ]);
    expect(withHeading('30 Churchill Place, London E14 5RE 020 7946 0958', 'London', ['US'])).toEqual([
      ['020 7946 0958', '+442079460958'],
    ]);
    expect(withHeading('Tracking 1Z 999 AA1 01 2345 6784', 'Paris, France', ['US', 'FR'])).toEqual([]);
  });

  it('never links a number that is not valid in the country it is read in', () => {
    // "(02)9191-8364" on an Australian firm's .com page became +10291918364 before.
    expect(read('Tel (02)9191-8364', ['US'])).toEqual([]);
    expect(read('Tel (02)9191-8364', ['US', 'AU'], ['AU'])).toEqual([['(02)9191-8364', '+61291918364']]);
    // Seven digits are no North American number, whatever the national plan's quirks say.
    expect(read('קוד שירות 310-2456', ['IL', 'US'])).toEqual([]);
  });

  it('reads an international number written with dots after the plus, and a written-out 00 prefix', () => {
    expect(read('Phone +1.425.322.5078', ['US'])).toEqual([['+1.425.322.5078', '+14253225078']]);
    expect(read('Sydney +61.2.5550.1977', ['US'])).toEqual([['+61.2.5550.1977', '+61255501977']]);
    expect(read('From abroad 0044 20 7946 0958', ['US'])).toEqual([['0044 20 7946 0958', '+442079460958']]);
  });

  it('links vanity numbers with their keypad digits, one link when the digits stand beside them', () => {
    expect(read('Call 303.333.PAUL today', ['US'])).toEqual([['303.333.PAUL', '+13033337285']]);
    expect(read('1-800-FLOWERS', ['US'])).toEqual([['1-800-FLOWERS', '+18003569377']]);
    expect(read('1-888-LAW-FIRM (1-888-529-3476)', ['US'])).toEqual([
      ['1-888-LAW-FIRM (1-888-529-3476)', '+18885293476'],
    ]);
    // Letters past the seventh are spelling only.
    expect(read('1-877-GARZA-LAW', ['US'])).toEqual([['1-877-GARZA-LAW', '+18774279252']]);
    // A geographic vanity number needs a North American reading.
    expect(read('Call 303.333.PAUL today', ['DE'])).toEqual([]);
  });

  it('leaves identifiers shaped like numbers: a serial glued to a suffix, a build number', () => {
    expect(read('415-555-0132-B12', ['US'])).toEqual([]);
    expect(read('Артикул 495-123-4567-ОСБ', ['RU'])).toEqual([]);
    expect(read('415.5550.132 ok', ['US'])).toEqual([]);
    expect(read('2065 882 075', ['US'])).toEqual([]);
  });
});

describe('explicitCountriesIn', () => {
  it('counts the countries of a text\'s +CC numbers, most frequent first, not "+" in code or sums', () => {
    expect(explicitCountriesIn('Call +44 20 7946 0958 or +44 161 496 0000, US +1 415 555 0132')).toEqual(['GB', 'US']);
    expect(explicitCountriesIn('C++11, 2+2, x+1234567890')).toEqual([]);
  });
});
