import { describe, expect, it } from 'vitest';
import { dialValue } from './linker';
import { dials, fakeVisibility, setup, shape } from '@/tests/unit/support/linker-page';

describe('createLinker', () => {
  it('wraps each number in the contract markup, keeping the original text node and the visible text', () => {
    const { document, linker, ourLinks, runAll } = setup(
      '<p id="p">Call +1 415 555 0132 or +1 415 555 0133 x204 today</p>',
    );
    const p = document.getElementById('p')!;
    const original = p.firstChild!;
    linker.start();
    runAll();
    expect(p.textContent).toBe('Call +1 415 555 0132 or +1 415 555 0133 x204 today');
    const links = Array.from(p.querySelectorAll('a'));
    expect(links.map((a) => [a.getAttribute('href'), a.getAttribute('data-pbx-dial'), a.textContent])).toEqual([
      ['tel:+14155550132', '+14155550132', '+1 415 555 0132'],
      ['tel:+14155550133;ext=204', '+14155550133;ext=204', '+1 415 555 0133 x204'],
    ]);
    expect(links[0]!.getAttribute('title')).toBe('Call +14155550132 with your PBX');
    // The page's own text node is still the first child, holding the text before the first number.
    expect(p.firstChild).toBe(original);
    expect((original as Text).data).toBe('Call ');
    expect(links.map((a) => ourLinks.get(a))).toEqual(['+14155550132', '+14155550133;ext=204']);
  });

  it('never touches the regions the page contract lists', () => {
    const skipped = [
      '<a href="/x">+1 415 555 0101</a>',
      '<button>+1 415 555 0102</button>',
      '<textarea>+1 415 555 0103</textarea>',
      '<div contenteditable="true"><p>+1 415 555 0104</p></div>',
      '<div contenteditable=""><span>+1 415 555 0105</span></div>',
      '<script>var n = "+1 415 555 0106"</script>',
      '<style>/* +1 415 555 0107 */</style>',
      '<noscript>+1 415 555 0108</noscript>',
      '<template>+1 415 555 0109</template>',
      '<svg><text>+1 415 555 0110</text></svg>',
      '<div role="button">+1 415 555 0111</div>',
      '<select><option>+1 415 555 0112</option></select>',
      '<label><input type="checkbox"> Text me at +1 415 555 0113</label>',
    ];
    const { document, linker, runAll } = setup(`${skipped.join('')}<p contenteditable="false">+1 415 555 0199</p>`);
    linker.start();
    runAll();
    const made = Array.from(document.querySelectorAll('a[data-pbx-dial]')).map((a) => a.getAttribute('data-pbx-dial'));
    expect(made).toEqual(['+14155550199']);
    expect(document.querySelector('title')!.textContent).toBe('+1 415 555 0100');
  });

  it('stop() restores the page exactly, and start() links it again', () => {
    const html = '<p id="p">A +1 415 555 0132 B +1 415 555 0133</p><ul><li>+1 415 555 0134</li></ul>';
    const { document, linker, runAll } = setup(html);
    const before = shape(document.body);
    linker.start();
    runAll();
    expect(document.querySelectorAll('a').length).toBe(3);
    linker.stop();
    expect(shape(document.body)).toBe(before);
    expect(document.body.childNodes.length).toBe(2);
    expect(document.getElementById('p')!.childNodes.length).toBe(1);
    linker.start();
    runAll();
    expect(document.querySelectorAll('a').length).toBe(3);
  });
});

describe('createLinker: hidden content', () => {
  it('leaves what the page hides with the hidden attribute, and links it when the page shows it', async () => {
    const { document, linker, runAll } = setup('<p id="h" hidden>Call +1 415 555 0132</p><p>+1 415 555 0133</p>');
    linker.start();
    runAll();
    expect(dials(document)).toEqual(['+14155550133']);
    document.getElementById('h')!.removeAttribute('hidden');
    await Promise.resolve();
    runAll();
    expect(dials(document)).toEqual(['+14155550132', '+14155550133']);
  });
});

