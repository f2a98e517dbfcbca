import type { DialService, Notice } from '@/lib/dial/service';
import type { Settings } from '@/lib/settings/schema';

/** What the background's listeners share: the dial service, the settings, the notifier. */
export interface BackgroundDeps {
  service: DialService;
  loadSettings: () => Promise<Settings>;
  notify: (notice: Notice) => Promise<void>;
}
