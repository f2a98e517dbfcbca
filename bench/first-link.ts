/**
 * Issue 11, part 3: how long after a new tab's navigation its first number is linked, cold (the browser just
 * started with a new profile: the content script's settings wait for Chrome's first managed-policy read) and
 * warm (a browser in use: that read done and cached). Measured in the page itself: `performance.now()` counts
 * from the navigation's start, and a MutationObserver notes the first `a[data-pbx-dial]`.
 */
import type { BrowserContext } from '@playwright/test';
import type { PageServer } from '../tests/e2e/support/page-server';

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>first link</title><script>
  window.__firstLink = null;
  new MutationObserver((_, observer) => {
    if (document.querySelector('a[data-pbx-dial]')) {
      window.__firstLink = performance.now();
      observer.disconnect();
    }
  }).observe(document, { subtree: true, childList: true });
</script></head><body><p>Call us on +1 415-555-0132.</p></body></html>`;

/** Opens the page in a new tab of `context` and returns the milliseconds from navigation to its first link. */
export async function firstLinkMs(context: BrowserContext, pages: PageServer, name: string): Promise<number> {
  const page = await context.newPage();
  try {
    await page.goto(pages.add(`/bench/first-link-${name}.html`, PAGE));
    await page.waitForFunction(() => (window as unknown as { __firstLink: number | null }).__firstLink !== null, null, {
      timeout: 30_000,
    });
    return await page.evaluate(() => (window as unknown as { __firstLink: number }).__firstLink);
  } finally {
    await page.close();
  }
}
