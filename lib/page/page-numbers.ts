/**
 * The numbers a page shows, for the popup's "Numbers on this page" and for "Call with PBX" on a link: read on
 * demand (when the popup or the menu asks), never on the content script's hot path. Unlike the linker it reads
 * inside links too: a number in a non-`tel:` link (`<a href="/contact">Contact Us: 619.534.4000</a>`) cannot
 * become a link of ours, but stays callable from here. It changes nothing in the page.
 *
 * It reads numbers the way the linker does (./README.md): the same detector and country, the same label text
 * before a number (`textBefore`), and numbers split across inline elements joined the same way.
 */
import { dialValue, type Detector, type PhoneMatchLike } from './linker';
import { adjacentText, digitAtEdge, gatherPieces } from './split-numbers';
import { labelled } from './labels';
import { readingOf } from './state';
import { isSkippedElement } from './skip';
import type { numberFromTelHref } from './tel-href';
// A popup lists this many at most; on a 10,000-row table the walk stops early instead of reading it all.
import { MAX_PAGE_NUMBERS } from '../messages';

/** One number on the page. */
export interface PageNumber {
  /** What to dial: E.164 with `;ext=N`, or, for a `tel:` link detection cannot read, the href's number as written. */
  dial: string;
  /** The number as the page writes it (a `tel:` link: its href's number). */
  text: string;
  /** A short snippet of the text around the number, the number included. */
  context: string;
}

export interface CollectOptions {
  /** The detector and the country hypotheses the linker is given (entrypoints/content/start.ts). */
  detector: Detector;
  country: string;
  otherCountries?: readonly string[];
  strictCountries?: readonly string[];
  /**
   * The number of a `tel:`/`callto:`/`sip:` href (./tel-href.ts). Passed in: the content script's always-loaded
   * part has it already, and the part that loads on demand should not carry a second copy (size budget).
   */
  telNumber: typeof numberFromTelHref;
  /** The links the linker made, with the dial value it recorded for each. */
  ourLinks?: WeakMap<Element, string>;
  /** Stop after this many distinct numbers (default {@link MAX_PAGE_NUMBERS}). */
  limit?: number;
}

/** Characters of context on each side of a number. */
const CONTEXT_CHARS = 40;
const squash = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** Whether the walk leaves `el` and everything inside it out. Links are read (the linker skips them). */
function skipped(el: Element): boolean {
  if (el.localName !== 'a') return isSkippedElement(el);
  const editable = el.getAttribute('contenteditable');
  return el.hasAttribute('hidden') || (editable !== null && editable.toLowerCase() !== 'false');
}

/**
 * Up to {@link CONTEXT_CHARS} of the text before (or after) `start` in the same line: the text nodes the linker's
 * `adjacentText` reaches (across inline elements only, never a block, a line break or a link). A link's text
 * that is its number alone gets the words around the link.
 */
function beside(start: Node, forward: boolean): string {
  let out = '';
  for (let t = adjacentText(start, forward); t && out.length < CONTEXT_CHARS; t = adjacentText(t, forward)) {
    out = forward ? out + t.data : t.data + out;
  }
  const up = start.parentNode as Element | null;
  return out.trim() || up?.localName !== 'a' ? out : beside(up, forward);
}

/** "…words before 619.534.4000 words after…", at most {@link CONTEXT_CHARS} either side, cut at a word. */
function snippet(before: string, number: string, after: string): string {
  let b = squash(before);
  let a = squash(after);
  if (b.length > CONTEXT_CHARS) b = `…${b.slice(-CONTEXT_CHARS).replace(/^\S*\s/, '')}`;
  if (a.length > CONTEXT_CHARS) a = `${a.slice(0, CONTEXT_CHARS).replace(/\s\S*$/, '')}…`;
  return squash(`${b} ${squash(number)} ${a}`);
}

/**
 * The numbers under `root` (a document, an element, a shadow root) in page order, one per dial value, with
 * the first place each appears. Reads text outside the regions the page contract never touches (script,
 * style, editable regions, hidden elements, …, see ./skip.ts), text inside non-`tel:` links, the page's own
 * `tel:`/`callto:`/`sip:` links (the number from the href) and the links the linker made (their recorded
 * value), and open shadow roots.
 */
export function collectPageNumbers(root: Node, options: CollectOptions): PageNumber[] {
  const walk = pageWalk(root, options);
  walk(() => false);
  return walk.found;
}

/** When to pause, and how to go on later: the page's main thread is shared with the page. */
export interface Slicing {
  /** Milliseconds, monotonic. */
  now(): number;
  /** Runs `task` in a later task (setTimeout in the product). */
  schedule(task: () => void): void;
  /** Longest stretch of work in one task (default 12 ms, as the linker's slices). */
  sliceMs?: number;
}

