/**
 * Segments: a page's text node split around its numbers without moving it, and the split undone (the
 * technique, and why it keeps React and other frameworks working, is in ./README.md). The page's text node
 * keeps the text before the first number; our links (copies of the number text) and the text after them
 * follow it. Nothing here moves, replaces or removes a node we did not create.
 */
import type { PhoneMatchLike } from './linker';
import type { LinkerState } from './state';

/** What a linked text node looked like before we split it, and the nodes we inserted after it. */
export interface Segment {
  /** The node's full text when we linked it. */
  original: string;
  /** What we left in the node: the text before the first number (possibly empty). */
  head: string;
  /** Our nodes, in order, right after the original node: links and plain text between and after them. */
  trail: Node[];
}

const E164 = /^\+[1-9]\d{1,14}$/;
const EXT = /^\d{1,10}$/;

/** The dial value for a match: E.164 plus `;ext=N` (design.md, "The page contract"); null if malformed. */
export function dialValue(match: PhoneMatchLike): string | null {
  if (!E164.test(match.e164)) return null;
  if (match.ext === undefined || match.ext === '') return match.e164;
  return EXT.test(match.ext) ? `${match.e164};ext=${match.ext}` : null;
}

/** Makes `a` one of our links dialling `dial` (the page contract's markup; the click handler's record). */
function setDial(s: LinkerState, a: Element, dial: string): void {
  a.setAttribute('href', `tel:${dial}`);
  a.setAttribute('data-pbx-dial', dial);
  if (s.options.title) (a as HTMLElement).title = s.options.title(dial);
  s.ourLinks.set(a, dial);
}

/**
 * Splits `t` around its numbers without moving or removing `t` itself: `t` keeps the text before the first
 * number, and our links (with copies of the number text) and the remaining text follow it. The page's
 * reference to `t` stays valid: removing it, changing its text or moving it all keep working, and the
 * observer then puts things right (./mutations.ts).
 */
export function insertLinks(s: LinkerState, t: Text, matches: PhoneMatchLike[]): void {
  const parent = t.parentNode;
  if (!parent) return;
  const doc = s.doc;
  const original = t.data;
  const trail: Node[] = [];
  let cursor = -1;
  let head = '';
  for (const m of matches) {
    const dial = dialValue(m);
    if (!dial || m.start < Math.max(cursor, 0) || m.end <= m.start || m.end > original.length) continue;
    if (cursor === -1) head = original.slice(0, m.start);
    else if (m.start > cursor) trail.push(doc.createTextNode(original.slice(cursor, m.start)));
    const a = doc.createElement('a');
    setDial(s, a, dial);
    a.appendChild(doc.createTextNode(original.slice(m.start, m.end)));
    trail.push(a);
    cursor = m.end;
  }
  if (cursor === -1) return;
  if (cursor < original.length) trail.push(doc.createTextNode(original.slice(cursor)));
  const fragment = doc.createDocumentFragment();
  for (const n of trail) {
    fragment.appendChild(n);
    s.ownerOf.set(n, t);
    if (n.nodeType === 3) s.seen.add(n as Text);
  }
  t.data = head;
  parent.insertBefore(fragment, t.nextSibling);
  s.segments.set(t, { original, head, trail });
}

/** Whether `t` and our nodes after it are still as we left them. */
export function isIntact(t: Text, seg: Segment): boolean {
  if (!t.isConnected || t.data !== seg.head) return false;
  let n: Node | null = t;
  for (const node of seg.trail) {
    n = n.nextSibling;
    if (n !== node) return false;
  }
  return true;
}

/**
 * Unlinks `t`, undoing its split: removes our nodes and gives `t` back its full text, unless the page wrote
 * new text into `t` (then the page's text is the truth and our copies were stale).
 */
export function unlink(s: LinkerState, t: Text, pageWroteText: boolean): void {
  const seg = s.segments.get(t);
  if (!seg) return;
  s.segments.delete(t);
  s.seen.delete(t);
  for (const n of seg.trail) {
    s.ownerOf.delete(n);
    if (n.nodeType === 1) s.ourLinks.delete(n as Element);
    n.parentNode?.removeChild(n);
  }
  if (!pageWroteText && t.data === seg.head) t.data = seg.original;
}

/** Unlinks every text node whose links are under `root`. */
export function unlinkAllIn(s: LinkerState, root: ParentNode): void {
  for (const a of Array.from(root.querySelectorAll('a[data-pbx-dial]'))) {
    const t = s.ourLinks.has(a) ? s.ownerOf.get(a) : undefined;
    if (t) unlink(s, t, false);
  }
}

/**
 * The page edited the text inside our link `a` (a translator, say): detects its number again and dials that,
 * or, if it no longer holds exactly one number, unwraps it into plain text.
 */
export function redetectLink(s: LinkerState, a: Element): void {
  const t = s.ownerOf.get(a);
  const seg = t && s.segments.get(t);
  const text = a.textContent ?? '';
  const matches = s.detector.mightContainPhone(text) ? s.detector.findPhoneNumbers(text, s.reading) : [];
  const m = matches.length === 1 ? matches[0]! : undefined;
  const dial = m && text.slice(0, m.start).trim() === '' && text.slice(m.end).trim() === '' ? dialValue(m) : null;
  if (dial) {
    setDial(s, a, dial);
    // Set again when a person points at it (./title.ts).
    if (!s.options.title) a.removeAttribute('title');
    return;
  }
  s.ourLinks.delete(a);
  const children = Array.from(a.childNodes);
  if (seg) {
    const i = seg.trail.indexOf(a);
    if (i !== -1) seg.trail.splice(i, 1, ...children);
    for (const c of children) s.ownerOf.set(c, t!);
  }
  s.ownerOf.delete(a);
  a.replaceWith(...children);
}
