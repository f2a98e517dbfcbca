import { describe, expect, it, vi } from 'vitest';
import { createScriptContext } from './script-context';

/** A context whose extension goes away when `gone()` is called; timers run when `fire()` is. */
function setup() {
  let id: string | undefined = 'extension-id';
  const timers: Array<() => void> = [];
  const ctx = createScriptContext({
    extensionId: () => id,
    setTimeout: (task) => timers.push(task),
  });
  return {
    ctx,
    gone: () => (id = undefined),
    fire: () => timers.splice(0).forEach((task) => task()),
  };
}

describe('createScriptContext', () => {
  it('is valid while the extension is there', () => {
    const { ctx } = setup();
    expect(ctx.isInvalid).toBe(false);
    expect(ctx.isInvalid).toBe(false);
  });

  it('is invalid for good once the extension has gone, and says so to each listener once', () => {
    const { ctx, gone } = setup();
    const first = vi.fn();
    const second = vi.fn();
    ctx.onInvalidated(first);
    ctx.onInvalidated(second);
    gone();
    expect(first).not.toHaveBeenCalled();
    expect(ctx.isInvalid).toBe(true);
    expect(ctx.isInvalid).toBe(true);
    expect(first).toHaveBeenCalledTimes(1);
    expect(second).toHaveBeenCalledTimes(1);
    const late = vi.fn();
    ctx.onInvalidated(late);
    expect(late).toHaveBeenCalledTimes(1);
  });

  it("runs every invalidation listener even when one throws (the extension's APIs may, once it has gone)", () => {
    const { ctx, gone } = setup();
    const after = vi.fn();
    ctx.onInvalidated(() => {
      throw new Error('Extension context invalidated.');
    });
    ctx.onInvalidated(after);
    gone();
    expect(ctx.isInvalid).toBe(true);
    expect(after).toHaveBeenCalledTimes(1);
  });

  it('removes its event listeners when invalidated, and adds none after', () => {
    const { ctx, gone } = setup();
    const target = new EventTarget();
    const handler = vi.fn();
    const options = { capture: true };
    ctx.addEventListener(target, 'ping', handler, options);
    target.dispatchEvent(new Event('ping'));
    expect(handler).toHaveBeenCalledTimes(1);
    gone();
    expect(ctx.isInvalid).toBe(true);
    target.dispatchEvent(new Event('ping'));
    expect(handler).toHaveBeenCalledTimes(1);
    ctx.addEventListener(target, 'ping', handler);
    target.dispatchEvent(new Event('ping'));
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('runs a timer task while valid, and not once the extension has gone', () => {
    const { ctx, gone, fire } = setup();
    const task = vi.fn();
    ctx.setTimeout(task, 10);
    fire();
    expect(task).toHaveBeenCalledTimes(1);
    const onInvalidated = vi.fn();
    ctx.onInvalidated(onInvalidated);
    ctx.setTimeout(task, 10);
    gone();
    fire();
    expect(task).toHaveBeenCalledTimes(1);
    // The timer is where a copy left behind by an update finds out, and stands down.
    expect(onInvalidated).toHaveBeenCalledTimes(1);
  });

  it('uses the global setTimeout when given none', () => {
    vi.useFakeTimers();
    try {
      const ctx = createScriptContext({ extensionId: () => 'extension-id' });
      const task = vi.fn();
      ctx.setTimeout(task, 25);
      vi.advanceTimersByTime(24);
      expect(task).not.toHaveBeenCalled();
      vi.advanceTimersByTime(1);
      expect(task).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });
});
