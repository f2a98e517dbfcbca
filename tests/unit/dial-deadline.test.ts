/**
 * Issue 15, item 6: the dial service's 10-second deadline reaches the adapter. A Yeastar login that answers
 * after the service has told the person "timed out" must not be followed by the dial step.
 */
import { describe, expect, it, vi } from 'vitest';
import { fileSimulator, simDialService } from './support/simulator';
import { httpRequest, MIN_DIAL_STEP_MS } from '@/lib/net/http';
import { ProviderError } from '@/lib/providers/types';
import { parseSettings } from '@/lib/settings/validate';

const sim = await fileSimulator();

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the dial deadline reaches the adapter', () => {
  it('a Yeastar login slower than the deadline is not followed by the dial step', async () => {
    const parsed = parseSettings({ ...sim.settingsFor('yeastar-s'), dialing: { defaultCountry: 'US' } });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    // The login answers after 600 ms, inside its own 1.5 s request timeout, leaving the dial step 0.9 s before
    // the service gives up: sent, it would place the call as the person reads "timed out" (a 10 s deadline and a
    // 9 s login in real life).
    const slowLogin: typeof fetch = async (input, init) => {
      if (String(input).includes('/login')) await sleep(600);
      return fetch(input, init);
    };
    const { service } = simDialService(sim, parsed.settings, { fetch: slowLogin, timeoutMs: 1500 });
    const answer = await service.dial({ number: '+14155550132', source: 'popup' });
    expect(answer.status).toBe('failed');
    expect(answer.message).toMatch(/took too long to get ready .*so the call was not placed/);
    // Long after the service's deadline: still no dial request.
    await sleep(1200);
    expect(sim.requestsFor('yeastar-s').map((r) => r.path)).not.toContainEqual(expect.stringContaining('call/dial'));
  });
});

describe('httpRequest and the context deadline', () => {
  const makeContext = (deadlineIn: number) => {
    const fetchSpy = vi.fn((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
    const now = Date.now();
    return {
      fetchSpy,
      context: {
        fetch: fetchSpy as unknown as typeof fetch,
        now: () => now,
        timeoutMs: 10_000,
        randomId: () => 'r',
        deadline: () => now + deadlineIn,
      },
    };
  };

  it(`does not send a dial step with less than ${MIN_DIAL_STEP_MS} ms left, and says the call was not placed`, async () => {
    const { context, fetchSpy } = makeContext(MIN_DIAL_STEP_MS - 1);
    const failure = await httpRequest(context, { method: 'GET', url: `${sim.url}/x` }, 'Yeastar', 'dial').catch(
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(ProviderError);
    expect((failure as ProviderError).kind).toBe('timeout');
    expect((failure as ProviderError).message).toMatch(/the call was not placed/);
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('sends other steps while any time is left, and with enough time the dial step too', async () => {
    // Less time than a dial step needs, yet enough for the simulator to answer on a busy machine.
    const short = makeContext(MIN_DIAL_STEP_MS - 1);
    await httpRequest(short.context, { method: 'GET', url: `${sim.url}/x` }, 'Yeastar', 'login');
    expect(short.fetchSpy).toHaveBeenCalledTimes(1);
    const long = makeContext(MIN_DIAL_STEP_MS + 5000);
    await httpRequest(long.context, { method: 'GET', url: `${sim.url}/x` }, 'Yeastar', 'dial');
    expect(long.fetchSpy).toHaveBeenCalledTimes(1);
  });
});
