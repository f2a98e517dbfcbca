import { defineContentScript } from 'wxt/utils/define-content-script';
import { startContent } from './start';

export default defineContentScript({
  matches: ['<all_urls>'],
  allFrames: true,
  matchAboutBlank: true,
  runAt: 'document_start',
  main(ctx) {
    startContent(ctx);
  },
});
