/**
 * Numbers a page split across inline elements (`<b>+1 415</b> 555-0132`, `<span class="cc">+44</span>
 * <span>20 7946 0123</span>`, `415-555-<wbr>0188`): which text nodes around a piece one number may run across,
 * and which numbers their joined text holds, by the piece each is linked on. Shared by the linker and the
 * popup's page list (./page-numbers.ts). Never moves a node: it only reads.
 */
import { countDigits, DIGIT_CLASS, isDigitCode } from '../phone/digits';
import type { Detector, PhoneMatchLike } from './linker';

/**
 * Inline elements a page may split one number across. Known by tag name: reading styles would cost a layout.
 */
const INLINE_TAGS: ReadonlySet<string> = new Set([
  'b',
  'i',
  'em',
  'strong',
  'span',
  'small',
  'big',
  'sup',
  'sub',
  'font',
  'abbr',
  'u',
  's',
  'mark',
  'wbr',
  'bdi',
  'bdo',
  'time',
  'data',
  'cite',
  'dfn',
  'kbd',
  'samp',
  'var',
  'ins',
  'del',
  'nobr',
  'tt',
]);
/** Most text nodes one split number is gathered from (`<span>800</span>-<span>555</span>-<span>0199</span>` has 5). */
const MAX_PIECES = 9;
/** A text that may end a number's first part: its last visible character. */
const OPEN_END_RE = new RegExp(`[${DIGIT_CLASS}+＋(\\-\\u2010-\\u2015/)][\\s\\u00A0]*$`);
/** A text that may continue a number: its first visible character. */
const OPEN_START_RE = new RegExp(`^[\\s\\u00A0]*[${DIGIT_CLASS}(\\-\\u2010-\\u2015/)+＋]`);
const BLANK_RE = /^[\s\u00A0]*$/;

/** Whether a number may run on from text `a` into the text `b` right after it. */
const seam = (a: string, b: string): boolean =>
  (BLANK_RE.test(a) || OPEN_END_RE.test(a)) && (BLANK_RE.test(b) || OPEN_START_RE.test(b));

/**
 * The text nodes around `t` in the same line that one number may run across (`<b>+1 415</b> 555-0132`): its
 * neighbours through inline elements while a number may run on at each seam, at most {@link MAX_PIECES}, blank
 * ends dropped. `joinable` says which neighbours may join. Used by the linker and the popup's page list alike.
 */
export function gatherPieces(t: Text, joinable: (x: Text) => boolean): Text[] {
  const pieces: Text[] = [t];
  for (let p = adjacentText(t, false); p && pieces.length < MAX_PIECES; p = adjacentText(p, false)) {
    if (!joinable(p) || !seam(p.data, pieces[0]!.data)) break;
    pieces.unshift(p);
  }
  for (let q = adjacentText(t, true); q && pieces.length < MAX_PIECES; q = adjacentText(q, true)) {
    if (!joinable(q) || !seam(pieces[pieces.length - 1]!.data, q.data)) break;
    pieces.push(q);
  }
  while (pieces.length > 1 && BLANK_RE.test(pieces[0]!.data)) pieces.shift();
  while (pieces.length > 1 && BLANK_RE.test(pieces[pieces.length - 1]!.data)) pieces.pop();
  return pieces;
}

/** Whether the first or last visible character of `data` is a digit: only then can a number run on past it. */
export function digitAtEdge(data: string): boolean {
  let i = 0;
  while (i < data.length && data.charCodeAt(i) <= 32) i++;
  if (i < data.length && isDigitCode(data.charCodeAt(i))) return true;
  let j = data.length - 1;
  while (j >= 0 && (data.charCodeAt(j) <= 32 || data.charCodeAt(j) === 160)) j--;
  return j >= 0 && isDigitCode(data.charCodeAt(j));
}

/** `[from, to)` narrowed to start at a digit or "+" and end at a digit. */
function trimToDigits(text: string, from: number, to: number): { start: number; end: number } {
  while (from < to && !isDigitCode(text.charCodeAt(from)) && text[from] !== '+' && text[from] !== '＋') from++;
  while (to > from && !isDigitCode(text.charCodeAt(to - 1))) to--;
  return { start: from, end: to };
}

