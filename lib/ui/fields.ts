/**
 * How the options page shows each settings field: its label and help (as `_locales` message names), the
 * input it needs and whether it is required. Derived from PROVIDER_FIELDS / CALL_LOG_FIELDS so a new
 * provider gets a form without touching the page; tests/unit/i18n.test.ts checks every message exists.
 */
import {
  CALL_LOG_FIELDS,
  PROVIDER_FIELDS,
  PROVIDER_TYPES,
  type FieldKind,
  type FieldSpec,
  type ProviderType,
} from '@/lib/settings/schema';

export type Section = 'provider' | 'callLog';

export type InputKind = 'text' | 'url' | 'password' | 'email' | 'tel' | 'select' | 'textarea';

export interface FieldView {
  /** Dotted settings path, e.g. `provider.apiKey`: the key for problems and locks. */
  path: string;
  name: string;
  kind: FieldKind;
  input: InputKind;
  required: boolean;
  labelKey: string;
  helpKey: string;
  /** A non-translated example (URLs, ids) shown as the placeholder. */
  placeholder?: string;
  options?: readonly string[];
}

/** Message-name fragment for a provider or call-log type (message names allow only [A-Za-z0-9_@]). */
export function typeKey(type: string): string {
  return type.replace(/[^A-Za-z0-9]/g, '_');
}

const INPUT: Record<FieldKind, InputKind> = {
  url: 'url',
  secret: 'password',
  text: 'text',
  optionalText: 'text',
  extension: 'tel',
  optionalExtension: 'tel',
  email: 'email',
  method: 'select',
  headers: 'textarea',
  body: 'textarea',
  // Not `url`: the browser's URL check would flag the `{number}` placeholder.
  urlTemplate: 'text',
};

const OPTIONAL_KINDS: readonly FieldKind[] = ['optionalText', 'optionalExtension', 'headers', 'body'];

function view(section: Section, type: string, name: string, spec: FieldSpec): FieldView {
  const base = `field_${typeKey(type)}_${name}`;
  return {
    path: `${section}.${name}`,
    name,
    kind: spec.kind,
    input: INPUT[spec.kind],
    // A field with a default may be left as it is; the others must be filled in.
    required: !OPTIONAL_KINDS.includes(spec.kind) && spec.default === undefined,
    labelKey: `${base}_label`,
    helpKey: `${base}_help`,
    placeholder: spec.placeholder,
    options: spec.kind === 'method' ? ['GET', 'POST', 'PUT'] : undefined,
  };
}

/** The fields of one provider, in the schema's order. */
export function providerFieldViews(type: ProviderType): FieldView[] {
  return Object.entries(PROVIDER_FIELDS[type]).map(([name, spec]) => view('provider', type, name, spec));
}

/** The fields of the HelpDeskEddy call log. */
export function callLogFieldViews(): FieldView[] {
  return Object.entries(CALL_LOG_FIELDS.helpdeskeddy).map(([name, spec]) =>
    view('callLog', 'helpdeskeddy', name, spec),
  );
}

/** Message names for a provider's name in the picker, its one-line description and its number format. */
export function providerTextKeys(type: ProviderType): { name: string; intro: string; format: string } {
  const key = typeKey(type);
  return { name: `provider_${key}_name`, intro: `provider_${key}_intro`, format: `provider_${key}_format` };
}

/** Every message name built at run time by this module, for the i18n completeness test. */
export function dynamicFieldMessageKeys(): string[] {
  const keys: string[] = [];
  for (const type of PROVIDER_TYPES) {
    const t = providerTextKeys(type);
    keys.push(t.name, t.intro, t.format);
    for (const f of providerFieldViews(type)) keys.push(f.labelKey, f.helpKey);
  }
  for (const f of callLogFieldViews()) keys.push(f.labelKey, f.helpKey);
  return keys;
}
