import { describe, expect, it } from 'vitest';
import { dialValue } from './segments';
import { setup } from '@/tests/unit/support/linker-page';

describe('segments: a text node split around its numbers', () => {
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
});

describe('dialValue', () => {
  it('is E.164 plus ;ext=N, and refuses anything else', () => {
    expect(dialValue({ start: 0, end: 1, e164: '+14155550132' })).toBe('+14155550132');
    expect(dialValue({ start: 0, end: 1, e164: '+14155550132', ext: '204' })).toBe('+14155550132;ext=204');
    expect(dialValue({ start: 0, end: 1, e164: '14155550132' })).toBeNull();
    expect(dialValue({ start: 0, end: 1, e164: '+14155550132', ext: '2a' })).toBeNull();
  });
});
