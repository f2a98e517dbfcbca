import { describe, expect, it } from 'vitest';
import { ProviderError } from '../providers/types';
import { STATUS_KEY } from './status';
import { API_KEY, harness, recordedHistory as history, settingsWith } from '@/tests/unit/support/dial-fakes';

describe('dial service: a call that goes through', () => {
  it('formats the number, dials once, records, notifies and clears the badge', async () => {
    const h = harness(settingsWith({ dialing: { defaultCountry: 'AU', numberFormat: 'dialable' } }));
    h.provider.answerWith(async () => ({ callId: 'c-42' }));
    const answer = await h.service.dial({
      number: '+61412345678',
      source: 'link',
      origin: 'https://crm.example.com',
    });

    expect(answer).toEqual({
      status: 'queued',
      message: 'Calling +61 412 345 678: your phone, extension 101, will ring first',
      callId: 'c-42',
    });
    expect(h.provider.dials).toEqual([{ number: '0412345678', extension: undefined, autoAnswer: true }]);
    expect(h.notices).toEqual([{ title: 'Calling', message: answer.message, opensSettings: false }]);
    expect(history(h)).toEqual([
      {
        id: 'id-1',
        number: '+61412345678',
        display: '+61 412 345 678',
        time: h.clock.now,
        source: 'link',
        origin: 'https://crm.example.com',
        result: 'queued',
        message: answer.message,
        callId: 'c-42',
        provider: 'maxotel',
      },
    ]);
    expect(h.deps.refreshBadge).toHaveBeenCalled();
  });

  it("shows the provider's own word for the call's state with the notification (RingCentral's callStatus)", async () => {
    const h = harness(settingsWith({ dialing: { defaultCountry: 'AU', numberFormat: 'dialable' } }));
    h.provider.answerWith(async () => ({ callId: 'c-43', status: 'InProgress' }));
    const answer = await h.service.dial({ number: '+61412345678', source: 'popup' });
    expect(answer.message).toBe(
      'Calling +61 412 345 678: your phone, extension 101, will ring first (MaxoTel: InProgress)',
    );
    expect(h.notices).toEqual([{ title: 'Calling', message: answer.message, opensSettings: false }]);
  });

  it('reads a national number with the page country before dialing.defaultCountry', async () => {
    const h = harness(settingsWith({ dialing: { defaultCountry: 'US' } }));
    await h.service.dial({ number: '0412 345 678', source: 'tel-link', country: 'AU' });
    expect(h.provider.dials[0]!.number).toBe('+61412345678');
  });

  it('passes dialing.autoAnswer to the adapter', async () => {
    const h = harness(settingsWith({ dialing: { autoAnswer: false } }));
    await h.service.dial({ number: '+14155550132', source: 'popup' });
    expect(h.provider.dials[0]!.autoAnswer).toBe(false);
  });

  it('clears a remembered failure once a dial succeeds', async () => {
    const h = harness();
    h.area.data[STATUS_KEY] = { lastError: { time: 1, message: 'old failure' } };
    await h.service.dial({ number: '+14155550132', source: 'popup' });
    expect(h.area.data[STATUS_KEY]).toBeUndefined();
  });

  it('keeps one adapter while the provider settings stay the same, so a PBX login is reused', async () => {
    const h = harness();
    await h.service.dial({ number: '+14155550132', source: 'popup' });
    h.clock.now += 10_000;
    await h.service.dial({ number: '+14155550133', source: 'popup' });
    expect(h.provider.definition.create).toHaveBeenCalledTimes(1);
    h.setSettings(settingsWith({ provider: { type: 'maxotel', apiKey: 'other-key', extension: '102' } }));
    h.clock.now += 10_000;
    await h.service.dial({ number: '+14155550134', source: 'popup' });
    expect(h.provider.definition.create).toHaveBeenCalledTimes(2);
    expect(h.provider.dials).toHaveLength(3);
  });

  it('never puts credentials in the history, the answer or the notice', async () => {
    const h = harness();
    const answer = await h.service.dial({ number: '+14155550132', source: 'menu' });
    const everything = JSON.stringify([answer, h.notices, h.area.data]);
    expect(everything).not.toContain(API_KEY);
  });
});

describe('dial service: extensions', () => {
  it('tells the person to ask for an extension the PBX cannot dial, and does not send it', async () => {
    const h = harness(settingsWith(), { extensionDialing: false });
    const answer = await h.service.dial({ number: '+14155550132;ext=204', source: 'link' });
    expect(h.provider.dials[0]).toEqual({ number: '+14155550132', extension: undefined, autoAnswer: true });
    expect(answer.message).toBe(
      'Calling +1 415 555 0132 ext. 204: your phone, extension 101, will ring first. When answered, ask for extension 204',
    );
    expect(history(h)[0]!.number).toBe('+14155550132;ext=204');
  });

  it('sends the extension where the PBX can carry it, and says nothing about asking', async () => {
    const h = harness(settingsWith(), { extensionDialing: true });
    const answer = await h.service.dial({ number: '+14155550132;ext=204', source: 'link' });
    expect(h.provider.dials[0]!.extension).toBe('204');
    expect(answer.message).not.toMatch(/ask for extension/);
  });
});

