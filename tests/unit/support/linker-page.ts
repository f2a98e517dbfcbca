/**
 * What the linker's unit tests (lib/page/*.test.ts, one file per room) share: a stand-in detector and
 * visibility observer, and a page under linkedom with a linker on it whose tasks run when the test says.
 */
import { parseHTML } from 'linkedom';
import { createLinker, type Detector, type PhoneMatchLike } from '@/lib/page/linker';
import { findPhoneNumbers, mightContainPhone } from '@/lib/phone/detect';

/** The product's detector (lib/phone/detect). */
export const realDetector: Detector = { findPhoneNumbers, mightContainPhone };

/** A stand-in for lib/phone/detect: "+" and 10 to 12 digits in groups, optional " x123". */
export const fakeDetector: Detector & { calls: { text: string; before?: string }[] } = {
  calls: [],
  mightContainPhone: (text) => (text.match(/\d/g)?.length ?? 0) >= 7,
  findPhoneNumbers(text, options) {
    this.calls.push({ text, before: options.before });
    const out: PhoneMatchLike[] = [];
    for (const m of text.matchAll(/\+\d[\d ]{8,14}\d(?: x(\d+))?/g)) {
      const number = m[0].replace(/ x\d+$/, '');
      out.push({ start: m.index, end: m.index + m[0].length, e164: `+${number.replace(/\D/g, '')}`, ext: m[1] });
    }
    return out;
  },
};

/** A stand-in for IntersectionObserver: records what is watched; `show` reports elements as near the viewport. */
export function fakeVisibility() {
  const watched = new Set<Element>();
  /** Every observe() call, in order (an element observed again gets a fresh report from a real observer). */
  const observed: Element[] = [];
  let report: (near: Element[], onScreen: Element[]) => void = () => {};
  return {
    watched,
    observed,
    create(onVisible: (near: Element[], onScreen: Element[]) => void) {
      report = onVisible;
      return {
        observe: (el: Element) => void (watched.add(el), observed.push(el)),
        unobserve: (el: Element) => void watched.delete(el),
        disconnect: () => watched.clear(),
      };
    },
    /** Reports elements as on screen. */
    show: (...elements: Element[]) => report(elements, elements),
    /** Reports elements as near the viewport (within its margin) but off screen. */
    showNear: (...elements: Element[]) => report(elements, []),
  };
}

/**
 * A page whose body is `body`, and a linker on it (the fake detector, country US, a title for each link;
 * `extra` overrides). Tasks the linker schedules wait for `runAll()`; delayed ones (checks, pruning) never run.
 */
export function setup(body: string, extra: Partial<Parameters<typeof createLinker>[0]> = {}) {
  const { document, MutationObserver } = parseHTML(
    `<!doctype html><html><head><title>+1 415 555 0100</title></head><body>${body}</body></html>`,
  );
  (globalThis as { MutationObserver?: unknown }).MutationObserver = MutationObserver;
  const ourLinks = new WeakMap<Element, string>();
  const tasks: (() => void)[] = [];
  const linker = createLinker({
    document: document as unknown as Document,
    detector: fakeDetector,
    country: 'US',
    title: (dial) => `Call ${dial} with your PBX`,
    ourLinks,
    schedule: (task, delay) => void (delay ? undefined : tasks.push(task)),
    now: () => 0,
    ...extra,
  });
  const runAll = () => {
    while (tasks.length) tasks.shift()!();
  };
  return { document: document as unknown as Document, linker, ourLinks, runAll };
}

/** A clock that moves 1 ms per read, so a 5 ms slice covers only the first rows of a long list. */
export const ticking = () => {
  let t = 0;
  return () => t++;
};

/** `n` list items `r0`, `r1`, … each holding one number. */
export const rows = (n: number) =>
  Array.from({ length: n }, (_, i) => `<li id="r${i}">+1 415 555 ${String(1000 + i)}</li>`).join('');

/** The dial values of the links the linker made, in page order. */
export const dials = (document: Document) =>
  Array.from(document.querySelectorAll('a[data-pbx-dial]')).map((a) => a.getAttribute('data-pbx-dial'));

/** The node tree as a string: names, attributes and text, one entry per node. */
export function shape(node: Node): string {
  if (node.nodeType === 3) return JSON.stringify((node as Text).data);
  const el = node as Element;
  const attrs = el.getAttributeNames?.().map((a) => `${a}=${el.getAttribute(a)}`) ?? [];
  return `<${el.localName} ${attrs.join(' ')}>[${Array.from(node.childNodes).map(shape).join(',')}]`;
}
