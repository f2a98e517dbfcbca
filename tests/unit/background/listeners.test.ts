/**
 * The background's context menu, keyboard command, omnibox and notification listeners, tested through the
 * listeners they register on (WXT's fake) browser, with the dial service faked.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  createMenus,
  handleMenuClick,
  MENU_LINK,
  MENU_PAGE_LINK,
  MENU_SELECTION,
  registerMenus,
  TEL_LINK_PATTERNS,
  WEB_LINK_PATTERNS,
} from '@/entrypoints/background/menus';
import { CALL_SELECTION_COMMAND, registerCommands } from '@/entrypoints/background/commands';
import { registerOmnibox } from '@/entrypoints/background/omnibox';
import { registerNotificationClicks, SETTINGS_NOTICE_PREFIX, showNotice } from '@/entrypoints/background/notifications';
import { applyBadge } from '@/entrypoints/background/badge';
import { badgeFor } from '@/lib/dial/status';
import type { BackgroundDeps } from '@/entrypoints/background/deps';
import type { Notice } from '@/lib/dial/service';
import { settingsWith } from '@/lib/dial/test-fakes';
import { fakeEvent, installStubs, type Stubs } from './stubs';

let stubs: Stubs;
let notices: Notice[];
let dial: ReturnType<typeof vi.fn>;
let deps: BackgroundDeps;

beforeEach(() => {
  stubs = installStubs();
  notices = [];
  dial = vi.fn(async () => ({ status: 'queued', message: 'ok' }));
  deps = {
    service: { dial } as unknown as BackgroundDeps['service'],
    loadSettings: async () => settingsWith({ dialing: { defaultCountry: 'AU', numberFormat: 'dialable' } }),
    notify: async (notice) => void notices.push(notice),
  };
});

describe('context menu', () => {
  it('creates "Call with PBX" on selections, on tel:/callto:/sip: links, and on web links', async () => {
    await createMenus();
    expect(stubs.contextMenus.removeAll).toHaveBeenCalled();
    const created = stubs.contextMenus.create.mock.calls.map((c) => c[0]);
    expect(created).toEqual([
      { id: MENU_SELECTION, title: 'Call with PBX', contexts: ['selection'] },
      { id: MENU_LINK, title: 'Call with PBX', contexts: ['link'], targetUrlPatterns: TEL_LINK_PATTERNS },
      { id: MENU_PAGE_LINK, title: 'Call with PBX', contexts: ['link'], targetUrlPatterns: WEB_LINK_PATTERNS },
    ]);
    expect(TEL_LINK_PATTERNS).toEqual(['tel:*', 'callto:*', 'sip:*', 'sips:*']);
    expect(WEB_LINK_PATTERNS).toEqual(['http://*/*', 'https://*/*', 'file:///*']);
  });

  it('falls back to every link when the browser refuses the tel: patterns', async () => {
    const runtime = fakeBrowser.runtime as unknown as { lastError?: { message: string } };
    stubs.contextMenus.create.mockImplementation((props: { targetUrlPatterns?: string[] }, callback?: () => void) => {
      runtime.lastError = props.targetUrlPatterns ? { message: "Invalid url pattern 'tel:*'" } : undefined;
      callback?.();
      runtime.lastError = undefined;
    });
    await createMenus();
    expect(stubs.contextMenus.create.mock.calls.at(-1)![0]).toEqual({
      id: MENU_LINK,
      title: 'Call with PBX',
      contexts: ['link'],
    });
  });

  it('on Firefox, shows the link item only on phone links and links whose text is a number', async () => {
    const ff = { onShown: fakeEvent(), update: vi.fn(async () => undefined), refresh: vi.fn(async () => undefined) };
    (fakeBrowser as unknown as { menus: unknown }).menus = ff;
    await createMenus();
    expect(stubs.contextMenus.create.mock.calls[1]![0]).toMatchObject({ id: MENU_LINK, visible: false });
    registerMenus(deps);
    await ff.onShown.trigger({ menuIds: [MENU_LINK], linkUrl: 'https://crm.example/c/1', linkText: '0412 345 678' });
    await vi.waitFor(() => expect(ff.update).toHaveBeenLastCalledWith(MENU_LINK, { visible: true }));
    await ff.onShown.trigger({ menuIds: [MENU_LINK], linkUrl: 'https://crm.example/c/1', linkText: 'Contact' });
    await vi.waitFor(() => expect(ff.update).toHaveBeenLastCalledWith(MENU_LINK, { visible: false }));
    expect(ff.refresh).toHaveBeenCalledTimes(2);
  });

  it('dials the number in the selection with source "menu" and the page origin only', async () => {
    registerMenus(deps);
    await stubs.contextMenus.onClicked.trigger(
      {
        menuItemId: MENU_SELECTION,
        selectionText: 'Mobile: 0412 345 678',
        pageUrl: 'https://crm.example.com/people/42?x=1',
      },
      { id: 3, url: 'https://crm.example.com/people/42?x=1' },
    );
    await vi.waitFor(() =>
      expect(dial).toHaveBeenCalledWith({ number: '+61412345678', source: 'menu', origin: 'https://crm.example.com' }),
    );
  });

  it('uses the frame URL for a selection inside an iframe', async () => {
    await handleMenuClick(deps, {
      menuItemId: MENU_SELECTION,
      selectionText: '+1 415 555 0132',
      pageUrl: 'https://outer.example/',
      frameUrl: 'https://widget.example/frame',
    });
    expect(dial.mock.calls[0]![0]).toMatchObject({ origin: 'https://widget.example' });
  });

  it('dials a tel: link', async () => {
    registerMenus(deps);
    await stubs.contextMenus.onClicked.trigger({ menuItemId: MENU_LINK, linkUrl: 'tel:+14155550132;ext=9' }, undefined);
    await vi.waitFor(() =>
      expect(dial.mock.calls[0]![0]).toMatchObject({ number: '+14155550132;ext=9', source: 'menu' }),
    );
  });

  it('says so in a notification when the selection holds no number, and dials nothing', async () => {
    registerMenus(deps);
    await stubs.contextMenus.onClicked.trigger(
      { menuItemId: MENU_SELECTION, selectionText: 'Best regards, Ann' },
      undefined,
    );
    await vi.waitFor(() =>
      expect(notices).toEqual([
        { title: 'No phone number', message: 'No phone number found in "Best regards, Ann".', opensSettings: false },
      ]),
    );
    expect(dial).not.toHaveBeenCalled();
  });

  it('on a web link, asks the content script of its frame for the number in the link and dials it', async () => {
    const send = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue({
      status: 'ok',
      country: 'US',
      numbers: [
        { dial: '+16195344000', text: '619.534.4000', context: 'Contact Us: 619.534.4000' },
        { dial: '+16195344001', text: '619.534.4001', context: 'Fax 619.534.4001' },
      ],
    });
    registerMenus(deps);
    await stubs.contextMenus.onClicked.trigger(
      {
        menuItemId: MENU_PAGE_LINK,
        linkUrl: 'https://www.example.edu/contact',
        frameId: 4,
        frameUrl: 'https://www.example.edu/w',
      },
      { id: 9, url: 'https://www.example.edu/' },
    );
    await vi.waitFor(() =>
      expect(dial).toHaveBeenCalledWith({ number: '+16195344000', source: 'menu', origin: 'https://www.example.edu' }),
    );
    expect(send).toHaveBeenCalledWith(9, { type: 'getMenuNumbers' }, { frameId: 4 });
    expect(dial).toHaveBeenCalledTimes(1);
  });

  it('reads a national number from the link with the page’s country, checking it like a typed one', async () => {
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue({
      status: 'ok',
      country: 'US',
      numbers: [{ dial: '(619) 534-4000', text: '(619) 534-4000', context: '' }],
    });
    await handleMenuClick(deps, { menuItemId: MENU_PAGE_LINK, linkUrl: 'https://x.example/' }, undefined, 2);
    expect(dial.mock.calls[0]![0]).toMatchObject({ number: '+16195344000', source: 'menu' });
  });

  it('says why when the link holds no number, the site is blocked or no content script answers; dials nothing', async () => {
    const send = vi.spyOn(fakeBrowser.tabs, 'sendMessage');
    const click = { menuItemId: MENU_PAGE_LINK, linkUrl: 'https://x.example/about' };
    send.mockResolvedValueOnce({ status: 'ok', numbers: [] });
    await handleMenuClick(deps, click, undefined, 2);
    send.mockResolvedValueOnce({ status: 'blocked' });
    await handleMenuClick(deps, click, undefined, 2);
    send.mockRejectedValueOnce(new Error('Could not establish connection. Receiving end does not exist.'));
    await handleMenuClick(deps, click, undefined, 2);
    send.mockResolvedValueOnce({ status: 'ok', numbers: [{ dial: 'javascript:alert(1)', text: '', context: '' }] });
    await handleMenuClick(deps, click, undefined, 2);
    expect(notices.map((n) => n.message)).toEqual([
      'This link is not a phone number.',
      expect.stringMatching(/blocked sites/),
      'This link is not a phone number.',
      expect.not.stringMatching(/^This link is not a phone number\.$/),
    ]);
    expect(dial).not.toHaveBeenCalled();
  });

  it("ignores other extensions' menu items", async () => {
    await handleMenuClick(deps, { menuItemId: 'something-else', selectionText: '+1 415 555 0132' });
    expect(dial).not.toHaveBeenCalled();
    expect(notices).toEqual([]);
  });
});

