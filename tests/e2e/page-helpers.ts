/**
 * The page helpers of the end-to-end scenarios: settings documents, fixture pages and hosts, opening a page and
 * waiting for the content script's links ({@link openLinked}, {@link clickNumber}), answering the confirmation
 * window, and reading what the background did (a record of the dial messages it receives, the call history).
 * The record is a test hook installed through `serviceWorker.evaluate`, never part of the product.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { expect, type Extension } from './support/fixtures';
import type { PageServer } from './support/page-server';
import {
  defaultSettings,
  PROVIDER_NUMBER_FORMATS,
  type DialingSettings,
  type PageSettings,
  type ProviderType,
  type Settings,
} from '../../lib/settings/schema';
import type { DialMessage, HistoryEntry } from '../../lib/messages';
import { POLICY_CACHE_KEY } from '../../lib/settings/store';
import type { SimRequest, Simulator } from '../sim/server';

/** A settings document with these page settings (defaults otherwise; no provider needed to link). */
export function settingsWith(pages: Partial<PageSettings> = {}, defaultCountry = 'US'): Settings {
  const settings = defaultSettings(defaultCountry);
  return { ...settings, pages: { ...settings.pages, ...pages } };
}

/** The fixture URL under another host name (every host resolves to 127.0.0.1 in the e2e browser). */
export function urlOn(pages: PageServer, host: string, path: string): string {
  const url = new URL(pages.url(path));
  url.hostname = host;
  return url.toString();
}

/** Starts recording every `dial` message the background receives (a listener added from the test). */
export async function recordDials(extension: Extension): Promise<void> {
  await extension.evaluate(() => {
    const g = globalThis as unknown as { __pbxDials?: unknown[] };
    if (g.__pbxDials) return;
    g.__pbxDials = [];
    chrome.runtime.onMessage.addListener((message: { type?: string }) => {
      if (message?.type === 'dial') g.__pbxDials!.push(message);
      return undefined;
    });
  }, null);
}

/** The dial messages received since {@link recordDials}. */
export function dialsReceived(extension: Extension): Promise<DialMessage[]> {
  return extension.evaluate(() => (globalThis as unknown as { __pbxDials?: DialMessage[] }).__pbxDials ?? [], null);
}

/** The `data-pbx-dial` of every link the content script made on the page (light DOM only). */
export function linkedNumbers(page: Page): Promise<string[]> {
  return page.$$eval('a[data-pbx-dial]', (links) => links.map((a) => a.getAttribute('data-pbx-dial') ?? ''));
}

