/**
 * `npm run bench`: what the content script costs on a 10,000-row table (issue 3, "Speed"), in headless
 * Chromium with the built extension, against the page alone and against naive libphonenumber-js over every
 * text node, in the same run. Prints a table and writes bench/results/latest.md. Figures, not assertions.
 *
 * How each figure is taken (one Chrome trace per run, `devtools.timeline`):
 * - Blocking time: the sum, over the renderer's main-thread tasks, of each task's time beyond 50 ms, from
 *   navigation until the page settled (load) and while jumping and scrolling through the table (scrolling).
 *   The page alone has its own (parsing and laying out 10,000 rows); "added" is the difference.
 * - Linking tasks: main-thread tasks that ran a function of the linking script (the content script, or the
 *   naive script); their longest and their total, relayouts they caused inside the same task included.
 * - Linked on screen: from DOMContentLoaded until every row in the first screen holds a link, in the DOM (checked
 *   at DCL and after each change) and in a painted frame (checked each frame: never before the page's own first
 *   frame, which on this table comes a second or more after DCL).
 * - Jump: from scrolling row 6,000 into view until the 30 rows on screen hold links. Appended: from appending
 *   100 rows at the end of the table (scrolled there) until the last one holds a link, checked at the next frame.
 * - Cost without digits: CDP `Performance.getMetrics` ScriptDuration (median of several loads) on pages with no digits and no scripts
 *   of their own, so all script time there is the content script's (its start-up included); against the floor,
 *   a content script that does only what every page needs (one settings message, through the browser's own API).
 */
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { build } from 'esbuild';
import { cpSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPageServer, type PageServer } from '../tests/e2e/support/page-server';
import { POLICY_CACHE_KEY } from '../lib/settings/store';
import { firstLinkMs } from './first-link';
import { contentScriptSize, describeSize } from '../scripts/content-size';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const OUT = process.env.PBX_OUT_DIR ? resolve(ROOT, process.env.PBX_OUT_DIR) : join(ROOT, '.output');
const EXTENSION_DIR = join(OUT, 'chrome-mv3');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ROWS = 10_000;
const VIEWPORT = { width: 1280, height: 720 };

function args(extension: string | null): string[] {
  return [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
    '--host-resolver-rules=MAP * 127.0.0.1, EXCLUDE localhost',
    ...(extension ? [`--disable-extensions-except=${extension}`, `--load-extension=${extension}`] : []),
  ];
}

