import { describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { lookWhileParsed, parsedDigitScanner, watchForDigits } from './digit-watch';

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('parsedDigitScanner', () => {
  it('finds digits in what was added since the last call, and goes on from where it stopped', () => {
    const { document } = parseHTML('<!doctype html><html><head></head><body><h1>Welcome</h1></body></html>');
    const scan = parsedDigitScanner(document, 1000);
    expect(scan()).toBe('not-yet');
    // The parser appends: a new paragraph, then its text.
    const p = document.createElement('p');
    document.body.appendChild(p);
    expect(scan()).toBe('not-yet');
    p.appendChild(document.createTextNode('Call +1 415 555 0132'));
    expect(scan()).toBe('found');
  });

  it('does not count digits inside script, style and similar elements', () => {
    const { document } = parseHTML(
      '<!doctype html><html><head><script>var t = 1234567890;</script><style>.a{width:1234567px}</style></head><body><p>Hello</p></body></html>',
    );
    expect(parsedDigitScanner(document, 1000)()).toBe('not-yet');
  });

  it('gives up after looking at its number of nodes', () => {
    const words = Array.from({ length: 50 }, () => '<p>words</p>').join('');
    const { document } = parseHTML(`<!doctype html><html><body>${words}<p>+1 415 555 0132</p></body></html>`);
    expect(parsedDigitScanner(document, 20)()).toBe('gave-up');
    expect(parsedDigitScanner(document, 1000)()).toBe('found');
  });
});

describe('watchForDigits', () => {
  /** How many times a watch on a page with `body` calls back at once (0 or 1). */
  const shown = (body: string) => {
    const { document, MutationObserver } = parseHTML(`<html><body>${body}</body></html>`);
    let calls = 0;
    watchForDigits(document, () => calls++, { MutationObserver }).stop();
    return calls;
  };

  it('calls back at once when the document already shows digits', () => {
    const { document, MutationObserver } = parseHTML('<html><body><p>+1 415 555 0132</p></body></html>');
    let calls = 0;
    watchForDigits(document, () => calls++, { MutationObserver });
    expect(calls).toBe(1);
  });

  it('counts full-width and Arabic-Indic digits, and seven of them in all, spread over the page', () => {
    expect(shown('<p>ＴＥＬ ０３－１２３４－５６７８</p>')).toBe(1);
    expect(shown('<p>جوال ٠٥٦ ١٢٣ ٤٥٦٧</p>')).toBe(1);
    expect(shown('<p>Room 12</p><p>Floor 3, gate 4567</p>')).toBe(1);
    expect(shown('<p>Room 12, floor 3</p><p>Gate 45</p>')).toBe(0);
  });

  it('reads a long page the same way as a short one (a loop up to 4 KB of text, one expression beyond)', () => {
    const words = '<p>' + 'words '.repeat(1000) + '</p>';
    expect(words.length).toBeGreaterThan(4096);
    expect(shown(`${words}<p>Room 12</p><p>Floor 3, gate ٤٥٦٧</p>`)).toBe(1);
    expect(shown(`${words}<p>Room 12, floor 3</p><p>Gate 45</p>`)).toBe(0);
    expect(shown(`<p>Room 12</p>${words}<p>Floor 3, gate ０４５６７</p>`)).toBe(1);
  });

  it('calls back once when the page later adds text with digits, not for text without', async () => {
    const { document, MutationObserver } = parseHTML('<html><body><p>Hello</p></body></html>');
    let calls = 0;
    watchForDigits(document, () => calls++, { MutationObserver });
    const div = document.createElement('div');
    div.textContent = 'Page 1 of 3';
    document.body.appendChild(div);
    await flush();
    expect(calls).toBe(0);
    // A subtree added at once (a framework rendering a view): the digits are in a child of the added node.
    const row = document.createElement('div');
    const number = document.createElement('span');
    number.textContent = '030 1234567';
    row.append(document.createTextNode('Phone '), number);
    document.body.appendChild(row);
    await flush();
    expect(calls).toBe(1);
    document.body.appendChild(document.createTextNode('+49 30 1234568'));
    await flush();
    expect(calls).toBe(1);
  });

  it('stops without calling back', async () => {
    const { document, MutationObserver } = parseHTML('<html><body><p>Hello</p></body></html>');
    let calls = 0;
    watchForDigits(document, () => calls++, { MutationObserver }).stop();
    document.body.appendChild(document.createTextNode('+49 30 1234568'));
    await flush();
    expect(calls).toBe(0);
  });
});

describe('lookWhileParsed', () => {
  /** A page still being parsed (linkedom's documents are always complete), and timers run by hand. */
  function parsing(html: string) {
    const { document } = parseHTML(html);
    let state = 'loading';
    Object.defineProperty(document, 'readyState', { get: () => state, configurable: true });
    const timers: (() => void)[] = [];
    const tick = () => timers.splice(0).forEach((task) => task());
    return { document, parsed: () => (state = 'interactive'), timers, tick };
  }

  it('loads the linking script as soon as the parsed page shows digits, with the settings not answered yet', () => {
    const { document, timers, tick } = parsing('<!doctype html><html><body><h1>Welcome</h1></body></html>');
    let loads = 0;
    const never = new Promise<undefined>(() => undefined);
    const sawDigits = lookWhileParsed(document, {
      maxNodes: 1000,
      everyMs: 25,
      onDigits: () => loads++,
      settings: never,
      setTimer: (task) => void timers.push(task),
      stopped: () => false,
    });
    expect(loads).toBe(0);
    expect(timers).toHaveLength(1);
    document.body.appendChild(document.createElement('p')).textContent = 'Call +1 415 555 0132';
    tick();
    expect(loads).toBe(1);
    expect(sawDigits()).toBe(true);
    expect(timers).toHaveLength(0);
  });

  it('stops looking once the settings say linking is off here, or the page is parsed', async () => {
    for (const answer of [{ linkify: false, blocked: false }, { linkify: true, blocked: true }, undefined]) {
      const { document, timers, tick } = parsing('<!doctype html><html><body><h1>Welcome</h1></body></html>');
      let loads = 0;
      lookWhileParsed(document, {
        maxNodes: 1000,
        everyMs: 25,
        onDigits: () => loads++,
        settings: Promise.resolve(answer),
        setTimer: (task) => void timers.push(task),
        stopped: () => false,
      });
      await flush();
      document.body.appendChild(document.createElement('p')).textContent = 'Call +1 415 555 0132';
      tick();
      expect(loads).toBe(0);
    }
    const { document, parsed, timers, tick } = parsing('<!doctype html><html><body><h1>Hi</h1></body></html>');
    let loads = 0;
    const sawDigits = lookWhileParsed(document, {
      maxNodes: 1000,
      everyMs: 25,
      onDigits: () => loads++,
      settings: Promise.resolve({ linkify: true, blocked: false }),
      setTimer: (task) => void timers.push(task),
      stopped: () => false,
    });
    parsed();
    document.body.appendChild(document.createElement('p')).textContent = 'Call +1 415 555 0132';
    tick();
    expect(loads).toBe(0);
    expect(sawDigits()).toBe(false);
    expect(timers).toHaveLength(0);
  });
});
