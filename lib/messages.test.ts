import { describe, expect, it } from 'vitest';
import {
  MAX_PAGE_NUMBERS,
  contentAnswer,
  parseMessage,
  parsePageNumbersAnswer,
  senderPage,
  senderRole,
  type SenderRole,
} from './messages';

const ID = 'abcdefghijklmnop';
const ORIGIN = `chrome-extension://${ID}/`;

describe('senderRole', () => {
  it('knows our content scripts and our pages', () => {
    expect(senderRole({ id: ID, url: 'https://crm.example/x', tab: { id: 3 } }, ID, ORIGIN)).toBe('content');
    expect(senderRole({ id: ID, url: `${ORIGIN}popup.html` }, ID, ORIGIN)).toBe('extension-page');
    expect(senderRole({ id: ID, url: `${ORIGIN}options.html`, tab: { id: 4 } }, ID, ORIGIN)).toBe('extension-page');
  });
  it('refuses other extensions, unknown URLs and look-alike origins', () => {
    expect(senderRole({ id: 'other', url: 'https://crm.example/', tab: { id: 1 } }, ID, ORIGIN)).toBeNull();
    expect(senderRole({ id: ID, url: 'chrome://newtab/', tab: { id: 1 } }, ID, ORIGIN)).toBeNull();
    expect(senderRole({ id: ID, url: `chrome-extension://${ID}evil/popup.html` }, ID, ORIGIN)).toBeNull();
    expect(senderRole({ id: ID, url: 'https://crm.example/' }, ID, ORIGIN)).toBeNull();
    expect(senderRole({}, ID, ORIGIN)).toBeNull();
  });
});

describe('about:blank and srcdoc frames (issue 15)', () => {
  it('are content scripts of the page whose origin they inherit', () => {
    const blank = { id: ID, url: 'about:blank', origin: 'https://mail.example', tab: { id: 3 }, frameId: 7 };
    expect(senderRole(blank, ID, ORIGIN)).toBe('content');
    expect(senderRole({ ...blank, url: 'about:srcdoc' }, ID, ORIGIN)).toBe('content');
    expect(senderPage({ ...blank, url: 'about:srcdoc' })).toBe('https://mail.example');
    expect(senderPage({ id: ID, url: 'https://crm.example/x', origin: 'https://crm.example' })).toBe(
      'https://crm.example/x',
    );
  });
  it('are refused without a web origin, or outside a tab', () => {
    const blank = { id: ID, url: 'about:blank', tab: { id: 3 } };
    expect(senderRole(blank, ID, ORIGIN)).toBeNull();
    expect(senderRole({ ...blank, origin: 'null' }, ID, ORIGIN)).toBeNull();
    expect(senderRole({ ...blank, origin: 'chrome://settings' }, ID, ORIGIN)).toBeNull();
    expect(senderRole({ id: ID, url: 'about:blank', origin: 'https://mail.example' }, ID, ORIGIN)).toBeNull();
    expect(senderRole({ ...blank, url: 'about:config', origin: 'https://mail.example' }, ID, ORIGIN)).toBeNull();
  });
});

