/**
 * Labelled form controls shared by the options page and the popup. Each control gets a visible label,
 * its help and its problems tied to it with `aria-describedby`, `aria-invalid` when it has problems,
 * and, when an admin's policy sets it, `disabled` plus the reason in words.
 */
import type { ComponentChildren } from 'preact';
import { t } from '@/lib/i18n/translate';

interface Common {
  id: string;
  label: string;
  help?: ComponentChildren;
  errors?: readonly string[];
  /** Set by the admin's managed policy: shown, not editable. */
  locked?: boolean;
  required?: boolean;
}

function describedBy(id: string, help: unknown, errors: readonly string[] | undefined, locked?: boolean): string {
  return [help ? `${id}-help` : '', errors?.length ? `${id}-error` : '', locked ? `${id}-locked` : '']
    .filter(Boolean)
    .join(' ');
}

function Notes({ id, help, errors, locked }: Pick<Common, 'id' | 'help' | 'errors' | 'locked'>) {
  return (
    <>
      {locked && (
        <p class="locked" id={`${id}-locked`}>
          {t('locked_by_admin')}
        </p>
      )}
      {errors && errors.length > 0 && (
        <ul class="field-errors" id={`${id}-error`}>
          {errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      )}
      {help && (
        <p class="help" id={`${id}-help`}>
          {help}
        </p>
      )}
    </>
  );
}

export interface TextFieldProps extends Common {
  value: string;
  type?: 'text' | 'url' | 'password' | 'email' | 'tel';
  placeholder?: string;
  autoComplete?: string;
  multiline?: boolean;
  onInput: (value: string) => void;
  onBlur?: () => void;
}

/** A labelled text input (or textarea with `multiline`). */
export function TextField(props: TextFieldProps) {
  const { id, label, errors, locked, help } = props;
  const shared = {
    id,
    name: id,
    value: props.value,
    placeholder: props.placeholder,
    disabled: locked,
    required: props.required,
    'aria-invalid': errors && errors.length ? true : undefined,
    'aria-describedby': describedBy(id, help, errors, locked) || undefined,
    onInput: (e: Event) => props.onInput((e.currentTarget as HTMLInputElement).value),
    onBlur: props.onBlur,
    spellcheck: false,
  };
  return (
    <div class={`field${errors?.length ? ' invalid' : ''}`}>
      <label for={id}>
        {label}
        {props.required && <span class="required"> {t('field_required_mark')}</span>}
      </label>
      {props.multiline ? (
        <textarea {...shared} rows={4} />
      ) : (
        <input
          {...shared}
          type={props.type ?? 'text'}
          autoComplete={props.autoComplete ?? 'off'}
          inputMode={props.type === 'tel' ? 'tel' : props.type === 'url' ? 'url' : undefined}
        />
      )}
      <Notes id={id} help={help} errors={errors} locked={locked} />
    </div>
  );
}

export interface SelectFieldProps extends Common {
  value: string;
  options: readonly { value: string; label: string }[];
  onChange: (value: string) => void;
}

/** A labelled select. */
export function SelectField(props: SelectFieldProps) {
  const { id, label, errors, locked, help } = props;
  return (
    <div class={`field${errors?.length ? ' invalid' : ''}`}>
      <label for={id}>{label}</label>
      <select
        id={id}
        name={id}
        value={props.value}
        disabled={locked}
        required={props.required}
        aria-invalid={errors && errors.length ? true : undefined}
        aria-describedby={describedBy(id, help, errors, locked) || undefined}
        onChange={(e) => props.onChange((e.currentTarget as HTMLSelectElement).value)}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <Notes id={id} help={help} errors={errors} locked={locked} />
    </div>
  );
}

export interface CheckboxFieldProps extends Common {
  checked: boolean;
  /** Not usable here for a reason other than policy (the reason goes in `help`). */
  disabled?: boolean;
  onChange: (checked: boolean) => void;
  /** Render as a switch (role="switch"), for settings that take effect at once. */
  asSwitch?: boolean;
}

/** A checkbox with its label beside it. */
export function CheckboxField(props: CheckboxFieldProps) {
  const { id, label, errors, locked, help } = props;
  return (
    <div class={`field checkbox${errors?.length ? ' invalid' : ''}`}>
      <input
        type="checkbox"
        id={id}
        name={id}
        role={props.asSwitch ? 'switch' : undefined}
        checked={props.checked}
        disabled={locked || props.disabled}
        aria-describedby={describedBy(id, help, errors, locked) || undefined}
        onChange={(e) => props.onChange((e.currentTarget as HTMLInputElement).checked)}
      />
      <label for={id}>{label}</label>
      <Notes id={id} help={help} errors={errors} locked={locked} />
    </div>
  );
}
