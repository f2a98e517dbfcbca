import { browser } from 'wxt/browser';
import { escapeXml, omniboxLine } from '@/lib/dial/sources';
import { formatForPbx } from '@/lib/phone/format';
import { t, tx } from '@/components/i18n';
import type { BackgroundDeps } from './deps';

/**
 * The `call` keyword (manifest `omnibox.keyword`): while typing, the default line shows the number as it will
 * be dialled; Enter dials it (source `omnibox`). Chrome reads descriptions as XML, Firefox as plain text.
 */
export function registerOmnibox(deps: BackgroundDeps, options: { xml: boolean }): void {
  const text = (s: string) => (options.xml ? escapeXml(s) : s);
  void browser.omnibox.setDefaultSuggestion({ description: text(t('omnibox_prompt')) });
  browser.omnibox.onInputChanged.addListener((typed, suggest) => {
    void (async () => {
      const settings = await deps.loadSettings();
      const line = omniboxLine(typed, settings.dialing, formatForPbx);
      await browser.omnibox.setDefaultSuggestion({ description: text(tx(line.description)) });
      suggest([]);
    })();
  });
  browser.omnibox.onInputEntered.addListener((typed) => {
    void deps.service.dial({ number: typed.trim().slice(0, 64), source: 'omnibox' });
  });
}
