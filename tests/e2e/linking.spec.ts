/**
 * Linking (issue 3, "The page"): the contract markup around untouched text, extensions, the regions that are
 * never changed, blocked sites, `pages.linkify` off, settings changes applied to an open page, no layout shift.
 */
import type { Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import {
  html,
  linkedNumbers,
  openLinked,
  openUnlinked,
  openWithSettings,
  type Browsing,
  type OpenOptions,
  settingsWith,
  urlOn,
  warmUp,
} from './page-helpers';

/** Stores the default page settings and opens `document` as `/linking/<name>.html`, once its links are there. */
const openLinking = (browsing: Browsing, name: string, document: string, options: OpenOptions): Promise<Page> =>
  openWithSettings(browsing, settingsWith(), `/linking/${name}.html`, document, options);

const TEXT = 'Sales: +1 415-555-0132 or +1 415-555-0133 ext. 204, any time.';

test('wraps numbers in the contract markup without changing the visible text', async ({
  context,
  extension,
  pages,
}) => {
  const doc = html(`<p id="p">${TEXT}</p>`);
  const page = await openLinking({ context, extension, pages }, 'contract', doc, { links: 2 });
  // Titles are made when a person points at or focuses a link.
  await page.locator('a[data-pbx-dial]').first().hover();
  await page.locator('a[data-pbx-dial]').nth(1).focus();
  const links = await page.$$eval('a[data-pbx-dial]', (as) =>
    as.map((a) => ({
      href: a.getAttribute('href'),
      dial: a.getAttribute('data-pbx-dial'),
      text: a.textContent,
      title: a.getAttribute('title'),
      attributes: a.getAttributeNames().sort(),
    })),
  );
  expect(links).toEqual([
    {
      href: 'tel:+14155550132',
      dial: '+14155550132',
      text: '+1 415-555-0132',
      title: expect.stringMatching(/^Call \+1 415.*0132 with your PBX$/),
      attributes: ['data-pbx-dial', 'href', 'title'],
    },
    {
      href: 'tel:+14155550133;ext=204',
      dial: '+14155550133;ext=204',
      text: '+1 415-555-0133 ext. 204',
      title: expect.stringMatching(/^Call \+1 415.*0133 ext\. 204 with your PBX$/),
      attributes: ['data-pbx-dial', 'href', 'title'],
    },
  ]);
  expect(await page.locator('#p').textContent()).toBe(TEXT);
  // Native look: the page's font and colour, a dotted underline, no box of its own (pointer moved away:
  // a hovered link's underline turns solid).
  await page.mouse.move(0, 0);
  const look = await page.$eval('a[data-pbx-dial]', (a) => {
    const s = getComputedStyle(a);
    const p = getComputedStyle(a.parentElement!);
    return {
      color: s.color === p.color,
      font: s.font === p.font,
      underline: s.textDecorationLine,
      style: s.textDecorationStyle,
      display: s.display,
      padding: s.padding,
    };
  });
  expect(look).toEqual({
    color: true,
    font: true,
    underline: 'underline',
    style: 'dotted',
    display: 'inline',
    padding: '0px',
  });
});

test('links the first screen of a page still arriving as soon as it is parsed, before its first full layout', async ({
  context,
  extension,
  pages,
  pageErrors,
}) => {
  await extension.setSettings(settingsWith());
  await warmUp(context, pages, extension);
  const page = await context.newPage();
  const rows = Array.from({ length: 2000 }, (_, i) => `<li>Agent ${i}: +1 415-555-${1000 + i}</li>`);
  // The page's own DOMContentLoaded listener runs after the content script's (registered at document_start).
  const probe = `<script>document.addEventListener('DOMContentLoaded', () => {
    window.linkedAtDcl = document.querySelectorAll('li:nth-child(-n+20) a[data-pbx-dial]').length;
  });</script>`;
  const body = html(`<ul>${rows.join('')}</ul>`, probe);
  // The first rows arrive, the rest a moment later: the linking part loads while the page is parsed.
  const url = pages.add('/linking/streamed.html', body, undefined, { at: body.indexOf('Agent 200:'), pauseMs: 800 });
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  expect(await page.evaluate(() => (window as unknown as { linkedAtDcl: number }).linkedAtDcl)).toBe(20);
  expect(pageErrors).toEqual([]);
});

test('links a number the page split across inline elements once, dialling the whole number', async ({
  context,
  extension,
  pages,
}) => {
  const card = '<p id="p">Direct: <span class="cc">+44</span> <span class="nsn">20 7946 0123</span> (London)</p>';
  const page = await openLinking({ context, extension, pages }, 'split', html(card), { links: 1 });
  // One British number, not "20 7946 0123" read as an American one; the page's spans and text stay as they were.
  expect(await linkedNumbers(page)).toEqual(['+442079460123']);
  expect(await page.locator('#p').textContent()).toBe('Direct: +44 20 7946 0123 (London)');
  expect(await page.locator('span.nsn a[data-pbx-dial]').textContent()).toBe('20 7946 0123');
});

test('keeps the look native on pages that style every link, and shows a focus ring', async ({
  context,
  extension,
  pages,
}) => {
  const head =
    '<style>a{color:rgb(255,0,0)!important;display:block;padding:10px;font-weight:bold}p{color:rgb(1,2,3)}</style>';
  const doc = html(`<p>Call +1 415-555-0132 now</p>`, head);
  const page = await openLinking({ context, extension, pages }, 'styled', doc, { links: 1 });
  const link = page.locator('a[data-pbx-dial]');
  const s = await link.evaluate((a) => {
    const c = getComputedStyle(a);
    return { color: c.color, display: c.display, padding: c.padding, weight: c.fontWeight };
  });
  expect(s).toEqual({ color: 'rgb(1, 2, 3)', display: 'inline', padding: '0px', weight: '400' });
  await page.keyboard.press('Tab');
  await expect(link).toBeFocused();
  expect(await link.evaluate((a) => getComputedStyle(a).outlineStyle)).toBe('solid');
});

test('never changes editable regions, code, links, buttons or svg text', async ({ context, extension, pages }) => {
  const n = (i: number) => `+1 415-555-01${String(i).padStart(2, '0')}`;
  const body = [
    `<input value="${n(1)}">`,
    `<textarea>${n(2)}</textarea>`,
    `<div contenteditable="true"><p>${n(3)}</p></div>`,
    `<div contenteditable="plaintext-only">${n(4)}</div>`,
    `<script>window.x = "${n(5)}";</script>`,
    `<style>/* ${n(6)} */</style>`,
    `<noscript>${n(7)}</noscript>`,
    `<template><p>${n(8)}</p></template>`,
    `<a href="https://example.com/">${n(9)}</a>`,
    `<button>${n(10)}</button>`,
    `<svg width="200" height="20"><text x="0" y="15">${n(11)}</text></svg>`,
    `<div role="textbox">${n(12)}</div>`,
    `<p id="control">${n(99)}</p>`,
  ].join('\n');
  const doc = html(body).replace('<title>fixture</title>', `<title>${n(13)}</title>`);
  const page = await openLinking({ context, extension, pages }, 'skip', doc, {
    selector: '#control a[data-pbx-dial]',
    links: 1,
  });
  expect(await linkedNumbers(page)).toEqual(['+14155550199']);
  expect(await page.title()).toBe(n(13));
  expect(await page.locator('textarea').inputValue()).toBe(n(2));
});

test('leaves a document in designMode alone', async ({ context, extension, pages }) => {
  pages.add('/linking/design-mode.html', html('<p>+1 415-555-0132</p><script>document.designMode = "on";</script>'));
  // The frame is the control: a normal document beside the one in designMode.
  const top = html('<p>+1 415-555-0199</p><iframe src="/linking/design-mode.html"></iframe>');
  const page = await openLinking({ context, extension, pages }, 'design-mode-top', top, { links: 1 });
  await page.waitForTimeout(500);
  expect(await page.frameLocator('iframe').locator('a').count()).toBe(0);
  expect(await page.frameLocator('iframe').locator('p').textContent()).toBe('+1 415-555-0132');
});

test('reads national numbers with the country the page implies (TLD, lang)', async ({ context, extension, pages }) => {
  const doc = html('<p>Telefon: 030 12345678</p>', '', 'de');
  // The user's own country is the US (settingsWith's default): the page's .de host and lang say Germany.
  const page = await openLinking({ context, extension, pages }, 'de', doc, { host: 'shop.example.de', links: 1 });
  expect(await linkedNumbers(page)).toEqual(['+493012345678']);
});

test('leaves blocked sites untouched', async ({ context, extension, pages }) => {
  await extension.setSettings(settingsWith({ blockedSites: ['*.bank.example'] }));
  const path = '/linking/blocked.html';
  pages.add(path, html('<p>+1 415-555-0132</p>'));
  const blocked = await context.newPage();
  await blocked.goto(urlOn(pages, 'www.bank.example', path));
  // The control: the same page on another site, opened after the blocked one and linked.
  await openLinked(context, pages, path, html('<p>+1 415-555-0132</p>'), { host: 'shop.example.com', links: 1 });
  expect(await linkedNumbers(blocked)).toEqual([]);
});

test('links nothing when pages.linkify is off', async ({ context, extension, pages }) => {
  await extension.setSettings(settingsWith());
  await warmUp(context, pages, extension);
  await extension.setSettings(settingsWith({ linkify: false }));
  await expect
    .poll(() => extension.storage<{ pages: { linkify: boolean } }>('settings').then((s) => s?.pages.linkify))
    .toBe(false);
  const page = await openUnlinked(context, pages, '/linking/off.html', html('<p>+1 415-555-0132</p>'));
  await page.waitForTimeout(800);
  expect(await linkedNumbers(page)).toEqual([]);
});

test('applies settings changes to an open page: off, blocked, on again, without a reload and without layout shift', async ({
  context,
  extension,
  pages,
}) => {
  await extension.setSettings(settingsWith({ linkify: false }));
  const page = await context.newPage();
  const path = '/linking/live.html';
  pages.add(path, html(`<p id="p" style="width:20em">${TEXT}</p><p id="q">Fax +1 415-555-0134</p>`));
  await page.goto(urlOn(pages, 'crm.example.com', path));
  await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
  // Where each line of the paragraph starts and ends, and the paragraph's box: linking must not move them.
  const box = () =>
    page.evaluate(() => {
      const p = document.getElementById('p')!;
      const range = document.createRange();
      range.selectNodeContents(p);
      const lines = new Map<number, [number, number]>();
      for (const r of Array.from(range.getClientRects())) {
        const key = Math.round(r.top);
        const [left, right] = lines.get(key) ?? [Infinity, -Infinity];
        lines.set(key, [Math.min(left, Math.round(r.left)), Math.max(right, Math.round(r.right))]);
      }
      const b = p.getBoundingClientRect();
      return { lines: [...lines.entries()], p: [b.width, b.height] };
    });
  const unlinked = await box();
  const bodyBefore = await page.locator('body').evaluate((b) => b.textContent);

  await extension.setSettings(settingsWith({ linkify: true }));
  await expect(page.locator('a[data-pbx-dial]')).toHaveCount(3);
  expect(await box()).toEqual(unlinked);

  await extension.setSettings(settingsWith({ linkify: true, blockedSites: ['crm.example.com'] }));
  await expect(page.locator('a[data-pbx-dial]')).toHaveCount(0);
  // The page's nodes are as they were: one text node per paragraph again.
  expect(await page.$eval('#p', (p) => p.childNodes.length)).toBe(1);
  expect(await page.locator('body').evaluate((b) => b.textContent)).toBe(bodyBefore);

  await extension.setSettings(settingsWith({ linkify: true }));
  await expect(page.locator('a[data-pbx-dial]')).toHaveCount(3);
  await extension.setSettings(settingsWith({ linkify: false }));
  await expect(page.locator('a[data-pbx-dial]')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { marker: number }).marker)).toBe(42);
});
