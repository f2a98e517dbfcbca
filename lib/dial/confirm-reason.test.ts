import { describe, expect, it, vi } from 'vitest';
import { harness, recordedHistory as history, settingsWith } from '@/tests/unit/support/dial-fakes';

describe('dial service: confirmation and the premium-rate guard', () => {
  it('asks when dialing.confirm is on, showing the number as dialled; Cancel places no call', async () => {
    const h = harness(
      settingsWith({ dialing: { confirm: true, defaultCountry: 'US', numberFormat: 'digits', outboundPrefix: '9' } }),
    );
    h.answerConfirm(false);
    const answer = await h.service.dial({ number: '+14155550132', source: 'popup' });
    expect(h.prompts).toEqual([
      { display: '+1 415 555 0132', dialledAs: '914155550132', reason: 'setting', askForExtension: undefined },
    ]);
    expect(answer.status).toBe('cancelled');
    expect(h.provider.dials).toHaveLength(0);
    expect(history(h)[0]).toMatchObject({ result: 'cancelled', number: '+14155550132' });
    expect(h.notices).toHaveLength(0);
  });

  it('dials after a yes', async () => {
    const h = harness(settingsWith({ dialing: { confirm: true } }));
    h.answerConfirm(true);
    const answer = await h.service.dial({ number: '+14155550132', source: 'popup' });
    expect(answer.status).toBe('queued');
    expect(h.provider.dials).toHaveLength(1);
  });

  it('does not ask when dialing.confirm is off and the number is ordinary', async () => {
    const h = harness();
    await h.service.dial({ number: '+14155550132', source: 'popup' });
    expect(h.prompts).toHaveLength(0);
  });

  it.each([
    ['+19005550100', 'US'],
    ['1900 123 456', 'AU'],
    ['+44 909 879 0000', 'GB'],
    ['09001234567', 'DE'],
  ])('always asks before the premium-rate number %s (%s), even with confirm off', async (number, country) => {
    const h = harness(settingsWith({ dialing: { confirm: false, defaultCountry: country } }));
    h.answerConfirm(false);
    const answer = await h.service.dial({ number, source: 'link' });
    expect(h.prompts).toHaveLength(1);
    expect(h.prompts[0]!.reason).toBe('premium-rate');
    expect(answer.status).toBe('cancelled');
    expect(h.provider.dials).toHaveLength(0);
  });

  it('a failing confirmation window counts as no', async () => {
    const h = harness(settingsWith({ dialing: { confirm: true } }));
    h.deps.confirm = async () => {
      throw new Error('windows.create failed');
    };
    expect((await h.service.dial({ number: '+14155550132', source: 'popup' })).status).toBe('cancelled');
    expect(h.provider.dials).toHaveLength(0);
  });
});

describe('dial service: a page’s own tel: links (issue 15)', () => {
  it.each([
    ['hidden', 'hidden-link'],
    ['not-under-pointer', 'not-under-pointer'],
    ['covered', 'covered-link'],
    ['text-differs', 'text-differs'],
  ] as const)(
    'asks before a tel: link the content script doubts (%s), and Cancel places no call',
    async (doubt, reason) => {
      const h = harness(settingsWith({ dialing: { defaultCountry: 'US' } }));
      h.answerConfirm(false);
      const answer = await h.service.dial({ number: '+14155550132', source: 'tel-link', doubt });
      expect(h.prompts).toEqual([expect.objectContaining({ reason })]);
      expect(answer.status).toBe('cancelled');
      expect(h.provider.dials).toHaveLength(0);
    },
  );

  it('asks before a tel: link abroad: +1 268 is Antigua, not the US', async () => {
    const h = harness(settingsWith({ dialing: { defaultCountry: 'US' } }));
    h.answerConfirm(true);
    const answer = await h.service.dial({ number: '+1 268 464 1234', source: 'tel-link' });
    expect(h.prompts).toEqual([expect.objectContaining({ reason: 'abroad', country: 'AG' })]);
    expect(answer.status).toBe('queued');
  });

  it.each([
    ['+881 6 3123 4567', 'satellite'],
    ['+44 70 1234 5678', 'personal'],
    ['+44 300 123 4567', 'UAN'],
    ['+41 840 123 456', 'shared-cost', 'CH'],
  ])('asks before a tel: link to an unusual number type: %s (%s)', async (number, _type, home = 'GB') => {
    const h = harness(settingsWith({ dialing: { defaultCountry: home } }));
    h.answerConfirm(false);
    await h.service.dial({ number, source: 'tel-link' });
    expect(h.prompts).toEqual([expect.objectContaining({ reason: 'unusual-type' })]);
    expect(h.provider.dials).toHaveLength(0);
  });

  it('does not ask for an ordinary, visible, home-country tel: link, nor for the same number from the popup', async () => {
    const h = harness(settingsWith({ dialing: { defaultCountry: 'US' } }));
    await h.service.dial({ number: '+14155550132', source: 'tel-link' });
    await h.service.dial({ number: '+1 268 464 1234', source: 'popup' });
    expect(h.prompts).toHaveLength(0);
    expect(h.provider.dials).toHaveLength(2);
  });
});

describe('dial service: while a confirmation is open (issue 15)', () => {
  it('holds the number however long the window stays open: a second click opens no second window', async () => {
    const h = harness(settingsWith({ dialing: { confirm: true } }));
    let answer: (yes: boolean) => void = () => undefined;
    h.deps.confirm = (prompt) => {
      h.prompts.push(prompt);
      return new Promise((resolve) => (answer = resolve));
    };
    const first = h.service.dial({ number: '+14155550132', source: 'link' });
    await vi.waitFor(() => expect(h.prompts).toHaveLength(1));
    h.clock.now += 10_000;
    const second = await h.service.dial({ number: '+14155550132', source: 'link' });
    expect(second).toMatchObject({ status: 'ignored', message: 'Already asking whether to call +1 415 555 0132.' });
    expect(h.prompts).toHaveLength(1);
    answer(true);
    expect((await first).status).toBe('queued');
    // Right after the answer a click is still a repeat; later it dials again.
    expect((await h.service.dial({ number: '+14155550132', source: 'link' })).status).toBe('ignored');
    h.clock.now += 3_000;
    h.deps.confirm = async () => true;
    expect((await h.service.dial({ number: '+14155550132', source: 'link' })).status).toBe('queued');
    expect(h.provider.dials).toHaveLength(2);
  });
});
