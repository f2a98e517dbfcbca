/**
 * Issue 5, end to end: a click on a page link or a tel: link goes through the background's dial service to the
 * PBX (the MaxoTel simulator), and leaves a history entry and the toolbar badge behind.
 */
import type { Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { maxotelParams as params } from '../sim/maxotel';
import {
  expectRequestsStay,
  answerConfirm as answer,
  badgeText as badge,
  confirmWindowAfter,
  expectFailureShown,
  historyOf as history,
  html,
  openLinked,
  openWithSettings,
  settledEntry,
  usMaxotel,
  type Browsing,
} from './page-helpers';

const BODY = `
<p>Office: <span id="office">+1 415-555-0132</span>, desk +1 415-555-0133 x204.</p>
<p><a id="tel" href="tel:+1-415-555-0150">Sales: (415) 555-0150</a></p>
<p>Premium: +1 900-555-0100</p>`;

/** Stores `settings` and opens the fixture page as `/dial/<name>.html`, once its numbers are linked. */
const openFixture = (browsing: Browsing, settings: unknown, name: string): Promise<Page> =>
  openWithSettings(browsing, settings, `/dial/${name}.html`, html(BODY));

test('a click on a page link dials through MaxoTel and is recorded; the badge stays clear', async ({
  context,
  extension,
  pages,
  sim,
}) => {
  const page = await openFixture({ context, extension, pages }, usMaxotel(sim), 'page-link');
  await page.locator('a[data-pbx-dial="+14155550132"]').click();

  await expect.poll(() => sim.requestsFor('maxotel').length).toBe(1);
  expect(params(sim.requestsFor('maxotel')[0]!)).toMatchObject({ origin: '101', destination: '+14155550132' });

  const entry = await settledEntry(extension);
  expect(entry).toMatchObject({
    number: '+14155550132',
    source: 'link',
    origin: pages.origin,
    result: 'queued',
    provider: 'maxotel',
    message: 'Calling +1 415 555 0132: your phone, extension 101, will ring first',
  });
  // The page's origin only: never its path or the fixture name.
  expect(JSON.stringify(entry)).not.toContain('/dial/');
  expect(JSON.stringify(entry)).not.toContain('sim-maxotel');
  expect(await badge(extension)).toBe('');
});

test('a click on a tel: link dials through MaxoTel with source tel-link', async ({
  context,
  extension,
  pages,
  sim,
}) => {
  const page = await openFixture({ context, extension, pages }, usMaxotel(sim), 'tel-link');
  await page.click('#tel');

  await expect.poll(() => sim.requestsFor('maxotel').length).toBe(1);
  expect(params(sim.requestsFor('maxotel')[0]!).destination).toBe('+14155550150');
  expect(await settledEntry(extension)).toMatchObject({
    number: '+14155550150',
    source: 'tel-link',
    result: 'queued',
  });
});

test('an extension MaxoTel cannot dial is left out of the request and named in the history message', async ({
  context,
  extension,
  pages,
  sim,
}) => {
  const page = await openFixture({ context, extension, pages }, usMaxotel(sim), 'ext');
  await page.locator('a[data-pbx-dial="+14155550133;ext=204"]').click();
  const entry = await settledEntry(extension);
  expect(params(sim.requestsFor('maxotel')[0]!).destination).toBe('+14155550133');
  expect(entry.message).toMatch(/When answered, ask for extension 204$/);
});

test('a double click places one call', async ({ context, extension, pages, sim }) => {
  const page = await openFixture({ context, extension, pages }, usMaxotel(sim), 'double');
  await page.locator('a[data-pbx-dial="+14155550132"]').dblclick();
  await expect.poll(() => history(extension)).toHaveLength(1);
  await expectRequestsStay(page, sim, 1, 500);
});

test('a failed dial is recorded with the reason and marks the badge "!"', async ({
  context,
  extension,
  pages,
  sim,
}) => {
  sim.configure('maxotel', { extensionOnline: false });
  const page = await openFixture({ context, extension, pages }, usMaxotel(sim), 'failure');
  await page.locator('a[data-pbx-dial="+14155550132"]').click();

  const entry = await settledEntry(extension);
  expect(entry).toMatchObject({ result: 'failed', source: 'link', errorKind: 'extension-unavailable' });
  expect(entry.message).toMatch(/^Call to \+1 415 555 0132 failed: /);
  await expectFailureShown(extension, entry);

  // The next dial that goes through clears the mark.
  sim.configure('maxotel', { extensionOnline: true });
  await page.locator('a[data-pbx-dial="+14155550133;ext=204"]').click();
  await expect.poll(() => history(extension)).toHaveLength(2);
  await expect.poll(() => badge(extension)).toBe('');
});

test('not configured: the badge shows "?", and a click reaches no PBX', async ({ context, extension, pages, sim }) => {
  await extension.setSettings({ version: 1, provider: null, dialing: { defaultCountry: 'US' } });
  await expect.poll(() => badge(extension)).toBe('?');
  const page = await openLinked(context, pages, '/dial/unconfigured.html', html(BODY));
  await page.locator('a[data-pbx-dial="+14155550132"]').click();
  expect(await settledEntry(extension)).toMatchObject({ result: 'failed', errorKind: 'not-configured' });
  expect(sim.requests).toHaveLength(0);
});

test('a premium-rate number opens the confirmation window; Cancel places no call', async ({
  context,
  extension,
  pages,
  sim,
}) => {
  const page = await openFixture({ context, extension, pages }, usMaxotel(sim), 'premium');
  const confirm = await confirmWindowAfter(context, () => page.locator('a[data-pbx-dial="+19005550100"]').click());
  await expect(confirm.getByTestId('confirm-number')).toHaveText('+1 900 555 0100');
  await expect(confirm.getByTestId('confirm-dialled')).toHaveText('Dialled as +19005550100');
  await expect(confirm.getByTestId('confirm-reason')).toContainText('premium-rate number');
  await answer(confirm, 'Cancel');
  expect(await settledEntry(extension)).toMatchObject({ result: 'cancelled', number: '+19005550100' });
  expect(sim.requestsFor('maxotel')).toHaveLength(0);
});

test('with "ask before each call" on, Call in the confirmation window places the call', async ({
  context,
  extension,
  pages,
  sim,
}) => {
  const page = await openFixture(
    { context, extension, pages },
    usMaxotel(sim, { dialing: { confirm: true } }),
    'confirm',
  );
  const confirm = await confirmWindowAfter(context, () => page.locator('a[data-pbx-dial="+14155550132"]').click());
  await expect(confirm.getByTestId('confirm-reason')).toBeHidden();
  await answer(confirm, 'Call');
  await expect.poll(() => sim.requestsFor('maxotel').length).toBe(1);
  expect((await settledEntry(extension)).result).toBe('queued');
});
