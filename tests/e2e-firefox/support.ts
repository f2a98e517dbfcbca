/**
 * The Firefox end-to-end harness: Debian's firefox-esr, headless, driven by puppeteer-core over WebDriver BiDi,
 * with the built Firefox extension installed, the fixture-page server and the PBX simulator on 127.0.0.1.
 *
 * Firefox reads its enterprise policies once, at start-up, so the settings go in the way an admin would put
 * them: `/etc/firefox/policies/policies.json` with the settings document under `3rdparty.Extensions.<gecko id>`
 * (the extension's `storage.managed`). One launch per policy: each `describe` of a suite starts one browser
 * with its policy and all its tests share it. The file exists only while that browser starts (root only, as in
 * CI) and is removed after, so no other Firefox on the machine sees it.
 *
 * Extension pages: BiDi refuses to navigate a tab to `moz-extension://` unless Firefox was started with
 * `--remote-allow-system-access`; with it, the tab navigates (the navigation never reports its end over BiDi,
 * so {@link Firefox.openExtensionPage} waits for the page itself). The extension's UUID is pinned with the
 * `extensions.webextensions.uuids` pref so its pages have a known address.
 */
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPageServer, type PageServer } from '../e2e/support/page-server';
import { startSimulator, type Simulator } from '../sim/server';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The built Firefox extension; `PBX_OUT_DIR` selects another build output (see wxt.config.ts). */
export const EXTENSION_DIR = join(
  process.env.PBX_OUT_DIR ? resolve(ROOT, process.env.PBX_OUT_DIR) : join(ROOT, '.output'),
  'firefox-mv3',
);
export const FIREFOX = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
/** Where Firefox on Linux looks for an enterprise policy file first. */
export const POLICY_FILE = process.env.FIREFOX_POLICY_FILE || '/etc/firefox/policies/policies.json';
const UUID = '3f5d2c1a-6b7e-4d8f-9a0b-1c2d3e4f5a6b';

/** The extension's gecko id, from the built manifest. */
export function geckoId(): string {
  const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8')) as {
    browser_specific_settings: { gecko: { id: string } };
  };
  return manifest.browser_specific_settings.gecko.id;
}

/** Whether a policy file holds only this extension's settings (left behind by an interrupted run). */
function writtenByUs(text: string, id: string): boolean {
  try {
    const { policies, ...rest } = JSON.parse(text) as { policies?: Record<string, { Extensions?: object }> };
    const { '3rdparty': third, ...others } = policies ?? {};
    const extensions = Object.keys(third?.Extensions ?? {});
    return (
      !Object.keys(rest).length &&
      !Object.keys(others).length &&
      Object.keys(third ?? {}).join() === 'Extensions' &&
      extensions.join() === id
    );
  } catch {
    return false;
  }
}

/** A Firefox with the extension installed under one policy. */
export interface Firefox {
  browser: Browser;
  /** The Firefox version string, e.g. "Firefox/153.0". */
  version: string;
  /** Opens a new tab at `url` and waits for its load. */
  open(url: string): Promise<Page>;
  /** Opens an extension page (e.g. "options.html") in a new tab and waits until `ready` matches in it. */
  openExtensionPage(path: string, ready: string): Promise<Page>;
  close(): Promise<void>;
}

/** Writes `policy` as the extension's managed settings, starts Firefox, installs the extension. */
export async function launchFirefox(policy: unknown): Promise<Firefox> {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`No built Firefox extension at ${EXTENSION_DIR}: run "npm run build" first.`);
  }
  const id = geckoId();
  if (existsSync(POLICY_FILE) && !writtenByUs(readFileSync(POLICY_FILE, 'utf8'), id)) {
    throw new Error(`${POLICY_FILE} holds other policies (an admin's?): not overwriting it.`);
  }
  mkdirSync(resolve(POLICY_FILE, '..'), { recursive: true });
  writeFileSync(POLICY_FILE, JSON.stringify({ policies: { '3rdparty': { Extensions: { [id]: policy } } } }));
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX,
      headless: true,
      args: ['--remote-allow-system-access'],
      extraPrefsFirefox: {
        // Every host name resolves to this machine, so fixtures can be served as blocked.example etc.
        'network.dns.forceResolve': '127.0.0.1',
        // The page server speaks http only: no https-first detour for the made-up hosts.
        'dom.security.https_first': false,
        'dom.security.https_first_pbm': false,
        'extensions.webextensions.uuids': JSON.stringify({ [id]: UUID }),
      },
    });
  } catch (error) {
    rmSync(POLICY_FILE, { force: true });
    throw error;
  }
  try {
    await browser.installExtension(EXTENSION_DIR);
  } finally {
    // Read at start-up: the running browser keeps it; nothing else should see it.
    rmSync(POLICY_FILE, { force: true });
  }
  const version = await browser.version();
  /**
   * A new tab, in a window of its own: after the extension's first notification, ESR 140's BiDi opens new tabs in
   * the most recent window, the notification's, which holds no tabs ("getTabBrowser(...) is undefined").
   */
  const newPage = () => browser.newPage({ type: 'window' });
  return {
    browser,
    version,
    async open(url) {
      const page = await newPage();
      await page.goto(url);
      return page;
    },
    async openExtensionPage(path, ready) {
      const page = await newPage();
      // See the file comment: the navigation happens, but its end is never reported.
      page.goto(`moz-extension://${UUID}/${path}`, { timeout: 0 }).catch(() => undefined);
      await waitFor(async () => {
        try {
          return await page.evaluate(
            (text) => location.protocol === 'moz-extension:' && (document.body?.innerText ?? '').includes(text),
            ready,
          );
        } catch {
          return false;
        }
      }, `${path} showing "${ready}"`);
      return page;
    },
    async close() {
      // Puppeteer made the throwaway profile, and removes it.
      await browser.close();
    },
  };
}

/** Polls `check` until it is true (every 50 ms, up to `timeoutMs`), or throws naming `what`. */
export async function waitFor(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The page server and the simulator, started once per suite file. */
export async function startServers(): Promise<{ pages: PageServer; sim: Simulator; close(): Promise<void> }> {
  const [pages, sim] = await Promise.all([startPageServer(), startSimulator({ host: '127.0.0.1', port: 0 })]);
  return { pages, sim, close: async () => void (await Promise.all([pages.close(), sim.close()])) };
}

/** The fixture URL under another host name (every host resolves to 127.0.0.1 in this Firefox). */
export function urlOn(pages: PageServer, host: string, path: string): string {
  const url = new URL(pages.url(path));
  url.hostname = host;
  return url.toString();
}

/** The `data-pbx-dial` of every link the content script made on the page (light DOM only). */
export function linkedNumbers(page: Page): Promise<string[]> {
  return page.$$eval('a[data-pbx-dial]', (links) => links.map((a) => a.getAttribute('data-pbx-dial') ?? ''));
}
