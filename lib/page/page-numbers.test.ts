import { describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { collectPageNumbers, collectPageNumbersSliced } from './page-numbers';
import { createLinker } from './linker';
import { numberFromTelHref } from './tel-href';
import { findPhoneNumbers, mightContainPhone } from '../phone/detect';

/** The product's detector, as entrypoints/linking.ts hands it to the linker. */
const detector = { findPhoneNumbers, mightContainPhone };
const telNumber = numberFromTelHref;

function page(body: string): Document {
  const { document, MutationObserver } = parseHTML(
    `<!doctype html><html><head><title>+1 415 555 0100</title></head><body>${body}</body></html>`,
  );
  // The linker observes the page it links.
  (globalThis as { MutationObserver?: unknown }).MutationObserver = MutationObserver;
  return document as unknown as Document;
}

function collect(body: string, country = 'US', extra: { limit?: number } = {}) {
  return collectPageNumbers(page(body), { detector, country, telNumber, ...extra });
}

describe('collectPageNumbers', () => {
  it('lists the numbers in page order, once per dial value, the first place each appears', () => {
    const found = collect(
      '<p>Sales: (415) 555-0132</p><div><p>Support +1 619 534 4000</p></div><p>Sales again: 415.555.0132</p>',
    );
    expect(found.map((n) => n.dial)).toEqual(['+14155550132', '+16195344000']);
    expect(found[0]).toEqual({ dial: '+14155550132', text: '(415) 555-0132', context: 'Sales: (415) 555-0132' });
  });

  it('reads numbers inside links that are not tel: links, which the linker cannot link', () => {
    const found = collect('<nav><a href="/contact">Contact Us: 619.534.4000</a></nav><p>Fax 619-534-4001</p>');
    expect(found.map((n) => n.dial)).toEqual(['+16195344000', '+16195344001']);
    expect(found[0]!.text).toBe('619.534.4000');
    expect(found[0]!.context).toContain('Contact Us: 619.534.4000');
  });

  it('lists the page’s own tel:, callto: and sip: links with the number in the href, however the link reads', () => {
    const found = collect(
      '<p><a href="tel:+1-415-555-0199">Call us</a> · <a href="tel:6195344002;ext=12">Desk</a> · ' +
        '<a href="callto://+442079460018">Skype</a> · <a href="sip:alice@pbx.example">Alice</a></p>',
    );
    expect(found.map((n) => n.dial)).toEqual(['+14155550199', '+16195344002;ext=12', '+442079460018']);
    expect(found[0]).toMatchObject({ text: '+1-415-555-0199' });
    expect(found[0]!.context).toContain('Call us');
  });

  it('reads national numbers with the country it is given, as the linker does', () => {
    expect(collect('<p>Tel. 030 12345678</p>', 'DE').map((n) => n.dial)).toEqual(['+493012345678']);
    expect(collect('<p>Tel. 020 7946 0018</p>', 'GB').map((n) => n.dial)).toEqual(['+442079460018']);
  });

  it('leaves out the regions the page contract never touches, and what the detector rejects', () => {
    const found = collect(
      '<script>var phone = "+1 415 555 0101";</script><style>/* +1 415 555 0102 */</style>' +
        '<textarea>+1 415 555 0103</textarea><input value="+1 415 555 0104">' +
        '<div contenteditable="true">+1 415 555 0105</div><div role="textbox">+1 415 555 0106</div>' +
        '<template><p>+1 415 555 0107</p></template><noscript>+1 415 555 0108</noscript>' +
        '<div hidden>+1 415 555 0109</div><svg><text>+1 415 555 0110</text></svg>' +
        '<p>Order #41555501 11</p><p>Invoice 4155550112</p><p>Shown +1 415 555 0113</p>',
    );
    expect(found.map((n) => n.dial)).toEqual(['+14155550113']);
  });

  it('skips a hidden <a> without href; an <a> without href that shows is read like any text', () => {
    const found = collect(
      '<a hidden>Call +1 415 555 0177</a><a name="fax">Fax +1 415 555 0178</a><a hidden href="tel:+14155550179">x</a>',
    );
    expect(found.map((n) => n.dial)).toEqual(['+14155550178']);
  });

  it('joins a number split across inline elements, inside a link too', () => {
    const found = collect('<a href="/c">Call <b>+1 415</b> 555-0166</a><p><span>(619)</span> 534-4003</p>');
    expect(found.map((n) => n.dial)).toEqual(['+14155550166', '+16195344003']);
    expect(found[0]!.text).toBe('+1 415 555-0166');
  });

  it('gives a short snippet of the text around each number, cut at words', () => {
    const [n] = collect(
      '<p>Our friendly customer service team in the San Diego office answers on weekdays at ' +
        '+1 619 534 4000 between nine and five, except on public holidays and the last Friday of each month.</p>',
    );
    expect(n!.context).toBe(
      '…San Diego office answers on weekdays at +1 619 534 4000 between nine and five, except on public…',
    );
    // The line the number is in: inline elements are crossed, blocks, cells and line breaks are not.
    expect(collect('<p>Head office</p><p>Call <b>us</b> at +1 619 534 4000<br>Fax 5</p>')[0]!.context).toBe(
      'Call us at +1 619 534 4000',
    );
    expect(collect('<p>Main office: <a href="/c">(619) 534-4000</a> (weekdays)</p>')[0]!.context).toBe(
      'Main office: (619) 534-4000 (weekdays)',
    );
    expect(collect('<table><tr><td>Phone</td><td>+1 619 534 4000</td></tr></table>')[0]!.context).toBe(
      '+1 619 534 4000',
    );
  });

  it('lists the links the linker made with the value it recorded, and the rest of the page around them', () => {
    const document = page('<p>Call +1 415 555 0132 or <a href="/c">(619) 534-4000</a></p>');
    const ourLinks = new WeakMap<Element, string>();
    const linker = createLinker({ document, detector, country: 'US', ourLinks, schedule: () => {}, now: () => 0 });
    linker.start();
    expect(document.querySelectorAll('a[data-pbx-dial]')).toHaveLength(1);
    const found = collectPageNumbers(document, { detector, country: 'US', ourLinks, telNumber });
    expect(found).toEqual([
      { dial: '+14155550132', text: '+1 415 555 0132', context: 'Call +1 415 555 0132 or' },
      // A link holding its number alone: the words before the link (here a link of ours ends them).
      { dial: '+16195344000', text: '(619) 534-4000', context: 'or (619) 534-4000' },
    ]);
    linker.stop();
  });

  it('reads only under the root it is given (the link a context menu was opened on)', () => {
    const document = page('<p>+1 415 555 0132 <a id="l" href="/c">Contact Us: 619.534.4000</a></p>');
    const link = document.getElementById('l')!;
    expect(collectPageNumbers(link, { detector, country: 'US', telNumber }).map((n) => n.dial)).toEqual([
      '+16195344000',
    ]);
  });

  it('reads open shadow roots, where the host shows them', () => {
    const document = page('<p>Before +1 415 555 0130</p><x-card id="card"><span>light</span></x-card>');
    const host = document.getElementById('card')!;
    const shadow = host.attachShadow({ mode: 'open' });
    const p = document.createElement('p');
    p.textContent = 'Inside +1 415 555 0131';
    shadow.appendChild(p);
    const found = collectPageNumbers(document, { detector, country: 'US', telNumber });
    expect(found.map((n) => n.dial)).toEqual(['+14155550130', '+14155550131']);
  });

  it('stops at the limit, also inside one text', () => {
    const one = collect('<p>+1 415 555 0100, +1 415 555 0101, +1 415 555 0102</p>', 'US', { limit: 2 });
    expect(one.map((n) => n.dial)).toEqual(['+14155550100', '+14155550101']);
    const rows = Array.from({ length: 20 }, (_, i) => `<p>+1 415 555 01${String(i).padStart(2, '0')}</p>`).join('');
    expect(collect(rows, 'US', { limit: 5 }).map((n) => n.dial)).toEqual([
      '+14155550100',
      '+14155550101',
      '+14155550102',
      '+14155550103',
      '+14155550104',
    ]);
  });
});

describe('collectPageNumbersSliced', () => {
  it('reads a page in slices of at most sliceMs, with the same result as at once', async () => {
    const rows = Array.from(
      { length: 30 },
      (_, i) => `<p>Order ${1000 + i}, call +1 415 555 01${String(i).padStart(2, '0')}</p>`,
    );
    const document = page(rows.join(''));
    const options = { detector, country: 'US', telNumber };
    let clock = 0;
    const tasks: (() => void)[] = [];
    const found = collectPageNumbersSliced(document, options, {
      now: () => (clock += 1),
      schedule: (task) => void tasks.push(task),
      sliceMs: 10,
    });
    let slices = 1;
    while (tasks.length) {
      tasks.shift()!();
      slices++;
    }
    expect(await found).toEqual(collectPageNumbers(document, options));
    expect((await found).length).toBe(30);
    expect(slices).toBeGreaterThan(5);
  });
});
