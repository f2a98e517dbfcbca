/**
 * The end-to-end harness every scenario uses: Chromium with the built extension loaded, a fixture-page
 * server and the PBX simulator on 127.0.0.1, and helpers to put a settings document in storage and read
 * what the extension did. Test hooks live here (through `serviceWorker.evaluate`), never in the product.
 *
 * One Chromium per test worker (and set of host permissions), made new for each test: before a test, every tab
 * is closed, the extension's storage is emptied and its service worker restarted, so the test meets a browser
 * whose extension has just started with no settings, no history, no logins and nothing held in its service
 * worker's memory (see {@link resetExtension}). Starting a Chromium costs 4-8 s on an idle 2-core machine and
 * far more on a busy one; the reset costs a fraction of that. A test about the browser itself (a new profile's
 * first install, its first seconds) sets `test.use({ freshBrowser: true })` and gets a Chromium of its own
 * (`PBX_E2E_FRESH_BROWSER=1` gives every test one).
 */
import { test as base, chromium, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPageServer, type PageServer } from './page-server';
import type { Simulator } from '../../sim/server';
import { POLICY_CACHE_KEY } from '../../../lib/settings/store';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** The built Chrome extension; `PBX_OUT_DIR` selects another build output (see wxt.config.ts). */
export const EXTENSION_DIR = join(
  process.env.PBX_OUT_DIR ? resolve(ROOT, process.env.PBX_OUT_DIR) : join(ROOT, '.output'),
  'chrome-mv3',
);
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Launch flags that work headless as root on this kind of machine, plus the extension. */
function chromiumArgs(extensionDir: string): string[] {
  return [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
    // Every host name resolves to this machine, so fixtures can be served as crm.example.de etc.
    '--host-resolver-rules=MAP * 127.0.0.1, EXCLUDE localhost',
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
  ];
}

/**
 * The hosts a person using the extension has allowed it to reach: the simulator's, by default. The manifest asks
 * for PBX hosts as optional permissions, which only a person can grant (headless Chromium leaves the prompt
 * unanswered), so the harness loads a copy of the build that names them as granted host permissions instead;
 * the product is unchanged. A test of what happens without access sets `test.use({ hostAccess: [] })` (and shares
 * the worker's browser without access with the other such tests).
 */
export const DEFAULT_HOST_ACCESS = ['http://127.0.0.1/*'];

const grantedCopies = new Map<string, string>();

/** A copy of the built extension whose manifest grants `hosts` (one per set of hosts and test worker). */
function extensionWithAccess(hosts: readonly string[]): string {
  if (!hosts.length) return EXTENSION_DIR;
  const key = hosts.join(' ');
  let dir = grantedCopies.get(key);
  if (!dir) {
    dir = mkdtempSync(join(tmpdir(), 'pbx-e2e-ext-'));
    cpSync(EXTENSION_DIR, dir, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    manifest.host_permissions = [...hosts];
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
    grantedCopies.set(key, dir);
    const copy = dir;
    process.once('exit', () => rmSync(copy, { recursive: true, force: true }));
  }
  return dir;
}

export interface LaunchOptions {
  /** Host patterns the extension may reach (default {@link DEFAULT_HOST_ACCESS}). */
  hostAccess?: readonly string[];
  /** More Chromium flags (e.g. `--lang=de`). */
  args?: string[];
  /** The browser's environment (default: this process's). */
  env?: Record<string, string | undefined>;
}

/** Launches Chromium with the built extension in a throwaway profile: the one launcher of the suite. */
export async function launchWithExtension(
  options: LaunchOptions = {},
): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`No built extension at ${EXTENSION_DIR}: run "npm run build" first.`);
  }
  const profile = mkdtempSync(join(tmpdir(), 'pbx-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [...chromiumArgs(extensionWithAccess(options.hostAccess ?? DEFAULT_HOST_ACCESS)), ...(options.args ?? [])],
    ...(options.env ? { env: options.env } : {}),
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

const isExtensionWorker = (w: Worker) => w.url().startsWith('chrome-extension://');

export async function waitForServiceWorker(context: BrowserContext): Promise<Worker> {
  const existing = context.serviceWorkers().find(isExtensionWorker);
  return existing ?? (await context.waitForEvent('serviceworker', { predicate: isExtensionWorker, timeout: 15_000 }));
}

/** Polls `check` every 25 ms until it is true, or throws naming `what` after `timeoutMs`. */
async function waitUntil(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`e2e harness: timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * Stops the extension's service worker, as Chrome stops an idle one, and waits until CDP reports it stopped.
 * `start` wakes it again at once (CDP `ServiceWorker.startWorker`); otherwise the next extension event does.
 * Playwright keeps the same `Worker` object across the restart: its next evaluation runs in the new worker.
 */
export async function stopServiceWorker(
  context: BrowserContext,
  id: string,
  { start = false, from }: { start?: boolean; from?: Page } = {},
): Promise<void> {
  // CDP needs a page to talk through: `from`, or a tab opened for it.
  const page = from ?? (await context.newPage());
  const cdp = await context.newCDPSession(page);
  const scope = `chrome-extension://${id}/`;
  let stopped = false;
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    if (versions.some((v) => v.scriptURL.startsWith(scope) && v.runningStatus === 'stopped')) stopped = true;
  });
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await waitUntil(() => stopped, 'the service worker to stop');
  if (start) await cdp.send('ServiceWorker.startWorker', { scopeURL: scope });
  await cdp.detach();
  if (!from) await page.close();
}

