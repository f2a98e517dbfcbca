import { describe, expect, it, vi } from 'vitest';
import { parseHTML } from 'linkedom';
import { createClickHandler, type ClickLike, type DialRequest } from './clicks';

/** `telLinks` null: the page's settings have not arrived yet. */
function setup(telLinks: boolean | null = true, doubt?: (link: Element, number: string) => 'hidden' | undefined) {
  const { document } = parseHTML(
    '<html><body><a id="ours" href="tel:+14155550132" data-pbx-dial="+14155550132"><span id="inner">415</span></a>' +
      '<a id="forged" href="https://evil.example/" data-pbx-dial="+19005550000">+1 415 555 0199</a>' +
      '<a id="forged-tel" href="tel:+14155550177" data-pbx-dial="+19005550000">+1 415 555 0177</a>' +
      '<a id="tel" href="tel:+44-20-7946-0000">call</a><a id="sip" href="sip:alice@example.com">sip</a>' +
      '<a id="web" href="https://example.com/">web</a><p id="plain">text</p></body></html>',
  );
  const ourLinks = new WeakMap<Element, string>();
  ourLinks.set(document.getElementById('ours')!, '+14155550132');
  const dials: DialRequest[] = [];
  const followed: string[] = [];
  const timers: { task: () => void; ms: number }[] = [];
  let time = 1000;
  const settings: { telLinks: boolean | undefined } = { telLinks: telLinks ?? undefined };
  const handler = createClickHandler({
    ourLinks,
    telLinks: () => settings.telLinks,
    dial: (r) => dials.push(r),
    follow: (link) => followed.push(link.id),
    setTimer: (task, ms) => timers.push({ task, ms }),
    now: () => time,
    ...(doubt ? { doubt } : {}),
  });
  const click = (id: string, init: Partial<ClickLike> = {}) => {
    const target = document.getElementById(id)!;
    const path: EventTarget[] = [];
    for (let n: Node | null = target; n; n = n.parentNode) path.push(n);
    const event = {
      isTrusted: true,
      button: 0,
      ctrlKey: false,
      metaKey: false,
      shiftKey: false,
      altKey: false,
      composedPath: () => path,
      preventDefault: vi.fn(),
      ...init,
    };
    handler(event);
    return event.preventDefault;
  };
  /** The page's settings arrive with this `telLinks`. */
  const arrive = (value: boolean) => {
    settings.telLinks = value;
    handler.settingsArrived();
  };
  return { click, dials, followed, timers, arrive, advance: (ms: number) => (time += ms) };
}

