/**
 * Issue 14 item 3 and issue 11 item 3, through the built extension: Yeastar's login is kept in
 * `storage.session`, so a service worker the browser stopped between two dials costs no second login; and after
 * a refused login the extension tries no further login (Yeastar locks the IP after 5) until Test connection.
 * The worker is stopped with CDP `ServiceWorker.stopAllWorkers`, as Chrome does to an idle worker.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { test, expect, stopServiceWorker, type Extension } from './support/fixtures';
import type { PageServer } from './support/page-server';
import type { HistoryEntry } from '../../lib/messages';
import { clickNumber as clickAt, providerSettings } from './page-helpers';

// Two dials, a worker restart and an options page: a launch of its own takes most of the default 30 s.
test.describe.configure({ timeout: 60_000 });

/** Opens a page with one US number and clicks its link. */
const clickNumber = (context: BrowserContext, pages: PageServer, name: string, national: string, e164: string) =>
  clickAt(context, pages, `sessions-${name}`, `<p>Call ${national} now.</p>`, e164);

/** Reads `storage.local` through an extension page: it works whichever worker is running. */
async function historyOf(page: Page): Promise<HistoryEntry[]> {
  return page.evaluate(async () => ((await chrome.storage.local.get('history')).history ?? []) as HistoryEntry[]);
}

async function waitForHistory(page: Page, count: number): Promise<HistoryEntry[]> {
  await expect.poll(async () => (await historyOf(page)).length, { timeout: 15_000 }).toBe(count);
  return historyOf(page);
}

/** Stops the extension's service worker, as the browser does to an idle one (the next dial wakes it). */
const stopWorkers = (context: BrowserContext, extension: Extension) => stopServiceWorker(context, extension.id);

test('Yeastar: a worker stopped between two dials costs no second login (token in storage.session)', async ({
  context,
  extension,
  pages,
  sim,
}) => {
  await extension.setSettings(providerSettings(sim, 'yeastar-s'));
  const { page: options } = await extension.openPage('options.html');
  await clickNumber(context, pages, 'first', '(415) 555-0132', '+14155550132');
  await waitForHistory(options, 1);

  // The token is in storage.session, never in storage.local.
  const local = await options.evaluate(() => chrome.storage.local.get(null));
  const session = await options.evaluate(() => chrome.storage.session.get(null));
  const token = sim.requestsFor('yeastar-s')[1]!.query.get('token')!;
  expect(JSON.stringify(local)).not.toContain(token);
  expect(JSON.stringify(session)).toContain(token);

  await stopWorkers(context, extension);
  await clickNumber(context, pages, 'second', '(415) 555-0199', '+14155550199');
  const history = await waitForHistory(options, 2);
  expect(history.map((e) => e.result)).toEqual(['queued', 'queued']);
  expect(sim.requestsFor('yeastar-s').map((r) => r.path)).toEqual([
    '/api/v2.0.0/login',
    '/api/v2.0.0/call/dial',
    '/api/v2.0.0/call/dial',
  ]);
  expect(sim.requestsFor('yeastar-s')[2]!.query.get('token')).toBe(token);
});

test('Yeastar: after a refused login no further login, even across a worker restart, until Test connection', async ({
  context,
  extension,
  pages,
  sim,
}) => {
  await extension.setSettings(providerSettings(sim, 'yeastar-s', {}, { password: 'Wrong-Pa55word!' }));
  const { page: options } = await extension.openPage('options.html');
  await clickNumber(context, pages, 'refused-1', '(415) 555-0132', '+14155550132');
  const [first] = await waitForHistory(options, 1);
  expect(first).toMatchObject({ result: 'failed', errorKind: 'auth' });
  expect(first!.message).toContain('no further login is tried until you correct the API username or password');

  await stopWorkers(context, extension);
  await clickNumber(context, pages, 'refused-2', '(415) 555-0199', '+14155550199');
  const history = await waitForHistory(options, 2);
  expect(history[0]!.message).toMatch(/Not dialled: the last login to the PBX was refused/);
  expect(sim.requestsFor('yeastar-s').map((r) => r.path)).toEqual(['/api/v2.0.0/login']);

  // Test connection is the person's "try again": one more login.
  await options.reload();
  await options.getByRole('button', { name: 'Test connection' }).click();
  await expect(options.locator('.test-result')).toContainText('rejected API user', { timeout: 15_000 });
  expect(sim.requestsFor('yeastar-s').map((r) => r.path)).toEqual(['/api/v2.0.0/login', '/api/v2.0.0/login']);
});