/**
 * Makes the extension in `context` as a test expects to find it: one blank tab (as a new profile opens with),
 * nothing in `storage.local`, `storage.session` or `storage.sync` but the last managed-policy read (`{}`, no policy:
 * what a browser in use has cached, see page-helpers.ts `warmUp`), no notifications, and a new service worker
 * (stopped and started again, as Chrome does to an idle one: nothing in its memory, no test hooks). Ready when
 * the new worker answers and has put its badge up ("?": not set up).
 */
export async function resetExtension(context: BrowserContext): Promise<void> {
  const blank = await context.newPage();
  await Promise.all(context.pages().map((p) => (p === blank ? undefined : p.close())));
  const worker = await waitForServiceWorker(context);
  await worker.evaluate(async (policyCacheKey) => {
    const notifications = await chrome.notifications.getAll();
    await Promise.all(Object.keys(notifications).map((id) => chrome.notifications.clear(id)));
    await Promise.all([chrome.storage.local.clear(), chrome.storage.session.clear(), chrome.storage.sync.clear()]);
    await chrome.storage.local.set({ [policyCacheKey]: {} });
    await chrome.action.setBadgeText({ text: 'old' });
    (globalThis as { __pbxOldWorker?: boolean }).__pbxOldWorker = true;
  }, POLICY_CACHE_KEY);
  await stopServiceWorker(context, new URL(worker.url()).host, { start: true, from: blank });
  await waitUntil(
    () =>
      worker
        .evaluate(async () =>
          (globalThis as { __pbxOldWorker?: boolean }).__pbxOldWorker ? 'old' : chrome.action.getBadgeText({}),
        )
        .then(
          (state) => state === '?',
          () => false,
        ),
    'the restarted service worker',
  );
}

export interface Extension {
  id: string;
  worker: Worker;
  /** `chrome-extension://<id>/<path>` */
  url(path: string): string;
  /** Replaces the stored settings document (bypassing validation: tests may store anything). */
  setSettings(document: unknown): Promise<void>;
  /** Reads a key from `storage.local`. */
  storage<T = unknown>(key: string): Promise<T | undefined>;
  /** Writes keys into `storage.local`. */
  setStorage(items: Record<string, unknown>): Promise<void>;
  /** Evaluates a function in the service worker. */
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  /** Opens an extension page and collects its console errors and page errors. */
  openPage(path: string): Promise<{ page: Page; errors: string[] }>;
}

