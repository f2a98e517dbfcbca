/**
 * Issue 5: the call history the dials leave in storage.local: what the popup reads through getPopupState, and
 * clearing it; never in storage.sync.
 */
import { test, expect } from './support/fixtures';
import type { PopupState } from '../../lib/messages';
import { historyOf, html, openUnlinked, openWithSettings, settledEntry, US_PAGE, usMaxotel } from './page-helpers';

test('dials from a page and from the popup are listed newest first, then cleared', async ({
  context,
  extension,
  pages,
  sim,
}) => {
  const page = await openWithSettings({ context, extension, pages }, usMaxotel(sim), '/history/a.html', html(US_PAGE));
  await page.locator('a[data-pbx-dial="+14155550132"]').click();
  await settledEntry(extension);

  // The popup's own channel: an extension page sending the messages the popup sends.
  const { page: popup } = await extension.openPage('popup.html');
  const send = <T>(message: unknown) =>
    popup.evaluate((m) => chrome.runtime.sendMessage(m), message as Record<string, unknown>) as Promise<T>;
  const answer = await send<{ status: string }>({ type: 'dial', number: '(415) 555-0199', source: 'popup' });
  expect(answer.status).toBe('queued');

  const state = await send<PopupState>({ type: 'getPopupState', host: '127.0.0.1' });
  expect(state).toMatchObject({ configured: true, providerLabel: 'MaxoTel', extension: '101', defaultCountry: 'US' });
  expect(state.history.map((e) => [e.number, e.source, e.origin ?? null, e.result])).toEqual([
    ['+14155550199', 'popup', null, 'queued'],
    ['+14155550132', 'link', pages.origin, 'queued'],
  ]);
  expect(await extension.evaluate(() => chrome.storage.sync.get(null), null)).toEqual({});

  await send({ type: 'clearHistory' });
  expect(await extension.storage('history')).toBeUndefined();
  expect((await send<PopupState>({ type: 'getPopupState' })).history).toEqual([]);
});

test('a page cannot clear the history or read it', async ({ context, extension, pages, sim }) => {
  await extension.setSettings(usMaxotel(sim));
  await extension.setStorage({
    history: [
      { id: 'x', number: '+14155550132', display: '+1 415 555 0132', time: 1, source: 'popup', result: 'queued' },
    ],
  });
  const page = await openUnlinked(context, pages, '/history/b.html', html('<p>Nothing here.</p>'));
  // A web page has no chrome.runtime.sendMessage to this extension (not externally connectable): the history
  // stays as it was.
  const reachable = await page.evaluate(
    () => typeof (globalThis as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome?.runtime?.sendMessage,
  );
  expect(reachable).not.toBe('function');
  expect(await historyOf(extension)).toHaveLength(1);
});
