/**
 * The labelled page corpus (tests/fixtures/detection/pages/) in the real browser with the real built extension:
 * each page served under its own host name and path (every host resolves to 127.0.0.1 here; the host's TLD and
 * the page's `lang` give the page country), linked by the content script as a person's browser would link it,
 * and scored against its labels. The unit floor (tests/unit/page-corpus.test.ts) measures the same pages with
 * `linkPage` under Node (linkedom): here both runs must leave the same `data-pbx-dial` values on every page, or
 * the Node figures do not describe the product.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from '@playwright/test';
import { test, expect, extensionOf, launchWithExtension } from './support/fixtures';
import type { PageServer } from './support/page-server';
import { settingsWith, urlOn, warmUp } from './page-helpers';
import {
  expectedDial,
  loadPageCorpus,
  scorePage,
  type CorpusPage,
  type Linked,
  type PageScore,
} from '../corpus/page-corpus';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const corpus = loadPageCorpus();

/**
 * The Node run: `linkPage` with the real detector, for `pages`, by page name. It runs in a child process under
 * tsx (as `npm run measure:pages` does): lib/phone/detect.ts imports its metadata JSON without an import
 * attribute, which Playwright's ESM loader refuses. The pages go in on stdin, so both runs see the same HTML.
 */
function linkInNode(pages: CorpusPage[]): Promise<Record<string, Linked[]>> {
  const script = `
    import { linkPage } from './tests/corpus/page-corpus-link.ts';
    import { findPhoneNumbers, mightContainPhone } from './lib/phone/detect.ts';
    let input = '';
    for await (const chunk of process.stdin) input += chunk;
    const detector = { findPhoneNumbers, mightContainPhone };
    const pages = JSON.parse(input);
    process.stdout.write(JSON.stringify(Object.fromEntries(pages.map((p) => [p.name, linkPage(p, detector)]))));
  `;
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      { cwd: ROOT, env, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) =>
        error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(JSON.parse(stdout)),
    );
    child.stdin!.end(JSON.stringify(pages));
  });
}

/**
 * Linking has settled when the page holds as many links as the Node run made and that number has stayed the
 * same for {@link SETTLED_MS} (so a page that links more than Node shows it), or, where the Node run links
 * nothing, when it has stayed at zero for {@link SETTLED_EMPTY_MS}. A page that never gets there is read at
 * {@link SETTLE_TIMEOUT_MS} and reported as unsettled, with its differences. Waiting for the expected count,
 * not for any quiet spell, keeps a busy machine (where the linker's idle-time chunks can be seconds apart) from
 * reading a half-linked page.
 */
const SETTLED_MS = 300;
const SETTLED_EMPTY_MS = 1_000;
const SETTLE_TIMEOUT_MS = 10_000;
const POLL_MS = 25;

/** Every link the content script made (light DOM), in document order. */
function linksOn(page: Page): Promise<Linked[]> {
  return page.$$eval('a[data-pbx-dial]', (links) =>
    links.map((a) => ({ dial: a.getAttribute('data-pbx-dial') ?? '', text: a.textContent ?? '' })),
  );
}

/** Waits until linking on `page` has settled (see {@link SETTLED_MS}); false if it did not in time. */
async function settle(page: Page, expected: number): Promise<boolean> {
  const count = () => page.locator('a[data-pbx-dial]').count();
  const quiet = expected > 0 ? SETTLED_MS : SETTLED_EMPTY_MS;
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  let last = await count();
  let since = Date.now();
  while (Date.now() < deadline) {
    await page.waitForTimeout(POLL_MS);
    const n = await count();
    if (n !== last) {
      last = n;
      since = Date.now();
    } else if (last >= expected && Date.now() - since >= quiet) return true;
  }
  return false;
}

/** Where two runs' dial values part: values only one run has (with their link text), or the same values in another order. */
function differences(name: string, browser: Linked[], node: Linked[]): string[] {
  const only = (a: Linked[], b: Linked[]): Linked[] => {
    const open = b.map((l) => l.dial);
    return a.filter((l) => {
      const i = open.indexOf(l.dial);
      if (i === -1) return true;
      open.splice(i, 1);
      return false;
    });
  };
  const out = [
    ...only(browser, node).map((l) => `${name}: browser only ${l.dial} ("${l.text}")`),
    ...only(node, browser).map((l) => `${name}: node only ${l.dial} ("${l.text}")`),
  ];
  const dials = (links: Linked[]) => links.map((l) => l.dial).join(', ');
  if (!out.length && dials(browser) !== dials(node)) {
    out.push(`${name}: same values in another order: browser [${dials(browser)}], node [${dials(node)}]`);
  }
  return out;
}

/** A score's misses and false positives by page, for failure messages. */
function problems(name: string, score: PageScore): string[] {
  return [
    ...score.misses.map((m) => `${name}: missed "${m.text}" (${expectedDial(m)})`),
    ...score.falsePositives.map((l) => `${name}: linked "${l.text}" as ${l.dial}`),
  ];
}

/** One Chromium per worker, set up once for all the corpus pages that worker opens, and the Node run to match. */
interface CorpusBrowser {
  context: BrowserContext;
  /** The Node run's links, by page name. */
  node: Record<string, Linked[]>;
}