/** The extension loaded in `context`, with the helpers tests use to drive and read it. */
export async function extensionOf(context: BrowserContext): Promise<Extension> {
  const worker = await waitForServiceWorker(context);
  const id = new URL(worker.url()).host;
  const extension: Extension = {
    id,
    worker,
    url: (path) => `chrome-extension://${id}/${path.replace(/^\//, '')}`,
    setSettings: (document) =>
      worker.evaluate((doc) => chrome.storage.local.set({ settings: doc }), document as Record<string, unknown>),
    storage: <T>(key: string) =>
      worker.evaluate(async (k) => (await chrome.storage.local.get(k))[k], key) as Promise<T | undefined>,
    setStorage: (items) => worker.evaluate((i) => chrome.storage.local.set(i), items),
    evaluate: (fn, arg) => worker.evaluate(fn as never, arg),
    async openPage(path) {
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      await page.goto(extension.url(path));
      return { page, errors };
    },
  };
  return extension;
}

/** The test worker's Chromium for each set of host permissions, launched on first use and reset for each test. */
interface SharedBrowser {
  take(hostAccess: readonly string[]): Promise<BrowserContext>;
}

type WorkerFixtures = {
  pages: PageServer;
  simServer: Simulator;
  sharedBrowser: SharedBrowser;
};

type TestFixtures = {
  /** Host patterns the extension is allowed to reach (see {@link DEFAULT_HOST_ACCESS}). */
  hostAccess: string[];
  /** A Chromium of the test's own, with a new profile, instead of the worker's reset one. */
  freshBrowser: boolean;
  /** The PBX simulator, reset for each test. */
  sim: Simulator;
  context: BrowserContext;
  extension: Extension;
  /** Console errors and uncaught exceptions of every web page opened in the test. */
  pageErrors: string[];
};

export const test = base.extend<TestFixtures, WorkerFixtures>({
  pages: [
    async ({}, use) => {
      const server = await startPageServer();
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],
  simServer: [
    async ({}, use) => {
      // Imported on first use, so scenarios without a PBX do not load the simulator.
      const { startSimulator } = await import('../../sim/server');
      const sim = await startSimulator({ host: '127.0.0.1', port: 0 });
      await use(sim);
      await sim.close();
    },
    { scope: 'worker' },
  ],
  sharedBrowser: [
    async ({}, use) => {
      const launched = new Map<string, Promise<{ context: BrowserContext; close: () => Promise<void> }>>();
      const launch = async (hostAccess: readonly string[]) => {
        const browser = await launchWithExtension({ hostAccess });
        // The first install opens the welcome: let it open now, or it could open in the middle of a test.
        const welcome = (await extensionOf(browser.context)).url('options.html?welcome=1');
        await waitUntil(() => browser.context.pages().some((p) => p.url() === welcome), 'the welcome tab');
        return browser;
      };
      await use({
        async take(hostAccess) {
          const key = hostAccess.join(' ');
          let browser = launched.get(key);
          if (!browser) launched.set(key, (browser = launch(hostAccess)));
          const { context } = await browser;
          await resetExtension(context);
          return context;
        },
      });
      await Promise.all([...launched.values()].map(async (browser) => (await browser).close()));
    },
    // A launch happens in the first test that takes that browser, under that test's timeout.
    { scope: 'worker' },
  ],
  hostAccess: [DEFAULT_HOST_ACCESS, { option: true }],
  // PBX_E2E_FRESH_BROWSER=1 gives every test a new browser, as before the browsers were shared: to tell whether
  // a failure comes from what an earlier test left behind.
  freshBrowser: [!!process.env.PBX_E2E_FRESH_BROWSER, { option: true }],
  sim: async ({ simServer }, use) => {
    simServer.reset();
    await use(simServer);
  },
  context: async ({ freshBrowser, hostAccess, sharedBrowser }, use) => {
    if (!freshBrowser) {
      await use(await sharedBrowser.take(hostAccess));
      return;
    }
    const { context, close } = await launchWithExtension({ hostAccess });
    await use(context);
    await close();
  },
  pageErrors: async ({ context }, use) => {
    const errors: string[] = [];
    const watch = (page: Page) => {
      page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(`${page.url()}: ${m.text()}`);
      });
    };
    context.on('page', watch);
    await use(errors);
    context.off('page', watch);
  },
  extension: async ({ context }, use) => {
    await use(await extensionOf(context));
  },
});

export const expect = test.expect;
