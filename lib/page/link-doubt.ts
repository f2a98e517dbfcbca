/**
 * Whether a trusted click on a page's own `tel:`/`callto:`/`sip:` link looks meant for that number (issue 15,
 * item 1). The page writes those links, so it can lay an invisible `tel:+1268…` link over everything and turn
 * the next click anywhere into a call abroad, or write one number in the text and another in the href. The
 * click still dials, but the background asks first when this finds a doubt. Runs only on such a click, so the
 * layout reads here cost nothing on the page's hot path.
 */
import type { LinkDoubt } from '../messages';

/** The parts of a click this reads. `detail` 0: a keyboard activation (Enter), which has no pointer. */
export interface PointerLike {
  clientX?: number;
  clientY?: number;
  detail?: number;
}

/** Below this effective opacity (the product over the link and its ancestors) a link counts as invisible. */
const MIN_OPACITY = 0.1;
/** A link smaller than this (CSS pixels) in either direction counts as invisible. */
const MIN_SIZE = 2;

/** Digit runs as people write numbers: digits with spaces, dots, dashes, slashes and brackets between them. */
const DIGIT_RUN = /\d(?:[\d\s().\-/\u00a0\u202f]*\d)?/g;

function commonSuffix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n += 1;
  return n;
}

/**
 * True when `text` shows the number `number` (an href's number part, `;ext=` allowed): the same digits, or the
 * same number written nationally or internationally: "(415) 555-0132" shows `+14155550132`, "0412 345 678"
 * shows `+61412345678`, "8 (495) 123-45-67" shows `+74951234567`. At most a country code and trunk prefix
 * (4 digits) may differ in front; the rest must match.
 */
export function textShowsNumber(text: string, number: string): boolean {
  const wanted = number.split(';', 1)[0]!.replace(/\D/g, '');
  if (!wanted) return false;
  for (const match of text.matchAll(DIGIT_RUN)) {
    const shown = match[0].replace(/\D/g, '');
    if (shown === wanted) return true;
    const a = wanted.replace(/^0+/, '');
    const b = shown.replace(/^0+/, '');
    const common = commonSuffix(a, b);
    const shorter = Math.min(a.length, b.length);
    // Short numbers (internal extensions, service codes) must match exactly, above.
    if (shorter < 6) continue;
    if (common >= shorter - 1 && Math.max(a.length, b.length) - common <= 4 && common >= 6) return true;
  }
  return false;
}

function alphaOf(color: string): number {
  const m = /rgba?\(([^)]*)\)/.exec(color);
  if (!m) return color === 'transparent' ? 0 : 1;
  const parts = m[1]!.split(/[\s,/]+/).filter(Boolean);
  if (parts.length < 4) return 1;
  const last = parts[3]!;
  return last.endsWith('%') ? parseFloat(last) / 100 : parseFloat(last);
}

/** The element's parent, or the shadow host of its shadow root. */
function parentOf(el: Element): Element | null {
  if (el.parentElement) return el.parentElement;
  const root = el.getRootNode() as ShadowRoot | Document;
  return 'host' in root ? root.host : null;
}

/** The product of the element's opacity and its ancestors' (across shadow roots), stopping below {@link MIN_OPACITY}. */
function opacityOf(el: Element, win: Window, own = win.getComputedStyle(el)): number {
  let opacity = 1;
  for (let at: Element | null = el; at && opacity >= MIN_OPACITY; at = parentOf(at)) {
    opacity *= parseFloat((at === el ? own : win.getComputedStyle(at)).opacity || '1');
  }
  return opacity;
}

/** True when the link cannot be seen: zero size, off-screen, transparent, or `visibility: hidden`. */
export function isHidden(link: Element, win: Window): boolean {
  const rect = link.getBoundingClientRect();
  if (rect.width < MIN_SIZE || rect.height < MIN_SIZE) return true;
  if (rect.right <= 0 || rect.bottom <= 0 || rect.left >= win.innerWidth || rect.top >= win.innerHeight) return true;
  const own = win.getComputedStyle(link);
  if (own.visibility !== 'visible') return true;
  if (alphaOf(own.color) < MIN_OPACITY && !link.querySelector('img, svg, picture, video, canvas')) return true;
  return opacityOf(link, win, own) < MIN_OPACITY;
}

/** Elements that paint their whole box whatever their background: pictures, video, frames, drawings. */
const OPAQUE_CONTENT = new Set(['img', 'picture', 'video', 'canvas', 'iframe', 'svg', 'object', 'embed']);

/**
 * True when `el`, painted above a link, hides it from a person: it paints something there (a background colour
 * or image, a picture, a video) and is itself seen. A transparent layer over the page (a toast container, say)
 * hides nothing.
 */