const corpusTest = test.extend<object, { corpusBrowser: CorpusBrowser }>({
  corpusBrowser: [
    async ({ pages }, use) => {
      // Under Node meanwhile: a child process that reads the whole corpus once (seconds on a busy machine).
      const nodeRun = linkInNode(corpus);
      nodeRun.catch(() => undefined);
      const { context, close } = await launchWithExtension();
      try {
        // The corpus pages name no icon: without one here, Chromium's request for /favicon.ico logs a 404 on each.
        pages.add('/favicon.ico', '', 'image/x-icon');
        // Chromium asks hosts on its HSTS preload list (*.force.com, .app, .dev, …) only over https, which the
        // page server does not speak: those pages are opened with https, and answered from the page server
        // over http.
        await context.route(/^https:/, async (route) => {
          const url = new URL(route.request().url());
          await route.fulfill({ response: await route.fetch({ url: pages.url(url.pathname + url.search) }) });
        });
        const extension = await extensionOf(context);
        await extension.setSettings(settingsWith());
        await warmUp(context, pages, extension);
        await use({ context, node: await nodeRun });
      } finally {
        await close();
      }
    },
    { scope: 'worker', timeout: 90_000 },
  ],
});

/** The paths whose page is being opened (in this worker, whose page server is its own), each freed when it has. */
const pathInUse = new Map<string, Promise<void>>();

/** Waits until no other page is being opened at `path`, and holds it; the returned function frees it. */
async function takePath(path: string): Promise<() => void> {
  while (pathInUse.has(path)) await pathInUse.get(path);
  let free!: () => void;
  pathInUse.set(path, new Promise<void>((resolve) => (free = resolve)));
  return () => {
    pathInUse.delete(path);
    free();
  };
}

/** Opens one corpus page, waits for linking to settle, and returns its links and its errors (closing the page). */
async function measure(
  context: BrowserContext,
  pages: PageServer,
  corpusPage: CorpusPage,
  expected: number,
): Promise<{ links: Linked[]; settled: boolean; errors: string[] }> {
  const url = new URL(corpusPage.url);
  // The page server serves by path alone, and many pages share one (/contact, /kontakt, …): the path is this
  // page's from here until its document has arrived (see pathInUse).
  const release = await takePath(url.pathname);
  pages.add(url.pathname, corpusPage.html);
  const address = urlOn(pages, url.hostname, url.pathname + url.search + url.hash);
  const errors: string[] = [];
  const open = async (to: string): Promise<Page> => {
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
    page.on('console', (m) => {
      // A page's own missing assets (the sixth batch's CMS pages name stylesheets, images and fonts the fixture
      // server does not have) are the page's 404s, not errors of ours.
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource'))
        errors.push(`${page.url()}: ${m.text()}`);
    });
    try {
      await page.goto(to);
    } catch (error) {
      await page.close();
      throw error;
    }
    return page;
  };
  let page: Page;
  try {
    page = await open(address);
  } catch (error) {
    if (!/ERR_SSL_PROTOCOL_ERROR/.test(String(error))) throw error;
    // An HSTS host (see the route above): again, in a new tab, over https. Its failed first try is no page error.
    errors.length = 0;
    page = await open(address.replace(/^http:/, 'https:'));
  } finally {
    release();
  }
  try {
    const settled = await settle(page, expected);
    return { links: await linksOn(page), settled, errors };
  } finally {
    await page.close();
  }
}

/**
 * Pages per test, and how many of a test's pages are open at once. A test per page spent most of its second on
 * the harness and on the settle wait's quiet spell, a fixed wait with nothing to do; a test per batch, with a few
 * pages open side by side in the worker's Chromium, overlaps those waits. Each page is still checked on its own,
 * with its name in every message, so a failure names its page; both workers share the batches.
 */
const BATCH_SIZE = 5;
const OPEN_AT_ONCE = 3;

/** `items` in runs of `size`. */
function batches<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** `run` on each of `items`, at most `limit` at a time; the results in the order of `items`. */
async function eachLimited<T, R>(items: readonly T[], limit: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await run(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

// One test per batch of pages (see BATCH_SIZE), each page checked and named on its own. The accuracy floors
// (synthetic: precision 0.99, recall 0.98; business: F1 0.93) are held by tests/unit/page-corpus.test.ts on the
// Node run; each page here is held to exactly the Node run's links, so the floors hold in the browser too.
corpusTest.describe('the page corpus links in the browser as linkPage links it under Node', () => {
  corpusTest('holds at least 30 pages', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(30);
  });

  const runs = batches(corpus, BATCH_SIZE);
  runs.forEach((batch, index) => {
    const title = `pages ${index * BATCH_SIZE + 1}-${index * BATCH_SIZE + batch.length} of ${corpus.length}: ${batch[0]!.name} … ${batch.at(-1)!.name}`;
    corpusTest(title, async ({ corpusBrowser, pages }) => {
      const measured = await eachLimited(batch, OPEN_AT_ONCE, async (corpusPage) => {
        const node = corpusBrowser.node[corpusPage.name] ?? [];
        return { corpusPage, node, ...(await measure(corpusBrowser.context, pages, corpusPage, node.length)) };
      });
      for (const { corpusPage, node, links, settled, errors } of measured) {
        const name = `${corpusPage.name} (${corpusPage.kind})`;
        const diffs = differences(corpusPage.name, links, node);
        const labels = problems(corpusPage.name, scorePage(corpusPage, links)).join('\n');
        expect
          .soft(
            settled,
            `${name}: not settled within ${SETTLE_TIMEOUT_MS} ms (fewer links than Node, or still changing)`,
          )
          .toBe(true);
        expect
          .soft(diffs, `${name}: browser and Node (linkPage) runs differ; against the labels:\n${labels}`)
          .toEqual([]);
        expect.soft(errors, `${name}: page errors`).toEqual([]);
      }
    });
  });
});