describe('keyboard command call-selection', () => {
  it("asks the tab's content script for its selection and dials it with source 'shortcut'", async () => {
    const send = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue('call 0412 345 678 please');
    registerCommands(deps);
    await stubs.commands.onCommand.trigger(CALL_SELECTION_COMMAND, { id: 7, url: 'https://mail.example/inbox/5' });
    await vi.waitFor(() =>
      expect(dial).toHaveBeenCalledWith({ number: '+61412345678', source: 'shortcut', origin: 'https://mail.example' }),
    );
    expect(send).toHaveBeenCalledWith(7, { type: 'getSelection' }, { frameId: 0 });
  });

  it('accepts an answer shaped { text }', async () => {
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue({ text: '+1 415 555 0132' });
    registerCommands(deps);
    await stubs.commands.onCommand.trigger(CALL_SELECTION_COMMAND, { id: 7 });
    await vi.waitFor(() => expect(dial.mock.calls[0]![0]).toMatchObject({ number: '+14155550132' }));
  });

  it('explains plainly when the page has no content script (chrome:// pages)', async () => {
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockRejectedValue(
      new Error('Could not establish connection. Receiving end does not exist.'),
    );
    registerCommands(deps);
    await stubs.commands.onCommand.trigger(CALL_SELECTION_COMMAND, { id: 9, url: 'chrome://settings/' });
    await vi.waitFor(() => expect(notices[0]!.title).toBe('Cannot read the selection here'));
    expect(notices[0]!.message).toMatch(/chrome:\/\/.*Call with PBX.*Alt\+Shift\+D/);
    expect(dial).not.toHaveBeenCalled();
  });

  it('says when nothing is selected', async () => {
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue('');
    registerCommands(deps);
    await stubs.commands.onCommand.trigger(CALL_SELECTION_COMMAND, { id: 7 });
    await vi.waitFor(() => expect(notices[0]!.message).toBe('Nothing is selected: select a phone number first.'));
  });

  it('uses the active tab when the browser passes none, and ignores other commands', async () => {
    // The fake's own active-tab bookkeeping does not answer `active: true` queries, so answer it here.
    const query = vi
      .spyOn(fakeBrowser.tabs, 'query')
      .mockResolvedValue([{ id: 5, url: 'https://crm.example/' }] as never);
    const active = { id: 5 };
    const send = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue('+1 415 555 0132');
    registerCommands(deps);
    await stubs.commands.onCommand.trigger('some-other-command', undefined);
    expect(send).not.toHaveBeenCalled();
    await stubs.commands.onCommand.trigger(CALL_SELECTION_COMMAND, undefined);
    await vi.waitFor(() => expect(send).toHaveBeenCalledWith(active.id, { type: 'getSelection' }, { frameId: 0 }));
    expect(query).toHaveBeenCalledWith({ active: true, currentWindow: true });
    await vi.waitFor(() => expect(dial.mock.calls[0]![0]).toMatchObject({ origin: 'https://crm.example' }));
  });
});

