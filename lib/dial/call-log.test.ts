import { describe, expect, it } from 'vitest';
import { ProviderError } from '../providers/types';
import { STATUS_KEY } from './status';
import { harness, HDE_CALL_LOG, recordedHistory as history, settingsWith } from '@/tests/unit/support/dial-fakes';

describe('dial service: call log', () => {
  const withLog = () =>
    settingsWith({
      dialing: { defaultCountry: 'AU', numberFormat: 'dialable' },
      callLog: HDE_CALL_LOG,
    });

  it("logs the placed call with the customer's number in E.164 (not the PBX dial string), the call id and the own extension", async () => {
    const h = harness(withLog());
    const answer = await h.service.dial({ number: '+61412345678', source: 'link' });
    // Dialled as 0412345678 (national, dialable from AU), logged as +61412345678 so the card matches the contact.
    expect(h.provider.dials[0]!.number).toBe('0412345678');
    expect(h.logged).toEqual([{ number: '+61412345678', callId: 'call-1', extension: '101' }]);
    expect(answer.warning).toBeUndefined();
  });

  it('a failed log is a secondary warning: the call stays queued and recorded as queued', async () => {
    const h = harness(withLog());
    h.failCallLog(
      new ProviderError('auth', 'HelpDeskEddy rejected the e-mail or API key', { provider: 'HelpDeskEddy' }),
    );
    const answer = await h.service.dial({ number: '+61412345678', source: 'link' });
    expect(answer.status).toBe('queued');
    expect(answer.warning).toBe('The call was not logged in HelpDeskEddy: HelpDeskEddy rejected the e-mail or API key');
    expect(h.notices[0]!.message).toBe(`${answer.message}.\n${answer.warning}`);
    expect(h.notices[0]!.opensSettings).toBe(true);
    expect(history(h)[0]!.result).toBe('queued');
    expect(h.area.data[STATUS_KEY]).toBeUndefined();
    expect(h.provider.dials).toHaveLength(1);
  });

  it('does not log anything when no call log is configured', async () => {
    const h = harness();
    await h.service.dial({ number: '+14155550132', source: 'link' });
    expect(h.logged).toHaveLength(0);
  });
});
