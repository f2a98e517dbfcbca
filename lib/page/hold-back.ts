/**
 * Hold-back: on a big page, links found off screen wait until their element comes near the viewport, then go
 * in with their neighbours in one batch. Every change inside a big table makes the browser lay the whole table
 * out again (about 100 ms for 10,000 rows), so numbers nobody looks at are never inserted, and scrolling costs
 * one relayout every several screens, not one per frame (./README.md, "Speed").
 */
import type { PhoneMatchLike, VisibilityObserver } from './linker';
import { insertLinks } from './segments';
import type { LinkerState } from './state';

/** A text node whose numbers were found but not yet linked, and the text they were found in. */
export interface PendingLink {
  t: Text;
  data: string;
  matches: PhoneMatchLike[];
}

/**
 * How far outside the viewport links are inserted ahead of time: two screens above and below, so ordinary
 * scrolling finds numbers already linked and each batch of insertions (one relayout of the page) covers
 * several screens.
 */
const NEAR_VIEWPORT = '200% 0px 200% 0px';
/**
 * Holding links back buys nothing on an ordinary page, and costs it links where nobody scrolls (a page read by
 * another tool, printed, or searched with Ctrl+F). Laying a page out again costs about 1.2 µs per element
 * (measured): under 25,000 elements each slice's relayout stays under 30 ms, no long task, and a 2,500-row
 * table is linked in full within a few seconds. It pays on bigger pages, where each relayout is a long task (a
 * 10,000-row table has about 90,000 elements and takes 100 to 200 ms).
 */
const HOLD_BACK_ABOVE = 25_000;
/** How long a count of the page's elements is trusted before it is taken again. */
const SIZE_CHECK_MS = 1000;
/**
 * Held-back links are released in runs of neighbours (in the order the walk found them, which is the page's
 * order): when one element comes near the viewport, the ones before and after it are linked in the same
 * batch. Scrolling then costs one relayout every several screens, not one per frame.
 */
const RELEASE_BEFORE = 500;
const RELEASE_AFTER = 1500;
/**
 * On a page with many numbers only every SENTINEL_STRIDE-th element is watched (beyond the first
 * {@link WATCH_ALL}): runs are released around it, and watching 10,000 elements would cost the browser
 * milliseconds on every frame. Pages with few numbers have every element watched, however far apart.
 */
const WATCH_ALL = 500;
const SENTINEL_STRIDE = 4;
/** How often held-back links of elements the page has removed are forgotten. */
const PRUNE_MS = 10_000;

/**
 * The product's visibility observer: an IntersectionObserver on the document's window, if it has one. It
 * reports the elements that came near the viewport, and which of them are on screen (from the entry's own
 * rectangle: no layout read).
 */
export function intersectionVisibility(win: Window | null) {
  return (onVisible: (near: Element[], onScreen: Element[]) => void): VisibilityObserver | null => {
    const IO = (win as (Window & { IntersectionObserver?: typeof IntersectionObserver }) | null)?.IntersectionObserver;
    if (!IO || !win) return null;
    return new IO(
      (entries) => {
        const near = entries.filter((e) => e.isIntersecting);
        const height = win.innerHeight;
        const onScreen = near.filter((e) => e.boundingClientRect.bottom > 0 && e.boundingClientRect.top < height);
        onVisible(
          near.map((e) => e.target),
          onScreen.map((e) => e.target),
        );
      },
      { rootMargin: NEAR_VIEWPORT },
    );
  };
}

/** Links `t` around `matches` now, or, while the walk defers, holds them back until `t` comes near the viewport. */
export function linkOrHoldBack(s: LinkerState, t: Text, data: string, matches: PhoneMatchLike[]): void {
  const holder = t.parentElement;
  const visibility = s.visibility;
  if (!s.deferring || !visibility || !holder) {
    insertLinks(s, t, matches);
    return;
  }
  const list = s.waiting.get(holder);
  if (list) list.push({ t, data, matches });
  else {
    s.waiting.set(holder, [{ t, data, matches }]);
    const index = s.holders.push(holder) - 1;
    s.holderIndex.set(holder, index);
    if (index < WATCH_ALL || index % SENTINEL_STRIDE === 0) visibility.observe(holder);
    queuePrune(s);
  }
}

