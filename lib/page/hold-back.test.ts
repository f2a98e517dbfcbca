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

  it('links the held-back rows next to rows the page adds to its table, in the same callback: one relayout', async () => {
    const visibility = fakeVisibility();
    const tableRows = Array.from(
      { length: 1200 },
      (_, i) => `<tr id="r${i}"><td>+1 415 555 ${String(1000 + i)}</td></tr>`,
    ).join('');
    const page = setup(`<p id="status">Loading</p><table><tbody>${tableRows}</tbody></table>`, {
      now: ticking(),
      sliceMs: 5,
      firstSliceMs: 5,
      holdBackAbove: 0,
      createVisibilityObserver: (onVisible) => visibility.create(onVisible),
    });
    const { document, linker, runAll } = page;
    linker.start();
    runAll();
    const linked = () => document.querySelectorAll('a[data-pbx-dial]').length;
    const first = linked();
    expect(first).toBeLessThan(100);

    // A change outside the table is laid out on its own: nothing held back goes in for it.
    document.getElementById('status')!.append(document.createElement('b'));
    await Promise.resolve();
    expect(linked()).toBe(first);

    // The page appends rows at the end (an infinite list): the 150 held-back rows before them are linked in
    // the observer's callback, before any task runs; the new rows too, as far as the callback's slice goes.
    const tbody = document.querySelector('tbody')!;
    for (let i = 0; i < 3; i++) {
      const tr = document.createElement('tr');
      tr.appendChild(document.createElement('td')).textContent = `+1 415 555 ${String(5000 + i)}`;
      tbody.append(tr);
    }
    await Promise.resolve();
    const linkedRows = () => document.querySelectorAll('tr[id] a[data-pbx-dial]').length;
    expect(document.getElementById('r1050')!.querySelector('a')).not.toBeNull();
    expect(document.getElementById('r1199')!.querySelector('a')).not.toBeNull();
    expect(document.getElementById('r1049')!.querySelector('a')).toBeNull();
    expect(linkedRows()).toBe(first + 150);
    expect(linked()).toBeGreaterThan(linkedRows());
    runAll();
    // New rows the slice did not reach are held back like the rest, until they come near the viewport.
    expect(linkedRows()).toBe(first + 150);
    expect(linked() + linker.pending()).toBe(1203);

    // A cell the page rewrites in the middle: the held-back rows around it go in with it (150 before, 50
    // after).
    const hasLink = (id: string) => document.getElementById(id)!.querySelector('a') !== null;
    document.getElementById('r400')!.firstElementChild!.textContent = '+1 415 555 6000';
    await Promise.resolve();
    expect(document.getElementById('r400')!.textContent).toBe('+1 415 555 6000');
    expect([hasLink('r251'), hasLink('r250'), hasLink('r450'), hasLink('r451')]).toEqual([true, false, true, false]);
    expect(hasLink('r400')).toBe(true);
    expect(linked() + linker.pending()).toBe(1203);
  });

  it('links what the page adds in the observer callback for a whole slice: what it leaves is a relayout later', async () => {
    const visibility = fakeVisibility();
    const { document, linker, runAll } = setup(`<ul id="list">${rows(300)}</ul>`, {
      now: ticking(),
      sliceMs: 40,
      firstSliceMs: 40,
      holdBackAbove: 0,
      createVisibilityObserver: (onVisible) => visibility.create(onVisible),
    });
    linker.start();
    runAll();
    const list = document.getElementById('list')!;
    const added = Array.from({ length: 18 }, (_, i) => {
      const li = document.createElement('li');
      li.textContent = `+1 415 555 ${String(7000 + i)}`;
      return list.appendChild(li);
    });
    await Promise.resolve();
    // Half a slice (the ticking clock's 20 reads) reaches 10 of them; the whole slice all 18.
    expect(added.filter((li) => li.querySelector('a[data-pbx-dial]')).length).toBe(18);
  });

  it('without a visibility observer (no IntersectionObserver), links everything as it is found', () => {
    const { document, linker, runAll } = setup(`<ul>${rows(300)}</ul>`, { now: ticking(), sliceMs: 40 });
    linker.start();
    runAll();
    expect(document.querySelectorAll('a[data-pbx-dial]').length).toBe(300);
  });
});
