/**
 * How a settings field is described: the validator checks it by its kind, the options page builds its input from
 * it. A leaf module (no imports), so provider files can declare their own fields without importing the settings
 * schema, which builds its tables from the provider registry (issue 16: no cycle schema ↔ providers).
 */

/** Field kinds the validator knows; each provider field is described by one. */
export type FieldKind =
  | 'url' // http(s) URL with a host
  | 'secret' // non-empty string, never logged or exported by default
  | 'text' // non-empty string
  | 'optionalText' // may be empty
  | 'extension' // dialable extension: digits, *, #
  | 'optionalExtension'
  | 'email'
  | 'method'
  | 'headers'
  | 'body'
  | 'urlTemplate';

export interface FieldSpec {
  kind: FieldKind;
  /** Default when the key is missing; absent means the key is required. */
  default?: string | Record<string, string>;
  /**
   * A credential whatever its kind (issue 14): left out of exports without secrets, never put in ids, history,
   * logs, notifications or call cards. Fields of kind `secret` are credentials without saying so.
   */
  secret?: true;
  /** A non-translated example (addresses, ids) the options page shows as the placeholder. */
  placeholder?: string;
}

/** A problem found by a provider's own cross-field rules, tied to one of its fields. */
export interface FieldProblem {
  /** The settings field the problem is in. */
  field: string;
  message: string;
}

export type NumberFormat = 'e164' | 'digits' | 'dialable';

/** A provider's settings fields but `type`, in the order the options page shows them (`satisfies FieldTable`). */
export type FieldTable = Record<string, FieldSpec>;

/** What a field of this spec holds in the settings document. */
export type FieldValue<S extends FieldSpec> = S['kind'] extends 'headers'
  ? Record<string, string>
  : S['kind'] extends 'method'
    ? 'GET' | 'POST' | 'PUT'
    : string;

/**
 * A provider's settings (its `provider` section of the settings document), read off its field table: each field
 * is declared once, with its comment, in the table the validator and the options page use.
 */
export type SettingsFrom<T extends string, F extends FieldTable> = { type: T } & {
  -readonly [K in keyof F]: FieldValue<F[K]>;
};