/** Stops holding `el`'s links back; returns them. */
function stopHolding(s: LinkerState, el: Element): PendingLink[] {
  const list = s.waiting.get(el) ?? [];
  s.waiting.delete(el);
  s.visibility?.unobserve(el);
  const index = s.holderIndex.get(el);
  s.holderIndex.delete(el);
  if (index !== undefined) s.holders[index] = null;
  return list;
}

/**
 * Inserts the links held back for elements now near the viewport, and for their neighbours in page order
 * (see {@link RELEASE_AFTER}), all in this one task: one relayout.
 */
function releaseAround(s: LinkerState, elements: Element[]): void {
  if (!s.running) return;
  const batch: PendingLink[] = [];
  for (const el of elements) {
    const index = s.holderIndex.get(el);
    if (index === undefined) continue;
    const end = Math.min(s.holders.length, index + RELEASE_AFTER);
    for (let i = Math.max(0, index - RELEASE_BEFORE); i < end; i++) {
      const holder = s.holders[i];
      if (holder) batch.push(...stopHolding(s, holder));
    }
  }
  insertHeld(s, batch);
}

/** Inserts released links, for text the page has not changed, moved away or linked otherwise meanwhile. */
function insertHeld(s: LinkerState, batch: PendingLink[]): void {
  for (const { t, data, matches } of batch) {
    if (t.isConnected && t.data === data && !s.segments.has(t)) insertLinks(s, t, matches);
  }
  if (!s.waiting.size) s.holders.length = 0;
  // Our own insertions would come back as mutation records: drop them.
  s.observer?.takeRecords();
}

/**
 * How many held-back elements on each side of the page's own change to a table go in with it (see
 * {@link releaseNearPageChange}): the screens around rows appended where the reader is (a 720-pixel window and
 * its margin hold about 110 table rows), a millisecond or two of insertions, not the 20 ms of a full release.
 */
const PAGE_CHANGE_BEFORE = 150;
const PAGE_CHANGE_AFTER = 50;
/**
 * How many rows back from the page's change the nearest held-back element is looked for (see
 * {@link heldIndexNear}).
 */
const LOOK_BACK_ROWS = 200;

/**
 * The page changed one of its own tables (an infinite list appending rows where the reader scrolled to, a live
 * cell): the browser lays that whole table out again for it, before the next paint. The held-back links of the
 * same table next to the change go in now, in the observer's callback, so they share that relayout, instead of
 * costing one of their own a frame later, when the visibility observer reports them near (about 110 ms on a
 * 10,000-row table: `npm run bench`, scrolling). Outside tables a change is laid out on its own, and nothing is
 * released for it.
 */
export function releaseNearPageChange(s: LinkerState, changed: Node[]): void {
  if (!s.running || !s.waiting.size || !changed.length) return;
  // A burst of rows is one run of nodes: its two ends are where the page changed. Both are placed among the
  // held-back elements before any is released.
  const places: { table: Element; index: number }[] = [];
  for (const node of new Set([changed[0]!, changed[changed.length - 1]!])) {
    const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
    const table = el?.closest('table');
    if (!el || !table?.isConnected) continue;
    const index = heldIndexNear(s, el);
    if (index >= 0) places.push({ table, index });
  }
  const batch: PendingLink[] = [];
  for (const { table, index } of places) {
    const end = Math.min(s.holders.length, index + 1 + PAGE_CHANGE_AFTER);
    for (let i = Math.max(0, index + 1 - PAGE_CHANGE_BEFORE); i < end; i++) {
      const holder = s.holders[i];
      if (holder && table.contains(holder)) batch.push(...stopHolding(s, holder));
    }
  }
  if (batch.length) insertHeld(s, batch);
}

