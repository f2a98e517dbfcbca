import { defineContentScript } from 'wxt/utils/define-content-script';
import { startContent } from './start';

export default defineContentScript({
  matches: ['<all_urls>'],
  allFrames: true,
  matchAboutBlank: true,
  runAt: 'document_start',
  // WXT announces each start to older copies of this script with a DOM event, and also, for old WXT versions,
  // with window.postMessage into the page: that second one costs every page about 3 ms (measured with
  // `npm run bench`, small page) and wakes the page's own message listeners. We need only the DOM event.
  noScriptStartedPostMessage: true,
  main(ctx) {
    startContent(ctx);
  },
});
