/**
 * What the content script ties its listeners and timers to, so that an extension updated or turned off leaves
 * the page alone: once the extension's id is gone (`runtime.id`, read when a timer fires or `isInvalid` is
 * asked), every listener added here is removed and no timer runs its task again.
 *
 * WXT's `ContentScriptContext` does the same and more, and costs every page about 1 ms of script time at start
 * (`npm run bench`, small page: WXT's wrapper with an empty `main` 1.8 ms against 0.8 ms for the floor, issue 13):
 * mostly its start event to older copies of the script, dispatched on the page's document. An older copy
 * only exists where a script is injected again into a page that already has one (WXT's dev reloads,
 * `scripting.executeScript`); the manifest's content script runs once per document, and the copy an update
 * leaves behind in an open tab notices it here, the next time it is used (the content script asks at every click,
 * so that click goes through to the page untouched).
 */
export interface ScriptContext {
  /** True once the extension has gone (then for good): the caller stops what it was doing. */
  readonly isInvalid: boolean;
  /** `target.addEventListener`, removed when the context is invalidated. */
  addEventListener<E extends Event>(
    target: EventTarget,
    type: string,
    handler: (event: E) => void,
    options?: AddEventListenerOptions,
  ): void;
  /** `setTimeout` whose task does not run once the context is invalidated. */
  setTimeout(task: () => void, ms: number): void;
  /** Called once, when the context is found invalidated (at once if it already is). */
  onInvalidated(listener: () => void): void;
}

export interface ScriptContextOptions {
  /** The extension's id, `undefined` once the extension was updated, turned off or removed (`runtime.id`). */
  extensionId: () => string | undefined;
  setTimeout?: (task: () => void, ms: number) => unknown;
}

export function createScriptContext(options: ScriptContextOptions): ScriptContext {
  // Plain lists, not an AbortController: its first use in the content script's world costs every page about
  // 0.3 ms (timing marks in the built script, issue 13).
  let invalidated = false;
  const removals: Array<() => void> = [];
  const listeners: Array<() => void> = [];
  const timer = options.setTimeout ?? ((task: () => void, ms: number) => setTimeout(task, ms));
  const invalid = (): boolean => {
    if (!invalidated && options.extensionId() == null) {
      invalidated = true;
      for (const remove of removals.splice(0)) remove();
      for (const listener of listeners.splice(0)) {
        try {
          listener();
        } catch {
          // The extension's own APIs may throw once it has gone (Chrome: "Extension context invalidated");
          // the other listeners still run.
        }
      }
    }
    return invalidated;
  };
  return {
    get isInvalid() {
      return invalid();
    },
    addEventListener(target, type, handler, listenerOptions) {
      if (invalidated) return;
      target.addEventListener(type, handler as EventListener, listenerOptions);
      removals.push(() => target.removeEventListener(type, handler as EventListener, listenerOptions));
    },
    setTimeout(task, ms) {
      timer(() => {
        if (!invalid()) task();
      }, ms);
    },
    onInvalidated(listener) {
      if (invalidated) listener();
      else listeners.push(listener);
    },
  };
}
