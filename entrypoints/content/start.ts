import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { PageConfig } from '@/lib/messages';

/** Content script wiring: asks the background what to do on this page. */
export function startContent(_ctx: ContentScriptContext): void {
  void browser.runtime.sendMessage({ type: 'getPageConfig' }).then((config: PageConfig | undefined) => {
    document.documentElement.dataset.pbxReady = config ? 'yes' : 'no';
  });
}
