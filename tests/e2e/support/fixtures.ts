/**
 * The end-to-end harness every scenario uses: Chromium with the built extension loaded, a fixture-page
 * server and the PBX simulator on 127.0.0.1, and helpers to put a settings document in storage and read
 * what the extension did. Test hooks live here (through `serviceWorker.evaluate`), never in the product.
 */
import { test as base, chromium, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPageServer, type PageServer } from './page-server';
import type { Simulator } from '../../sim/server';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** The built Chrome extension; `PBX_OUT_DIR` selects another build output (see wxt.config.ts). */
export const EXTENSION_DIR = join(
  process.env.PBX_OUT_DIR ? resolve(ROOT, process.env.PBX_OUT_DIR) : join(ROOT, '.output'),
  'chrome-mv3',
);
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Launch flags that work headless as root on this kind of machine, plus the extension. */
export function chromiumArgs(extensionDir = EXTENSION_DIR): string[] {
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
 * the product is unchanged. A test of what happens without access sets `test.use({ hostAccess: [] })`.
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

/** Launches Chromium with the built extension in a throwaway profile, allowed to reach `hostAccess`. */
export async function launchWithExtension(
  hostAccess: readonly string[] = DEFAULT_HOST_ACCESS,
): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`No built extension at ${EXTENSION_DIR}: run "npm run build" first.`);
  }
  const profile = mkdtempSync(join(tmpdir(), 'pbx-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: chromiumArgs(extensionWithAccess(hostAccess)),
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export async function waitForServiceWorker(context: BrowserContext): Promise<Worker> {
  const existing = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
  return existing ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
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

type WorkerFixtures = {
  pages: PageServer;
  simServer: Simulator;
};

type TestFixtures = {
  /** Host patterns the extension is allowed to reach (see {@link DEFAULT_HOST_ACCESS}). */
  hostAccess: string[];
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
  sim: async ({ simServer }, use) => {
    simServer.reset();
    await use(simServer);
  },
  hostAccess: [DEFAULT_HOST_ACCESS, { option: true }],
  context: async ({ hostAccess }, use) => {
    const { context, close } = await launchWithExtension(hostAccess);
    await use(context);
    await close();
  },
  pageErrors: async ({ context }, use) => {
    const errors: string[] = [];
    context.on('page', (page) => {
      page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(`${page.url()}: ${m.text()}`);
      });
    });
    await use(errors);
  },
  extension: async ({ context }, use) => {
    await use(await extensionOf(context));
  },
});

export const expect = test.expect;
