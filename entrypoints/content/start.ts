import { browser } from 'wxt/browser';
import type { ScriptContext } from '@/lib/page/script-context';
import type { ContentMessage, DialMessage, PageConfig, PageNumbersAnswer } from '@/lib/messages';
import { inferPageCountry, readingFrom, type PageReading } from '@/lib/phone/page-country';
import { createClickHandler, type DialRequest } from '@/lib/page/clicks';
import { linkDoubt } from '@/lib/page/link-doubt';
import type { Linker } from '@/lib/page/linker';
import { lookWhileParsed, watchForDigits, type DigitWatch } from '@/lib/page/digit-watch';
import {
  LINKING_GLOBAL,
  LINKING_SCRIPT,
  PAGE_NUMBERS_GLOBAL,
  PAGE_NUMBERS_SCRIPT,
  type LinkingModule,
  type PageNumbersModule,
} from '@/lib/page/linking-module';
import { selectedText } from '@/lib/page/selection';
import { numberFromTelHref } from '@/lib/page/tel-href';
import { adoptLinkStyles, createLinkSheet } from '@/lib/page/styles';
import { t } from '@/lib/i18n/translate';

const INVALIDATED = /extension context invalidated/i;
/** While the page is parsed: how many nodes to look through for digits before giving up, and how often. */
const EARLY_SCAN_NODES = 1000;
const EARLY_SCAN_EVERY_MS = 25;

/**
 * Content script wiring: asks the background what to do on this page, links numbers, turns trusted clicks
 * into dial requests, and follows settings changes. Everything is tied to `ctx`, so a disabled or updated
 * extension leaves the page as it found it.
 */
