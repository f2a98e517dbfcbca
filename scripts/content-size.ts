/**
 * The content script's size as its budget counts it (issue 13: 60 KiB gzipped in all): the part every page loads
 * and the linking part that pages showing digits load with `import()`, each gzipped at level 9; the part the popup
 * and the context menu load on demand is printed beside them, outside the budget.
 *
 *   node --import tsx scripts/content-size.ts [extension dir]   # default .output/chrome-mv3; exits 1 over budget
 *
 * `npm test` runs it after the Chrome build (`npm run check:size`), so a change that outgrows the budget is red,
 * not found at the next bench; `npm run bench` prints the same figures.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** The budget of the content script's two parts together, gzipped. */
export const CONTENT_BUDGET_KIB = 60;

export interface PartSize {
  bytes: number;
  /** Gzipped at level 9, in KiB. */
  gzipKiB: number;
}

export interface ContentScriptSize {
  /** content.js: on every page. */
  everyPage: PartSize;
  /** linking.js: on pages that show digits. */
  linking: PartSize;
  /** page-numbers.js: when the popup or the context menu asks for a page's numbers (outside the budget). */
  onDemand: PartSize;
  /** everyPage + linking, gzipped: what the budget counts. */
  totalKiB: number;
}

function sizeOf(file: string): PartSize {
  const bytes = readFileSync(file);
  return { bytes: bytes.length, gzipKiB: gzipSync(bytes, { level: 9 }).length / 1024 };
}

/** The sizes of the built content script in `extensionDir` (a Chrome build's output folder). */
export function contentScriptSize(extensionDir: string): ContentScriptSize {
  const everyPage = sizeOf(join(extensionDir, 'content.js'));
  const linking = sizeOf(join(extensionDir, 'linking.js'));
  const onDemand = sizeOf(join(extensionDir, 'page-numbers.js'));
  return { everyPage, linking, onDemand, totalKiB: everyPage.gzipKiB + linking.gzipKiB };
}

/** One line for people: the figures and the budget. */
export function describeSize(size: ContentScriptSize): string {
  const kib = (v: number) => `${v.toFixed(1)} KiB`;
  const bytes = (part: PartSize) => `${part.bytes.toLocaleString('en')} bytes`;
  return (
    `Content script: ${kib(size.totalKiB)} gzipped in all (budget ${CONTENT_BUDGET_KIB} KiB): ` +
    `${kib(size.everyPage.gzipKiB)} on every page (${bytes(size.everyPage)}), ` +
    `${kib(size.linking.gzipKiB)} more on pages that show digits (${bytes(size.linking)}); ` +
    `${kib(size.onDemand.gzipKiB)} more when the popup or the context menu asks for a page's numbers.`
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = resolve(process.argv[2] ?? '.output/chrome-mv3');
  let size: ContentScriptSize;
  try {
    size = contentScriptSize(dir);
  } catch (error) {
    console.error(`content-size: no built content script in ${dir} (run npm run build:chrome first): ${String(error)}`);
    process.exit(2);
  }
  console.log(describeSize(size));
  if (size.totalKiB > CONTENT_BUDGET_KIB) {
    console.error(
      `content-size: ${size.totalKiB.toFixed(2)} KiB is over the budget of ${CONTENT_BUDGET_KIB} KiB by ` +
        `${(size.totalKiB - CONTENT_BUDGET_KIB).toFixed(2)} KiB: make the content script smaller (docs/speed.md).`,
    );
    process.exit(1);
  }
}