/** Measurement hooks every bench page carries (page world; they only read). */
const PROBE = `<script>
  // tsx compiles this file with esbuild's keepNames, so functions passed to page.evaluate call \`__name\`.
  window.__name = (f) => f;
  window.__bench = { dcl: 0, firstFrame: 0, linkedInDom: 0, linkedOnScreen: 0 };
  // The first screenful: rows 0-30 of a 720 px viewport with 20 px rows.
  const firstScreenLinked = () => {
    const rows = document.querySelectorAll('tbody tr');
    if (!rows.length) return false;
    for (let i = 0; i < Math.min(30, rows.length); i++) if (!rows[i].querySelector('a[data-pbx-dial],a.naive')) return false;
    return true;
  };
  document.addEventListener('DOMContentLoaded', () => {
    window.__bench.dcl = performance.now();
    requestAnimationFrame(() => { window.__bench.firstFrame = performance.now(); });
    // In the DOM: checked now (a content script's DCL listener runs before the page's) and after every change.
    if (firstScreenLinked()) window.__bench.linkedInDom = performance.now();
    else {
      const watch = new MutationObserver(() => {
        if (!firstScreenLinked()) return;
        window.__bench.linkedInDom = performance.now();
        watch.disconnect();
      });
      watch.observe(document.body, { childList: true, subtree: true });
    }
    // On screen: checked in each frame, before it is painted.
    const check = () => {
      if (firstScreenLinked()) window.__bench.linkedOnScreen = performance.now();
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
  /** Total blocking time (sum over 50 ms of each main-thread task) from navigation until the page settled. */
  loadTbt: number;
  loadLongest: number;
  /** Longest task that ran the linking script (content script, or the naive script), and their total. */
  scriptLongest: number;
  scriptTotal: number;
  /** Blocking time and longest task while jumping, scrolling through the table and appending rows. */
  scrollTbt: number;
  scrollLongest: number;
  /** The page's first frame after DOMContentLoaded (what "on screen" can at best match). */
  firstFrame: number | null;
  /** From DOMContentLoaded until the first screen's rows hold links: in the DOM, and in a frame (painted). */
  inDom: number | null;
  onScreen: number | null;
  scrolled: number | null;
  appended: number | null;
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tid: number;
  args?: { data?: { url?: string; message?: string; functionName?: string } };
}

/** Records a Chrome trace of everything `fn` makes the page do. */
async function traced(page: Page, fn: () => Promise<void>): Promise<TraceEvent[]> {
  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (d) => void events.push(...(d.value as unknown as TraceEvent[])));
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', {
    categories: 'toplevel,devtools.timeline,disabled-by-default-devtools.timeline',
    transferMode: 'ReportEvents',
  } as never);
  await fn();
  await cdp.send('Tracing.end');
  await complete;
  await cdp.detach();
  return events;
}

/** Task figures from a trace: the renderer's main thread is the one that ran the most tasks. */
function summarise(events: TraceEvent[], scriptUrl: RegExp) {
  const busy = new Map<number, number>();
  for (const e of events) if (e.name === 'RunTask' && e.dur) busy.set(e.tid, (busy.get(e.tid) ?? 0) + e.dur);
  const main = [...busy.entries()].sort((a, b) => b[1] - a[1])[0]![0];
  const mark = events.find((e) => e.name === 'TimeStamp' && e.args?.data?.message === 'bench:interact')?.ts ?? Infinity;
  const tasks = events.filter((e) => e.tid === main && e.name === 'RunTask' && e.dur).sort((a, b) => a.ts - b.ts);
  // The linking script's own JavaScript: calls into it (timers, observers, events) and its evaluation.
  const calls = events
    .filter(
      (e) =>
        e.tid === main &&
        e.dur &&
        (e.name === 'FunctionCall' || e.name === 'EvaluateScript') &&
        scriptUrl.test(e.args?.data?.url ?? ''),
    )
    .sort((a, b) => a.ts - b.ts);
  /** Script time per task (a task's calls summed), so a page's own layout in the same task is not counted. */
  const perTask = new Map<TraceEvent, number>();
  let c = 0;
  for (const t of tasks) {
    while (c < calls.length && calls[c]!.ts < t.ts) c++;
    let sum = 0;
    for (let i = c; i < calls.length && calls[i]!.ts <= t.ts + t.dur!; i++) sum += calls[i]!.dur!;
    if (sum) perTask.set(t, sum);
  }
  if (process.env.BENCH_VERBOSE) {
    // Which step of the interaction a long task came in: the jump, the scroll, or the end of the table.
    const stamp = (name: string) =>
      events.find((e) => e.name === 'TimeStamp' && e.args?.data?.message === `bench:${name}`)?.ts ?? Infinity;
    const phaseOf = (ts: number) =>
      ts < mark ? 'load' : ts < stamp('scroll') ? 'jump' : ts < stamp('append') ? 'scroll' : 'end of the table';
    for (const t of tasks.filter((x) => x.dur! > 50_000)) {
      const inner: Record<string, number> = {};
      for (const e of events) {
        if (
          e.tid !== main ||
          !e.dur ||
          e.name === 'RunTask' ||
          e.ts < t.ts ||
          e.ts + e.dur > t.ts + t.dur! ||
          e.dur < 5000
        )
          continue;
        inner[e.name] = Math.round((inner[e.name] ?? 0) + e.dur / 1000);
      }
      console.log(
        `${phaseOf(t.ts)}: task ${Math.round(t.dur! / 1000)} ms (script ${Math.round((perTask.get(t) ?? 0) / 1000)} ms): ${JSON.stringify(inner)}`,
      );
    }
  }
  if (process.env.BENCH_VERBOSE && perTask.size) {
    // The task with the most linking script, and its calls: what the longest linking run is made of.
    const [task, sum] = [...perTask.entries()].sort((a, b) => b[1] - a[1])[0]!;
    const inside = calls.filter((e) => e.ts >= task.ts && e.ts <= task.ts + task.dur!);
    console.log(
      `longest linking run ${Math.round(sum / 1000)} ms in a task of ${Math.round(task.dur! / 1000)} ms: ` +
        inside
          .map((e) => `${e.name} ${String(e.args?.data?.functionName ?? '')} ${(e.dur! / 1000).toFixed(1)} ms`)
          .join('; '),
    );
  }
  const ms = (us: number) => us / 1000;
  const tbt = (list: TraceEvent[]) => list.reduce((sum, t) => sum + Math.max(0, ms(t.dur!) - 50), 0);
  const longest = (list: TraceEvent[]) => Math.max(0, ...list.map((t) => ms(t.dur!)));
  const load = tasks.filter((t) => t.ts < mark);
  const interact = tasks.filter((t) => t.ts >= mark);
  return {
    loadTbt: tbt(load),
    loadLongest: longest(load),
    scriptLongest: ms(Math.max(0, ...perTask.values())),
    scriptTotal: ms([...perTask.values()].reduce((sum, v) => sum + v, 0)),
    scrollTbt: tbt(interact),
    scrollLongest: longest(interact),
  };
}

/** The floors' content scripts (issue 13), each on its own copy of our built extension. */
const FLOOR_SCRIPTS = {
  /** The least a content script that follows settings can cost: one `getPageConfig` message, nothing else. */
  asks: `chrome.runtime.sendMessage({ type: 'getPageConfig' }).then(() => undefined);\n`,
  /**
   * The least one that also looks at the page's text can cost: the same message, a look at the document at
   * document_start, and once the page is parsed and the settings are in, one test of its text for digits.
   */
  looks: [
    `const settings = chrome.runtime.sendMessage({ type: 'getPageConfig' });`,
    `const root = document.documentElement;`,
    `document.addEventListener('DOMContentLoaded', () => settings.then(() => /\\d/.test(root.textContent ?? '')), { once: true });`,
    '',
  ].join('\n'),
};

/**
 * Our built extension with its content script replaced by one of {@link FLOOR_SCRIPTS} (the content script no
 * longer loads webextension-polyfill, so neither does a floor).
 */
function floorExtension(kind: keyof typeof FLOOR_SCRIPTS): string {
  const dir = mkdtempSync(join(tmpdir(), `pbx-bench-floor-${kind}-`));
  cpSync(EXTENSION_DIR, dir, { recursive: true });
  writeFileSync(join(dir, 'content.js'), FLOOR_SCRIPTS[kind]);
  return dir;
}

interface OpenBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Chromium with `extension` loaded (or none), in a new profile, with the bench's settings stored. */
async function openBrowser(extension: string | null): Promise<OpenBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'pbx-bench-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: args(extension),
    viewport: VIEWPORT,
  });
  const close = async () => {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  };
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
  } catch (error) {
    await close();
    throw error;
  }
  return { context, close };
}

/**
 * Makes the extension what it is on a browser in use: the service worker awake, and the last managed-policy read
 * in its cache. In a new profile Chrome's first read takes seconds (more than ten on a busy machine), and until
 * one is cached the background answers pages only after waiting up to 2 s for it (lib/settings/store.ts); a
 * browser in use has one cached from before, `{}` where no policy is set (what Chrome then answers), so that is
 * stored here, as tests/e2e/page-helpers.ts `warmUp` does, and a page is linked once.
 */
async function warmUp(context: BrowserContext, pages: PageServer, links = true): Promise<void> {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  await worker.evaluate(async (key) => {
    if ((await chrome.storage.local.get(key))[key] === undefined) await chrome.storage.local.set({ [key]: {} });
  }, POLICY_CACHE_KEY);
  const page = await context.newPage();
  await page.goto(pages.add('/warm.html', '<!doctype html><p>+1 415-555-0100</p>'));
  // The floor's content script links nothing: a load is all it needs.
  if (links) await page.waitForSelector('a[data-pbx-dial]', { timeout: 15_000 }).catch(() => undefined);
  await page.close();
}

async function measureTable(page: Page, url: string, name: string, linked: boolean, scriptUrl: RegExp): Promise<Run> {
  let inDom: number | null = null;
  let onScreen: number | null = null;
  let firstFrame: number | null = null;
  let scrolled: number | null = null;
  let appended: number | null = null;
  const events = await traced(page, async () => {
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    if (linked) {
      await page.waitForFunction(
        () => (window as unknown as { __bench: { linkedOnScreen: number } }).__bench.linkedOnScreen > 0,
        null,
        { timeout: 20_000 },
      );
      [inDom, onScreen] = await page.evaluate(() => {
        const b = (window as unknown as { __bench: { linkedInDom: number; linkedOnScreen: number; dcl: number } })
          .__bench;
        return [b.linkedInDom - b.dcl, b.linkedOnScreen - b.dcl];
      });
    }
    // Let the page settle: the content script finishes its walk of the table in the background.
    await page.waitForTimeout(4000);
    firstFrame = await page.evaluate(() => {
      const b = (window as unknown as { __bench: { firstFrame: number; dcl: number } }).__bench;
      return b.firstFrame - b.dcl;
    });
    await page.evaluate(() => console.timeStamp('bench:interact'));
    // Jump deep into the table, then scroll through it as a person would, a screenful at a time.
    const jump = await page.evaluate(async () => {
      const rows = document.querySelectorAll('tbody tr');
      const t0 = performance.now();
      rows[6000]!.scrollIntoView({ block: 'start' });
      return new Promise<number>((resolve) => {
        const check = () => {
          let all = true;
          for (let i = 6000; i < 6030; i++) if (!rows[i]!.querySelector('a[data-pbx-dial],a.naive')) all = false;
          if (all) resolve(performance.now() - t0);
          else if (performance.now() - t0 > 10_000) resolve(-1);
          else requestAnimationFrame(check);
        };
        check();
      });
    });
    if (linked) scrolled = jump;
    await page.evaluate(async () => {
      console.timeStamp('bench:scroll');
      for (let i = 0; i < 40; i++) {
        window.scrollBy(0, 600);
        await new Promise((r) => requestAnimationFrame(r));
        await new Promise((r) => setTimeout(r, 30));
      }
    });
    // Append rows as an infinite list would (at the end of the table, where the reader is).
    const added = await page.evaluate(async () => {
      const tbody = document.querySelector('tbody')!;
      console.timeStamp('bench:append');
      window.scrollTo(0, document.body.scrollHeight);
      return new Promise<number>((resolve) => {
        let last: HTMLTableRowElement | null = null;
        const t0 = performance.now();
        const check = () => {
          if (last?.querySelector('a[data-pbx-dial],a.naive')) resolve(performance.now() - t0);
          else if (performance.now() - t0 > 5_000) resolve(-1);
          else requestAnimationFrame(check);
        };
        for (let i = 0; i < 100; i++) {
          const tr = document.createElement('tr');
          tr.innerHTML = `<td>New ${i}</td><td>+1 415-555-${2000 + i}</td><td>Order #${90_000_000 + i}</td><td>2024-06-01</td>`;
          tbody.append(tr);
          last = tr;
        }
        // Checked at the next frame: what the person would see.
        requestAnimationFrame(check);
      });
    });
    if (linked) appended = added;
    await page.waitForTimeout(500);
  });
  // Each run's 10,000-row page is closed before the next: left open, they pile up in the browser and slow the
  // next run's first frame (seen as a 3.4 s first frame with the extension against 1.3 s alone).
  await page.close();
  return { name, ...summarise(events, scriptUrl), firstFrame, inDom, onScreen, scrolled, appended };
}

