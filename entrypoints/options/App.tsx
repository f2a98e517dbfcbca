/**
 * The options page: one form over the settings document. Validation is the settings validator's own,
 * run on every change; Save writes only a valid document and never touches the form, so a failed save
 * loses nothing.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { t, uiLanguage } from '@/lib/i18n/translate';
import { isLocked } from '@/lib/settings/managed';
import type { Settings } from '@/lib/settings/schema';
import type { SettingsProblem } from '@/lib/settings/validate';
import { afterPointer } from '@/lib/ui/after-pointer';
import { countryNamer } from '@/lib/ui/countries';
import { callLogFieldViews, providerFieldViews } from '@/lib/ui/fields';
import { emptyForm, problemsAt, settingsToForm, unplacedProblems, validateForm, type FormState } from '@/lib/ui/form';
import { requiredOrigins } from '@/lib/settings/permissions';
import { fieldId, type FormApi } from './form-api';
import * as api from './api';
import { ProviderSection } from './ProviderSection';
import { DialingSection } from './DialingSection';
import { PagesSection } from './PagesSection';
import { CallLogSection } from './CallLogSection';
import { TransferSection } from './TransferSection';

type Status = { kind: 'ok' | 'error' | 'info'; text: string } | null;

export function App() {
  const [form, setForm] = useState<FormState | null>(null);
  const [saved, setSaved] = useState<Settings | null>(null);
  const [locked, setLocked] = useState<string[]>([]);
  const [loadProblems, setLoadProblems] = useState<SettingsProblem[]>([]);
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [showAll, setShowAll] = useState(false);
  const [status, setStatus] = useState<Status>(null);
  const [saving, setSaving] = useState(false);
  const [missing, setMissing] = useState<string[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const welcome = useMemo(() => new URLSearchParams(location.search).get('welcome') === '1', []);
  // A field's problems show when it loses focus, but not in the middle of the click that took the focus away
  // (they would push Save down under the pointer and the click would be lost): lib/ui/after-pointer.ts.
  const touchLater = useMemo(() => afterPointer(window, (task) => void setTimeout(task, 0)), []);
  useEffect(() => () => touchLater.dispose(), [touchLater]);

  async function refreshPermissions(settings: Settings) {
    setMissing(await api.missingOrigins(requiredOrigins(settings)));
  }

  useEffect(() => {
    api
      .load()
      .then((effective) => {
        // formSettings: where a policy started a provider, the admin's values with the user's fields to fill.
        setForm(settingsToForm(effective.formSettings));
        setSaved(effective.settings);
        setLocked(effective.locked);
        setLoadProblems([...effective.storedProblems, ...effective.policyProblems]);
        void refreshPermissions(effective.settings);
      })
      .catch((error: Error) => {
        setLoadError(error.message);
        setForm(emptyForm());
      });
  }, []);

  const result = useMemo(() => (form ? validateForm(form) : null), [form]);
  const problems = result && !result.ok ? result.problems : [];

  // Which origins of the form's current settings the browser already allows, kept up to date as the user
  // types, so Save can tell synchronously whether it must ask (see onSave).
  const [allowed, setAllowed] = useState<Record<string, boolean>>({});
  const formOrigins = result?.ok ? requiredOrigins(result.settings).join(' ') : '';
  useEffect(() => {
    const origins = formOrigins.split(' ').filter(Boolean);
    let stale = false;
    void api.missingOrigins(origins).then((missingNow) => {
      if (stale) return;
      setAllowed((known) => {
        const next = { ...known };
        for (const origin of origins) next[origin] = !missingNow.includes(origin);
        return next;
      });
    });
    return () => {
      stale = true;
    };
  }, [formOrigins]);

  if (!form || !result) {
    return (
      <main class="options">
        <h1>{t('options_title')}</h1>
        <p role="status">{loadError ? t('options_load_failed', loadError) : t('options_loading')}</p>
      </main>
    );
  }

  const formApi: FormApi = {
    form,
    update(change) {
      setForm((current) => (current ? change(current) : current));
      setStatus(null);
    },
    touch(path) {
      touchLater.run(() => setTouched((s) => (s.has(path) ? s : new Set(s).add(path))));
    },
    errorsAt(path) {
      if (!showAll && ![...touched].some((edited) => edited === path || edited.startsWith(`${path}.`))) return [];
      return problemsAt(problems, path);
    },
    locked: (path) => isLocked(locked, path),
    document: result.document,
    problems,
  };

  const visiblePaths = [
    'provider.type',
    ...(form.providerType ? providerFieldViews(form.providerType).map((f) => f.path) : []),
    'dialing.defaultCountry',
    'dialing.autoAnswer',
    'dialing.confirm',
    'dialing.numberFormat',
    'dialing.outboundPrefix',
    'pages.linkify',
    'pages.telLinks',
    'pages.blockedSites',
    ...(form.callLogEnabled ? callLogFieldViews().map((f) => f.path) : []),
    'callLog',
  ];

  async function onSave() {
    if (!form) return;
    const check = validateForm(form);
    if (!check.ok) {
      setShowAll(true);
      setStatus({ kind: 'error', text: t('save_invalid', String(check.problems.length)) });
      // Move focus to the first field with a problem, or to the summary of problems.
      const first = visiblePaths.find((p) => problemsAt(check.problems, p).length > 0);
      requestAnimationFrame(() => {
        const el = first ? document.getElementById(fieldId(first)) : summaryRef.current;
        el?.focus();
      });
      return;
    }
    setSaving(true);
    // Ask for host access first, synchronously in the click (see api.requestOrigins), and only for origins
    // not known to be allowed already, so an allowed host never brings up a prompt. Saving does not wait
    // for the answer: a refused (or unanswered) prompt never costs the user their settings.
    const needed = requiredOrigins(check.settings);
    const permission = api.requestOrigins(needed.filter((origin) => allowed[origin] !== true));
    try {
      const outcome = await api.save(check.document);
      if (!outcome.ok) {
        setShowAll(true);
        // A refusal of the whole document (stored settings with problems) says why in its own words.
        const whole = outcome.problems.find((p) => !p.path);
        setStatus({ kind: 'error', text: whole?.message ?? t('save_invalid', String(outcome.problems.length)) });
        return;
      }
      setSaved(outcome.settings);
      setStatus({ kind: 'ok', text: t('save_done') });
      // Say at once what is not allowed yet; the prompt's answer (below) may take a while, or never come.
      setMissing(await api.missingOrigins(requiredOrigins(outcome.settings)));
    } catch (error) {
      setStatus({ kind: 'error', text: t('save_failed', (error as Error).message) });
      return;
    } finally {
      setSaving(false);
    }
    setMissing(await permission);
  }

  async function onAllow() {
    setMissing(await api.requestOrigins(missing));
  }

  const country = countryNamer(uiLanguage());
  const stray = unplacedProblems(problems, visiblePaths);

  return (
    <main class="options">
      <header>
        <h1>{t('options_title')}</h1>
        <p class="lead">{t('options_lead')}</p>
      </header>

      {welcome && (
        <section class="notice welcome" aria-labelledby="welcome-title">
          <h2 id="welcome-title">{t('welcome_title')}</h2>
          <ol>
            <li>{t('welcome_step_provider')}</li>
            <li>{t('welcome_step_test')}</li>
            <li>{t('welcome_step_use')}</li>
          </ol>
        </section>
      )}

      {loadError && <p class="notice error">{t('options_load_failed', loadError)}</p>}
      {loadProblems.length > 0 && (
        <div class="notice error">
          <p>{t('options_stored_problems')}</p>
          <ul>
            {loadProblems.map((p) => (
              <li key={`${p.path}:${p.message}`}>
                <code>{p.path}</code>: {p.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {locked.length > 0 && <p class="notice">{t('options_managed')}</p>}

      {missing.length > 0 && (
        <div class="notice error" role="alert">
          <p>{t('permission_missing', missing.map((m) => m.replace('/*', '')).join(', '))}</p>
          <button type="button" onClick={onAllow}>
            {t('permission_allow')}
          </button>
        </div>
      )}

      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void onSave();
        }}
      >
        <ProviderSection api={formApi} />
        <DialingSection api={formApi} countryName={country} />
        <PagesSection api={formApi} />
        <CallLogSection api={formApi} />

        <div class="save-bar">
          <button type="submit" class="primary" disabled={saving}>
            {t('save')}
          </button>
          <span role="status" aria-live="polite" class={`status ${status?.kind ?? ''}`}>
            {status?.text ?? ''}
          </span>
        </div>
        {showAll && problems.length > 0 && (
          <div class="notice error" tabIndex={-1} ref={summaryRef} aria-labelledby="problems-title">
            <h2 id="problems-title" class="small">
              {t('problems_title')}
            </h2>
            <ul>
              {problems.map((p) => (
                <li key={`${p.path}:${p.message}`}>
                  {!stray.includes(p) ? (
                    <a
                      href={`#${fieldId(closestField(p.path, visiblePaths))}`}
                      onClick={(e) => {
                        e.preventDefault();
                        document.getElementById(fieldId(closestField(p.path, visiblePaths)))?.focus();
                      }}
                    >
                      <code>{p.path}</code>
                    </a>
                  ) : (
                    <code>{p.path || t('problems_document')}</code>
                  )}
                  : {p.message}
                </li>
              ))}
            </ul>
          </div>
        )}
      </form>

      <TransferSection
        api={formApi}
        saved={saved}
        onImported={(settings, note) => {
          setForm(settingsToForm(settings));
          setSaved(settings);
          setTouched(new Set());
          setShowAll(false);
          setStatus({ kind: 'ok', text: note });
          void refreshPermissions(settings);
        }}
        onNeedsSecrets={(settings, note) => {
          // Not saved: what is stored keeps working until the person types the credentials and saves.
          setForm(settingsToForm(settings));
          setTouched(new Set());
          setShowAll(true);
          setStatus({ kind: 'error', text: note });
        }}
      />
    </main>
  );
}

/** The form field a problem path belongs to (`provider.headers.X` → `provider.headers`). */
function closestField(path: string, fields: readonly string[]): string {
  return fields.find((f) => problemsAt([{ path, message: '' }], f).length > 0) ?? path;
}