describe('dial service: deduplication', () => {
  it('ignores the same number within 3 seconds, then dials it again', async () => {
    const h = harness();
    expect((await h.service.dial({ number: '+14155550132', source: 'link' })).status).toBe('queued');
    h.clock.now += 2999;
    const second = await h.service.dial({ number: '+1 415-555-0132', source: 'link' });
    expect(second.status).toBe('ignored');
    expect(h.provider.dials).toHaveLength(1);
    expect(history(h)).toHaveLength(1);
    h.clock.now += 1;
    expect((await h.service.dial({ number: '+14155550132', source: 'link' })).status).toBe('queued');
    expect(h.provider.dials).toHaveLength(2);
  });

  it('ignores a double click that arrives while the first dial is still in flight', async () => {
    const h = harness();
    let release: () => void = () => undefined;
    h.provider.answerWith(() => new Promise((resolve) => (release = () => resolve({}))));
    const first = h.service.dial({ number: '+14155550132', source: 'link' });
    const second = await h.service.dial({ number: '+14155550132', source: 'link' });
    release();
    expect((await first).status).toBe('queued');
    expect(second.status).toBe('ignored');
    expect(h.provider.dials).toHaveLength(1);
  });

  it('does not hold back a different number', async () => {
    const h = harness();
    await h.service.dial({ number: '+14155550132', source: 'link' });
    expect((await h.service.dial({ number: '+14155550199', source: 'link' })).status).toBe('queued');
  });

  it('frees a number whose confirmation was cancelled, so the person can try again at once', async () => {
    const h = harness(settingsWith({ dialing: { confirm: true } }));
    h.answerConfirm(false);
    await h.service.dial({ number: '+14155550132', source: 'popup' });
    h.answerConfirm(true);
    expect((await h.service.dial({ number: '+14155550132', source: 'popup' })).status).toBe('queued');
  });
});

describe('dial service: failures', () => {
  it('rejects a non-number with a clear message and places no call', async () => {
    const h = harness();
    const answer = await h.service.dial({ number: 'call me maybe', source: 'popup' });
    expect(answer).toEqual({ status: 'failed', message: '"call me maybe" is not a phone number.' });
    expect(h.provider.dials).toHaveLength(0);
    expect(h.notices[0]!.title).toBe('Not a phone number');
  });

  it('rejects a number that is not valid in the country it is read with, and suggests the country code', async () => {
    const h = harness(settingsWith({ dialing: { defaultCountry: 'US' } }));
    const answer = await h.service.dial({ number: '0412 345 678', source: 'popup' });
    expect(answer.status).toBe('failed');
    expect(answer.message).toBe(
      '"0412 345 678" is not a valid phone number in US. Add the country code (for example +61 412 345 678) if it is abroad.',
    );
    expect(h.provider.dials).toHaveLength(0);
  });

  it('when not configured, says so in a notification that opens the settings and marks the badge', async () => {
    const h = harness(settingsWith({ provider: null }));
    const answer = await h.service.dial({ number: '+14155550132', source: 'link' });
    expect(answer.status).toBe('failed');
    expect(answer.message).toMatch(/not set up yet/);
    expect(h.notices).toEqual([{ title: 'Set up your PBX first', message: answer.message, opensSettings: true }]);
    expect(h.deps.refreshBadge).toHaveBeenCalled();
    expect(history(h)[0]).toMatchObject({ result: 'failed', errorKind: 'not-configured' });
  });

  it("reports the adapter's error with the provider's own words, remembers it and never retries", async () => {
    const h = harness();
    h.provider.answerWith(async () => {
      throw new ProviderError('extension-unavailable', 'Your extension 101 is not registered with MaxoTel', {
        provider: 'MaxoTel',
        status: 400,
        providerMessage: 'UNAVAILABLE: The extension is not currently available (not registered)',
        step: 'dial',
      });
    });
    const answer = await h.service.dial({ number: '+14155550132', source: 'link' });
    const why =
      'Your extension 101 is not registered with MaxoTel (MaxoTel said: "UNAVAILABLE: The extension is not currently available (not registered)")';
    expect(answer).toEqual({ status: 'failed', message: `Call to +1 415 555 0132 failed: ${why}` });
    expect(h.provider.dials).toHaveLength(1);
    expect(h.notices).toEqual([
      { title: 'Call failed', message: `${why} Click to open the settings.`, opensSettings: true },
    ]);
    expect(history(h)[0]).toMatchObject({ result: 'failed', errorKind: 'extension-unavailable', provider: 'maxotel' });
    expect(h.area.data[STATUS_KEY]).toEqual({ lastError: { time: h.clock.now, message: answer.message } });
    expect(h.deps.refreshBadge).toHaveBeenCalled();
  });

  it('does not retry after a timeout from the adapter', async () => {
    const h = harness();
    h.provider.answerWith(async () => {
      throw new ProviderError('timeout', 'MaxoTel did not answer within 10 s (myapi.maxo.com.au)', {
        provider: 'MaxoTel',
      });
    });
    const answer = await h.service.dial({ number: '+14155550132', source: 'link' });
    expect(answer.status).toBe('failed');
    expect(h.provider.dials).toHaveLength(1);
    expect(history(h)[0]!.errorKind).toBe('timeout');
  });

  it('gives up on an adapter that never answers after the dial timeout, without a second attempt', async () => {
    const h = harness(settingsWith(), { timeoutMs: 30 });
    h.provider.answerWith(() => new Promise(() => undefined));
    const answer = await h.service.dial({ number: '+14155550132', source: 'link' });
    expect(answer.status).toBe('failed');
    expect(answer.message).toMatch(/MaxoTel did not answer within 0 seconds\. The call may still go through/);
    expect(h.provider.dials).toHaveLength(1);
    expect(history(h)[0]!.errorKind).toBe('timeout');
  });

  it('turns an unexpected exception into a readable failure', async () => {
    const h = harness();
    h.provider.answerWith(async () => {
      throw new TypeError('boom');
    });
    const answer = await h.service.dial({ number: '+14155550132', source: 'link' });
    expect(answer.message).toBe('Call to +1 415 555 0132 failed: Something unexpected went wrong: boom');
    expect(history(h)[0]!.errorKind).toBe('unexpected');
  });
});

