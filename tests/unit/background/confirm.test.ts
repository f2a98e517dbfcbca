/** The confirmation window's background half: opens confirm.html as a popup window and resolves yes/no. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createConfirmer } from '@/entrypoints/background/confirm';
import { CONFIRM_PORT_PREFIX } from '@/lib/dial/confirm';
import type { ConfirmPrompt } from '@/lib/dial/service';
import { fakeEvent, installStubs, type Stubs } from './stubs';

const PAGE = 'chrome-extension://test-extension-id/confirm.html';
const prompt: ConfirmPrompt = { display: '+1 900 555 0100', dialledAs: '19005550100', reason: 'premium-rate' };

function fakePort(name: string, url: string) {
  return {
    name,
    sender: { id: 'test-extension-id', url },
    postMessage: vi.fn(),
    disconnect: vi.fn(),
    onMessage: fakeEvent(),
    onDisconnect: fakeEvent(),
  };
}

let stubs: Stubs;
let create: ReturnType<typeof vi.spyOn>;
let remove: ReturnType<typeof vi.spyOn>;

beforeEach(() => {
  stubs = installStubs();
  create = vi.spyOn(fakeBrowser.windows, 'create').mockResolvedValue({ id: 42 } as never);
  remove = vi.spyOn(fakeBrowser.windows, 'remove').mockResolvedValue(undefined as never);
});

async function open(confirm: ReturnType<typeof createConfirmer>) {
  const answer = confirm(prompt);
  await vi.waitFor(() => expect(create).toHaveBeenCalled());
  const url = new URL((create.mock.calls[0]![0] as { url: string }).url);
  return { answer, id: url.searchParams.get('id')!, url };
}

describe('confirmation window', () => {
  it('opens confirm.html as a popup window and sends it the prompt over the port', async () => {
    const confirm = createConfirmer({ randomId: () => 'req-1' });
    const { answer, id, url } = await open(confirm);
    expect(create.mock.calls[0]![0]).toMatchObject({ type: 'popup', focused: true });
    expect(url.href.split('?')[0]).toBe(PAGE);
    expect(id).toBe('req-1');
    const port = fakePort(`${CONFIRM_PORT_PREFIX}${id}`, `${PAGE}?id=${id}`);
    await stubs.onConnect.trigger(port);
    expect(port.postMessage).toHaveBeenCalledWith({ type: 'confirmPrompt', prompt });
    await port.onMessage.trigger({ type: 'confirmAnswer', call: true });
    await expect(answer).resolves.toBe(true);
    expect(remove).toHaveBeenCalledWith(42);
  });

  it('Cancel, closing the page, or closing the window each answer no', async () => {
    let n = 0;
    const confirm = createConfirmer({ randomId: () => `r${++n}` });

    const first = await open(confirm);
    const port1 = fakePort(`${CONFIRM_PORT_PREFIX}${first.id}`, `${PAGE}?id=${first.id}`);
    await stubs.onConnect.trigger(port1);
    await port1.onMessage.trigger({ type: 'confirmAnswer', call: false });
    await expect(first.answer).resolves.toBe(false);

    create.mockClear();
    const second = await open(confirm);
    const port2 = fakePort(`${CONFIRM_PORT_PREFIX}${second.id}`, `${PAGE}?id=${second.id}`);
    await stubs.onConnect.trigger(port2);
    await port2.onDisconnect.trigger();
    await expect(second.answer).resolves.toBe(false);

    create.mockClear();
    const third = await open(confirm);
    await fakeBrowser.windows.onRemoved.trigger(42);
    await expect(third.answer).resolves.toBe(false);
  });

  it('ignores a port from anywhere but its own page, and unknown request ids', async () => {
    const confirm = createConfirmer({ randomId: () => 'req-9' });
    const { answer } = await open(confirm);
    const stranger = fakePort(`${CONFIRM_PORT_PREFIX}req-9`, 'chrome-extension://test-extension-id/popup.html');
    await stubs.onConnect.trigger(stranger);
    expect(stranger.disconnect).toHaveBeenCalled();
    expect(stranger.postMessage).not.toHaveBeenCalled();
    const unknown = fakePort(`${CONFIRM_PORT_PREFIX}other`, `${PAGE}?id=other`);
    await stubs.onConnect.trigger(unknown);
    expect(unknown.disconnect).toHaveBeenCalled();
    const real = fakePort(`${CONFIRM_PORT_PREFIX}req-9`, `${PAGE}?id=req-9`);
    await stubs.onConnect.trigger(real);
    await real.onMessage.trigger({ type: 'confirmAnswer', call: true });
    await expect(answer).resolves.toBe(true);
  });

  it('answers no when nobody answers in time', async () => {
    const confirm = createConfirmer({ randomId: () => 'slow', timeoutMs: 20 });
    const { answer } = await open(confirm);
    await expect(answer).resolves.toBe(false);
    expect(remove).toHaveBeenCalledWith(42);
  });

  it('keeps the worker alive while a prompt is open, and stops once it is answered (issue 15)', async () => {
    const keepAlive = vi.fn(async () => undefined);
    const confirm = createConfirmer({ randomId: () => 'long', keepAlive, keepAliveMs: 5 });
    const { answer, id } = await open(confirm);
    await vi.waitFor(() => expect(keepAlive.mock.calls.length).toBeGreaterThanOrEqual(3));
    const port = fakePort(`${CONFIRM_PORT_PREFIX}${id}`, `${PAGE}?id=${id}`);
    await stubs.onConnect.trigger(port);
    // The page's periodic "still here" is no answer.
    await port.onMessage.trigger({ type: 'confirmAlive' });
    await port.onMessage.trigger({ type: 'confirmAnswer', call: true });
    await expect(answer).resolves.toBe(true);
    const calls = keepAlive.mock.calls.length;
    await new Promise((r) => setTimeout(r, 30));
    expect(keepAlive.mock.calls.length).toBe(calls);
  });
});
