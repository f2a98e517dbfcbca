/**
 * Import and Export of the settings document. Export writes what the form holds (once valid), without
 * credentials unless the user ticks the box; Import validates the whole file first, and a file with any
 * problem changes nothing.
 */
import { useRef, useState } from 'preact/hooks';
import { CheckboxField } from '@/components/Field';
import { t } from '@/lib/i18n/translate';
import type { Settings } from '@/lib/settings/schema';
import type { SettingsProblem } from '@/lib/settings/validate';
import { validateForm } from '@/lib/ui/form';
import { EXPORT_FILE_NAME, exportSettings, importSettings } from '@/lib/ui/transfer';
import * as api from './api';
import type { FormApi } from './form-api';

type Outcome = { kind: 'error'; text: string; problems?: SettingsProblem[] } | { kind: 'ok'; text: string } | null;

export function TransferSection({
  api: formApi,
  saved,
  onImported,
  onNeedsSecrets,
}: {
  api: FormApi;
  saved: Settings | null;
  onImported: (settings: Settings, note: string) => void;
  /** The file names another address: its settings go into the form, unsaved, for the credentials to be typed. */
  onNeedsSecrets: (settings: Settings, note: string) => void;
}) {
  const [includeSecrets, setIncludeSecrets] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const fileRef = useRef<HTMLInputElement>(null);

  function onExport() {
    const check = validateForm(formApi.form);
    if (!check.ok) {
      setOutcome({ kind: 'error', text: t('export_invalid'), problems: check.problems });
      return;
    }
    api.download(EXPORT_FILE_NAME, exportSettings(check.settings, includeSecrets));
    setOutcome({ kind: 'ok', text: includeSecrets ? t('export_done_secrets') : t('export_done') });
  }

  async function onFile(file: File | undefined) {
    if (!file || !saved) return;
    const text = await file.text();
    if (fileRef.current) fileRef.current.value = '';
    const result = importSettings(text, saved);
    if (!result.ok && result.incomplete && result.clearedSecrets?.length) {
      const note = t('import_needs_secrets', file.name, result.clearedSecrets.join(', '));
      setOutcome({ kind: 'error', text: note });
      onNeedsSecrets(result.incomplete, note);
      return;
    }
    if (!result.ok) {
      setOutcome({ kind: 'error', text: t('import_invalid', file.name), problems: result.problems });
      return;
    }
    try {
      const stored = await api.save(result.settings);
      if (!stored.ok) {
        setOutcome({ kind: 'error', text: t('import_invalid', file.name), problems: stored.problems });
        return;
      }
      const kept = result.keptSecrets.length ? ` ${t('import_kept_secrets', result.keptSecrets.join(', '))}` : '';
      const note = `${t('import_done', file.name)}${kept}`;
      setOutcome({ kind: 'ok', text: note });
      onImported(stored.settings, note);
    } catch (error) {
      setOutcome({ kind: 'error', text: t('save_failed', (error as Error).message) });
    }
  }

  return (
    <section aria-labelledby="sec-transfer">
      <h2 id="sec-transfer">{t('section_transfer')}</h2>
      <p class="help">{t('transfer_help')}</p>
      <CheckboxField
        id="export-secrets"
        label={t('export_secrets_label')}
        help={t('export_secrets_help')}
        checked={includeSecrets}
        onChange={setIncludeSecrets}
      />
      <div class="buttons">
        <button type="button" onClick={onExport}>
          {t('export_button')}
        </button>
      </div>
      <div class="field">
        <label for="import-file">{t('import_button')}</label>
        <input
          id="import-file"
          ref={fileRef}
          type="file"
          accept="application/json,.json"
          aria-describedby="import-help"
          onChange={(e) => void onFile((e.currentTarget as HTMLInputElement).files?.[0])}
        />
        <p class="help" id="import-help">
          {t('import_help')}
        </p>
      </div>
      <div role="status" aria-live="polite">
        {outcome && (
          <div class={`notice ${outcome.kind}`} data-testid="transfer-outcome">
            <p>{outcome.text}</p>
            {outcome.kind === 'error' && outcome.problems && (
              <ul>
                {outcome.problems.map((p) => (
                  <li key={`${p.path}:${p.message}`}>
                    <code>{p.path || t('problems_document')}</code>: {p.message}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </div>
    </section>
  );
}
