import { describe, expect, it } from 'vitest';
import { fakeVisibility, rows, setup, ticking } from '@/tests/unit/support/linker-page';

describe('hold-back: off-screen numbers wait for the viewport', () => {
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

  it('without a visibility observer (no IntersectionObserver), links everything as it is found', () => {
    const { document, linker, runAll } = setup(`<ul>${rows(300)}</ul>`, { now: ticking(), sliceMs: 40 });
    linker.start();
    runAll();
    expect(document.querySelectorAll('a[data-pbx-dial]').length).toBe(300);
  });
});
