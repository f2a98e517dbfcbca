import { describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { displayNumber, linkTitle, titleOnDemand } from './title';

const message = (number: string) => `Call ${number} with your PBX`;

describe('link titles', () => {
  it('shows the number in international form, with its extension', () => {
    expect(displayNumber('+14155550132')).toMatch(/^\+1 415/);
    expect(displayNumber('+14155550132;ext=204')).toMatch(/ ext\. 204$/);
    expect(linkTitle('+442079460958', message)).toMatch(/^Call \+44 .*958 with your PBX$/);
  });

  it('titles one of our links when it is pointed at, and nothing else', () => {
    const { document } = parseHTML('<p><a id="ours"><b id="inner">x</b></a><a id="page" href="/x">y</a></p>');
    const ours = document.getElementById('ours')!;
    const page = document.getElementById('page')!;
    const links = new WeakMap<Element, string>([[ours, '+14155550132']]);
    const give = titleOnDemand(links, message);
    const pointAt = (...path: Element[]) => give({ composedPath: () => path } as unknown as Event);

    pointAt(page, page.parentElement!);
    expect(page.hasAttribute('title')).toBe(false);
    pointAt(document.getElementById('inner')!, ours, ours.parentElement!);
    expect(ours.getAttribute('title')).toMatch(/^Call \+1 415.*0132 with your PBX$/);
    // Made once: a title the link already has is kept.
    ours.setAttribute('title', 'kept');
    pointAt(ours);
    expect(ours.getAttribute('title')).toBe('kept');
  });
});