describe('dial service: emergency numbers', () => {
  it.each([
    ['911', 'US', 'tel-link'],
    ['112', 'DE', 'link'],
    ['999', 'GB', 'popup'],
    ['000', 'AU', 'menu'],
    ['111', 'NZ', 'omnibox'],
  ] as const)('never dials %s (%s, from %s) and says why, not "invalid"', async (number, country, source) => {
    const h = harness(settingsWith({ dialing: { defaultCountry: country } }));
    const answer = await h.service.dial({ number, source });
    expect(answer.status).toBe('failed');
    expect(answer.message).toMatch(new RegExp(`^${number} is an emergency number`));
    expect(h.notices).toEqual([
      { title: 'Emergency number not dialled', message: answer.message, opensSettings: false },
    ]);
    expect(h.prompts).toHaveLength(0);
    expect(h.provider.dials).toHaveLength(0);
  });
});

describe('dial service: host access (issue 15)', () => {
  it('without access to the PBX host places nothing, says "Allow access" and opens the settings', async () => {
    const h = harness(settingsWith({ provider: { type: 'maxotel', apiKey: API_KEY, extension: '101' } }));
    const asked: string[][] = [];
    h.deps.missingHostAccess = async (origins) => {
      asked.push(origins);
      return origins;
    };
    const answer = await h.service.dial({ number: '+14155550132', source: 'link' });
    expect(asked).toEqual([['https://myapi.maxo.com.au/*']]);
    expect(answer.status).toBe('failed');
    expect(answer.message).toContain('has not allowed PBX Click-to-Dial to reach https://myapi.maxo.com.au');
    expect(h.provider.dials).toHaveLength(0);
    expect(h.notices).toEqual([{ title: 'Allow access to your PBX', message: answer.message, opensSettings: true }]);
    expect(history(h)[0]).toMatchObject({ result: 'failed', errorKind: 'host-permission' });
    expect(h.area.data[STATUS_KEY]).toMatchObject({ lastError: { message: answer.message } });
  });

  it('checks before asking for confirmation, and a later click after access is granted dials', async () => {
    const h = harness(settingsWith({ dialing: { confirm: true } }));
    let allowed = false;
    h.deps.missingHostAccess = async (origins) => (allowed ? [] : origins);
    await h.service.dial({ number: '+14155550132', source: 'popup' });
    expect(h.prompts).toHaveLength(0);
    allowed = true;
    const answer = await h.service.dial({ number: '+14155550132', source: 'popup' });
    expect(answer.status).toBe('queued');
    expect(h.provider.dials).toHaveLength(1);
  });

  it('a failing permission check counts as no access', async () => {
    const h = harness();
    h.deps.missingHostAccess = async () => {
      throw new Error('permissions API gone');
    };
    const answer = await h.service.dial({ number: '+14155550132', source: 'popup' });
    expect(answer.status).toBe('failed');
    expect(h.provider.dials).toHaveLength(0);
  });

  it('without access to the call-log host the call goes through, is not logged, and the warning says why', async () => {
    const h = harness(
      settingsWith({
        callLog: {
          type: 'helpdeskeddy',
          baseUrl: 'https://acme.helpdeskeddy.com',
          channelKey: 'c',
          email: 'a@example.com',
          apiKey: 'k-123456',
        },
      }),
    );
    h.deps.missingHostAccess = async (origins) => origins.filter((o) => o.includes('helpdeskeddy'));
    const answer = await h.service.dial({ number: '+14155550132', source: 'popup' });
    expect(answer.status).toBe('queued');
    expect(h.logged).toHaveLength(0);
    expect(answer.warning).toMatch(/not logged in HelpDeskEddy: the browser has not allowed access to https:\/\/acme/);
  });
});
