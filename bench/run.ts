/**
 * `npm run bench`: what the content script costs on a 10,000-row table (issue 3, "Speed"), in headless
 * Chromium with the built extension, against the page alone and against naive libphonenumber-js over every
 * text node, in the same run. Prints a table and writes bench/results/latest.md. Figures, not assertions.
 *
 * How each figure is taken:
 * - Long tasks and total blocking time (sum of each long task's time over 50 ms) after DOMContentLoaded, from a
 *   buffered PerformanceObserver for `longtask` in the page. The page alone has its own (layout and paint of
 *   10,000 rows); "added" is the extension run minus that.
 * - Linked on screen: from DOMContentLoaded until every row in the viewport holds a link (checked each frame).
 * - Scrolled into view: from a jump to row 6,000 (while the rest of the page is still being linked) until the rows
 *   on screen hold links. Appended: from appending 100 rows until the last one holds a link (a page
 *   MutationObserver, which runs right after the content script's own).
 * - Cost without digits: CDP `Performance.getMetrics` ScriptDuration on a page with no digits and no scripts
 *   of its own, so all script time there is the content script's.
 */
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { build } from 'esbuild';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { startPageServer, type PageServer } from '../tests/e2e/support/page-server';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const OUT = process.env.PBX_OUT_DIR ? resolve(ROOT, process.env.PBX_OUT_DIR) : join(ROOT, '.output');
const EXTENSION_DIR = join(OUT, 'chrome-mv3');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ROWS = 10_000;
const VIEWPORT = { width: 1280, height: 720 };

function args(extension: boolean): string[] {
  return [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
    '--host-resolver-rules=MAP * 127.0.0.1, EXCLUDE localhost',
    ...(extension ? [`--disable-extensions-except=${EXTENSION_DIR}`, `--load-extension=${EXTENSION_DIR}`] : []),
  ];
}

/** Measurement hooks every bench page carries (page world; they only read). */
const PROBE = `<script>
  window.__bench = { longTasks: [], dcl: 0, linkedOnScreen: 0 };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__bench.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  document.addEventListener('DOMContentLoaded', () => {
    window.__bench.dcl = performance.now();
    const check = () => {
      const rows = document.querySelectorAll('tbody tr');
      // The first screenful: rows 0-30 of a 720 px viewport with 20 px rows.
      let all = rows.length > 0;
      for (let i = 0; i < Math.min(30, rows.length); i++) if (!rows[i].querySelector('a[data-pbx-dial],a.naive')) { all = false; break; }
      if (all) window.__bench.linkedOnScreen = performance.now();
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  });
</script>`;

function tablePage(extraHead = ''): string {
  const rows: string[] = [];
  for (let i = 0; i < ROWS; i++) {
    const phone = `+1 415-555-${String(1000 + (i % 9000)).padStart(4, '0')}`;
    rows.push(
      `<tr><td>Customer ${i}</td><td>${phone}</td><td>Order #${10_000_000 + i}</td><td>2024-05-${String((i % 28) + 1).padStart(2, '0')}</td>` +
        `<td>$${(i * 7.31).toFixed(2)}</td><td>10.0.${i % 255}.${(i * 7) % 255}</td><td>v2.${i % 30}.${i % 9}</td><td>SKU ${4_000_000 + i * 3}</td></tr>`,
    );
  }
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>bench</title>
<style>td{padding:0 6px;height:20px;line-height:20px;white-space:nowrap}table{border-collapse:collapse}</style>${PROBE}${extraHead}</head>
<body><table><tbody>${rows.join('\n')}</tbody></table></body></html>`;
}

function wordsPage(): string {
  const rows: string[] = [];
  for (let i = 0; i < ROWS; i++)
    rows.push(`<tr><td>Customer</td><td>Alpha Bravo Charlie</td><td>delta echo foxtrot</td></tr>`);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>words</title></head><body><table><tbody>${rows.join('')}</tbody></table></body></html>`;
}