/**
 * The text node right before (or after) `start` in document order, if it is in the same line of text: only
 * the edges of inline elements (and comments) may stand between, never a block, a line break or a skipped
 * region. Null when there is none nearby.
 */
export function adjacentText(start: Node, forward: boolean): Text | null {
  let n: Node = start;
  /** Whether the walk may go into `n`'s children (an inline element it just reached). */
  let enter = false;
  for (let steps = 0; steps < 16; steps++) {
    let next: Node | null = enter ? (forward ? n.firstChild : n.lastChild) : null;
    if (next === null) {
      let m: Node = n;
      next = forward ? m.nextSibling : m.previousSibling;
      while (next === null) {
        const up: Node | null = m.parentNode;
        if (!up || up.nodeType !== 1 || !INLINE_TAGS.has((up as Element).localName)) return null;
        m = up;
        next = forward ? m.nextSibling : m.previousSibling;
      }
    }
    if (next.nodeType === 3) return next as Text;
    if (next.nodeType === 1 && INLINE_TAGS.has((next as Element).localName)) enter = true;
    else if (next.nodeType === 8) enter = false;
    else return null;
    n = next;
  }
  return null;
}

/**
 * The numbers in `pieces` (from {@link gatherPieces}), by the piece each is linked on; null when their joined
 * text cannot hold one. `read` finds the numbers in a text read at a node (the node gives the labels). A
 * number that crosses a seam is linked once, on the piece that holds most of its digits, with the whole
 * number's dial value (one link per number; the pieces stay where the page put them). Numbers inside one piece
 * are found in that piece alone, as always, unless a crossing number covers them (`<span>+44</span> <span>20
 * 7946 0123</span>` is one British number, not an American one). Each piece's list is in text order.
 */
export function numbersAcross(
  pieces: Text[],
  detector: Pick<Detector, 'mightContainPhone'>,
  read: (text: string, at: Text) => PhoneMatchLike[],
): Map<Text, PhoneMatchLike[]> | null {
  const joined = pieces.map((p) => p.data).join('');
  if (!detector.mightContainPhone(joined)) return null;
  const offsets: number[] = [];
  let offset = 0;
  for (const p of pieces) {
    offsets.push(offset);
    offset += p.data.length;
  }
  const pieceOf = (at: number): number => {
    let k = 0;
    while (k + 1 < pieces.length && offsets[k + 1]! <= at) k++;
    return k;
  };
  const crossing = read(joined, pieces[0]!).filter((m) => pieceOf(m.start) !== pieceOf(m.end - 1));
  const byPiece = new Map<Text, PhoneMatchLike[]>();
  const add = (k: number, m: PhoneMatchLike): void => {
    const list = byPiece.get(pieces[k]!);
    if (list) list.push(m);
    else byPiece.set(pieces[k]!, [m]);
  };
  /** The part of match `m` in piece `k`, in the piece's own offsets. */
  const partIn = (k: number, m: PhoneMatchLike): [number, number] => [
    Math.max(m.start, offsets[k]!) - offsets[k]!,
    Math.min(m.end, offsets[k]! + pieces[k]!.data.length) - offsets[k]!,
  ];
  for (const m of crossing) {
    // The piece with the most digits of the number carries its link.
    let best = -1;
    let bestDigits = 0;
    for (let k = pieceOf(m.start); k <= pieceOf(m.end - 1); k++) {
      const digits = countDigits(pieces[k]!.data, ...partIn(k, m));
      if (digits > bestDigits) {
        best = k;
        bestDigits = digits;
      }
    }
    // Only the digits and what lies between them: no blank or bracket left hanging at the link's edges.
    if (best !== -1) add(best, { ...m, ...trimToDigits(pieces[best]!.data, ...partIn(best, m)) });
  }
  pieces.forEach((p, k) => {
    if (!detector.mightContainPhone(p.data)) return;
    for (const m of read(p.data, p)) {
      const start = offsets[k]! + m.start;
      const end = offsets[k]! + m.end;
      if (!crossing.some((c) => c.start < end && start < c.end)) add(k, m);
    }
  });
  for (const list of byPiece.values()) list.sort((a, b) => a.start - b.start);
  return byPiece;
}
