/**
 * Which clicks dial (../shared/design.md, "The page contract"): a trusted, plain primary click on a link the
 * content script made, or on a real `tel:`/`callto:`/`sip:` link when `pages.telLinks` is on. Everything else
 * keeps the browser's behaviour. Kept free of `browser.*` so it is unit-tested with plain objects.
 *
 * At start-up (a new profile, a fresh install) the page's settings can take seconds to arrive, and a click on a
 * tel-scheme link then would fall through to the operating system's `tel:` handler: such a click is held
 * (default prevented) until they arrive, then dialled or handed back to the browser (issue 11).
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
  /**
   * Whether clicks on existing tel-scheme links dial (`pages.telLinks`, and the site not blocked); `undefined`
   * while the page's settings have not arrived yet.
   */
  telLinks(): boolean | undefined;
  dial(request: DialRequest): void;
  /** Opens a held link as the page meant it (its href, in its target), when the settings say not to dial it. */
  follow(link: Element): void;
  /** Runs `task` once after `ms`; injectable for tests. */
  setTimer?: (task: () => void, ms: number) => void;
  /**
   * How long a click may wait for the settings before it goes to the browser after all (a background that never
   * answers must not swallow it): 4 s, inside the 5 s for which Chrome still counts the click as the user's.
   */
  holdMs?: number;
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

/** The capture-phase click listener, and the hook that releases a click held at start-up. */
export interface ClickHandler {
  (event: ClickLike): void;
  /** The page's settings have arrived: a held click dials if `telLinks()` says so, else goes to the browser. */
  settingsArrived(): void;
}

/**
 * Builds the capture-phase click listener. It dials at most once per number per `repeatMs` and cancels the
 * default action of every click it claims (a repeat included, so a double click does not fall through to the
 * OS `tel:` handler). A click on a tel-scheme link before the settings is held: see {@link ClickHandler}.
 */
export function createClickHandler(options: ClickHandlerOptions): ClickHandler {
  const now = options.now ?? (() => performance.now());
  const repeatMs = options.repeatMs ?? 3000;
  const setTimer = options.setTimer ?? ((task, ms) => void setTimeout(task, ms));
  const lastDial = new Map<string, number>();
  /** The last tel-scheme click that came before the settings (a second one replaces it: one call at most). */
  let held: { link: Element; request: DialRequest } | null = null;

  function claim(request: DialRequest): void {
    const t = now();
    const previous = lastDial.get(request.number);
    if (previous !== undefined && t - previous < repeatMs) return;
    lastDial.set(request.number, t);
    // Forget old entries so a page open all day does not grow the map.
    for (const [number, at] of lastDial) if (t - at >= repeatMs) lastDial.delete(number);
    options.dial(request);
  }

  function release(): void {
    if (!held) return;
    const { link, request } = held;
    held = null;
    if (options.telLinks()) claim(request);
    else options.follow(link);
  }

  const handler = ((event) => {
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
    } else {
      const telLinks = options.telLinks();
      // Any other link, including a page-made one carrying a forged `data-pbx-dial`, counts only through its
      // real tel-scheme href: the same number the browser's own tel: handler would have dialled.
      const number = telLinks !== false ? numberFromTelHref(link.getAttribute('href') ?? '') : null;
      // Judged when the click happens: what was under the pointer, and shown, then (lib/page/link-doubt.ts).
      const doubt = number ? options.doubt?.(link, number, event) : undefined;
      const tel: DialRequest | null = number ? { number, source: 'tel-link', ...(doubt ? { doubt } : {}) } : null;
      if (tel && telLinks === undefined) {
        // No settings yet: hold the click rather than let the OS handler have it (see settingsArrived).
        event.preventDefault();
        const first = !held;
        held = { link, request: tel };
        if (first) setTimer(release, options.holdMs ?? 4000);
        return;
      }
      if (tel) request = tel;
    }
    if (!request) return;

    event.preventDefault();
    claim(request);
  }) as ClickHandler;
  handler.settingsArrived = release;
  return handler;
}