/** Runs of the table page alone and with the extension (`BENCH_TABLE_RUNS`, default 3). */
const TABLE_RUNS = Number(process.env.BENCH_TABLE_RUNS) || 3;

/** Each figure's median over `runs` (a figure missing from any run stays missing). */
function medianRun(runs: Run[]): Run {
  const median = (values: (number | null)[]): number | null => {
    if (values.some((v) => v === null)) return null;
    const sorted = (values as number[]).slice().sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)]!;
  };
  const first = runs[0]!;
  const out: Record<string, unknown> = { name: first.name };
  for (const key of Object.keys(first) as (keyof Run)[]) {
    if (key !== 'name') out[key] = median(runs.map((r) => r[key] as number | null));
  }
  return out as unknown as Run;
}

/** The small page without digits: one paragraph. */
const SMALL_PAGE =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>small</title></head><body><h1>About us</h1><p>We make things for people who make things.</p></body></html>';

/** Loads of each page for the script-time figures: a few milliseconds vary by 2× between loads. */
const LOADS = Number(process.env.BENCH_LOADS) || 15;

/** CDP ScriptDuration of loading `url` once in a fresh tab of `context`, in ms. */
async function scriptDurationOnce(context: BrowserContext, url: string): Promise<number> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(url);
  await page.waitForTimeout(700);
  const { metrics } = await cdp.send('Performance.getMetrics');
  await page.close();
  return (metrics.find((m) => m.name === 'ScriptDuration')?.value ?? 0) * 1000;
}

