import { describe, expect, it } from 'vitest';
import { formatForPbx } from '../phone/format';
import { confirmTexts } from './confirm';
import { popupState } from './popup-state';
import { dialableText, escapeXml, numberFromMenuClick, omniboxLine, type OmniboxLine } from './sources';
import { createHistoryStore } from './history';
import { createStatusStore } from './status';
import { fakeProvider, memoryArea, settingsWith } from '@/tests/unit/support/dial-fakes';
import type { NumberOutcome } from './number';
import { english, localeText } from '@/tests/unit/support/locale';
import type { ConfirmReason } from './service';

/** A failed outcome as an English reader sees it. */
const inEnglish = (o: NumberOutcome) => (o.ok ? o : { ok: false, message: english(o.text) });
/** An omnibox line as an English reader sees it. */
const lineInEnglish = (line: OmniboxLine) => ({ ...line, description: english(line.description) });

describe('numberFromMenuClick', () => {
  const us = ['US'];
  it('takes a tel: link before anything else', () => {
    const r = numberFromMenuClick({ menuItemId: 'x', linkUrl: 'tel:+14155550132', selectionText: 'nothing' }, us);
    expect(dialableText(r)).toEqual({ ok: true, number: '+14155550132' });
  });
  it("reads a link's text (Firefox) when the link is not a phone link", () => {
    const r = numberFromMenuClick(
      { menuItemId: 'x', linkUrl: 'https://crm.example/c/1', linkText: '(415) 555-0132' },
      us,
    );
    expect(dialableText(r)).toEqual({ ok: true, number: '+14155550132' });
  });
  it('reads the selection, extension included', () => {
    const r = numberFromMenuClick({ menuItemId: 'x', selectionText: 'Desk: +1 415 555 0132 ext. 204' }, us);
    expect(dialableText(r)).toEqual({ ok: true, number: '+14155550132;ext=204' });
  });
  it('says when there is no number', () => {
    expect(inEnglish(numberFromMenuClick({ menuItemId: 'x', selectionText: 'Thanks, Bob' }, us))).toEqual({
      ok: false,
      message: 'No phone number found in "Thanks, Bob".',
    });
    expect(inEnglish(numberFromMenuClick({ menuItemId: 'x', linkUrl: 'https://example.com/' }, us))).toEqual({
      ok: false,
      message: 'This link is not a phone number.',
    });
  });
});

describe('omniboxLine', () => {
  const au = { defaultCountry: 'AU', numberFormat: 'dialable' as const, outboundPrefix: '' };
  it('shows the number as it will be dialled', () => {
    expect(lineInEnglish(omniboxLine('0412 345 678', au, formatForPbx))).toEqual({
      ok: true,
      content: '+61412345678',
      description: 'Call +61 412 345 678 (dialled as 0412345678)',
    });
  });
  it('warns about premium rate and says what is wrong with non-numbers', () => {
    expect(english(omniboxLine('1900 123 456', au, formatForPbx).description)).toBe(
      'Call +61 1900 123 456 (dialled as 1900123456) (premium rate: you will be asked to confirm)',
    );
    expect(lineInEnglish(omniboxLine('pizza', au, formatForPbx))).toMatchObject({
      ok: false,
      description: '"pizza" is not a phone number.',
    });
    expect(omniboxLine('  ', au, formatForPbx).ok).toBe(false);
  });
  it('escapes XML for Chrome', () => {
    expect(escapeXml(`"a" <b> & 'c'`)).toBe('&quot;a&quot; &lt;b&gt; &amp; &apos;c&apos;');
  });
});

