/** Dialing: default country, auto-answer, confirm, number format, outbound prefix, and a live preview. */
import { useMemo } from 'preact/hooks';
import { CheckboxField, SelectField, TextField } from '@/components/Field';
import { t, tx, uiLanguage } from '@/lib/i18n/translate';
import { PROVIDERS } from '@/lib/providers/registry';
import { NUMBER_FORMATS, type NumberFormat } from '@/lib/settings/schema';
import { countryOptions } from '@/lib/ui/countries';
import { problemsAt, type FormState } from '@/lib/ui/form';
import { previewRows } from '@/lib/ui/preview';
import { fieldId, type FormApi } from './form-api';

export function DialingSection({ api, countryName }: { api: FormApi; countryName: (code: string) => string }) {
  const { dialing } = api.form;
  const countries = useMemo(() => countryOptions(uiLanguage()), []);

  function set<K extends keyof FormState['dialing']>(key: K, value: FormState['dialing'][K]) {
    api.touch(`dialing.${key}`);
    api.update((f) => ({ ...f, dialing: { ...f.dialing, [key]: value } }));
  }

  const type = api.form.providerType;
  const definition = type ? PROVIDERS[type] : undefined;
  // The preview shows what would be sent; with an invalid prefix nothing valid would be saved, so say so.
  const dialingProblems = problemsAt(api.problems, 'dialing');
  const rows = dialingProblems.length
    ? []
    : previewRows(dialing, definition?.capabilities.extensionDialing, definition?.label, countryName);

  return (
    <section aria-labelledby="sec-dialing">
      <h2 id="sec-dialing">{t('section_dialing')}</h2>
      <SelectField
        id={fieldId('dialing.defaultCountry')}
        label={t('dialing_country_label')}
        help={t('dialing_country_help')}
        locked={api.locked('dialing.defaultCountry')}
        errors={api.errorsAt('dialing.defaultCountry')}
        value={dialing.defaultCountry}
        options={countries.map((c) => ({ value: c.code, label: `${c.name} (${c.code})` }))}
        onChange={(v) => set('defaultCountry', v)}
      />
      <CheckboxField
        id={fieldId('dialing.autoAnswer')}
        label={t('dialing_autoanswer_label')}
        help={t('dialing_autoanswer_help')}
        locked={api.locked('dialing.autoAnswer')}
        checked={dialing.autoAnswer}
        onChange={(v) => set('autoAnswer', v)}
      />
      <CheckboxField
        id={fieldId('dialing.confirm')}
        label={t('dialing_confirm_label')}
        help={t('dialing_confirm_help')}
        locked={api.locked('dialing.confirm')}
        checked={dialing.confirm}
        onChange={(v) => set('confirm', v)}
      />
      <SelectField
        id={fieldId('dialing.numberFormat')}
        label={t('dialing_format_label')}
        help={t('dialing_format_help')}
        locked={api.locked('dialing.numberFormat')}
        errors={api.errorsAt('dialing.numberFormat')}
        value={dialing.numberFormat}
        options={NUMBER_FORMATS.map((f) => ({ value: f, label: formatLabel(f) }))}
        onChange={(v) => set('numberFormat', v as NumberFormat)}
      />
      <TextField
        id={fieldId('dialing.outboundPrefix')}
        label={t('dialing_prefix_label')}
        help={t('dialing_prefix_help')}
        type="tel"
        locked={api.locked('dialing.outboundPrefix')}
        errors={api.errorsAt('dialing.outboundPrefix')}
        value={dialing.outboundPrefix}
        onInput={(v) => set('outboundPrefix', v)}
      />
      <div class="preview" aria-live="polite">
        {rows.length === 0 ? (
          <p class="help">{t('preview_unavailable')}</p>
        ) : (
          <table>
            <caption>{t('preview_caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('preview_col_sample')}</th>
                <th scope="col">{t('preview_col_number')}</th>
                <th scope="col">{t('preview_col_sent')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.label.key}>
                  <th scope="row">{tx(row.label)}</th>
                  <td class="mono">{row.shown}</td>
                  <td>
                    {row.sent !== null && <code class="sent">{row.sent}</code>}
                    {row.note && <div class="help">{tx(row.note)}</div>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}

function formatLabel(format: NumberFormat): string {
  if (format === 'e164') return t('dialing_format_e164');
  if (format === 'digits') return t('dialing_format_digits');
  return t('dialing_format_dialable');
}
