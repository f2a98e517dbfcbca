/**
 * Framework safety (facebook/react#11538): a real React app (react-dom from node_modules) adds, edits,
 * reorders and removes rows with phone numbers hundreds of times while the extension links them. React must
 * never throw, and the text on screen must always match the app's state.
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { test, expect } from './support/fixtures';
import { settingsWith, warmUp } from './page-helpers';

const APP = fileURLToPath(new URL('../fixtures/pages/react/app.jsx', import.meta.url));

let bundle = '';
test.beforeAll(async () => {
  // Development React: its warnings (console.error) count as failures too.
  const result = await build({
    entryPoints: [APP],
    bundle: true,
    write: false,
    format: 'iife',
    jsx: 'automatic',
    // The repository's tsconfig says Preact; this fixture is React on purpose.
    jsxImportSource: 'react',
    tsconfigRaw: {},
    define: { 'process.env.NODE_ENV': '"development"' },
    logLevel: 'silent',
  });
  bundle = result.outputFiles[0]!.text;
});

type View = { rows: string[]; first: string; all: string };
declare global {
  interface Window {
    __app: {
      run(count: number, batched?: boolean): Promise<void>;
      expected(): View;
      shown(): View;
      frame(): Promise<{ shown: View; expected: View }>;
      rows(): number;
    };
  }
}

test('React keeps working and shows its state while the extension links its text', async ({
  context,
  extension,
  pages,
  pageErrors,
}) => {
  test.setTimeout(90_000);
  await extension.setSettings(settingsWith());
  await warmUp(context, pages, extension);
  pages.add('/react/app.js', bundle, 'text/javascript; charset=utf-8');
  const page = await context.newPage();
  await page.goto(pages.url('/react/index.html'));
  expect(await page.locator('#rows tr').count(), pageErrors.join('\n')).toBe(20);
  await expect
    .poll(() => page.evaluate(() => document.querySelectorAll('#rows a[data-pbx-dial]').length))
    .toBeGreaterThan(40);

  let operations = 0;
  for (let round = 0; round < 60; round++) {
    const batched = round % 3 === 2;
    // Checked inside the next animation frame: what a person would see painted.
    const { shown, expected } = await page.evaluate(
      async ({ batched }) => {
        await window.__app.run(10, batched);
        return window.__app.frame();
      },
      { batched },
    );
    operations += 10;
    expect(shown, `after ${operations} operations`).toEqual(expected);
    if (round % 10 === 9) {
      // Linking catches up with the new state: every cell that shows a number has exactly one link.
      await expect
        .poll(() =>
          page.evaluate(() => {
            const cells = Array.from(document.querySelectorAll('#rows td')).filter((td) =>
              /\+1 415/.test(td.textContent!),
            );
            return cells.every((td) => td.querySelectorAll('a[data-pbx-dial]').length === 1);
          }),
        )
        .toBe(true);
    }
  }
  expect(operations).toBe(600);
  expect(await page.evaluate(() => window.__app.rows())).toBeGreaterThan(3);
  expect(pageErrors).toEqual([]);
});
