import { afterEach, describe, expect, it } from 'vitest';
import { findPhoneNumbers, mightContainPhone } from './detect';
import { expectRejectedByRule, found } from '../../tests/unit/support/found';
import { DETECTION_RULES, rulesOf } from './scan';
import { setRuleTrace, type RulePhase } from './scan-context';

/** The phases in the order the scanner runs them (scan-context.ts). */
const PHASES: RulePhase[] = ['candidate', 'block', 'shape', 'read', 'country', 'fallback', 'verify', 'sequence'];

/** Each decision the trace reports while `text` is scanned: [rule id, accepted, the text decided]. */
function decisions(text: string, country: string): Array<[string, boolean, string]> {
  const out: Array<[string, boolean, string]> = [];
  setRuleTrace((id, accepted, t, start, end) => void out.push([id, accepted, t.slice(start, end)]));
  try {
    findPhoneNumbers(text, { country });
  } finally {
    setRuleTrace(null);
  }
  return out;
}

afterEach(() => setRuleTrace(null));

describe('DETECTION_RULES (issue 16: detection rules as data)', () => {
  it('gives every rule a unique id and lists the phases in the order the scanner runs them', () => {
    const ids = DETECTION_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    const order = DETECTION_RULES.map((r) => PHASES.indexOf(r.phase));
    expect(order.every((p) => p >= 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    for (const phase of PHASES) expect(rulesOf(phase).length, phase).toBeGreaterThan(0);
  });

  it('reports the rule that read each number and where the number stands', () => {
    expect(decisions('Call +44 20 7946 0958 or (415) 555-0132', 'US')).toEqual([
      ['international', true, '+44 20 7946 0958'],
      ['page-country', true, '(415) 555-0132'],
    ]);
    expect(decisions('UK: 020 7946 0958', 'US')).toEqual([['named-country', true, '020 7946 0958']]);
    expect(decisions('1-800-FLOWERS', 'US')).toEqual([['vanity', true, '1-800-FLOWERS']]);
  });

  it('reports the rule that rejected a run, a token or a span', () => {
    expect(decisions('Call 415-555-0132, room 12345', 'US')).toEqual([
      ['page-country', true, '415-555-0132'],
      ['too-few-digits', false, '12345'],
    ]);
    // The identifier label blocks the run's token before any span is tried.
    expect(decisions('Order #4155550132', 'US')).toEqual([['identifier-label', false, '4155550132']]);
    // A date blocks its tokens; a bare, unlabelled run is a number only where people write numbers bare.
    expect(decisions('On 2024-03-15 we counted 4155550132', 'US')).toEqual([
      ['date', false, '2024-03-15'],
      ['bare-national', false, '4155550132'],
    ]);
    // Part of a run, bare and unlabelled, it needs a label.
    expect(decisions('Room 7 4155550132', 'US')).toContainEqual(['bare-needs-label', false, '4155550132']);
    // No valid reading because the page's country writes its numbers with a trunk "0": that rule decided.
    expect(decisions('Kontakt 30 1234 5678', 'DE')[0]).toEqual(['trunk-prefix', false, '30']);
  });

  it('reports nothing when no trace is installed', () => {
    setRuleTrace(null);
    expect(findPhoneNumbers('Call (415) 555-0132', { country: 'US' })).toHaveLength(1);
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
