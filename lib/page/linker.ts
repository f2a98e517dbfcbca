/**
 * Turns phone numbers in page text into click-to-dial links and keeps them right while the page changes.
 * The technique (and why it is safe with React and other frameworks) is written down in ./README.md.
 *
 * Everything the linker reads from outside (the document, the detector, the clock, the scheduler) is passed
 * in, so the same code runs in the content script, in unit tests and in the benchmark.
 */
import { isInsideSkipped, isSkippedElement, SKIP_SELECTOR } from './skip';
import { digitAtEdge, gatherPieces, numbersAcross } from './split-numbers';
import { labelsOf } from './labels';

/** One number found in a string; the same shape as lib/phone/detect's `PhoneMatch`. */
export interface PhoneMatchLike {
  start: number;
  end: number;
  e164: string;
  ext?: string;
}

/** The detection functions the linker calls (lib/phone/detect in the product). */
export interface Detector {
  mightContainPhone(text: string): boolean;
  findPhoneNumbers(
    text: string,
    options: {
      country: string;
      otherCountries?: readonly string[];
      strictCountries?: readonly string[];
      before?: string;
      heading?: string;
    },
  ): PhoneMatchLike[];
}

export interface LinkerOptions {
  document: Document;
  detector: Detector;
  /** ISO alpha-2 country for national-format numbers: the first hypothesis (lib/phone/page-country). */
  country: string;
  /** Further country hypotheses, in order of evidence (lib/phone/page-country `pageCountries`). */
  otherCountries?: readonly string[];
  /** Those hypotheses that only the page's "+CC" numbers point to (lib/phone/page-country). */
  strictCountries?: readonly string[];
  /**
   * The `title` of a link for a dial value, set when the link is made. The content script leaves it out and
   * sets titles when a person points at or focuses a link (lib/page/title.ts): formatting every number of a
   * 10,000-row table up front costs more than all the rest of linking it.
   */
  title?(dial: string): string;
  /** Shared with the click handler: every link this linker made, and the dial value it recorded. */
  ourLinks: WeakMap<Element, string>;
  /** Runs `task` in a later task, after `delayMs` (default 0; setTimeout in the product); never synchronously. */
  schedule(task: () => void, delayMs?: number): void;
  /** Milliseconds, monotonic. */
  now(): number;
  /** Called once for each open shadow root found, before it is linked (the content script adopts its styles). */
  onShadowRoot?(root: ShadowRoot): void;
  /** Longest stretch of work in one task, in ms; well under the 50 ms that makes a long task. */
  sliceMs?: number;
  /**
   * The first slice, when the linker starts (default {@link FIRST_SLICE_MS}): the top of a page that was just
   * parsed, linked before the browser first lays the page out, so the first screen costs no second layout.
   */
  firstSliceMs?: number;
  /**
   * Reports when elements come near the viewport; `IntersectionObserver` in the product. Without one (unit
   * tests under Node), every link is inserted as soon as it is found.
   */
  createVisibilityObserver?: (onVisible: (near: Element[], onScreen: Element[]) => void) => VisibilityObserver | null;
  /**
   * Off-screen links are held back only on pages with more elements than this (default
   * {@link HOLD_BACK_ABOVE}); smaller pages are linked in full as the walk finds them.
   */
  holdBackAbove?: number;
}

/** The part of `IntersectionObserver` the linker uses. */
export interface VisibilityObserver {
  observe(element: Element): void;
  unobserve(element: Element): void;
  disconnect(): void;
}

/**
 * How far outside the viewport links are inserted ahead of time: two screens above and below, so ordinary
 * scrolling finds numbers already linked and each batch of insertions (one relayout of the page) covers
 * several screens.
 */
const NEAR_VIEWPORT = '200% 0px 200% 0px';
/**
 * The first slice covers about the first 300 rows of a dense table (three screens and more: everything the
 * visibility observer would release at once), and leaves room under the 50 ms long-task line for the rest of
 * the DOMContentLoaded task it runs in.
 */
const FIRST_SLICE_MS = 30;

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

