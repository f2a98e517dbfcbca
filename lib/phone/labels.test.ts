import { describe, expect, it } from 'vitest';
import { classifyLabel, LABEL_WINDOW, textBefore } from './labels';

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

describe('textBefore (the one label window, issue 16)', () => {
  it('takes at most the label window before a position, reaching into the text before when it is short', () => {
    const long = 'x'.repeat(60) + 'Tel: ';
    expect(textBefore(long, long.length, undefined)).toHaveLength(LABEL_WINDOW);
    expect(textBefore('0301234567', 0, 'Telefon: ')).toBe('Telefon: ');
    expect(textBefore('Fax 0301234567', 4, 'Büro')).toBe('BüroFax ');
    expect(textBefore('0301234567', 0, 'y'.repeat(60))).toHaveLength(LABEL_WINDOW);
    expect(textBefore('ab 123', 3, undefined, 2)).toBe('b ');
  });
});
