/**
 * "Numbers on this page" end to end: the popup (popup.html opened as a page, standing in for the toolbar popup
 * of the tab under test) lists the numbers the tab's content script finds, numbers in a non-tel link included,
 * in page order; Call places exactly one call at the simulator. Also with linking off, on a blocked site, and
 * the content script's half of "Call with PBX" on a web link (the number in the link right-clicked last).
 */
import type { BrowserContext, Page } from '@playwright/test';
import { test, expect, type Extension } from './support/fixtures';
import type { PageServer } from './support/page-server';
import { expectNoSeriousViolations } from './support/a11y';
import type { Simulator } from '../sim/server';
import { maxotelDestinations } from '../sim/maxotel';
import { html, urlOn, usMaxotel, type ProviderRun } from './page-helpers';
import type { PageNumbersAnswer } from '../../lib/messages';

const PAGE = html(
  '<h1>Contact</h1><p>Main line: +1 415-555-0132</p>' +
    '<nav><a href="/contact">Contact Us: 619.534.4000</a></nav>' +
    '<p>Fax (415) 555-0199</p><p>Main line again: 415.555.0132</p>' +
    '<textarea>+1 415 555 0177</textarea>',
);

/** Records, in the service worker, which tab each page's content script (top frame) runs in, by page URL. */
async function recordTabs(extension: Extension): Promise<void> {
  await extension.evaluate(() => {
    const g = globalThis as unknown as { __pbxTabs?: Record<string, number> };
    if (g.__pbxTabs) return;
    g.__pbxTabs = {};
    chrome.runtime.onMessage.addListener(
      (_message: unknown, sender: { tab?: { id?: number }; url?: string; frameId?: number }) => {
        if (sender.tab?.id !== undefined && sender.url && sender.frameId === 0)
          g.__pbxTabs![sender.url] = sender.tab.id;
        return undefined;
      },
    );
  }, null);
}

/** Opens `url` in a tab and returns the page and the tab's id (known once its content script asked for settings). */
async function openTab(
  context: BrowserContext,
  extension: Extension,
  url: string,
): Promise<{ page: Page; tabId: number }> {
  await recordTabs(extension);
  const page = await context.newPage();
  await page.goto(url);
  let tabId: number | undefined;
  await expect
    .poll(async () => {
      tabId = await extension.evaluate(
        (u) => (globalThis as unknown as { __pbxTabs: Record<string, number> }).__pbxTabs[u],
        url,
      );
      return tabId;
    })
    .toBeDefined();
  return { page, tabId: tabId! };
}

/** Opens the popup as it opens over the tab `tab` (its active tab answers with that tab). */
async function openPopupFor(extension: Extension, tab: { id: number; url: string }) {
  const opened = await extension.openPage('popup.html');
  await opened.page.addInitScript((t) => {
    const tabs = (globalThis as unknown as { chrome: { tabs: { query: unknown } } }).chrome.tabs;
    tabs.query = () => Promise.resolve([t]);
  }, tab);
  await opened.page.reload();
  return opened;
}

/** MaxoTel calls the simulator received: their destinations. */
const destinations = (sim: Simulator) => maxotelDestinations(sim.requestsFor('maxotel'));

const settings = (sim: Simulator, pages: Record<string, unknown> = {}) => usMaxotel(sim, { pages });

async function servePage(pages: PageServer, path: string, host = '127.0.0.1'): Promise<string> {
  pages.add(path, PAGE);
  return urlOn(pages, host, path);
}

/**
 * Stores MaxoTel's settings with these page settings, opens the contact page in a tab (under `host`), and opens the
 * popup over that tab: the tab, its id and URL, and the popup with its errors.
 */
async function popupOverPage(
  { context, extension, pages, sim }: ProviderRun,
  path: string,
  pageSettings: Record<string, unknown> = {},
  host?: string,
) {
  await extension.setSettings(settings(sim, pageSettings));
  const url = await servePage(pages, path, host);
  const { page, tabId } = await openTab(context, extension, url);
  const { page: popup, errors } = await openPopupFor(extension, { id: tabId, url });
  return { page, tabId, popup, errors };
}

test('lists the page’s numbers in page order, the one in a non-tel link included; Call places one call', async ({
  context,
  extension,
  pages,
  sim,
}) => {
  const { page, popup, errors } = await popupOverPage({ context, extension, pages, sim }, '/page-numbers/contact.html');
  // Linking is on: the numbers outside the link are linked, the one inside it cannot be.
  await expect(page.locator('a[data-pbx-dial]')).toHaveCount(3);

  await expect(popup.getByRole('heading', { name: 'Numbers on this page' })).toBeVisible();
  const items = popup.locator('.page-numbers li');
  await expect(items).toHaveCount(3);
  await expect(items.locator('.mono')).toHaveText(['+1 415 555 0132', '+1 619 534 4000', '+1 415 555 0199']);
  await expect(items.nth(1).locator('.context')).toHaveText('Contact Us: 619.534.4000');

  const call = popup.getByRole('button', { name: 'Call +1 619 534 4000 from this page' });
  await call.focus();
  await popup.keyboard.press('Enter');
  await expect(popup.locator('[role="status"] .notice.ok')).toBeVisible({ timeout: 15_000 });
  await expect.poll(() => destinations(sim)).toEqual(['+16195344000']);
  // Exactly one: nothing else arrives afterwards.
  await popup.waitForTimeout(500);
  expect(destinations(sim)).toEqual(['+16195344000']);
  await expect(popup.locator('.history li').first()).toContainText('+1 619 534 4000');
  expect(errors).toEqual([]);
});