describe('createClickHandler', () => {
  it('dials the value recorded for our link, from a click anywhere inside it, and cancels the default', () => {
    const { click, dials } = setup();
    const prevented = click('inner');
    expect(dials).toEqual([{ number: '+14155550132', source: 'link' }]);
    expect(prevented).toHaveBeenCalledTimes(1);
  });

  it('ignores untrusted clicks (el.click(), dispatchEvent)', () => {
    const { click, dials } = setup();
    expect(click('ours', { isTrusted: false })).not.toHaveBeenCalled();
    expect(dials).toEqual([]);
  });

  it.each([
    [{ ctrlKey: true }],
    [{ metaKey: true }],
    [{ shiftKey: true }],
    [{ altKey: true }],
    [{ button: 1 }],
    [{ button: 2 }],
  ])('leaves modified and non-primary clicks to the browser: %o', (init) => {
    const { click, dials } = setup();
    expect(click('ours', init)).not.toHaveBeenCalled();
    expect(dials).toEqual([]);
  });

  it('never dials a forged data-pbx-dial: a web href does nothing, a tel href dials its own number', () => {
    const { click, dials } = setup();
    expect(click('forged')).not.toHaveBeenCalled();
    click('forged-tel');
    expect(dials).toEqual([{ number: '+14155550177', source: 'tel-link' }]);
  });

  it('dials real tel links when telLinks is on, and only numeric ones', () => {
    const { click, dials } = setup();
    click('tel');
    expect(click('sip')).not.toHaveBeenCalled();
    expect(click('web')).not.toHaveBeenCalled();
    expect(click('plain')).not.toHaveBeenCalled();
    expect(dials).toEqual([{ number: '+44-20-7946-0000', source: 'tel-link' }]);
  });

  it('leaves tel links to the browser when telLinks is off, but still handles our links', () => {
    const { click, dials } = setup(false);
    expect(click('tel')).not.toHaveBeenCalled();
    click('ours');
    expect(dials).toEqual([{ number: '+14155550132', source: 'link' }]);
  });

  it('ignores a second click on the same number within 3 s (still cancelling it), not after', () => {
    const { click, dials, advance } = setup();
    click('ours');
    advance(2999);
    expect(click('ours')).toHaveBeenCalled();
    expect(dials).toHaveLength(1);
    click('tel'); // another number is not held back
    expect(dials).toHaveLength(2);
    advance(1);
    click('ours');
    expect(dials).toHaveLength(3);
  });

  describe('before the page settings arrive (start-up)', () => {
    it('holds a trusted click on a tel link, then dials it once the settings say telLinks is on', () => {
      const { click, dials, followed, arrive } = setup(null);
      expect(click('tel')).toHaveBeenCalledTimes(1);
      expect(dials).toEqual([]);
      arrive(true);
      expect(dials).toEqual([{ number: '+44-20-7946-0000', source: 'tel-link' }]);
      expect(followed).toEqual([]);
      // Released once: settings arriving again (a change later) dial nothing more.
      arrive(true);
      expect(dials).toHaveLength(1);
    });

    it('hands the held link to the browser when telLinks is off, and dials nothing', () => {
      const { click, dials, followed, arrive } = setup(null);
      expect(click('forged-tel')).toHaveBeenCalledTimes(1);
      arrive(false);
      expect(dials).toEqual([]);
      expect(followed).toEqual(['forged-tel']);
    });

    it('holds a double click as one call, and keeps the repeat rule afterwards', () => {
      const { click, dials, arrive, advance } = setup(null);
      click('tel');
      advance(100);
      expect(click('tel')).toHaveBeenCalledTimes(1);
      arrive(true);
      expect(dials).toHaveLength(1);
      click('tel');
      expect(dials).toHaveLength(1);
    });

    it('hands the click to the browser after holdMs if the settings never come', () => {
      const { click, dials, followed, timers } = setup(null);
      click('tel');
      expect(timers.map((t) => t.ms)).toEqual([4000]);
      timers[0]!.task();
      expect(followed).toEqual(['tel']);
      expect(dials).toEqual([]);
    });

    it('holds nothing else: untrusted, modified, web and non-numeric sip clicks keep their default', () => {
      const { click, timers, followed, dials, arrive } = setup(null);
      expect(click('tel', { isTrusted: false })).not.toHaveBeenCalled();
      expect(click('tel', { ctrlKey: true })).not.toHaveBeenCalled();
      expect(click('web')).not.toHaveBeenCalled();
      expect(click('sip')).not.toHaveBeenCalled();
      expect(click('forged')).not.toHaveBeenCalled();
      expect(timers).toEqual([]);
      arrive(true);
      expect(followed).toEqual([]);
      expect(dials).toEqual([]);
    });

    it('dials our own links as before (they exist only once the settings did arrive)', () => {
      const { click, dials } = setup(null);
      click('ours');
      expect(dials).toEqual([{ number: '+14155550132', source: 'link' }]);
    });
  });

  it('carries the doubt about a page’s own tel link to the dial request; our own links are never doubted', () => {
    const seen: string[] = [];
    const { click, dials } = setup(true, (link, number) => {
      seen.push(`${link.id} ${number}`);
      return 'hidden';
    });
    click('tel');
    click('ours');
    expect(dials).toEqual([
      { number: '+44-20-7946-0000', source: 'tel-link', doubt: 'hidden' },
      { number: '+14155550132', source: 'link' },
    ]);
    expect(seen).toEqual(['tel +44-20-7946-0000']);
  });
});