/**
 * {@link collectPageNumbers} in slices of at most `sliceMs`, so a big page stays responsive while it is read
 * (a 10,000-row table of order numbers, dates and prices takes a second of detection, and has no phone number to
 * stop the walk early).
 */
export function collectPageNumbersSliced(root: Node, options: CollectOptions, slicing: Slicing): Promise<PageNumber[]> {
  const walk = pageWalk(root, options);
  const sliceMs = slicing.sliceMs ?? 12;
  return new Promise((resolve) => {
    const run = (): void => {
      const end = slicing.now() + sliceMs;
      if (walk(() => slicing.now() > end)) resolve(walk.found);
      else slicing.schedule(run);
    };
    run();
  });
}

/** The walk behind both: each call goes on until `pause()` or the end; true at the end. */
function pageWalk(root: Node, options: CollectOptions): ((pause: () => boolean) => boolean) & { found: PageNumber[] } {
  const { detector, ourLinks, telNumber } = options;
  const reading = readingOf(options);
  const limit = options.limit ?? MAX_PAGE_NUMBERS;
  const out: PageNumber[] = [];
  const dials = new Set<string>();
  /** Text nodes already read, alone or joined with their neighbours. */
  const read = new WeakSet<Text>();
  const headers = new WeakMap<Element, string[]>();

  const add = (dial: string, text: string, context: string): void => {
    if (dials.has(dial) || out.length >= limit) return;
    dials.add(dial);
    out.push({ dial, text: squash(text), context });
  };

  /** A tel-scheme href's number as a dial value: read like a labelled phone number, or kept as written. */
  function telDial(raw: string): string {
    const [main = '', ext] = raw.split(';ext=');
    const found: PhoneMatchLike[] = detector.findPhoneNumbers(main, { ...reading, before: 'Tel.' });
    const m = found.length === 1 ? found[0]! : undefined;
    const dial = m && !/\d/.test(main.slice(0, m.start) + main.slice(m.end)) && dialValue({ ...m, ext: ext ?? m.ext });
    if (dial) return dial;
    const digits = main.replace(/\D/g, '');
    return main.trim().startsWith('+') ? `+${digits}${ext ? `;ext=${ext}` : ''}` : raw;
  }

  /** A link with a number of its own (ours or tel-scheme): listed whole, its text not read again. */
  function readLink(a: Element): boolean {
    const recorded = ourLinks?.get(a);
    const href = recorded ? null : a.getAttribute('href');
    const raw = href ? telNumber(href) : null;
    const dial = recorded ?? (raw ? telDial(raw) : null);
    if (!dial) return false;
    const text = recorded ? (a.textContent ?? '') : raw!;
    add(dial, text, snippet(beside(a, false), a.textContent ?? '', beside(a, true)));
    return true;
  }

  /** The text nodes around `t` one number may run across (as the linker's `linkSplitNumbers` gathers them). */
  function pieces(t: Text): Text[] {
    return digitAtEdge(t.data) ? gatherPieces(t, (x) => !read.has(x)) : [t];
  }

  function readText(t: Text): void {
    if (read.has(t)) return;
    const group = pieces(t);
    const joined = group.map((p) => p.data).join('');
    if (!detector.mightContainPhone(joined)) return;
    for (const p of group) read.add(p);
    for (const m of detector.findPhoneNumbers(joined, labelled(reading, group[0]!, headers))) {
      const dial = dialValue(m);
      if (!dial) continue;
      const number = joined.slice(m.start, m.end);
      const around = [
        beside(group[0]!, false) + joined.slice(0, m.start),
        joined.slice(m.end) + beside(group.at(-1)!, true),
      ];
      add(dial, number, snippet(around[0]!, number, around[1]!));
    }
  }

  // Depth first, in document order; an explicit stack, as pages nest deeper than a call stack likes.
  const stack: Node[] = [root];
  const walk = (pause: () => boolean): boolean => {
    while (stack.length && out.length < limit) {
      if (pause()) return false;
      const node = stack.pop()!;
      if (node.nodeType === 3) {
        readText(node as Text);
        continue;
      }
      if (node.nodeType === 1) {
        const el = node as Element;
        if (skipped(el) || (el.localName === 'a' && readLink(el))) continue;
      }
      for (let c = node.lastChild; c; c = c.previousSibling) stack.push(c);
      // An open shadow root is what shows in the host's place (its light children only through slots): first.
      const shadow = node.nodeType === 1 ? (node as Element & { shadowRoot?: ShadowRoot | null }).shadowRoot : null;
      if (shadow) stack.push(shadow);
    }
    return true;
  };
  return Object.assign(walk, { found: out });
}
