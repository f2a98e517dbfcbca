/**
 * Issue 5 wiring: first install opens the options page's welcome and marks the badge "?"; a settings change
 * reaches every tab's content script; the options page's connection test runs through the background.
 */
import { test, expect } from './support/fixtures';
import type { TestConnectionResponse } from '../../lib/messages';
import { badgeText, html, openWithSettings, usMaxotel } from './page-helpers';

test.describe('in a new profile', () => {
  // A first install happens once per profile: this test needs a browser of its own.
  test.use({ freshBrowser: true });

  test('first install opens the options page with ?welcome=1 and the badge asks to be set up', async ({
    context,
    extension,
  }) => {
    await expect.poll(() => context.pages().map((p) => p.url())).toContain(extension.url('options.html?welcome=1'));
    // Chrome's first read of managed storage in a new profile takes seconds here; the badge follows it.
    await expect.poll(() => badgeText(extension), { timeout: 10_000 }).toBe('?');
    expect(await extension.evaluate(() => chrome.action.getTitle({}), null)).toMatch(/not set up/);
  });
});

test('a settings change reaches the open tab: blocking its site removes the links', async ({
  context,
  extension,
  pages,
  sim,
}) => {
  const doc = html('<p>Call +1 415-555-0132 today.</p>');
  const page = await openWithSettings({ context, extension, pages }, usMaxotel(sim), '/wiring/a.html', doc, {
    links: 1,
  });
  await extension.setSettings(usMaxotel(sim, { pages: { blockedSites: ['127.0.0.1'] } }));
  await expect(page.locator('a[data-pbx-dial]')).toHaveCount(0);
});

test('testConnection checks an unsaved document step by step, and a failure marks the badge', async ({
  extension,
  sim,
}) => {
  const { page } = await extension.openPage('options.html');
  const test = (settings: unknown) =>
    page.evaluate(
      (s) => chrome.runtime.sendMessage({ type: 'testConnection', settings: s }),
      settings as object,
    ) as Promise<TestConnectionResponse>;

  const good = await test(sim.settingsFor('maxotel'));
  expect(good.ok).toBe(true);
  expect(good.steps.map((s) => [s.name, s.ok])).toEqual([
    ['Settings', true],
    ['MaxoTel', true],
  ]);

  const invalid = await test({ version: 1, provider: { type: 'maxotel' } });
  expect(invalid.ok).toBe(false);
  expect(invalid.steps[0]!.detail).toMatch(/provider\.apiKey: is required/);

  const wrongKey = await test(sim.settingsFor('maxotel', { apiKey: 'wrong-key-123' }));
  expect(wrongKey.ok).toBe(false);
  expect(wrongKey.steps[1]!.name).toBe('MaxoTel');
  expect(wrongKey.steps[1]!.detail).not.toContain('wrong-key-123');
  await extension.setSettings(sim.settingsFor('maxotel'));
  await expect.poll(() => badgeText(extension)).toBe('!');
});