/**
 * The median ScriptDuration of loading `url` {@link LOADS} times in each browser, the browsers taking turns
 * load by load, so that the machine's ups and downs fall on all of them alike.
 */
async function scriptDurations<K extends string>(
  browsers: Record<K, BrowserContext>,
  url: string,
): Promise<Record<K, number>> {
  const figures = Object.fromEntries(Object.keys(browsers).map((k) => [k, [] as number[]])) as Record<K, number[]>;
  for (let i = 0; i < LOADS; i++) {
    for (const k of Object.keys(browsers) as K[]) figures[k].push(await scriptDurationOnce(browsers[k], url));
  }
  const median = (list: number[]) => list.sort((a, b) => a - b)[Math.floor(list.length / 2)]!;
  return Object.fromEntries(Object.entries(figures).map(([k, list]) => [k, median(list as number[])])) as Record<
    K,
    number
  >;
}

/** New profiles for the first-link figures (`BENCH_FIRST_LINK_RUNS`, default 3). */
const FIRST_LINK_RUNS = Number(process.env.BENCH_FIRST_LINK_RUNS) || 3;

/**
 * From a new tab's navigation to its first link (bench/first-link.ts), medians over {@link FIRST_LINK_RUNS}
 * browsers: cold, the first tab of a new profile; warm, a tab of the same browser once warmed up.
 */
