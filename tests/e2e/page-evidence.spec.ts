/**
 * Real web pages lie about themselves (issue 10): each number is read in the first country the page's evidence
 * allows, not in the one its `lang` claims. Pages shaped like CMS templates, through the built extension.
 */
import type { Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import {
  html,
  linkedNumbers,
  openWithSettings,
  settingsWith,
  urlOn,
  type Browsing,
  type OpenOptions,
} from './page-helpers';

/** Stores the default page settings and opens `document` as `/evidence/<name>.html`, once its links are there. */
const openEvidence = (browsing: Browsing, name: string, document: string, options: OpenOptions): Promise<Page> =>
  openWithSettings(browsing, settingsWith(), `/evidence/${name}.html`, document, options);

test("a lang copied from a template does not veto numbers valid for the user's country or the host", async ({
  context,
  extension,
  pages,
}) => {
  const body =
    '<header><div class="top-bar">Give us a call: 206-588-2075</div></header>' +
    '<footer><p>phone: 510-440-1800 | fax: 510-440-1526</p></footer>';
  const doc = html(body, '', 'en-gb');
  const page = await openEvidence({ context, extension, pages }, 'us-en-gb', doc, {
    host: 'www.acme-plumbing.com',
    links: 3,
  });
  expect(await linkedNumbers(page)).toEqual(['+12065882075', '+15104401800', '+15104401526']);

  // An Australian .com.au site on the same template: the TLD's country first.
  pages.add('/evidence/au-en-gb.html', html('<p>Call 1300 346 227</p>', '', 'en-GB'));
  await page.goto(urlOn(pages, 'www.example-hardware.com.au', '/evidence/au-en-gb.html'));
  await expect(page.locator('a[data-pbx-dial]')).toHaveCount(1);
  expect(await linkedNumbers(page)).toEqual(['+611300346227']);
});

test('a UK firm on .com without lang: its numbers read as British from its address', async ({
  context,
  extension,
  pages,
}) => {
  const body =
    '<nav><ul><li>Call 0207 515 7774</li></ul></nav>' +
    '<address>12 Canada Square, London E14 5AB, United Kingdom<br>Mobile 07535 657 161<br>Freephone 0800 44 88 622</address>';
  const doc = `<!doctype html><html><head><meta charset="utf-8"><title>Contact</title></head><body>${body}</body></html>`;
  const page = await openEvidence({ context, extension, pages }, 'uk-no-lang', doc, {
    host: 'www.harcourt-example.com',
    links: 3,
  });
  expect(await linkedNumbers(page)).toEqual(['+442075157774', '+447535657161', '+448004488622']);
});

test('links a number inside an <a> without href, never inside a real link', async ({ context, extension, pages }) => {
  const body =
    '<ul class="menu"><li><a>(855) 733-6736</a></li><li><a href="/contact">Contact Us: 619.534.4000</a></li></ul>';
  const doc = html(body, '', 'en-US');
  const page = await openEvidence({ context, extension, pages }, 'a-without-href', doc, { links: 1 });
  expect(await linkedNumbers(page)).toEqual(['+18557336736']);
  // The real link is left as the page made it.
  expect(await page.locator('a[href="/contact"]').innerHTML()).toBe('Contact Us: 619.534.4000');
});

test('links vanity numbers with their keypad digits, one link when the digits stand beside them', async ({
  context,
  extension,
  pages,
}) => {
  const body =
    '<p>Order at 1-800-FLOWERS or call 303.333.PAUL.</p><p>Free consultation: 1-888-LAW-FIRM (1-888-529-3476)</p>';
  const doc = html(body, '', 'en-US');
  const page = await openEvidence({ context, extension, pages }, 'vanity', doc, { links: 3 });
  expect(await linkedNumbers(page)).toEqual(['+18003569377', '+13033337285', '+18885293476']);
  expect(await page.locator('a[data-pbx-dial="+18885293476"]').textContent()).toBe('1-888-LAW-FIRM (1-888-529-3476)');
});

test("never links a number the country it is read in does not have; the page's +CC numbers say which", async ({
  context,
  extension,
  pages,
}) => {
  await extension.setSettings(settingsWith());
  const page = await context.newPage();
  // An Australian firm's .com page: alone, "(02)9191-8364" is no American number (it was +10291918364).
  pages.add('/evidence/au-alone.html', html('<p>Tel (02)9191-8364</p>', '', 'en'));
  await page.goto(urlOn(pages, 'www.harbourfirm.com', '/evidence/au-alone.html'));
  await page.waitForTimeout(500);
  expect(await linkedNumbers(page)).toEqual([]);
  // With its international number elsewhere on the page, it is read as Australian.
  pages.add(
    '/evidence/au-with-cc.html',
    html('<p>Tel (02)9191-8364</p><p>From overseas +61 2 9191 8300</p>', '', 'en'),
  );
  await page.goto(urlOn(pages, 'www.harbourfirm.com', '/evidence/au-with-cc.html'));
  await expect(page.locator('a[data-pbx-dial]')).toHaveCount(2);
  expect(await linkedNumbers(page)).toEqual(['+61291918364', '+61291918300']);
});
