import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { findPhoneNumbers, mightContainPhone } from '@/lib/phone/detect';
import { createLinker, intersectionVisibility } from '@/lib/page/linker';
import { titleOnDemand } from '@/lib/page/title';
import { pageEvidence } from '@/lib/page/page-evidence';
import { LINKING_GLOBAL, type LinkingModule } from '@/lib/page/linking-module';

/**
 * The heavy half of the content script (phone detection with its metadata, the linker), loaded by the
 * content script with `import()` only on pages that show digits: see lib/page/linking-module.ts.
 */
export default defineUnlistedScript(() => {
  const linking: LinkingModule = {
    detector: { findPhoneNumbers, mightContainPhone },
    createLinker,
    intersectionVisibility,
    titleOnDemand,
    pageEvidence,
  };
  // libphonenumber-js builds its metadata object and compiles its patterns on first use (about 10 ms): do it
  // now, while the page is still being parsed (lib/page/digit-watch.ts), not in the first slice of linking.
  findPhoneNumbers('+1 201-555-0123', { country: 'US' });
  (globalThis as unknown as Record<string, unknown>)[LINKING_GLOBAL] = linking;
});