export interface Linker {
  /** Links the page and follows its changes until {@link Linker.stop}. */
  start(): void;
  /** Removes every link (restoring the page's text nodes exactly) and stops observing. */
  stop(): void;
  /** Whether the linker is running. */
  readonly running: boolean;
  /** Moves the work near the viewport to the front of the queue (call after the page scrolled). */
  viewportChanged(): void;
  /** Links still waiting in the queue: 0 once the page is fully linked (used by the benchmark). */
  pending(): number;
}

/** What a linked text node looked like before we split it, and the nodes we inserted after it. */
interface Segment {
  /** The node's full text when we linked it. */
  original: string;
  /** What we left in the node: the text before the first number (possibly empty). */
  head: string;
  /** Our nodes, in order, right after the original node: links and plain text between and after them. */
  trail: Node[];
}

/** A resumable walk over a subtree, in document order. */
interface Cursor {
  next: Node | null;
  root: Node;
  /** Nodes this cursor may still visit (viewport cursors stop early; the main walk covers the rest). */
  left: number;
  /**
   * Hold this cursor's links back until their element comes near the viewport. Set on every walk after its
   * first slice (the first screen, or what the page just added): every change inside a big table makes the
   * browser lay the whole table out again, so off-screen numbers are linked only when they are about to be
   * seen, in one batch per visibility report instead of one relayout per slice.
   */
  defer?: boolean;
}

/** A text node whose numbers were found but not yet linked, and the text they were found in. */
interface PendingWrap {
  t: Text;
  data: string;
  matches: PhoneMatchLike[];
}

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
const E164 = /^\+[1-9]\d{1,14}$/;
const EXT = /^\d{1,10}$/;
/** Shortest text worth a look: the shortest numbers we link have 3 digits plus separators rarely fewer. */
const MIN_TEXT = 3;
const OBSERVE: MutationObserverInit = {
  childList: true,
  subtree: true,
  characterData: true,
  attributes: true,
  // An element that becomes editable (click-to-edit widgets) must lose its links; one the page shows (its
  // `hidden` removed) is linked then.
  attributeFilter: ['contenteditable', 'hidden'],
};

/** The dial value for a match: E.164 plus `;ext=N` (design.md, "The page contract"); null if malformed. */
export function dialValue(match: PhoneMatchLike): string | null {
  if (!E164.test(match.e164)) return null;
  if (match.ext === undefined || match.ext === '') return match.e164;
  return EXT.test(match.ext) ? `${match.e164};ext=${match.ext}` : null;
}

/** The next node in document order under `root`, skipping `node`'s children when asked. */
function advance(node: Node, root: Node, skipChildren: boolean): Node | null {
  if (!skipChildren && node.firstChild) return node.firstChild;
  let n: Node | null = node;
  while (n && n !== root) {
    if (n.nextSibling) return n.nextSibling;
    n = n.parentNode;
  }
  return null;
}

/** The previous node in document order (used only to back up a little before the viewport's middle). */
function previous(node: Node): Node | null {
  let p = node.previousSibling;
  if (!p) return node.parentNode;
  while (p.lastChild) p = p.lastChild;
  return p;
}