test('with linking off the list is the way to call: the numbers are listed, the page is left as it is', async ({
  context,
  extension,
  pages,
  sim,
}) => {
  const { page, popup } = await popupOverPage({ context, extension, pages, sim }, '/page-numbers/off.html', {
    linkify: false,
  });
  await expect(popup.locator('.page-numbers li .mono')).toHaveText([
    '+1 415 555 0132',
    '+1 619 534 4000',
    '+1 415 555 0199',
  ]);
  await expect(page.locator('a[data-pbx-dial]')).toHaveCount(0);
  await popup.getByRole('button', { name: 'Call +1 415 555 0199 from this page' }).click();
  await expect.poll(() => destinations(sim)).toEqual(['+14155550199']);
});

test('on a blocked site nothing is read and the popup says the site is blocked', async ({
  context,
  extension,
  pages,
  sim,
}) => {
  const { tabId, popup } = await popupOverPage(
    { context, extension, pages, sim },
    '/page-numbers/blocked.html',
    { blockedSites: ['crm.example.de'] },
    'crm.example.de',
  );
  await expect(popup.getByTestId('page-numbers-note')).toHaveText(/Numbers are not read on crm\.example\.de/);
  await expect(popup.locator('.page-numbers')).toHaveCount(0);
  // The content script itself refuses too, whoever asks.
  const answer = await extension.evaluate(
    (id) => chrome.tabs.sendMessage(id, { type: 'getPageNumbers' }, { frameId: 0 }),
    tabId,
  );
  expect(answer).toEqual({ status: 'blocked' });
});

test('a tab without our content script (loaded before install): "Reload the page to see its numbers"', async ({
  extension,
  sim,
}) => {
  await extension.setSettings(settings(sim));
  // A tab id no content script answers for stands in for a page loaded before the extension was installed.
  const { page: popup, errors } = await openPopupFor(extension, { id: 999_999, url: 'https://www.example.edu/' });
  await expect(popup.getByTestId('page-numbers-note')).toHaveText('Reload the page to see its numbers.');
  expect(errors).toEqual([]);
});

test('Call with PBX on a web link dials the number in the link right-clicked last, once', async ({
  context,
  extension,
  pages,
  sim,
}) => {
  await extension.setSettings(settings(sim));
  const url = await servePage(pages, '/page-numbers/menu.html');
  const { page, tabId } = await openTab(context, extension, url);
  await page.getByRole('link', { name: 'Contact Us: 619.534.4000' }).click({ button: 'right' });
  await page.keyboard.press('Escape');
  // What the content script answers the background: the number in that link only.
  const answer = (await extension.evaluate(
    (id) => chrome.tabs.sendMessage(id, { type: 'getMenuNumbers' }, { frameId: 0 }),
    tabId,
  )) as PageNumbersAnswer;
  expect(answer).toEqual({
    status: 'ok',
    country: 'US',
    numbers: [{ dial: '+16195344000', text: '619.534.4000', context: 'Contact Us: 619.534.4000' }],
  });
  // Chrome's menu cannot be clicked headless: hand the background's listener the click Chrome would report
  // (a web link: no link text in OnClickData).
  await extension.evaluate(
    ({ id, page }) => {
      const onClicked = chrome.contextMenus.onClicked as unknown as { dispatch(...args: unknown[]): void };
      onClicked.dispatch(
        {
          menuItemId: 'pbx-call-page-link',
          linkUrl: new URL('/contact', page).href,
          pageUrl: page,
          frameId: 0,
          editable: false,
        },
        { id, url: page },
      );
    },
    { id: tabId, page: url },
  );
  await expect.poll(() => destinations(sim), { timeout: 10_000 }).toEqual(['+16195344000']);
  await page.waitForTimeout(500);
  expect(destinations(sim)).toEqual(['+16195344000']);
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`axe: the list has no serious or critical violations (${colorScheme})`, async ({
    context,
    extension,
    pages,
    sim,
  }) => {
    const path = `/page-numbers/axe-${colorScheme}.html`;
    const { popup, errors } = await popupOverPage({ context, extension, pages, sim }, path);
    await popup.emulateMedia({ colorScheme });
    await expect(popup.locator('.page-numbers li')).toHaveCount(3);
    await expectNoSeriousViolations(popup);
    expect(errors).toEqual([]);
  });
}
