/**
 * The scheduler: walks the page in time slices, hands each text node with a number to the rooms that link it
 * (./README.md lists them), and runs the page's changes through ./mutations.ts. Its whole memory is one
 * {@link LinkerState} (./state.ts).
 */
import { isInsideSkipped, isSkippedElement, SKIP_SELECTOR } from './skip';
import { labelled } from './labels';
import { digitAtEdge, gatherPieces, numbersAcross } from './split-numbers';
import {
  dropHeldBack,
  holdBackRest,
  isBigPage,
  linkOrHoldBack,
  onNearViewport,
  releaseNearPageChange,
  watchAgainOnFirstScroll,
} from './hold-back';
import { applyPageChanges, OBSERVE, unlinkEverything } from './mutations';
import { createState, type Cursor } from './state';
import type { Linker, LinkerOptions, PhoneMatchLike } from './linker';

/**
 * The first slice covers about the first 300 rows of a dense table (three screens and more: everything the
 * visibility observer would release at once), and leaves room under the 50 ms long-task line for the rest of
 * the DOMContentLoaded task it runs in.
 */
const FIRST_SLICE_MS = 30;
/** Shortest text worth a look: the shortest numbers we link have 3 digits plus separators rarely fewer. */
const MIN_TEXT = 3;

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
  const s = createState(options);
  const { doc } = s;
  const now = options.now;
  const sliceMs = options.sliceMs ?? 12;
  const win = doc.defaultView;

  /** The numbers in `text`, read at node `at` (its labels: ./labels.ts) in the page's countries. */
  const read = (text: string, at: Node): PhoneMatchLike[] =>
    s.detector.findPhoneNumbers(text, labelled(s.reading, at, s.headers));
  /** A text node another may be joined with: not looked at yet, and not one we split or made. */
  const joinable = (x: Text): boolean => !s.seen.has(x) && !s.segments.has(x) && !s.ownerOf.has(x);

  /** Links the numbers in `t` (and in the neighbours a number in it runs on into), unless already looked at. */
  function linkText(t: Text): void {
    if (s.seen.has(t)) return;
    const data = t.data;
    if (digitAtEdge(data) && linkSplitNumbers(t)) return;
    if (data.length < MIN_TEXT || !s.detector.mightContainPhone(data)) return;
    s.seen.add(t);
    if (!t.parentNode) return;
    const matches = read(data, t);
    if (matches.length) linkOrHoldBack(s, t, data, matches);
  }

  /**
   * Numbers a page split across inline elements (./split-numbers.ts), each linked once on one of its pieces.
   * False when `t` has no such neighbours (the usual case): it is then linked on its own.
   */
  function linkSplitNumbers(t: Text): boolean {
    const pieces = gatherPieces(t, joinable);
    if (pieces.length < 2) return false;
    const found = numbersAcross(pieces, s.detector, read);
    if (!found) return false;
    for (const p of pieces) {
      s.seen.add(p);
      s.groupOf.set(p, pieces);
    }
    for (const [p, list] of found) linkOrHoldBack(s, p, p.data, list);
    return true;
  }

  /** Queues a walk of the whole subtree under `root`, from `next` on. */
  function queueWholeWalk(next: Node | null, root: Node): void {
    s.cursors.push({ next, root, left: Infinity });
  }

  /** Goes on in a later task. */
  function schedule(): void {
    if (s.taskQueued || !s.running) return;
    s.taskQueued = true;
    options.schedule(() => runSlice());
  }

  function attachShadowRoot(root: ShadowRoot): void {
    if (s.shadowRoots.has(root)) return;
    s.shadowRoots.add(root);
    options.onShadowRoot?.(root);
    s.observer?.observe(root, OBSERVE);
    queueWholeWalk(root.firstChild, root);
  }

  /** Returns true when the element's subtree is to be skipped. */
  function visitElement(el: Element): boolean {
    if (isSkippedElement(el)) return true;
    const root = el.shadowRoot;
    if (root) attachShadowRoot(root);
    else if (el.localName.includes('-')) s.bareHosts.add(el);
    return false;
  }

  /** Walks one cursor until the deadline; returns true when it is finished. */
  function walkCursor(c: Cursor, deadline: number): boolean {
    let node = c.next;
    if (node && !node.isConnected && c.root.isConnected) {
      // The page removed the node we were about to visit: start this subtree again (seen text is skipped).
      node = c.root.nodeType === 1 ? c.root : c.root.firstChild;
    }
    let n = 0;
    s.deferring = !!c.defer;
    while (node && c.left > 0) {
      let skipChildren = false;
      if (node.nodeType === 1) skipChildren = visitElement(node as Element);
      else if (node.nodeType === 3) linkText(node as Text);
      node = advance(node, c.root, skipChildren);
      c.left--;
      if ((++n & 15) === 0 && now() >= deadline) break;
    }
    c.next = node;
    s.deferring = false;
    return node === null || c.left <= 0;
  }

  /** Works through the walks, newest first, until the deadline. */
  function walkUntil(deadline: number): void {
    while (s.cursors.length && now() < deadline) {
      const c = s.cursors[s.cursors.length - 1]!;
      if (walkCursor(c, deadline)) {
        const i = s.cursors.lastIndexOf(c);
        if (i !== -1) s.cursors.splice(i, 1);
      }
    }
  }

  /** Queues a walk of `node` (an added element or text) after checking the ancestors above it. */
  function queueWalk(node: Node): void {
    if (!node.isConnected) return;
    if (node.nodeType !== 1 && node.nodeType !== 3) return;
    if (node.parentNode && isInsideSkipped(node.parentNode)) return;
    queueWholeWalk(node, node);
  }

  /** Starts a bounded walk a little before the element in the middle of the viewport. */
  function walkViewportFirst(): void {
    s.viewportDirty = false;
    if (!win || !s.cursors.length) return;
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
    if (from) s.cursors.push({ next: from, root: doc, left: 6000, defer: !!s.visibility && isBigPage(s) });
  }

  /** Custom elements seen without a shadow root: the ones that attached one since are linked now. */
  function findLateShadowRoots(): void {
    for (const el of s.bareHosts) {
      if (el.shadowRoot) {
        s.bareHosts.delete(el);
        if (el.isConnected && !isInsideSkipped(el)) attachShadowRoot(el.shadowRoot);
      } else if (!el.isConnected) s.bareHosts.delete(el);
    }
  }

  /** Puts right what the page changed and queues what it added; returns that. */
  function followPage(records: MutationRecord[]): Node[] {
    const added = applyPageChanges(s, records);
    for (const n of added) queueWalk(n);
    return added;
  }

  /** Observer callback: put right what the page changed and link what it added, within one slice. */
  function onMutations(records: MutationRecord[]): void {
    const observer = s.observer;
    if (!s.running || !observer) return;
    if (doc.designMode === 'on') {
      // The whole document became an editor: leave every word of it alone.
      unlinkEverything(s);
      s.cursors.length = 0;
      observer.takeRecords();
      return;
    }
    const added = followPage(records.concat(observer.takeRecords()));
    // New rows and edited numbers are linked now, before the next paint, in the page's own relayout, and the
    // held-back rows next to them with them; a flood continues in later tasks, held back until near the
    // viewport. A whole slice: each row it leaves is a relayout of its own later, when it comes into view
    // (an infinite list's 100 new rows at the end of a 10,000-row table: two relayouts at half a slice, one at
    // a whole, `npm run bench`, issue 13).
    walkUntil(now() + sliceMs);
    releaseNearPageChange(s, added);
    holdBackRest(s);
    // Our own changes would come back as records: drop them.
    observer.takeRecords();
    if (s.bareHosts.size) findLateShadowRoots();
    if (s.cursors.length) schedule();
  }

  /** One task's work: the page's changes, then the walks, for `slice` ms. */
  function runSlice(slice = sliceMs): void {
    s.taskQueued = false;
    const observer = s.observer;
    if (!s.running || !observer) return;
    if (doc.designMode === 'on') return onMutations([]);
    followPage(observer.takeRecords());
    if (s.viewportDirty) walkViewportFirst();
    walkUntil(now() + slice);
    holdBackRest(s);
    observer.takeRecords();
    if (s.cursors.length) schedule();
    else if (s.bareHosts.size) findLateShadowRoots();
  }

  return {
    get running() {
      return s.running;
    },
    start() {
      if (s.running) return;
      s.running = true;
      s.scrolled = false;
      s.visibility = options.createVisibilityObserver?.((near, onScreen) => onNearViewport(s, near, onScreen)) ?? null;
      const observer = new MutationObserver(onMutations);
      s.observer = observer;
      observer.observe(doc, OBSERVE);
      for (const root of s.shadowRoots) {
        if (root.host.isConnected) observer.observe(root, OBSERVE);
        else s.shadowRoots.delete(root);
      }
      // The main walk: the whole document, top first (what a page that just loaded shows).
      queueWholeWalk(doc.documentElement, doc);
      for (const root of s.shadowRoots) queueWholeWalk(root.firstChild, root);
      // Custom elements upgraded after load may attach a shadow root later; look again once things settle.
      for (const delayMs of [1000, 4000]) {
        options.schedule(() => {
          if (!s.running) return;
          findLateShadowRoots();
          if (s.cursors.length) schedule();
        }, delayMs);
      }
      runSlice(options.firstSliceMs ?? FIRST_SLICE_MS);
    },
    stop() {
      if (!s.running) return;
      s.running = false;
      s.observer?.takeRecords();
      s.observer?.disconnect();
      s.observer = null;
      dropHeldBack(s);
      s.cursors.length = 0;
      unlinkEverything(s);
    },
    viewportChanged() {
      s.viewportDirty = true;
      watchAgainOnFirstScroll(s);
      if (s.cursors.length) schedule();
    },
    pending: () => s.cursors.length + s.waiting.size,
  };
}