/** A minimal HTML page. */
export function html(body: string, head = '', lang = 'en'): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>fixture</title>${head}</head><body>${body}</body></html>`;
}

/** How long {@link warmUp} waits for its page to be linked: seconds on a busy machine, so far more than that. */
const WARM_UP_TIMEOUT_MS = 20_000;

/**
 * Makes the extension what it is in a browser in use: the last managed-policy read is in its cache (none: `{}`,
 * what Chrome's `storage.managed.get` answers without a policy), and a page with a number has been linked.
 * Without the cache, a new profile's pages wait up to 2 s for Chrome's first read of the managed policy
 * (lib/settings/store.ts), which takes seconds here and, on a busy machine, more than 15 s: waiting for it made
 * warm-ups fail. With it, the background answers `getPageConfig` within its 150 ms policy wait, so a test that
 * expects nothing to happen can wait a short, fixed time and then look, and a test of what happens while a page
 * is parsed is not raced by the wait. When Chrome's read lands it matches the cache, so nothing is broadcast.
 */
export async function warmUp(context: BrowserContext, pages: PageServer, extension: Extension): Promise<void> {
  if ((await extension.storage(POLICY_CACHE_KEY)) === undefined) {
    await extension.setStorage({ [POLICY_CACHE_KEY]: {} });
  }
  const page = await context.newPage();
  await page.goto(pages.add('/warm-up.html', html('<p>+1 415-555-0100</p>')));
  await page.locator('a[data-pbx-dial]').waitFor({ timeout: WARM_UP_TIMEOUT_MS });
  await page.close();
}

/**
 * How long a page may take to show its first links: the first page of a test waits for the background's settings
 * (and its managed-policy read), which takes seconds on a busy machine.
 */
const LINKED_TIMEOUT_MS = 10_000;

export interface OpenOptions {
  /** Serve the page under this host name (every host resolves to 127.0.0.1 in the e2e browser). */
  host?: string;
  /** Wait until exactly this many links match `selector` (default: until at least one does). */
  links?: number;
  /** The links that count (default: every link the content script made, `a[data-pbx-dial]`). */
  selector?: string;
  /** How long the links may take (default: {@link LINKED_TIMEOUT_MS}; a page of thousands of numbers wants more). */
  timeout?: number;
}

/**
 * The one way the scenarios open a web page: serves `document` at `path`, opens it in a new tab and waits for
 * the content script to be done linking it, i.e. until its links are there (see {@link OpenOptions}). A page
 * the content script has linked has its settings, so its click handling is in place too.
 */
export async function openLinked(
  context: BrowserContext,
  pages: PageServer,
  path: string,
  document: string,
  options: OpenOptions = {},
): Promise<Page> {
  pages.add(path, document);
  const page = await context.newPage();
  await page.goto(options.host ? urlOn(pages, options.host, path) : pages.url(path));
  const links = page.locator(options.selector ?? 'a[data-pbx-dial]');
  const timeout = options.timeout ?? LINKED_TIMEOUT_MS;
  if (options.links === undefined) await expect(links).not.toHaveCount(0, { timeout });
  else await expect(links).toHaveCount(options.links, { timeout });
  return page;
}

/** The fixtures a scenario opens pages with. */
export interface Browsing {
  context: BrowserContext;
  extension: Extension;
  pages: PageServer;
}

/**
 * Stores `settings`, then opens `document` at `path` and waits for its links as {@link openLinked} does: the
 * start of most page scenarios.
 */
export async function openWithSettings(
  { context, extension, pages }: Browsing,
  settings: unknown,
  path: string,
  document: string,
  options: OpenOptions = {},
): Promise<Page> {
  await extension.setSettings(settings);
  return openLinked(context, pages, path, document, options);
}

/** Opens a page without waiting for anything (for pages that should stay unlinked, or are checked as they load). */
export async function openUnlinked(
  context: BrowserContext,
  pages: PageServer,
  path: string,
  document: string,
): Promise<Page> {
  const page = await context.newPage();
  await page.goto(pages.add(path, document));
  return page;
}

/**
 * Opens `body` as an `en-US` page (`/click/<name>.html`), waits until the content script has linked `e164` (one
 * link, to `tel:<e164>`), and clicks it.
 */
export async function clickNumber(
  context: BrowserContext,
  pages: PageServer,
  name: string,
  body: string,
  e164: string,
): Promise<Page> {
  const selector = `a[data-pbx-dial="${e164}"]`;
  const page = await openLinked(context, pages, `/click/${name}.html`, html(body, '', 'en-US'), {
    selector,
    links: 1,
  });
  const link = page.locator(selector);
  await expect(link).toHaveAttribute('href', `tel:${e164}`);
  await link.click();
  return page;
}

/**
 * Does `action` (a click on the page) and returns the confirmation window it opens.
 */
export async function confirmWindowAfter(context: BrowserContext, action: () => Promise<unknown>): Promise<Page> {
  const opened = context.waitForEvent('page', (p) => p.url().includes('/confirm.html'));
  await action();
  return opened;
}

/**
 * Clicks a button of the confirmation window. The background closes the window as soon as the answer arrives,
 * which can be before Playwright's click returns: that close is the expected outcome, any other error is not.
 */
export async function answerConfirm(confirm: Page, button: 'Call' | 'Cancel'): Promise<void> {
  const closed = confirm.waitForEvent('close');
  await confirm
    .getByRole('button', { name: button, exact: true })
    .click()
    .catch((error: unknown) => {
      if (!confirm.isClosed()) throw error;
    });
  await closed;
}

/** The call history in `storage.local`, newest first (empty when there is none). */
export function historyOf(extension: Extension): Promise<HistoryEntry[]> {
  return extension.storage<HistoryEntry[]>('history').then((h) => h ?? []);
}

/** Waits until the background recorded `count` dials (after the PBX and the call log answered); the newest first. */
export async function settledEntry(extension: Extension, count = 1): Promise<HistoryEntry> {
  await expect.poll(async () => (await historyOf(extension)).length, { timeout: 15_000 }).toBe(count);
  return (await historyOf(extension))[0]!;
}

/** Dialing settings for a US user with auto-answer on and no confirmation, with `patch` applied. */
function dialingWith(patch: Partial<DialingSettings> = {}): DialingSettings {
  return { defaultCountry: 'US', autoAnswer: true, confirm: false, numberFormat: 'e164', outboundPrefix: '', ...patch };
}

/** A US page with one number on it, and the number it links to: the provider specs' click target. */
export const US_PAGE = '<p>Call our office on <span id="n">(415) 555-0132</span> today.</p>';
export const US_E164 = '+14155550132';

/** Waits until the background recorded `count` dials; the whole history, newest first. */
export async function historyAfter(extension: Extension, count: number): Promise<HistoryEntry[]> {
  await expect.poll(async () => (await historyOf(extension)).length, { timeout: 15_000 }).toBe(count);
  return historyOf(extension);
}

/** Requests as `METHOD /path` lines, to compare a provider's sequence of calls. */
export function requestLines(requests: SimRequest[]): string[] {
  return requests.map((r) => `${r.method} ${r.path}`);
}

/** The one request the simulator received, after checking it is exactly `line` (`provider METHOD /path`). */
export function soleRequest(sim: Simulator, line: string): SimRequest {
  return requestsMade(sim, [line])[0]!;
}

/** The requests the simulator received, after checking they are exactly `lines` (`provider METHOD /path`), in order. */
export function requestsMade(sim: Simulator, lines: string[]): SimRequest[] {
  expect(sim.requests.map((r) => `${r.provider} ${r.method} ${r.path}`)).toEqual(lines);
  return sim.requests;
}

/**
 * Waits `ms` (time for a call that would still go out: after a Cancel, a second click, a refusal) and checks
 * that the simulator received `count` requests in all: none came late.
 */
export async function expectRequestsStay(page: Page, sim: Simulator, count: number, ms = 300): Promise<void> {
  await page.waitForTimeout(ms);
  expect(sim.requests).toHaveLength(count);
}

/** The toolbar badge's text and title ('!' after a failed dial, '?' when not set up). */
export const badgeText = (extension: Extension) => extension.evaluate(() => chrome.action.getBadgeText({}), null);
export const badgeTitle = (extension: Extension) => extension.evaluate(() => chrome.action.getTitle({}), null);

/** Checks that a failed dial is shown to the person: the badge turns '!' and its title carries the message. */
export async function expectFailureShown(extension: Extension, entry: HistoryEntry): Promise<void> {
  await expect.poll(() => badgeText(extension)).toBe('!');
  expect(await badgeTitle(extension)).toContain(entry.message!);
}

/** The MaxoTel simulator's settings for a US user (dialing and page settings as given): the plain dial scenarios. */
export function usMaxotel(
  sim: Simulator,
  { dialing = {}, pages }: { dialing?: Partial<DialingSettings>; pages?: Partial<PageSettings> } = {},
): Record<string, unknown> {
  return { ...sim.settingsFor('maxotel'), dialing: { defaultCountry: 'US', ...dialing }, ...(pages ? { pages } : {}) };
}

/** The fixtures of a provider scenario. */
export interface ProviderRun extends Browsing {
  sim: Simulator;
}

/**
 * The simulator's settings for `provider` (its fields changed by `fields`), dialing as {@link dialingWith} in the
 * provider's own number format (the one the options page picks with it), with `dialing` applied.
 */
export function providerSettings(
  sim: Simulator,
  provider: ProviderType,
  dialing: Partial<DialingSettings> = {},
  fields?: Record<string, unknown>,
): Record<string, unknown> {
  return {
    ...sim.settingsFor(provider, fields),
    dialing: dialingWith({ numberFormat: PROVIDER_NUMBER_FORMATS[provider], ...dialing }),
  };
}

/** A US page with two numbers: {@link US_E164} and, for a second call, {@link SECOND_E164}. */
export const TWO_NUMBER_PAGE = `${US_PAGE}<p>Or (415) 555-0199.</p>`;
export const SECOND_E164 = '+14155550199';

/**
 * A provider scenario's dial: stores `settings`, opens `body` as `/click/<name>.html`, clicks `e164` on it and
 * waits until the background recorded the dial. The page (for more clicks) and the dial's history entry.
 */
export async function dialOnPage(
  { context, extension, pages }: Browsing,
  name: string,
  settings: unknown,
  { body = US_PAGE, e164 = US_E164 }: { body?: string; e164?: string } = {},
): Promise<{ page: Page; entry: HistoryEntry }> {
  await extension.setSettings(settings);
  const page = await clickNumber(context, pages, name, body, e164);
  return { page, entry: await settledEntry(extension) };
}

/** Clicks {@link SECOND_E164} on a {@link TWO_NUMBER_PAGE} and waits until two dials are recorded: the history. */
export async function dialSecondNumber(extension: Extension, page: Page): Promise<HistoryEntry[]> {
  // A second number: the same one again within seconds would be taken for a double click.
  await page.locator(`a[data-pbx-dial="${SECOND_E164}"]`).click();
  return historyAfter(extension, 2);
}

/**
 * A kept token the PBX stops accepting: dials the first number of a {@link TWO_NUMBER_PAGE} (a token is got
 * and kept), has the simulator revoke its tokens, dials the second, and checks that both calls were placed with
 * no second click. The provider's requests, in order: the first token and dial, the refused dial, the new
 * token, the retried dial.
 */
export async function dialAfterTokenRevoked(
  browsing: Browsing,
  sim: Simulator,
  type: string,
  settings: unknown,
): Promise<SimRequest[]> {
  const { page } = await dialOnPage(browsing, `${type}-expiry`, settings, { body: TWO_NUMBER_PAGE });
  // The PBX forgets its access tokens (their lifetime ran out on its clock, or they were revoked).
  sim.configure(type, { revokeTokens: true });
  const all = await dialSecondNumber(browsing.extension, page);
  expect(all.map((e) => e.result)).toEqual(['queued', 'queued']);
  return sim.requestsFor(type) as SimRequest[];
}

/** After {@link dialAfterTokenRevoked}: the refused dial bore the kept bearer token, the retry a new one. */
export function expectRetriedWithNewBearer(requests: SimRequest[]): SimRequest {
  const [, first, refused, , retried] = requests;
  expect(refused!.headers.authorization).toBe(first!.headers.authorization);
  expect(retried!.headers.authorization).not.toBe(first!.headers.authorization);
  expect(retried!.body).toBe(refused!.body);
  return retried!;
}

/** Checks that nothing the person can see (the call history) holds any of `secrets`. */
export async function expectHistoryHides(extension: Extension, secrets: string[]): Promise<void> {
  const shown = JSON.stringify(await historyOf(extension));
  for (const secret of secrets) expect(shown).not.toContain(secret);
}

/** Checks a form-encoded request with nothing in its query: exactly these body fields. */
export function expectFormBody(request: SimRequest, fields: Record<string, string>): void {
  expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
  expect([...request.query.keys()]).toEqual([]);
  expect(Object.fromEntries(new URLSearchParams(request.body))).toEqual(fields);
}

/** Checks a JSON request with nothing in its query: exactly this body. */
export function expectJsonBody(request: SimRequest, body: unknown): void {
  expect(request.headers['content-type']).toBe('application/json');
  expect([...request.query.keys()]).toEqual([]);
  expect(JSON.parse(request.body)).toEqual(body);
}

/** A `Basic` Authorization header value. */
export const basicAuth = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/** The dial message a click on a US user's page sends for `number` (`link`: our link; `tel-link`: the page's own). */
export function usDial(number: string, source: 'link' | 'tel-link' = 'link'): DialMessage {
  return { type: 'dial', number, source, country: 'US' };
}
