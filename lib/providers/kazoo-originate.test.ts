import { describe, expect, it } from 'vitest';
import { providerFailure as failure } from '@/tests/unit/support/provider-errors';
import { kazooHarness } from '@/tests/unit/support/kazoo-harness';
import { kazoo, KAZOO_HISTORY_POLLS_MS } from './kazoo';

const h = kazooHarness();
const { context, settings, noKey, kazooRequests, connects } = h;

describe('kazoo: the originate outcome from /history (a 202 is not a placed call)', () => {
  const history = () => kazooRequests().filter((r) => r.path.endsWith('/history'));

  it('with a key, reads /history after the 202 and reports a failed originate (USER_BUSY) in words', async () => {
    h.sim.configure('kazoo', { originateCause: 'USER_BUSY' });
    const error = await failure(kazoo.create(settings(), context()).dial({ number: '+14155550132', autoAnswer: true }));
    expect(error.kind).toBe('extension-unavailable');
    expect(error.message).toMatch(/your phone is busy/);
    expect(error.details.providerMessage).toBe('cause: USER_BUSY');
    expect(connects()).toHaveLength(1);
    expect(history().length).toBeGreaterThanOrEqual(1);
    expect(history()[0]!.headers['x-auth-token']).toBeTruthy();
  });

  it('"no resources" is number-rejected and names the number', async () => {
    h.sim.configure('kazoo', { originateCause: 'no resources' });
    const error = await failure(kazoo.create(settings(), context()).dial({ number: '+14155550132', autoAnswer: true }));
    expect(error.kind).toBe('number-rejected');
    expect(error.message).toContain('+14155550132');
  });

  it('a successful originate ends the wait at once', async () => {
    const outcome = await kazoo.create(settings(), context()).dial({ number: '+14155550132', autoAnswer: true });
    expect(outcome).toEqual({});
    expect(history()).toHaveLength(1);
  });

  it('the wait is bounded: no result within ~3 s counts as placed (the phone is still ringing)', async () => {
    h.sim.configure('kazoo', { originateMs: 10_000 });
    const waits: number[] = [];
    const sleep = async (ms: number) => void waits.push(ms);
    const outcome = await kazoo
      .create(settings(), context({ sleep }))
      .dial({ number: '+14155550132', autoAnswer: true });
    expect(outcome).toEqual({});
    expect(history()).toHaveLength(KAZOO_HISTORY_POLLS_MS.length);
    expect(waits.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(3000);
  });

  it('an earlier failure for another number is not ours', async () => {
    h.sim.configure('kazoo', { originateCause: 'USER_BUSY' });
    await failure(kazoo.create(settings(), context()).dial({ number: '+14155550132', autoAnswer: true }));
    h.sim.configure('kazoo', { originateCause: null });
    const outcome = await kazoo.create(settings(), context()).dial({ number: '+14155550199', autoAnswer: true });
    expect(outcome).toEqual({});
  });

  it('without a key the history cannot be read (it needs a token): only the connect is sent', async () => {
    h.sim.configure('kazoo', { authRequired: false, originateCause: 'USER_BUSY' });
    await kazoo.create(noKey(), context()).dial({ number: '+14155550132', autoAnswer: true });
    expect(kazooRequests()).toHaveLength(1);
  });
});
