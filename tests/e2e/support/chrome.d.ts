// Scenarios evaluate code inside the extension's service worker and pages, where Chrome's `chrome`
// namespace exists; WXT's generated browser types describe it.
import type { Browser } from '@wxt-dev/browser';

declare global {
  const chrome: typeof Browser;
}
