import { describe, expect, it } from 'vitest';
import { findPhoneNumbers } from './detect';

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
