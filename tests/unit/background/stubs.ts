/**
 * Stubs for the browser APIs WXT's fake browser does not implement (contextMenus, commands, omnibox,
 * runtime.onConnect, runtime.openOptionsPage, i18n.getMessage), so background listeners can be registered and triggered in Node.
 */
import { vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { formatMessage } from '@/lib/ui/text';

/** The English strings, as the browser would serve them. */
const EN = JSON.parse(
  readFileSync(new URL('../../../public/_locales/en/messages.json', import.meta.url), 'utf8'),
) as Record<string, { message: string }>;

/** An event whose listeners a test can call. `trigger` waits for whatever the listeners return. */
export function fakeEvent<A extends unknown[] = unknown[]>() {
  const listeners: ((...args: A) => unknown)[] = [];
  return {
    listeners,
    addListener: (fn: (...args: A) => unknown) => void listeners.push(fn),
    removeListener: (fn: (...args: A) => unknown) => void listeners.splice(listeners.indexOf(fn), 1),
    hasListener: (fn: (...args: A) => unknown) => listeners.includes(fn),
    trigger: (...args: A) => Promise.all(listeners.map((fn) => fn(...args))),
  };
}

export interface Stubs {
  contextMenus: {
    create: ReturnType<typeof vi.fn>;
    removeAll: ReturnType<typeof vi.fn>;
    onClicked: ReturnType<typeof fakeEvent>;
  };
  commands: { onCommand: ReturnType<typeof fakeEvent> };
  omnibox: {
    setDefaultSuggestion: ReturnType<typeof vi.fn>;
    onInputChanged: ReturnType<typeof fakeEvent>;
    onInputEntered: ReturnType<typeof fakeEvent>;
  };
  onConnect: ReturnType<typeof fakeEvent>;
  openOptionsPage: ReturnType<typeof vi.fn>;
}

/** Resets the fake browser and installs fresh stubs on it. */
export function installStubs(): Stubs {
  vi.restoreAllMocks();
  fakeBrowser.reset();
  const stubs: Stubs = {
    contextMenus: {
      create: vi.fn((_props: unknown, callback?: () => void) => callback?.()),
      removeAll: vi.fn(async () => undefined),
      onClicked: fakeEvent(),
    },
    commands: { onCommand: fakeEvent() },
    omnibox: {
      setDefaultSuggestion: vi.fn(async () => undefined),
      onInputChanged: fakeEvent(),
      onInputEntered: fakeEvent(),
    },
    onConnect: fakeEvent(),
    openOptionsPage: vi.fn(async () => undefined),
  };
  const target = fakeBrowser as unknown as Record<string, unknown> & { runtime: Record<string, unknown> };
  target.contextMenus = stubs.contextMenus;
  target.commands = stubs.commands;
  target.omnibox = stubs.omnibox;
  delete target.menus;
  target.runtime.onConnect = stubs.onConnect;
  target.runtime.lastError = undefined;
  target.runtime.openOptionsPage = stubs.openOptionsPage;
  (target.i18n as Record<string, unknown>).getMessage = (name: string, subs?: string | string[]) =>
    EN[name] ? formatMessage(EN, { key: name, subs: typeof subs === 'string' ? [subs] : (subs ?? []) }) : '';
  return stubs;
}
