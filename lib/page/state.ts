/**
 * Everything one linker remembers, in one object: what it was given, and what it keeps between tasks, grouped
 * by the room that writes it (./README.md). Each room's functions take this object; nothing lives in closures.
 */
import type { Detector, LinkerOptions, VisibilityObserver } from './linker';
import type { Segment } from './segments';
import type { PendingLink } from './hold-back';

/** A resumable walk over a subtree, in document order. */
export interface Cursor {
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

/** How national-format numbers are read: the page's country hypotheses (lib/phone/page-country), in order. */
export interface Reading {
  country: string;
  otherCountries?: readonly string[];
  strictCountries?: readonly string[];
}

/** Just the {@link Reading} of `options` (the detector gets it with every text it reads). */
export const readingOf = ({ country, otherCountries, strictCountries }: Reading): Reading => ({
  country,
  otherCountries,
  strictCountries,
});

export interface LinkerState {
  // What the linker was given (./linker.ts, LinkerOptions).
  readonly doc: Document;
  readonly detector: Detector;
  readonly reading: Reading;
  readonly options: LinkerOptions;
  /** Shared with the click handler: every link we made, and the dial value it recorded. */
  readonly ourLinks: WeakMap<Element, string>;

  // The scheduler (./scheduler.ts).
  running: boolean;
  /** A task to go on with the walks is scheduled. */
  taskQueued: boolean;
  /** The page scrolled since the last task: walk the middle of the viewport first. */
  viewportDirty: boolean;
  observer: MutationObserver | null;
  /** Walks to go on with, newest (worked first) last. */
  readonly cursors: Cursor[];
  /** Text nodes already looked at (digit-bearing ones only: the rest cost nothing to look at again). */
  seen: WeakSet<Text>;
  /** Open shadow roots we observe. Strong references: pruned when their host leaves the page. */
  readonly shadowRoots: Set<ShadowRoot>;
  /** Custom elements without a shadow root yet: checked again later, in case they attach one when upgraded. */
  readonly bareHosts: Set<Element>;
  /** Each table's column headers, as labels for the numbers in its cells (./labels.ts). */
  readonly headers: WeakMap<Element, string[]>;

  // Segments: the page's text nodes we split (./segments.ts).
  /** Each page text node we split, and how. */
  readonly segments: WeakMap<Text, Segment>;
  /** Each node we inserted after a page text node, and that text node. */
  readonly ownerOf: WeakMap<Node, Text>;
  /** The pieces of each number a page split across nodes, by piece (./split-numbers.ts). */
  readonly groupOf: WeakMap<Text, Text[]>;

  // Hold-back: links waiting for the viewport (./hold-back.ts).
  visibility: VisibilityObserver | null;
  /** Whether the cursor being walked holds its links back (see {@link Cursor.defer}). */
  deferring: boolean;
  /** Links found but held back, by the element whose visibility releases them. */
  readonly waiting: Map<Element, PendingLink[]>;
  /** Elements with held-back links in the order they were found (null once released), and their places. */
  readonly holders: (Element | null)[];
  readonly holderIndex: Map<Element, number>;
  /** Whether the page scrolled since the linker started. */
  scrolled: boolean;
  /** Elements reported near the viewport, but off screen, before the page first scrolled. */
  readonly nearBeforeScroll: Set<Element>;
  /** A task to forget held-back links of removed elements is scheduled. */
  pruneQueued: boolean;
  /** When the page's elements were last counted, and whether there were enough to hold links back. */
  sizeCheckedAt: number;
  bigPage: boolean;
}

/** A linker's state before it starts. */
export function createState(options: LinkerOptions): LinkerState {
  return {
    doc: options.document,
    detector: options.detector,
    reading: readingOf(options),
    options,
    ourLinks: options.ourLinks,
    running: false,
    taskQueued: false,
    viewportDirty: false,
    observer: null,
    cursors: [],
    seen: new WeakSet(),
    shadowRoots: new Set(),
    bareHosts: new Set(),
    headers: new WeakMap(),
    segments: new WeakMap(),
    ownerOf: new WeakMap(),
    groupOf: new WeakMap(),
    visibility: null,
    deferring: false,
    waiting: new Map(),
    holders: [],
    holderIndex: new Map(),
    scrolled: false,
    nearBeforeScroll: new Set(),
    pruneQueued: false,
    sizeCheckedAt: -Infinity,
    bigPage: false,
  };
}
