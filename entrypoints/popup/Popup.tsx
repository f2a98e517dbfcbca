/**
 * The toolbar popup: a dialer first (the number field has focus when it opens), then the last error, the
 * numbers on the current page, recent calls, the switch for the current site, and the way to the options.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { CheckboxField } from '@/components/Field';
import { t, uiLanguage } from '@/lib/i18n/translate';
import type { DialResponse, HistoryEntry, PopupState } from '@/lib/messages';
import { countryNamer } from '@/lib/ui/countries';
import { dialNumberFor, readDialInput } from '@/lib/ui/dial-input';
import * as api from './api';
import { PageNumbers } from './PageNumbers';

type Load = { phase: 'loading' } | { phase: 'ready'; state: PopupState } | { phase: 'error'; message: string };
type Result = { kind: 'ok' | 'error' | 'info'; text: string } | null;

const RESULT_KIND: Record<DialResponse['status'], 'ok' | 'error' | 'info'> = {
  queued: 'ok',
  failed: 'error',
  cancelled: 'info',
  ignored: 'info',
};

export function Popup() {
  const [load, setLoad] = useState<Load>({ phase: 'loading' });
  const [host, setHost] = useState<string | undefined>();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Result>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const country = useMemo(() => countryNamer(uiLanguage()), []);
  const time = useMemo(() => new Intl.DateTimeFormat(uiLanguage(), { dateStyle: 'short', timeStyle: 'short' }), []);

  async function refresh(forHost = host) {
    try {
      setLoad({ phase: 'ready', state: await api.popupState(forHost) });
    } catch (error) {
      setLoad({ phase: 'error', message: (error as Error).message });
    }
  }

  useEffect(() => {
    void api.activeHost().then((h) => {
      setHost(h);
      return refresh(h);
    });
  }, []);

  const state = load.phase === 'ready' ? load.state : undefined;
  const defaultCountry = state?.defaultCountry ?? 'US';
  const parsed = readDialInput(text, defaultCountry);

  // Focus lands in the number field as soon as it exists (the popup opens with nothing else to do).
  useEffect(() => {
    if (state?.configured) inputRef.current?.focus();
  }, [state?.configured]);

  async function call(number: string, source: 'popup' | 'history', pageCountry?: string) {
    setBusy(true);
    setResult({ kind: 'info', text: t('popup_calling') });
    try {
      const answer = await api.dial(number, source, pageCountry);
      if (!answer || typeof answer.message !== 'string') throw new Error(t('no_answer'));
      // A warning (e.g. the help desk refused the call card) does not undo a placed call; show both.
      const text = answer.warning ? `${answer.message} ${answer.warning}` : answer.message;
      setResult({ kind: RESULT_KIND[answer.status] ?? 'info', text });
    } catch (error) {
      setResult({ kind: 'error', text: t('background_failed', (error as Error).message) });
    } finally {
      setBusy(false);
      void refresh();
    }
  }

  function onSubmit(e: Event) {
    e.preventDefault();
    if (parsed.kind === 'empty') {
      setResult({ kind: 'error', text: t('popup_enter_number') });
      inputRef.current?.focus();
      return;
    }
    void call(dialNumberFor(parsed, text), 'popup');
  }

  if (load.phase === 'loading') {
    return (
      <main class="popup">
        <p role="status">{t('options_loading')}</p>
      </main>
    );
  }

  if (load.phase === 'error') {
    return (
      <main class="popup">
        <h1>{t('extName')}</h1>
        <p class="notice error" role="alert">
          {t('background_failed', load.message)}
        </p>
        <OptionsButton />
      </main>
    );
  }

  const s = load.state;
  if (!s.configured) {
    return (
      <main class="popup setup">
        <h1>{t('extName')}</h1>
        <p>{t('popup_not_configured')}</p>
        <button type="button" class="primary" autoFocus onClick={() => void api.openOptions()}>
          {t('popup_setup')}
        </button>
      </main>
    );
  }

  return (
    <main class="popup">
      <h1 class="visually-hidden">{t('extName')}</h1>
      <form onSubmit={onSubmit}>
        <label for="number">{t('popup_number_label')}</label>
        <div class="dial-row">
          <input
            id="number"
            ref={inputRef}
            type="text"
            inputMode="tel"
            autoComplete="off"
            spellcheck={false}
            value={text}
            aria-describedby="parsed"
            onInput={(e) => setText((e.currentTarget as HTMLInputElement).value)}
          />
          <button type="submit" class="primary" disabled={busy}>
            {t('popup_call')}
          </button>
        </div>
        <p id="parsed" class="parsed" aria-live="polite">
          {parsed.kind === 'number' && (
            <>
              <span class="mono">{parsed.display}</span>
              {parsed.ext && ` ${t('popup_ext', parsed.ext)}`}
              {parsed.country && ` · ${country(parsed.country)}`}
              {!parsed.valid && ` · ${t('popup_maybe_invalid')}`}
            </>
          )}
          {parsed.kind === 'partial' && t('popup_partial', country(defaultCountry))}
        </p>
      </form>

      <div role="status" aria-live="polite">
        {result && <p class={`notice ${result.kind}`}>{result.text}</p>}
      </div>

      {s.lastError && (
        <div class="notice error" data-testid="last-error">
          <strong>{t('popup_last_error', time.format(s.lastError.time))}</strong>
          <p>{s.lastError.message}</p>
        </div>
      )}

      <PageNumbers
        blockedHost={s.site?.blocked ? s.site.host : undefined}
        defaultCountry={defaultCountry}
        busy={busy}
        onCall={(dial, pageCountry) => void call(dial, 'popup', pageCountry)}
      />

      <h2>{t('popup_recent')}</h2>
      {s.history.length === 0 ? (
        <p class="help">{t('popup_no_history')}</p>
      ) : (
        <ul class="history">
          {s.history.slice(0, 10).map((entry) => (
            <HistoryItem
              key={entry.id}
              entry={entry}
              when={time.format(entry.time)}
              busy={busy}
              onRedial={() => void call(entry.number, 'history')}
            />
          ))}
        </ul>
      )}

      <h2>{t('popup_this_site')}</h2>
      <CheckboxField
        id="site-linking"
        asSwitch
        label={s.site ? t('popup_site_switch', s.site.host) : t('popup_site_switch_none')}
        help={!s.site ? t('popup_site_not_web') : s.site.locked ? undefined : t('popup_site_help')}
        locked={s.site?.locked}
        disabled={!s.site}
        checked={s.site ? !s.site.blocked : false}
        onChange={async (on) => {
          if (!s.site) return;
          try {
            const saved = (await api.setSiteBlocked(s.site.host, !on)) as { ok?: boolean } | undefined;
            // Refused over stored settings with problems (issue 15): say so instead of flipping back silently.
            if (saved?.ok === false) setResult({ kind: 'error', text: t('popup_site_not_saved') });
          } catch (error) {
            setResult({ kind: 'error', text: t('background_failed', (error as Error).message) });
          }
          void refresh();
        }}
      />

      <div class="footer">
        <span>
          {s.providerLabel}
          {s.extension && ` · ${t('popup_extension', s.extension)}`}
        </span>
        <OptionsButton />
      </div>
    </main>
  );
}

function resultText(result: HistoryEntry['result']): string {
  if (result === 'queued') return t('popup_result_queued');
  if (result === 'failed') return t('popup_result_failed');
  return t('popup_result_cancelled');
}

function OptionsButton() {
  return (
    <button type="button" onClick={() => void api.openOptions()}>
      {t('popup_options')}
    </button>
  );
}

function HistoryItem({
  entry,
  when,
  busy,
  onRedial,
}: {
  entry: HistoryEntry;
  when: string;
  busy: boolean;
  onRedial: () => void;
}) {
  return (
    <li>
      <span class="what">
        <span class="mono">{entry.display || entry.number}</span>
        <span class="when">
          {when} · {resultText(entry.result)}
        </span>
        {entry.result === 'failed' && entry.message && <span class="failed-note">{entry.message}</span>}
      </span>
      <button
        type="button"
        disabled={busy}
        onClick={onRedial}
        aria-label={t('popup_redial', entry.display || entry.number)}
      >
        {t('popup_redial_short')}
      </button>
    </li>
  );
}
