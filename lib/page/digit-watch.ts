import { DIGIT_CLASS, hasDigits } from '../phone/digits';

export interface DigitWatchOptions {
  /** `MutationObserver` of the document's window (linkedom's in unit tests). */
  MutationObserver: typeof MutationObserver;
}

export interface DigitWatch {
  stop(): void;
}

/**
 * How many elements the shadow-root check looks at. Reading `shadowRoot` costs a call into the browser per
 * element (5 ms for the 40,000 elements of a 10,000-row table, measured); shadow hosts are app shells and
 * widgets, found near the top of the element order.
 */
const SHADOW_CHECK_ELEMENTS = 1000;

/**
 * Whether `el` or one of the first {@link SHADOW_CHECK_ELEMENTS} elements under it hosts an open shadow root
 * (whose text `textContent` does not show).
 */
export function hasOpenShadowRoot(el: Element): boolean {
  if (el.shadowRoot) return true;
  // The live collection read in order, never copied (copying 40,000 elements costs 20 ms) and never asked
  // for its length (which counts every element of the page).
  const all = el.getElementsByTagName('*');
  for (let i = 0; i < SHADOW_CHECK_ELEMENTS; i++) {
    const child = all[i];
    if (!child) return false;
    if (child.shadowRoot) return true;
  }
  return false;
}

/**
 * Whether a long text has seven digits: one regular expression over the whole string, 50 times faster than a
 * loop over its characters in the few milliseconds a content script has (450 KB of table text: 0.06 ms).
 */
const SEVEN_DIGITS_RE = new RegExp(`(?:[${DIGIT_CLASS}][^${DIGIT_CLASS}]*){7}`);
/**
 * Up to this length a page's text is looked through with the loop: the expression's first use compiles it, about
 * 0.15 ms, which a short page would pay for nothing (timing marks in the built script, issue 13).
 */
const LOOP_UP_TO = 4096;

function textHasSevenDigits(text: string): boolean {
  return text.length <= LOOP_UP_TO ? hasDigits(text) : SEVEN_DIGITS_RE.test(text);
}

/**
 * Calls `onFound` once, as soon as `root` shows a text with seven digits (the shortest phone number) or an
 * open shadow root (whose text `textContent` does not show): at once if it already does, else when the page
 * adds one. Looks at each added node's own text, so a page that never shows digits costs one cheap check per
 * node it adds (while a page is parsed, every node is added one by one: see {@link parsedDigitScanner}).
 */
export function watchForDigits(root: Node, onFound: () => void, options: DigitWatchOptions): DigitWatch {
  let observer: MutationObserver | null = null;

  const shows = (n: Node): boolean => {
    if (n.nodeType === 3) return hasDigits((n as Text).data);
    if (n.nodeType !== 1) return false;
    const el = n as Element;
    // The parser adds an element before its children: an empty one has nothing to look at yet.
    return el.firstChild !== null && (hasDigits(el.textContent ?? '') || hasOpenShadowRoot(el));
  };
  const done = (): void => {
    observer?.disconnect();
    observer = null;
    onFound();
  };

  const start = root.nodeType === 9 ? (root as Document).documentElement : (root as Element);
  if (start && (textHasSevenDigits(start.textContent ?? '') || hasOpenShadowRoot(start))) done();
  else {
    observer = new options.MutationObserver((records) => {
      for (const r of records) {
        const nodes = r.type === 'characterData' ? [r.target] : Array.from(r.addedNodes);
        for (const n of nodes) {
          if (shows(n)) return done();
        }
      }
    });
    observer.observe(root, { childList: true, subtree: true, characterData: true });
  }
  return {
    stop() {
      observer?.disconnect();
      observer = null;
    },
  };
}

/** Elements whose text a person never reads as page text: the early scan skips what is inside them. */
const UNREAD = new Set(['script', 'style', 'noscript', 'template', 'textarea', 'title']);

export type ScanResult = 'found' | 'not-yet' | 'gave-up';

/**
 * Looks through what the parser has added to `doc` since the last call, in document order, for a text with
 * seven digits: `'found'`, `'not-yet'` (call again later), or `'gave-up'` after `maxNodes` nodes without one.
 *
 * The content script calls it on a timer while the page is still being parsed, to load the linking script
 * early on pages that show numbers near the top. A `MutationObserver` would do the same with no timer, but
 * the parser adds every node one by one, and delivering those records costs 50 ms on a 10,000-row page
 * without digits (measured); this walks each node once and stops at the first digits or at `maxNodes`.
 */
export function parsedDigitScanner(doc: Document, maxNodes: number): () => ScanResult {
  let last: Node | null = null;
  let looked = 0;
  /** The next node in document order; children of unread elements are passed over. */
  const after = (n: Node): Node | null => {
    if (n.firstChild && !(n.nodeType === 1 && UNREAD.has((n as Element).localName))) return n.firstChild;
    for (let p: Node | null = n; p; p = p.parentNode) if (p.nextSibling) return p.nextSibling;
    return null;
  };
  return () => {
    if (looked >= maxNodes) return 'gave-up';
    // The parser appends: new nodes are children of the last one seen, or come after it (or its ancestors).
    let node = last ? after(last) : doc.documentElement;
    while (node) {
      if (node.nodeType === 3 ? hasDigits((node as Text).data) : node.nodeType === 1 && !!(node as Element).shadowRoot)
        return 'found';
      last = node;
      if (++looked >= maxNodes) return 'gave-up';
      node = after(node);
    }
    return 'not-yet';
  };
}

export interface EarlyLookOptions {
  /** How many nodes to look through before giving up, and how often to look again. */
  maxNodes: number;
  everyMs: number;
  /** Called once, when the parsed page first shows digits: loads the linking script. */
  onDigits: () => void;
  /** The settings' answer: the look stops when it says linking is off here (undefined: no answer). */
  settings: Promise<{ linkify: boolean; blocked: boolean } | undefined>;
  setTimer: (task: () => void, ms: number) => void;
  /** True once the content script is invalidated (the extension updated or turned off). */
  stopped: () => boolean;
}

/**
 * Looks through the page as it is parsed for digits, from the moment the content script starts
 * (`document_start`), beside the settings request and not after its answer: a busy browser takes a second to
 * answer (its service worker waking up), and by then the page is parsed and laid out, so the first screen would
 * be linked a layout late. Returns a getter of whether digits were seen. Nothing on the page is touched here;
 * the look stops when the page is parsed, when it gives up, or when the settings say linking is off.
 */
export function lookWhileParsed(doc: Document, options: EarlyLookOptions): () => boolean {
  let found = false;
  let looking = true;
  const scan = parsedDigitScanner(doc, options.maxNodes);
  const look = (): void => {
    if (!looking || doc.readyState !== 'loading' || options.stopped()) return;
    const result = scan();
    if (result === 'found') {
      found = true;
      options.onDigits();
    } else if (result === 'not-yet') options.setTimer(look, options.everyMs);
  };
  look();
  options.settings
    .then((answer) => {
      if (!answer || !answer.linkify || answer.blocked) looking = false;
    })
    .catch(() => undefined);
  return () => found;
}
