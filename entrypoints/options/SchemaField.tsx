/** One provider or call-log field, drawn from its {@link FieldView}. */
import { SelectField, TextField } from '@/components/Field';
import { t } from '@/lib/i18n/translate';
import type { FieldView } from '@/lib/ui/fields';
import { fieldId, type FormApi } from './form-api';

export function SchemaField({
  api,
  view,
  value,
  onInput,
}: {
  api: FormApi;
  view: FieldView;
  value: string;
  onInput: (value: string) => void;
}) {
  const common = {
    id: fieldId(view.path),
    label: t(view.labelKey),
    help: t(view.helpKey),
    errors: api.errorsAt(view.path),
    locked: api.locked(view.path),
    required: view.required,
  };
  const input = (v: string) => {
    api.touch(view.path);
    onInput(v);
  };
  if (view.input === 'select') {
    return (
      <SelectField
        {...common}
        value={value}
        options={(view.options ?? []).map((o) => ({ value: o, label: o }))}
        onChange={input}
      />
    );
  }
  return (
    <TextField
      {...common}
      value={value}
      type={view.input === 'textarea' ? undefined : view.input}
      multiline={view.input === 'textarea'}
      placeholder={view.placeholder}
      autoComplete={view.input === 'password' ? 'new-password' : 'off'}
      onInput={input}
      onBlur={() => api.touch(view.path)}
    />
  );
}