function covers(el: Element, win: Window): boolean {
  const style = win.getComputedStyle(el);
  if (style.visibility !== 'visible') return false;
  const paints =
    alphaOf(style.backgroundColor) >= MIN_OPACITY ||
    (!!style.backgroundImage && style.backgroundImage !== 'none') ||
    OPAQUE_CONTENT.has(el.localName);
  return paints && opacityOf(el, win, style) >= MIN_OPACITY;
}

/** Gives every element its part in hit-testing, whatever the page's `pointer-events`. */
const ALL_HIT_TESTED = '*, *::before, *::after { pointer-events: auto !important; }';

/**
 * Makes every element in `root` (and the document) take part in hit-testing, for a moment; returns how to undo
 * it. A constructed stylesheet where the browser lets a content script adopt one, else (Firefox, whose
 * content-script wrappers refuse one: see styles.ts) a `<style>` of ours, removed again at once.
 */
function hitTestEverything(root: Document | ShadowRoot, win: Window): () => void {
  const doc = win.document as Document | undefined;
  if (!doc) return () => undefined;
  const holders: (Document | ShadowRoot)[] = root === doc ? [doc] : [doc, root];
  const adopted: { holder: Document | ShadowRoot; before: CSSStyleSheet[] }[] = [];
  const undoAdopted = () => adopted.forEach(({ holder, before }) => (holder.adoptedStyleSheets = before));
  try {
    const sheet = new (win as Window & typeof globalThis).CSSStyleSheet();
    sheet.replaceSync(ALL_HIT_TESTED);
    for (const holder of holders) {
      const before = [...holder.adoptedStyleSheets];
      holder.adoptedStyleSheets = [...before, sheet];
      adopted.push({ holder, before });
    }
    return undoAdopted;
  } catch {
    undoAdopted();
    const styles = holders.map((holder) => {
      const style = doc.createElement('style');
      style.textContent = ALL_HIT_TESTED;
      (holder === doc ? (doc.head ?? doc.documentElement) : holder).appendChild(style);
      return style;
    });
    return () => styles.forEach((style) => style.remove());
  }
}

/**
 * The elements at a point, topmost first, as a person sees them: `pointer-events: none` lets a page's layer
 * pass clicks through to a link under it while it covers that link from view, so the hit-test sets it aside
 * for a moment (one style recalculation, on a click on a page's own tel-scheme link only).
 */
function elementsSeenAt(root: Document | ShadowRoot, x: number, y: number, win: Window): Element[] {
  const undo = hitTestEverything(root, win);
  try {
    return root.elementsFromPoint(x, y);
  } finally {
    undo();
  }
}

/**
 * What a pointer click's point says about the link, as the browser hit-tests it: nothing (undefined) when it is
 * on the link or something inside it and nothing the page painted above the link hides it there; `covered` when
 * such a layer paints over it (one that lets clicks through with `pointer-events: none` while showing something
 * else); `not-under-pointer` when the link is not at that point at all.
 */
export function pointerDoubt(
  link: Element,
  click: PointerLike,
  win: Window,
): 'covered' | 'not-under-pointer' | undefined {
  // Enter on a focused link has no pointer position: there is nothing to compare.
  if (!click.detail || click.clientX === undefined || click.clientY === undefined) return undefined;
  const root = link.getRootNode() as Document | ShadowRoot;
  if (typeof root.elementsFromPoint !== 'function') return undefined;
  let covered = false;
  for (const el of elementsSeenAt(root, click.clientX, click.clientY, win)) {
    if (el === link || link.contains(el)) return covered ? 'covered' : undefined;
    // Above the link in paint order: a layer of the page's own, seen or not.
    if (!el.contains(link) && covers(el, win)) covered = true;
  }
  return 'not-under-pointer';
}

/**
 * The first doubt about a click on a page's own tel-scheme link whose number is `number`, or undefined when it
 * looks meant: visible, under the pointer and not covered there, and showing that number in its visible text.
 */
export function linkDoubt(link: Element, number: string, click: PointerLike, win: Window): LinkDoubt | undefined {
  if (isHidden(link, win)) return 'hidden';
  const pointer = pointerDoubt(link, click, win);
  if (pointer) return pointer;
  // innerText leaves out what CSS hides (display: none); SVG links have only textContent.
  const text = (link as HTMLElement).innerText ?? link.textContent ?? '';
  // Only what a person sees counts: a title or aria-label is the page's word too.
  if (!textShowsNumber(text, number)) return 'text-differs';
  return undefined;
}
