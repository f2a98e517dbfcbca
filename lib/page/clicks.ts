/**
 * Which clicks dial (../shared/design.md, "The page contract"): a trusted, plain primary click on a link the
 * content script made, or on a real `tel:`/`callto:`/`sip:` link when `pages.telLinks` is on. Everything else
 * keeps the browser's behaviour. Kept free of `browser.*` so it is unit-tested with plain objects.
 */
import type { LinkDoubt } from '../messages';
import { numberFromTelHref } from './tel-href';

/** A dial the content script asks the background for. */
export interface DialRequest {
  number: string;
  source: 'link' | 'tel-link';
  /** A page's own link only: why the click looks unintended (the background asks first). */
  doubt?: LinkDoubt;
}

/** The parts of a MouseEvent the decision reads. */
export interface ClickLike {
  isTrusted: boolean;
  button: number;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
  composedPath(): EventTarget[];
  preventDefault(): void;
  clientX?: number;
  clientY?: number;
  /** The click count; 0 for a keyboard activation. */
  detail?: number;
}

export interface ClickHandlerOptions {
  /** The dial value of each link this content script made. Only these count as our links. */
  ourLinks: WeakMap<Element, string>;
  /** Whether clicks on existing tel-scheme links dial (`pages.telLinks`, and the site not blocked). */
  telLinks(): boolean;
  dial(request: DialRequest): void;
  /**
   * Judges a click on a page's own tel-scheme link (lib/page/link-doubt.ts): hidden, not under the pointer, or
   * its text not showing the number. Not consulted for our own links, which show their number by making.
   */
  doubt?(link: Element, number: string, event: ClickLike): LinkDoubt | undefined;
  /** Milliseconds; injectable for tests. */
  now?: () => number;
  /** A repeat of the same number within this many ms is swallowed (design.md, "Failures"): 3 s. */
  repeatMs?: number;
}

/** The nearest `<a href>` or `<area href>` on the event's path, looking through open shadow roots. */
function linkOnPath(path: EventTarget[]): Element | null {
  for (const target of path) {
    const el = target as Element;
    // Stop at the document: nothing above it is a link.
    if (!el || el.nodeType !== 1) {
      if ((target as Node).nodeType === 9) return null;
      continue;
    }
    const name = el.localName;
    if ((name === 'a' || name === 'area') && el.hasAttribute('href')) return el;
  }
  return null;
}

/**
 * Builds the capture-phase click listener. It dials at most once per number per `repeatMs` and cancels the
 * default action of every click it claims (a repeat included, so a double click does not fall through to the
 * OS `tel:` handler).
 */
export function createClickHandler(options: ClickHandlerOptions): (event: ClickLike) => void {
  const now = options.now ?? (() => performance.now());
  const repeatMs = options.repeatMs ?? 3000;
  const lastDial = new Map<string, number>();

  return (event) => {
    // Synthetic clicks (el.click(), dispatchEvent) are untrusted: a page must not be able to place calls.
    if (!event.isTrusted) return;
    // Ctrl/Cmd/Shift/Alt clicks and non-primary buttons mean "open / copy / save": the browser's job.
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    const link = linkOnPath(event.composedPath());
    if (!link) return;

    let request: DialRequest | null = null;
    const ours = options.ourLinks.get(link);
    if (ours !== undefined) {
      // The value we recorded when we made the link, never the attribute: the page can rewrite attributes.
      request = { number: ours, source: 'link' };
    } else if (options.telLinks()) {
      // Any other link, including a page-made one carrying a forged `data-pbx-dial`, counts only through its
      // real tel-scheme href: the same number the browser's own tel: handler would have dialled.
      const number = numberFromTelHref(link.getAttribute('href') ?? '');
      if (number) {
        const doubt = options.doubt?.(link, number, event);
        request = doubt ? { number, source: 'tel-link', doubt } : { number, source: 'tel-link' };
      }
    }
    if (!request) return;

    event.preventDefault();
    const t = now();
    const previous = lastDial.get(request.number);
    if (previous !== undefined && t - previous < repeatMs) return;
    lastDial.set(request.number, t);
    // Forget old entries so a page open all day does not grow the map.
    for (const [number, at] of lastDial) if (t - at >= repeatMs) lastDial.delete(number);
    options.dial(request);
  };
}