/**
 * The index of the held-back element in `el`'s table row, or else in the nearest row before it with one (looking
 * back through at most {@link LOOK_BACK_ROWS} rows of its section); -1 when there is none. Bounded and cheap,
 * where placing a row among the held-back elements with `compareDocumentPosition` makes the browser walk the
 * rows between them (12 ms for a row appended to 10,000, measured in the bench).
 */
function heldIndexNear(s: LinkerState, el: Element): number {
  let row: Element | null = el.closest('tr');
  for (let n = 0; row && n < LOOK_BACK_ROWS; n++, row = row.previousElementSibling) {
    let found = s.holderIndex.get(row) ?? -1;
    for (const inner of Array.from(row.querySelectorAll('*'))) found = Math.max(found, s.holderIndex.get(inner) ?? -1);
    if (found >= 0) return found;
  }
  return -1;
}

/**
 * The visibility observer's report. Until the page first scrolls, only what is on screen is released: the
 * first screen went into the page's first layout (the first slice), and releasing the rows a screen or two
 * below it would make the browser lay a big page out again right after load, for rows nobody sees yet.
 * Those wait for the first scroll (see {@link watchAgainOnFirstScroll}).
 */
export function onNearViewport(s: LinkerState, near: Element[], onScreen: Element[]): void {
  if (s.scrolled) return releaseAround(s, near);
  for (const el of near) s.nearBeforeScroll.add(el);
  for (const el of onScreen) s.nearBeforeScroll.delete(el);
  if (onScreen.length) releaseAround(s, onScreen);
}

/**
 * The page scrolled. The first time, what was near before is watched again: the observer reports each one
 * afresh in its next report (observing an element always gives a first report), so what is still near is
 * released then, together with whatever else the scroll brought near: one batch, one relayout.
 */
export function watchAgainOnFirstScroll(s: LinkerState): void {
  if (s.scrolled) return;
  s.scrolled = true;
  for (const el of s.nearBeforeScroll) {
    if (!s.waiting.has(el)) continue;
    s.visibility?.unobserve(el);
    s.visibility?.observe(el);
  }
  s.nearBeforeScroll.clear();
}

/** Forgets held-back links of elements the page removed (an SPA replacing its rows, say). */
function forgetRemoved(s: LinkerState): void {
  s.pruneQueued = false;
  if (!s.running) return;
  for (const el of s.waiting.keys()) if (!el.isConnected) stopHolding(s, el);
  if (s.waiting.size) queuePrune(s);
  else s.holders.length = 0;
}

/** Forgets held-back links of removed elements in {@link PRUNE_MS}, unless that is queued already. */
function queuePrune(s: LinkerState): void {
  if (s.pruneQueued) return;
  s.pruneQueued = true;
  s.options.schedule(() => forgetRemoved(s), PRUNE_MS);
}

/** Forgets everything held back and stops watching (the linker stops). */
export function dropHeldBack(s: LinkerState): void {
  s.visibility?.disconnect();
  s.visibility = null;
  s.nearBeforeScroll.clear();
  s.waiting.clear();
  s.holders.length = 0;
  s.holderIndex.clear();
}

/** Whether the page is big enough for holding links back to pay (see {@link HOLD_BACK_ABOVE}). */
export function isBigPage(s: LinkerState): boolean {
  const t = s.options.now();
  if (t - s.sizeCheckedAt >= SIZE_CHECK_MS) {
    s.sizeCheckedAt = t;
    // A live collection: counting walks the tree once, without building a list. (linkedom, in unit tests,
    // finds nothing for "*" there: a real document always has its <html>.)
    const count = s.doc.getElementsByTagName('*').length || s.doc.querySelectorAll('*').length;
    s.bigPage = count > (s.options.holdBackAbove ?? HOLD_BACK_ABOVE);
  }
  return s.bigPage;
}

/** After a walk's first slice, what it finds on a big page waits for the viewport (see `Cursor.defer`). */
export function holdBackRest(s: LinkerState): void {
  if (s.visibility && s.cursors.length && isBigPage(s)) for (const c of s.cursors) c.defer = true;
}
