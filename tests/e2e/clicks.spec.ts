/**
 * Clicks (design.md, "The page contract"): trusted clicks on our links and on real tel:/callto:/sip: links
 * send one dial and cancel the default; modifier clicks, forged elements, synthetic clicks, page messages and
 * quick repeats do not dial.
 */
import type { Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import {
  dialsReceived,
  html,
  openUnlinked,
  openWithSettings,
  recordDials,
  settingsWith,
  usDial,
  warmUp,
  type Browsing,
} from './page-helpers';

const BODY = `
<p>Our office: <span id="office">+1 415-555-0132</span>, support +1 415-555-0133 x204.</p>
<p><a id="tel" href="tel:+44-20-7946-0000">London +44 20 7946 0000</a> <a id="callto" href="callto://+4930123456">Berlin 030 123456</a>
<a id="sip" href="sip:+14155550150@pbx.example;user=phone">SIP (415) 555-0150</a> <a id="sip-name" href="sip:alice@pbx.example">Alice</a></p>
<p><a id="forged" href="https://example.com/" data-pbx-dial="+19005550000">+1 900-555-0000</a></p>
<script>
  // Records, after the content script, whether each click's default action was cancelled.
  window.prevented = [];
  document.addEventListener('click', (e) => { window.prevented.push(e.defaultPrevented); e.preventDefault(); });
</script>`;

/**
 * Stores the page settings (`telLinks` on or off), records the dials the background receives from then on, and
 * opens the page once the content script has made its two links (the forged one is the page's own).
 */
async function open(browsing: Browsing, telLinks = true): Promise<Page> {
  await recordDials(browsing.extension);
  return openWithSettings(browsing, settingsWith({ telLinks }), `/clicks/page-${telLinks}.html`, html(BODY), {
    selector: 'a[data-pbx-dial]:not(#forged)',
    links: 2,
  });
}

const ours = (page: Page, n = 0) => page.locator('a[data-pbx-dial]:not(#forged)').nth(n);
const prevented = (page: Page) => page.evaluate(() => (window as unknown as { prevented: boolean[] }).prevented);

test('a click on our link sends one dial with the page country and cancels the default', async ({
  context,
  extension,
  pages,
}) => {
  const page = await open({ context, extension, pages });
  await ours(page, 1).click();
  await expect.poll(() => dialsReceived(extension)).toEqual([usDial('+14155550133;ext=204')]);
  expect(await prevented(page)).toEqual([true]);
});

test('Enter on a focused link dials too', async ({ context, extension, pages }) => {
  const page = await open({ context, extension, pages });
  await ours(page).focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => dialsReceived(extension)).toEqual([usDial('+14155550132')]);
});

test('tel:, callto: and numeric sip: links dial when telLinks is on; a named sip: link does not', async ({
  context,
  extension,
  pages,
}) => {
  const page = await open({ context, extension, pages });
  await page.click('#tel');
  await page.click('#callto');
  await page.click('#sip-name');
  await page.click('#sip');
  await expect
    .poll(() => dialsReceived(extension))
    .toEqual([
      usDial('+44-20-7946-0000', 'tel-link'),
      usDial('+4930123456', 'tel-link'),
      usDial('+14155550150', 'tel-link'),
    ]);
  expect(await prevented(page)).toEqual([true, true, false, true]);
});

test('with telLinks off, tel links keep the browser behaviour while our links still dial', async ({
  context,
  extension,
  pages,
}) => {
  const page = await open({ context, extension, pages }, false);
  await page.click('#tel');
  await ours(page).click();
  await expect.poll(() => dialsReceived(extension)).toEqual([usDial('+14155550132')]);
  expect(await prevented(page)).toEqual([false, true]);
});

test('with linkify off, tel links still dial', async ({ context, extension, pages }) => {
  await extension.setSettings(settingsWith());
  await warmUp(context, pages, extension);
  await extension.setSettings(settingsWith({ linkify: false }));
  await recordDials(extension);
  const page = await openUnlinked(context, pages, '/clicks/nolinkify.html', html(BODY));
  await page.waitForTimeout(800);
  expect(await page.locator('a[data-pbx-dial]:not(#forged)').count()).toBe(0);
  await page.click('#tel');
  await expect.poll(() => dialsReceived(extension)).toEqual([usDial('+44-20-7946-0000', 'tel-link')]);
});

test('modifier and middle clicks keep the browser behaviour', async ({ context, extension, pages }) => {
  const page = await open({ context, extension, pages });
  for (const modifier of ['Control', 'Shift', 'Alt', 'Meta'] as const)
    await ours(page).click({ modifiers: [modifier] });
  await page.click('#tel', { modifiers: ['Shift'] });
  await ours(page).click({ button: 'middle' });
  expect(await prevented(page)).toEqual([false, false, false, false, false]);
  // A plain click afterwards is the only dial.
  await ours(page, 1).click();
  await expect.poll(() => dialsReceived(extension)).toHaveLength(1);
  expect((await dialsReceived(extension))[0]!.number).toBe('+14155550133;ext=204');
});

test('forged elements, synthetic clicks and page messages never dial', async ({ context, extension, pages }) => {
  const page = await open({ context, extension, pages });
  await page.click('#forged');
  await page.evaluate(() => {
    const link = document.querySelectorAll('a[data-pbx-dial]:not(#forged)')[0] as HTMLAnchorElement;
    link.click();
    link.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, composed: true }));
    (document.getElementById('tel') as HTMLAnchorElement).click();
    window.postMessage({ type: 'dial', number: '+19005550000', source: 'link' }, '*');
    // A page rewriting our link's attributes does not change what it dials.
    link.setAttribute('data-pbx-dial', '+19005550000');
    link.setAttribute('href', 'tel:+19005550000');
  });
  await ours(page).click();
  await expect.poll(() => dialsReceived(extension)).toHaveLength(1);
  await page.waitForTimeout(300);
  expect(await dialsReceived(extension)).toEqual([usDial('+14155550132')]);
});

test('a second click on the same number within 3 s is ignored; another number is not', async ({
  context,
  extension,
  pages,
}) => {
  const page = await open({ context, extension, pages });
  await ours(page).dblclick();
  await ours(page).click();
  await ours(page, 1).click();
  await expect.poll(() => dialsReceived(extension)).toHaveLength(2);
  await page.waitForTimeout(300);
  expect((await dialsReceived(extension)).map((d) => d.number)).toEqual(['+14155550132', '+14155550133;ext=204']);
  // Every one of those clicks was claimed, so none fell through to the OS tel: handler.
  expect(await prevented(page)).toEqual([true, true, true, true]);
});

test('links inside an open shadow root are made, styled and dial', async ({ context, extension, pages }) => {
  await extension.setSettings(settingsWith());
  await recordDials(extension);
  const page = await openUnlinked(
    context,
    pages,
    '/clicks/shadow.html',
    html(`<div id="host"></div><script>
        const root = document.getElementById('host').attachShadow({ mode: 'open' });
        const p = document.createElement('p'); p.textContent = 'Desk: +1 415-555-0140'; root.append(p);
      </script>`),
  );
  const link = page.locator('#host a[data-pbx-dial]');
  await expect(link).toHaveAttribute('data-pbx-dial', '+14155550140');
  expect(await link.evaluate((a) => getComputedStyle(a).textDecorationStyle)).toBe('dotted');
  await link.click();
  await expect.poll(() => dialsReceived(extension)).toEqual([usDial('+14155550140')]);
});
