import { describe, expect, it } from 'vitest';
import { adjacentText } from './split-numbers';
import { realDetector, setup } from '@/tests/unit/support/linker-page';

describe('createLinker: numbers the page split across inline elements', () => {
  /** Links `body` with the real detector; returns the links' dial values and texts, and the visible text. */
  const linked = (body: string, country = 'US') => {
    const { document, linker, runAll } = setup(body, { detector: realDetector, country });
    const before = document.body.textContent;
    linker.start();
    runAll();
    const links = Array.from(document.querySelectorAll('a[data-pbx-dial]')).map((a) => [
      a.getAttribute('data-pbx-dial'),
      a.textContent,
    ]);
    expect(document.body.textContent).toBe(before);
    return links;
  };

  it('links a number split by markup once, on the piece with most of its digits, dialling the whole number', () => {
    expect(linked('<p><b>+1 415</b> 555-0132</p>')).toEqual([['+14155550132', '555-0132']]);
    expect(linked('<p>(<span>212</span>) <span>555-0147</span></p>')).toEqual([['+12125550147', '555-0147']]);
    expect(linked('<p>Phone: 415-555-<wbr>0188</p>')).toEqual([['+14155550188', '415-555']]);
    expect(linked('<p><span>800</span>-<span>555</span>-<span>0199</span></p>')).toEqual([['+18005550199', '0199']]);
  });

  it('joins split numbers written in full-width or Arabic-Indic digits like ASCII ones (one definition of a digit)', () => {
    // A Japanese page: "０３" in its own span before the rest of a Tokyo number.
    expect(linked('<p>電話 <b>０３</b>-１２３４-５６７８</p>', 'JP')).toEqual([['+81312345678', '１２３４-５６７８']]);
    expect(linked('<p>Tel <span>＋８１</span> ３-１２３４-５６７８</p>')).toEqual([
      ['+81312345678', '３-１２３４-５６７８'],
    ]);
    // An Egyptian mobile in Arabic-Indic digits, a Tehran number in Eastern Arabic-Indic (Persian) digits.
    expect(linked('<p>هاتف <b>٠١٠</b> ١٢٣٤ ٥٦٧٨</p>', 'EG')).toEqual([['+201012345678', '١٢٣٤ ٥٦٧٨']]);
    expect(linked('<p>تلفن <b>۰۲۱</b> ۸۸۷۷ ۶۶۵۵</p>', 'IR')).toEqual([['+982188776655', '۸۸۷۷ ۶۶۵۵']]);
  });

  it('reads the country code in another element as part of the number, not the rest as a number of its own', () => {
    // "20 7946 0123" alone is a valid US number; with the "+44" before it, it is one British number.
    expect(linked('<p><span class="cc">+44</span> <span>20 7946 0123</span></p>')).toEqual([
      ['+442079460123', '20 7946 0123'],
    ]);
  });

  it('never joins across blocks, cells, line breaks or links, and keeps whole numbers in one piece as they are', () => {
    expect(linked('<table><tr><td>+1 415</td><td>555-0132</td></tr></table>')).toEqual([]);
    expect(linked('<div>+1 415</div><div>555-0132</div>')).toEqual([]);
    expect(linked('<p>+1 415<br>555-0132</p>')).toEqual([]);
    expect(linked('<p>Item 12345 <span>(415) 555-0132</span></p>')).toEqual([['+14155550132', '(415) 555-0132']]);
    expect(linked('<p><b>Tel.</b> (415) 555-0132 <i>+1 415 555 0199</i></p>')).toEqual([
      ['+14155550132', '(415) 555-0132'],
      ['+14155550199', '+1 415 555 0199'],
    ]);
  });
});

describe('adjacentText', () => {
  it('steps over inline element edges and comments only', () => {
    const { document } = setup('<p id="p">a<b><i>b</i></b><!-- c --><span></span>d<div>e</div>f</p>');
    const p = document.getElementById('p')!;
    const a = p.firstChild as Text;
    const b = adjacentText(a, true)!;
    expect(b.data).toBe('b');
    expect(adjacentText(b, true)!.data).toBe('d');
    expect(adjacentText(adjacentText(b, true)!, true)).toBeNull();
    expect(adjacentText(b, false)).toBe(a);
  });
});