describe('parseMessage', () => {
  const ok = (raw: unknown, role: SenderRole) => parseMessage(raw, role).ok;
  const reason = (raw: unknown, role: SenderRole | null) => {
    const r = parseMessage(raw, role);
    return r.ok ? 'accepted' : r.reason;
  };

  it('accepts a page dial from a content script', () => {
    expect(ok({ type: 'dial', number: '+14155550132;ext=204', source: 'link', country: 'US' }, 'content')).toBe(true);
    expect(ok({ type: 'dial', number: '0412 345 678', source: 'tel-link' }, 'content')).toBe(true);
  });

  it('accepts a known doubt on a tel-link dial only', () => {
    expect(ok({ type: 'dial', number: '+12685550100', source: 'tel-link', doubt: 'hidden' }, 'content')).toBe(true);
    expect(ok({ type: 'dial', number: '+12685550100', source: 'tel-link', doubt: 'text-differs' }, 'content')).toBe(
      true,
    );
    expect(reason({ type: 'dial', number: '+12685550100', source: 'link', doubt: 'hidden' }, 'content')).toMatch(
      /doubt/,
    );
    expect(reason({ type: 'dial', number: '+12685550100', source: 'tel-link', doubt: 'fine' }, 'content')).toMatch(
      /doubt/,
    );
  });

  it('does not let a content script claim a popup, menu or omnibox source', () => {
    expect(reason({ type: 'dial', number: '+14155550132', source: 'popup' }, 'content')).toMatch(/source not allowed/);
    expect(reason({ type: 'dial', number: '+14155550132', source: 'menu' }, 'content')).toMatch(/source not allowed/);
    expect(ok({ type: 'dial', number: '+14155550132', source: 'popup' }, 'extension-page')).toBe(true);
  });

  it('checks shapes and lengths', () => {
    expect(reason({ type: 'dial', number: '1'.repeat(65), source: 'link' }, 'content')).toMatch(/1 to 64/);
    expect(reason({ type: 'dial', number: '', source: 'link' }, 'content')).toMatch(/1 to 64/);
    expect(reason({ type: 'dial', number: 5, source: 'link' }, 'content')).toMatch(/1 to 64/);
    expect(reason({ type: 'dial', number: '1', source: 'link', country: 'usa' }, 'content')).toMatch(/country/);
    expect(reason({ type: 'dial', number: '1', source: 'link', extra: 1 }, 'content')).toMatch(/unexpected keys/);
    expect(reason({ type: 'setSiteBlocked', host: 'a.example' }, 'extension-page')).toMatch(/needs host and blocked/);
    expect(reason({ type: 'setSiteBlocked', host: 'a'.repeat(300), blocked: true }, 'extension-page')).toMatch(
      /needs host/,
    );
    expect(reason({ type: 'testConnection', settings: { x: 'y'.repeat(70000) } }, 'extension-page')).toMatch(
      /too large/,
    );
    expect(reason({ type: 'testConnection', settings: {}, createForExtension: '1' }, 'extension-page')).toMatch(
      /unexpected keys/,
    );
    expect(
      ok({ type: 'providerAction', settings: {}, action: 'createClickToCall', input: '101' }, 'extension-page'),
    ).toBe(true);
    expect(ok({ type: 'providerAction', settings: {}, action: 'listClickToCalls' }, 'extension-page')).toBe(true);
    expect(reason({ type: 'providerAction', settings: {} }, 'extension-page')).toMatch(/action must be a name/);
    expect(reason({ type: 'providerAction', settings: {}, action: '__proto__' }, 'extension-page')).toMatch(
      /action must be a name/,
    );
    expect(
      reason({ type: 'providerAction', settings: {}, action: 'a', input: 'x'.repeat(201) }, 'extension-page'),
    ).toMatch(/bad input/);
    expect(reason({ type: 'providerAction', settings: {}, action: 'a', extra: 1 }, 'extension-page')).toMatch(
      /unexpected keys/,
    );
    expect(reason({ type: 'kazooClickToCalls', settings: {} }, 'extension-page')).toMatch(/unknown message type/);
  });

  it('keeps privileged messages away from content scripts', () => {
    for (const raw of [
      { type: 'testConnection', settings: {} },
      { type: 'providerAction', settings: {}, action: 'listClickToCalls' },
      { type: 'clearHistory' },
      { type: 'setSiteBlocked', host: 'a.example', blocked: true },
      { type: 'getPopupState' },
    ]) {
      expect(reason(raw, 'content')).toMatch(/not accepted from a content/);
    }
    expect(reason({ type: 'getPageConfig' }, 'extension-page')).toMatch(/not accepted from a extension-page/);
  });

  it('drops unknown types, non-objects and unknown senders', () => {
    expect(reason({ type: 'toString' }, 'content')).toMatch(/unknown message type/);
    expect(reason({ type: '__proto__' }, 'content')).toMatch(/unknown message type/);
    expect(reason('dial', 'content')).toMatch(/not a message object/);
    expect(reason(null, 'content')).toMatch(/not a message object/);
    expect(reason({ type: 'dial', number: '1', source: 'link' }, null)).toMatch(/not this extension/);
  });
});

describe('parsePageNumbersAnswer', () => {
  const entry = { dial: '+16195344000', text: '619.534.4000', context: 'Contact Us: 619.534.4000' };

  it('takes a content script’s list of numbers and its country, and a blocked site', () => {
    expect(parsePageNumbersAnswer({ status: 'ok', numbers: [entry], country: 'US' })).toEqual({
      status: 'ok',
      numbers: [entry],
      country: 'US',
    });
    expect(parsePageNumbersAnswer({ status: 'blocked' })).toEqual({ status: 'blocked' });
  });

  it('drops entries of the wrong shape or size, cuts long lists and texts, and ignores a bad country', () => {
    const answer = parsePageNumbersAnswer({
      status: 'ok',
      country: 'usa',
      numbers: [
        entry,
        { dial: '' },
        { dial: 'x'.repeat(65), text: '', context: '' },
        null,
        { ...entry, context: 'c'.repeat(999) },
      ],
    });
    expect(answer).toEqual({ status: 'ok', numbers: [entry, { ...entry, context: 'c'.repeat(300) }] });
    const many = Array.from({ length: 150 }, (_, i) => ({ ...entry, dial: `+1619534${String(i).padStart(4, '0')}` }));
    const cut = parsePageNumbersAnswer({ status: 'ok', numbers: many });
    expect(cut?.status === 'ok' && cut.numbers.length).toBe(MAX_PAGE_NUMBERS);
  });

  it('is null for anything that is not an answer (no content script, an older one)', () => {
    for (const raw of [undefined, null, 'text', [], { status: 'ok' }, { status: 'other', numbers: [] }]) {
      expect(parsePageNumbersAnswer(raw)).toBeNull();
    }
  });
});

describe('contentAnswer', () => {
  it('gives a content script the outcome only, never the PBX’s words, ids or warnings (issue 15)', () => {
    expect(
      contentAnswer({
        status: 'queued',
        message: 'Calling +1 415 555 0132: your phone, extension 101, will ring first',
        callId: 'yeastar-api-user-1',
        warning: 'not logged',
      }),
    ).toEqual({ status: 'queued' });
  });
});
