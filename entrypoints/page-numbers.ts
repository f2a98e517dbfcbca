import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { collectPageNumbersSliced } from '@/lib/page/page-numbers';
import { PAGE_NUMBERS_GLOBAL, type PageNumbersModule } from '@/lib/page/linking-module';

/**
 * The page's numbers for the popup's list and the context menu on a link, loaded by the content script with
 * `import()` only when one of them asks: see lib/page/linking-module.ts.
 */
export default defineUnlistedScript(() => {
  const module: PageNumbersModule = { collectPageNumbersSliced };
  (globalThis as unknown as Record<string, unknown>)[PAGE_NUMBERS_GLOBAL] = module;
});
