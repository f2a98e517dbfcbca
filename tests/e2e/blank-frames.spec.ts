/**
 * Issue 15, item 9, end to end: numbers in about:blank and srcdoc frames (webmail message bodies) are linked and
 * dial; the background accepts those frames' content scripts by the origin they inherit.
 */
import { test, expect } from './support/fixtures';
import { dialsReceived, historyOf, html, openUnlinked, recordDials, settingsWith, usDial } from './page-helpers';

test('a number in a srcdoc frame and in a script-filled about:blank frame is linked and dials', async ({
  context,
  extension,
  pages,
}) => {
  await extension.setSettings(settingsWith());
  await recordDials(extension);
  const mail = html(`<p>Inbox</p>
        <iframe id="srcdoc" srcdoc="<p>Call me on +1 415-555-0161</p>"></iframe>
        <iframe id="blank"></iframe>
        <script>
          const d = document.getElementById('blank').contentDocument;
          d.open(); d.write('<p>Desk: +1 415-555-0162</p>'); d.close();
        </script>`);
  // The top page has no number of its own: its frames' links are waited for below.
  const page = await openUnlinked(context, pages, '/frames/mail.html', mail);
  const srcdoc = page.frameLocator('#srcdoc').locator('a[data-pbx-dial]');
  await expect(srcdoc).toHaveAttribute('data-pbx-dial', '+14155550161');
  await srcdoc.click();
  await expect.poll(() => dialsReceived(extension)).toEqual([usDial('+14155550161')]);
  // The background took it (no PBX here, so it is recorded as not set up), with the frame's inherited origin.
  await expect
    .poll(() => historyOf(extension))
    .toEqual([expect.objectContaining({ number: '+14155550161', origin: pages.origin, errorKind: 'not-configured' })]);

  const blank = page.frameLocator('#blank').locator('a[data-pbx-dial]');
  await expect(blank).toHaveAttribute('data-pbx-dial', '+14155550162');
});