async function firstLinks(pages: PageServer): Promise<{ cold: number; warm: number }> {
  const cold: number[] = [];
  const warm: number[] = [];
  for (let i = 0; i < FIRST_LINK_RUNS; i++) {
    const fresh = await openBrowser(EXTENSION_DIR);
    try {
      cold.push(await firstLinkMs(fresh.context, pages, `cold-${i}`));
      await warmUp(fresh.context, pages);
      warm.push(await firstLinkMs(fresh.context, pages, `warm-${i}`));
    } finally {
      await fresh.close();
    }
  }
  const median = (list: number[]) => list.sort((a, b) => a - b)[Math.floor(list.length / 2)]!;
  return { cold: median(cold), warm: median(warm) };
}

const ms = (v: number | null) => (v === null ? '–' : v < 0 ? 'timed out' : `${v.toFixed(0)} ms`);

async function main(): Promise<void> {
  // The part every page loads, the linking part (import() on pages that show digits) and the on-demand part.
  const size = contentScriptSize(EXTENSION_DIR);
  const pages = await startPageServer();
  const naive = await naiveScript();
  pages.add('/bench/naive.js', naive, 'text/javascript');
  const tableUrl = pages.add('/bench/table.html', tablePage());
  const naiveUrl = pages.add('/bench/table-naive.html', tablePage('<script src="/bench/naive.js"></script>'));

  // The page alone and with the extension, TABLE_RUNS times each in turns (the page's own parse and layout
  // alone vary by hundreds of milliseconds from load to load), each figure the median of its runs; the naive
  // script once (its seconds of script dwarf that).
  const aloneRuns: Run[] = [];
  const oursRuns: Run[] = [];
  let naiveRun: Run | undefined;
  const [tableAlone, tableOurs] = await Promise.all([openBrowser(null), openBrowser(EXTENSION_DIR)]);
  try {
    await warmUp(tableOurs.context, pages);
    for (let i = 0; i < TABLE_RUNS; i++) {
      aloneRuns.push(await measureTable(await tableAlone.context.newPage(), tableUrl, 'Page alone', false, /$^/));
      oursRuns.push(
        await measureTable(
          await tableOurs.context.newPage(),
          tableUrl,
          'PBX Click-to-Dial',
          true,
          /^chrome-extension:/,
        ),
      );
    }
    // The naive script links once at DOMContentLoaded: it never links rows appended later.
    naiveRun = await measureTable(
      await tableAlone.context.newPage(),
      naiveUrl,
      'Naive libphonenumber-js',
      true,
      /\/bench\/naive\.js/,
    );
  } finally {
    await Promise.all([tableAlone.close(), tableOurs.close()]);
  }
  const runs: Run[] = [medianRun(aloneRuns), naiveRun, medianRun(oursRuns)];
  const without = await withoutDigits(pages, []);
  const firstLink = await firstLinks(pages);
  await pages.close();

  const base = runs[0]!;
  const added = (v: number, b: number) => ` (+${Math.max(0, v - b).toFixed(0)} ms)`;
  const lines = [
    `Benchmark: ${ROWS.toLocaleString('en')}-row table (a phone and 6 number-like decoys per row), headless Chromium, ${VIEWPORT.width}×${VIEWPORT.height}; page alone and with the extension: medians of ${TABLE_RUNS} runs each, taken in turns.`,
    '',
    '| Run | Longest linking script run | Linking script, total | Blocking time, load (added) | First frame after DCL | On screen linked after DCL: in the DOM | in a painted frame | Jump to row 6,000: linked | 100 appended rows linked | Blocking time, scrolling (added) | Longest task, scrolling |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...runs.map((r) =>
      [
        r.name,
        r === base ? '–' : ms(r.scriptLongest),
        r === base ? '–' : ms(r.scriptTotal),
        `${ms(r.loadTbt)}${r === base ? '' : added(r.loadTbt, base.loadTbt)}`,
        ms(r.firstFrame),
        ms(r.inDom),
        ms(r.onScreen),
        ms(r.scrolled),
        ms(r.appended),
        `${ms(r.scrollTbt)}${r === base ? '' : added(r.scrollTbt, base.scrollTbt)}`,
        ms(r.scrollLongest),
      ]
        .join(' | ')
        .replace(/^/, '| ')
        .concat(' |'),
    ),
    '',
    ...without.lines,
    `New tab to its first link: ${firstLink.cold.toFixed(0)} ms cold (the first tab of a new profile, whose settings wait for Chrome's first managed-policy read), ${firstLink.warm.toFixed(0)} ms warm (medians of ${FIRST_LINK_RUNS} browsers).`,
    describeSize(size),
    '',
    "Blocking time is the sum, over main-thread tasks, of each task's time beyond 50 ms; the page alone has its own",
    '(parsing and laying out 10,000 rows), and "added" subtracts it. Linking script: the JavaScript of the linking script',
    '(the content script, or the naive one) in one task, and in all; relayouts its changes cause show in blocking time.',
    `"–" where a run does not link. Run on ${new Date().toISOString().slice(0, 10)}.`,
  ];
  const text = lines.join('\n');
  console.log(text);
  mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench', 'results', 'latest.md'), `${text}\n`);
}

