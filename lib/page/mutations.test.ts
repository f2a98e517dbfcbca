import { describe, expect, it } from 'vitest';
import { dials, setup } from '@/tests/unit/support/linker-page';

/** Lets the mutation observer's microtask run, then the tasks it scheduled. */
async function settled(runAll: () => void): Promise<void> {
  await Promise.resolve();
  runAll();
}

// linkedom reports a write to a text node's data as a childList record of its parent, not as characterData:
// what the page does inside our links and to one piece of a split number is tested in Chromium
// (tests/e2e/dynamic.spec.ts).
describe('mutations: the page changes what we linked', () => {
  it('unlinks a text node the page rewrote, keeps the page’s text and links its new number', async () => {
    const { document, linker, runAll } = setup('<p id="p">Call +1 415 555 0132 now</p>');
    linker.start();
    runAll();
    const p = document.getElementById('p')!;
    const t = p.firstChild as Text;
    t.data = 'Call +1 415 555 0199 today';
    await settled(runAll);
    expect(p.textContent).toBe('Call +1 415 555 0199 today');
    expect(p.firstChild).toBe(t);
    expect(dials(document)).toEqual(['+14155550199']);
  });

  it('removes our nodes with the text node the page removed', async () => {
    const { document, linker, runAll } = setup('<p id="p">Call +1 415 555 0132 now<b>!</b></p>');
    linker.start();
    runAll();
    const p = document.getElementById('p')!;
    p.removeChild(p.firstChild!);
    await settled(runAll);
    expect(p.childNodes.length).toBe(1);
    expect(p.textContent).toBe('!');
  });

  it('gives a text node the page moved its full text back, and links it where it now is', async () => {
    const { document, linker, runAll } = setup('<p id="a">Call +1 415 555 0132 now</p><p id="b"></p>');
    linker.start();
    runAll();
    const t = document.getElementById('a')!.firstChild as Text;
    document.getElementById('b')!.appendChild(t);
    await settled(runAll);
    expect(document.getElementById('a')!.textContent).toBe('');
    expect(document.getElementById('b')!.textContent).toBe('Call +1 415 555 0132 now');
    expect(document.getElementById('b')!.firstChild).toBe(t);
    expect(dials(document)).toEqual(['+14155550132']);
  });

  it('unlinks what becomes editable', async () => {
    const { document, linker, runAll } = setup('<div id="d"><p>Call +1 415 555 0132</p></div>');
    linker.start();
    runAll();
    document.getElementById('d')!.setAttribute('contenteditable', 'true');
    await settled(runAll);
    expect(dials(document)).toEqual([]);
    expect(document.getElementById('d')!.textContent).toBe('Call +1 415 555 0132');
  });

  it('takes our links out of an <a> the page gives an href, and links one that loses its href', async () => {
    const { document, linker, runAll } = setup(
      '<ul><li><a id="menu">+1 415 555 0132</a></li><li><a id="real" href="/contact">+1 415 555 0133</a></li></ul>',
    );
    linker.start();
    runAll();
    expect(dials(document)).toEqual(['+14155550132']);
    const menu = document.getElementById('menu')!;
    menu.setAttribute('href', '/call');
    await settled(runAll);
    expect(dials(document)).toEqual([]);
    expect(menu.textContent).toBe('+1 415 555 0132');
    expect(menu.children.length).toBe(0);
    document.getElementById('real')!.removeAttribute('href');
    await settled(runAll);
    expect(dials(document)).toEqual(['+14155550133']);
  });
});