describe('confirmTexts', () => {
  /** The window as an English reader sees it. */
  const read = (texts: ReturnType<typeof confirmTexts>, text = english) => ({
    heading: text(texts.heading),
    dialled: text(texts.dialled),
    warning: texts.warning && text(texts.warning),
    extension: texts.extension && text(texts.extension),
    callLabel: text(texts.callLabel),
  });

  it('names premium rate and the number as dialled', () => {
    const t = read(confirmTexts({ display: '+1 900 555 0100', dialledAs: '19005550100', reason: 'premium-rate' }));
    expect(t.heading).toBe('Call a premium-rate number?');
    expect(t.dialled).toBe('Dialled as 19005550100');
    expect(t.warning).toMatch(/premium-rate number/);
    const plain = read(
      confirmTexts({
        display: '+1 415 555 0132',
        dialledAs: '+14155550132',
        reason: 'setting',
        askForExtension: '204',
      }),
    );
    expect(plain.warning).toBeUndefined();
    expect(plain.extension).toMatch(/ask for extension 204/);
    expect(plain.callLabel).toBe('Call');
  });

  it('says why a page’s own tel: link is asked about, naming the country abroad', () => {
    const base = { display: '+1 268-464-1234', dialledAs: '+12684641234' };
    const abroad = read(confirmTexts({ ...base, reason: 'abroad', country: 'AG' }));
    expect(abroad.heading).toBe('Call a number abroad?');
    expect(abroad.warning).toMatch(/in Antigua (&|and) Barbuda: an international call/);
    expect(abroad.callLabel).toBe('Call anyway');
    const warning = (reason: ConfirmReason) => read(confirmTexts({ ...base, reason })).warning;
    expect(warning('hidden-link')).toMatch(/link you clicked was invisible/);
    expect(warning('not-under-pointer')).toMatch(/not under the pointer/);
    expect(warning('covered-link')).toMatch(/page showed something else over/);
    expect(warning('text-differs')).toMatch(/text does not show this number/);
    expect(warning('unusual-type')).toMatch(/satellite/);
  });

  it('speaks German to a German user, country names included', () => {
    const base = { display: '+1 268-464-1234', dialledAs: '+12684641234' };
    const abroad = read(confirmTexts({ ...base, reason: 'abroad', country: 'CH' }, 'de'), localeText('de'));
    expect(abroad).toEqual({
      heading: 'Eine Nummer im Ausland anrufen?',
      dialled: 'Gewählt als +12684641234',
      warning: expect.stringMatching(/^Diese Nummer liegt in (der )?Schweiz: ein Auslandsgespräch/),
      extension: undefined,
      callLabel: 'Trotzdem anrufen',
    });
    const premium = read(confirmTexts({ ...base, reason: 'premium-rate' }, 'de'), localeText('de'));
    expect(premium.warning).toMatch(/^Dies ist eine Mehrwertnummer/);
  });
});

describe('popupState', () => {
  it('gives the provider, the last 10 dials, the last error and the site', async () => {
    const area = memoryArea();
    const history = createHistoryStore(area);
    for (let i = 0; i < 12; i++) {
      await history.add({
        id: `e${i}`,
        number: '+14155550132',
        display: 'x',
        time: i,
        source: 'popup',
        result: 'queued',
      });
    }
    const status = createStatusStore(area);
    await status.failed({ time: 3, message: 'bad key' });
    const state = await popupState(
      {
        settings: settingsWith({ pages: { blockedSites: ['*.bank.example'] } }),
        locked: ['pages.blockedSites'],
        providers: fakeProvider().registry,
        history,
        status,
      },
      'www.bank.example',
    );
    expect(state).toMatchObject({
      configured: true,
      providerLabel: 'MaxoTel',
      extension: '101',
      defaultCountry: 'US',
      lastError: { time: 3, message: 'bad key' },
      site: { host: 'www.bank.example', blocked: true, locked: true },
    });
    expect(state.history.map((e) => e.id)).toEqual(['e11', 'e10', 'e9', 'e8', 'e7', 'e6', 'e5', 'e4', 'e3', 'e2']);
  });

  it('says not configured', async () => {
    const area = memoryArea();
    const state = await popupState(
      {
        settings: settingsWith({ provider: null }),
        locked: [],
        providers: fakeProvider().registry,
        history: createHistoryStore(area),
        status: createStatusStore(area),
      },
      undefined,
    );
    expect(state).toEqual({ configured: false, defaultCountry: 'US', history: [] });
  });
});