/** Just the table page with the extension (a quick look after a change to linking), printed, not written. */
async function tableOnly(): Promise<void> {
  const pages = await startPageServer();
  const url = pages.add('/bench/table.html', tablePage());
  // BENCH_COMPARE: other builds' output folders (comma-separated), their runs taken in turns with this build's.
  const compareDirs = compareBuilds();
  const builds = [{ name: 'this build', dir: EXTENSION_DIR }, ...compareDirs.map((dir) => ({ name: dir, dir }))];
  const opened = await Promise.all(builds.map((b) => openBrowser(b.dir)));
  try {
    for (const b of opened) await warmUp(b.context, pages);
    for (let i = 0; i < TABLE_RUNS; i++) {
      for (const [k, b] of opened.entries()) {
        const pg = await b.context.newPage();
        if (process.env.BENCH_CONSOLE) pg.on('console', (m) => console.log(m.text()));
        const r = await measureTable(pg, url, 'PBX Click-to-Dial', true, /^chrome-extension:/);
        console.log(
          `${compareDirs.length ? `${builds[k]!.name}: ` : ''}first frame ${ms(r.firstFrame)}, first screen in the DOM ${ms(r.inDom)}, painted ${ms(r.onScreen)} after DCL; ` +
            `longest linking run ${ms(r.scriptLongest)}, total ${ms(r.scriptTotal)}; jump ${ms(r.scrolled)}; ` +
            `scrolling blocking time ${ms(r.scrollTbt)}; 100 appended rows linked ${ms(r.appended)}`,
        );
      }
    }
  } finally {
    await Promise.all(opened.map((b) => b.close()));
    await pages.close();
  }
}

