import { describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { createLinker, dialValue, textBefore, type Detector, type PhoneMatchLike } from './linker';

/** A stand-in for lib/phone/detect: "+" and 10 to 12 digits in groups, optional " x123". */
const fakeDetector: Detector & { calls: { text: string; before?: string }[] } = {
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

function setup(body: string) {
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
  });
  const runAll = () => {
    while (tasks.length) tasks.shift()!();
  };
  return { document: document as unknown as Document, linker, ourLinks, runAll };
}

/** The node tree as a string: names, attributes and text, one entry per node. */
function shape(node: Node): string {
  if (node.nodeType === 3) return JSON.stringify((node as Text).data);
  const el = node as Element;
  const attrs = el.getAttributeNames?.().map((a) => `${a}=${el.getAttribute(a)}`) ?? [];
  return `<${el.localName} ${attrs.join(' ')}>[${Array.from(node.childNodes).map(shape).join(',')}]`;
}

describe('createLinker', () => {
  it('wraps each number in the contract markup, keeping the original text node and the visible text', () => {
    const { document, linker, ourLinks, runAll } = setup(
      '<p id="p">Call +1 415 555 0132 or +1 415 555 0133 x204 today</p>',
    );
    const p = document.getElementById('p')!;
    const original = p.firstChild!;
    linker.start();
    runAll();
    expect(p.textContent).toBe('Call +1 415 555 0132 or +1 415 555 0133 x204 today');
    const links = Array.from(p.querySelectorAll('a'));
    expect(links.map((a) => [a.getAttribute('href'), a.getAttribute('data-pbx-dial'), a.textContent])).toEqual([
      ['tel:+14155550132', '+14155550132', '+1 415 555 0132'],
      ['tel:+14155550133;ext=204', '+14155550133;ext=204', '+1 415 555 0133 x204'],
    ]);
    expect(links[0]!.getAttribute('title')).toBe('Call +14155550132 with your PBX');
    // The page's own text node is still the first child, holding the text before the first number.
    expect(p.firstChild).toBe(original);
    expect((original as Text).data).toBe('Call ');
    expect(links.map((a) => ourLinks.get(a))).toEqual(['+14155550132', '+14155550133;ext=204']);
  });

  it('never touches the regions the page contract lists', () => {
    const skipped = [
      '<a href="/x">+1 415 555 0101</a>',
      '<button>+1 415 555 0102</button>',
      '<textarea>+1 415 555 0103</textarea>',
      '<div contenteditable="true"><p>+1 415 555 0104</p></div>',
      '<div contenteditable=""><span>+1 415 555 0105</span></div>',
      '<script>var n = "+1 415 555 0106"</script>',
      '<style>/* +1 415 555 0107 */</style>',
      '<noscript>+1 415 555 0108</noscript>',
      '<template>+1 415 555 0109</template>',
      '<svg><text>+1 415 555 0110</text></svg>',
      '<div role="button">+1 415 555 0111</div>',
      '<select><option>+1 415 555 0112</option></select>',
    ];
    const { document, linker, runAll } = setup(`${skipped.join('')}<p contenteditable="false">+1 415 555 0199</p>`);
    linker.start();
    runAll();
    const made = Array.from(document.querySelectorAll('a[data-pbx-dial]')).map((a) => a.getAttribute('data-pbx-dial'));
    expect(made).toEqual(['+14155550199']);
    expect(document.querySelector('title')!.textContent).toBe('+1 415 555 0100');
  });

  it('stop() restores the page exactly, and start() links it again', () => {
    const html = '<p id="p">A +1 415 555 0132 B +1 415 555 0133</p><ul><li>+1 415 555 0134</li></ul>';
    const { document, linker, runAll } = setup(html);
    const before = shape(document.body);
    linker.start();
    runAll();
    expect(document.querySelectorAll('a').length).toBe(3);
    linker.stop();
    expect(shape(document.body)).toBe(before);
    expect(document.body.childNodes.length).toBe(2);
    expect(document.getElementById('p')!.childNodes.length).toBe(1);
    linker.start();
    runAll();
    expect(document.querySelectorAll('a').length).toBe(3);
  });

  it('passes the text before a number in neighbouring elements to the detector', () => {
    fakeDetector.calls.length = 0;
    const { linker, runAll } = setup('<table><tr><th>Order #</th><td>+1 415 555 0132</td></tr></table>');
    linker.start();
    runAll();
    expect(fakeDetector.calls.map((c) => c.before)).toEqual(['Order # ']);
  });
});

describe('dialValue', () => {
  it('is E.164 plus ;ext=N, and refuses anything else', () => {
    expect(dialValue({ start: 0, end: 1, e164: '+14155550132' })).toBe('+14155550132');
    expect(dialValue({ start: 0, end: 1, e164: '+14155550132', ext: '204' })).toBe('+14155550132;ext=204');
    expect(dialValue({ start: 0, end: 1, e164: '14155550132' })).toBeNull();
    expect(dialValue({ start: 0, end: 1, e164: '+14155550132', ext: '2a' })).toBeNull();
  });
});

describe('textBefore', () => {
  it('collects nearby preceding text, at most 48 characters', () => {
    const { document } = parseHTML('<div><p><b>Tel.</b> <span id="n">+1</span></p></div>');
    expect(textBefore(document.getElementById('n')!.firstChild!)).toBe('Tel. ');
    const long = parseHTML(`<p>${'x'.repeat(100)}<span id="n">1</span></p>`).document;
    expect(textBefore(long.getElementById('n')!.firstChild!)).toHaveLength(48);
  });
});
