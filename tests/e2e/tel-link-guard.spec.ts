/**
 * Issue 15, item 1, end to end: a page's own tel: link is the page's word. One real click on an invisible
 * overlay, on a link under a layer that paints over it and lets the click through, on a link whose text shows
 * another number, or on a number abroad opens the confirmation window before anything reaches the PBX; an
 * emergency number is never dialled. An ordinary visible link, and one under a transparent layer, still dial at
 * once (dial.spec.ts and below).
 */
import type { BrowserContext, Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import {
  answerConfirm,
  confirmWindowAfter,
  expectRequestsStay,
  html,
  openLinked,
  settledEntry,
  usMaxotel,
  type ProviderRun,
} from './page-helpers';

/** The page's own text number: the content script is listening once it has linked it. */
const OFFICE = '<p>Our office: +1 415-555-0132</p>';

/** Stores the MaxoTel settings of a US user and opens `/tel-guard/<name>.html` with `body` after {@link OFFICE}. */
async function openPage({ context, extension, pages, sim }: ProviderRun, name: string, body: string): Promise<Page> {
  await extension.setSettings(usMaxotel(sim));
  return openLinked(context, pages, `/tel-guard/${name}.html`, html(`${OFFICE}${body}`));
}

/** Records the windows the browser opens from now on: the confirmation windows among them, when asked. */
function confirmWindowsFrom(context: BrowserContext): () => string[] {
  const opened: string[] = [];
  context.on('page', (p) => opened.push(p.url()));
  return () => opened.filter((u) => u.includes('/confirm.html'));
}

/** A tel: link one real click on which opens the confirmation window first, and what that window says. */
interface AsksFirst {
  name: string;
  /** The fixture page's name and the markup after {@link OFFICE}. */
  page: string;
  body: string;
  click(page: Page): Promise<void>;
  heading: string;
  number?: string;
  reason?: string;
}

const ASKS_FIRST: AsksFirst[] = [
  {
    name: 'an invisible tel: overlay over the whole page: the click anywhere asks first, and Cancel places no call',
    page: 'overlay',
    body: `<p id="article">Read our article about spring.</p>
     <a href="tel:+12684641234" style="position:fixed;inset:0;opacity:0;z-index:9">+1 268 464 1234</a>`,
    click: (page) => page.mouse.click(200, 300),
    heading: 'Call a number the page hid?',
    number: '+1 268 464 1234',
    reason: 'invisible',
  },
  {
    name: 'a tel: link under a layer that shows something else and lets clicks through (pointer-events: none) asks first',
    page: 'covered',
    body: `<p><a id="call" href="tel:+14155550177">+1 415-555-0177</a></p>
     <div style="position:fixed;inset:0;background:#fff;pointer-events:none;z-index:9"><p>Spring sale: click anywhere</p></div>`,
    click: (page) => page.click('#call'),
    heading: 'Call a number the page covered?',
    number: '+1 415 555 0177',
    reason: 'showed something else over the phone link',
  },
  {
    name: 'a tel: link whose text does not show its number asks first',
    page: 'text-differs',
    body: `<p><a id="call" href="tel:+14155550177">Call +1 415-555-0132</a></p>`,
    click: (page) => page.click('#call'),
    heading: 'Call a number the link does not show?',
    number: '+1 415 555 0177',
  },
  {
    name: 'a visible tel: link to a number abroad (+1 268, Antigua) asks first, naming the country',
    page: 'abroad',
    body: `<p><a id="call" href="tel:+12684641234">+1 (268) 464-1234</a></p>`,
    click: (page) => page.click('#call'),
    heading: 'Call a number abroad?',
    reason: 'Antigua',
  },
];

for (const c of ASKS_FIRST) {
  test(c.name, async ({ context, extension, pages, sim }) => {
    const page = await openPage({ context, extension, pages, sim }, c.page, c.body);
    const confirm = await confirmWindowAfter(context, () => c.click(page));
    await expect(confirm.getByRole('heading')).toHaveText(c.heading);
    if (c.number) await expect(confirm.getByTestId('confirm-number')).toHaveText(c.number);
    if (c.reason) await expect(confirm.getByTestId('confirm-reason')).toContainText(c.reason);
    await answerConfirm(confirm, 'Cancel');
    await expectRequestsStay(page, sim, 0);
  });
}

test('a transparent layer over the page that lets clicks through (a toast container) leaves a tel: link to dial at once', async ({
  context,
  extension,
  pages,
  sim,
}) => {
  const page = await openPage(
    { context, extension, pages, sim },
    'toast-layer',
    `<p><a id="call" href="tel:+14155550177">+1 415-555-0177</a></p>
     <div style="position:fixed;inset:0;pointer-events:none;z-index:9">
       <div style="position:absolute;right:0;bottom:0;background:#333;color:#fff">Saved</div>
     </div>`,
  );
  const confirmWindows = confirmWindowsFrom(context);
  await page.click('#call');
  expect(await settledEntry(extension)).toMatchObject({ result: 'queued', source: 'tel-link', number: '+14155550177' });
  expect(confirmWindows()).toEqual([]);
});

test('an emergency tel: link is never dialled and no confirmation is offered', async ({
  context,
  extension,
  pages,
  sim,
}) => {
  const confirmWindows = confirmWindowsFrom(context);
  const page = await openPage(
    { context, extension, pages, sim },
    'emergency',
    `<p><a id="call" href="tel:911">911</a></p>`,
  );
  await page.click('#call');
  await expect
    .poll(async () =>
      Object.keys(await extension.evaluate(() => chrome.notifications.getAll() as Promise<object>, null)),
    )
    .toHaveLength(1);
  await expectRequestsStay(page, sim, 0);
  expect(confirmWindows()).toEqual([]);
});