/** The Chrome builds of `BENCH_COMPARE` (comma-separated output folders), to measure beside this one. */
function compareBuilds(): string[] {
  return (process.env.BENCH_COMPARE ?? '')
    .split(',')
    .filter(Boolean)
    .map((dir) => join(resolve(dir), 'chrome-mv3'));
}

/**
 * Script time on the pages without digits (the small page and the 10,000 rows of words), each a median of
 * {@link LOADS} loads: the page alone, with the extension, with each floor of {@link FLOOR_SCRIPTS}, and with the
 * builds of `compareDirs`, all in browsers open at once and loaded in turns. Returns the lines to print.
 */
async function withoutDigits(pages: PageServer, compareDirs: string[]): Promise<{ lines: string[] }> {
  const smallUrl = pages.add('/bench/small.html', SMALL_PAGE);
  const wordsUrl = pages.add('/bench/words.html', wordsPage());
  const floors = { asks: floorExtension('asks'), looks: floorExtension('looks') };
  const [alone, ours, asks, looks, ...others] = await Promise.all([
    openBrowser(null),
    openBrowser(EXTENSION_DIR),
    openBrowser(floors.asks),
    openBrowser(floors.looks),
    ...compareDirs.map((dir) => openBrowser(dir)),
  ]);
  try {
    await warmUp(ours.context, pages);
    await warmUp(asks.context, pages, false);
    await warmUp(looks.context, pages, false);
    for (const other of others) await warmUp(other.context, pages);
    const browsers: Record<string, BrowserContext> = {
      alone: alone.context,
      ours: ours.context,
      asks: asks.context,
      looks: looks.context,
    };
    for (const [i, other] of others.entries()) browsers[compareDirs[i]!] = other.context;
    const lines: string[] = [];
    for (const [name, url] of [
      ['Small page without digits (one paragraph)', smallUrl],
      [`Page without digits (${ROWS.toLocaleString('en')} rows of words)`, wordsUrl],
    ] as const) {
      const figures = await scriptDurations(browsers, url);
      const added = (key: string) => `${Math.max(0, figures[key]! - figures.alone!).toFixed(1)} ms`;
      lines.push(
        `${name}: content script ${added('ours')} of script time; floors: a content script that only asks for its ` +
          `settings ${added('asks')}, one that also looks at the page's text ${added('looks')}` +
          compareDirs.map((dir) => `; ${dir} ${added(dir)}`).join('') +
          ` (medians of ${LOADS} loads; the page alone ${figures.alone!.toFixed(1)} ms).`,
      );
    }
    return { lines };
  } finally {
    await Promise.all([alone, ours, asks, looks, ...others].map((browser) => browser.close()));
    for (const dir of Object.values(floors)) rmSync(dir, { recursive: true, force: true });
  }
}

/** Just the script time of the pages without digits, against the page alone and the floors, printed. */
async function smallOnly(): Promise<void> {
  const pages = await startPageServer();
  try {
    // BENCH_COMPARE: other builds' output folders (comma-separated), measured in the same turns (a before/after).
    const { lines } = await withoutDigits(pages, compareBuilds());
    for (const line of lines) console.log(line);
  } finally {
    await pages.close();
  }
}

if (process.env.BENCH_ONLY === 'small') {
  smallOnly().catch((error) => {
    console.error(error);
    process.exit(1);
  });
} else if (process.env.BENCH_ONLY === 'table') {
  tableOnly().catch((error) => {
    console.error(error);
    process.exit(1);
  });
} else if (process.env.BENCH_ONLY === 'first-link') {
  // Just the first-link figures (a quick look after a change to start-up), printed, not written to results.
  startPageServer()
    .then(async (pages) => {
      const { cold, warm } = await firstLinks(pages);
      console.log(`New tab to its first link: ${cold.toFixed(0)} ms cold, ${warm.toFixed(0)} ms warm.`);
      await pages.close();
    })
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
} else
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
