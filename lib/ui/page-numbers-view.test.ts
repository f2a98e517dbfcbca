import { describe, expect, it, vi } from 'vitest';
import { displayDial, pageNumbersView } from './page-numbers-view';

const entry = { dial: '+16195344000', text: '619.534.4000', context: 'Contact Us: 619.534.4000' };
const page = { id: 7, url: 'https://www.example.edu/contact' };

describe('pageNumbersView', () => {
  it('lists what the content script found, with the page’s country', async () => {
    const read = vi.fn(async () => ({ status: 'ok' as const, numbers: [entry], country: 'US' }));
    expect(await pageNumbersView(page, undefined, read)).toEqual({ kind: 'list', numbers: [entry], country: 'US' });
    expect(read).toHaveBeenCalledWith(7);
  });

  it('says there are none on a page without numbers', async () => {
    const view = await pageNumbersView(page, undefined, async () => ({ status: 'ok', numbers: [] }));
    expect(view).toEqual({ kind: 'note', text: { key: 'popup_page_none' } });
  });

  it('does not ask on a blocked site, and says the site is blocked (also when the content script says so)', async () => {
    const read = vi.fn(async () => ({ status: 'ok' as const, numbers: [entry] }));
    expect(await pageNumbersView(page, 'www.example.edu', read)).toEqual({
      kind: 'note',
      text: { key: 'popup_page_blocked', subs: ['www.example.edu'] },
    });
    expect(read).not.toHaveBeenCalled();
    expect(await pageNumbersView(page, undefined, async () => ({ status: 'blocked' }))).toEqual({
      kind: 'note',
      text: { key: 'popup_page_blocked', subs: ['www.example.edu'] },
    });
  });

  it('says browser pages and stores cannot be read, and asks for a reload where no content script answers', async () => {
    const fail = vi.fn(async () => {
      throw new Error('Could not establish connection. Receiving end does not exist.');
    });
    const closed = { kind: 'note', text: { key: 'popup_page_closed' } };
    expect(await pageNumbersView({ id: 1, url: 'chrome://extensions/' }, undefined, fail)).toEqual(closed);
    expect(await pageNumbersView({ id: 1 }, undefined, fail)).toEqual(closed);
    expect(await pageNumbersView(undefined, undefined, fail)).toEqual(closed);
    expect(
      await pageNumbersView({ id: 1, url: 'https://chromewebstore.google.com/detail/x' }, undefined, fail),
    ).toEqual(closed);
    expect(fail).toHaveBeenCalledTimes(1);
    const reload = { kind: 'note', text: { key: 'popup_page_reload' } };
    expect(await pageNumbersView(page, undefined, fail)).toEqual(reload);
    expect(await pageNumbersView(page, undefined, async () => null)).toEqual(reload);
  });
});

describe('displayDial', () => {
  it('shows a dial value in international format with its extension, and anything else as it is', () => {
    expect(displayDial('+16195344000', 'US')).toEqual({ number: '+1 619 534 4000' });
    expect(displayDial('+16195344002;ext=12', 'US')).toEqual({ number: '+1 619 534 4002', ext: '12' });
    expect(displayDial('(619) 534-4000', 'US')).toEqual({ number: '+1 619 534 4000' });
    expect(displayDial('12', 'US')).toEqual({ number: '12' });
  });
});