describe('omnibox keyword "call"', () => {
  it('shows the number as it will be dialled while typing, escaped for Chrome', async () => {
    registerOmnibox(deps, { xml: true });
    const suggest = vi.fn();
    await stubs.omnibox.onInputChanged.trigger('0412 345 678', suggest);
    await vi.waitFor(() =>
      expect(stubs.omnibox.setDefaultSuggestion).toHaveBeenLastCalledWith({
        description: 'Call +61 412 345 678 (dialled as 0412345678)',
      }),
    );
    await stubs.omnibox.onInputChanged.trigger('<b>', suggest);
    await vi.waitFor(() =>
      expect(stubs.omnibox.setDefaultSuggestion).toHaveBeenLastCalledWith({
        description: '&quot;&lt;b&gt;&quot; is not a phone number.',
      }),
    );
  });

  it('dials on Enter with source "omnibox"', async () => {
    registerOmnibox(deps, { xml: false });
    await stubs.omnibox.onInputEntered.trigger(' 0412 345 678 ', 'currentTab');
    expect(dial).toHaveBeenCalledWith({ number: '0412 345 678', source: 'omnibox' });
  });
});

describe('notifications', () => {
  it('uses the extension icon, and a click on a failure opens the options page', async () => {
    const create = vi.spyOn(fakeBrowser.notifications, 'create');
    registerNotificationClicks();
    await showNotice({ title: 'Call failed', message: 'MaxoTel rejected the API key', opensSettings: true });
    await showNotice({ title: 'Calling', message: 'Calling +1 415 555 0132', opensSettings: false });
    const calls = create.mock.calls as unknown as [string, unknown][];
    const ids = calls.map((c) => c[0]);
    expect(calls[0]![1]).toEqual({
      type: 'basic',
      iconUrl: 'chrome-extension://test-extension-id/icons/128.png',
      title: 'Call failed',
      message: 'MaxoTel rejected the API key',
      contextMessage: 'Click to open the settings',
    });
    const failure = ids.find((id) => id.startsWith(SETTINGS_NOTICE_PREFIX))!;
    const info = ids.find((id) => !id.startsWith(SETTINGS_NOTICE_PREFIX))!;
    await fakeBrowser.notifications.onClicked.trigger(info);
    expect(stubs.openOptionsPage).not.toHaveBeenCalled();
    await fakeBrowser.notifications.onClicked.trigger(failure);
    expect(stubs.openOptionsPage).toHaveBeenCalledTimes(1);
  });
});

describe('badge', () => {
  it('sets the tooltip from the locale table, with the last error inside it', async () => {
    const setTitle = vi.spyOn(fakeBrowser.action, 'setTitle').mockResolvedValue(undefined);
    vi.spyOn(fakeBrowser.action, 'setBadgeText').mockResolvedValue(undefined);
    vi.spyOn(fakeBrowser.action, 'setBadgeBackgroundColor').mockResolvedValue(undefined);
    await applyBadge(badgeFor({ configured: false }));
    await applyBadge(badgeFor({ configured: true, lastError: { time: 1, message: 'Call to +1 415 555 0132 failed' } }));
    expect(setTitle.mock.calls.map((c) => c[0])).toEqual([
      { title: 'PBX Click-to-Dial is not set up: open the options to connect your PBX.' },
      { title: 'PBX Click-to-Dial: Call to +1 415 555 0132 failed' },
    ]);
  });
});