export function startContent(ctx: ScriptContext): void {
  const ourLinks = new WeakMap<Element, string>();
  let config: PageConfig | null = null;
  let linker: Linker | null = null;
  /** The country the running linker reads national numbers in (from host, `lang` and the user's setting). */
  let country = '';
  /** The running linker's first country hypothesis, from the page's fuller evidence ({@link readingOf}). */
  let linkerCountry = '';
  let sheet: CSSStyleSheet | null | undefined;
  let reportedInvalid = false;

  /** After an update or uninstall the old content script can no longer message: say so once, then stand down. */
  function onMessagingError(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    if (INVALIDATED.test(message)) {
      if (!reportedInvalid) {
        reportedInvalid = true;
        console.info('PBX Click-to-Dial was updated or turned off: reload this page to call from it.');
      }
      // Asking stands the script down: its listeners go and linking stops (see onInvalidated below).
      if (!ctx.isInvalid) stopLinking();
      return;
    }
    console.warn(`PBX Click-to-Dial: ${message}`);
  }

  function styles(root: Document | ShadowRoot): void {
    if (sheet === undefined) sheet = createLinkSheet();
    adoptLinkStyles(root, sheet);
  }

  function stopLinking(): void {
    linker?.stop();
    linker = null;
    digitWatch?.stop();
    digitWatch = null;
  }

  /** A part of the content script loaded with `import()` (lib/page/linking-module.ts), once, on first need. */
  function loadPart<T>(script: typeof LINKING_SCRIPT | typeof PAGE_NUMBERS_SCRIPT, global: string): Promise<T> {
    return import(/* @vite-ignore */ browser.runtime.getURL(script)).then(() => {
      const loaded = (globalThis as unknown as Record<string, T | undefined>)[global];
      if (!loaded) throw new Error(`${script} did not load`);
      return loaded;
    });
  }
  /** The large half of the content script (detection and the linker). */
  let linking: Promise<LinkingModule> | null = null;
  const loadLinking = (): Promise<LinkingModule> => (linking ??= loadPart(LINKING_SCRIPT, LINKING_GLOBAL));
  /** The page's numbers, for the popup's list and the context menu (asked for only). */
  let pageNumbersPart: Promise<PageNumbersModule> | null = null;
  const loadPageNumbers = (): Promise<PageNumbersModule> =>
    (pageNumbersPart ??= loadPart(PAGE_NUMBERS_SCRIPT, PAGE_NUMBERS_GLOBAL));

  /**
   * Listeners only a page with links needs, added when its linker starts: a page without numbers (or where
   * linking is off) never pays for them on its events. Titles are made when a link is pointed at or focused,
   * not for every number on the page.
   */
  let listening = false;
  function listenForLinks(module: LinkingModule): void {
    if (listening) return;
    listening = true;
    const giveTitle = module.titleOnDemand(ourLinks, (number) => t('linkTitle', number));
    ctx.addEventListener(window, 'pointerover', giveTitle, { capture: true, passive: true });
    ctx.addEventListener(window, 'focusin', giveTitle, { capture: true, passive: true });
    ctx.addEventListener(window, 'scroll', () => linker?.viewportChanged(), { capture: true, passive: true });
  }

  /** Watches a page that shows no digits yet, until it does (an SPA rendering its view later, say). */
  let digitWatch: DigitWatch | null = null;
  function whenDigits(run: () => void): void {
    if (digitsEarly()) return run();
    digitWatch = watchForDigits(document, run, { MutationObserver });
  }

  /**
   * The page's first country from its host, `lang` and the user's setting alone (no page text read): decides
   * whether a settings change means linking again, and reads a `tel:` link clicked before linking has loaded.
   * The linker and the popup's list read numbers with the fuller evidence of {@link readingOf}. Worked out only
   * when needed, never on a page that shows no digits and is not clicked (about 0.5 ms, issue 13).
   */
  function countryFor(next: PageConfig): string {
    return inferPageCountry({
      lang: document.documentElement.lang,
      host: location.hostname,
      fallback: next.defaultCountry,
    });
  }

  /**
   * How the page's national numbers are read, for the linker and the popup's list alike: each number's country
   * from what the page says of itself (its host, its "+CC" numbers, the places it names), not its `lang` alone
   * (issue 10). Read when the linking part is loaded, once per page and settings.
   */
  let reading: { config: PageConfig; value: PageReading } | null = null;
  function readingOf(module: LinkingModule, current: PageConfig): PageReading {
    if (reading?.config.defaultCountry !== current.defaultCountry) {
      const value = readingFrom({
        lang: document.documentElement.lang,
        host: location.hostname,
        fallback: current.defaultCountry,
        ...module.pageEvidence(document),
      });
      reading = { config: current, value };
    }
    return reading.value;
  }

  function apply(next: PageConfig): void {
    if (ctx.isInvalid) return;
    config = next;
    const wanted = next.linkify && !next.blocked;
    // A different country reads national numbers differently: link again from scratch.
    if (linker && (!wanted || countryFor(next) !== country)) stopLinking();
    // A tel-scheme click held while the settings were on their way dials (with the country) or goes on now.
    onClick.settingsArrived();
    if (!wanted || linker || digitWatch) return;
    whenDigits(() => {
      loadLinking()
        .then((module) => {
          // Settings may have changed while the script loaded.
          if (ctx.isInvalid || linker || !config || !config.linkify || config.blocked) return;
          styles(document);
          listenForLinks(module);
          country = countryFor(config);
          const reading = readingOf(module, config);
          linkerCountry = reading.country;
          linker = module.createLinker({
            document,
            detector: module.detector,
            ...reading,
            ourLinks,
            schedule: (task, delayMs) => void ctx.setTimeout(task, delayMs ?? 0),
            now: () => performance.now(),
            onShadowRoot: styles,
            createVisibilityObserver: module.intersectionVisibility(window),
          });
          linker.start();
        })
        .catch(onMessagingError);
    });
  }

  /** A held tel-scheme click that is not ours to dial: the navigation the click would have made. */
  function followLink(link: Element): void {
    const { href, target } = link as HTMLAnchorElement;
    const view = link.ownerDocument.defaultView ?? window;
    if (target && target !== '_self') view.open(href, target);
    else view.location.assign(href);
  }

  /** What a page's own national-format `tel:` link is read in: the page's first country hypothesis. */
  function dialCountry(): string {
    if (linker) return linkerCountry;
    return config ? countryFor(config) : '';
  }

  function dial(request: DialRequest): void {
    const message: DialMessage = {
      type: 'dial',
      number: request.number,
      source: request.source,
      country: dialCountry(),
    };
    if (request.doubt) message.doubt = request.doubt;
    browser.runtime.sendMessage(message).catch(onMessagingError);
  }

  const onClick = createClickHandler({
    ourLinks,
    // Unknown until the settings arrive: a tel-scheme click before then is held, not left to the OS handler.
    telLinks: () => (config ? config.telLinks && !config.blocked : undefined),
    dial,
    follow: followLink,
    setTimer: (task, ms) => void ctx.setTimeout(task, ms),
    doubt: (link, number, event) => linkDoubt(link, number, event, window),
  });
  // Capture phase on the window: ahead of the page's own listeners, which could otherwise swallow the click.
  // `composedPath()` sees into open shadow roots, so one listener covers them. Enter on a focused link fires a
  // trusted click too.
  // A copy left behind in the tab by an update cannot dial: it stands down at the first click, which goes on to
  // the page (and the browser) as if we were not there.
  ctx.addEventListener(
    window,
    'click',
    (event: MouseEvent) => {
      if (!ctx.isInvalid) onClick(event);
    },
    { capture: true },
  );

  // The element the last context menu was opened on: "Call with PBX" on a link asks for the numbers in it, as
  // Chrome's OnClickData carries no link text. Remembered only; nothing is read until the item is clicked.
  let menuTarget: EventTarget | null = null;
  const rememberMenuTarget = (event: MouseEvent): void => {
    menuTarget = event.composedPath()[0] ?? null;
  };
  ctx.addEventListener(window, 'contextmenu', rememberMenuTarget, { capture: true, passive: true });

  /**
   * The numbers under `root` (lib/page/page-numbers.ts), read with the linker's detector and country, on demand
   * only: for the popup's "Numbers on this page", also where linking is off; never on a blocked site.
   */
  async function pageNumbers(root: Node | null): Promise<PageNumbersAnswer> {
    const current = config ?? (await configured);
    if (!current) throw new Error('the extension did not answer');
    if (current.blocked) return { status: 'blocked' };
    const [module, lister] = await Promise.all([loadLinking(), loadPageNumbers()]);
    const pageReading = readingOf(module, current);
    const pageCountry = pageReading.country;
    const numbers = root
      ? await lister.collectPageNumbersSliced(
          root,
          { detector: module.detector, ...pageReading, ourLinks, telNumber: numberFromTelHref },
          { now: () => performance.now(), schedule: (task) => void ctx.setTimeout(task, 0) },
        )
      : [];
    return { status: 'ok', numbers, country: pageCountry };
  }

  const onMessage = (raw: unknown, sender: { id?: string }): Promise<unknown> | undefined => {
    // Only the background of this extension talks to us (tabs.sendMessage); anything else is ignored.
    if (sender.id !== browser.runtime.id || typeof raw !== 'object' || raw === null) return undefined;
    const message = raw as ContentMessage;
    if (message.type === 'pageConfigChanged' && typeof message.config === 'object' && message.config) {
      // The broadcast is computed from the tab's URL, which the background may not see (no "tabs" permission),
      // and is the same for every frame: ask again, so `blocked` is judged for this frame's own host.
      const pushed = message.config;
      browser.runtime
        .sendMessage({ type: 'getPageConfig' })
        .then((answer: PageConfig | undefined) => apply(answer ?? pushed))
        .catch(onMessagingError);
      return undefined;
    }
    if (message.type === 'getSelection') {
      const text = selectedText(document);
      // The background asks the top frame; other frames answer only when they hold the selection.
      return text || window === window.top ? Promise.resolve(text) : undefined;
    }
    // The popup asks the top frame (frameId 0) for its page's numbers; the background asks the frame a menu was
    // opened in for the numbers in the link right-clicked there.
    if (message.type === 'getPageNumbers') return window === window.top ? pageNumbers(document) : undefined;
    if (message.type === 'getMenuNumbers') {
      const target = menuTarget instanceof Element ? menuTarget : null;
      return pageNumbers(target?.closest('a') ?? target);
    }
    return undefined;
  };
  // The browser's own messaging (no webextension-polyfill in the content script, see wxt.config.ts): an answer
  // that takes time goes through `sendResponse`, with `true` returned to keep it open, which Chrome and Firefox
  // both honour; a listener returning a promise works in Firefox only.
  const listener = (raw: unknown, sender: { id?: string }, sendResponse: (answer: unknown) => void): boolean => {
    const answer = onMessage(raw, sender);
    if (answer === undefined) return false;
    answer.then(sendResponse, (error: unknown) => {
      onMessagingError(error);
      sendResponse(undefined);
    });
    return true;
  };
  browser.runtime.onMessage.addListener(listener);
  ctx.onInvalidated(() => {
    browser.runtime.onMessage.removeListener(listener);
    stopLinking();
  });

  // Asked at document_start, so the answer is usually back before the page is parsed; linking waits for the
  // parsed document, then links the first screen inside the page's own first layout instead of forcing a
  // second one (every change to a big table makes the browser lay it all out again).
  const configured = browser.runtime.sendMessage({ type: 'getPageConfig' }) as Promise<PageConfig | undefined>;
  // A head start while the page is parsed: once its first nodes show digits, the linking script is loaded then,
  // not at DOMContentLoaded, so it is ready for the first screen before the page's first full layout (on a
  // 10,000-row table the main thread is busy for a second or more after DCL). The scan starts at once, beside
  // the settings request, not after its answer: a busy browser can take a second to answer (a service worker
  // waking up), and by then the page may be parsed. Loading is all it does; nothing on the page is touched
  // before the settings say linking is on here, and the scan stops when they say it is not.
  const digitsEarly = lookWhileParsed(document, {
    maxNodes: EARLY_SCAN_NODES,
    everyMs: EARLY_SCAN_EVERY_MS,
    onDigits: () => void loadLinking().catch(() => undefined),
    settings: configured,
    setTimer: (task, ms) => void ctx.setTimeout(task, ms),
    stopped: () => ctx.isInvalid,
  });
  whenParsed(() => {
    configured
      .then((answer) => {
        if (answer) apply(answer);
      })
      .catch(onMessagingError);
  });

  function whenParsed(run: () => void): void {
    if (document.readyState !== 'loading') run();
    else ctx.addEventListener(document, 'DOMContentLoaded', run, { once: true });
  }
}
