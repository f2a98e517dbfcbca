/**
 * "Numbers on this page": the numbers the active tab's content script finds (numbers in links that could not
 * be linked too, and on pages where linking is off), each with a Call button; or why there are none to show.
 */
import { useEffect, useState } from 'preact/hooks';
import { t, tx } from '@/lib/i18n/translate';
import { displayDial, pageNumbersView, type PageNumbersView } from '@/lib/ui/page-numbers-view';
import * as api from './api';

export function PageNumbers({
  blockedHost,
  defaultCountry,
  busy,
  onCall,
}: {
  /** The tab's site, when it is on the blocked sites: nothing is read there. */
  blockedHost?: string;
  defaultCountry: string;
  busy: boolean;
  onCall: (dial: string, country?: string) => void;
}) {
  const [view, setView] = useState<PageNumbersView | null>(null);

  // Read again when the site switch below blocks or unblocks the site.
  useEffect(() => {
    let current = true;
    setView(null);
    void api
      .activeTab()
      .then((tab) => pageNumbersView(tab, blockedHost, api.pageNumbers))
      .then((next) => current && setView(next));
    return () => {
      current = false;
    };
  }, [blockedHost]);

  return (
    <section aria-labelledby="page-numbers-title">
      <h2 id="page-numbers-title">{t('popup_page_numbers')}</h2>
      {view === null ? (
        <p class="help" role="status">
          {t('popup_page_reading')}
        </p>
      ) : view.kind === 'note' ? (
        <p class="help" data-testid="page-numbers-note">
          {tx(view.text)}
        </p>
      ) : (
        <ul class="page-numbers">
          {view.numbers.map((entry) => {
            const shown = displayDial(entry.dial, view.country ?? defaultCountry);
            const label = shown.ext ? `${shown.number} ${t('popup_ext', shown.ext)}` : shown.number;
            return (
              <li key={entry.dial}>
                <span class="what">
                  <span class="mono">{label}</span>
                  <span class="context">{entry.context}</span>
                </span>
                <button
                  type="button"
                  disabled={busy}
                  aria-label={t('popup_page_call', label)}
                  onClick={() => onCall(entry.dial, view.country)}
                >
                  {t('popup_call')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
