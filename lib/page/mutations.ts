/**
 * Mutations: what the linker does when the page changes (a `MutationObserver`'s records, read in its microtask,
 * so before the next paint). The page's changes to text we split are put right (./README.md, step 3);
 * what the page added, or changed back into plain text, is handed back to the scheduler to be linked.
 */
import { isInsideSkipped, isSkippedElement } from './skip';
import { isIntact, redetectLink, unlink, unlinkAllIn } from './segments';
import type { LinkerState } from './state';

/** What the linker observes, in the document and in each open shadow root. */
export const OBSERVE: MutationObserverInit = {
  childList: true,
  subtree: true,
  characterData: true,
  attributes: true,
  // An element that becomes editable (click-to-edit widgets) must lose its links; one the page shows (its
  // `hidden` removed) is linked then. An `<a>` without `href` is no link and its numbers are linked (issue 10);
  // once the page gives it an `href` (a menu an app wires up after rendering), our links inside it would nest
  // in a real link, so they are taken out; one that loses its `href` is linked.
  attributeFilter: ['contenteditable', 'hidden', 'href'],
};

/**
 * Puts right what the page changed and returns what is to be linked (again): nodes the page added, text it
 * rewrote, elements it showed, and text nodes we unlinked because the page touched them.
 */
export function applyPageChanges(s: LinkerState, records: MutationRecord[]): Node[] {
  if (!records.length) return [];
  const affected = new Set<Text>();
  const changedLinks = new Set<Element>();
  const added: Node[] = [];
  const ownerTextOf = (n: Node | null): Text | undefined =>
    n ? (s.segments.has(n as Text) ? (n as Text) : s.ownerOf.get(n)) : undefined;

  /**
   * The page changed one piece of a number split across nodes: the link on another piece would dial the old
   * number. Every piece is unlinked and looked at again, together.
   */
  const unlinkWholeNumber = (t: Node | null): void => {
    const pieces = t && s.groupOf.get(t as Text);
    if (!pieces) return;
    for (const piece of pieces) {
      s.groupOf.delete(piece);
      if (piece === t) continue;
      if (s.segments.has(piece)) unlink(s, piece, false);
      s.seen.delete(piece);
      if (piece.isConnected) added.push(piece);
    }
  };

  for (const r of records) {
    if (r.type === 'characterData') {
      const t = r.target as Text;
      unlinkWholeNumber(t);
      if (s.segments.has(t)) {
        // The page rewrote a text node we had split (React's commitTextUpdate, Vue, Svelte, …).
        unlink(s, t, true);
        added.push(t);
      } else if (s.ownerOf.has(t)) {
        // The page (a translator, say) rewrote plain text we had split off: it is just text now.
      } else if (t.parentNode && s.ourLinks.has(t.parentNode as Element)) {
        changedLinks.add(t.parentNode as Element);
      } else {
        s.seen.delete(t);
        added.push(t);
      }
    } else if (r.type === 'attributes') {
      const el = r.target as Element;
      // Our own links' `href` is ours to set (a number the page edited inside one, detected again).
      if (s.ourLinks.has(el)) continue;
      // Any other element's `href` (a link the page retargets, an image) changes nothing a person reads.
      if (r.attributeName === 'href' && el.localName !== 'a') continue;
      if (isSkippedElement(el) || isInsideSkipped(el)) unlinkAllIn(s, el);
      else added.push(el);
    } else {
      for (const n of Array.from(r.removedNodes)) {
        unlinkWholeNumber(n);
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
    const seg = s.segments.get(t);
    if (seg && !isIntact(t, seg)) {
      unlink(s, t, false);
      if (t.isConnected) added.push(t);
    }
  }
  for (const a of changedLinks) if (a.isConnected) redetectLink(s, a);
  return added;
}

/** Unlinks the whole document and its shadow roots, and forgets what was looked at. */
export function unlinkEverything(s: LinkerState): void {
  unlinkAllIn(s, s.doc);
  for (const root of s.shadowRoots) unlinkAllIn(s, root);
  s.seen = new WeakSet();
}
