/**
 * The content script comes in two parts. The small one (entrypoints/content) runs on every page: settings,
 * clicks on tel: links, messages. The large one (entrypoints/linking.ts: phone detection with its metadata,
 * and the linker) is loaded with `import()` only when linking is on for the page and the page shows digits,
 * because merely compiling it costs every page 10 to 20 ms (measured with a trace: V8 parse and compile).
 * The loaded script puts its functions on the content script's global under {@link LINKING_GLOBAL}.
 */
import type { Detector, createLinker, intersectionVisibility } from './linker';
import type { titleOnDemand } from './title';
import type { pageEvidence } from './page-evidence';
import type { collectPageNumbersSliced } from './page-numbers';

export const LINKING_GLOBAL = '__pbxClickToDialLinking';
/** Where the build puts the large part (WXT unlisted script `entrypoints/linking.ts`). */
export const LINKING_SCRIPT = '/linking.js';

export interface LinkingModule {
  detector: Detector;
  createLinker: typeof createLinker;
  intersectionVisibility: typeof intersectionVisibility;
  titleOnDemand: typeof titleOnDemand;
  pageEvidence: typeof pageEvidence;
}

/**
 * A third part, loaded only when the popup lists the page's numbers or the context menu asks for the numbers in
 * a link (entrypoints/page-numbers.ts): a page with digits that nobody asks about never loads it.
 */
export const PAGE_NUMBERS_GLOBAL = '__pbxClickToDialPageNumbers';
export const PAGE_NUMBERS_SCRIPT = '/page-numbers.js';

export interface PageNumbersModule {
  /** The numbers a page shows, read with the linking part's detector (lib/page/page-numbers.ts). */
  collectPageNumbersSliced: typeof collectPageNumbersSliced;
}

export { hasDigits } from '../phone/digits';
