/**
 * An extension update (or reload) leaves the content script of every open tab behind, cut off from the
 * extension: it can still touch the page but no longer reach the background. That copy must stand down at the
 * first click, not cancel a click on the page's own tel: link that it can no longer dial
 * (lib/page/script-context.ts).
 */
import { test, expect } from './support/fixtures';
import { html, openWithSettings, settingsWith } from './page-helpers';

test.use({ freshBrowser: true });

const BODY = `
<p>Office <span id="office">+1 415-555-0132</span> · London <a id="tel" href="tel:+44-20-7946-0000">+44 20 7946 0000</a></p>
<script>
  // Records, after the content script, whether each click's default action was cancelled; the page cancels
  // the navigation itself (tel: would go to the operating system).
  window.prevented = [];
  document.addEventListener('click', (e) => { window.prevented.push(e.defaultPrevented); e.preventDefault(); });
</script>`;

test('after the extension reloads, the tab’s old content script lets a tel: click through and unlinks the page', async ({
  context,
  extension,
  pages,
}) => {
  const page = await openWithSettings({ context, extension, pages }, settingsWith(), '/update/page.html', html(BODY));
  await expect(page.locator('#office a[data-pbx-dial]')).toHaveCount(1);

  // What an update does to open tabs: the extension restarts, the tab keeps its old content script.
  const gone = new Promise((resolve) => extension.worker.once('close', resolve));
  void extension.evaluate(() => chrome.runtime.reload(), undefined).catch(() => undefined);
  await gone;

  await page.click('#tel');
  expect(await page.evaluate(() => (window as unknown as { prevented: boolean[] }).prevented)).toEqual([false]);
  // Standing down, it gave the page back its text as it was.
  await expect(page.locator('a[data-pbx-dial]')).toHaveCount(0);
  await expect(page.locator('#office')).toHaveText('+1 415-555-0132');
});
