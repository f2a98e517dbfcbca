import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { browser } from 'wxt/browser';
import { createScriptContext } from '@/lib/page/script-context';
import { startContent } from './start';

/**
 * The content script, on every page (`<all_urls>`, every frame, `about:blank` ones too, from `document_start`).
 * It is declared in wxt.config.ts's manifest, not with WXT's `defineContentScript`, whose context costs every
 * page about 1 ms of script time at start (lib/page/script-context.ts says what ours does instead).
 */
export default defineUnlistedScript(() => {
  startContent(createScriptContext({ extensionId: () => browser.runtime?.id }));
});