/** Naive linking as the best-known library does it: libphonenumber-js findNumbers over every text node. */
async function naiveScript(): Promise<string> {
  const result = await build({
    stdin: {
      contents: `import { findNumbers } from 'libphonenumber-js/max';
        function run() {
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          const texts = [];
          for (let n = walker.nextNode(); n; n = walker.nextNode()) texts.push(n);
          for (const t of texts) {
            const found = findNumbers(t.data, { defaultCountry: 'US', v2: true });
            for (const f of found.reverse()) {
              const tail = t.splitText(f.startsAt); tail.splitText(f.endsAt - f.startsAt);
              const a = document.createElement('a'); a.className = 'naive'; a.href = 'tel:' + f.number.number;
              tail.replaceWith(a); a.append(tail);
            }
          }
        }
        document.addEventListener('DOMContentLoaded', run);`,
      resolveDir: ROOT,
      loader: 'js',
    },
    bundle: true,
    write: false,
    format: 'iife',
    minify: true,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

interface Run {
  name: string;
  longest: number;
  tbt: number;
  onScreen: number | null;
  scrolled: number | null;
  appended: number | null;
}

async function withBrowser<T>(extension: boolean, fn: (context: BrowserContext) => Promise<T>): Promise<T> {
  const profile = mkdtempSync(join(tmpdir(), 'pbx-bench-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: args(extension),
    viewport: VIEWPORT,
  });
  // tsx compiles this file with esbuild's keepNames, so functions passed to page.evaluate call `__name`.
  await context.addInitScript('window.__name = (f) => f;');
  try {
    if (extension) {
      const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
      await worker.evaluate(() =>
        chrome.storage.local.set({
          settings: {
            version: 1,
            provider: null,
            dialing: {
              defaultCountry: 'US',
              autoAnswer: true,
              confirm: false,
              numberFormat: 'e164',
              outboundPrefix: '',
            },
            pages: { linkify: true, telLinks: true, blockedSites: [] },
            callLog: null,
          },
        }),
      );
    }
    return await fn(context);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

/** Opens a small page first so the service worker is awake, as it is on a browser in use. */
async function warmUp(context: BrowserContext, pages: PageServer): Promise<void> {
  const page = await context.newPage();
  await page.goto(pages.add('/warm.html', '<!doctype html><p>+1 415-555-0100</p>'));
  await page.waitForSelector('a[data-pbx-dial]', { timeout: 15_000 }).catch(() => undefined);
  await page.close();
}

async function measureTable(page: Page, url: string, name: string, linked: boolean, dynamic = linked): Promise<Run> {
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  let onScreen: number | null = null;
  if (linked) {
    await page.waitForFunction(
      () => (window as unknown as { __bench: { linkedOnScreen: number } }).__bench.linkedOnScreen > 0,
      null,
      {
        timeout: 20_000,
      },
    );
    onScreen = await page.evaluate(() => {
      const b = (window as unknown as { __bench: { linkedOnScreen: number; dcl: number } }).__bench;
      return b.linkedOnScreen - b.dcl;
    });
  }
  let scrolled: number | null = null;
  let appended: number | null = null;
  if (linked) {
    // Jump deep into the table at once, while the rest is still being linked.
    scrolled = await page.evaluate(async () => {
      const rows = document.querySelectorAll('tbody tr');
      const target = rows[6000]!;
      const t0 = performance.now();
      target.scrollIntoView({ block: 'start' });
      return new Promise<number>((resolve) => {
        const check = () => {
          let all = true;
          for (let i = 6000; i < 6030; i++) if (!rows[i]!.querySelector('a[data-pbx-dial],a.naive')) all = false;
          if (all) resolve(performance.now() - t0);
          else if (performance.now() - t0 > 20_000) resolve(-1);
          else requestAnimationFrame(check);
        };
        check();
      });
    });
  }
  if (dynamic) {
    // Wait until the whole table is linked, then append rows as an infinite list would.
    await page.waitForFunction(
      () => !!document.querySelectorAll('tbody tr')[9999]!.querySelector('a[data-pbx-dial],a.naive'),
      null,
      {
        timeout: 60_000,
        polling: 200,
      },
    );
    appended = await page.evaluate(async () => {
      const tbody = document.querySelector('tbody')!;
      return new Promise<number>((resolve) => {
        let last: HTMLTableRowElement | null = null;
        let t0 = 0;
        new MutationObserver((_, observer) => {
          if (last?.querySelector('a')) {
            observer.disconnect();
            resolve(performance.now() - t0);
          }
        }).observe(tbody, { childList: true, subtree: true });
        t0 = performance.now();
        for (let i = 0; i < 100; i++) {
          const tr = document.createElement('tr');
          tr.innerHTML = `<td>New ${i}</td><td>+1 415-555-${2000 + i}</td><td>Order #${90_000_000 + i}</td><td>2024-06-01</td>`;
          tbody.append(tr);
          last = tr;
        }
      });
    });
  }
  await page.waitForTimeout(300);
  const tasks = await page.evaluate(() => {
    const b = (window as unknown as { __bench: { longTasks: { start: number; duration: number }[]; dcl: number } })
      .__bench;
    return b.longTasks.filter((t) => t.start >= b.dcl);
  });
  return {
    name,
    longest: Math.max(0, ...tasks.map((t) => t.duration)),
    tbt: tasks.reduce((sum, t) => sum + Math.max(0, t.duration - 50), 0),
    onScreen,
    scrolled,
    appended,
  };
}

async function scriptDuration(page: Page, url: string): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(url);
  await page.waitForTimeout(1500);
  const { metrics } = await cdp.send('Performance.getMetrics');
  return (metrics.find((m) => m.name === 'ScriptDuration')?.value ?? 0) * 1000;
}

const ms = (v: number | null) => (v === null ? '–' : v < 0 ? 'timed out' : `${v.toFixed(0)} ms`);

async function main(): Promise<void> {
  const content = readFileSync(join(EXTENSION_DIR, 'content-scripts', 'content.js'));
  const gzipKiB = gzipSync(content, { level: 9 }).length / 1024;
  const pages = await startPageServer();
  const naive = await naiveScript();
  pages.add('/bench/naive.js', naive, 'text/javascript');
  const tableUrl = pages.add('/bench/table.html', tablePage());
  const naiveUrl = pages.add('/bench/table-naive.html', tablePage('<script src="/bench/naive.js"></script>'));
  const wordsUrl = pages.add('/bench/words.html', wordsPage());

  const runs: Run[] = [];
  let wordsBaseline = 0;
  let wordsExtension = 0;
  await withBrowser(false, async (context) => {
    const page = await context.newPage();
    runs.push(await measureTable(page, tableUrl, 'Page alone', false));
    // The naive script links once at DOMContentLoaded: it never links appended rows.
    runs.push(await measureTable(await context.newPage(), naiveUrl, 'Naive libphonenumber-js', true, false));
    wordsBaseline = await scriptDuration(await context.newPage(), wordsUrl);
  });
  await withBrowser(true, async (context) => {
    await warmUp(context, pages);
    runs.push(await measureTable(await context.newPage(), tableUrl, 'PBX Click-to-Dial', true));
    wordsExtension = await scriptDuration(await context.newPage(), wordsUrl);
  });
  await pages.close();

  const base = runs[0]!;
  const lines = [
    `Benchmark: ${ROWS.toLocaleString('en')}-row table (a phone and 6 number-like decoys per row), headless Chromium, ${VIEWPORT.width}×${VIEWPORT.height}.`,
    '',
    '| Run | Longest task after DCL | Blocking time after DCL (added) | On screen linked after DCL | Scrolled rows linked | 100 appended rows linked |',
    '| --- | --- | --- | --- | --- | --- |',
    ...runs.map(
      (r) =>
        `| ${r.name} | ${ms(r.longest)} | ${ms(r.tbt)}${r === base ? '' : ` (+${Math.max(0, r.tbt - base.tbt).toFixed(0)} ms)`} | ${ms(r.onScreen)} | ${ms(r.scrolled)} | ${ms(r.appended)} |`,
    ),
    '',
    `Page without digits (${ROWS.toLocaleString('en')} rows of words): content script ${Math.max(0, wordsExtension - wordsBaseline).toFixed(1)} ms of script time (CDP ScriptDuration ${wordsExtension.toFixed(1)} ms with the extension, ${wordsBaseline.toFixed(1)} ms without).`,
    `Content script bundle: ${content.length.toLocaleString('en')} bytes, ${gzipKiB.toFixed(1)} KiB gzipped (budget 60 KiB), webextension-polyfill included.`,
    '',
    `Long tasks are the page's too (layout and paint of the table); "added" subtracts the page-alone run. Run on ${new Date().toISOString().slice(0, 10)}.`,
  ];
  const text = lines.join('\n');
  console.log(text);
  mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench', 'results', 'latest.md'), `${text}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
