/**
 * No lost clicks at start-up (issue 11, part 3). In a new profile the content script's settings take seconds
 * to arrive (the background waits for Chrome's first managed-policy read: lib/settings/store.ts). A trusted
 * click on a page's tel: link in that time is held, not left to the operating system's tel: handler, and once
 * the settings arrive it dials (telLinks on) or goes to the browser as the page meant it (telLinks off).
 */
import type { BrowserContext, Page } from '@playwright/test';
import { test, expect, extensionOf, launchWithExtension, type Extension } from './support/fixtures';
import { dialsReceived, html, recordDials, settingsWith } from './page-helpers';

const BODY = `
<p>Office +1 415-555-0132 · London <a id="tel" href="tel:+44-20-7946-0000">+44 20 7946 0000</a></p>
<script>
  // Records, after the content script, whether each click's default action was cancelled (the page itself
  // cancels nothing), and how many numbers were linked at that moment (none: the settings had not arrived).
  window.prevented = [];
  window.linkedAtClick = [];
  document.addEventListener('click', (e) => {
    window.prevented.push(e.defaultPrevented);
    window.linkedAtClick.push(document.querySelectorAll('a[data-pbx-dial]').length);
  });
</script>`;

/** The browser's navigations requested by the page's frame (tel: ones included, which never load). */
async function watchNavigations(context: BrowserContext, page: Page): Promise<string[]> {
  const requested: string[] = [];
  const cdp = await context.newCDPSession(page);
  cdp.on('Page.frameRequestedNavigation', (event) => requested.push(event.url));
  await cdp.send('Page.enable');
  return requested;
}

/**
 * A new profile: the browser just started, the extension just installed. Opens the page and clicks its tel:
 * link as soon as it is there, and returns how long after the browser was up that was (about half a second on
 * an idle machine), and whether the content script had its settings yet (a number in the page's text is linked
 * only once they arrive).
 */
async function clickAtStartUp(
  pagesUrl: string,
  settings?: unknown,
): Promise<{
  context: BrowserContext;
  close: () => Promise<void>;
  extension: Extension;
  page: Page;
  navigations: string[];
  afterLaunchMs: number;
  linkedAtClick: number | undefined;
}> {
  const { context, close } = await launchWithExtension();
  const launched = Date.now();
  const extension = await extensionOf(context);
  await recordDials(extension);
  if (settings) await extension.setSettings(settings);
  const page = await context.newPage();
  const navigations = await watchNavigations(context, page);
  await page.goto(pagesUrl, { waitUntil: 'domcontentloaded' });
  await page.click('#tel');
  const afterLaunchMs = Date.now() - launched;
  // Read at the click by the page's own listener: counted here, after it, the settings may have come meanwhile.
  const [linkedAtClick] = await page.evaluate(() => (window as unknown as { linkedAtClick: number[] }).linkedAtClick);
  return { context, close, extension, page, navigations, afterLaunchMs, linkedAtClick };
}

const prevented = (page: Page) => page.evaluate(() => (window as unknown as { prevented: boolean[] }).prevented);

test('a tel: link clicked before the settings arrive in a new profile is held, then dialled', async ({
  pages,
}, testInfo) => {
  const url = pages.add('/startup/on.html', html(BODY));
  const run = await clickAtStartUp(url);
  try {
    testInfo.annotations.push({ type: 'clicked after launch', description: `${run.afterLaunchMs} ms` });
    console.log(`clicked ${run.afterLaunchMs} ms after the browser was up`);
    // The click came before the settings: nothing on the page was linked yet.
    expect(run.linkedAtClick).toBe(0);
    expect(await prevented(run.page)).toEqual([true]);
    await expect
      .poll(() => dialsReceived(run.extension), { timeout: 10_000 })
      .toEqual([{ type: 'dial', number: '+44-20-7946-0000', source: 'tel-link', country: 'US' }]);
    // The settings did arrive, and the click never reached the browser's tel: handling.
    await expect(run.page.locator('a[data-pbx-dial]')).toHaveCount(1);
    expect(run.navigations.filter((u) => u.startsWith('tel:'))).toEqual([]);
  } finally {
    await run.close();
  }
});

test('with telLinks off, a tel: link clicked before the settings arrive goes to the browser once they do', async ({
  pages,
}, testInfo) => {
  const url = pages.add('/startup/off.html', html(BODY));
  const run = await clickAtStartUp(url, settingsWith({ telLinks: false }));
  try {
    testInfo.annotations.push({ type: 'clicked after launch', description: `${run.afterLaunchMs} ms` });
    console.log(`clicked ${run.afterLaunchMs} ms after the browser was up`);
    expect(run.linkedAtClick).toBe(0);
    expect(await prevented(run.page)).toEqual([true]);
    // Once the settings arrive (the number in the text is linked), the link is followed as the page meant it.
    await expect(run.page.locator('a[data-pbx-dial]')).toHaveCount(1, { timeout: 10_000 });
    await expect.poll(() => run.navigations).toEqual(['tel:+44-20-7946-0000']);
    expect(await dialsReceived(run.extension)).toEqual([]);
  } finally {
    await run.close();
  }
});

test('without the hold, a tel: link click is the browser’s: the page sees it uncancelled (control)', async ({
  context,
  extension,
  pages,
}) => {
  // Settings known (telLinks off): the browser handles the click itself, and the watch sees that navigation, so
  // the empty list in the first test means no navigation, not a watch that sees none.
  await extension.setSettings(settingsWith({ telLinks: false }));
  const page = await context.newPage();
  const navigations = await watchNavigations(context, page);
  await page.goto(pages.add('/startup/control.html', html(BODY)));
  await expect(page.locator('a[data-pbx-dial]')).toHaveCount(1, { timeout: 10_000 });
  await page.click('#tel');
  expect(await prevented(page)).toEqual([false]);
  await expect.poll(() => navigations).toEqual(['tel:+44-20-7946-0000']);
});
