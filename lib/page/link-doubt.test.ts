import { describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { isHidden, linkDoubt, pointerDoubt, textShowsNumber } from './link-doubt';

describe('textShowsNumber', () => {
  it.each([
    ['+1 415-555-0132', '+14155550132'],
    ['(415) 555-0132', '+1-415-555-0132'],
    ['Call 0412 345 678 now', '+61412345678'],
    ['8 (495) 123-45-67', '+74951234567'],
    ['+44 20 7946 0000', '020 7946 0000'],
    ['00 44 20 7946 0000', '+442079460000'],
    ['Desk 204', '204'],
    ['+1 415 555 0132 ext. 204', '+14155550132;ext=204'],
  ])('"%s" shows %s', (text, number) => {
    expect(textShowsNumber(text, number)).toBe(true);
  });

  it.each([
    ['Call us', '+12685550100'],
    ['', '+12685550100'],
    ['+1 415 555 0132', '+12685550100'],
    ['+1 415 555 0132', '+2415550132'],
    ['Order 4155', '+14155550132'],
    ['Desk 2045', '204'],
    ['Support line open 9-5, 7 days', '+12685550100'],
  ])('"%s" does not show %s', (text, number) => {
    expect(textShowsNumber(text, number)).toBe(false);
  });
});

/** A window whose layout answers are given: linkedom lays nothing out. */
function fakeWindow(
  rects: Map<Element, { left: number; top: number; width: number; height: number }>,
  styles: Map<Element, Partial<CSSStyleDeclaration>>,
): Window {
  return {
    innerWidth: 1000,
    innerHeight: 800,
    getComputedStyle: (el: Element) => ({
      visibility: 'visible',
      opacity: '1',
      color: 'rgb(0, 0, 0)',
      ...styles.get(el),
    }),
    _rects: rects,
  } as unknown as Window;
}

function page(body: string) {
  const { document } = parseHTML(`<html><body>${body}</body></html>`);
  const rects = new Map<Element, { left: number; top: number; width: number; height: number }>();
  const styles = new Map<Element, Partial<CSSStyleDeclaration>>();
  const place = (el: Element, r: { left: number; top: number; width: number; height: number }) => {
    rects.set(el, r);
    (el as unknown as { getBoundingClientRect: () => DOMRect }).getBoundingClientRect = () =>
      ({ ...r, right: r.left + r.width, bottom: r.top + r.height }) as DOMRect;
  };
  for (const el of document.querySelectorAll('*')) place(el, { left: 10, top: 10, width: 100, height: 20 });
  return { document, rects, styles, place, win: fakeWindow(rects, styles) };
}

describe('isHidden', () => {
  it('a plain visible link is not hidden', () => {
    const { document, win } = page('<a id="a" href="tel:+14155550132">+1 415 555 0132</a>');
    expect(isHidden(document.getElementById('a')!, win)).toBe(false);
  });

  it('zero size, off-screen, visibility hidden and transparent text are hidden', () => {
    const { document, win, place, styles } = page('<a id="a" href="tel:+1">x</a>');
    const a = document.getElementById('a')!;
    place(a, { left: 10, top: 10, width: 0, height: 0 });
    expect(isHidden(a, win)).toBe(true);
    place(a, { left: -500, top: 10, width: 100, height: 20 });
    expect(isHidden(a, win)).toBe(true);
    place(a, { left: 10, top: 5000, width: 100, height: 20 });
    expect(isHidden(a, win)).toBe(true);
    place(a, { left: 10, top: 10, width: 100, height: 20 });
    styles.set(a, { visibility: 'hidden' });
    expect(isHidden(a, win)).toBe(true);
    styles.set(a, { color: 'rgba(0, 0, 0, 0)' });
    expect(isHidden(a, win)).toBe(true);
  });

  it('an almost transparent ancestor makes its link hidden', () => {
    const { document, win, styles } = page('<div id="d"><span id="s"><a id="a" href="tel:+1">x</a></span></div>');
    styles.set(document.getElementById('d')!, { opacity: '0.3' });
    styles.set(document.getElementById('s')!, { opacity: '0.2' });
    expect(isHidden(document.getElementById('a')!, win)).toBe(true);
    styles.set(document.getElementById('s')!, { opacity: '1' });
    expect(isHidden(document.getElementById('a')!, win)).toBe(false);
  });
});

/** Makes the document's hit-test answer `stack` (topmost first), as the browser's elementsFromPoint would. */
function hitTests(document: Document, stack: () => (Element | null)[]): void {
  (document as unknown as { elementsFromPoint: () => Element[] }).elementsFromPoint = () =>
    stack().filter((el): el is Element => !!el);
}

describe('pointerDoubt', () => {
  it('compares the hit-tested element with the link; keyboard clicks have no pointer', () => {
    const { document, win } = page('<a id="a" href="tel:+1"><b id="b">x</b></a><p id="p">other</p>');
    const a = document.getElementById('a')!;
    let hit: Element | null = document.getElementById('b');
    hitTests(document, () => [hit, document.body]);
    expect(pointerDoubt(a, { clientX: 5, clientY: 5, detail: 1 }, win)).toBeUndefined();
    hit = document.getElementById('p');
    expect(pointerDoubt(a, { clientX: 5, clientY: 5, detail: 1 }, win)).toBe('not-under-pointer');
    expect(pointerDoubt(a, { clientX: 0, clientY: 0, detail: 0 }, win)).toBeUndefined();
  });

  it('a layer above the link that lets clicks through covers it when it paints there, not when it is transparent', () => {
    const { document, win, styles } = page(
      '<div id="layer"><p id="text">Read on</p></div><img id="pic" src="x.png"><a id="a" href="tel:+1">x</a>',
    );
    const a = document.getElementById('a')!;
    const layer = document.getElementById('layer')!;
    const click = { clientX: 5, clientY: 5, detail: 1 };
    hitTests(document, () => [layer, a, document.body]);
    // A toast container over the page: no background, nothing painted where the link is.
    styles.set(layer, { backgroundColor: 'rgba(0, 0, 0, 0)', backgroundImage: 'none' });
    expect(pointerDoubt(a, click, win)).toBeUndefined();
    styles.set(layer, { backgroundColor: 'rgb(255, 255, 255)', backgroundImage: 'none' });
    expect(pointerDoubt(a, click, win)).toBe('covered');
    styles.set(layer, { backgroundColor: 'transparent', backgroundImage: 'url("cover.png")' });
    expect(pointerDoubt(a, click, win)).toBe('covered');
    // Painted, but not seen: invisible or see-through.
    styles.set(layer, { backgroundColor: 'rgb(255, 255, 255)', visibility: 'hidden' });
    expect(pointerDoubt(a, click, win)).toBeUndefined();
    styles.set(layer, { backgroundColor: 'rgb(255, 255, 255)', opacity: '0.05' });
    expect(pointerDoubt(a, click, win)).toBeUndefined();
    // A picture above the link covers it whatever its background.
    hitTests(document, () => [document.getElementById('pic'), a]);
    expect(pointerDoubt(a, click, win)).toBe('covered');
    // The link's own ancestors are under it, not above.
    styles.set(document.body, { backgroundColor: 'rgb(255, 255, 255)' });
    hitTests(document, () => [document.body, a]);
    expect(pointerDoubt(a, click, win)).toBeUndefined();
  });
});

describe('pointerDoubt leaves the page as it was', () => {
  const click = { clientX: 5, clientY: 5, detail: 1 };

  it('adopts a sheet that sets pointer-events aside only while it hit-tests', () => {
    const { document, win } = page('<a id="a" href="tel:+1">x</a>');
    const a = document.getElementById('a')!;
    const pageSheet = { own: 'page' };
    const doc = document as unknown as { adoptedStyleSheets: unknown[] };
    doc.adoptedStyleSheets = [pageSheet];
    class Sheet {
      text = '';
      replaceSync(text: string) {
        this.text = text;
      }
    }
    let during: unknown[] = [];
    hitTests(document, () => {
      during = [...doc.adoptedStyleSheets];
      return [a];
    });
    expect(pointerDoubt(a, click, { ...win, document, CSSStyleSheet: Sheet } as unknown as Window)).toBeUndefined();
    expect(during).toHaveLength(2);
    expect((during[1] as Sheet).text).toMatch(/pointer-events: auto !important/);
    expect(doc.adoptedStyleSheets).toEqual([pageSheet]);
  });

  it('where a content script cannot adopt a sheet (Firefox), uses a <style> of its own for that moment', () => {
    const { document, win } = page('<a id="a" href="tel:+1">x</a>');
    const a = document.getElementById('a')!;
    Object.defineProperty(document, 'adoptedStyleSheets', {
      get: () => [],
      set: () => {
        throw new TypeError('Accessing from Xray wrapper is not supported.');
      },
    });
    let during: string[] = [];
    hitTests(document, () => {
      during = [...document.querySelectorAll('style')].map((s) => s.textContent ?? '');
      return [a];
    });
    class Sheet {
      replaceSync() {}
    }
    expect(pointerDoubt(a, click, { ...win, document, CSSStyleSheet: Sheet } as unknown as Window)).toBeUndefined();
    expect(during).toHaveLength(1);
    expect(during[0]).toMatch(/pointer-events: auto !important/);
    expect(document.querySelectorAll('style')).toHaveLength(0);
  });
});

describe('linkDoubt', () => {
  it('names the first doubt: hidden, then not under the pointer, then text', () => {
    const { document, win, styles } = page(
      '<a id="a" href="tel:+12685550100">Call us</a><a id="b" href="tel:+14155550132">+1 415 555 0132</a>',
    );
    const a = document.getElementById('a')!;
    const b = document.getElementById('b')!;
    let hit: Element | null = a;
    hitTests(document, () => [hit]);
    const click = { clientX: 5, clientY: 5, detail: 1 };
    expect(linkDoubt(a, '+12685550100', click, win)).toBe('text-differs');
    hit = b;
    expect(linkDoubt(a, '+12685550100', click, win)).toBe('not-under-pointer');
    styles.set(a, { opacity: '0' });
    expect(linkDoubt(a, '+12685550100', click, win)).toBe('hidden');
    expect(linkDoubt(b, '+14155550132', click, win)).toBeUndefined();
  });
});