describe('createLinker: off-screen numbers wait for the viewport', () => {
  /** A clock that moves 1 ms per read, so a 5 ms slice covers only the first rows of a long list. */
  const ticking = () => {
    let t = 0;
    return () => t++;
  };
  const rows = (n: number) =>
    Array.from({ length: n }, (_, i) => `<li id="r${i}">+1 415 555 ${String(1000 + i)}</li>`).join('');
  /**
   * A list of `n` numbered rows, started with 5 ms slices and a fake visibility observer, its first walk done;
   * a "big page" from `holdBackAbove` elements on (by default every page is).
   */
  const heldBack = (n: number, holdBackAbove = 0) => {
    const visibility = fakeVisibility();
    const page = setup(`<ul>${rows(n)}</ul>`, {
      now: ticking(),
      sliceMs: 5,
      firstSliceMs: 5,
      holdBackAbove,
      createVisibilityObserver: (onVisible) => visibility.create(onVisible),
    });
    page.linker.start();
    page.runAll();
    const linked = () => page.document.querySelectorAll('a[data-pbx-dial]').length;
    return { ...page, visibility, linked };
  };

  it('links the first slice at once, holds back the rest, and links a run of neighbours when one comes near', () => {
    const { document, linker, visibility, linked } = heldBack(2600);
    const first = linked();
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThan(100);
    // Every held-back row is known, but only the first 500 and then every 4th are watched.
    expect(linker.pending()).toBe(2600 - first);
    expect(visibility.watched.size).toBeLessThan(2600 - first);
    // Held-back rows are numbered from the first one the slice did not link.
    expect(visibility.watched.has(document.getElementById(`r${first + 501}`)!)).toBe(false);
    expect(visibility.watched.has(document.getElementById(`r${first + 504}`)!)).toBe(true);

    // Row 2100 comes near the viewport: 500 rows before it and 1,500 after are linked in one batch.
    visibility.show(document.getElementById('r2100')!);
    expect(document.getElementById('r1599')!.querySelector('a')).toBeNull();
    expect(document.getElementById('r1600')!.querySelector('a')).not.toBeNull();
    expect(document.getElementById('r2599')!.querySelector('a')).not.toBeNull();
    expect(linked()).toBe(first + 1000);
    expect(visibility.watched.has(document.getElementById(`r${first + 504}`)!)).toBe(true);
    expect(linker.pending()).toBe(1600 - first);
  });

  it('before the first scroll, releases only what is on screen; what was near waits for the scroll', () => {
    const { document, linker, visibility, linked } = heldBack(400);
    const first = linked();
    const near = document.getElementById(`r${first + 5}`)!;
    // Right after load the rows below the first screen are near, not on screen: nothing changes yet.
    visibility.showNear(near);
    expect(linked()).toBe(first);
    // A row that is on screen (the first slice fell short of it) is linked at once.
    visibility.show(document.getElementById(`r${first}`)!);
    expect(linked()).toBe(400);
    linker.stop();

    const page = heldBack(400);
    const row = page.document.getElementById(`r${page.linked() + 5}`)!;
    page.visibility.showNear(row);
    // The first scroll: the row is watched again, so the observer reports it afresh...
    const observedBefore = page.visibility.observed.length;
    page.linker.viewportChanged();
    expect(page.visibility.observed.slice(observedBefore)).toEqual([row]);
    // ...and, near now that the page scrolls, it is released with its neighbours.
    page.visibility.showNear(row);
    expect(row.querySelector('a')).not.toBeNull();
    expect(page.linked()).toBe(400);
  });

  it('holds nothing back on a page with fewer elements than holdBackAbove: every number is linked as it is found', () => {
    const small = heldBack(400, 1000);
    expect(small.linked()).toBe(400);
    expect(small.linker.pending()).toBe(0);
    expect(small.visibility.watched.size).toBe(0);
    // The same rows on a page just over the line: held back after the first slice.
    const big = heldBack(400, 300);
    expect(big.linked()).toBeLessThan(100);
    expect(big.visibility.watched.size).toBeGreaterThan(0);
  });

  it('does not link held-back text the page changed meanwhile, and forgets rows the page removed', () => {
    const { document, linker, visibility } = heldBack(200);
    const r150 = document.getElementById('r150')!;
    expect(visibility.watched.has(r150)).toBe(true);
    (r150.firstChild as Text).data = 'no number here';
    document.getElementById('r160')!.remove();
    linker.stop();
    expect(visibility.watched.size).toBe(0);
    expect(linker.pending()).toBe(0);
  });

  it('gives the first slice, when it starts, its own larger budget (the top of a page that was just parsed)', () => {
    const linkedAfterStart = (firstSliceMs: number) => {
      const { document, linker } = setup(`<ul>${rows(2600)}</ul>`, {
        now: ticking(),
        sliceMs: 5,
        firstSliceMs,
        createVisibilityObserver: (onVisible) => fakeVisibility().create(onVisible),
      });
      linker.start();
      return document.querySelectorAll('a[data-pbx-dial]').length;
    };
    const small = linkedAfterStart(5);
    const large = linkedAfterStart(30);
    expect(small).toBeGreaterThan(0);
    expect(large).toBeGreaterThan(small * 3);
  });

  it('without a visibility observer (no IntersectionObserver), links everything as it is found', () => {
    const { document, linker, runAll } = setup(`<ul>${rows(300)}</ul>`, { now: ticking(), sliceMs: 40 });
    linker.start();
    runAll();
    expect(document.querySelectorAll('a[data-pbx-dial]').length).toBe(300);
  });
});

describe('dialValue', () => {
  it('is E.164 plus ;ext=N, and refuses anything else', () => {
    expect(dialValue({ start: 0, end: 1, e164: '+14155550132' })).toBe('+14155550132');
    expect(dialValue({ start: 0, end: 1, e164: '+14155550132', ext: '204' })).toBe('+14155550132;ext=204');
    expect(dialValue({ start: 0, end: 1, e164: '14155550132' })).toBeNull();
    expect(dialValue({ start: 0, end: 1, e164: '+14155550132', ext: '2a' })).toBeNull();
  });
});
