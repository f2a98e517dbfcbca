/**
 * Issue 15, item 1, end to end: a page's own tel: link is the page's word. One real click on an invisible
 * overlay, on a link whose text shows another number, or on a number abroad opens the confirmation window
 * before anything reaches the PBX; an emergency number is never dialled. An ordinary visible link still dials
 * at once (dial.spec.ts).
 */
import type { BrowserContext, Page } from '@playwright/test';
import { test, expect, type Extension } from './support/fixtures';
import type { PageServer } from './support/page-server';
import { answerConfirm, html, openLinked } from './page-helpers';

/** The content script is listening once it has linked the page's own text number. */
const openPage = (context: BrowserContext, pages: PageServer, name: string, body: string): Promise<Page> =>
  openLinked(context, pages, `/tel-guard/${name}.html`, html(body));

/** Clicks Cancel in the confirmation window. */
const cancel = (confirm: Page) => answerConfirm(confirm, 'Cancel');

const US_MAXOTEL = (extension: Extension, sim: import('../sim/server').Simulator) =>
  extension.setSettings({ ...sim.settingsFor('maxotel'), dialing: { defaultCountry: 'US' } });

test('an invisible tel: overlay over the whole page: the click anywhere asks first, and Cancel places no call', async ({
  context,
  extension,
  pages,
  sim,
}) => {
  await US_MAXOTEL(extension, sim);
  const page = await openPage(
    context,
    pages,
    'overlay',
    `<p>Our office: +1 415-555-0132</p><p id="article">Read our article about spring.</p>
     <a href="tel:+12684641234" style="position:fixed;inset:0;opacity:0;z-index:9">+1 268 464 1234</a>`,
  );
  const confirmPage = context.waitForEvent('page', (p) => p.url().includes('/confirm.html'));
  await page.mouse.click(200, 300);
  const confirm = await confirmPage;
  await expect(confirm.getByRole('heading')).toHaveText('Call a number the page hid?');
  await expect(confirm.getByTestId('confirm-number')).toHaveText('+1 268 464 1234');
  await expect(confirm.getByTestId('confirm-reason')).toContainText('invisible');
  await cancel(confirm);
  await page.waitForTimeout(300);
  expect(sim.requestsFor('maxotel')).toHaveLength(0);
});

test('a tel: link whose text does not show its number asks first', async ({ context, extension, pages, sim }) => {
  await US_MAXOTEL(extension, sim);
  const page = await openPage(
    context,
    pages,
    'text-differs',
    `<p>Our office: +1 415-555-0132</p><p><a id="call" href="tel:+14155550177">Call +1 415-555-0132</a></p>`,
  );
  const confirmPage = context.waitForEvent('page', (p) => p.url().includes('/confirm.html'));
  await page.click('#call');
  const confirm = await confirmPage;
  await expect(confirm.getByRole('heading')).toHaveText('Call a number the link does not show?');
  await expect(confirm.getByTestId('confirm-number')).toHaveText('+1 415 555 0177');
  await cancel(confirm);
  expect(sim.requestsFor('maxotel')).toHaveLength(0);
});

test('a visible tel: link to a number abroad (+1 268, Antigua) asks first, naming the country', async ({
  context,
  extension,
  pages,
  sim,
}) => {
  await US_MAXOTEL(extension, sim);
  const page = await openPage(
    context,
    pages,
    'abroad',
    `<p>Our office: +1 415-555-0132</p><p><a id="call" href="tel:+12684641234">+1 (268) 464-1234</a></p>`,
  );
  const confirmPage = context.waitForEvent('page', (p) => p.url().includes('/confirm.html'));
  await page.click('#call');
  const confirm = await confirmPage;
  await expect(confirm.getByRole('heading')).toHaveText('Call a number abroad?');
  await expect(confirm.getByTestId('confirm-reason')).toContainText('Antigua');
  await cancel(confirm);
  expect(sim.requestsFor('maxotel')).toHaveLength(0);
});

test('an emergency tel: link is never dialled and no confirmation is offered', async ({
  context,
  extension,
  pages,
  sim,
}) => {
  await US_MAXOTEL(extension, sim);
  const page = await openPage(
    context,
    pages,
    'emergency',
    `<p>Our office: +1 415-555-0132</p><p><a id="call" href="tel:911">911</a></p>`,
  );
  const opened: string[] = [];
  context.on('page', (p) => opened.push(p.url()));
  await page.click('#call');
  await expect
    .poll(async () =>
      Object.keys(await extension.evaluate(() => chrome.notifications.getAll() as Promise<object>, null)),
    )
    .toHaveLength(1);
  await page.waitForTimeout(300);
  expect(opened.filter((u) => u.includes('/confirm.html'))).toEqual([]);
  expect(sim.requestsFor('maxotel')).toHaveLength(0);
});
