/**
 * Turns phone numbers in page text into click-to-dial links and keeps them right while the page changes.
 * The technique (and why it is safe with React and other frameworks) is written down in ./README.md, with
 * the rooms the linker is built of: ./scheduler.ts (`createLinker`), ./segments.ts, ./split-numbers.ts,
 * ./labels.ts, ./hold-back.ts and ./mutations.ts, sharing one state object (./state.ts).
 *
 * Everything the linker reads from outside (the document, the detector, the clock, the scheduler) is passed
 * in, so the same code runs in the content script, in unit tests and in the benchmark.
 */
export { createLinker } from './scheduler';
export { dialValue } from './segments';
export { intersectionVisibility } from './hold-back';

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
   * The first slice, when the linker starts (default 30 ms): the top of a page that was just
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
   * 25,000); smaller pages are linked in full as the walk finds them.
   */
  holdBackAbove?: number;
}

/** The part of `IntersectionObserver` the linker uses. */
export interface VisibilityObserver {
  observe(element: Element): void;
  unobserve(element: Element): void;
  disconnect(): void;
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
