/** Call log: an optional HelpDeskEddy call card for each call placed. */
import { CheckboxField } from '@/components/Field';
import { t } from '@/lib/i18n/translate';
import { callLogFieldViews } from '@/lib/ui/fields';
import { fieldId, type FormApi } from './form-api';
import { SchemaField } from './SchemaField';

export function CallLogSection({ api }: { api: FormApi }) {
  const { form } = api;
  return (
    <section aria-labelledby="sec-calllog">
      <h2 id="sec-calllog">{t('section_calllog')}</h2>
      <CheckboxField
        id={fieldId('callLog')}
        label={t('calllog_enable_label')}
        help={t('calllog_enable_help')}
        locked={api.locked('callLog')}
        checked={form.callLogEnabled}
        onChange={(v) => {
          api.touch('callLog');
          api.update((f) => ({ ...f, callLogEnabled: v }));
        }}
      />
      {form.callLogEnabled && (
        <fieldset class="provider-fields">
          <legend>{t('provider_fields_legend', 'HelpDeskEddy')}</legend>
          {callLogFieldViews().map((view) => (
            <SchemaField
              key={view.name}
              api={api}
              view={view}
              value={form.callLog[view.name] ?? ''}
              onInput={(v) => api.update((f) => ({ ...f, callLog: { ...f.callLog, [view.name]: v } }))}
            />
          ))}
        </fieldset>
      )}
    </section>
  );
}