/** Creates the linker for one document (each frame runs its own content script, so its own linker). */
export function createLinker(options: LinkerOptions): Linker {
  const doc = options.document;
  const { detector, ourLinks, now } = options;
  const sliceMs = options.sliceMs ?? 12;
  const firstSliceMs = options.firstSliceMs ?? FIRST_SLICE_MS;
  const holdBackAbove = options.holdBackAbove ?? HOLD_BACK_ABOVE;
  /** How national-format numbers are read: the page's country hypotheses, in order. */
  const reading = {
    country: options.country,
    otherCountries: options.otherCountries,
    strictCountries: options.strictCountries,
  };

  const segments = new WeakMap<Text, Segment>();
  const ownerOf = new WeakMap<Node, Text>();
  /** The pieces of each number a page split across nodes, by piece (see {@link linkSplitNumbers}). */
  const groupOf = new WeakMap<Text, Text[]>();
  /** Each table's column headers, as labels for the numbers in its cells (see {@link textBefore}). */
  const headers = new WeakMap<Element, string[]>();
  /** Text nodes already looked at (digit-bearing ones only: the rest cost nothing to look at again). */
  let seen = new WeakSet<Text>();
  /** Open shadow roots we observe. Strong references: pruned when their host leaves the page. */
  const shadowRoots = new Set<ShadowRoot>();
  /** Custom elements without a shadow root yet: checked again later, in case they attach one when upgraded. */
  const bareHosts = new Set<Element>();
  let cursors: Cursor[] = [];
  /** Links found but held back, by the element whose visibility releases them. */
  const waiting = new Map<Element, PendingWrap[]>();
  /** Elements with held-back links in the order they were found (null once released), and their places. */
  let holders: (Element | null)[] = [];
  const holderIndex = new Map<Element, number>();
  let visibility: VisibilityObserver | null = null;
  /** Whether the page scrolled since the linker started (see {@link onVisible}). */
  let scrolled = false;
  /** Elements reported near the viewport, but off screen, before the page first scrolled. */
  const nearBeforeScroll = new Set<Element>();
  let pruneQueued = false;
  /** Whether the cursor being walked holds its links back (see {@link Cursor.defer}). */
  let deferring = false;
  let running = false;
  let taskQueued = false;
  let viewportDirty = false;
  let observer: MutationObserver | null = null;
  const win = doc.defaultView;

  function schedule(): void {
    if (taskQueued || !running) return;
    taskQueued = true;
    options.schedule(() => runQueued());
  }

  function makeLink(text: string, dial: string): HTMLAnchorElement {
    const a = doc.createElement('a');
    a.setAttribute('href', `tel:${dial}`);
    a.setAttribute('data-pbx-dial', dial);
    if (options.title) a.title = options.title(dial);
    a.appendChild(doc.createTextNode(text));
    ourLinks.set(a, dial);
    return a;
  }

  /**
   * Splits `t` around its numbers without moving or removing `t` itself: `t` keeps the text before the first
   * number, and our links (with copies of the number text) and the remaining text follow it. The page's
   * reference to `t` stays valid: removing it, changing its text or moving it all keep working, and the
   * observer then puts things right (see ./README.md).
   */
  function wrap(t: Text, matches: PhoneMatchLike[]): void {
    const parent = t.parentNode;
    if (!parent) return;
    const original = t.data;
    const trail: Node[] = [];
    let cursor = -1;
    let head = '';
    for (const m of matches) {
      const dial = dialValue(m);
      if (!dial || m.start < Math.max(cursor, 0) || m.end <= m.start || m.end > original.length) continue;
      if (cursor === -1) head = original.slice(0, m.start);
      else if (m.start > cursor) trail.push(doc.createTextNode(original.slice(cursor, m.start)));
      trail.push(makeLink(original.slice(m.start, m.end), dial));
      cursor = m.end;
    }
    if (cursor === -1) return;
    if (cursor < original.length) trail.push(doc.createTextNode(original.slice(cursor)));
    const fragment = doc.createDocumentFragment();
    for (const n of trail) {
      fragment.appendChild(n);
      ownerOf.set(n, t);
      if (n.nodeType === 3) seen.add(n as Text);
    }
    t.data = head;
    parent.insertBefore(fragment, t.nextSibling);
    segments.set(t, { original, head, trail });
  }

  /** Whether `t` and our nodes after it are still as we left them. */
  function intact(t: Text, seg: Segment): boolean {
    if (!t.isConnected || t.data !== seg.head) return false;
    let n: Node | null = t;
    for (const node of seg.trail) {
      n = n.nextSibling;
      if (n !== node) return false;
    }
    return true;
  }

  /**
   * Undoes one split: removes our nodes and gives `t` back its full text, unless the page wrote new text into
   * `t` (then the page's text is the truth and our copies were stale).
   */
  function settle(t: Text, pageWroteText: boolean): void {
    const seg = segments.get(t);
    if (!seg) return;
    segments.delete(t);
    seen.delete(t);
    for (const n of seg.trail) {
      ownerOf.delete(n);
      if (n.nodeType === 1) ourLinks.delete(n as Element);
      n.parentNode?.removeChild(n);
    }
    if (!pageWroteText && t.data === seg.head) t.data = seg.original;
  }

  /** The page edited the text inside one of our links: follow it if it is still one number, else unwrap. */
  function follow(a: Element): void {
    const t = ownerOf.get(a);
    const seg = t && segments.get(t);
    const text = a.textContent ?? '';
    const matches = detector.mightContainPhone(text) ? detector.findPhoneNumbers(text, reading) : [];
    const m = matches.length === 1 ? matches[0]! : undefined;
    const dial = m && text.slice(0, m.start).trim() === '' && text.slice(m.end).trim() === '' ? dialValue(m) : null;
    if (dial) {
      a.setAttribute('href', `tel:${dial}`);
      a.setAttribute('data-pbx-dial', dial);
      if (options.title) (a as HTMLElement).title = options.title(dial);
      else a.removeAttribute('title');
      ourLinks.set(a, dial);
      return;
    }
    ourLinks.delete(a);
    const children = Array.from(a.childNodes);
    if (seg) {
      const i = seg.trail.indexOf(a);
      if (i !== -1) seg.trail.splice(i, 1, ...children);
      for (const c of children) ownerOf.set(c, t!);
    }
    ownerOf.delete(a);
    a.replaceWith(...children);
  }

  function linkText(t: Text): void {
    if (seen.has(t)) return;
    const data = t.data;
    if (digitAtEdge(data) && linkSplitNumbers(t)) return;
    if (data.length < MIN_TEXT || !detector.mightContainPhone(data)) return;
    seen.add(t);
    if (!t.parentNode) return;
    const matches = detector.findPhoneNumbers(data, { ...reading, ...labelsOf(t, headers) });
    if (matches.length) place(t, data, matches);
  }

  /** A text node another may be joined with: not looked at yet, and not one we split or made. */
  const joinable = (x: Text): boolean => !seen.has(x) && !segments.has(x) && !ownerOf.has(x);

  /**
   * Numbers a page split across inline elements (./split-numbers.ts), each linked once on one of its pieces.
   * False when `t` has no such neighbours (the usual case): it is then linked on its own.
   */
  function linkSplitNumbers(t: Text): boolean {
    const pieces = gatherPieces(t, joinable);
    if (pieces.length < 2) return false;
    const found = numbersAcross(pieces, detector, (text, at) =>
      detector.findPhoneNumbers(text, { ...reading, ...labelsOf(at, headers) }),
    );
    if (!found) return false;
    for (const p of pieces) {
      seen.add(p);
      groupOf.set(p, pieces);
    }
    for (const [p, list] of found) place(p, p.data, list);
    return true;
  }

  /** Links `t` around `matches` now, or holds them back until `t` comes near the viewport. */
  function place(t: Text, data: string, matches: PhoneMatchLike[]): void {
    const holder = t.parentElement;
    if (!deferring || !visibility || !holder) {
      wrap(t, matches);
      return;
    }
    const list = waiting.get(holder);
    if (list) list.push({ t, data, matches });
    else {
      waiting.set(holder, [{ t, data, matches }]);
      const index = holders.push(holder) - 1;
      holderIndex.set(holder, index);
      if (index < WATCH_ALL || index % SENTINEL_STRIDE === 0) visibility.observe(holder);
      if (!pruneQueued) {
        pruneQueued = true;
        options.schedule(prune, PRUNE_MS);
      }
    }
  }

  /** Stops holding `el`'s links back; returns them. */
  function forget(el: Element): PendingWrap[] {
    const list = waiting.get(el) ?? [];
    waiting.delete(el);
    visibility?.unobserve(el);
    const index = holderIndex.get(el);
    holderIndex.delete(el);
    if (index !== undefined) holders[index] = null;
    return list;
  }

  /**
   * Inserts the links held back for elements now near the viewport, and for their neighbours in page order
   * (see {@link RELEASE_AFTER}), all in this one task: one relayout.
   */
  function release(elements: Element[]): void {
    if (!running) return;
    const batch: PendingWrap[] = [];
    for (const el of elements) {
      const index = holderIndex.get(el);
      if (index === undefined) continue;
      const end = Math.min(holders.length, index + RELEASE_AFTER);
      for (let i = Math.max(0, index - RELEASE_BEFORE); i < end; i++) {
        const holder = holders[i];
        if (holder) batch.push(...forget(holder));
      }
    }
    // Only for text the page has not changed, moved away or linked otherwise meanwhile.
    for (const { t, data, matches } of batch) {
      if (t.isConnected && t.data === data && !segments.has(t)) wrap(t, matches);
    }
    if (!waiting.size) holders = [];
    // Our own insertions would come back as mutation records: drop them.
    observer?.takeRecords();
  }

  /**
   * The visibility observer's report. Until the page first scrolls, only what is on screen is released: the
   * first screen went into the page's first layout (the first slice), and releasing the rows a screen or two
   * below it would make the browser lay a big page out again right after load, for rows nobody sees yet.
   * Those wait for the first scroll (see `viewportChanged`).
   */
  function onVisible(near: Element[], onScreen: Element[]): void {
    if (scrolled) return release(near);
    for (const el of near) nearBeforeScroll.add(el);
    for (const el of onScreen) nearBeforeScroll.delete(el);
    if (onScreen.length) release(onScreen);
  }

  /** Forgets held-back links of elements the page removed (an SPA replacing its rows, say). */
  function prune(): void {
    pruneQueued = false;
    if (!running) return;
    for (const el of waiting.keys()) if (!el.isConnected) forget(el);
    if (!waiting.size) holders = [];
    if (waiting.size) {
      pruneQueued = true;
      options.schedule(prune, PRUNE_MS);
    }
  }

  function attachShadowRoot(root: ShadowRoot): void {
    if (shadowRoots.has(root)) return;
    shadowRoots.add(root);
    options.onShadowRoot?.(root);
    observer?.observe(root, OBSERVE);
    cursors.push({ next: root.firstChild, root, left: Infinity });
  }

  /** Returns true when the element's subtree is to be skipped. */
  function visitElement(el: Element): boolean {
    if (isSkippedElement(el)) return true;
    const root = el.shadowRoot;
    if (root) attachShadowRoot(root);
    else if (el.localName.includes('-')) bareHosts.add(el);
    return false;
  }

  /** Walks one cursor until the deadline; returns true when it is finished. */
  function stepCursor(c: Cursor, deadline: number): boolean {
    let node = c.next;
    if (node && !node.isConnected && c.root.isConnected) {
      // The page removed the node we were about to visit: start this subtree again (seen text is skipped).
      node = c.root.nodeType === 1 ? c.root : c.root.firstChild;
    }
    let n = 0;
    deferring = !!c.defer;
    while (node && c.left > 0) {
      let skipChildren = false;
      if (node.nodeType === 1) skipChildren = visitElement(node as Element);
      else if (node.nodeType === 3) linkText(node as Text);
      node = advance(node, c.root, skipChildren);
      c.left--;
      if ((++n & 15) === 0 && now() >= deadline) break;
    }
    c.next = node;
    deferring = false;
    return node === null || c.left <= 0;
  }

  /** Works through the queue, newest cursor first, until the deadline. */
  function drain(deadline: number): void {
    while (cursors.length && now() < deadline) {
      const c = cursors[cursors.length - 1]!;
      if (stepCursor(c, deadline)) {
        const i = cursors.lastIndexOf(c);
        if (i !== -1) cursors.splice(i, 1);
      }
    }
  }

  /** Queues a walk of `node` (an added element or text) after checking the ancestors above it. */
  function queueSubtree(node: Node): void {
    if (!node.isConnected) return;
    if (node.nodeType !== 1 && node.nodeType !== 3) return;
    if (node.parentNode && isInsideSkipped(node.parentNode)) return;
    cursors.push({ next: node, root: node, left: Infinity });
  }

  /** Starts a bounded walk a little before the element in the middle of the viewport. */
  function prioritizeViewport(): void {
    viewportDirty = false;
    if (!win || !cursors.length) return;
    // Held-back links already found are released by the visibility observer; here the walk jumps ahead to
    // text not yet looked at. One layout read per scroll burst, never per node.
    const middle = doc.elementFromPoint(win.innerWidth / 2, win.innerHeight / 2);
    if (!middle || middle === doc.documentElement || middle === doc.body) return;
    let start: Node = middle;
    // Back up so the top half of the screen comes first too; ~1000 nodes cover a screenful of a dense table.
    for (let i = 0; i < 1000; i++) {
      const p = previous(start);
      if (!p || p === doc.documentElement || p === doc.body) break;
      start = p;
    }
    const skipped = (start.nodeType === 1 ? (start as Element) : start.parentElement)?.closest(SKIP_SELECTOR);
    const from = skipped ? advance(skipped, doc, true) : start;
    // Held back like the rest: the visibility observer releases what is on screen in its next report.
    if (from) cursors.push({ next: from, root: doc, left: 6000, defer: !!visibility && isBigPage() });
  }

  function recheckHosts(): void {
    for (const el of bareHosts) {
      if (el.shadowRoot) {
        bareHosts.delete(el);
        if (el.isConnected && !isInsideSkipped(el)) attachShadowRoot(el.shadowRoot);
      } else if (!el.isConnected) bareHosts.delete(el);
    }
  }

  function unlinkWithin(root: ParentNode): void {
    for (const a of Array.from(root.querySelectorAll('a[data-pbx-dial]'))) {
      const t = ourLinks.has(a) ? ownerOf.get(a) : undefined;
      if (t) settle(t, false);
    }
  }

  /** Reacts to the page's changes; runs in the observer's microtask, so before the next paint. */
  function handle(records: MutationRecord[]): void {
    if (!records.length) return;
    const affected = new Set<Text>();
    const changedLinks = new Set<Element>();
    const added: Node[] = [];
    const ownerTextOf = (n: Node | null): Text | undefined =>
      n ? (segments.has(n as Text) ? (n as Text) : ownerOf.get(n)) : undefined;

    /**
     * The page changed one piece of a number split across nodes: the link on another piece would dial the old
     * number. Every piece is unlinked and looked at again, together.
     */
    const regroup = (t: Node | null): void => {
      const pieces = t && groupOf.get(t as Text);
      if (!pieces) return;
      for (const piece of pieces) {
        groupOf.delete(piece);
        if (piece === t) continue;
        if (segments.has(piece)) settle(piece, false);
        seen.delete(piece);
        if (piece.isConnected) added.push(piece);
      }
    };

    for (const r of records) {
      if (r.type === 'characterData') {
        const t = r.target as Text;
        regroup(t);
        if (segments.has(t)) {
          // The page rewrote a text node we had split (React's commitTextUpdate, Vue, Svelte, …).
          settle(t, true);
          added.push(t);
        } else if (ownerOf.has(t)) {
          // The page (a translator, say) rewrote plain text we had split off: it is just text now.
        } else if (t.parentNode && ourLinks.has(t.parentNode as Element)) {
          changedLinks.add(t.parentNode as Element);
        } else {
          seen.delete(t);
          added.push(t);
        }
      } else if (r.type === 'attributes') {
        const el = r.target as Element;
        if (isSkippedElement(el) || isInsideSkipped(el)) unlinkWithin(el);
        else added.push(el);
      } else {
        for (const n of Array.from(r.removedNodes)) {
          regroup(n);
          const owner = ownerTextOf(n);
          if (owner) affected.add(owner);
        }
        for (const n of Array.from(r.addedNodes)) {
          const owner = ownerTextOf(n);
          if (owner) affected.add(owner);
          else added.push(n);
        }
        // Something inserted or removed right next to a split text (between it and our nodes, say).
        const before = ownerTextOf(r.previousSibling);
        if (before) affected.add(before);
        const after = ownerTextOf(r.nextSibling);
        if (after) affected.add(after);
      }
    }
    for (const t of affected) {
      const seg = segments.get(t);
      if (seg && !intact(t, seg)) {
        settle(t, false);
        if (t.isConnected) added.push(t);
      }
    }
    for (const a of changedLinks) if (a.isConnected) follow(a);
    for (const n of added) queueSubtree(n);
  }

  function unlinkAll(): void {
    unlinkWithin(doc);
    for (const root of shadowRoots) unlinkWithin(root);
    seen = new WeakSet();
  }

  /** Observer callback: settle what the page changed and link what it added, within one slice. */
  function onMutations(records: MutationRecord[]): void {
    if (!running || !observer) return;
    if (doc.designMode === 'on') {
      // The whole document became an editor: leave every word of it alone.
      unlinkAll();
      cursors = [];
      observer.takeRecords();
      return;
    }
    handle(records.concat(observer.takeRecords()));
    // New rows and edited numbers are linked now, before the next paint, in the page's own relayout; a flood
    // continues in later tasks, held back until near the viewport.
    drain(now() + sliceMs / 2);
    holdBackRest();
    // Our own changes would come back as records: drop them.
    observer.takeRecords();
    if (bareHosts.size) recheckHosts();
    if (cursors.length) schedule();
  }

  function runQueued(slice = sliceMs): void {
    taskQueued = false;
    if (!running || !observer) return;
    if (doc.designMode === 'on') return onMutations([]);
    handle(observer.takeRecords());
    if (viewportDirty) prioritizeViewport();
    drain(now() + slice);
    holdBackRest();
    observer.takeRecords();
    if (cursors.length) schedule();
    else if (bareHosts.size) recheckHosts();
  }

  let bigAt = -Infinity;
  let big = false;
  /** Whether the page is big enough for holding links back to pay (see {@link HOLD_BACK_ABOVE}). */
  function isBigPage(): boolean {
    const t = now();
    if (t - bigAt >= SIZE_CHECK_MS) {
      bigAt = t;
      // A live collection: counting walks the tree once, without building a list. (linkedom, in unit tests,
      // finds nothing for "*" there: a real document always has its <html>.)
      const count = doc.getElementsByTagName('*').length || doc.querySelectorAll('*').length;
      big = count > holdBackAbove;
    }
    return big;
  }

  /** After a walk's first slice, what it finds on a big page waits for the viewport (see {@link Cursor.defer}). */
  function holdBackRest(): void {
    if (visibility && cursors.length && isBigPage()) for (const c of cursors) c.defer = true;
  }

  return {
    get running() {
      return running;
    },
    start() {
      if (running) return;
      running = true;
      scrolled = false;
      visibility = options.createVisibilityObserver?.(onVisible) ?? null;
      observer = new MutationObserver(onMutations);
      observer.observe(doc, OBSERVE);
      for (const root of shadowRoots) {
        if (root.host.isConnected) observer.observe(root, OBSERVE);
        else shadowRoots.delete(root);
      }
      // The main walk: the whole document, top first (what a page that just loaded shows).
      cursors.push({ next: doc.documentElement, root: doc, left: Infinity });
      for (const root of shadowRoots) cursors.push({ next: root.firstChild, root, left: Infinity });
      // Custom elements upgraded after load may attach a shadow root later; look again once things settle.
      for (const delayMs of [1000, 4000]) {
        options.schedule(() => {
          if (!running) return;
          recheckHosts();
          if (cursors.length) schedule();
        }, delayMs);
      }
      runQueued(firstSliceMs);
    },
    stop() {
      if (!running) return;
      running = false;
      observer?.takeRecords();
      observer?.disconnect();
      observer = null;
      visibility?.disconnect();
      visibility = null;
      nearBeforeScroll.clear();
      waiting.clear();
      holders = [];
      holderIndex.clear();
      cursors = [];
      unlinkAll();
    },
    viewportChanged() {
      viewportDirty = true;
      if (!scrolled) {
        scrolled = true;
        // Watch again what was near before the first scroll: the observer reports each one afresh in its next
        // report (observing an element always gives a first report), so what is still near is released then,
        // together with whatever else the scroll brought near: one batch, one relayout.
        for (const el of nearBeforeScroll) {
          if (!waiting.has(el)) continue;
          visibility?.unobserve(el);
          visibility?.observe(el);
        }
        nearBeforeScroll.clear();
      }
      if (cursors.length) schedule();
    },
    pending: () => cursors.length + waiting.size,
  };
}
