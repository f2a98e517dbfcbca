/**
 * Runs a form's "show this field's problems" step after the click that caused it, not in the middle of it.
 *
 * A field's problems appear when it loses focus. When it loses focus because the person pressed the mouse on
 * Save (or any other control), the problems shown at once push that control down between the press and the
 * release: the browser then sends the click to what the two have in common, not the control, and the press is
 * lost. So while a pointer is down, the step waits, and runs just after the click, once the pointer is up.
 */
export interface PointerEvents {
  addEventListener(type: string, listener: () => void, options?: AddEventListenerOptions): void;
  removeEventListener(type: string, listener: () => void, options?: EventListenerOptions): void;
}

export interface AfterPointer {
  /** Runs `step` now, or after the current click when a pointer is down. */
  run(step: () => void): void;
  dispose(): void;
}

export function afterPointer(target: PointerEvents, later: (task: () => void) => void): AfterPointer {
  let down = false;
  let waiting: (() => void)[] = [];
  const flush = (): void => {
    const steps = waiting;
    waiting = [];
    for (const step of steps) step();
  };
  const onDown = (): void => {
    down = true;
  };
  const onUp = (): void => {
    if (!down) return;
    down = false;
    // The click follows the release in the same task: the steps run in the next one, after it.
    later(flush);
  };
  const capture = { capture: true };
  target.addEventListener('pointerdown', onDown, capture);
  target.addEventListener('pointerup', onUp, capture);
  target.addEventListener('pointercancel', onUp, capture);
  return {
    run(step) {
      if (down) waiting.push(step);
      else step();
    },
    dispose() {
      target.removeEventListener('pointerdown', onDown, capture);
      target.removeEventListener('pointerup', onUp, capture);
      target.removeEventListener('pointercancel', onUp, capture);
      waiting = [];
    },
  };
}
